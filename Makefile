# planscope — see README.md. `make run` and `make test` work on a fresh Debian machine.
SHELL := /bin/bash
# Swift 6.3 lives in /opt/swift on this project's machines; a fresh shell may not have it on PATH.
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
APT_PACKAGES := libxml2-dev zlib1g-dev pkg-config libsqlite3-dev
BENCH_PACKAGES := opencc pandoc time
BENCH_ARGS ?=
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CORPUS ?= corpus
OUTPUT ?= output

.PHONY: setup build run test golden lint score clean bench bench-quick bench-tools

## setup: install the system libraries planscope links (apt), only when missing
setup:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
	  echo "installing $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); }

## build: release build of the planscope executable
build: setup
	$(SWIFT) build -c release --product planscope $(SWIFT_BUILD_FLAGS)

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

## test: the whole test suite
test: setup
	$(SWIFT) test

## golden: rewrite the expected files under Tests/PlanScopeTests/Golden (review the diff!)
golden: setup
	UPDATE_GOLDEN=1 $(SWIFT) test --filter Golden

## lint: swift format in lint mode
lint:
	$(SWIFT) format lint --recursive Sources Tests

## score: seed gold score of output/dataset.json (needs ../shared)
score:
	python3 ../shared/eval/score.py $(OUTPUT)/dataset.json ../shared/gold/seeds.gold.json --verbose

clean:
	rm -rf .build
