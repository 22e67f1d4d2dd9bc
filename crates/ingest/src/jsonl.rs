//! JSON lines: one object per line with `text` and optional `id`, `title`,
//! `published`, `url`, `region` (the publication's home region), or a
//! `newsgraph/1` record written by `extract`
//! (read back as it is, annotations included). Read lazily, one line at a time.

use std::io::{BufRead, Read};

use newsgraph_core::{Document, Record, SCHEMA};
use serde::Deserialize;
use serde_json::Value;

use crate::dates::{date_from_url, normalize_date};
use crate::error::{ReadError, ReadErrorKind};
use crate::html::parse_html;
use crate::layout::Article;
use crate::Raw;
use crate::MAX_DOCUMENT_BYTES;

/// The fields of a JSON line we use; others are ignored.
#[derive(Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<RecordId>,
    #[serde(default)]
    text: Option<String>,
    /// A raw page, used when there is no `text`.
    #[serde(default)]
    html: Option<String>,
    #[serde(default, alias = "headline")]
    title: Option<String>,
    #[serde(default, alias = "date", alias = "published_at", alias = "publish_date")]
    published: Option<String>,
    #[serde(default, alias = "link")]
    url: Option<String>,
    #[serde(default, alias = "author")]
    byline: Option<String>,
    #[serde(default, alias = "publication_region")]
    region: Option<String>,
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
    /// Whether any line has given a document or an error: a stream of blank
    /// lines alone must still be reported, or the input vanishes silently.
    any_record: bool,
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
            any_record: false,
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

    fn parse_line(&self) -> Option<Result<Raw, ReadError>> {
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

    fn document(&self, line: &str, utf8_warning: Option<String>) -> Result<Raw, ReadError> {
        let here = self.here();
        let value: Value = serde_json::from_str(line).map_err(|e| ReadError::new(&here, json_error(&e)))?;
        let default_id = format!("{}:{}", self.stem, self.line_number);
        let mut raw = json_item(value, here, default_id)?;
        match &mut raw {
            Raw::Text(doc) => doc.warnings.extend(utf8_warning),
            Raw::Record(record) => record.warnings.extend(utf8_warning),
        }
        Ok(raw)
    }
}

/// The document of one JSON record; `here` names it (default source).
/// Fields of the record win over what its `html` page says.
fn record_document(record: JsonRecord, here: &str, default_id: String) -> Result<Document, ReadErrorKind> {
    let mut article = record_article(record.text.as_deref(), record.html.as_deref())?;
    let id = match record.id {
        Some(RecordId::Text(id)) => id,
        Some(RecordId::Number(n)) => n.to_string(),
        None => default_id,
    };
    let source = record.url.filter(|u| !u.trim().is_empty()).unwrap_or_else(|| here.to_string());
    let given = |value: Option<String>| value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    article.title = given(record.title).or(article.title);
    article.byline = given(record.byline).or(article.byline);
    if let Some(published) = given(record.published) {
        match normalize_date(&published) {
            Some(date) => article.published = Some(date),
            None => article.warnings.push(format!("\"published\" value {published:?} is not a date, ignored")),
        }
    }
    if article.published.is_none() && source != here {
        article.published = date_from_url(&source);
    }
    let mut doc = article.into_document(&id, &source);
    doc.region = given(record.region);
    Ok(doc)
}

/// The body of a record: its `text` as given, lines and spaces untouched
/// (so that offsets point into the user's own text; decomposed characters
/// are composed when the document is made, as for every input), else the
/// main content of its `html`.
fn record_article(text: Option<&str>, html: Option<&str>) -> Result<Article, ReadErrorKind> {
    match (text, html) {
        (Some(text), _) => {
            if text.trim().is_empty() {
                return Err(ReadErrorKind::Empty);
            }
            let mut article = Article::default();
            article.body.text = text.to_string();
            Ok(article)
        }
        (None, Some(html)) => parse_html(html),
        (None, None) => Err(ReadErrorKind::MissingField("text")),
    }
}

/// A `.json` file holding one record or an array of records, read whole
/// (arrays cannot be streamed without a streaming JSON parser). Array
/// items are named `file.json[3]` in errors.
pub(crate) fn json_file(name: &str, stem: &str, text: &str) -> Vec<Result<Raw, ReadError>> {
    let items = match serde_json::from_str(text) {
        Ok(serde_json::Value::Array(items)) => items,
        Ok(object @ serde_json::Value::Object(_)) => {
            return vec![json_item(object, name.to_string(), stem.to_string())]
        }
        Ok(_) => {
            return vec![Err(ReadError::new(
                name,
                ReadErrorKind::MalformedJson("expected an object or an array".into()),
            ))]
        }
        Err(error) => return vec![Err(ReadError::new(name, json_error(&error)))],
    };
    if items.is_empty() {
        return vec![Err(ReadError::new(name, ReadErrorKind::Empty))];
    }
    let named = items.into_iter().enumerate();
    named.map(|(index, item)| json_item(item, format!("{name}[{index}]"), format!("{stem}:{index}"))).collect()
}

/// One JSON object: a `newsgraph/1` record read back as it is, or a
/// record of article fields made into a document.
fn json_item(item: Value, here: String, default_id: String) -> Result<Raw, ReadError> {
    let fail = |error: serde_json::Error| ReadError::new(&here, json_error(&error));
    if item.get("schema").and_then(Value::as_str) == Some(SCHEMA) {
        let record = Record::deserialize(item).map_err(fail)?;
        return Ok(Raw::Record(record));
    }
    let record = JsonRecord::deserialize(item).map_err(fail)?;
    record_document(record, &here, default_id).map(Raw::Text).map_err(|kind| ReadError::new(&here, kind))
}

/// Whether the first line of `head` is a whole JSON object (so the file is
/// JSON lines, whatever its extension says).
pub(crate) fn first_line_is_object(head: &[u8]) -> bool {
    let Some(end) = head.iter().position(|&b| b == b'\n') else { return false };
    let line = head[..end].strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head[..end]);
    matches!(serde_json::from_slice::<serde_json::Value>(line), Ok(serde_json::Value::Object(_)))
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
    type Item = Result<Raw, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_line() {
                Ok(false) => {
                    self.done = true;
                    if !self.any_record {
                        return Some(Err(ReadError::new(&self.name, ReadErrorKind::NoRecords)));
                    }
                }
                Ok(true) => {
                    if let Some(result) = self.parse_line() {
                        self.any_record = true;
                        return Some(result);
                    }
                }
                Err(error) => {
                    self.any_record = true;
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
        JsonLines::new("in.jsonl", "in", Box::new(input.as_bytes())).map(|raw| raw.map(unannotated)).collect()
    }

    fn json_file(name: &str, stem: &str, text: &str) -> Vec<Result<Document, ReadError>> {
        super::json_file(name, stem, text).into_iter().map(|raw| raw.map(unannotated)).collect()
    }

    fn unannotated(raw: Raw) -> Document {
        match raw {
            Raw::Text(doc) => doc,
            Raw::Record(record) => panic!("expected article fields, got a record: {record:?}"),
        }
    }

    #[test]
    fn text_is_kept_exactly_as_given() {
        let text = "First line\nsecond line.\n\n  Third paragraph. ";
        let docs = read(&format!("{{\"text\": {}}}", serde_json::to_string(text).unwrap()));
        assert_eq!(docs[0].as_ref().unwrap().text, text);
    }

    #[test]
    fn newsgraph_records_are_read_back_as_records() {
        let mut record = Document::new("r1", "a.txt", "Kyiv said so.").into_record();
        record.content_hash = newsgraph_core::content_hash(&record.text);
        let line = serde_json::to_string(&record).unwrap();
        let read_back: Vec<_> = JsonLines::new("in.jsonl", "in", Box::new(line.as_bytes())).collect();
        match &read_back[0] {
            Ok(Raw::Record(back)) => assert_eq!(*back, record),
            other => panic!("not read back as a record: {other:?}"),
        }
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
        let dated = read("{\"text\": \"x\", \"url\": \"https://n.example/2019/07/04/story\"}");
        assert_eq!(dated[0].as_ref().unwrap().published.as_deref(), Some("2019-07-04"));
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
        assert!(lines[1].starts_with("in.jsonl:2: malformed JSON: expected value"), "{}", lines[1]);
        assert!(lines[2].starts_with("in.jsonl:3: malformed JSON: expected an object"), "{}", lines[2]);
        assert_eq!(lines[3], "in.jsonl:4: JSON record has no string field \"text\"");
        assert_eq!(lines[4], "in.jsonl:5: empty input, no text");
        assert_eq!(lines[5], "last");
    }

    #[test]
    fn blank_lines_only_is_an_error_naming_the_input() {
        let docs = read("\n  \n\r\n\t\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].as_ref().unwrap_err().to_string(), "in.jsonl: no records (only blank lines)");
    }

    #[test]
    fn json_files() {
        let docs = json_file("a.json", "a", r#"[{"text": "One."}, {"id": "x"}, 5, {"id": 2, "text": "Two."}]"#);
        let lines: Vec<String> = docs
            .iter()
            .map(|d| d.as_ref().map_or_else(|e| e.to_string(), |d| format!("{} {}", d.id, d.source)))
            .collect();
        assert_eq!(lines[0], "a:0 a.json[0]");
        assert_eq!(lines[1], "a.json[1]: JSON record has no string field \"text\"");
        assert!(lines[2].starts_with("a.json[2]: malformed JSON: expected an object"), "{}", lines[2]);
        assert_eq!(lines[3], "2 a.json[3]");
        assert!(json_file("b.json", "b", "[{").remove(0).is_err());
        let single = json_file("c.json", "c", "{\n  \"text\": \"Pretty printed.\"\n}\n").remove(0).unwrap();
        assert_eq!((single.id.as_str(), single.source.as_str()), ("c", "c.json"));
        assert!(json_file("d.json", "d", "42").remove(0).is_err());
        assert!(first_line_is_object(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n"));
        assert!(!first_line_is_object(b"{\n  \"text\": \"a\"\n}\n"));
    }

    #[test]
    fn html_field_when_there_is_no_text() {
        let docs = read(
            r#"{"id": "p", "title": "Given", "html": "<html><head><meta name=author content='Ann Lee'></head><body><article><p>Body of the page, long enough to be the content of this article here.</p></article></body></html>"}"#,
        );
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.title.as_deref(), Some("Given"));
        assert_eq!(doc.byline.as_deref(), Some("Ann Lee"));
        assert!(doc.text.starts_with("Body of the page"));
    }

    #[test]
    fn a_line_may_name_its_publication_region() {
        let docs = read(r#"{"text": "Police said the fire in London was out.", "region": " London, Ontario "}"#);
        assert_eq!(docs[0].as_ref().unwrap().region.as_deref(), Some("London, Ontario"));
    }

    #[test]
    fn bad_date_and_bad_utf8_are_warnings() {
        let docs: Vec<_> = JsonLines::new("x", "x", Box::new(&b"{\"text\": \"caf\xE9\", \"published\": \"soon\"}"[..]))
            .map(|raw| raw.map(unannotated))
            .collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text, "caf\u{FFFD}");
        assert_eq!(doc.published, None);
        assert_eq!(doc.warnings.len(), 2);
    }
}
