"""Command line of the Spark job (also the entry point for spark-submit)."""

import argparse
import os
import sys
from typing import List, Optional

from .job import FORMATS, run


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m newsgraph.spark",
        description="Annotate WARC, WARC.gz, JSON lines (any input newsgraph extract reads) on Spark.",
    )
    parser.add_argument("--input", required=True, help="comma-separated paths or globs (any Hadoop file system)")
    parser.add_argument("--output", required=True, help="output folder: one sub-folder per table")
    parser.add_argument("--format", choices=FORMATS, default="parquet")
    parser.add_argument("--date", help="anchor date (YYYY-MM-DD) for documents that carry none")
    parser.add_argument("--skip", action="append", default=[], metavar="STAGE", help="switch a stage off")
    parser.add_argument("--actors", action="append", default=[], metavar="FILE", help="extra actor dictionary")
    parser.add_argument("--verbs", action="append", default=[], metavar="FILE", help="extra verb dictionary")
    parser.add_argument("--language", metavar="CODE", help="language of every document (ISO 639-1)")
    parser.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    # Local workers run this interpreter, where newsgraph is installed
    # (spark-submit on a cluster sets its own).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Small input files are not packed into one task, so every core works;
    # files above 128 MB (CC-NEWS WARCs are ~1 GB) get a task each anyway.
    builder = SparkSession.builder.appName("newsgraph").config("spark.files.openCostInBytes", "1")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    options = {
        "skip": args.skip,
        "actors": args.actors,
        "verbs": args.verbs,
        "language": args.language,
        "date": args.date,
    }
    try:
        counts = run(spark, args.input, args.output, args.format, options)
    finally:
        spark.stop()
    print(f"newsgraph: {counts['documents']} documents written, {counts['errors']} failed", file=sys.stderr)
    return 1 if counts["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
