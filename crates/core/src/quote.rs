use serde::{Deserialize, Serialize};

use crate::offsets::{OffsetMap, Remap};
use crate::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

/// Direct or reported speech and who said it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The reported content only (no quotation marks, no attribution).
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    /// `entities[].id` of the speaker, or null.
    pub speaker: Option<String>,
    /// Surface form naming the speaker here ("he", "the spokesman", "Peskov").
    pub speaker_text: Option<String>,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: String,
    /// Where `cue` sits in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_span: Option<Span>,
    /// Where `speaker_text` sits in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
}

impl Remap for Quote {
    fn remap(&mut self, map: &OffsetMap) {
        self.start = map.to_chars(self.start);
        self.end = map.to_chars(self.end);
        self.cue_span.remap(map);
        self.speaker_span.remap(map);
    }
}
