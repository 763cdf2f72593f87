# planscope — see README.md. `make run` and `make test` work on a fresh Debian machine.
SHELL := /bin/bash
# Swift 6.3 lives in /opt/swift on this project's machines; a fresh shell may not have it on PATH.
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
APT_PACKAGES := libxml2-dev zlib1g-dev pkg-config libsqlite3-dev libssl-dev libpoppler-glib-dev
BENCH_PACKAGES := opencc pandoc time poppler-utils
# What `make test` needs beyond the build: headless Chromium renders comparison.html (with a
# CJK font for its screenshot). Not installed by `make run`.
TEST_PACKAGES := chromium fonts-wqy-microhei python3
BENCH_ARGS ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CORPUS ?= corpus
OUTPUT ?= output
# Parallel compile jobs (`make static JOBS=1` on a shared machine); empty: one per core.
JOBS ?=
SWIFT_BUILD = $(SWIFT) build $(if $(JOBS),-j $(JOBS))
STATIC_DIR := .build-static
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= text zip wordml extract

.PHONY: setup build static run test test-tools golden lint score score-dev spark-example clean check-asan bench bench-quick bench-tools fuzz-build fuzz

## setup: install the system libraries planscope links (apt), only when missing
setup:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
	  echo "installing $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); }

## build: release build of the planscope executable
build: setup
	$(SWIFT_BUILD) -c release --product planscope

## static: release build with the Swift runtime linked in, packed with its lexicon bundle into
## .build-static/planscope-static.tar.gz; runs on Debian without Swift (needs the apt packages
## libxml2 zlib1g libsqlite3-0 libssl3). Unpack anywhere: the bundle must stay next to the binary.
# Copies keep modification times: the cache fingerprint includes the binary's size and mtime.
static: setup
	$(SWIFT_BUILD) -c release --static-swift-stdlib --build-path $(STATIC_DIR) --product planscope
	rm -rf $(STATIC_DIR)/package && mkdir -p $(STATIC_DIR)/package
	cp -p $(STATIC_DIR)/release/planscope $(STATIC_DIR)/package/
	cp -pR $(STATIC_DIR)/release/planscope_PlanScope.resources $(STATIC_DIR)/package/
	@if ldd $(STATIC_DIR)/package/planscope | grep libswift; then \
	  echo "static: the binary still links the Swift runtime dynamically" >&2; exit 1; fi
	env -i $(STATIC_DIR)/package/planscope extract --text "到2025年，农膜回收率达到85%以上。" >/dev/null
	tar --sort=name --owner=0 --group=0 --numeric-owner -C $(STATIC_DIR)/package \
	  -cf - planscope planscope_PlanScope.resources | gzip -n > $(STATIC_DIR)/planscope-static.tar.gz
	@echo "static: $(STATIC_DIR)/planscope-static.tar.gz (planscope + planscope_PlanScope.resources)"

## run: the main job: every plan in corpus/ into output/
run: build
	.build/release/planscope run $(CORPUS) -o $(OUTPUT)

## bench: the benchmark suite (issue sizes; tens of minutes today) as a Markdown report on
## stdout, also kept in .build/bench/report.md; extra options in BENCH_ARGS
bench: build bench-tools
	.build/release/planscope bench $(BENCH_ARGS)

## bench-quick: the same measurements on small corpora (a minute or two)
bench-quick: build bench-tools
	.build/release/planscope bench --quick $(BENCH_ARGS)

## bench-tools: the reference tools the benchmark compares against, and GNU time for peak memory
bench-tools:
	@dpkg -s $(BENCH_PACKAGES) >/dev/null 2>&1 || { \
	  echo "installing $(BENCH_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BENCH_PACKAGES); }

## test: the whole test suite (installs TEST_PACKAGES when missing)
test: setup test-tools
	$(SWIFT) test

## test-tools: what the tests need beyond the build (headless Chromium for comparison.html)
test-tools:
	@dpkg -s $(TEST_PACKAGES) >/dev/null 2>&1 || { \
	  echo "installing $(TEST_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(TEST_PACKAGES); }

## check-asan: the test suite under AddressSanitizer (LeakSanitizer included on Linux)
check-asan: setup
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan.supp:print_suppressions=1 \
	  $(SWIFT) test --sanitize=address --build-path .build-asan

## golden: rewrite the expected files under Tests/PlanScopeTests/Golden (review the diff!)
golden: setup
	UPDATE_GOLDEN=1 $(SWIFT) test --filter Golden

## lint: swift format in lint mode
lint:
	$(SWIFT) format lint --recursive Sources Tests

## score: seed gold score of output/dataset.json (needs ../shared)
score:
	python3 ../shared/eval/score.py $(OUTPUT)/dataset.json ../shared/gold/seeds.gold.json --verbose

## score-dev: build, run planscope on the shared dev set (../shared/dev/texts) into a temp
## folder and print the scorer's summary against ../shared/dev/gold.json (VERBOSE=1 for misses)
SHARED ?= ../shared
score-dev: build
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  .build/release/planscope run $(SHARED)/dev/texts -o "$$tmp" -q --no-cache && \
	  python3 $(SHARED)/eval/score.py "$$tmp/dataset.json" $(SHARED)/dev/gold.json $(if $(VERBOSE),--verbose)

## spark-example: the PySpark recipe in examples/spark on corpus/, checked against one
## `planscope run`; installs PySpark (~320 MB, PyPI) and Java 17 (apt) if missing. Not in `test`.
spark-example:
	examples/spark/run.sh

## fuzz-build: libFuzzer + ASan builds of the Tests/Fuzz targets into .build-fuzz (never part of `swift build`)
fuzz-build: setup
	@command -v python3 >/dev/null || $(SUDO) apt-get install -y -qq python3  # seeds the corpora
	Tests/Fuzz/fuzz.sh build $(FUZZ_TARGETS)

## fuzz: run each fuzz target for FUZZ_SECONDS, one after another; findings in .build-fuzz/artifacts
fuzz: fuzz-build
	Tests/Fuzz/fuzz.sh run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz $(STATIC_DIR)
