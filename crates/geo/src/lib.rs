//! newsgraph-geo: Offline gazetteer and toponym resolution.
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

pub struct GeoStage;

impl GeoStage {
    pub fn load() -> Result<Self, LoadError> {
        Ok(GeoStage)
    }
}

impl Stage for GeoStage {
    fn name(&self) -> &'static str {
        "geo"
    }
    fn annotate(&self, _doc: &mut Document) {}
}
