//! newsgraph-core: the [`Document`] that flows one way through the pipeline,
//! the annotation layers each stage adds to it, and the [`Stage`] trait.
//!
//! In memory every span is a **byte** range into `Document::text` (cheap to
//! slice in Rust). The output contract wants **code point** offsets: the
//! [`Record`] made from a document by [`Document::into_record`] has them.

pub mod calendar;
mod date;
mod document;
mod entity;
mod event;
pub mod keymap;
mod language;
pub mod offsets;
mod place;
mod quote;
mod record;
pub mod rng;
pub mod shared;
mod span;
mod stage;
mod timex;
pub mod words;

pub use date::{days_in_month, Date, DateError};
pub use document::{Document, Sentence, Token, SCHEMA};
pub use entity::{Entity, EntityType};
pub use event::{Event, EventStatus, Participant};
pub use keymap::KeyMap;
pub use language::{Language, LanguageError};
pub use offsets::{check_output_offsets, OffsetMap, Remap};
pub use place::{distance_km, Place, PlaceKind};
pub use quote::{Quote, QuoteKind};
pub use record::{content_hash, Record};
pub use span::{Mention, Span};
pub use stage::{fnv1a, Layer, Producer, RunStatus, Stage, StageName, StageRun, UnknownStage};
pub use timex::{Timex, TimexType};
