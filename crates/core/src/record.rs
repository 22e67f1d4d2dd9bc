//! The output record: one annotated document as the contract
//! (`../shared/spec/output.md`, schema `newsgraph/1`) writes it, with code
//! point offsets. It is made from a [`Document`] (byte offsets) without
//! changing the document's own spans, and it reads back from its JSON.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::offsets::{OffsetMap, Remap};
use crate::{Date, Document, Entity, Event, Language, Place, Producer, Quote, Span, StageRun, Timex};

/// One document in output form. Field order is the output order; the
/// fields after `anchor_date` are additions to the contract.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema: String,
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<Date>,
    pub language: Language,
    pub text: String,
    pub sentences: Vec<Span>,
    #[serde(default)]
    pub headings: Vec<Span>,
    pub entities: Vec<Entity>,
    pub timexes: Vec<Timex>,
    pub places: Vec<Place>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_date: Option<Date>,
    /// See [`Document::region`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// `sha256:` and the hex SHA-256 of `text` (UTF-8): the same article
    /// read twice has the same hash, whatever its id or source.
    #[serde(default)]
    pub content_hash: String,
    /// Every stage of the pipeline, and whether it ran on this document.
    #[serde(default)]
    pub stages: Vec<StageRun>,
    #[serde(default)]
    pub producer: Producer,
}

/// The content hash of a text, as written in [`Record::content_hash`].
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hash = String::with_capacity(7 + 64);
    hash.push_str("sha256:");
    for byte in digest {
        hash.push_str(&format!("{byte:02x}"));
    }
    hash
}

impl Document {
    /// The output record of this document: every span converted from bytes
    /// to code points. `stages` and `producer` are left for the pipeline to fill.
    pub fn to_record(&self) -> Record {
        self.clone().into_record()
    }

    /// As [`Document::to_record`], reusing the document's memory.
    pub fn into_record(mut self) -> Record {
        let map = OffsetMap::new(&self.text);
        let mut sentences: Vec<Span> = self.sentences.iter().map(|s| s.span()).collect();
        sentences.remap(&map);
        self.headings.remap(&map);
        self.entities.remap(&map);
        self.timexes.remap(&map);
        self.places.remap(&map);
        self.quotes.remap(&map);
        self.events.remap(&map);
        let mut warnings = self.warnings;
        let published = checked_date(self.published.as_deref(), "published", &mut warnings);
        let anchor_date = checked_date(self.anchor_date.as_deref(), "anchor date", &mut warnings);
        let language = self.language.parse().unwrap_or_default();
        Record {
            schema: self.schema,
            id: self.id,
            source: self.source,
            title: self.title,
            byline: self.byline,
            published,
            language,
            content_hash: content_hash(&self.text),
            text: self.text,
            sentences,
            headings: self.headings,
            entities: self.entities,
            timexes: self.timexes,
            places: self.places,
            quotes: self.quotes,
            events: self.events,
            warnings,
            anchor_date,
            region: self.region,
            stages: Vec::new(),
            producer: Producer::default(),
        }
    }
}

/// A reader's date string as a [`Date`]; one that is not a calendar day is
/// dropped with a warning rather than written out wrong.
fn checked_date(value: Option<&str>, what: &str, warnings: &mut Vec<String>) -> Option<Date> {
    let value = value?;
    match value.parse() {
        Ok(date) => Some(date),
        Err(error) => {
            warnings.push(format!("{what} date dropped: {error}"));
            None
        }
    }
}

impl Record {
    /// A document holding the record's text and metadata only, ready to be
    /// annotated again (headings converted back to byte offsets).
    pub fn to_unannotated_document(&self) -> Document {
        let mut doc = Document::new(self.id.clone(), self.source.clone(), self.text.clone());
        doc.title = self.title.clone();
        doc.byline = self.byline.clone();
        doc.published = self.published.map(|d| d.to_string());
        doc.anchor_date = self.anchor_date.map(|d| d.to_string());
        doc.region = self.region.clone();
        doc.warnings = self.warnings.clone();
        let bytes_at = char_to_byte_table(&self.text);
        let to_bytes = |chars: usize| bytes_at.get(chars).copied().unwrap_or(self.text.len());
        doc.headings = self.headings.iter().map(|h| Span::new(to_bytes(h.start), to_bytes(h.end))).collect();
        doc
    }

    /// Whether this record has annotations a pipeline produced.
    pub fn is_annotated(&self) -> bool {
        !self.stages.is_empty() || !self.sentences.is_empty()
    }
}

/// Byte offset of every code point offset of `text` (and of its end).
fn char_to_byte_table(text: &str) -> Vec<usize> {
    text.char_indices().map(|(byte, _)| byte).chain(std::iter::once(text.len())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_sha256_of_the_text() {
        assert_eq!(content_hash(""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn record_does_not_change_the_document() {
        let mut doc = Document::new("d", "s", "\u{e9}t\u{e9} Kyiv");
        doc.headings.push(Span::new(0, 5));
        doc.published = Some("2025-02-30".into());
        let record = doc.to_record();
        assert_eq!(doc.headings[0], Span::new(0, 5));
        assert_eq!(record.headings[0], Span::new(0, 3));
        assert_eq!(record.published, None);
        assert!(record.warnings[0].contains("2025-02-30"));
        assert_eq!(record.to_unannotated_document().headings[0], Span::new(0, 5));
    }
}
