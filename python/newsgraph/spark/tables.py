"""The Parquet tables (``--format parquet``), written by the tasks in Rust
and committed by the driver.

The columns are defined in one place, the Rust half of the package
(``python/src/columns.rs``), which writes each task's rows straight from
its records: no record crosses to Python or the JVM, which is what made the
tables cost more than the annotation when the JVM parsed and wrote them.

Each task attempt writes its files into a folder of its own,
``OUTPUT/_temporary/JOB/PARTITION-ATTEMPT/``, laid out as the tables
(``TABLE/day=DAY/part-PARTITION-ATTEMPT.parquet``, ``errors/part-...``).
When every task has succeeded, the driver replaces each table's folder with
the files of the attempts whose results it received, one per partition, and
removes the rest: a failed, retried or speculative attempt leaves nothing
in the output. Non-local outputs (``s3a://``, ``gs://``, ``hdfs://``) are
reached through ``pyarrow.fs``; a task writes its files locally and copies
them there.
"""

import os
import shutil
import tempfile
import uuid
from typing import Any, Callable, Dict, Iterable, Iterator, List, Tuple

import newsgraph
from newsgraph._newsgraph import TABLES, Tables

STAGING = "_temporary"
SUCCESS = "_SUCCESS"

# pyarrow's names for the Hadoop schemes of the same stores.
SCHEMES = {"s3a": "s3", "s3n": "s3"}

# What one task attempt reports: its folder, documents and errors written.
Attempt = Tuple[str, int, int]


def filesystem(output: str) -> Tuple[Any, str]:
    """The pyarrow file system of `output` and its path there."""
    from pyarrow import fs

    scheme, separator, rest = output.partition("://")
    if not separator:
        return fs.LocalFileSystem(), os.path.abspath(local_name(output))
    return fs.FileSystem.from_uri(f"{SCHEMES.get(scheme, scheme)}://{rest}")


def is_local(target: Any) -> bool:
    from pyarrow import fs

    return isinstance(target, fs.LocalFileSystem)


def write_partition(
    annotate: Callable[[newsgraph.Reader, Tables], None],
    output: str,
    staging: str,
    files: Iterable[Tuple[str, bytes]],
) -> Iterator[Attempt]:
    """Writes one partition's files' tables into the task attempt's own
    folder under `staging` (on `output`'s file system); yields that folder
    and its counts. `annotate` puts a reader's documents into the tables."""
    from pyspark import TaskContext

    context = TaskContext.get()
    name = f"{context.partitionId():05d}-{context.attemptNumber()}"
    target, _ = filesystem(output)
    folder = f"{staging}/{name}"
    local = folder if is_local(target) else tempfile.mkdtemp(prefix="newsgraph-")
    tables = Tables(local, f"part-{name}.parquet")
    try:
        for file_path, data in files:
            annotate(newsgraph.read_bytes(local_name(file_path), data), tables)
    finally:
        # The first partition writes the errors table even without errors,
        # so that the table exists (as Spark writes an empty table).
        documents, errors = tables.close(with_empty_errors=context.partitionId() == 0)
    if local != folder:
        from pyarrow import fs

        fs.copy_files(local, folder, destination_filesystem=target)
        shutil.rmtree(local)
    yield folder, documents, errors


def local_name(path: str) -> str:
    # Local files keep the name the CLI would print for them.
    return path[len("file:") :] if path.startswith("file:") else path


def staging_folder(output: str) -> str:
    """A folder of this job's own for its task attempts, on `output`'s file system."""
    return f"{filesystem(output)[1]}/{STAGING}/{uuid.uuid4().hex}"


def commit(output: str, attempts: List[Attempt]) -> Dict[str, int]:
    """Replaces every table of `output` with the files of the `attempts`
    (one per partition, the ones that succeeded); the staging folder, with
    whatever other attempts left there, is ``discard``'s. Returns the counts."""
    from pyarrow import fs

    target, root = filesystem(output)
    for table in TABLES:
        target.delete_dir_contents(f"{root}/{table}", missing_dir_ok=True)
    for folder, _, _ in attempts:
        for info in target.get_file_info(fs.FileSelector(folder, recursive=True)):
            if info.type == fs.FileType.File:
                destination = f"{root}/{info.path[len(folder) + 1 :]}"
                target.create_dir(destination.rsplit("/", 1)[0])
                target.move(info.path, destination)
    for table in TABLES:
        # Tools that wait for a table look for Spark's marker.
        target.create_dir(f"{root}/{table}")
        target.open_output_stream(f"{root}/{table}/{SUCCESS}").close()
    return {"documents": sum(a[1] for a in attempts), "errors": sum(a[2] for a in attempts)}


def discard(output: str, staging: str) -> None:
    """Removes `staging`, and the staging root if no other job uses it."""
    from pyarrow import fs

    target, root = filesystem(output)
    if target.get_file_info(staging).type != fs.FileType.NotFound:
        target.delete_dir(staging)
    jobs = f"{root}/{STAGING}"
    if target.get_file_info(jobs).type != fs.FileType.NotFound and not target.get_file_info(fs.FileSelector(jobs)):
        target.delete_dir(jobs)
