//! newsgraph-attribution: Direct and reported speech with the speaker resolved to an entity.
//!
//! SKELETON: the owner of this crate replaces this file.

use newsgraph_core::{Document, Stage};

/// Errors while loading the stage's resources.
#[derive(Debug)]
pub enum LoadError {}

impl std::fmt::Display for LoadError {
    fn fmt(&self, _f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}

impl std::error::Error for LoadError {}

pub struct AttributionStage;

impl AttributionStage {
    pub fn load() -> Result<Self, LoadError> {
        Ok(AttributionStage)
    }
}

impl Stage for AttributionStage {
    fn name(&self) -> &'static str {
        "attribution"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
