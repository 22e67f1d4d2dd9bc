"""The Spark tables' columns, defined here and only here.

Each table mirrors the newsgraph/1 record (see ``shared/spec/output.md``),
flattened: one row per document, and one row per entity, quote, event,
place and time expression, each carrying its document's id and ``date``.
``date`` (the publication date, else the anchor date, else null) is the
partition column of every table but ``errors``. A column is
``(name, Spark SQL type, how to take it from the record or item)``; the
job's schemas and rows are both made from these lists, so a column is
added or renamed in one place.

Failed inputs are rows of ``errors``: a document that could not be read
(no record), or a stage that failed (the record is kept in the other
tables, as ``newsgraph extract`` keeps it).
"""

from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

Record = Dict[str, Any]
Column = Tuple[str, str, Callable[[Any], Any]]

SPAN = "struct<start:int,end:int>"


def _spans(spans: Sequence[Record]) -> List[Tuple[int, int]]:
    return [(span["start"], span["end"]) for span in spans]


def _participant(role: str, field: str) -> Callable[[Record], Any]:
    return lambda event: (event.get(role) or {}).get(field)


def record_date(record: Record) -> Optional[str]:
    """The partition value: when the article was published, else its anchor."""
    return record.get("published") or record.get("anchor_date")


DOCUMENTS: List[Column] = [
    ("document_id", "string", lambda r: r["id"]),
    ("source", "string", lambda r: r["source"]),
    ("title", "string", lambda r: r.get("title")),
    ("byline", "string", lambda r: r.get("byline")),
    ("published", "string", lambda r: r.get("published")),
    ("anchor_date", "string", lambda r: r.get("anchor_date")),
    ("language", "string", lambda r: r["language"]),
    ("text", "string", lambda r: r["text"]),
    ("content_hash", "string", lambda r: r.get("content_hash")),
    ("sentences", f"array<{SPAN}>", lambda r: _spans(r["sentences"])),
    ("headings", f"array<{SPAN}>", lambda r: _spans(r.get("headings", []))),
    ("warnings", "array<string>", lambda r: r.get("warnings", [])),
    ("failed_stages", "array<string>", lambda r: [s["stage"] for s in r.get("stages", []) if s["status"] == "failed"]),
    ("producer_version", "string", lambda r: r.get("producer", {}).get("version")),
    ("producer_fingerprint", "string", lambda r: r.get("producer", {}).get("fingerprint")),
]

ENTITIES: List[Column] = [
    ("entity_id", "string", lambda e: e["id"]),
    ("type", "string", lambda e: e["type"]),
    ("name", "string", lambda e: e["name"]),
    ("actor", "string", lambda e: e.get("actor")),
    ("country", "string", lambda e: e.get("country")),
    ("mention_count", "int", lambda e: len(e["mentions"])),
    ("mentions", f"array<{SPAN}>", lambda e: _spans(e["mentions"])),
]

QUOTES: List[Column] = [
    ("start", "int", lambda q: q["start"]),
    ("end", "int", lambda q: q["end"]),
    ("text", "string", lambda q: q["text"]),
    ("kind", "string", lambda q: q["kind"]),
    ("speaker", "string", lambda q: q.get("speaker")),
    ("speaker_text", "string", lambda q: q.get("speaker_text")),
    ("cue", "string", lambda q: q["cue"]),
]

EVENTS: List[Column] = [
    ("event_id", "string", lambda e: e["id"]),
    ("sentence", "int", lambda e: e["sentence"]),
    ("trigger_start", "int", lambda e: e["trigger"]["start"]),
    ("trigger_end", "int", lambda e: e["trigger"]["end"]),
    ("trigger_text", "string", lambda e: e["trigger"]["text"]),
    ("cameo", "string", lambda e: e["cameo"]),
    ("plover", "string", lambda e: e["plover"]),
    ("source_text", "string", _participant("source", "text")),
    ("source_entity", "string", _participant("source", "entity")),
    ("source_actor", "string", _participant("source", "actor")),
    ("target_text", "string", _participant("target", "text")),
    ("target_entity", "string", _participant("target", "entity")),
    ("target_actor", "string", _participant("target", "actor")),
    ("event_date", "string", lambda e: e.get("date")),
    ("place", "int", lambda e: e.get("place")),
    ("status", "string", lambda e: e["status"]),
    ("attributed_to", "string", lambda e: e.get("attributed_to")),
]

PLACES: List[Column] = [
    ("start", "int", lambda p: p["start"]),
    ("end", "int", lambda p: p["end"]),
    ("text", "string", lambda p: p["text"]),
    ("name", "string", lambda p: p["name"]),
    ("country", "string", lambda p: p.get("country")),
    ("lat", "double", lambda p: p["lat"]),
    ("lon", "double", lambda p: p["lon"]),
    ("geonames_id", "bigint", lambda p: p.get("geonames_id")),
    ("kind", "string", lambda p: p["kind"]),
    ("admin1", "string", lambda p: p.get("admin1")),
]

TIMEXES: List[Column] = [
    ("start", "int", lambda t: t["start"]),
    ("end", "int", lambda t: t["end"]),
    ("text", "string", lambda t: t["text"]),
    ("type", "string", lambda t: t["type"]),
    ("value", "string", lambda t: t["value"]),
    ("mod", "string", lambda t: t.get("mod")),
]

ERRORS: List[Column] = [
    ("input", "string", lambda e: e["input"]),
    ("document_id", "string", lambda e: e.get("document_id")),
    ("stage", "string", lambda e: e.get("stage")),
    ("message", "string", lambda e: e["message"]),
]

# Child tables: name, the record's list they flatten, their own columns.
# Child rows also hold `document_id`, `date` and `index`, the item's
# position in the record's list (which events' `place` refers to).
CHILDREN: List[Tuple[str, List[Column]]] = [
    ("entities", ENTITIES),
    ("quotes", QUOTES),
    ("events", EVENTS),
    ("places", PLACES),
    ("timexes", TIMEXES),
]

TABLES = ["documents"] + [name for name, _ in CHILDREN] + ["errors"]


def _struct(columns: Sequence[Column], first: Sequence[Tuple[str, str]] = ()) -> str:
    fields = list(first) + [(name, kind) for name, kind, _ in columns]
    return "struct<" + ",".join(f"`{name}`:{kind}" for name, kind in fields) + ">"


def outcome_schema() -> str:
    """Spark DDL of one outcome row: `date`, the document's columns, each
    child table's rows as an array (`index` first), and the error (null
    when all went well)."""
    parts = ["`date` string"]
    parts += [f"`{name}` {kind}" for name, kind, _ in DOCUMENTS]
    parts += [f"`{table}` array<{_struct(columns, [('index', 'int')])}>" for table, columns in CHILDREN]
    parts.append(f"`error` {_struct(ERRORS)}")
    return ", ".join(parts)


def outcome_row(record: Optional[Record], error: Optional[Record]) -> tuple:
    """The outcome row of one document: its record (None if unreadable)
    and its error (None if none)."""
    failure = error_row(error)
    if record is None:
        return (None,) * (1 + len(DOCUMENTS) + len(CHILDREN)) + (failure,)
    row: List[Any] = [record_date(record)] + [get(record) for _, _, get in DOCUMENTS]
    for table, columns in CHILDREN:
        items = enumerate(record.get(table, []))
        row.append([(i,) + tuple(get(item) for _, _, get in columns) for i, item in items])
    row.append(failure)
    return tuple(row)


def error_row(error: Optional[Record]) -> Optional[tuple]:
    return tuple(get(error) for _, _, get in ERRORS) if error else None


def jsonl_outcome_schema() -> str:
    """Spark DDL of one outcome row of the JSON lines output: the record
    as the CLI writes it, and the error."""
    return f"`record` string, `error` {_struct(ERRORS)}"


def document_columns() -> List[str]:
    return ["date"] + [name for name, _, _ in DOCUMENTS]
