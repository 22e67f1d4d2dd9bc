//! newsgraph-time: finds temporal expressions (TIMEX3 DATE, TIME, DURATION,
//! SET) in the sentences of a document and normalises them against the
//! article date: "January 3" in a 2025-12-31 article that says "will meet"
//! is `2026-01-03`. A rule grammar over the sentence tokens, written here,
//! with its own civil-date arithmetic; see docs/time.md.

mod civil;
mod grammar;
mod lexicon;
mod pattern;
mod resolve;
mod rules;
mod tense;

use newsgraph_core::{Document, Layer, Stage, StageName, Timex};

pub use civil::Date;
pub use pattern::PatternError;

use grammar::{Grammar, State};
use lexicon::{Lexicon, Tok};

/// Errors while loading the stage's resources.
#[derive(Debug)]
pub enum LoadError {
    /// A pattern of the built-in grammar does not compile.
    Grammar(PatternError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Grammar(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The `time` stage: fills `Document::timexes`.
pub struct TimeStage {
    lexicon: Lexicon,
    grammar: Grammar,
}

impl TimeStage {
    pub fn load() -> Result<Self, LoadError> {
        Ok(TimeStage { lexicon: Lexicon::new(), grammar: Grammar::new().map_err(LoadError::Grammar)? })
    }

    /// Temporal expressions of `doc`, which must carry sentences and tokens.
    pub fn find(&self, doc: &Document) -> Vec<Timex> {
        let mut state =
            State { anchor: doc.anchor().and_then(Date::parse), reference: None, quarter: None, part_year: false };
        let mut toks: Vec<Tok> = Vec::new();
        let mut out = Vec::new();
        for index in 0..doc.sentences.len() {
            self.lexicon.classify(&doc.text, doc.sentence_tokens(index), &mut toks);
            self.grammar.intern(&mut toks);
            for found in self.grammar.find(&toks, &mut state) {
                let (start, end) = (toks[found.first].start, toks[found.end - 1].end);
                out.push(Timex {
                    start,
                    end,
                    text: doc.text[start..end].to_string(),
                    kind: found.out.kind,
                    value: found.out.value,
                    modifier: found.out.modifier.map(str::to_string),
                });
            }
        }
        out
    }
}

impl Stage for TimeStage {
    fn name(&self) -> StageName {
        StageName::Time
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }

    fn annotate(&self, doc: &mut Document) {
        doc.timexes = self.find(doc);
    }
}
