//! Why a document did not come out whole.

use newsgraph_core::{Record, StageName};
use newsgraph_ingest::ReadError;

/// A stage failed on one document. The record holds everything the other
/// stages produced, so nothing the user gave is lost; its `stages` say
/// which stage failed.
#[derive(Debug, thiserror::Error)]
#[error("{document}: the {stage} stage failed: {message}")]
pub struct StageFailure {
    /// The document's source (path or URL) and id.
    pub document: String,
    pub stage: StageName,
    pub message: String,
    pub record: Box<Record>,
}

/// A document that could not be read, or whose annotation failed.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Stage(#[from] StageFailure),
}
