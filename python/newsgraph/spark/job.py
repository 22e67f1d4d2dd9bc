"""The Spark job: input files to newsgraph tables.

Each task reads whole files (``binaryFiles``, so any Hadoop file system
works: local, HDFS, S3, GCS) and annotates their documents with the
pipeline its executor process loaded once, off the GIL. Every document
becomes one outcome row (``tables.OUTCOME``): its record as the JSON line
``newsgraph extract`` writes, parsed and flattened by the JVM, and its
error. Outcomes are kept (persisted) once, then split into the tables. A
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


def _error(outcome: Exception, input_name: str) -> Tuple[Optional[Dict[str, Any]], Dict[str, Any]]:
    """The record kept (if any) and the error row of a failed document."""
    if isinstance(outcome, newsgraph.StageError):
        record = outcome.record
        fields = json.loads(record) if isinstance(record, str) else record
        failed = [run["stage"] for run in fields["stages"] if run["status"] == "failed"]
        error = {"input": fields["source"], "document_id": fields["id"], "stage": failed[0], "message": str(outcome)}
        return record, error
    return None, {"input": getattr(outcome, "input", input_name), "message": str(outcome)}


def annotate(options: Dict[str, Any], threads: int, files: Iterable[Tuple[str, bytes]]) -> Iterator[tuple]:
    """The outcome rows (``tables.OUTCOME``) of one partition's files."""
    pipeline = _pipeline(options)
    for path, data in files:
        name = _local_name(path)
        reader = newsgraph.read_bytes(name, data)
        for outcome in pipeline.pipe(reader, threads=threads, json=True, return_errors=True):
            record, error = _error(outcome, name) if isinstance(outcome, Exception) else (outcome, None)
            yield record, tables.error_row(error)


def run(spark: Any, inputs: str, output: str, fmt: str = "parquet", options: Optional[Dict[str, Any]] = None) -> Dict[str, int]:
    """Annotates `inputs` (comma-separated paths or globs) into `output`:
    Parquet tables partitioned by date, or JSON lines (`records/`, the
    CLI's lines, and `errors/`). Returns the documents and errors counted."""
    from pyspark import StorageLevel

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    options = {"skip": [], "actors": [], "verbs": [], "language": None, "date": None, **(options or {})}
    # Fail on the driver, at once, for options the executors would refuse.
    _pipeline(options)
    sc = spark.sparkContext
    threads = int(sc.getConf().get("spark.task.cpus", "1"))
    rows = sc.binaryFiles(inputs).mapPartitions(partial(annotate, options, threads))
    outcomes = spark.createDataFrame(rows, tables.OUTCOME, verifySchema=False)
    if fmt == "parquet":
        outcomes = tables.parse(outcomes)
    # Kept: the annotation runs once, however many tables are written from it.
    outcomes = outcomes.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        if fmt == "jsonl":
            outcomes.where("record IS NOT NULL").select("record").write.mode("overwrite").text(os.path.join(output, "records"))
            outcomes.where("error IS NOT NULL").select("error.*").write.mode("overwrite").json(os.path.join(output, "errors"))
        else:
            for table, frame in tables.flatten(outcomes).items():
                writer = frame.write.mode("overwrite")
                writer = writer if table == "errors" else writer.partitionBy("date")
                writer.parquet(os.path.join(output, table))
        document = "record" if fmt == "jsonl" else "r"
        counts = outcomes.selectExpr(f"count({document}) AS documents", "count(error) AS errors").first()
        return {"documents": counts["documents"], "errors": counts["errors"]}
    finally:
        outcomes.unpersist()
