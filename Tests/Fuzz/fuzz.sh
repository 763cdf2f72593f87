#!/usr/bin/env bash
# libFuzzer targets for planscope (`make fuzz-build`, `make fuzz FUZZ_SECONDS=600`; README.md).
#
#   Tests/Fuzz/fuzz.sh build [TARGET…]          instrumented library + one fuzzer per target
#   Tests/Fuzz/fuzz.sh run SECONDS [TARGET…]    seed, then run each target for SECONDS, in turn
#
# Each target has a libFuzzer dictionary, Tests/Fuzz/<target>.dict (tokens its format uses).
# Everything lands in .build-fuzz (gitignored): release/fuzz-<target>, seeds/<target> (copied
# from the fixtures on every run), corpus/<target> (what the fuzzer learnt; kept between runs),
# artifacts/ (crash-, timeout-, leak-, oom-<sha1>) and logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
# A Swift runtime trap is left to libFuzzer's signal handler (which saves the input); Swift's
# own backtracer would read the stack under ASan and end in a second, unrelated report.
export SWIFT_BACKTRACE=enable=no

BUILD=.build-fuzz
BIN="$BUILD/release"
ALL_TARGETS=(text zip wordml extract)
FIXTURES=Tests/PlanScopeTests/Fixtures

# Largest input per target: the seed DOCX files are ~40 KB, the seed plans ~25 KB.
max_len() {
  case "$1" in
    text | extract | wordml) echo 65536 ;;
    zip) echo 131072 ;;
  esac
}

build() {
  # The library is compiled once with coverage and ASan; `-enable-testing` lets each entry
  # point `@testable import PlanScope` to reach the internal zip and XML readers.
  nice -n 10 swift build -c release --build-path "$BUILD" --target PlanScope \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing
  local xml_flags=()
  for flag in $(pkg-config --cflags libxml-2.0); do xml_flags+=(-Xcc "$flag"); done
  for target in "$@"; do
    echo "linking $BIN/fuzz-$target"
    # lld rather than gold: gold warns about every ASan helper symbol it cannot export.
    nice -n 10 swiftc -O -sanitize=fuzzer,address -parse-as-library -use-ld=lld \
      -module-name "Fuzz_$target" -I "$BIN/Modules" \
      -I Sources/CLibXML2 -I Sources/CZlib -I Sources/CSQLite -I Sources/CCrypto \
      "${xml_flags[@]}" "Tests/Fuzz/$target.swift" "$BIN"/PlanScope.build/*.o \
      -lxml2 -lz -lsqlite3 -lcrypto \
      -o "$BIN/fuzz-$target"
  done
}

# Copies the fixtures a target starts from into seeds/<target> (never committed).
seed() {
  local target=$1 dir="$BUILD/seeds/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  # Inputs of earlier findings (regression fixtures) are seeds of the target that found them.
  cp "$FIXTURES"/fuzz/"$target"-* "$dir"/ 2>/dev/null || true
  case "$target" in
    text)
      cp "$FIXTURES"/hostile/*.txt corpus/*.txt "$dir"/
      ;;
    zip)
      cp "$FIXTURES"/docx/*.docx "$FIXTURES"/hostile/*.docx "$dir"/
      ;;
    wordml)
      # Every XML part of every fixture package (document, numbering, styles, relationships).
      python3 - "$dir" "$FIXTURES"/docx/*.docx "$FIXTURES"/hostile/*.docx <<'PY'
import pathlib, sys, zipfile
out = pathlib.Path(sys.argv[1])
for path in map(pathlib.Path, sys.argv[2:]):
    try:
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.endswith((".xml", ".rels")):
                    try:  # at most 1 MiB of each part: the zip bombs inflate to gigabytes
                        with package.open(name) as part:
                            data = part.read(1 << 20)
                    except Exception:  # hostile entries: bad CRCs, encryption
                        continue
                    (out / (path.stem + "__" + name.replace("/", "_"))).write_bytes(data)
    except (zipfile.BadZipFile, OSError, ValueError):
        pass
PY
      ;;
    extract)
      cp corpus/*.txt "$dir"/
      local file
      for file in "$FIXTURES"/docx/*.expected.txt Tests/PlanScopeTests/Golden/*/input.txt; do
        cp "$file" "$dir/$(basename "$(dirname "$file")")_$(basename "$file")"
      done
      # Each case-table input (one sentence or heading) is a seed of its own.
      python3 - "$dir" Tests/PlanScopeTests/Cases/*.json <<'PY'
import hashlib, json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for table in sys.argv[2:]:
    rows = json.loads(pathlib.Path(table).read_text(encoding="utf-8"))
    for row in rows if isinstance(rows, list) else []:
        text = row.get("input") if isinstance(row, dict) else None
        if isinstance(text, str) and text:
            data = text.encode("utf-8")
            (out / ("case_" + hashlib.sha1(data).hexdigest())).write_bytes(data)
PY
      ;;
  esac
}

run() {
  local seconds=$1
  shift
  local failed=0
  mkdir -p "$BUILD/artifacts" "$BUILD/logs"
  for target in "$@"; do
    seed "$target"
    mkdir -p "$BUILD/corpus/$target"
    local log="$BUILD/logs/$target.log"
    echo "== $target: $seconds s, -max_len=$(max_len "$target") (log: $log)"
    # New inputs go to corpus/<target>; seeds/<target> is only read.
    if ! nice -n 10 "$BIN/fuzz-$target" "$BUILD/corpus/$target" "$BUILD/seeds/$target" \
      -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -dict="Tests/Fuzz/$target.dict" \
      -artifact_prefix="$BUILD/artifacts/$target-" >"$log" 2>&1; then
      failed=1
      echo "!! $target stopped on a finding:"
      grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)|Fatal error' "$log" |
        head -n 8 || true
    fi
    grep -E '^#[0-9]+' "$log" | tail -n 1 || true
    grep -E '^stat::' "$log" || true
    echo "corpus: $(find "$BUILD/corpus/$target" -type f | wc -l) files"
  done
  return "$failed"
}

command=${1:-}
shift || true
case "$command" in
  build)
    [ $# -gt 0 ] || set -- "${ALL_TARGETS[@]}"
    build "$@"
    ;;
  run)
    seconds=${1:?usage: fuzz.sh run SECONDS [TARGET…]}
    shift
    [ $# -gt 0 ] || set -- "${ALL_TARGETS[@]}"
    run "$seconds" "$@"
    ;;
  *)
    echo "usage: $0 build [TARGET…] | run SECONDS [TARGET…]" >&2
    exit 2
    ;;
esac
