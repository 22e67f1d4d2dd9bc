//! newsgraph-linking: links annotated documents into a corpus, one
//! document at a time: corpus entities (one per referent), stories
//! (documents about one developing story), corpus events (every report of
//! one real event) and contradictions between reports.
//!
//! # How the store calls it
//!
//! ```text
//! let linker = Linker::new(LinkConfig::default());
//! for each new document (its output `Record`):
//!     let article = Article::from_record(&record)?;        // the one adapter
//!     let linked = linker.link(&article, &store)?;          // reads only
//!     in one transaction:
//!         upsert linked.entity_profiles, linked.story_profile,
//!                linked.event_profiles by `id`, as JSON (serde),
//!                and index each under its `keys()`;
//!         store linked.entities / story / events (document -> corpus ids)
//!                and linked.contradictions;
//!         for each of linked.entity_merges, linked.event_merges:
//!                move what points to `from` to `into`, delete `from`;
//!         df[f] += 1 for f in linked.features; documents += 1.
//! ```
//!
//! The store implements [`Corpus`]: return the profiles indexed under any
//! of the given keys (entity name keys `P:zelensky`, story keys `b3:…`
//! (MinHash LSH bands) and `t:…` (heaviest features), event keys
//! `v:<story>|r:<root>`, `v:<story>|l:<lemma>`, `ctl:<place>`), and
//! document frequencies. Keys are stable across runs and machines.
//! [`MemoryCorpus`] is the reference implementation, used by the
//! evaluation and tests; it also serialises whole.
//!
//! Corpus ids are derived from the founding document (`E:<doc>:<entity>`,
//! `S:<doc>`, `V:<doc>:<event>`), so no counter needs persisting. Linking
//! is online, as a stream requires: nothing is re-clustered, and the only
//! decision revisited is a split a later document shows wrong (two corpus
//! events one report fits, two corpus entities holding one full name are
//! merged).

mod article;
pub mod contradictions;
pub mod entities;
mod error;
pub mod events;
mod linker;
mod memo;
pub mod stories;
pub mod text;

pub use article::{head_lemma, Article, ArticleEntity, ArticleEvent, EventPlace, Role};
pub use contradictions::{ClaimSide, Contradiction, ContradictionKind};
pub use entities::EntityProfile;
pub use error::LinkError;
pub use events::{learn_weights, EventFeatures, EventMention, EventProfile, EventView, EVENT_FEATURES, FEATURE_NAMES};
pub use linker::{
    linked_event_views, story_vectors, Corpus, CorpusError, EntityLink, EventLink, Frequencies, LinkConfig, Linked,
    Linker, MemoryCorpus, ProfileMerge, StoryLink, KEY_FANOUT,
};
pub use stories::{Member, StoryProfile};
