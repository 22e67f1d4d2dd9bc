//! `export --format`: the whole store as JSON lines, CSV tables or GDELT
//! 2.0 files. Everything is streamed in id order, a chunk at a time, so
//! memory stays flat on large stores.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use rusqlite::params;
use serde_json::{json, Value};

use crate::dictionary::Codec;
use crate::error::{Result, StoreError};
use crate::gdelt;
use crate::record::{restore_span_texts, CharIndex, Record};
use crate::Store;

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line, each with a `kind`.
    Jsonl,
    /// One CSV file per kind in the `out` folder.
    Csv,
    /// One Parquet file per kind in the `out` folder.
    Parquet,
    /// GDELT 2.0 Event table (61 tab-separated columns).
    GdeltEvents,
    /// GDELT 2.0 Mentions table (16 columns).
    GdeltMentions,
    /// GDELT GKG 2.1 (27 columns), one row per document.
    GdeltGkg,
}

impl std::str::FromStr for ExportFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "jsonl" => ExportFormat::Jsonl,
            "csv" => ExportFormat::Csv,
            "parquet" => ExportFormat::Parquet,
            "gdelt-events" => ExportFormat::GdeltEvents,
            "gdelt-mentions" => ExportFormat::GdeltMentions,
            "gdelt-gkg" => ExportFormat::GdeltGkg,
            other => {
                return Err(StoreError::Invalid(format!(
                    "unknown export format `{other}` (jsonl, csv, parquet, gdelt-events, gdelt-mentions, gdelt-gkg)"
                )))
            }
        })
    }
}

/// Writes the store in `format` to `out`: a file (stdout when `None`) for
/// the one-stream formats, a folder (made if missing) for `csv` and
/// `parquet`.
pub fn export(store: &Store, format: ExportFormat, out: Option<&Path>) -> Result<()> {
    match format {
        ExportFormat::Csv => crate::csv::write_tables(store, folder(out, "csv")?),
        ExportFormat::Parquet => crate::parquet::write_tables(store, folder(out, "parquet")?),
        ExportFormat::Jsonl => stream(out, |sink| write_jsonl(store, sink)),
        ExportFormat::GdeltEvents => stream(out, |sink| gdelt::write_events(store, sink)),
        ExportFormat::GdeltMentions => stream(out, |sink| gdelt::write_mentions(store, sink)),
        ExportFormat::GdeltGkg => stream(out, |sink| gdelt::write_gkg(store, sink)),
    }
}

/// The folder a one-file-per-table format writes into (made if missing).
fn folder<'p>(out: Option<&'p Path>, format: &str) -> Result<&'p Path> {
    let dir = out.ok_or_else(|| StoreError::Invalid(format!("{format} export needs --out FOLDER")))?;
    fs::create_dir_all(dir)?;
    Ok(dir)
}

/// Runs `write` on the file `out` (stdout when `None`), buffered.
fn stream(out: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let mut sink: Box<dyn Write> = match out {
        Some(path) => Box::new(BufWriter::new(File::create(path)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    write(&mut sink)?;
    sink.flush()?;
    Ok(())
}

/// Rows read per query while streaming a table.
pub(crate) const CHUNK: i64 = 1000;

impl Store {
    /// Calls `each` with every stored record, in ingest order.
    pub fn for_each_record(&self, mut each: impl FnMut(i64, Record) -> Result<()>) -> Result<()> {
        let mut after = 0;
        loop {
            let mut statement = self
                .conn
                .prepare_cached("SELECT rowid, text, record FROM documents WHERE rowid > ?1 ORDER BY rowid LIMIT ?2")?;
            let rows: Vec<(i64, String, Vec<u8>)> = statement
                .query_map(params![after, CHUNK], |row| {
                    Ok((row.get(0)?, crate::article_text::decode(row.get_ref(1)?, &self.codec)?, row.get(2)?))
                })?
                .collect::<Result<_, _>>()?;
            let Some(last) = rows.last().map(|r| r.0) else {
                return Ok(());
            };
            for (rowid, text, blob) in rows {
                each(rowid, decode_record(text, &blob, &self.codec)?)?;
            }
            after = last;
        }
    }
}

/// A stored record: its annotations decompressed, its texts put back.
pub(crate) fn decode_record(text: String, blob: &[u8], codec: &Codec) -> Result<Record> {
    let mut value: Value = codec.decompress_json(blob)?;
    restore_span_texts(&mut value, &CharIndex::new(&text));
    if let Some(object) = value.as_object_mut() {
        object.insert("text".to_string(), Value::String(text));
    }
    Ok(serde_json::from_value(value)?)
}

fn line(sink: &mut dyn Write, value: &Value) -> Result<()> {
    serde_json::to_writer(&mut *sink, value)?;
    sink.write_all(b"\n")?;
    Ok(())
}

/// Streams `sql` (with `?1` = last id, `?2` = chunk size, first column the
/// id) chunk by chunk through `each`.
pub(crate) fn for_each_row<T>(
    store: &Store,
    sql: &str,
    read: impl Fn(&rusqlite::Row) -> rusqlite::Result<(i64, T)>,
    mut each: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut after = 0;
    loop {
        let mut statement = store.conn.prepare_cached(sql)?;
        let rows: Vec<(i64, T)> = statement.query_map(params![after, CHUNK], &read)?.collect::<Result<_, _>>()?;
        let Some(last) = rows.last().map(|r| r.0) else {
            return Ok(());
        };
        for (_, row) in rows {
            each(row)?;
        }
        after = last;
    }
}

/// Parses a JSON array aggregated in SQL (`json_group_array`).
fn json_column(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Value> {
    let text: Option<String> = row.get(index)?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Array(Vec::new())))
}

fn write_jsonl(store: &Store, sink: &mut dyn Write) -> Result<()> {
    store.for_each_record(|_, record| {
        let mut value = serde_json::to_value(&record)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("kind".to_string(), json!("document"));
        }
        line(sink, &value)
    })?;
    for_each_row(
        store,
        "SELECT s.id, s.title, (SELECT json_group_array(d.id) FROM documents d WHERE d.story = s.id)
         FROM stories s WHERE s.id > ?1 ORDER BY s.id LIMIT ?2",
        |row| {
            let id: i64 = row.get(0)?;
            Ok((
                id,
                json!({"kind": "story", "id": id, "title": row.get::<_, String>(1)?, "documents": json_column(row, 2)?}),
            ))
        },
        |value| line(sink, &value),
    )?;
    for_each_row(
        store,
        "SELECT e.id, e.name, e.type, e.actor, e.country,
                (SELECT json_group_array(name) FROM entity_names WHERE entity = e.id),
                (SELECT json_group_array(d.id) FROM (SELECT DISTINCT document FROM mentions WHERE entity = e.id) x
                    JOIN documents d ON d.rowid = x.document)
         FROM entities e WHERE e.id > ?1 ORDER BY e.id LIMIT ?2",
        |row| {
            let id: i64 = row.get(0)?;
            Ok((
                id,
                json!({"kind": "entity", "id": id, "name": row.get::<_, String>(1)?, "type": row.get::<_, String>(2)?,
                       "names": json_column(row, 5)?, "documents": json_column(row, 6)?,
                       "actor": row.get::<_, Option<String>>(3)?, "country": row.get::<_, Option<String>>(4)?}),
            ))
        },
        |value| line(sink, &value),
    )?;
    for_each_row(
        store,
        "SELECT e.id, e.cameo, e.plover, e.source, coalesce(s.name, e.source_text), e.source_actor,
                e.target, coalesce(t.name, e.target_text), e.target_actor, e.date, e.place, e.country, e.lat, e.lon,
                (SELECT json_group_array(json_object('document', d.id, 'start', m.start, 'end', m.end, 'text', m.text,
                        'status', m.status, 'attributed_to', m.claimant))
                 FROM event_mentions m JOIN documents d ON d.rowid = m.document WHERE m.event = e.id)
         FROM events e LEFT JOIN entities s ON s.id = e.source LEFT JOIN entities t ON t.id = e.target
         WHERE e.id > ?1 ORDER BY e.id LIMIT ?2",
        |row| {
            let id: i64 = row.get(0)?;
            let participant = |at: usize| -> rusqlite::Result<Value> {
                let text: Option<String> = row.get(at + 1)?;
                Ok(match text {
                    Some(text) => {
                        json!({"entity": row.get::<_, Option<i64>>(at)?, "text": text, "actor": row.get::<_, Option<String>>(at + 2)?})
                    }
                    None => Value::Null,
                })
            };
            let place: Option<String> = row.get(10)?;
            let place = match place {
                Some(name) => json!({"name": name, "country": row.get::<_, Option<String>>(11)?,
                                     "lat": row.get::<_, Option<f64>>(12)?, "lon": row.get::<_, Option<f64>>(13)?}),
                None => Value::Null,
            };
            Ok((
                id,
                json!({"kind": "event", "id": id, "cameo": row.get::<_, String>(1)?, "plover": row.get::<_, String>(2)?,
                       "source": participant(3)?, "target": participant(6)?, "date": row.get::<_, Option<String>>(9)?,
                       "place": place, "mentions": json_column(row, 14)?}),
            ))
        },
        |value| line(sink, &value),
    )?;
    for_each_row(
        store,
        "SELECT c.id, c.reason, c.event, a.id, c.a_start, c.a_end, c.a_text, c.a_claimant, c.a_sentence,
                b.id, c.b_start, c.b_end, c.b_text, c.b_claimant, c.b_sentence
         FROM contradictions c JOIN documents a ON a.rowid = c.a_document JOIN documents b ON b.rowid = c.b_document
         WHERE c.id > ?1 ORDER BY c.id LIMIT ?2",
        |row| {
            let id: i64 = row.get(0)?;
            let side = |at: usize| -> rusqlite::Result<Value> {
                Ok(json!({"document": row.get::<_, String>(at)?, "start": row.get::<_, i64>(at + 1)?,
                          "end": row.get::<_, i64>(at + 2)?, "text": row.get::<_, String>(at + 3)?,
                          "claimant": row.get::<_, Option<String>>(at + 4)?, "sentence": row.get::<_, i64>(at + 5)?}))
            };
            Ok((
                id,
                json!({"kind": "contradiction", "id": id, "reason": row.get::<_, String>(1)?,
                           "event": row.get::<_, Option<i64>>(2)?, "a": side(3)?, "b": side(9)?}),
            ))
        },
        |value| line(sink, &value),
    )
}
