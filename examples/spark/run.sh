#!/usr/bin/env bash
# The Spark recipe end to end (`make spark-example`): installs what is missing (Java 17 from
# Debian, PySpark from PyPI into .build/spark-venv), builds the static planscope, pipes
# corpus/ through it with PySpark in local mode, merges the JSON lines, and checks the result
# is byte for byte what one `planscope run corpus` writes. Once installed it runs offline.
#
# Environment: PYSPARK_VERSION (default 3.5.3), PARTITIONS (default 3), SPARK_MASTER
# (default local[2]), CORPUS (default corpus), PYTHON (default python3, for the venv),
# PIP_FIND_LINKS (a folder of downloaded wheels/sdists, read by pip), JOBS (compile jobs).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PYSPARK_VERSION=${PYSPARK_VERSION:-3.5.3}
PARTITIONS=${PARTITIONS:-3}
SPARK_MASTER=${SPARK_MASTER:-local[2]}
CORPUS=${CORPUS:-corpus}
PYTHON=${PYTHON:-python3}
VENV=$ROOT/.build/spark-venv
WORK=$ROOT/.build/spark-example
ARCHIVE=$ROOT/.build-static/planscope-static.tar.gz
# Both runs record the same time in their state databases, so those compare byte for byte.
TIMESTAMP=2024-01-01T00:00:00Z
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

step() { printf '\n== spark-example: %s (at %ss)\n' "$*" "$((SECONDS - started))" >&2; }
fail() {
  printf '\nspark-example: FAILED: %s\n' "$*" >&2
  exit 1
}
apt_install() {
  echo "installing $* (apt)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}
started=$SECONDS

step "Java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  :
elif ! command -v java >/dev/null; then
  # Slim Debian images lack this folder, which the JRE's post-install script needs.
  $SUDO mkdir -p /usr/share/man/man1
  apt_install openjdk-17-jre-headless
fi
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1

step "PySpark $PYSPARK_VERSION in ${VENV#"$ROOT"/}"
installed=$("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null || true)
if [ "$installed" != "$PYSPARK_VERSION" ]; then
  # Debian's python3 makes venvs only with python3-venv installed.
  if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    apt_install python3 python3-venv
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install --disable-pip-version-check -q "pyspark==$PYSPARK_VERSION"
fi
echo "pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)')"

step "static build"
make --no-print-directory static

step "manifest of $CORPUS"
rm -rf "$WORK" && mkdir -p "$WORK"
# The files `planscope run` reads: .txt and .docx in any case, hidden files and folders skipped.
(cd "$CORPUS" && find . -path '*/.*' -prune -o -type f \( -iname '*.txt' -o -iname '*.docx' \) -print) |
  sed 's|^\./||' | LC_ALL=C sort >"$WORK/manifest.txt"
echo "$(wc -l <"$WORK/manifest.txt") path(s) in ${WORK#"$ROOT"/}/manifest.txt"

step "Spark: $PARTITIONS partition(s) on $SPARK_MASTER"
spark_started=$SECONDS
# Loopback only, scratch space under .build: nothing leaves this machine.
SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS=$WORK/spark-local PYSPARK_PYTHON=$VENV/bin/python \
  "$VENV/bin/python" examples/spark/planscope_spark.py \
  --archive "$ARCHIVE" --root "$CORPUS" --manifest "$WORK/manifest.txt" \
  --output "$WORK/spark" --partitions "$PARTITIONS" --master "$SPARK_MASTER" \
  --timestamp "$TIMESTAMP" ||
  fail "the Spark job exited with status $?"
spark_seconds=$((SECONDS - spark_started))

step "reference: one planscope run $CORPUS"
# The same build, unpacked from the same archive: same binary, same cache fingerprint.
mkdir -p "$WORK/planscope"
tar -xzf "$ARCHIVE" -C "$WORK/planscope"
single_started=$SECONDS
"$WORK/planscope/planscope" run "$CORPUS" -o "$WORK/single" --timestamp "$TIMESTAMP" ||
  fail "planscope run exited with status $?"
single_seconds=$((SECONDS - single_started))

step "compare"
diff -r "$WORK/spark/.current" "$WORK/single/.current" ||
  fail "the Spark output differs from one planscope run (diff -r above)"
cmp "$WORK/spark/dataset.json" "$WORK/single/dataset.json" || fail "dataset.json differs"
cmp "$WORK/spark/state.sqlite" "$WORK/single/state.sqlite" || fail "state.sqlite differs"
documents=$(cat "$WORK/spark.lines"/part-* | wc -l)
printf '\nspark-example: OK: %s document line(s) from Spark, merged output identical to one planscope run (%s/.current, dataset.json, state.sqlite); Spark job %ss, single run %ss, total %ss\n' \
  "$documents" "${WORK#"$ROOT"/}/spark" "$spark_seconds" "$single_seconds" "$((SECONDS - started))"
