"""Type stubs of the compiled module (python/src/)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

SCHEMA: str
__version__: str
# The Spark job's Parquet tables (python/src/columns.rs), errors last.
TABLES: List[str]

Record = Dict[str, Any]
PathArg = Union[str, os.PathLike]

class NewsgraphError(Exception): ...

class ReadError(NewsgraphError):
    input: str

class StageError(NewsgraphError):
    record: Union[Record, str]

class LoadError(NewsgraphError): ...

class Document:
    def __init__(
        self,
        text: str,
        *,
        id: Optional[str] = None,
        title: Optional[str] = None,
        date: Optional[str] = None,
        byline: Optional[str] = None,
        source: Optional[str] = None,
    ) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def byline(self) -> Optional[str]: ...
    @property
    def published(self) -> Optional[str]: ...

class Reader(Iterator[Document]):
    def __iter__(self) -> "Reader": ...
    def __next__(self) -> Document: ...

def read(paths: Union[PathArg, Sequence[PathArg]]) -> Reader: ...
def read_bytes(name: str, data: bytes) -> Reader: ...

class Pipe(Iterator[Any]):
    """Yields a record (dict, or JSON str with json=True), or with
    return_errors=True a ReadError/StageError in the failed document's place."""

    def __iter__(self) -> "Pipe": ...
    def __next__(self) -> Any: ...

class Pipeline:
    def __init__(
        self,
        *,
        skip: Sequence[str] = ...,
        actors: Sequence[PathArg] = ...,
        verbs: Sequence[PathArg] = ...,
        language: Optional[str] = None,
        date: Optional[str] = None,
        reannotate: bool = False,
        region: Optional[str] = None,
    ) -> None: ...
    @property
    def missing_inputs(self) -> List[str]: ...
    def process(self, document: Union[Document, str]) -> Record: ...
    def pipe(
        self,
        documents: Iterable[Union[Document, str]],
        *,
        threads: Optional[int] = None,
        json: bool = False,
        return_errors: bool = False,
    ) -> Pipe: ...
    def write_tables(
        self,
        documents: Iterable[Union[Document, str]],
        tables: Tables,
        *,
        threads: Optional[int] = None,
    ) -> None:
        """Annotates documents into `tables` (the Spark job's Parquet files)
        without handing any record to Python."""

class Tables:
    """One Spark task's Parquet tables, written into `folder`, every file
    named `part` (see newsgraph.spark.tables)."""

    def __init__(self, folder: PathArg, part: str) -> None: ...
    def close(self, *, with_empty_errors: bool = False) -> "tuple[int, int]":
        """Finishes every file; returns the documents and errors written."""
