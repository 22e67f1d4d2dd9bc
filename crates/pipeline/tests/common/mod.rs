//! The span invariants every annotated document must keep, shared by the
//! property and fuzz tests.

use newsgraph_core::{check_output_offsets, Document};

/// Every token and sentence is a non-empty, ordered, char-aligned span, and
/// the written output keeps `text[start:end] == span.text` in code points.
pub fn check_spans(doc: Document) -> Result<(), String> {
    let text = doc.text.clone();
    let mut previous_end = 0;
    for token in &doc.tokens {
        if token.start >= token.end || token.start < previous_end {
            return Err(format!("empty or overlapping token {token:?}"));
        }
        if !text.is_char_boundary(token.start) || !text.is_char_boundary(token.end) {
            return Err(format!("token {token:?} off character boundaries"));
        }
        previous_end = token.end;
    }
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let tokens = doc.sentence_tokens(index);
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return Err(format!("sentence {index} without tokens"));
        };
        if (sentence.start, sentence.end) != (first.start, last.end) {
            return Err(format!("sentence {index} does not span its tokens"));
        }
    }
    let json = serde_json::to_value(doc.into_record()).map_err(|e| e.to_string())?;
    check_output_offsets(&json)
}
