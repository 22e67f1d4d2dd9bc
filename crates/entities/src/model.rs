//! Weights of one tagging pass, greedy decoding, and the model file format.
//!
//! File format (little-endian): magic `NGNER\x01`, u32 label count, u32 pass
//! count; per pass: u32 rows, then per row u64 feature key, u32 bit mask of
//! the labels with a weight, f32 row scale, one i16 per set bit (weight / scale).

use crate::features::{history_features, SentenceView};
use crate::labels::{Label, LABELS};

const MAGIC: &[u8; 6] = b"NGNER\x02";

/// Feature keys are already hashes: maps use them as they are.
pub use newsgraph_core::KeyMap;

/// Why a model file could not be read.
#[derive(Debug)]
pub enum ModelError {
    BadMagic,
    Truncated,
    LabelCount(u32),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a newsgraph NER model"),
            ModelError::Truncated => write!(f, "model file is truncated"),
            ModelError::LabelCount(n) => {
                write!(f, "model has {n} labels, this build expects {LABELS}")
            }
        }
    }
}

impl std::error::Error for ModelError {}

/// Dense label scores per feature.
#[derive(Default, Clone)]
pub struct Weights {
    index: KeyMap<u32>,
    rows: Vec<f32>,
}

impl Weights {
    pub fn from_rows(rows: impl IntoIterator<Item = (u64, [f32; LABELS])>) -> Self {
        let mut weights = Weights::default();
        for (key, row) in rows {
            weights.index.insert(key, (weights.rows.len() / LABELS) as u32);
            weights.rows.extend_from_slice(&row);
        }
        weights
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Anything that scores labels from features: the shipped weights, or the
/// perceptron being trained.
pub trait Scorer {
    /// Adds the rows of `features` to `scores`.
    fn score(&self, features: &[u64], scores: &mut [f32; LABELS]);
}

impl Scorer for Weights {
    fn score(&self, features: &[u64], scores: &mut [f32; LABELS]) {
        for key in features {
            if let Some(&row) = self.index.get(key) {
                let row = &self.rows[row as usize * LABELS..(row as usize + 1) * LABELS];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }
}

impl Weights {
    /// Rows are quantised to i16 with a scale of their own: averaged
    /// weights span many orders of magnitude, and one global scale would
    /// zero the small ones that matter in sum.
    fn write(&self, out: &mut Vec<u8>) {
        let mut keys: Vec<(&u64, &u32)> = self.index.iter().collect();
        keys.sort();
        let mut body = Vec::new();
        let mut rows = 0u32;
        for (&key, &row) in keys {
            let row = &self.rows[row as usize * LABELS..(row as usize + 1) * LABELS];
            let max = row.iter().fold(0f32, |m, w| m.max(w.abs()));
            if max < PRUNE_BELOW {
                continue;
            }
            let scale = max / i16::MAX as f32;
            let quantized: Vec<i16> = row.iter().map(|w| (w / scale).round() as i16).collect();
            let mask = quantized.iter().enumerate().fold(0u32, |m, (i, &q)| m | (((q != 0) as u32) << i));
            rows += 1;
            body.extend_from_slice(&key.to_le_bytes());
            body.extend_from_slice(&mask.to_le_bytes());
            body.extend_from_slice(&scale.to_le_bytes());
            for q in quantized.iter().filter(|&&q| q != 0) {
                body.extend_from_slice(&q.to_le_bytes());
            }
        }
        out.extend_from_slice(&rows.to_le_bytes());
        out.extend_from_slice(&body);
    }

    fn read(input: &mut Reader) -> Result<Self, ModelError> {
        let rows = input.u32()? as usize;
        let mut weights = Weights { index: KeyMap::default(), rows: Vec::with_capacity(rows * LABELS) };
        weights.index.reserve(rows);
        for row in 0..rows {
            let key = input.u64()?;
            let mask = input.u32()?;
            let scale = f32::from_bits(input.u32()?);
            weights.index.insert(key, row as u32);
            for label in 0..LABELS {
                let w = if mask & (1 << label) != 0 { input.i16()? as f32 * scale } else { 0.0 };
                weights.rows.push(w);
            }
        }
        Ok(weights)
    }
}

/// Rows whose largest weight is below this change no decision in practice
/// (measured on CoNLL dev) and are left out of the file.
const PRUNE_BELOW: f32 = 1e-3;

struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let (head, rest) = self.bytes.split_at_checked(N).ok_or(ModelError::Truncated)?;
        self.bytes = rest;
        head.try_into().map_err(|_| ModelError::Truncated)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        self.take::<4>().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        self.take::<8>().map(u64::from_le_bytes)
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        self.take::<2>().map(i16::from_le_bytes)
    }
}

/// The two passes of the tagger.
#[derive(Clone)]
pub struct Model {
    pub first: Weights,
    pub second: Weights,
    /// Block of each static feature in `joint_rows`, so that one lookup
    /// serves both passes (they share their static features).
    joint: KeyMap<u32>,
    /// Per block, the feature's first-pass row then its second-pass row
    /// (zeros where a pass lacks it): scoring is bound by memory access,
    /// and two adjacent rows cost fewer cache misses than two scattered ones.
    joint_rows: Vec<f32>,
}

impl Model {
    pub fn new(first: Weights, second: Weights) -> Self {
        let mut joint: KeyMap<u32> = KeyMap::default();
        let mut joint_rows = Vec::new();
        for (pass, weights) in [&first, &second].into_iter().enumerate() {
            for (&key, &row) in &weights.index {
                let block = *joint.entry(key).or_insert_with(|| {
                    joint_rows.resize(joint_rows.len() + 2 * LABELS, 0.0);
                    (joint_rows.len() / (2 * LABELS) - 1) as u32
                });
                let at = block as usize * 2 * LABELS + pass * LABELS;
                let from = row as usize * LABELS;
                joint_rows[at..at + LABELS].copy_from_slice(&weights.rows[from..from + LABELS]);
            }
        }
        Model { first, second, joint, joint_rows }
    }

    /// Label-independent scores of every token for both passes.
    pub fn base_scores(&self, statics: &[Vec<u64>]) -> [Vec<[f32; LABELS]>; 2] {
        let mut out = [Vec::with_capacity(statics.len()), Vec::with_capacity(statics.len())];
        for features in statics {
            let mut scores = [[0f32; LABELS]; 2];
            for key in features {
                let Some(&block) = self.joint.get(key) else {
                    continue;
                };
                let at = block as usize * 2 * LABELS;
                let rows = self.joint_rows[at..at + 2 * LABELS].chunks_exact(LABELS);
                for (pass_scores, row) in scores.iter_mut().zip(rows) {
                    for (s, w) in pass_scores.iter_mut().zip(row) {
                        *s += w;
                    }
                }
            }
            out[0].push(scores[0]);
            out[1].push(scores[1]);
        }
        out
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(LABELS as u32).to_le_bytes());
        out.extend_from_slice(&2u32.to_le_bytes());
        self.first.write(&mut out);
        self.second.write(&mut out);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(ModelError::BadMagic)?;
        let mut input = Reader { bytes: rest };
        let labels = input.u32()?;
        if labels as usize != LABELS {
            return Err(ModelError::LabelCount(labels));
        }
        let _passes = input.u32()?;
        let first = Weights::read(&mut input)?;
        let second = Weights::read(&mut input)?;
        Ok(Model::new(first, second))
    }
}

/// Scores of every label for token `i`, given its static features and the
/// labels chosen so far.
pub fn label_scores(
    weights: &impl Scorer,
    sentence: &SentenceView,
    i: usize,
    statics: &[u64],
    chosen: &[Label],
    scratch: &mut Vec<u64>,
) -> [f32; LABELS] {
    let prev = if i > 0 { chosen[i - 1] } else { Label::START };
    let prev2 = if i > 1 { chosen[i - 2] } else { Label::START };
    scratch.clear();
    history_features(sentence, i, prev, prev2, scratch);
    let mut scores = [0f32; LABELS];
    weights.score(statics, &mut scores);
    weights.score(scratch, &mut scores);
    scores
}

/// Best label for token `i` of `sentence`: allowed after the label
/// before it (BILOU constraints), and O on punctuation that breaks names.
pub fn choose(scores: &[f32; LABELS], sentence: &SentenceView, i: usize, chosen: &[Label]) -> Label {
    if sentence.tokens[i].breaks_names {
        return Label::O;
    }
    let prev = if i > 0 { chosen[i - 1] } else { Label::START };
    best_label(scores, prev, i + 1 == sentence.tokens.len())
}

/// Best label allowed after `prev` (BILOU constraints).
fn best_label(scores: &[f32; LABELS], prev: Label, last: bool) -> Label {
    let mut best = (Label::O, f32::NEG_INFINITY);
    for (i, &score) in scores.iter().enumerate() {
        let label = Label(i as u8);
        if score > best.1 && label.may_follow(prev, last) {
            best = (label, score);
        }
    }
    best.0
}

/// Label-independent scores of every token: the sum of its static
/// features' rows. Computed once, so decoding only adds history features.
pub fn base_scores(weights: &Weights, statics: &[Vec<u64>]) -> Vec<[f32; LABELS]> {
    statics
        .iter()
        .map(|features| {
            let mut scores = [0f32; LABELS];
            weights.score(features, &mut scores);
            scores
        })
        .collect()
}

/// Greedy left-to-right decoding of one sentence from its base scores.
pub fn decode(weights: &Weights, sentence: &SentenceView, base: &[[f32; LABELS]]) -> Vec<Label> {
    let mut chosen = Vec::with_capacity(base.len());
    let mut scratch = Vec::with_capacity(8);
    for (i, base) in base.iter().enumerate() {
        let prev = if i > 0 { chosen[i - 1] } else { Label::START };
        let prev2 = if i > 1 { chosen[i - 2] } else { Label::START };
        scratch.clear();
        history_features(sentence, i, prev, prev2, &mut scratch);
        let mut scores = *base;
        weights.score(&scratch, &mut scores);
        chosen.push(choose(&scores, sentence, i, &chosen));
    }
    chosen
}
