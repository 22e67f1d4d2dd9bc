//! Why a store could not be opened, written or read.

use std::path::PathBuf;

/// Every failure the store reports; `Display` is the one line the CLI prints.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database at all; it is left untouched.
    #[error("{path}: not a newsgraph store (not an SQLite database); refusing to touch it")]
    NotSqlite { path: PathBuf },
    /// An SQLite database written by something else; it is left untouched.
    #[error("{path}: an SQLite database that is not a newsgraph store; refusing to touch it")]
    Foreign { path: PathBuf },
    /// The file is damaged (failed integrity check or unreadable pages).
    #[error("{path}: the store is corrupt ({reason}); it was not modified")]
    Corrupt { path: PathBuf, reason: String },
    /// Written by a newer newsgraph: its schema is unknown here.
    #[error("{path}: store schema version {found} is newer than this program's ({known})")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// The annotation pipeline could not load its resources.
    #[error("{0}")]
    Pipeline(#[from] newsgraph::LoadError),
    /// The linker could not place a document (malformed record, failed lookup).
    #[error("linking: {0}")]
    Link(#[from] newsgraph_linking::LinkError),
    /// A list cursor that this store did not hand out.
    #[error("invalid cursor `{0}`")]
    Cursor(String),
    /// A query or export option with a value outside its allowed set.
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
