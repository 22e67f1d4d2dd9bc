//! newsgraph-core: the [`Document`] that flows one way through the pipeline,
//! the annotation layers each stage adds to it, and the [`Stage`] trait.
//!
//! In memory every span is a **byte** range into `Document::text` (cheap to
//! slice in Rust). The output contract wants **code point** offsets, so
//! [`Document::into_output`] converts every span once, just before writing.

mod document;
mod entity;
mod event;
pub mod offsets;
pub mod rng;
pub mod shared;
mod place;
mod quote;
mod span;
mod timex;

pub use document::{Document, Sentence, Token, SCHEMA};
pub use entity::{Entity, EntityType};
pub use event::{Event, EventStatus, Participant};
pub use offsets::{check_output_offsets, OffsetMap, Remap};
pub use place::{Place, PlaceKind};
pub use quote::{Quote, QuoteKind};
pub use span::{Mention, Span};
pub use timex::{Timex, TimexType};

/// One named pipeline component. Each stage adds one layer of annotation to
/// the shared document and can be switched off without breaking the others
/// (later stages then simply see an empty layer).
pub trait Stage: Send + Sync {
    /// Short name used on the command line (`--skip entities`) and in benchmarks.
    fn name(&self) -> &'static str;
    /// Adds this stage's layer to `doc`. Must not panic on any text.
    fn annotate(&self, doc: &mut Document);
    /// Whether the stage only makes sense on English text; the pipeline skips
    /// such stages for documents in other languages.
    fn english_only(&self) -> bool {
        true
    }
}
