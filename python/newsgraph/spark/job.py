"""The Spark job: input files to newsgraph tables.

Each task reads whole files (``binaryFiles``, so any Hadoop file system
works: local, HDFS, S3, GCS) and annotates their documents with the
pipeline its executor process loaded once. Every document becomes one
outcome row (``tables.outcome_schema``), kept once (persisted), then split
into the tables. A document that fails becomes an ``errors`` row; one
whose stage failed keeps its record too, as ``newsgraph extract`` does.
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


def annotate(options: Dict[str, Any], threads: int, as_json: bool, files: Iterable[Tuple[str, bytes]]) -> Iterator[tuple]:
    """The outcome rows of one partition's files."""
    pipeline = _pipeline(options)
    for path, data in files:
        name = _local_name(path)
        reader = newsgraph.read_bytes(name, data)
        for outcome in pipeline.pipe(reader, threads=threads, json=as_json, return_errors=True):
            record, error = _error(outcome, name) if isinstance(outcome, Exception) else (outcome, None)
            yield (record, tables.error_row(error)) if as_json else tables.outcome_row(record, error)


def run(spark: Any, inputs: str, output: str, fmt: str = "parquet", options: Optional[Dict[str, Any]] = None) -> Dict[str, int]:
    """Annotates `inputs` (comma-separated paths or globs) into `output`:
    Parquet tables partitioned by date, or JSON lines (`records/`, the
    CLI's lines, and `errors/`). Returns the documents and errors counted."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    options = {"skip": [], "actors": [], "verbs": [], "language": None, "date": None, **(options or {})}
    # Fail on the driver, at once, for options the executors would refuse.
    _pipeline(options)
    sc = spark.sparkContext
    threads = int(sc.getConf().get("spark.task.cpus", "1"))
    as_json = fmt == "jsonl"
    rows = sc.binaryFiles(inputs).mapPartitions(partial(annotate, options, threads, as_json))
    schema = tables.jsonl_outcome_schema() if as_json else tables.outcome_schema()
    # Persisted: the annotation runs once, however many tables are written from it.
    outcomes = spark.createDataFrame(rows, schema, verifySchema=False).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        key = "record" if as_json else "document_id"
        documents = outcomes.where(F.col(key).isNotNull())
        errors = outcomes.where(F.col("error").isNotNull()).select("error.*")
        if as_json:
            documents.select("record").write.mode("overwrite").text(os.path.join(output, "records"))
            errors.write.mode("overwrite").json(os.path.join(output, "errors"))
        else:
            _write_tables(documents, errors, output)
        counts = outcomes.select(F.count(key).alias("documents"), F.count("error").alias("errors")).first()
        return {"documents": counts["documents"], "errors": counts["errors"]}
    finally:
        outcomes.unpersist()


def _write_tables(documents: Any, errors: Any, output: str) -> None:
    from pyspark.sql import functions as F

    def write(frame: Any, table: str) -> None:
        frame.write.mode("overwrite").partitionBy("date").parquet(os.path.join(output, table))

    write(documents.select(*tables.document_columns()), "documents")
    for table, _ in tables.CHILDREN:
        items = documents.select("date", "document_id", F.explode(table).alias("item"))
        write(items.select("date", "document_id", "item.*"), table)
    errors.write.mode("overwrite").parquet(os.path.join(output, "errors"))
