//! newsgraph-entities: named entity recognition and per-document grouping
//! of mentions.
//!
//! A two-pass averaged perceptron ([`tagger`]) labels tokens with BILOU tags
//! over the CoNLL classes; [`types`] refines them to the contract's types
//! (GPE, LOC, FAC, NORP, EVENT, ...) with gazetteers; [`rules`] corrects
//! sentence patterns the tagger misses (bracketed given names, quoted
//! names, products, job titles); [`group`] gathers the
//! mentions of one referent (surname to full name, acronym to expansion)
//! and picks the canonical name.

pub mod corpus;
pub mod evaluation;
pub mod features;
pub mod group;
pub mod gum;
pub mod labels;
pub mod lexicon;
pub mod model;
pub mod rules;
pub mod tagger;
pub mod train;
pub mod types;

use newsgraph_core::{Document, Layer, Stage, StageName};

pub use model::ModelError;
pub use tagger::Tagger;

/// Errors while loading the stage's resources.
#[derive(Debug)]
pub enum LoadError {
    /// The embedded model could not be read.
    Model(ModelError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Model(e) => write!(f, "NER model: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

pub struct EntityStage {
    tagger: Tagger,
}

impl EntityStage {
    /// The stage with the model embedded in the binary.
    pub fn load() -> Result<Self, LoadError> {
        Ok(EntityStage { tagger: Tagger::embedded().map_err(LoadError::Model)? })
    }

    /// The stage with another model (evaluation of a freshly trained one).
    pub fn with_tagger(tagger: Tagger) -> Self {
        EntityStage { tagger }
    }

    /// Tagged mentions of the document's sentences, with contract types.
    pub fn find(&self, doc: &Document) -> Vec<group::Found> {
        let sentences: Vec<Vec<&str>> = (0..doc.sentences.len())
            .map(|s| doc.sentence_tokens(s).iter().map(|t| doc.token_text(t)).collect())
            .collect();
        let tagged = self.tagger.tag(&sentences);
        let mut found = Vec::new();
        for ((sentence, spans), words) in doc.sentences.iter().zip(tagged).zip(&sentences) {
            let local: Vec<group::Found> = spans
                .iter()
                .map(|span| group::Found {
                    start: span.start,
                    end: span.end,
                    kind: types::refine(span.class, &words[span.start..span.end], &self.tagger.lexicon),
                })
                .collect();
            let adjusted = rules::adjust(words, local, &self.tagger.lexicon);
            found.extend(adjusted.into_iter().map(|f| group::Found {
                start: sentence.first_token + f.start,
                end: sentence.first_token + f.end,
                kind: f.kind,
            }));
        }
        found
    }
}

impl Stage for EntityStage {
    fn name(&self) -> StageName {
        StageName::Entities
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }

    fn data_fingerprint(&self) -> u64 {
        tagger::data_fingerprint()
    }
    fn annotate(&self, doc: &mut Document) {
        let found = self.find(doc);
        doc.entities = group::group(doc, &found, &self.tagger.lexicon);
    }
}
