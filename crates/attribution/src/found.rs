//! What the detectors report before speakers are resolved.

use newsgraph_core::{QuoteKind, Span};

use crate::grammar::Range;

/// One attribution: content, cue and speaker phrase (token ranges).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Byte span of the reported content.
    pub content: Span,
    pub kind: QuoteKind,
    /// Token range of the cue.
    pub cue: Range,
    /// Token range of the phrase naming the speaker, if any.
    pub speaker: Option<Range>,
}
