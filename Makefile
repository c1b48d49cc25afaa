# juesuan: every set-up step lives here, so that a machine with only the Swift toolchain can run
# `make demo` and `make test`.
# The toolchain on PATH, or where this project's machines install it.
SWIFT      ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
CONFIG     ?= debug
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_SYSTEM := libzip-dev libxml2-dev pkg-config
APT_TEST   := libreoffice-calc-nogui chromium fonts-wqy-microhei
BIN        := .build/$(CONFIG)/juesuan
SAMPLE     := Sources/Accounts/Resources/samples/xiqu-jiuye-2021.yaml
NARRATIVE  := Sources/Accounts/Resources/samples/xiqu-jiuye-2021-narrative.docx
DEMO_NAME  := 2021-510403-001-攀枝花市西区就业创业促进中心
DEMO_XLSX  := Output/$(DEMO_NAME).xlsx

.PHONY: all build demo test deps test-deps clean fuzz template

all: build

# Installs the Debian packages among $(1) that are not installed yet (one apt run, only when needed).
define apt_ensure
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "安装系统依赖:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

# The C libraries the package links (libzip, libxml2).
deps:
	$(call apt_ensure,$(APT_SYSTEM))

# Tests drive the real LibreOffice (soffice) to re-save and read back generated workbooks, and a
# headless Chromium (with a CJK font, or Chinese renders as boxes) to render the HTML report.
test-deps: deps
	$(call apt_ensure,$(APT_TEST))

build: deps
	$(SWIFT) build -c $(CONFIG)

# The main job on the sample unit: export its workbook, then check it against its narrative.
# check exits 1 when it finds errors: the real sample narrative has some, so 1 is a success here.
demo: build
	@mkdir -p Output
	$(BIN) export $(SAMPLE) --force
	@$(BIN) check "$(DEMO_XLSX)" --narrative $(NARRATIVE) --data $(SAMPLE) \
	  --json Output/$(DEMO_NAME)-核对.json --html Output/$(DEMO_NAME)-核对.html \
	  --annotate Output/$(DEMO_NAME)-核对.xlsx --force; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "示例单位的决算表与核对报告已写到 Output/"

# Regenerate the built-in template from TemplateBuilder (a test checks the committed file matches).
template: build
	$(BIN) build-template Templates/sichuan-2021/template.xlsx

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# libFuzzer targets (Fuzz/, docs/fuzzing.md): `make fuzz FUZZ_SECONDS=60 [FUZZ_TARGETS="FuzzWorkbook …"]`.
# Built separately in .build-fuzz with -sanitize=fuzzer; never part of `swift build` or `make test`.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: deps
	Fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz

# Benchmarks against the anchors (docs/benchmarks.md). Installs what it needs: the Python anchors
# into a venv under .build-bench, libxlsxwriter (C) and GNU time from Debian, then builds in release.
BENCH_UNITS ?= 100 1000
BENCH_VENV  := .build-bench/venv
.PHONY: bench bench-deps

bench-deps: deps
	$(call apt_ensure,libxlsxwriter-dev time)
	@if [ ! -x $(BENCH_VENV)/bin/python ]; then \
	  python3 -m venv $(BENCH_VENV) 2>/dev/null || { \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv && \
	    python3 -m venv $(BENCH_VENV); }; \
	fi
	@$(BENCH_VENV)/bin/python -c "import xlsxwriter, python_calamine, openpyxl" 2>/dev/null || \
	  $(BENCH_VENV)/bin/pip install -q xlsxwriter python-calamine openpyxl

bench: bench-deps
	$(SWIFT) build -c release --product juesuan
	$(SWIFT) build -c release --product juesuan-bench
	BENCH_UNITS="$(BENCH_UNITS)" BENCH_PYTHON=$(BENCH_VENV)/bin/python bash bench/run.sh
