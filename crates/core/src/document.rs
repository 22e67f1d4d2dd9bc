use serde::{Deserialize, Serialize};

use crate::{Entity, Event, Place, Quote, Span, Timex};

/// The output schema version written in every document.
pub const SCHEMA: &str = "newsgraph/1";

/// One article, enriched stage by stage. Field order is the output order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// `YYYY-MM-DD` from metadata or the text's date line.
    pub published: Option<String>,
    /// ISO 639-1 code; `und` when the text is too short to tell.
    pub language: String,
    pub text: String,
    pub sentences: Vec<Sentence>,
    /// Section headings inside `text`; they are kept out of `sentences`.
    #[serde(default)]
    pub headings: Vec<Span>,
    pub entities: Vec<Entity>,
    pub timexes: Vec<Timex>,
    pub places: Vec<Place>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// Problems met while reading that did not stop the document (for
    /// example invalid UTF-8 replaced by U+FFFD).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Date relative expressions are resolved against: `published`, else the
    /// user's `--date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_date: Option<String>,
    /// The publication's home region ("Ontario", "London, Ontario",
    /// "Canada"), when the user knows it: a local paper's "London" is the
    /// one near home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Word tokens of all sentences, in text order (internal, not written).
    #[serde(skip)]
    pub tokens: Vec<Token>,
}

/// A sentence span and the range of its tokens in `Document::tokens`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub first_token: usize,
    #[serde(skip)]
    pub end_token: usize,
}

impl Sentence {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A word or punctuation token (byte span into `Document::text`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

impl Document {
    /// A fresh document holding only what a reader found.
    pub fn new(id: impl Into<String>, source: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            schema: SCHEMA.to_string(),
            id: id.into(),
            source: source.into(),
            language: "und".to_string(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// The tokens of sentence `index`.
    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        let sentence = &self.sentences[index];
        &self.tokens[sentence.first_token..sentence.end_token]
    }

    /// The text a token covers.
    pub fn token_text(&self, token: &Token) -> &str {
        &self.text[token.start..token.end]
    }

    /// Index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let index = self.sentences.partition_point(|s| s.end <= at);
        (index < self.sentences.len() && self.sentences[index].start <= at).then_some(index)
    }

    /// Anchor for relative dates: `anchor_date`, else `published`.
    pub fn anchor(&self) -> Option<&str> {
        self.anchor_date.as_deref().or(self.published.as_deref())
    }
}
