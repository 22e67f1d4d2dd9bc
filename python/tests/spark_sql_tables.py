"""The Spark job's tables as Spark SQL made them from the records' JSON
lines before the tasks wrote them in Rust (``python/src/columns.rs``): an
independent statement of every column, which the tests hold the Rust
tables to.

Each table flattens the newsgraph/1 record; a column is ``(name, Spark SQL
type, Spark SQL expression)`` over ``r``, the record parsed by the JVM
(``RECORD``), or over ``item``, one element of a record's list. ``EXPORT``
says which tables match tables of ``newsgraph export --format parquet``.
"""

from typing import Any, Dict, List, Tuple

from newsgraph.spark.job import ERROR_KEY

Column = Tuple[str, str, str]

SPAN = "struct<start:int,end:int>"
MENTION = "struct<start:int,end:int,text:string>"
PARTICIPANT = "struct<text:string,entity:string,actor:string>"

# The record as the JVM parses it from its JSON line (fields not named here
# are not read).
RECORD = ", ".join(
    [
        "id string, source string, title string, byline string, published string, anchor_date string, region string",
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

DAY = "coalesce(r.published, r.anchor_date)"

# An event's row: the event with what its columns look up in its record
# (who claims it, by name, and its place), put together per record before
# the events become rows, so that the rows need not carry the record's
# entities and places.
EVENT_ITEMS = (
    "transform(r.events, event -> named_struct('event', event, "
    "'claimant', coalesce(try_element_at(filter(r.entities, e -> e.id = event.attributed_to), 1).name, "
    "try_element_at(filter(r.entities, e -> e.id = event.source.entity), 1).name, event.source.text), "
    "'place', try_element_at(r.places, event.place + 1)))"
)

DOCUMENTS: List[Column] = [
    ("id", "string", "r.id"),
    ("content_hash", "string", "r.content_hash"),
    ("source", "string", "r.source"),
    ("title", "string", "r.title"),
    ("published", "string", "r.published"),
    ("byline", "string", "r.byline"),
    ("anchor_date", "string", "r.anchor_date"),
    ("region", "string", "r.region"),
    ("language", "string", "r.language"),
    ("text", "string", "r.text"),
    ("sentences", f"array<{SPAN}>", "r.sentences"),
    ("headings", f"array<{SPAN}>", "r.headings"),
    # The record leaves out an empty list of warnings.
    ("warnings", "array<string>", "coalesce(r.warnings, array())"),
    ("failed_stages", "array<string>", "transform(filter(r.stages, s -> s.status = 'failed'), s -> s.stage)"),
    ("producer_version", "string", "r.producer.version"),
    ("producer_fingerprint", "string", "r.producer.fingerprint"),
]

ENTITIES: List[Column] = [
    ("name", "string", "item.name"),
    ("type", "string", "item.type"),
    ("actor", "string", "item.actor"),
    ("country", "string", "item.country"),
    # As the store gathers them: the name and every mention's text, once each.
    ("names", "string", "array_join(array_sort(array_distinct(concat(array(item.name), item.mentions.text))), '|')"),
    ("entity_id", "string", "item.id"),
    ("mention_count", "bigint", "size(item.mentions)"),
    ("mentions", f"array<{MENTION}>", "item.mentions"),
]

QUOTES: List[Column] = [
    ("start", "bigint", "item.start"),
    ("end", "bigint", "item.end"),
    ("kind", "string", "item.kind"),
    ("speaker_text", "string", "item.speaker_text"),
    ("cue", "string", "item.cue"),
    ("text", "string", "item.text"),
    ("speaker_entity", "string", "item.speaker"),
]

# One row per event mention: the export's `event_mentions` columns, then its
# `events` columns (which the store keeps once per event across documents).
# `item` is an element of `EVENT_ITEMS`.
EVENTS: List[Column] = [
    ("sentence", "bigint", "item.event.sentence"),
    ("start", "bigint", "item.event.trigger.start"),
    ("end", "bigint", "item.event.trigger.end"),
    ("text", "string", "item.event.trigger.text"),
    ("status", "string", "item.event.status"),
    # Who claims it, by name: the party it is attributed to, else its source.
    ("claimant", "string", "item.claimant"),
    ("date", "string", "item.event.date"),
    ("cameo", "string", "item.event.cameo"),
    ("plover", "string", "item.event.plover"),
    ("source_text", "string", "item.event.source.text"),
    ("source_actor", "string", "item.event.source.actor"),
    ("target_text", "string", "item.event.target.text"),
    ("target_actor", "string", "item.event.target.actor"),
    ("place", "string", "item.place.name"),
    ("country", "string", "item.place.country"),
    ("lat", "double", "item.place.lat"),
    ("lon", "double", "item.place.lon"),
    ("event_id", "string", "item.event.id"),
    ("source_entity", "string", "item.event.source.entity"),
    ("target_entity", "string", "item.event.target.entity"),
    ("attributed_to", "string", "item.event.attributed_to"),
    ("place_index", "bigint", "item.event.place"),
]

PLACES: List[Column] = [
    ("start", "bigint", "item.start"),
    ("end", "bigint", "item.end"),
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
    ("start", "bigint", "item.start"),
    ("end", "bigint", "item.end"),
    ("text", "string", "item.text"),
    ("type", "string", "item.type"),
    ("value", "string", "item.value"),
    ("mod", "string", "item.mod"),
]

# Child tables: their name, the list (over `r`) whose elements are their
# rows' `item`, and their columns.
CHILDREN: List[Tuple[str, str, List[Column]]] = [
    ("entities", "r.entities", ENTITIES),
    ("quotes", "r.quotes", QUOTES),
    ("events", EVENT_ITEMS, EVENTS),
    ("places", "r.places", PLACES),
    ("timexes", "r.timexes", TIMEXES),
]

# For each Spark table, the export tables it matches, each with the export's
# columns only a corpus store fills (row ids, corpus entity and event ids,
# story ids, document counts): every other export column is a column of the
# Spark table, of the same name and type. `stories` and `contradictions` are
# the store's alone.
EXPORT: Dict[str, Dict[str, List[str]]] = {
    "documents": {"documents": ["rowid", "story"]},
    "entities": {"entities": ["id", "documents"]},
    "quotes": {"quotes": ["id", "speaker"]},
    "events": {"events": ["id", "source", "target"], "event_mentions": ["id", "event"]},
}

ERRORS: List[Tuple[str, str]] = [
    ("input", "string"),
    ("document_id", "string"),
    ("stage", "string"),
    ("message", "string"),
]

TABLES = ["documents"] + [name for name, _, _ in CHILDREN] + ["errors"]

ERROR = "struct<" + ",".join(f"{name}:{kind}" for name, kind in ERRORS) + ">"


def parse(spark: Any, lines: Any) -> Any:
    """The outcome lines (an RDD of str) as a DataFrame: a record's fields as
    columns (`id` null on an error line), and the error as `ERROR_KEY` (null
    on a record line). Flat, so that a table reading it from a cache reads
    only the fields it needs."""
    return spark.read.json(lines, schema=f"{RECORD}, {ERROR_KEY} {ERROR}")


def _select(columns: List[Column]) -> List[str]:
    return [f"CAST({expression} AS {kind}) AS `{name}`" for name, kind, expression in columns]


def flatten(parsed: Any) -> Dict[str, Any]:
    """Every table, as a DataFrame, of parsed outcomes (see ``parse``)."""
    documents = parsed.where("id IS NOT NULL").alias("r")
    out = {"documents": documents.selectExpr(f"{DAY} AS day", *_select(DOCUMENTS))}
    for table, items, columns in CHILDREN:
        rows = documents.selectExpr(f"{DAY} AS day", "r.id AS document", f"posexplode({items}) AS (index, item)")
        out[table] = rows.selectExpr("day", "document", "CAST(index AS bigint) AS index", *_select(columns))
    out["errors"] = parsed.where(f"{ERROR_KEY} IS NOT NULL").select(f"{ERROR_KEY}.*")
    return out
