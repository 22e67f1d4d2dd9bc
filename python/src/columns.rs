//! The Spark job's Parquet tables (`python -m newsgraph.spark`), defined
//! here and only here.
//!
//! Each table flattens the newsgraph/1 record (`shared/spec/output.md`):
//! one row per document, and one row per entity, quote, event, place and
//! time expression, each carrying its document's id (`document`) and
//! `index` (the item's position in the record's list, which events'
//! `place_index` refers to). Every table but `errors` is partitioned by
//! `day` (the publication date, else the anchor date), which is a folder
//! name, not a column of the files.
//!
//! Where a table holds what a table of `newsgraph export --format parquet`
//! holds, its columns have the export's names and Parquet types, so one
//! query reads both: integers INT64, `lat`/`lon` DOUBLE, text UTF-8, and
//! `document` is the document's id (docs/scale.md lists which columns
//! match). The record's own spans inside lists stay INT32, as the JSON
//! schema the Spark job parsed them with had them.
//!
//! Columns read the record as its JSON value, the form the contract
//! defines, so a column is named by its path in the JSON.

use std::borrow::Cow;

use serde_json::Value;

/// A column's type. Every value may be null (Parquet `optional`), as in the
/// files Spark wrote.
#[derive(Debug)]
pub enum Type {
    Text,
    Int32,
    Int64,
    Double,
    /// A Parquet LIST of the element type (Spark's three-level layout).
    List(&'static Type),
    Struct(&'static [Field]),
}

pub type Field = (&'static str, Type);

/// Where a column's value comes from.
pub enum Source {
    /// A field of the record, by path.
    Record(&'static [&'static str]),
    /// A field of the row's list item, by path.
    Item(&'static [&'static str]),
    /// A field of the place an event's `place` (an index into the record's
    /// places) points to.
    EventPlace(&'static str),
    /// Worked out from the row.
    Derived(for<'a> fn(&Row<'a>) -> Cow<'a, Value>),
}

pub struct Column {
    pub name: &'static str,
    pub kind: Type,
    pub source: Source,
}

/// The record a table row is made from, and for a child table the list
/// item and its position (for `documents`, the record and 0).
pub struct Row<'a> {
    pub record: &'a Value,
    pub item: &'a Value,
    pub index: usize,
}

/// What a table has one row per.
pub enum Rows {
    Record,
    /// Element of the record's list of this name.
    Item(&'static str),
}

pub struct Table {
    pub name: &'static str,
    pub rows: Rows,
    pub columns: &'static [Column],
}

/// Failed inputs: a document that could not be read (no record), or a
/// stage that failed (its record is in the other tables too, as
/// `newsgraph extract` keeps it). Not partitioned.
pub const ERRORS: &str = "errors";
pub const ERROR_COLUMNS: [&str; 4] = ["input", "document_id", "stage", "message"];

pub const TABLES: [&Table; 6] = [&DOCUMENTS, &ENTITIES, &QUOTES, &EVENTS, &PLACES, &TIMEXES];

static NULL: Value = Value::Null;

const fn column(name: &'static str, kind: Type, source: Source) -> Column {
    Column { name, kind, source }
}

const SPAN: Type = Type::Struct(&[("start", Type::Int32), ("end", Type::Int32)]);
const MENTION: Type = Type::Struct(&[("start", Type::Int32), ("end", Type::Int32), ("text", Type::Text)]);

const DOCUMENT: Column = column("document", Type::Text, Source::Record(&["id"]));
const INDEX: Column = column("index", Type::Int64, Source::Derived(index));

static DOCUMENTS: Table = Table {
    name: "documents",
    rows: Rows::Record,
    columns: &[
        column("id", Type::Text, Source::Record(&["id"])),
        column("content_hash", Type::Text, Source::Record(&["content_hash"])),
        column("source", Type::Text, Source::Record(&["source"])),
        column("title", Type::Text, Source::Record(&["title"])),
        column("published", Type::Text, Source::Record(&["published"])),
        column("byline", Type::Text, Source::Record(&["byline"])),
        column("anchor_date", Type::Text, Source::Record(&["anchor_date"])),
        column("language", Type::Text, Source::Record(&["language"])),
        column("text", Type::Text, Source::Record(&["text"])),
        column("sentences", Type::List(&SPAN), Source::Record(&["sentences"])),
        column("headings", Type::List(&SPAN), Source::Record(&["headings"])),
        column("warnings", Type::List(&Type::Text), Source::Derived(warnings)),
        column("failed_stages", Type::List(&Type::Text), Source::Derived(failed_stages)),
        column("producer_version", Type::Text, Source::Record(&["producer", "version"])),
        column("producer_fingerprint", Type::Text, Source::Record(&["producer", "fingerprint"])),
    ],
};

static ENTITIES: Table = Table {
    name: "entities",
    rows: Rows::Item("entities"),
    columns: &[
        DOCUMENT,
        INDEX,
        column("name", Type::Text, Source::Item(&["name"])),
        column("type", Type::Text, Source::Item(&["type"])),
        column("actor", Type::Text, Source::Item(&["actor"])),
        column("country", Type::Text, Source::Item(&["country"])),
        column("names", Type::Text, Source::Derived(entity_names)),
        column("entity_id", Type::Text, Source::Item(&["id"])),
        column("mention_count", Type::Int64, Source::Derived(mention_count)),
        column("mentions", Type::List(&MENTION), Source::Item(&["mentions"])),
    ],
};

static QUOTES: Table = Table {
    name: "quotes",
    rows: Rows::Item("quotes"),
    columns: &[
        DOCUMENT,
        INDEX,
        column("start", Type::Int64, Source::Item(&["start"])),
        column("end", Type::Int64, Source::Item(&["end"])),
        column("kind", Type::Text, Source::Item(&["kind"])),
        column("speaker_text", Type::Text, Source::Item(&["speaker_text"])),
        column("cue", Type::Text, Source::Item(&["cue"])),
        column("text", Type::Text, Source::Item(&["text"])),
        column("speaker_entity", Type::Text, Source::Item(&["speaker"])),
    ],
};

/// One row per event mention: the export's `event_mentions` columns, then
/// its `events` columns (which a store keeps once per event across
/// documents).
static EVENTS: Table = Table {
    name: "events",
    rows: Rows::Item("events"),
    columns: &[
        DOCUMENT,
        INDEX,
        column("sentence", Type::Int64, Source::Item(&["sentence"])),
        column("start", Type::Int64, Source::Item(&["trigger", "start"])),
        column("end", Type::Int64, Source::Item(&["trigger", "end"])),
        column("text", Type::Text, Source::Item(&["trigger", "text"])),
        column("status", Type::Text, Source::Item(&["status"])),
        column("claimant", Type::Text, Source::Derived(claimant)),
        column("date", Type::Text, Source::Item(&["date"])),
        column("cameo", Type::Text, Source::Item(&["cameo"])),
        column("plover", Type::Text, Source::Item(&["plover"])),
        column("source_text", Type::Text, Source::Item(&["source", "text"])),
        column("source_actor", Type::Text, Source::Item(&["source", "actor"])),
        column("target_text", Type::Text, Source::Item(&["target", "text"])),
        column("target_actor", Type::Text, Source::Item(&["target", "actor"])),
        column("place", Type::Text, Source::EventPlace("name")),
        column("country", Type::Text, Source::EventPlace("country")),
        column("lat", Type::Double, Source::EventPlace("lat")),
        column("lon", Type::Double, Source::EventPlace("lon")),
        column("event_id", Type::Text, Source::Item(&["id"])),
        column("source_entity", Type::Text, Source::Item(&["source", "entity"])),
        column("target_entity", Type::Text, Source::Item(&["target", "entity"])),
        column("attributed_to", Type::Text, Source::Item(&["attributed_to"])),
        column("place_index", Type::Int64, Source::Item(&["place"])),
    ],
};

static PLACES: Table = Table {
    name: "places",
    rows: Rows::Item("places"),
    columns: &[
        DOCUMENT,
        INDEX,
        column("start", Type::Int64, Source::Item(&["start"])),
        column("end", Type::Int64, Source::Item(&["end"])),
        column("text", Type::Text, Source::Item(&["text"])),
        column("name", Type::Text, Source::Item(&["name"])),
        column("country", Type::Text, Source::Item(&["country"])),
        column("lat", Type::Double, Source::Item(&["lat"])),
        column("lon", Type::Double, Source::Item(&["lon"])),
        column("geonames_id", Type::Int64, Source::Item(&["geonames_id"])),
        column("kind", Type::Text, Source::Item(&["kind"])),
        column("admin1", Type::Text, Source::Item(&["admin1"])),
    ],
};

static TIMEXES: Table = Table {
    name: "timexes",
    rows: Rows::Item("timexes"),
    columns: &[
        DOCUMENT,
        INDEX,
        column("start", Type::Int64, Source::Item(&["start"])),
        column("end", Type::Int64, Source::Item(&["end"])),
        column("text", Type::Text, Source::Item(&["text"])),
        column("type", Type::Text, Source::Item(&["type"])),
        column("value", Type::Text, Source::Item(&["value"])),
        column("mod", Type::Text, Source::Item(&["mod"])),
    ],
};

impl Column {
    pub fn value<'a>(&self, row: &Row<'a>) -> Cow<'a, Value> {
        match &self.source {
            Source::Record(path) => Cow::Borrowed(at(row.record, path)),
            Source::Item(path) => Cow::Borrowed(at(row.item, path)),
            Source::EventPlace(field) => Cow::Borrowed(event_place(row).map_or(&NULL, |place| at(place, &[field]))),
            Source::Derived(derive) => derive(row),
        }
    }
}

impl Table {
    /// The rows of one record.
    pub fn rows<'a>(&self, record: &'a Value) -> Vec<Row<'a>> {
        match self.rows {
            Rows::Record => vec![Row { record, item: record, index: 0 }],
            Rows::Item(list) => {
                items(at(record, &[list])).iter().enumerate().map(|(index, item)| Row { record, item, index }).collect()
            }
        }
    }
}

/// The value at `path`, null where a field is missing.
fn at<'a>(value: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().try_fold(value, |value, key| value.get(key)).unwrap_or(&NULL)
}

fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(value, path).as_str()
}

fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

/// The partition of a record's rows: its publication date, else its anchor
/// date (none when it has neither).
pub fn day(record: &Value) -> Option<&str> {
    text(record, &["published"]).or_else(|| text(record, &["anchor_date"]))
}

fn index<'a>(row: &Row<'a>) -> Cow<'a, Value> {
    Cow::Owned(Value::from(row.index))
}

fn texts(texts: impl IntoIterator<Item = String>) -> Cow<'static, Value> {
    Cow::Owned(Value::Array(texts.into_iter().map(Value::String).collect()))
}

/// The record leaves out an empty list of warnings; the column has it.
fn warnings<'a>(row: &Row<'a>) -> Cow<'a, Value> {
    match at(row.record, &["warnings"]) {
        Value::Null => texts([]),
        warnings => Cow::Borrowed(warnings),
    }
}

fn failed_stages<'a>(row: &Row<'a>) -> Cow<'a, Value> {
    let stages = items(at(row.record, &["stages"]));
    let failed = stages.iter().filter(|run| text(run, &["status"]) == Some("failed"));
    texts(failed.filter_map(|run| text(run, &["stage"]).map(str::to_string)))
}

/// As a store gathers them: the name and every mention's text, once each,
/// sorted, `|`-joined.
fn entity_names<'a>(row: &Row<'a>) -> Cow<'a, Value> {
    let mentions = items(at(row.item, &["mentions"]));
    let mut names: Vec<&str> = text(row.item, &["name"]).into_iter().collect();
    names.extend(mentions.iter().filter_map(|mention| text(mention, &["text"])));
    names.sort_unstable();
    names.dedup();
    Cow::Owned(Value::String(names.join("|")))
}

fn mention_count<'a>(row: &Row<'a>) -> Cow<'a, Value> {
    Cow::Owned(Value::from(items(at(row.item, &["mentions"])).len()))
}

/// Who claims an event, by name: the entity it is attributed to, else its
/// source entity, else its source's text.
fn claimant<'a>(row: &Row<'a>) -> Cow<'a, Value> {
    let entities = items(at(row.record, &["entities"]));
    let name_of = |id: Option<&str>| {
        let entity = entities.iter().find(|entity| id.is_some() && text(entity, &["id"]) == id)?;
        text(entity, &["name"])
    };
    let name = name_of(text(row.item, &["attributed_to"]))
        .or_else(|| name_of(text(row.item, &["source", "entity"])))
        .or_else(|| text(row.item, &["source", "text"]));
    Cow::Owned(name.map_or(Value::Null, |name| Value::String(name.to_string())))
}

fn event_place<'a>(row: &Row<'a>) -> Option<&'a Value> {
    let place = usize::try_from(at(row.item, &["place"]).as_u64()?).ok()?;
    items(at(row.record, &["places"])).get(place)
}
