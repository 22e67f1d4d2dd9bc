"""The Spark job: input files to newsgraph tables.

Each task reads whole files (``binaryFiles``, so any Hadoop file system
works: local, HDFS, S3, GCS) and annotates their documents with the
pipeline its executor process loaded once, off the GIL. For Parquet, the
task writes the tables' files itself, in Rust, and the driver commits them
(see ``tables``). For JSON lines, every document becomes its record as the
JSON line ``newsgraph extract`` writes, or an error line (``ERROR_KEY``),
kept (persisted) once and split into records and errors. A document that
fails becomes an ``errors`` row; one whose stage failed keeps its record
too, as ``newsgraph extract`` does.
"""

import json
import os
from functools import partial
from typing import Any, Dict, Iterable, Iterator, Optional, Tuple

import newsgraph

from . import tables

FORMATS = ("parquet", "jsonl")

# The JSON lines outcome of a failed document is an object holding only
# this key, the error (a record has no such field), so that records and
# errors travel as one stream of lines.
ERROR_KEY = "newsgraph_error"
ERROR_FIELDS = ("input", "document_id", "stage", "message")

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


def _error(outcome: Exception, input_name: str) -> Tuple[Optional[str], Dict[str, Any]]:
    """The record line kept (if any) and the error of a failed document."""
    if isinstance(outcome, newsgraph.StageError):
        # The pipe yields JSON lines, so the kept record is one too.
        fields = json.loads(outcome.record)
        failed = [run["stage"] for run in fields["stages"] if run["status"] == "failed"]
        error = {"input": fields["source"], "document_id": fields["id"], "stage": failed[0], "message": str(outcome)}
        return outcome.record, error
    return None, {"input": getattr(outcome, "input", input_name), "message": str(outcome)}


def error_line(error: Dict[str, Any]) -> str:
    return json.dumps({ERROR_KEY: {name: error.get(name) for name in ERROR_FIELDS}})


def error_of_line(line: str) -> str:
    """The error alone, as a JSON line, of an error line."""
    return json.dumps(json.loads(line)[ERROR_KEY])


def annotate(options: Dict[str, Any], threads: int, files: Iterable[Tuple[str, bytes]]) -> Iterator[str]:
    """The outcome lines (see ``ERROR_KEY``) of one partition's files."""
    pipeline = _pipeline(options)
    for path, data in files:
        name = tables.local_name(path)
        reader = newsgraph.read_bytes(name, data)
        for outcome in pipeline.pipe(reader, threads=threads, json=True, return_errors=True):
            if isinstance(outcome, Exception):
                record, error = _error(outcome, name)
                if record is not None:
                    yield record
                yield error_line(error)
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
    files = sc.binaryFiles(inputs)
    if fmt == "parquet":
        return write_tables(files, output, partial(_annotate_into, options, threads))
    # JSON lines cross to the JVM as bytes, not rows (rows made in Python
    # cost more than the annotation).
    lines = files.mapPartitions(partial(annotate, options, threads))
    return _write_lines(lines.persist(StorageLevel.MEMORY_AND_DISK), output)


def _annotate_into(options: Dict[str, Any], threads: int, reader: newsgraph.Reader, into: Any) -> None:
    _pipeline(options).write_tables(reader, into, threads=threads)


def write_tables(files: Any, output: str, annotate: Any) -> Dict[str, int]:
    """The Parquet tables of `files` (an RDD of path and bytes), replacing
    those in `output` once every task has succeeded; `annotate(reader,
    tables)` puts a reader's documents into a task's tables."""
    staging = tables.staging_folder(output)
    try:
        attempts = files.mapPartitions(partial(tables.write_partition, annotate, output, staging)).collect()
        return tables.commit(output, attempts)
    finally:
        tables.discard(output, staging)


def _write_lines(lines: Any, output: str) -> Dict[str, int]:
    """`records/` and `errors/` of the outcome lines (an RDD of str, kept)."""
    error_prefix = '{"' + ERROR_KEY + '"'
    try:
        lines.filter(lambda line: not line.startswith(error_prefix)).saveAsTextFile(os.path.join(output, "records"))
        error_lines = lines.filter(lambda line: line.startswith(error_prefix))
        error_lines.map(error_of_line).saveAsTextFile(os.path.join(output, "errors"))
        # One pass for both counts.
        counts = lines.map(lambda line: line.startswith(error_prefix)).countByValue()
        return {"documents": counts.get(False, 0), "errors": counts.get(True, 0)}
    finally:
        lines.unpersist()
