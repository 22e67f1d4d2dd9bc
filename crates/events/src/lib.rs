//! newsgraph-events: who did what to whom. Codes events in CAMEO (to the
//! most specific level the verb dictionary supports) and PLOVER, codes
//! actors CAMEO-style (`RUSGOV`, `UKRMIL`, `NATO`), and gives each event its
//! evidential status (asserted, claimed, denied, unverified, planned,
//! hypothetical, negated) and the party it is attributed to.
//!
//! Dictionaries are PETRARCH/TABARI-format actor, agent and verb files: the
//! project's own ones are embedded, users add theirs (`--actors`,
//! `--verbs`). The analysis is shallow (no parser): verb dictionary matches
//! and their patterns, actor phrases from dictionaries and named entities,
//! subject to the left and object to the right within the clause.

pub mod cameo;
pub mod coder;
pub mod dict;
mod document;
pub mod phrases;
pub mod status;
pub mod words;

use std::path::PathBuf;

use newsgraph_core::{Document, EventStatus, Layer, Stage, StageName};

pub use dict::{DictError, Dictionaries};

/// Errors while loading the stage's resources.
#[derive(Debug)]
pub enum LoadError {
    /// A built-in or user dictionary could not be read or parsed.
    Dictionary(DictError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Dictionary(e) => write!(f, "event dictionary: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl From<DictError> for LoadError {
    fn from(e: DictError) -> Self {
        LoadError::Dictionary(e)
    }
}

/// The `events` stage.
pub struct EventStage {
    dicts: Dictionaries,
    /// Keep PETRARCH's `---` codes for actors of unknown country (for the
    /// PETRARCH parity check); the output contract leaves them null.
    keep_unknown_country: bool,
}

impl EventStage {
    /// The built-in dictionaries plus the user's actor (or agent) and verb files.
    pub fn load(actors: &[PathBuf], verbs: &[PathBuf]) -> Result<Self, LoadError> {
        let mut dicts = Dictionaries::builtin()?;
        add_files(&mut dicts, actors, verbs)?;
        Ok(EventStage { dicts, keep_unknown_country: false })
    }

    /// Only the given dictionaries, none built in, and PETRARCH's `---`
    /// codes kept: how PETRARCH itself runs its unit tests.
    pub fn petrarch(actors: &[PathBuf], verbs: &[PathBuf]) -> Result<Self, LoadError> {
        let mut dicts = Dictionaries::default();
        add_files(&mut dicts, actors, verbs)?;
        Ok(EventStage { dicts, keep_unknown_country: true })
    }

    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Evidential status the stage would give an event whose trigger is
    /// token `token` of sentence `sentence` (indices within the sentence),
    /// coded or not. Used to score factuality corpora, whose targets are
    /// every predicate, not only dictionary verbs.
    pub fn status_of_token(&self, doc: &Document, sentence: usize, token: usize) -> EventStatus {
        document::status_of_token(&self.dicts, doc, sentence, token)
    }
}

fn add_files(dicts: &mut Dictionaries, actors: &[PathBuf], verbs: &[PathBuf]) -> Result<(), LoadError> {
    for path in actors {
        dicts.add_actor_file(path)?;
    }
    for path in verbs {
        dicts.add_verb_file(path)?;
    }
    Ok(())
}

impl Stage for EventStage {
    fn name(&self) -> StageName {
        StageName::Events
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities, Layer::Timexes, Layer::Places, Layer::Quotes]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Events, Layer::ActorCodes]
    }

    fn data_fingerprint(&self) -> u64 {
        dict::data_fingerprint()
    }

    fn annotate(&self, doc: &mut Document) {
        document::annotate(&self.dicts, self.keep_unknown_country, doc);
    }
}
