//! Running the stage on gold-tokenised documents and reading its output
//! back as CoNLL classes, for `newsgraph eval ner` and the accuracy tests.

use std::collections::HashMap;

use newsgraph_core::{Document, Entity, Sentence, Stage, Token};

use crate::corpus::{Counts, GoldDoc, ScoredSpan};
use crate::labels::spans_from_iob;
use crate::types::conll_class;
use crate::EntityStage;

/// Sentence-local token range and CoNLL class of a predicted entity.
pub type Predicted = (usize, usize, String);

impl GoldDoc {
    /// A document whose text is the gold tokens, one sentence per line.
    pub fn document(&self) -> Document {
        let mut text = String::new();
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        for sentence in &self.sentences {
            let (start, first_token) = (text.len(), tokens.len());
            for (k, word) in sentence.words.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                tokens.push(Token { start: text.len(), end: text.len() + word.len() });
                text += word;
            }
            sentences.push(Sentence { start, end: text.len(), first_token, end_token: tokens.len() });
            text.push('\n');
        }
        let mut doc = Document::new("gold", "gold", text);
        doc.tokens = tokens;
        doc.sentences = sentences;
        doc
    }
}

/// The stage's entities of a gold document, per sentence; with
/// `tagger_only`, the tagger's spans before typing and grouping.
pub fn predict(stage: &EntityStage, mut doc: Document, tagger_only: bool) -> Vec<Vec<Predicted>> {
    let by_sentence = if tagger_only {
        tagger_spans(stage, &doc)
    } else {
        stage.annotate(&mut doc);
        spans_on_gold(&doc, &doc.entities)
    };
    per_sentence(&doc, by_sentence)
}

/// Entities found on the gold text by some other route (the whole
/// pipeline, with its own tokens and sentences), per gold sentence.
pub fn predict_on_gold(gold: &Document, entities: &[Entity]) -> Vec<Vec<Predicted>> {
    per_sentence(gold, spans_on_gold(gold, entities))
}

fn per_sentence(doc: &Document, mut by_sentence: HashMap<usize, Vec<Predicted>>) -> Vec<Vec<Predicted>> {
    (0..doc.sentences.len()).map(|s| by_sentence.remove(&s).unwrap_or_default()).collect()
}

/// conlleval counts of the stage on gold documents.
pub fn score(stage: &EntityStage, docs: &[GoldDoc]) -> Counts {
    let mut counts = Counts::default();
    let mut number = 0;
    for gold in docs {
        let predicted = predict(stage, gold.document(), false);
        for (sentence, ours) in gold.sentences.iter().zip(predicted) {
            let tag = |spans: Vec<Predicted>| -> Vec<ScoredSpan> {
                spans.into_iter().map(|(a, b, k)| (number, a, b, k)).collect()
            };
            counts.add(sentence.words.len(), &tag(spans_from_iob(&sentence.tags)), &tag(ours));
            number += 1;
        }
    }
    counts
}

/// The tagger's spans and CoNLL classes, before typing and grouping.
fn tagger_spans(stage: &EntityStage, doc: &Document) -> HashMap<usize, Vec<(usize, usize, String)>> {
    let mut out: HashMap<usize, Vec<(usize, usize, String)>> = HashMap::new();
    for found in stage.find(doc) {
        let s = doc.sentence_at(doc.tokens[found.start].start).unwrap_or(0);
        let first = doc.sentences[s].first_token;
        out.entry(s).or_default().push((found.start - first, found.end - first, conll_class(found.kind).to_string()));
    }
    out
}

/// Our mentions as sentence-local token ranges of the gold document `doc`,
/// with CoNLL classes. A mention whose ends are not gold token boundaries
/// is kept as a span that matches no gold entity: it is a false positive.
fn spans_on_gold(doc: &Document, entities: &[Entity]) -> HashMap<usize, Vec<(usize, usize, String)>> {
    let starts: HashMap<usize, usize> = doc.tokens.iter().enumerate().map(|(i, t)| (t.start, i)).collect();
    let ends: HashMap<usize, usize> = doc.tokens.iter().enumerate().map(|(i, t)| (t.end, i + 1)).collect();
    let mut out: HashMap<usize, Vec<(usize, usize, String)>> = HashMap::new();
    for entity in entities {
        for mention in &entity.mentions {
            let Some(s) = doc.sentence_at(mention.start) else {
                continue;
            };
            let first = doc.sentences[s].first_token;
            let span = match (starts.get(&mention.start), ends.get(&mention.end)) {
                (Some(&a), Some(&b)) if a < b => (a - first, b - first),
                _ => (usize::MAX - mention.start, usize::MAX),
            };
            out.entry(s).or_default().push((span.0, span.1, conll_class(entity.kind).to_string()));
        }
    }
    out
}
