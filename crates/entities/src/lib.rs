//! newsgraph-entities: Named entity recognition and per-document grouping of mentions.
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

pub struct EntityStage;

impl EntityStage {
    pub fn load() -> Result<Self, LoadError> {
        Ok(EntityStage)
    }
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
