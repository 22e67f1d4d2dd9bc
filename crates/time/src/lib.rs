//! newsgraph-time: Temporal expression detection and TIMEX3 normalisation against the article date.
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

pub struct TimeStage;

impl TimeStage {
    pub fn load() -> Result<Self, LoadError> {
        Ok(TimeStage)
    }
}

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
