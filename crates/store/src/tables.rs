//! The flat tables `csv` and `parquet` exports write, one file per kind:
//! their queries and column types, shared by both formats.

use rusqlite::types::ValueRef;

use crate::error::Result;
use crate::export::for_each_row;
use crate::Store;

/// The type a column is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Real,
    Text,
}

/// One exported table: its file stem, its columns, and the query that
/// fills it (`?1` last id, `?2` chunk size; the first column is the id
/// paged on, and is written too).
pub(crate) struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Kind)],
    pub sql: &'static str,
}

use Kind::{Int, Real, Text};

pub(crate) const TABLES: &[Table] = &[
    Table {
        name: "documents",
        columns: &[("rowid", Int), ("id", Text), ("content_hash", Text), ("source", Text), ("title", Text), ("published", Text), ("story", Int)],
        sql: "SELECT rowid, id, content_hash, source, title, published, story FROM documents
              WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    },
    Table {
        name: "stories",
        columns: &[("id", Int), ("title", Text), ("documents", Int)],
        sql: "SELECT id, title, documents FROM stories WHERE id > ?1 ORDER BY id LIMIT ?2",
    },
    Table {
        name: "entities",
        columns: &[("id", Int), ("name", Text), ("type", Text), ("actor", Text), ("country", Text), ("documents", Int), ("names", Text)],
        sql: "SELECT id, name, type, actor, country, documents,
                     (SELECT group_concat(name, '|') FROM entity_names WHERE entity = e.id)
              FROM entities e WHERE id > ?1 ORDER BY id LIMIT ?2",
    },
    Table {
        name: "events",
        columns: &[
            ("id", Int), ("cameo", Text), ("plover", Text), ("source", Int), ("source_text", Text), ("source_actor", Text),
            ("target", Int), ("target_text", Text), ("target_actor", Text), ("date", Text), ("place", Text),
            ("country", Text), ("lat", Real), ("lon", Real),
        ],
        sql: "SELECT id, cameo, plover, source, source_text, source_actor, target, target_text, target_actor, date,
                     place, country, lat, lon FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
    },
    Table {
        name: "event_mentions",
        columns: &[
            ("id", Int), ("event", Int), ("document", Text), ("sentence", Int), ("start", Int), ("end", Int),
            ("text", Text), ("status", Text), ("claimant", Text), ("date", Text),
        ],
        sql: "SELECT m.id, m.event, d.id, m.sentence, m.start, m.end, m.text, m.status, m.claimant, m.date
              FROM event_mentions m JOIN documents d ON d.rowid = m.document WHERE m.id > ?1 ORDER BY m.id LIMIT ?2",
    },
    Table {
        name: "quotes",
        columns: &[
            ("id", Int), ("document", Text), ("start", Int), ("end", Int), ("kind", Text), ("speaker", Int),
            ("speaker_text", Text), ("cue", Text), ("text", Text),
        ],
        sql: "SELECT q.id, d.id, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.cue,
                     span(d.text, q.start, q.end)
              FROM quotes q JOIN documents d ON d.rowid = q.document WHERE q.id > ?1 ORDER BY q.id LIMIT ?2",
    },
    Table {
        name: "contradictions",
        columns: &[
            ("id", Int), ("reason", Text), ("event", Int), ("a_document", Text), ("a_start", Int), ("a_end", Int),
            ("a_text", Text), ("a_claimant", Text), ("b_document", Text), ("b_start", Int), ("b_end", Int),
            ("b_text", Text), ("b_claimant", Text),
        ],
        sql: "SELECT c.id, c.reason, c.event, a.id, c.a_start, c.a_end, c.a_text, c.a_claimant,
                     b.id, c.b_start, c.b_end, c.b_text, c.b_claimant
              FROM contradictions c JOIN documents a ON a.rowid = c.a_document JOIN documents b ON b.rowid = c.b_document
              WHERE c.id > ?1 ORDER BY c.id LIMIT ?2",
    },
];

/// One value as read from SQLite.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Cell {
    fn of(value: ValueRef) -> Self {
        match value {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(n) => Cell::Int(n),
            ValueRef::Real(x) => Cell::Real(x),
            ValueRef::Text(t) | ValueRef::Blob(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
        }
    }

    /// As CSV writes it: empty for null.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Int(n) => n.to_string(),
            Cell::Real(x) => x.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// Streams every row of `table` through `each`.
pub(crate) fn for_each_table_row(
    store: &Store,
    table: &Table,
    each: impl FnMut(Vec<Cell>) -> Result<()>,
) -> Result<()> {
    let width = table.columns.len();
    for_each_row(
        store,
        table.sql,
        |row| {
            let cells = (0..width).map(|i| row.get_ref(i).map(Cell::of)).collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((row.get(0)?, cells))
        },
        each,
    )
}
