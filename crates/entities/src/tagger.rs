//! The two-pass tagger: a first pass labels every sentence of a document;
//! a second pass sees, for every word, how its other occurrences in the
//! document were labelled (document-level consistency).

use std::borrow::Cow;

use crate::features::{second_pass_features, static_features, DocContext, FirstPass, SentenceView};
use crate::labels::{spans_from_labels, Label, TokenSpan, LABELS};
use crate::lexicon::Lexicon;
use crate::model::{base_scores, decode, Model, ModelError, Scorer};

const EMBEDDED_MODEL: &[u8] = include_bytes!("../model/ner.bin");

/// A document's sentences with their features computed once.
pub struct PreparedDoc {
    pub sentences: Vec<SentenceView>,
    /// Per sentence, per token: features that do not depend on labels.
    pub statics: Vec<Vec<Vec<u64>>>,
}

impl PreparedDoc {
    pub fn new(lexicon: &Lexicon, sentences: &[Vec<&str>]) -> Self {
        let views: Vec<SentenceView> = sentences.iter().map(|words| SentenceView::new(words, lexicon)).collect();
        let context = DocContext::new(&views);
        let statics = views.iter().map(|sentence| sentence_statics(sentence, &context)).collect();
        PreparedDoc { sentences: views, statics }
    }

    /// Static features extended with the second-pass features derived
    /// from `first` (the first pass's labels of this document).
    pub fn second_pass_statics(&self, first: &[Vec<Label>]) -> Vec<Vec<Vec<u64>>> {
        let votes = FirstPass::new(&self.sentences, first);
        self.sentences
            .iter()
            .zip(&self.statics)
            .zip(first)
            .map(|((sentence, statics), own)| {
                statics
                    .iter()
                    .enumerate()
                    .map(|(i, features)| {
                        let mut extended = features.clone();
                        second_pass_features(sentence, i, own, &votes, &mut extended);
                        extended
                    })
                    .collect()
            })
            .collect()
    }
}

/// The label-independent features of each token of `sentence`.
fn sentence_statics(sentence: &SentenceView, context: &DocContext) -> Vec<Vec<u64>> {
    (0..sentence.tokens.len())
        .map(|i| {
            let mut features = Vec::with_capacity(64);
            static_features(sentence, i, context, &mut features);
            features
        })
        .collect()
}

/// Labels every sentence of `doc` with the first pass only.
pub fn first_pass(model: &Model, doc: &PreparedDoc) -> Vec<Vec<Label>> {
    doc.sentences.iter().zip(&doc.statics).map(|(s, f)| first_labels(model, s, f)).collect()
}

fn first_labels(model: &Model, sentence: &SentenceView, statics: &[Vec<u64>]) -> Vec<Label> {
    decode(&model.first, sentence, &base_scores(&model.first, statics))
}

/// Labels every sentence of `doc` with both passes (the first alone when
/// the model has no second).
pub fn both_passes(model: &Model, doc: &PreparedDoc) -> Vec<Vec<Label>> {
    two_passes(model, &doc.sentences, |s| Cow::Borrowed(&doc.statics[s]))
}

/// Both passes over `sentences`, the static features of sentence `s` given
/// by `statics_of(s)`. Only the second pass's base scores are kept between
/// the passes: a document's features at once took about 100 bytes per byte
/// of text, so tagging computes them sentence by sentence.
fn two_passes<'a>(
    model: &Model,
    sentences: &[SentenceView],
    statics_of: impl Fn(usize) -> Cow<'a, [Vec<u64>]>,
) -> Vec<Vec<Label>> {
    if model.second.is_empty() {
        return sentences
            .iter()
            .enumerate()
            .map(|(s, sentence)| first_labels(model, sentence, &statics_of(s)))
            .collect();
    }
    let mut seconds: Vec<Vec<[f32; LABELS]>> = Vec::with_capacity(sentences.len());
    let mut first: Vec<Vec<Label>> = Vec::with_capacity(sentences.len());
    for (s, sentence) in sentences.iter().enumerate() {
        let [base, second] = model.base_scores(&statics_of(s));
        first.push(decode(&model.first, sentence, &base));
        seconds.push(second);
    }
    let votes = FirstPass::new(sentences, &first);
    let mut extras = Vec::with_capacity(16);
    let mut labels = Vec::with_capacity(first.len());
    for ((sentence, base), own) in sentences.iter().zip(seconds).zip(&first) {
        let mut base = base;
        for (i, scores) in base.iter_mut().enumerate() {
            extras.clear();
            second_pass_features(sentence, i, own, &votes, &mut extras);
            model.second.score(&extras, scores);
        }
        labels.push(decode(&model.second, sentence, &base));
    }
    labels
}

/// The statistical tagger with its lexicon.
pub struct Tagger {
    pub lexicon: Lexicon,
    model: Model,
}

impl Tagger {
    /// The model shipped inside the binary.
    pub fn embedded() -> Result<Self, ModelError> {
        Self::from_bytes(EMBEDDED_MODEL)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Ok(Tagger { lexicon: Lexicon::embedded(), model: Model::from_bytes(bytes)? })
    }

    /// Entity spans (token ranges and CoNLL classes) of each sentence.
    pub fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
        self.labels(sentences).iter().map(|labels| spans_from_labels(labels)).collect()
    }

    /// BILOU labels of each sentence after both passes.
    pub fn labels(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
        let views: Vec<SentenceView> = sentences.iter().map(|words| SentenceView::new(words, &self.lexicon)).collect();
        let context = DocContext::new(&views);
        two_passes(&self.model, &views, |s| Cow::Owned(sentence_statics(&views[s], &context)))
    }
}

/// Fingerprint of the embedded tagger model.
pub(crate) fn data_fingerprint() -> u64 {
    newsgraph_core::fnv1a(0, EMBEDDED_MODEL)
}
