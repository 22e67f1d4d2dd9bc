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


def rows(spark: Any, folder: Path) -> List[str]:
    return sorted(key(row.asDict(recursive=True)) for row in spark.read.parquet(str(folder)).collect())


def key(row: Dict) -> str:
    return json.dumps(row, sort_keys=True)


def spark_value(value: Any, kind: str) -> Any:
    # Spans are structs, which Spark reads back as dicts.
    return [dict(zip(("start", "end"), span)) for span in value] if kind == f"array<{tables.SPAN}>" else value


def expected_rows(record: Dict) -> Dict[str, List[Dict]]:
    """The table rows of one CLI record, as the job's columns say."""
    date = tables.record_date(record)
    document = {name: spark_value(get(record), kind) for name, kind, get in tables.DOCUMENTS}
    out = {"documents": [{"date": date, **document}]}
    for table, columns in tables.CHILDREN:
        out[table] = [
            {"date": date, "document_id": record["id"], "index": index, **{n: spark_value(get(item), k) for n, k, get in columns}}
            for index, item in enumerate(record[table])
        ]
    return out


def test_parquet_tables_hold_the_cli_records(spark: Any, warc: Path, warc_cli: CliOutput, tmp_path: Path) -> None:
    run(spark, str(warc), str(tmp_path), "parquet")
    records, messages = warc_cli
    expected = [expected_rows(record) for record in records]
    for table in tables.TABLES[:-1]:
        want = sorted(key(row) for rows_of in expected for row in rows_of[table])
        assert rows(spark, tmp_path / table) == want, table
    errors = spark.read.parquet(str(tmp_path / "errors")).collect()
    assert [e["message"] for e in errors] == messages
