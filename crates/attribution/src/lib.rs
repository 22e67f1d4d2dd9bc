//! newsgraph-attribution: direct, indirect and mixed speech with the speaker
//! resolved to an entity of the document.
//!
//! Works on the tokens and sentences of the text stage with a reporting-verb
//! lexicon (the shared list of `newsgraph_core::words::reporting`, looked up
//! by inflected form in [`lexicon`]) and a small
//! clause grammar ([`grammar`]): quotation marks are paired first
//! ([`marks`]), full quotations get their attribution ([`direct`]),
//! transcript lines theirs (`PENCE: ...`, [`colon`]), then every remaining
//! reporting verb is tried for reported speech ([`indirect`]); finally
//! speaker phrases are resolved ([`speaker`]). See docs/attribution.md.

mod colon;
mod direct;
mod found;
mod grammar;
mod indirect;
mod lexicon;
mod marks;
mod speaker;
mod words;

use newsgraph_core::{Document, Layer, Quote, Stage, StageName};

use crate::found::Found;
use crate::grammar::Grammar;
use crate::lexicon::Lexicon;
use crate::speaker::{History, Resolver};
use crate::words::Words;

/// Errors while loading the stage's resources.
#[derive(Debug)]
pub enum LoadError {
    /// A line of the embedded cue lexicon is malformed.
    Lexicon { line: usize, reason: String },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Lexicon { line, reason } => write!(f, "cue lexicon line {line}: {reason}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The `attribution` stage: fills `Document::quotes`.
pub struct AttributionStage {
    lexicon: Lexicon,
}

impl AttributionStage {
    pub fn load() -> Result<Self, LoadError> {
        Ok(AttributionStage { lexicon: Lexicon::load()? })
    }

    /// All attributions of `doc`, speakers unresolved, in text order of the cue.
    fn find(&self, doc: &Document, words: &Words) -> Vec<Found> {
        let quoted = marks::find_quoted(&doc.text);
        let mut blocked = vec![false; words.len()];
        for q in quoted.iter().filter(|q| !q.embedded) {
            let end = q.close.map_or(q.inner.end, |c| c + marks::mark_len(&doc.text, c));
            let (from, to) = (words.token_at(q.open), words.token_at(end));
            for flag in &mut blocked[from..to.min(words.len())] {
                *flag = true;
            }
        }
        let grammar = Grammar { words, lexicon: &self.lexicon, blocked: &blocked, stops: &blocked };
        let mut claimed = vec![false; words.len()];
        let mut found = direct::direct_quotes(&grammar, doc, &quoted, &mut claimed);
        let mut lines = colon::colon_lines(&grammar, doc, &claimed);
        lines.extend(colon::block_quotes(&grammar, doc, &claimed));
        for f in &lines {
            claimed[f.cue.0] = true;
        }
        found.extend(lines);
        // Reported speech may run through a quotation nobody was found to
        // say ("said that, \"Of course ...\" against ..."), not through one
        // already attributed.
        let mut covered = vec![false; words.len()];
        for f in &found {
            let (from, to) = (words.token_at(f.content.start), words.token_at(f.content.end));
            let from = from.saturating_sub(1);
            let to = (to + 1).min(words.len());
            for flag in &mut covered[from..to] {
                *flag = true;
            }
        }
        let grammar = Grammar { stops: &covered, ..grammar };
        found.sort_by_key(|f| (f.cue.0, f.content.start));
        let mut reported = indirect::indirect_quotes(&grammar, doc, &quoted, &claimed, &found);
        found.append(&mut reported);
        found.sort_by_key(|f| (f.cue.0, f.content.start));
        let orphans = direct::orphan_quotes(doc, words, &quoted, &found);
        found.extend(orphans);
        found.sort_by_key(|f| (f.cue.0, f.content.start));
        found
    }
}

impl Stage for AttributionStage {
    fn name(&self) -> StageName {
        StageName::Attribution
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }

    fn data_fingerprint(&self) -> u64 {
        lexicon::data_fingerprint()
    }

    fn annotate(&self, doc: &mut Document) {
        if doc.tokens.is_empty() {
            return;
        }
        let quotes = {
            let words = Words::new(doc);
            let found = self.find(doc, &words);
            let resolver = Resolver::new(doc, &words, &self.lexicon);
            let mut history = History::new();
            let mut quotes = Vec::with_capacity(found.len());
            for mut f in found {
                let entity = f.speaker.and_then(|s| resolver.resolve(s, &history));
                let sentence = doc.sentence_at(words.tokens[f.cue.0].start).unwrap_or(0);
                history.push((sentence, entity));
                f.speaker = f.speaker.map(|s| relative_pronoun(&words, s, f.cue).unwrap_or(s));
                quotes.push(to_quote(doc, &words, &f, entity));
            }
            quotes.sort_by_key(|q| (q.start, q.end));
            quotes
        };
        doc.quotes = quotes;
    }
}

/// "an architect who said ...": the speaker phrase shown is the relative
/// pronoun (the surface form naming the speaker here, as "he" is), while
/// the entity was resolved through its antecedent.
fn relative_pronoun(words: &Words, speaker: grammar::Range, cue: grammar::Range) -> Option<grammar::Range> {
    let mut j = speaker.1;
    if words.raw(j) == "," {
        j += 1;
    }
    (words.is(j, "who") && j < cue.0).then_some((j, j + 1))
}

fn to_quote(doc: &Document, words: &Words, f: &Found, entity: Option<usize>) -> Quote {
    let cue_span = words.span(f.cue.0, f.cue.1);
    let speaker_span = f.speaker.map(|s| words.span(s.0, s.1));
    Quote {
        start: f.content.start,
        end: f.content.end,
        text: f.content.slice(&doc.text).to_string(),
        kind: f.kind,
        speaker: entity.map(|e| doc.entities[e].id.clone()),
        speaker_text: speaker_span.map(|s| s.slice(&doc.text).to_string()),
        cue: cue_span.slice(&doc.text).to_string(),
        cue_span: Some(cue_span),
        speaker_span,
    }
}
