use serde::{Deserialize, Serialize};

use crate::offsets::{OffsetMap, Remap};

/// A half-open range into `Document::text`: bytes in memory, code points on output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The covered text; empty if the span is out of range or not on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl Remap for Span {
    fn remap(&mut self, map: &OffsetMap) {
        self.start = map.to_chars(self.start);
        self.end = map.to_chars(self.end);
    }
}

/// A span together with the text it covers (`text[start:end] == text`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Mention {
    /// Builds a mention from a byte span of `text`.
    pub fn new(text: &str, span: Span) -> Self {
        Mention { start: span.start, end: span.end, text: span.slice(text).to_string() }
    }
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

impl Remap for Mention {
    fn remap(&mut self, map: &OffsetMap) {
        self.start = map.to_chars(self.start);
        self.end = map.to_chars(self.end);
    }
}
