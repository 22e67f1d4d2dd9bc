//! Article texts are stored compressed: as plain TEXT they were the largest
//! single part of a store (a fifth of it), and news text compresses to
//! about a third (`crate::dictionary`). SQL reaches them through functions
//! registered on every connection, all counting in code points like every
//! offset of the store: `doc_text(text)`, `span(text, start, end)` and
//! `doc_length(text)`. Stores written before keep plain TEXT values, which
//! read as they are.

use std::sync::Arc;

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::dictionary::{BlobKind, Codec};
use crate::record::slice_chars;

/// The stored form of an article's text.
pub(crate) fn compress(text: &str, codec: &Codec) -> std::io::Result<Vec<u8>> {
    codec.compress(BlobKind::Text, text.as_bytes())
}

/// An article's text from its stored form (compressed, or plain in older stores).
pub(crate) fn decode(value: ValueRef<'_>, codec: &Codec) -> rusqlite::Result<String> {
    match value {
        ValueRef::Text(bytes) => Ok(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(bytes) => decompress(bytes, codec).map_err(|e| rusqlite::Error::UserFunctionError(e.into())),
        other => Err(rusqlite::Error::InvalidColumnType(0, "text".into(), other.data_type())),
    }
}

fn decompress(bytes: &[u8], codec: &Codec) -> std::io::Result<String> {
    String::from_utf8(codec.decompress(bytes)?).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Registers `doc_text`, `span` and `doc_length` on a connection.
pub(crate) fn register(conn: &Connection, codec: &Arc<Codec>) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    let mut whole = LastText::new(codec);
    conn.create_scalar_function("doc_text", 1, flags, move |ctx| Ok(whole.text(ctx)?.to_string()))?;
    let mut sliced = LastText::new(codec);
    conn.create_scalar_function("span", 3, flags, move |ctx| {
        let (start, end) = (ctx.get::<i64>(1)?.max(0) as usize, ctx.get::<i64>(2)?.max(0) as usize);
        Ok(slice_chars(sliced.text(ctx)?, start, end).to_string())
    })?;
    let mut counted = LastText::new(codec);
    conn.create_scalar_function("doc_length", 1, flags, move |ctx| Ok(counted.text(ctx)?.chars().count() as i64))
}

/// The last text a function decoded: a query cuts several spans out of one
/// article in a row (an entity's mentions, a story's quotes), and each
/// would otherwise inflate the article again.
struct LastText {
    codec: Arc<Codec>,
    stored: Vec<u8>,
    text: String,
}

impl LastText {
    fn new(codec: &Arc<Codec>) -> Self {
        LastText { codec: Arc::clone(codec), stored: Vec::new(), text: String::new() }
    }

    fn text(&mut self, ctx: &Context<'_>) -> rusqlite::Result<&str> {
        let value = ctx.get_raw(0);
        let stored = match value {
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => bytes,
            _ => &[],
        };
        if stored != self.stored.as_slice() {
            self.text = if stored.is_empty() { String::new() } else { decode(value, &self.codec)? };
            self.stored = stored.to_vec();
        }
        Ok(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connection() -> (Connection, Arc<Codec>) {
        let conn = Connection::open_in_memory().unwrap();
        let codec = Codec::open(&conn).unwrap();
        register(&conn, &codec).unwrap();
        (conn, codec)
    }

    #[test]
    fn functions_read_compressed_and_plain_texts_alike() {
        let (conn, codec) = connection();
        let text = "Zelensky met Erdoğan in Kyiv. «Ça va», he said.";
        for stored in [rusqlite::types::Value::Blob(compress(text, &codec).unwrap()), text.to_string().into()] {
            let (whole, span, length): (String, String, i64) = conn
                .query_row("SELECT doc_text(?1), span(?1, 13, 20), doc_length(?1)", [&stored], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })
                .unwrap();
            assert_eq!(whole, text);
            assert_eq!(span, "Erdoğan");
            assert_eq!(length, text.chars().count() as i64);
        }
    }

    #[test]
    fn a_damaged_text_is_an_error_not_a_panic() {
        let (conn, _) = connection();
        let damaged = rusqlite::types::Value::Blob(vec![0xff, 0x00, 0x13]);
        assert!(conn.query_row("SELECT span(?1, 0, 3)", [&damaged], |row| row.get::<_, String>(0)).is_err());
    }
}
