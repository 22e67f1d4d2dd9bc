//! newsgraph-events: Event coding (CAMEO, PLOVER, actor codes) with evidential status.
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

pub struct EventStage;

impl EventStage {
    pub fn load(_actors: &[std::path::PathBuf], _verbs: &[std::path::PathBuf]) -> Result<Self, LoadError> {
        Ok(EventStage)
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
