"""The Spark job in local[2] mode against `newsgraph extract` on the same WARC."""

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java (apt-get install openjdk-17-jre-headless)", allow_module_level=True)

from newsgraph.spark import run, tables  # noqa: E402

CliOutput = Tuple[List[Dict], List[str]]


@pytest.fixture(scope="module")
def spark() -> Any:
    from pyspark.sql import SparkSession

    # The workers must run the interpreter newsgraph is installed in.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsgraph-tests")
        .config("spark.ui.enabled", "false")
        # Dates stay strings, as written, rather than being read back as date values.
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_jsonl_output_is_the_cli_output(spark: Any, warc: Path, warc_cli: CliOutput, tmp_path: Path) -> None:
    counts = run(spark, str(warc), str(tmp_path), "jsonl")
    records, messages = warc_cli
    assert counts == {"documents": len(records), "errors": len(messages)}
    lines = [line for part in sorted((tmp_path / "records").glob("part-*")) for line in part.read_text().splitlines()]
    # One file is one partition, read in order: the CLI's records in the CLI's order.
    assert [json.loads(line) for line in lines] == records
    errors = [json.loads(line) for part in sorted((tmp_path / "errors").glob("part-*")) for line in part.read_text().splitlines()]
    assert [e["message"] for e in errors] == messages


def rows(frame: Any) -> List[str]:
    return sorted(json.dumps(row.asDict(recursive=True), sort_keys=True) for row in frame.collect())


def test_parquet_tables_hold_the_cli_records(spark: Any, warc: Path, warc_cli: CliOutput, tmp_path: Path) -> None:
    run(spark, str(warc), str(tmp_path), "parquet")
    records, messages = warc_cli
    # The CLI's records, flattened by the same column definitions.
    cli_lines = spark.sparkContext.parallelize([json.dumps(r) for r in records])
    expected = tables.flatten(tables.parse(spark, cli_lines))
    for table in tables.TABLES[:-1]:
        assert rows(spark.read.parquet(str(tmp_path / table))) == rows(expected[table]), table
    # And the columns hold what the records say.
    documents = spark.read.parquet(str(tmp_path / "documents")).collect()
    assert sorted((d["document_id"], d["text"], d["date"]) for d in documents) == sorted(
        (r["id"], r["text"], r["published"]) for r in records
    )
    entities = spark.read.parquet(str(tmp_path / "entities")).collect()
    assert sorted((e["document_id"], e["index"], e["name"], e["mention_count"]) for e in entities) == sorted(
        (r["id"], i, e["name"], len(e["mentions"])) for r in records for i, e in enumerate(r["entities"])
    )
    for table in ("quotes", "events", "places", "timexes"):
        assert spark.read.parquet(str(tmp_path / table)).count() == sum(len(r[table]) for r in records), table
    errors = spark.read.parquet(str(tmp_path / "errors")).collect()
    assert [e["message"] for e in errors] == messages
