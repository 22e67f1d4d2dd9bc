"""Throughput of the Python package and the Spark job against the CLI on
the same documents and cores.

    python python/bench/throughput.py [--threads 2] [--files 4] [--articles 500] [--spark]

Run it from the repository root, with newsgraph installed (in python/ the
source folder would shadow the installed package in the Spark workers).

Generates WARC files (tests/warcgen.py) unless --input is given, then times:
the CLI (`newsgraph extract --threads N`, output to /dev/null; its start-up,
timed on one document, is subtracted), `Pipeline.pipe(read(...), threads=N)`
yielding dicts and JSON lines (pipeline loaded before the clock starts), and
with --spark the Spark job in local[N] mode (session started and workers
warmed up on one file before the clock starts). Prints documents per second
and per core-second, and each as a share of the CLI.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import newsgraph  # noqa: E402
from warcgen import write_warc  # noqa: E402


def timed(work: Callable[[], int]) -> "tuple[int, float]":
    start = time.perf_counter()
    count = work()
    return count, time.perf_counter() - start


def count_documents(files: List[str]) -> int:
    """Documents read, and inputs that could not be read, as the CLI counts them."""
    count, reader = 0, newsgraph.read(files)
    while True:
        try:
            next(reader)
        except StopIteration:
            return count
        except newsgraph.ReadError:
            pass
        count += 1


def cli_run(cli: str, threads: int, files: List[str]) -> int:
    with open(os.devnull, "w") as sink:
        subprocess.run([cli, "extract", "--threads", str(threads), *files], stdout=sink, stderr=subprocess.DEVNULL, check=False)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--articles", type=int, default=500, help="articles per generated file")
    parser.add_argument("--input", nargs="*", help="WARC files to use instead of generated ones")
    parser.add_argument("--cli", default=str(HERE.parents[1] / "target" / "release" / "newsgraph"))
    parser.add_argument("--spark", action="store_true", help="also time the Spark job in local[N] mode")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="newsgraph-bench-")
    files = args.input or []
    if not files:
        for n in range(args.files):
            files.append(os.path.join(folder, f"news-{n}.warc.gz"))
            # A CC-NEWS file holds hours of crawl: articles of a few days.
            write_warc(files[-1], args.articles, seed=n, days=2)
    docs = count_documents(files)
    print(f"{docs} documents in {len(files)} files, {args.threads} threads/cores")

    _, startup = timed(lambda: cli_run(args.cli, 1, [files[0] + "#missing"]))
    _, cli_seconds = timed(lambda: cli_run(args.cli, args.threads, files))
    cli_seconds -= startup
    results = [("cli", cli_seconds)]
    print(f"cli start-up {startup:.2f} s (subtracted)")

    pipeline = newsgraph.Pipeline()
    for label, as_json in (("python pipe (dicts)", False), ("python pipe (json)", True)):
        work = lambda: sum(1 for _ in pipeline.pipe(newsgraph.read(files), threads=args.threads, json=as_json, return_errors=True))  # noqa: E731
        results.append((label, timed(work)[1]))

    if args.spark:
        results += spark_seconds(files, args.threads, folder)

    for label, seconds in results:
        rate = docs / seconds
        print(f"{label:24s} {seconds:7.2f} s {rate:8.1f} docs/s {rate / args.threads:8.1f} docs/core-s {cli_seconds / seconds:6.0%} of cli")


def spark_seconds(files: List[str], threads: int, folder: str) -> "list[tuple[str, float]]":
    """The Spark job's time to annotate only (the lines counted), and to
    write the JSON lines and the Parquet tables."""
    from functools import partial

    from pyspark.sql import SparkSession

    from newsgraph.spark import job, run

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(f"local[{threads}]")
        .config("spark.ui.enabled", "false")
        .config("spark.files.openCostInBytes", "1")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    # Warm-up: the JVM, the Python workers and their pipelines.
    run(spark, ",".join(files[:threads]), os.path.join(folder, "warm"), "parquet")
    options = {"skip": [], "actors": [], "verbs": [], "language": None, "date": None}
    lines = spark.sparkContext.binaryFiles(",".join(files)).mapPartitions(partial(job.annotate, options, 1))
    results = [("spark local (annotate)", timed(lines.count)[1])]
    for fmt in ("jsonl", "parquet"):
        work = lambda: run(spark, ",".join(files), os.path.join(folder, fmt), fmt)["documents"]  # noqa: E731
        results.append((f"spark local ({fmt})", timed(work)[1]))
    spark.stop()
    return results


if __name__ == "__main__":
    main()
