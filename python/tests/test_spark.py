"""The Spark job in local[2] mode against `newsgraph extract` on the same WARC."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java (apt-get install openjdk-17-jre-headless)", allow_module_level=True)

import newsgraph  # noqa: E402
import spark_sql_tables as reference  # noqa: E402
from newsgraph._newsgraph import TABLES, Tables  # noqa: E402
from newsgraph.spark import run  # noqa: E402

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


@pytest.fixture(scope="module")
def parquet(spark: Any, warc: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The job's Parquet tables of the WARC."""
    output = tmp_path_factory.mktemp("parquet")
    run(spark, str(warc), str(output), "parquet")
    return output


# Records put through the corpus store for its export: enough for every
# table to have rows, few enough for a quick ingest.
EXPORTED = 60


@pytest.fixture(scope="module")
def export(cli: Path, warc_cli: CliOutput, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`newsgraph export --format parquet` of a store holding the CLI's first records."""
    folder = tmp_path_factory.mktemp("export")
    lines = folder / "records.jsonl"
    lines.write_text("".join(json.dumps(record) + "\n" for record in warc_cli[0][:EXPORTED]))
    db = str(folder / "store.db")
    subprocess.run([str(cli), "ingest", "--db", db, str(lines)], check=True, capture_output=True)
    subprocess.run([str(cli), "export", "--db", db, "--format", "parquet", "--out", str(folder / "tables")], check=True, capture_output=True)
    return folder / "tables"


def test_parquet_tables_hold_the_cli_records(spark: Any, parquet: Path, warc_cli: CliOutput) -> None:
    records, messages = warc_cli
    # The CLI's records, flattened by Spark SQL as the job did before Rust
    # wrote the tables.
    cli_lines = spark.sparkContext.parallelize([json.dumps(r) for r in records])
    expected = reference.flatten(reference.parse(spark, cli_lines))
    for table in reference.TABLES[:-1]:
        assert rows(spark.read.parquet(str(parquet / table))) == rows(expected[table]), table
    # And the columns hold what the records say.
    documents = spark.read.parquet(str(parquet / "documents")).collect()
    assert sorted((d["id"], d["text"], d["day"]) for d in documents) == sorted(
        (r["id"], r["text"], r["published"]) for r in records
    )
    entities = spark.read.parquet(str(parquet / "entities")).collect()
    assert sorted((e["document"], e["index"], e["name"], e["mention_count"]) for e in entities) == sorted(
        (r["id"], i, e["name"], len(e["mentions"])) for r in records for i, e in enumerate(r["entities"])
    )
    for table in ("quotes", "events", "places", "timexes"):
        assert spark.read.parquet(str(parquet / table)).count() == sum(len(r[table]) for r in records), table
    errors = spark.read.parquet(str(parquet / "errors")).collect()
    assert [e["message"] for e in errors] == messages


def test_parquet_columns_are_the_exports(parquet: Path, export: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    for table, matches in reference.EXPORT.items():
        ours = pq.read_table(str(parquet / table), partitioning="hive")
        for name, store_only in matches.items():
            theirs = pq.read_table(str(export / f"{name}.parquet"))
            shared = [field.name for field in theirs.schema if field.name not in store_only]
            for field in theirs.schema:
                where = f"{table}.{field.name} (export {name})"
                if field.name in store_only:
                    # A store's id is not a column of ours under the same name.
                    assert field.name not in ours.schema.names, where
                else:
                    assert ours.schema.field(field.name).type == field.type, where
            # Same names, same values: every row the store exported is ours
            # too, except where the store merges across documents (an
            # entity's names).
            if table != "entities":
                exported = set(zip(*(theirs.column(column).to_pylist() for column in shared)))
                assert exported and exported <= set(zip(*(ours.column(column).to_pylist() for column in shared))), name


def test_parquet_output_holds_only_committed_files(parquet: Path) -> None:
    # No staging folder is left, every table has Spark's marker, and the one
    # task's files are its first attempt's.
    assert sorted(path.name for path in parquet.iterdir()) == sorted(TABLES)
    for table in TABLES:
        assert (parquet / table / "_SUCCESS").exists(), table
    names = {path.name for path in parquet.rglob("*.parquet")}
    assert names == {"part-00000-0.parquet"}


def test_a_failed_attempt_leaves_nothing(tmp_path: Path) -> None:
    from pyarrow import parquet as pq

    from newsgraph.spark import tables

    output = tmp_path / "out"
    staging = tables.staging_folder(str(output))
    failed, retried = f"{staging}/00000-0", f"{staging}/00000-1"
    for folder in (failed, retried):
        written = Tables(folder, f"part-{Path(folder).name}.parquet")
        document = newsgraph.Document("Kyiv said on Monday that talks would resume.", date="2024-05-06")
        newsgraph.Pipeline().write_tables([document], written, threads=1)
        written.close(with_empty_errors=True)
    (output / "quotes").mkdir(parents=True)
    (output / "quotes" / "part-old.parquet").write_text("replaced")

    counts = tables.commit(str(output), [(retried, 1, 0)])
    tables.discard(str(output), staging)

    assert counts == {"documents": 1, "errors": 0}
    assert sorted(path.name for path in output.iterdir()) == sorted(TABLES)
    files = sorted(str(path.relative_to(output)) for path in output.rglob("*.parquet"))
    assert files and all(name.endswith("part-00000-1.parquet") for name in files)
    assert pq.read_table(str(output / "documents" / "day=2024-05-06" / "part-00000-1.parquet")).num_rows == 1
    assert not (output / tables.STAGING).exists()


def test_a_failed_job_leaves_the_output_as_it_was(spark: Any, warc: Path, tmp_path: Path) -> None:
    from newsgraph.spark import job

    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "part-old.parquet").write_text("kept")

    def broken(reader: Any, tables: Any) -> None:
        raise RuntimeError("a task fails")

    with pytest.raises(Exception, match="a task fails"):
        job.write_tables(spark.sparkContext.binaryFiles(str(warc)), str(tmp_path), broken)
    # The attempt's staging folder (it had opened its errors file) is gone.
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")) == [
        "documents",
        "documents/part-old.parquet",
    ]
