//! newsgraph-text: sentence splitting, tokenization and language detection.
//! SKELETON, being written.

use newsgraph_core::{Document, Stage};

pub struct TextStage;

impl TextStage {
    pub fn new() -> Self {
        TextStage
    }
}

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }
    fn annotate(&self, _doc: &mut Document) {}
    fn english_only(&self) -> bool {
        false
    }
}
