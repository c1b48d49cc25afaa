# juesuan: every set-up step lives here, so that a machine with only the Swift toolchain can run
# `make demo` and `make test`.
# The toolchain on PATH, or where this project's machines install it.
SWIFT      ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
CONFIG     ?= debug
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_SYSTEM := libzip-dev zlib1g-dev libxml2-dev libyaml-dev pkg-config
APT_TEST   := libreoffice-calc-nogui chromium fonts-wqy-microhei poppler-utils
BIN        := .build/$(CONFIG)/juesuan
SAMPLE     := Sources/Accounts/Resources/samples/xiqu-jiuye-2021.yaml
NARRATIVE  := Sources/Accounts/Resources/samples/xiqu-jiuye-2021-narrative.docx
DEMO_NAME  := 2021-510403-001-攀枝花市西区就业创业促进中心
DEMO_XLSX  := Output/$(DEMO_NAME).xlsx

.PHONY: all build demo test deps test-deps clean fuzz template

all: build

# apt-get as root; `env` inside sudo, because sudo drops DEBIAN_FRONTEND from the environment.
APT_GET    := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

# Installs the Debian packages among $(1) that are not installed yet (one apt run, only when needed).
# A user who is neither root nor has sudo is told what to install, not "sudo: not found".
define apt_ensure
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ -n "$(SUDO)" ] && ! command -v sudo >/dev/null; then \
	    echo "缺少系统依赖:$$missing。本机没有 sudo：请以 root 运行 apt-get update && apt-get install -y$$missing，再重试。" >&2; \
	    exit 1; \
	  fi; \
	  echo "安装系统依赖:$$missing"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing; \
	fi
endef

# The C libraries the package links (libzip, libxml2, libyaml).
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

# Tests write scratch files under TMPDIR: give them one folder per run and remove it afterwards,
# whatever the outcome, so repeated runs leave nothing behind in /tmp.
test: test-deps
	$(SWIFT) build --build-tests
	@scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/juesuan-test.XXXXXX") && \
	  TMPDIR="$$scratch" $(SWIFT) test --skip-build; status=$$?; rm -rf "$$scratch"; exit $$status

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
	    $(APT_GET) update -qq && $(APT_GET) install -y -qq python3-venv && \
	    python3 -m venv $(BENCH_VENV); }; \
	fi
	@$(BENCH_VENV)/bin/python -c "import xlsxwriter, python_calamine, openpyxl" 2>/dev/null || \
	  $(BENCH_VENV)/bin/pip install -q xlsxwriter python-calamine openpyxl

bench: bench-deps
	$(SWIFT) build -c release --product juesuan
	$(SWIFT) build -c release --product juesuan-bench
	BENCH_UNITS="$(BENCH_UNITS)" BENCH_PYTHON=$(BENCH_VENV)/bin/python bash bench/run.sh
