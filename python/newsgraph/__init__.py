"""newsgraph: turn news articles into structured, linked data, offline.

    >>> import newsgraph
    >>> record = newsgraph.extract("Kyiv, 3 Jan: Zelensky said ...", date="2026-01-03")
    >>> [e["name"] for e in record["entities"]]

Records follow the newsgraph/1 contract (the output of ``newsgraph extract``);
their offsets are code points, so ``record["text"][start:end]`` is the span.
"""

from functools import lru_cache
from typing import Any, Dict, Optional

from ._newsgraph import (
    SCHEMA,
    Document,
    LoadError,
    NewsgraphError,
    Pipe,
    Pipeline,
    Reader,
    ReadError,
    StageError,
    __version__,
    read,
    read_bytes,
)

__all__ = [
    "SCHEMA",
    "Document",
    "LoadError",
    "NewsgraphError",
    "Pipe",
    "Pipeline",
    "Reader",
    "ReadError",
    "StageError",
    "__version__",
    "extract",
    "read",
    "read_bytes",
]


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    # Loading the stages takes a while; every extract() call shares one pipeline.
    return Pipeline()


def extract(
    text: str,
    *,
    date: Optional[str] = None,
    title: Optional[str] = None,
    id: Optional[str] = None,  # noqa: A002 - the record's field name
) -> Dict[str, Any]:
    """Annotates one article with the default pipeline and returns its record.

    ``text`` is kept exactly as given; ``date`` (``YYYY-MM-DD``) is its
    publication date, which anchors relative dates. Raises ``ValueError``
    for a bad date and ``StageError`` if a stage fails.
    """
    return _default_pipeline().process(Document(text, id=id, title=title, date=date))
