//! newsgraph-store: the embedded corpus store behind `newsgraph ingest`
//! and the query and export commands.
//!
//! Documents go into one SQLite file (WAL, FTS5), deduplicated by
//! `content_hash`, in batch transactions so a killed ingest resumes cleanly.
//! Each new document is linked as it arrives (streaming, no re-clustering)
//! by `newsgraph-linking`, with the store as its corpus: its entities join
//! corpus entities, its events join corpus events, it joins or starts a
//! story, and contradictions with what is stored are recorded. The shape of
//! an annotated document is known only to [`record`]. See `docs/store.md`.

mod api_queries;
mod article_text;
mod corpus;
mod csv;
mod dates;
mod deflated;
mod dictionary;
mod error;
mod export;
mod gdelt;
mod ingest;
mod parquet;
mod query;
pub mod record;
mod render;
mod schema;
mod search;
mod store;
mod tables;
mod write;

pub use api_queries::{PlacePin, View};
pub use error::{Result, StoreError};
pub use export::{export, ExportFormat};
pub use ingest::{IngestOptions, IngestSummary};
/// The annotation pipeline [`Store::ingest_with`] takes.
pub use newsgraph::Pipeline;
pub use query::{
    CoEntity, ContradictionRow, Counts, DocumentRef, EntityDetail, EventFilter, EventRow, MentionRef, NameCount, Page,
    PageRequest, QuoteRow, SideRow, StoryDetail, StorySummary, TimelineEntry,
};
pub use render::{render, Format, ToTable};
pub use search::Hit;
pub use store::{Store, DEFAULT_PATH};
