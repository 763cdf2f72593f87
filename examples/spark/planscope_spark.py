"""Runs planscope over a corpus with Spark: the manifest's paths are piped through the static
planscope binary (`run --stdin-paths --jsonl`) in N partitions, the JSON lines are saved, and
`planscope merge --jsonl` assembles them into the same output folder one `planscope run` writes.

    python planscope_spark.py --archive .build-static/planscope-static.tar.gz \\
        --root corpus --manifest manifest.txt --output out --partitions 3

The archive (from `make static`) holds `planscope` and its lexicon bundle
`planscope_PlanScope.resources`, which must stay next to the binary; Spark ships it to every
executor with `addArchive` and unpacks it there. Paths in the manifest are relative to --root,
which every executor must see at the same place (local mode: it is this machine's folder; on a
cluster: a shared mount). A document that fails is a JSON line with its error, reported by the
merge (exit status 1); a planscope process that exits non-zero fails its Spark task.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

from pyspark import SparkConf, SparkContext, SparkFiles

# The name the archive is unpacked under on every executor (`addArchive("…#planscope")`).
ARCHIVE_ALIAS = "planscope"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", required=True, help="planscope-static.tar.gz from `make static`")
    parser.add_argument("--root", required=True, help="corpus folder the manifest's paths are relative to")
    parser.add_argument("--manifest", required=True, help="file with one path per line")
    parser.add_argument("--output", required=True, help="output folder written by `planscope merge`")
    parser.add_argument("--lines", help="folder for the JSON lines (default: OUTPUT.lines, replaced)")
    parser.add_argument("--partitions", type=int, default=3, help="planscope processes (default 3)")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    parser.add_argument("--timestamp", help="passed to `planscope merge --timestamp` (ISO 8601)")
    return parser.parse_args()


def spark_context(master):
    conf = (
        SparkConf()
        .setMaster(master)
        .setAppName("planscope")
        # Quiet, and no web UI port to open.
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
    )
    if master.startswith("local"):
        # Local mode needs no network: the driver listens on the loopback interface only.
        address = os.environ.get("SPARK_LOCAL_IP", "127.0.0.1")
        conf.set("spark.driver.host", address).set("spark.driver.bindAddress", address)
    context = SparkContext(conf=conf)
    context.setLogLevel("WARN")
    return context


def executor_binary(context):
    """Where the unpacked archive's binary is when a task runs.

    In local mode the executors share the driver's SparkFiles folder, so the driver can name
    the path. On a cluster (YARN, standalone, Kubernetes) executors start in their SparkFiles
    folder and unpack archives there, so the path is relative to the task's working directory.
    """
    if context.master.startswith("local"):
        return os.path.join(SparkFiles.get(ARCHIVE_ALIAS), "planscope")
    return os.path.join(".", ARCHIVE_ALIAS, "planscope")


def driver_binary(archive, into):
    """The same binary unpacked on the driver, for the merge."""
    subprocess.run(["tar", "-xzf", archive, "-C", into], check=True)
    return os.path.join(into, "planscope")


def main():
    arguments = parse_arguments()
    root = os.path.abspath(arguments.root)
    output = os.path.abspath(arguments.output)
    lines_folder = os.path.abspath(arguments.lines or output.rstrip("/") + ".lines")
    with open(arguments.manifest, encoding="utf-8") as manifest:
        paths = [line.rstrip("\r\n") for line in manifest if line.strip()]

    context = spark_context(arguments.master)
    started = time.monotonic()
    try:
        context.addArchive(os.path.abspath(arguments.archive) + "#" + ARCHIVE_ALIAS)
        command = [
            executor_binary(context), "run", "--stdin-paths", "--jsonl",
            "--root", root, "--jobs", "1", "-q",
        ]
        # PySpark's pipe takes one string (split with shlex) and runs it with exactly `env`:
        # the static binary needs no Swift, no PATH and no locale.
        lines = context.parallelize(paths, arguments.partitions).pipe(
            shlex.join(command), env={}, checkCode=True)
        # Saved by the executors, one part file per partition: nothing is collected in the
        # driver's memory, so this scales with the corpus (on a cluster: a shared path).
        shutil.rmtree(lines_folder, ignore_errors=True)
        lines.saveAsTextFile("file://" + lines_folder)
    finally:
        context.stop()
    piped = time.monotonic() - started

    parts = sorted(
        os.path.join(lines_folder, name)
        for name in os.listdir(lines_folder) if name.startswith("part-"))
    with tempfile.TemporaryDirectory() as unpacked:
        merge = [driver_binary(arguments.archive, unpacked), "merge", "--jsonl", *parts, "-o", output]
        if arguments.timestamp:
            merge += ["--timestamp", arguments.timestamp]
        status = subprocess.run(merge).returncode
    print(
        f"planscope_spark: {len(paths)} path(s) in {arguments.partitions} partition(s) piped in "
        f"{piped:.1f} s, {len(parts)} part file(s) in {lines_folder}, merged into {output} "
        f"(exit {status})",
        file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
