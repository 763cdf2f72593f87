# planscope — see README.md. `make run` and `make test` work on a fresh Debian machine.
SHELL := /bin/bash
# Swift 6.3 lives in /opt/swift on this project's machines; a fresh shell may not have it on PATH.
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
APT_PACKAGES := libxml2-dev zlib1g-dev pkg-config libsqlite3-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CORPUS ?= corpus
OUTPUT ?= output
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= text zip wordml extract

.PHONY: setup build run test golden lint score fuzz-build fuzz clean

## setup: install the system libraries planscope links (apt), only when missing
setup:
	@dpkg -s $(APT_PACKAGES) >/dev/null 2>&1 || { \
	  echo "installing $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); }

## build: release build of the planscope executable
build: setup
	$(SWIFT) build -c release --product planscope

## run: the main job: every plan in corpus/ into output/
run: build
	.build/release/planscope run $(CORPUS) -o $(OUTPUT)

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

## fuzz-build: libFuzzer + ASan builds of the Tests/Fuzz targets into .build-fuzz (never part of `swift build`)
fuzz-build: setup
	@command -v python3 >/dev/null || $(SUDO) apt-get install -y -qq python3  # seeds the corpora
	Tests/Fuzz/fuzz.sh build $(FUZZ_TARGETS)

## fuzz: run each fuzz target for FUZZ_SECONDS, one after another; findings in .build-fuzz/artifacts
fuzz: fuzz-build
	Tests/Fuzz/fuzz.sh run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz
