# juesuan: every set-up step lives here, so that a machine with only the Swift toolchain can run
# `make demo` and `make test`.
SWIFT      ?= swift
CONFIG     ?= debug
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_SYSTEM := libzip-dev libxml2-dev pkg-config
APT_TEST   := libreoffice-calc-nogui
BIN        := .build/$(CONFIG)/juesuan
SAMPLE     := Sources/Accounts/Resources/samples/xiqu-jiuye-2021.yaml

.PHONY: all build demo test deps test-deps clean template

all: build

# Install the C libraries the package links (libzip, libxml2) when pkg-config cannot find them.
deps:
	@if ! command -v pkg-config >/dev/null || ! pkg-config --exists libzip libxml-2.0; then \
	  echo "安装系统依赖: $(APT_SYSTEM)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_SYSTEM); \
	fi

# Tests drive the real LibreOffice (soffice) to re-save and read back generated workbooks.
test-deps: deps
	@if ! command -v soffice >/dev/null; then \
	  echo "安装测试依赖: $(APT_TEST)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_TEST); \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

demo: build
	@mkdir -p Output
	$(BIN) export $(SAMPLE) --force
	@echo "示例单位的决算表已导出到 Output/"

# Regenerate the built-in template from TemplateBuilder (a test checks the committed file matches).
template: build
	$(BIN) build-template Templates/sichuan-2021/template.xlsx

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build

# Benchmarks against the anchors (docs/benchmarks.md). Installs what it needs: the Python anchors
# into a venv under .build-bench, libxlsxwriter (C) and GNU time from Debian, then builds in release.
BENCH_UNITS ?= 100 1000
BENCH_VENV  := .build-bench/venv
.PHONY: bench bench-deps

bench-deps: deps
	@if [ ! -x $(BENCH_VENV)/bin/python ]; then python3 -m venv $(BENCH_VENV); fi
	@$(BENCH_VENV)/bin/python -c "import xlsxwriter, python_calamine, openpyxl" 2>/dev/null || \
	  $(BENCH_VENV)/bin/pip install -q xlsxwriter python-calamine openpyxl
	@if [ ! -f /usr/include/xlsxwriter.h ] || [ ! -x /usr/bin/time ]; then \
	  echo "安装基准测试依赖: libxlsxwriter-dev time"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libxlsxwriter-dev time; \
	fi

bench: bench-deps
	$(SWIFT) build -c release --product juesuan
	$(SWIFT) build -c release --product juesuan-bench
	BENCH_UNITS="$(BENCH_UNITS)" BENCH_PYTHON=$(BENCH_VENV)/bin/python bash bench/run.sh
