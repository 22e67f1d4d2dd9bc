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
//! A column reads the record's Rust value (what its JSON line would say):
//! turning every record into JSON for the tables cost as much as writing
//! them.

use std::borrow::Cow;

use newsgraph::{Entity, Event, Mention, Participant, Place, Quote, Record, RunStatus, Span, Timex};
use serde::Serialize;

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

/// A column's value in one row, borrowed from the record where it can be.
pub enum Cell<'a> {
    Null,
    Text(Cow<'a, str>),
    Int(i64),
    Double(f64),
    List(Vec<Cell<'a>>),
    /// The fields' values, in the order of the struct type's fields.
    Struct(Vec<Cell<'a>>),
}

/// The record a row is made from, the item of the record's list the row
/// stands for (for `documents`, the record), and the item's position.
pub struct Row<'a, T> {
    pub record: &'a Record,
    pub item: &'a T,
    pub index: usize,
}

pub struct Column<T: 'static> {
    pub name: &'static str,
    pub kind: Type,
    pub value: for<'a> fn(&Row<'a, T>) -> Cell<'a>,
}

/// A table with one row per item of a record's list (`items`).
pub struct Table<T: 'static> {
    pub name: &'static str,
    items: fn(&Record) -> &[T],
    pub columns: &'static [Column<T>],
}

/// A table, whatever its items are.
pub trait AnyTable: Sync {
    fn name(&self) -> &'static str;
    /// Each column's name and type.
    fn schema(&self) -> Vec<(&'static str, &'static Type)>;
    /// The cells of each of a record's rows.
    fn rows<'a>(&self, record: &'a Record) -> Vec<Vec<Cell<'a>>>;
}

impl<T> AnyTable for Table<T> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn schema(&self) -> Vec<(&'static str, &'static Type)> {
        self.columns.iter().map(|column| (column.name, &column.kind)).collect()
    }

    fn rows<'a>(&self, record: &'a Record) -> Vec<Vec<Cell<'a>>> {
        let items = (self.items)(record).iter().enumerate();
        items
            .map(|(index, item)| {
                let row = Row { record, item, index };
                self.columns.iter().map(|column| (column.value)(&row)).collect()
            })
            .collect()
    }
}

/// Failed inputs: a document that could not be read (no record), or a
/// stage that failed (its record is in the other tables too, as
/// `newsgraph extract` keeps it). Not partitioned; every column text.
pub const ERRORS: &str = "errors";
pub const ERROR_COLUMNS: [&str; 4] = ["input", "document_id", "stage", "message"];

pub static TABLES: [&dyn AnyTable; 6] = [&DOCUMENTS, &ENTITIES, &QUOTES, &EVENTS, &PLACES, &TIMEXES];

const fn column<T>(name: &'static str, kind: Type, value: for<'a> fn(&Row<'a, T>) -> Cell<'a>) -> Column<T> {
    Column { name, kind, value }
}

const SPAN: Type = Type::Struct(&[("start", Type::Int32), ("end", Type::Int32)]);
const MENTION: Type = Type::Struct(&[("start", Type::Int32), ("end", Type::Int32), ("text", Type::Text)]);

static DOCUMENTS: Table<Record> = Table {
    name: "documents",
    items: std::slice::from_ref,
    columns: &[
        column("id", Type::Text, |row| text(&row.record.id)),
        column("content_hash", Type::Text, |row| text(&row.record.content_hash)),
        column("source", Type::Text, |row| text(&row.record.source)),
        column("title", Type::Text, |row| optional_text(&row.record.title)),
        column("published", Type::Text, |row| row.record.published.map_or(Cell::Null, |date| owned(date.to_string()))),
        column("byline", Type::Text, |row| optional_text(&row.record.byline)),
        column("anchor_date", Type::Text, |row| {
            row.record.anchor_date.map_or(Cell::Null, |date| owned(date.to_string()))
        }),
        column("region", Type::Text, |row| optional_text(&row.record.region)),
        column("language", Type::Text, |row| text(row.record.language.as_str())),
        column("text", Type::Text, |row| text(&row.record.text)),
        column("sentences", Type::List(&SPAN), |row| spans(&row.record.sentences)),
        column("headings", Type::List(&SPAN), |row| spans(&row.record.headings)),
        column("warnings", Type::List(&Type::Text), |row| {
            Cell::List(row.record.warnings.iter().map(|w| text(w)).collect())
        }),
        column("failed_stages", Type::List(&Type::Text), failed_stages),
        column("producer_version", Type::Text, |row| text(&row.record.producer.version)),
        column("producer_fingerprint", Type::Text, |row| text(&row.record.producer.fingerprint)),
    ],
};

static ENTITIES: Table<Entity> = Table {
    name: "entities",
    items: |record| &record.entities,
    columns: &[
        column("document", Type::Text, document),
        column("index", Type::Int64, index),
        column("name", Type::Text, |row| text(&row.item.name)),
        column("type", Type::Text, |row| serde_name(&row.item.kind)),
        column("actor", Type::Text, |row| optional_text(&row.item.actor)),
        column("country", Type::Text, |row| optional_text(&row.item.country)),
        column("names", Type::Text, entity_names),
        column("entity_id", Type::Text, |row| text(&row.item.id)),
        column("mention_count", Type::Int64, |row| int(row.item.mentions.len())),
        column("mentions", Type::List(&MENTION), |row| Cell::List(row.item.mentions.iter().map(mention).collect())),
    ],
};

static QUOTES: Table<Quote> = Table {
    name: "quotes",
    items: |record| &record.quotes,
    columns: &[
        column("document", Type::Text, document),
        column("index", Type::Int64, index),
        column("start", Type::Int64, |row| int(row.item.start)),
        column("end", Type::Int64, |row| int(row.item.end)),
        column("kind", Type::Text, |row| serde_name(&row.item.kind)),
        column("speaker_text", Type::Text, |row| optional_text(&row.item.speaker_text)),
        column("cue", Type::Text, |row| text(&row.item.cue)),
        column("text", Type::Text, |row| text(&row.item.text)),
        column("speaker_entity", Type::Text, |row| optional_text(&row.item.speaker)),
    ],
};

/// One row per event mention: the export's `event_mentions` columns, then
/// its `events` columns (which a store keeps once per event across
/// documents).
static EVENTS: Table<Event> = Table {
    name: "events",
    items: |record| &record.events,
    columns: &[
        column("document", Type::Text, document),
        column("index", Type::Int64, index),
        column("sentence", Type::Int64, |row| int(row.item.sentence)),
        column("start", Type::Int64, |row| int(row.item.trigger.start)),
        column("end", Type::Int64, |row| int(row.item.trigger.end)),
        column("text", Type::Text, |row| text(&row.item.trigger.text)),
        column("status", Type::Text, |row| serde_name(&row.item.status)),
        column("claimant", Type::Text, claimant),
        column("date", Type::Text, |row| optional_text(&row.item.date)),
        column("cameo", Type::Text, |row| text(&row.item.cameo)),
        column("plover", Type::Text, |row| text(&row.item.plover)),
        column("source_text", Type::Text, |row| participant(&row.item.source, |party| text(&party.text))),
        column("source_actor", Type::Text, |row| participant(&row.item.source, |party| optional_text(&party.actor))),
        column("target_text", Type::Text, |row| participant(&row.item.target, |party| text(&party.text))),
        column("target_actor", Type::Text, |row| participant(&row.item.target, |party| optional_text(&party.actor))),
        column("place", Type::Text, |row| event_place(row, |place| text(&place.name))),
        column("country", Type::Text, |row| event_place(row, |place| optional_text(&place.country))),
        column("lat", Type::Double, |row| event_place(row, |place| Cell::Double(place.lat))),
        column("lon", Type::Double, |row| event_place(row, |place| Cell::Double(place.lon))),
        column("event_id", Type::Text, |row| text(&row.item.id)),
        column("source_entity", Type::Text, |row| participant(&row.item.source, |party| optional_text(&party.entity))),
        column("target_entity", Type::Text, |row| participant(&row.item.target, |party| optional_text(&party.entity))),
        column("attributed_to", Type::Text, |row| optional_text(&row.item.attributed_to)),
        column("place_index", Type::Int64, |row| row.item.place.map_or(Cell::Null, int)),
    ],
};

static PLACES: Table<Place> = Table {
    name: "places",
    items: |record| &record.places,
    columns: &[
        column("document", Type::Text, document),
        column("index", Type::Int64, index),
        column("start", Type::Int64, |row| int(row.item.start)),
        column("end", Type::Int64, |row| int(row.item.end)),
        column("text", Type::Text, |row| text(&row.item.text)),
        column("name", Type::Text, |row| text(&row.item.name)),
        column("country", Type::Text, |row| optional_text(&row.item.country)),
        column("lat", Type::Double, |row| Cell::Double(row.item.lat)),
        column("lon", Type::Double, |row| Cell::Double(row.item.lon)),
        column("geonames_id", Type::Int64, |row| {
            row.item.geonames_id.and_then(|id| i64::try_from(id).ok()).map_or(Cell::Null, Cell::Int)
        }),
        column("kind", Type::Text, |row| serde_name(&row.item.kind)),
        column("admin1", Type::Text, |row| optional_text(&row.item.admin1)),
    ],
};

static TIMEXES: Table<Timex> = Table {
    name: "timexes",
    items: |record| &record.timexes,
    columns: &[
        column("document", Type::Text, document),
        column("index", Type::Int64, index),
        column("start", Type::Int64, |row| int(row.item.start)),
        column("end", Type::Int64, |row| int(row.item.end)),
        column("text", Type::Text, |row| text(&row.item.text)),
        column("type", Type::Text, |row| serde_name(&row.item.kind)),
        column("value", Type::Text, |row| text(&row.item.value)),
        column("mod", Type::Text, |row| optional_text(&row.item.modifier)),
    ],
};

/// The partition of a record's rows: its publication date, else its anchor
/// date (none when it has neither).
pub fn day(record: &Record) -> Option<String> {
    record.published.or(record.anchor_date).map(|date| date.to_string())
}

fn text(value: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(value))
}

fn owned(value: String) -> Cell<'static> {
    Cell::Text(Cow::Owned(value))
}

fn optional_text(value: &Option<String>) -> Cell<'_> {
    value.as_deref().map_or(Cell::Null, text)
}

fn int(value: usize) -> Cell<'static> {
    i64::try_from(value).map_or(Cell::Null, Cell::Int)
}

/// An enum's name as the record's JSON spells it.
fn serde_name(value: &impl Serialize) -> Cell<'static> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => owned(name),
        _ => Cell::Null,
    }
}

fn spans(spans: &[Span]) -> Cell<'static> {
    Cell::List(spans.iter().map(|span| Cell::Struct(vec![int(span.start), int(span.end)])).collect())
}

fn mention(mention: &Mention) -> Cell<'_> {
    Cell::Struct(vec![int(mention.start), int(mention.end), text(&mention.text)])
}

fn document<'a, T>(row: &Row<'a, T>) -> Cell<'a> {
    text(&row.record.id)
}

fn index<T>(row: &Row<'_, T>) -> Cell<'static> {
    int(row.index)
}

fn failed_stages<'a>(row: &Row<'a, Record>) -> Cell<'a> {
    let failed = row.record.stages.iter().filter(|run| run.status == RunStatus::Failed);
    Cell::List(failed.map(|run| text(run.stage.as_str())).collect())
}

/// As a store gathers them: the name and every mention's text, once each,
/// sorted, `|`-joined.
fn entity_names<'a>(row: &Row<'a, Entity>) -> Cell<'a> {
    let mut names: Vec<&str> = row.item.mentions.iter().map(|mention| mention.text.as_str()).collect();
    names.push(&row.item.name);
    names.sort_unstable();
    names.dedup();
    owned(names.join("|"))
}

/// Who claims an event, by name: the entity it is attributed to, else its
/// source entity, else its source's text.
fn claimant<'a>(row: &Row<'a, Event>) -> Cell<'a> {
    let name_of = |id: Option<&String>| {
        let id = id?;
        row.record.entities.iter().find(|entity| &entity.id == id).map(|entity| entity.name.as_str())
    };
    let source = row.item.source.as_ref();
    let name = name_of(row.item.attributed_to.as_ref())
        .or_else(|| name_of(source.and_then(|party| party.entity.as_ref())))
        .or_else(|| source.map(|party| party.text.as_str()));
    name.map_or(Cell::Null, text)
}

fn participant<'a>(party: &'a Option<Participant>, field: impl Fn(&'a Participant) -> Cell<'a>) -> Cell<'a> {
    party.as_ref().map_or(Cell::Null, field)
}

/// A field of the place an event's `place` (an index into the record's
/// places) points to.
fn event_place<'a>(row: &Row<'a, Event>, field: impl Fn(&'a Place) -> Cell<'a>) -> Cell<'a> {
    row.item.place.and_then(|place| row.record.places.get(place)).map_or(Cell::Null, field)
}
