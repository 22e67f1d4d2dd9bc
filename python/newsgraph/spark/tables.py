"""The Spark tables' columns, defined here and only here.

Each table mirrors the newsgraph/1 record (see ``shared/spec/output.md``),
flattened: one row per document, and one row per entity, quote, event,
place and time expression, each carrying its document's id, ``date`` and
``index`` (the item's position in the record's list, which events'
``place`` refers to). ``date`` (the publication date, else the anchor date,
else null) is the partition column of every table but ``errors``.

A column is ``(name, Spark SQL type, Spark SQL expression)`` over ``r``,
the record parsed by the JVM (``RECORD``), or over ``item``, one element of
a record's list. The records cross from Python to the JVM as the JSON lines
``newsgraph extract`` writes, so no Python code builds rows.

Failed inputs are rows of ``errors``: a document that could not be read
(no record), or a stage that failed (the record is kept in the other
tables, as ``newsgraph extract`` keeps it).
"""

import json
from typing import Any, Dict, List, Tuple

Column = Tuple[str, str, str]

SPAN = "struct<start:int,end:int>"
MENTION = "struct<start:int,end:int,text:string>"
PARTICIPANT = "struct<text:string,entity:string,actor:string>"

# The record as the JVM parses it from its JSON line (fields not named here
# are not read).
RECORD = ", ".join(
    [
        "id string, source string, title string, byline string, published string, anchor_date string",
        "language string, text string, content_hash string, warnings array<string>",
        f"sentences array<{SPAN}>, headings array<{SPAN}>",
        "stages array<struct<stage:string,status:string,reason:string>>",
        "producer struct<name:string,version:string,fingerprint:string>",
        f"entities array<struct<id:string,type:string,name:string,mentions:array<{MENTION}>,actor:string,country:string>>",
        "timexes array<struct<start:int,end:int,text:string,type:string,value:string,mod:string>>",
        "places array<struct<start:int,end:int,text:string,name:string,country:string,lat:double,lon:double,"
        "geonames_id:bigint,kind:string,admin1:string>>",
        "quotes array<struct<start:int,end:int,text:string,kind:string,speaker:string,speaker_text:string,cue:string>>",
        f"events array<struct<id:string,sentence:int,trigger:{MENTION},cameo:string,plover:string,"
        f"source:{PARTICIPANT},target:{PARTICIPANT},date:string,place:int,status:string,attributed_to:string>>",
    ]
)

DATE = "coalesce(r.published, r.anchor_date)"

DOCUMENTS: List[Column] = [
    ("document_id", "string", "r.id"),
    ("source", "string", "r.source"),
    ("title", "string", "r.title"),
    ("byline", "string", "r.byline"),
    ("published", "string", "r.published"),
    ("anchor_date", "string", "r.anchor_date"),
    ("language", "string", "r.language"),
    ("text", "string", "r.text"),
    ("content_hash", "string", "r.content_hash"),
    ("sentences", f"array<{SPAN}>", "r.sentences"),
    ("headings", f"array<{SPAN}>", "r.headings"),
    # The record leaves out an empty list of warnings.
    ("warnings", "array<string>", "coalesce(r.warnings, array())"),
    ("failed_stages", "array<string>", "transform(filter(r.stages, s -> s.status = 'failed'), s -> s.stage)"),
    ("producer_version", "string", "r.producer.version"),
    ("producer_fingerprint", "string", "r.producer.fingerprint"),
]

ENTITIES: List[Column] = [
    ("entity_id", "string", "item.id"),
    ("type", "string", "item.type"),
    ("name", "string", "item.name"),
    ("actor", "string", "item.actor"),
    ("country", "string", "item.country"),
    ("mention_count", "int", "size(item.mentions)"),
    ("mentions", f"array<{MENTION}>", "item.mentions"),
]

QUOTES: List[Column] = [
    ("start", "int", "item.start"),
    ("end", "int", "item.end"),
    ("text", "string", "item.text"),
    ("kind", "string", "item.kind"),
    ("speaker", "string", "item.speaker"),
    ("speaker_text", "string", "item.speaker_text"),
    ("cue", "string", "item.cue"),
]

EVENTS: List[Column] = [
    ("event_id", "string", "item.id"),
    ("sentence", "int", "item.sentence"),
    ("trigger_start", "int", "item.trigger.start"),
    ("trigger_end", "int", "item.trigger.end"),
    ("trigger_text", "string", "item.trigger.text"),
    ("cameo", "string", "item.cameo"),
    ("plover", "string", "item.plover"),
    ("source_text", "string", "item.source.text"),
    ("source_entity", "string", "item.source.entity"),
    ("source_actor", "string", "item.source.actor"),
    ("target_text", "string", "item.target.text"),
    ("target_entity", "string", "item.target.entity"),
    ("target_actor", "string", "item.target.actor"),
    ("event_date", "string", "item.date"),
    ("place", "int", "item.place"),
    ("status", "string", "item.status"),
    ("attributed_to", "string", "item.attributed_to"),
]

PLACES: List[Column] = [
    ("start", "int", "item.start"),
    ("end", "int", "item.end"),
    ("text", "string", "item.text"),
    ("name", "string", "item.name"),
    ("country", "string", "item.country"),
    ("lat", "double", "item.lat"),
    ("lon", "double", "item.lon"),
    ("geonames_id", "bigint", "item.geonames_id"),
    ("kind", "string", "item.kind"),
    ("admin1", "string", "item.admin1"),
]

TIMEXES: List[Column] = [
    ("start", "int", "item.start"),
    ("end", "int", "item.end"),
    ("text", "string", "item.text"),
    ("type", "string", "item.type"),
    ("value", "string", "item.value"),
    ("mod", "string", "item.mod"),
]

# Child tables: their name is the record's list they flatten.
CHILDREN: List[Tuple[str, List[Column]]] = [
    ("entities", ENTITIES),
    ("quotes", QUOTES),
    ("events", EVENTS),
    ("places", PLACES),
    ("timexes", TIMEXES),
]

# Made in Python, one per failed document (see ``error_line``).
ERRORS: List[Tuple[str, str]] = [
    ("input", "string"),
    ("document_id", "string"),
    ("stage", "string"),
    ("message", "string"),
]

TABLES = ["documents"] + [name for name, _ in CHILDREN] + ["errors"]

# The Python side of the job hands the JVM one JSON line per outcome: a
# record as `newsgraph extract` writes it, or for a failed document an
# object holding only this key, the error (a record has no such field).
ERROR_KEY = "newsgraph_error"
ERROR = "struct<" + ",".join(f"{name}:{kind}" for name, kind in ERRORS) + ">"


def error_line(error: Dict[str, Any]) -> str:
    return json.dumps({ERROR_KEY: {name: error.get(name) for name, _ in ERRORS}})


def error_of_line(line: str) -> str:
    """The error alone, as a JSON line, of an error line."""
    return json.dumps(json.loads(line)[ERROR_KEY])


def parse(spark: Any, lines: Any) -> Any:
    """The outcome lines (an RDD of str) as a DataFrame: the record as `r`
    (null on an error line), the error as `error` (null on a record line)."""
    parsed = spark.read.json(lines, schema=f"{RECORD}, {ERROR_KEY} {ERROR}")
    columns = ", ".join(f"`{name}`" for name in parsed.columns if name != ERROR_KEY)
    return parsed.selectExpr(f"CASE WHEN id IS NULL THEN NULL ELSE struct({columns}) END AS r", f"{ERROR_KEY} AS error")


def _select(columns: List[Column]) -> List[str]:
    return [f"CAST({expression} AS {kind}) AS `{name}`" for name, kind, expression in columns]


def flatten(parsed: Any) -> Dict[str, Any]:
    """Every table, as a DataFrame, of parsed outcomes (see ``parse``)."""
    documents = parsed.where("r IS NOT NULL")
    out = {"documents": documents.selectExpr(f"{DATE} AS date", *_select(DOCUMENTS))}
    for table, columns in CHILDREN:
        items = documents.selectExpr(f"{DATE} AS date", "r.id AS document_id", f"posexplode(r.{table}) AS (index, item)")
        out[table] = items.selectExpr("date", "document_id", "index", *_select(columns))
    out["errors"] = parsed.where("error IS NOT NULL").select("error.*")
    return out
