//! JSON lines: one object per line with `text` and optional `id`, `title`,
//! `published`, `url`. Read lazily, one line at a time.

use std::io::{BufRead, Read};

use newsgraph_core::Document;
use serde::Deserialize;

use crate::dates::normalize_date;
use crate::error::{ReadError, ReadErrorKind};
use crate::plain::layout_body;
use crate::MAX_DOCUMENT_BYTES;

/// The fields of a JSON line we use; others are ignored.
#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<RecordId>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default, alias = "headline")]
    title: Option<String>,
    #[serde(default, alias = "date", alias = "published_at", alias = "publish_date")]
    published: Option<String>,
    #[serde(default, alias = "link")]
    url: Option<String>,
    #[serde(default, alias = "author")]
    byline: Option<String>,
}

/// `id` may be written as a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum RecordId {
    Text(String),
    Number(serde_json::Number),
}

/// Iterator over the documents of one JSON-lines stream.
pub(crate) struct JsonLines<'a> {
    stream: Box<dyn BufRead + Send + 'a>,
    name: String,
    stem: String,
    line_number: usize,
    line: Vec<u8>,
    done: bool,
}

impl<'a> JsonLines<'a> {
    pub(crate) fn new(name: &str, stem: &str, stream: Box<dyn BufRead + Send + 'a>) -> Self {
        JsonLines {
            stream,
            name: name.to_string(),
            stem: stem.to_string(),
            line_number: 0,
            line: Vec::new(),
            done: false,
        }
    }

    fn here(&self) -> String {
        format!("{}:{}", self.name, self.line_number)
    }

    /// Reads the next line into `self.line`; `Ok(false)` at end of stream.
    /// A line above the size cap is skipped and reported.
    fn next_line(&mut self) -> Result<bool, ReadError> {
        self.line.clear();
        self.line_number += 1;
        let limit = MAX_DOCUMENT_BYTES as u64 + 1;
        let read = Read::take(&mut self.stream, limit).read_until(b'\n', &mut self.line);
        let read = read.map_err(|e| ReadError::io(self.here(), &e))?;
        if read == 0 {
            return Ok(false);
        }
        if self.line.len() > MAX_DOCUMENT_BYTES && self.line.last() != Some(&b'\n') {
            skip_line(&mut self.stream).map_err(|e| ReadError::io(self.here(), &e))?;
            return Err(ReadError::new(self.here(), ReadErrorKind::TooLarge { limit: MAX_DOCUMENT_BYTES }));
        }
        Ok(true)
    }

    fn parse_line(&self) -> Option<Result<Document, ReadError>> {
        let mut bytes = self.line.as_slice();
        if self.line_number == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let (line, utf8_warning) = match std::str::from_utf8(bytes) {
            Ok(line) => (std::borrow::Cow::Borrowed(line), None),
            Err(_) => (String::from_utf8_lossy(bytes), Some("invalid UTF-8 replaced with U+FFFD".to_string())),
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(self.document(&line, utf8_warning))
    }

    fn document(&self, line: &str, utf8_warning: Option<String>) -> Result<Document, ReadError> {
        let fail = |kind| ReadError::new(self.here(), kind);
        let record: Record = serde_json::from_str(line).map_err(|e| fail(json_error(&e)))?;
        let text = record.text.ok_or_else(|| fail(ReadErrorKind::MissingField("text")))?;
        let body = layout_body(&text);
        if body.text.is_empty() {
            return Err(fail(ReadErrorKind::Empty));
        }
        let id = match record.id {
            Some(RecordId::Text(id)) => id,
            Some(RecordId::Number(n)) => n.to_string(),
            None => format!("{}:{}", self.stem, self.line_number),
        };
        let source = record.url.filter(|u| !u.trim().is_empty()).unwrap_or_else(|| self.here());
        let mut doc = Document::new(id, source, body.text);
        doc.headings = body.headings;
        doc.title = record.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        doc.byline = record.byline.map(|b| b.trim().to_string()).filter(|b| !b.is_empty());
        doc.warnings.extend(utf8_warning);
        if let Some(published) = record.published.filter(|p| !p.trim().is_empty()) {
            match normalize_date(&published) {
                Some(date) => doc.published = Some(date),
                None => doc.warnings.push(format!("\"published\" value {published:?} is not a date, ignored")),
            }
        }
        Ok(doc)
    }
}

/// serde_json's message, made specific for the common non-object case.
fn json_error(error: &serde_json::Error) -> ReadErrorKind {
    let message = error.to_string();
    if message.starts_with("invalid type") {
        ReadErrorKind::MalformedJson(format!("expected an object: {message}"))
    } else {
        ReadErrorKind::MalformedJson(message)
    }
}

/// Discards the rest of an over-long line without holding it in memory.
fn skip_line(stream: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let buffer = stream.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => {
                stream.consume(at + 1);
                return Ok(());
            }
            None => {
                let len = buffer.len();
                stream.consume(len);
            }
        }
    }
}

impl Iterator for JsonLines<'_> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_line() {
                Ok(false) => self.done = true,
                Ok(true) => {
                    if let Some(result) = self.parse_line() {
                        return Some(result);
                    }
                }
                Err(error) => {
                    // A damaged stream cannot be resynchronised; an over-long line can.
                    self.done = !matches!(error.kind, ReadErrorKind::TooLarge { .. });
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<Document, ReadError>> {
        JsonLines::new("in.jsonl", "in", Box::new(input.as_bytes())).collect()
    }

    #[test]
    fn fields_and_defaults() {
        let docs = read(
            "{\"id\": 7, \"text\": \"Hello world.\", \"title\": \"T\", \"published\": \"2024-03-02T10:00:00Z\", \"url\": \"http://x/a\"}\n\n{\"text\": \"Second.\"}\n",
        );
        assert_eq!(docs.len(), 2);
        let first = docs[0].as_ref().unwrap();
        assert_eq!((first.id.as_str(), first.source.as_str()), ("7", "http://x/a"));
        assert_eq!(first.title.as_deref(), Some("T"));
        assert_eq!(first.published.as_deref(), Some("2024-03-02"));
        let second = docs[1].as_ref().unwrap();
        assert_eq!((second.id.as_str(), second.source.as_str()), ("in:3", "in.jsonl:3"));
    }

    #[test]
    fn malformed_lines_are_reported_and_reading_goes_on() {
        let docs = read("{\"text\": \"ok\"}\n{\"text\": oops}\n[1, 2]\n{\"title\": \"no text\"}\n{\"text\": \"  \"}\n{\"text\": \"last\"}");
        let lines: Vec<String> = docs
            .iter()
            .map(|d| match d {
                Ok(doc) => doc.text.clone(),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(lines[0], "ok");
        assert!(lines[1].starts_with("in.jsonl:2: malformed JSON line: expected value"), "{}", lines[1]);
        assert!(lines[2].starts_with("in.jsonl:3: malformed JSON line: expected an object"), "{}", lines[2]);
        assert_eq!(lines[3], "in.jsonl:4: JSON line has no string field \"text\"");
        assert_eq!(lines[4], "in.jsonl:5: empty input, no text");
        assert_eq!(lines[5], "last");
    }

    #[test]
    fn bad_date_and_bad_utf8_are_warnings() {
        let docs: Vec<_> =
            JsonLines::new("x", "x", Box::new(&b"{\"text\": \"caf\xE9\", \"published\": \"soon\"}"[..])).collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text, "caf\u{FFFD}");
        assert_eq!(doc.published, None);
        assert_eq!(doc.warnings.len(), 2);
    }
}
