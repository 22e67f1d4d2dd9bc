"""The Spark job: input files to newsgraph tables.

Each task reads whole files (``binaryFiles``, so any Hadoop file system
works: local, HDFS, S3, GCS) and annotates their documents with the
pipeline its executor process loaded once, off the GIL. Every document
becomes its record as the JSON line ``newsgraph extract`` writes, parsed
and flattened by the JVM, or an error line (``tables.ERROR_KEY``). The
parsed lines (the lines themselves for ``jsonl``) are kept (persisted)
once, then split into the tables. A
document that fails becomes an ``errors`` row; one whose stage failed
keeps its record too, as ``newsgraph extract`` does.
"""

import json
import os
from functools import partial
from typing import Any, Dict, Iterable, Iterator, Optional, Tuple

import newsgraph

from . import tables

FORMATS = ("parquet", "jsonl")

# One pipeline per Python worker process, for every task it runs (Spark
# reuses its Python workers), keyed by the options that made it.
_PIPELINES: Dict[str, newsgraph.Pipeline] = {}


def _pipeline(options: Dict[str, Any]) -> newsgraph.Pipeline:
    key = json.dumps(options, sort_keys=True)
    if key not in _PIPELINES:
        _PIPELINES[key] = newsgraph.Pipeline(
            skip=options["skip"],
            actors=options["actors"],
            verbs=options["verbs"],
            language=options["language"],
            date=options["date"],
        )
    return _PIPELINES[key]


def _local_name(path: str) -> str:
    # Local files keep the name the CLI would print for them.
    return path[len("file:") :] if path.startswith("file:") else path


def _error(outcome: Exception, input_name: str) -> Tuple[Optional[str], Dict[str, Any]]:
    """The record line kept (if any) and the error of a failed document."""
    if isinstance(outcome, newsgraph.StageError):
        # The pipe yields JSON lines, so the kept record is one too.
        fields = json.loads(outcome.record)
        failed = [run["stage"] for run in fields["stages"] if run["status"] == "failed"]
        error = {"input": fields["source"], "document_id": fields["id"], "stage": failed[0], "message": str(outcome)}
        return outcome.record, error
    return None, {"input": getattr(outcome, "input", input_name), "message": str(outcome)}


def annotate(options: Dict[str, Any], threads: int, files: Iterable[Tuple[str, bytes]]) -> Iterator[str]:
    """The outcome lines (see ``tables.ERROR_KEY``) of one partition's files."""
    pipeline = _pipeline(options)
    for path, data in files:
        name = _local_name(path)
        reader = newsgraph.read_bytes(name, data)
        for outcome in pipeline.pipe(reader, threads=threads, json=True, return_errors=True):
            if isinstance(outcome, Exception):
                record, error = _error(outcome, name)
                if record is not None:
                    yield record
                yield tables.error_line(error)
            else:
                yield outcome


def run(spark: Any, inputs: str, output: str, fmt: str = "parquet", options: Optional[Dict[str, Any]] = None) -> Dict[str, int]:
    """Annotates `inputs` (comma-separated paths or globs) into `output`:
    Parquet tables partitioned by day (replaced if there), or JSON lines
    (`records/`, the CLI's lines, and `errors/`, which must not exist yet).
    Returns the documents and errors counted."""
    from pyspark import StorageLevel

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    options = {"skip": [], "actors": [], "verbs": [], "language": None, "date": None, **(options or {})}
    # Fail on the driver, at once, for options the executors would refuse.
    _pipeline(options)
    sc = spark.sparkContext
    threads = int(sc.getConf().get("spark.task.cpus", "1"))
    # JSON lines cross to the JVM as bytes, not rows (rows made in Python
    # cost more than the annotation).
    lines = sc.binaryFiles(inputs).mapPartitions(partial(annotate, options, threads))
    if fmt == "jsonl":
        return _write_lines(lines.persist(StorageLevel.MEMORY_AND_DISK), output)
    # Parsed once and kept, so that the annotation runs once however many
    # tables are written; the counts too come from the kept rows, without
    # another pass through Python.
    parsed = tables.parse(spark, lines).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        frames = tables.flatten(parsed)
        for table, frame in frames.items():
            writer = frame.write.mode("overwrite")
            writer = writer if table == "errors" else writer.partitionBy("day")
            writer.parquet(os.path.join(output, table))
        return {"documents": frames["documents"].count(), "errors": frames["errors"].count()}
    finally:
        parsed.unpersist()


def _write_lines(lines: Any, output: str) -> Dict[str, int]:
    """`records/` and `errors/` of the outcome lines (an RDD of str, kept)."""
    error_prefix = '{"' + tables.ERROR_KEY + '"'
    try:
        lines.filter(lambda line: not line.startswith(error_prefix)).saveAsTextFile(os.path.join(output, "records"))
        error_lines = lines.filter(lambda line: line.startswith(error_prefix))
        error_lines.map(tables.error_of_line).saveAsTextFile(os.path.join(output, "errors"))
        # One pass for both counts.
        counts = lines.map(lambda line: line.startswith(error_prefix)).countByValue()
        return {"documents": counts.get(False, 0), "errors": counts.get(True, 0)}
    finally:
        lines.unpersist()
