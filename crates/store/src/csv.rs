//! `export --format csv`: one RFC 4180 file per kind, with a header row.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rusqlite::types::ValueRef;

use crate::error::Result;
use crate::export::for_each_row;
use crate::Store;

/// Each file and the query that fills it (`?1` last id, `?2` chunk size;
/// the first column is the id paged on and is written too).
const TABLES: &[(&str, &str)] = &[
    (
        "documents.csv",
        "SELECT rowid, id, content_hash, source, title, published, story FROM documents
         WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
    ),
    ("stories.csv", "SELECT id, title, documents FROM stories WHERE id > ?1 ORDER BY id LIMIT ?2"),
    (
        "entities.csv",
        "SELECT id, name, type, actor, country, documents,
                (SELECT group_concat(name, '|') FROM entity_names WHERE entity = e.id) AS names
         FROM entities e WHERE id > ?1 ORDER BY id LIMIT ?2",
    ),
    (
        "events.csv",
        "SELECT id, cameo, plover, source, source_text, source_actor, target, target_text, target_actor, date,
                place, country, lat, lon FROM events WHERE id > ?1 ORDER BY id LIMIT ?2",
    ),
    (
        "event_mentions.csv",
        "SELECT m.id, m.event, d.id AS document, m.sentence, m.start, m.end, m.text, m.status, m.claimant, m.date
         FROM event_mentions m JOIN documents d ON d.rowid = m.document WHERE m.id > ?1 ORDER BY m.id LIMIT ?2",
    ),
    (
        "quotes.csv",
        "SELECT q.id, d.id AS document, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.cue, substr(d.text, q.start + 1, q.end - q.start) AS text
         FROM quotes q JOIN documents d ON d.rowid = q.document WHERE q.id > ?1 ORDER BY q.id LIMIT ?2",
    ),
    (
        "contradictions.csv",
        "SELECT c.id, c.reason, c.event, a.id AS a_document, c.a_start, c.a_end, c.a_text, c.a_claimant,
                b.id AS b_document, c.b_start, c.b_end, c.b_text, c.b_claimant
         FROM contradictions c JOIN documents a ON a.rowid = c.a_document JOIN documents b ON b.rowid = c.b_document
         WHERE c.id > ?1 ORDER BY c.id LIMIT ?2",
    ),
];

pub(crate) fn write_tables(store: &Store, dir: &Path) -> Result<()> {
    for (file, sql) in TABLES {
        let mut out = BufWriter::new(File::create(dir.join(file))?);
        let headers: Vec<String> = store
            .conn
            .prepare(sql)?
            .column_names()
            .iter()
            .map(|name| name.to_string())
            .collect();
        write_row(&mut out, headers.iter().map(String::as_str))?;
        for_each_row(
            store,
            sql,
            |row| {
                let cells = (0..headers.len())
                    .map(|i| row.get_ref(i).map(cell))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((row.get(0)?, cells))
            },
            |cells| write_row(&mut out, cells.iter().map(String::as_str)),
        )?;
        out.flush()?;
    }
    Ok(())
}

fn cell(value: ValueRef) -> String {
    match value {
        ValueRef::Null => String::new(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

/// One CSV line; fields with a comma, quote or line break are quoted.
fn write_row<'a>(out: &mut dyn Write, cells: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut first = true;
    for value in cells {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        if value.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", value.replace('"', "\"\""))?;
        } else {
            out.write_all(value.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")?;
    Ok(())
}
