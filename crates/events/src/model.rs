//! The learned event type decision. The dictionaries find the trigger and
//! propose a CAMEO code; an averaged perceptron over features of the
//! trigger, its context, its parties and that proposal then picks the
//! PLOVER type. Hand rules decide one sentence at a time and fit the
//! sentences they were written for; weights learned from every coded
//! sentence we have generalise better to text not seen (the held-out folds
//! of `newsgraph eval events plover --folds K` measure it).
//!
//! The model is trained by [`train`] (called by `newsgraph eval events
//! train`, which gathers the coded sentences) and written as text: one
//! feature a line, then its non-zero weights as `TYPE=weight`. The stage
//! runs without one by default: on the held-out PLOVER folds the learned
//! corrections still lose to the dictionaries (docs/events.md, "Measured").

use std::collections::HashMap;

use newsgraph_core::{Document, Event};

use crate::cameo;
use crate::words::View;

/// Every PLOVER type the coder can give, with the CAMEO code an event gets
/// when the model moves it to that type (the type's root code, so that
/// `cameo` and `plover` keep agreeing through [`cameo::plover`]).
const TYPES: [(&str, &str); 17] = [
    ("STATEMENT", "010"),
    ("AGREE", "030"),
    ("CONSULT", "040"),
    ("SUPPORT", "050"),
    ("COOPERATE", "060"),
    ("AID", "070"),
    ("CONCEDE", "080"),
    ("RETREAT", "087"),
    ("ACCUSE", "110"),
    ("REQUEST", "100"),
    ("REJECT", "120"),
    ("THREATEN", "130"),
    ("PROTEST", "140"),
    ("MOBILIZE", "150"),
    ("SANCTION", "160"),
    ("COERCE", "170"),
    ("ASSAULT", "190"),
];

const N: usize = TYPES.len();

/// Score the dictionaries' own type starts with: the model learns
/// corrections to the dictionaries, not types from nothing, so a trigger it
/// knows little about keeps its dictionary type.
/// (8 measured best on the PLOVER folds among 0.5 to 24: lower lets the
/// model overrule the dictionaries where it should not.)
const PRIOR: f32 = 8.0;

/// Scores of the types before any feature: the prior on the proposed type.
fn start_scores(proposed: Option<usize>) -> [f32; N] {
    let mut scores = [0.0; N];
    if let Some(p) = proposed {
        scores[p] = PRIOR;
    }
    scores
}

/// Index of a PLOVER type in [`TYPES`].
pub fn type_index(name: &str) -> Option<usize> {
    TYPES.iter().position(|(t, _)| *t == name)
}

/// Feature weights per PLOVER type.
#[derive(Clone, Debug, Default)]
pub struct TypeModel {
    weights: HashMap<String, [f32; N]>,
}

/// Why a model file could not be read.
#[derive(Debug)]
pub struct ModelError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "event type model, line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ModelError {}

impl TypeModel {
    pub fn parse(text: &str) -> Result<Self, ModelError> {
        let mut weights = HashMap::new();
        for (k, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let error = |message: String| ModelError { line: k + 1, message };
            let (feature, rest) = line.split_once('\t').ok_or_else(|| error("no tab after the feature".into()))?;
            let mut row = [0.0; N];
            for pair in rest.split_whitespace() {
                let (name, value) = pair.split_once('=').ok_or_else(|| error(format!("`{pair}` is not TYPE=weight")))?;
                let index = type_index(name).ok_or_else(|| error(format!("unknown type `{name}`")))?;
                row[index] = value.parse().map_err(|_| error(format!("bad weight `{value}`")))?;
            }
            weights.insert(feature.to_string(), row);
        }
        Ok(TypeModel { weights })
    }

    /// The model file: features sorted, weights rounded to 1/1000 (the
    /// same data and seed give the same bytes).
    pub fn to_text(&self, header: &str) -> String {
        let mut rows: Vec<(&String, &[f32; N])> = self.weights.iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::new();
        for line in header.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        for (feature, row) in rows {
            let cells: Vec<String> = TYPES
                .iter()
                .zip(row)
                .map(|((name, _), w)| (name, (w * 1000.0).round() / 1000.0))
                .filter(|(_, w)| *w != 0.0)
                .map(|(name, w)| format!("{name}={w}"))
                .collect();
            if !cells.is_empty() {
                out.push_str(&format!("{feature}\t{}\n", cells.join(" ")));
            }
        }
        out
    }

    pub fn features_known(&self) -> usize {
        self.weights.len()
    }

    fn scores(&self, features: &[String], proposed: Option<usize>) -> [f32; N] {
        let mut scores = start_scores(proposed);
        for row in features.iter().filter_map(|f| self.weights.get(f)) {
            for (s, w) in scores.iter_mut().zip(row) {
                *s += w;
            }
        }
        scores
    }

    /// The best type's index for an event the dictionaries typed
    /// `proposed`; none when nothing speaks for any type.
    pub fn predict(&self, features: &[String], proposed: Option<usize>) -> Option<usize> {
        let scores = self.scores(features, proposed);
        let best = best_of(&scores);
        (scores[best] != 0.0).then_some(best)
    }
}

/// The highest score's type, statements aside (whether a verb is a
/// statement is the dictionaries' and the speaker test's decision, not a
/// type to learn); ties go to the earlier type.
fn best_of(scores: &[f32; N]) -> usize {
    (2..N).fold(1, |best, i| if scores[i] > scores[best] { i } else { best })
}

/// Gives every event of the document the type the model picks, with that
/// type's root CAMEO code when the type changes.
pub fn retype(model: &TypeModel, doc: &mut Document) {
    let mut view: Option<(usize, View)> = None;
    for k in 0..doc.events.len() {
        let sentence = doc.events[k].sentence;
        if !matches!(&view, Some((s, _)) if *s == sentence) {
            view = Some((sentence, View::of_sentence(doc, sentence)));
        }
        let Some((_, view)) = &view else { continue };
        let proposed = type_index(&doc.events[k].plover);
        if proposed == Some(0) {
            continue;
        }
        let features = features(view, &doc.events[k]);
        let Some(best) = model.predict(&features, proposed) else {
            continue;
        };
        let event = &mut doc.events[k];
        let (name, code) = TYPES[best];
        if event.plover != name {
            event.plover = name.to_string();
            event.cameo = code.to_string();
            debug_assert_eq!(cameo::plover(code), Some(name));
        }
    }
}

/// Words reduced to a crude stem, so that "urged", "urges" and "urging"
/// share their weights.
fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                return stem.to_string();
            }
        }
    }
    lower
}

/// Features of an event: the dictionaries' proposal, the trigger words and
/// the word after them. (Context words, the parties' sectors, the CAMEO code
/// and the status were tried too: each lowered the held-out figures.)
pub fn features(view: &View, event: &Event) -> Vec<String> {
    let start = view.spans.iter().position(|s| s.end > event.trigger.start).unwrap_or(view.len());
    let end = view.spans.iter().rposition(|s| s.start < event.trigger.end).map_or(start, |e| e + 1).max(start);
    let word = |i: usize| stem(view.word(i));
    let trigger: Vec<String> = (start..end).map(word).collect();
    let trigger = trigger.join("_");
    let proposed = &event.plover;
    vec!["bias".to_string(), format!("d={proposed}"), format!("t={trigger}"), format!("t={trigger}|d={proposed}"), format!("t={trigger}|r1={}", word(end))]
}

/// One training example: an event's features, the dictionaries' type and
/// its gold PLOVER type.
#[derive(Clone, Debug)]
pub struct Example {
    pub features: Vec<String>,
    pub proposed: Option<usize>,
    pub label: usize,
}

/// Averaged perceptron over `examples`, visited in an order shuffled by
/// `seed` each epoch (same data and seed, same model).
pub fn train(examples: &[Example], epochs: usize, seed: u64) -> TypeModel {
    let mut weights: HashMap<&str, [f32; N]> = HashMap::new();
    // Sums of the weights after every example, kept lazily: `totals` holds
    // the sum up to `stamps`, the time of the weight's last change.
    let mut totals: HashMap<&str, ([f32; N], [u32; N])> = HashMap::new();
    let mut now: u32 = 0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            // xorshift64: a fixed, dependency-free shuffle.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for &e in &order {
            let example = &examples[e];
            now += 1;
            let mut scores = start_scores(example.proposed);
            for f in &example.features {
                if let Some(row) = weights.get(f.as_str()) {
                    for (s, w) in scores.iter_mut().zip(row) {
                        *s += w;
                    }
                }
            }
            let guess = best_of(&scores);
            if guess == example.label && scores[guess] > 0.0 {
                continue;
            }
            // A right guess with no evidence yet only rewards the truth.
            let changes: &[(usize, f32)] = if guess == example.label { &[(guess, 1.0)] } else { &[(example.label, 1.0), (guess, -1.0)] };
            for f in &example.features {
                let row = weights.entry(f.as_str()).or_insert([0.0; N]);
                let (total, stamp) = totals.entry(f.as_str()).or_insert(([0.0; N], [0; N]));
                for &(label, delta) in changes {
                    total[label] += (now - stamp[label]) as f32 * row[label];
                    stamp[label] = now;
                    row[label] += delta;
                }
            }
        }
    }
    let now = now.max(1);
    let weights = weights
        .into_iter()
        .map(|(f, row)| {
            let (total, stamp) = totals.get(f).copied().unwrap_or(([0.0; N], [0; N]));
            let averaged: [f32; N] = std::array::from_fn(|l| (total[l] + (now - stamp[l]) as f32 * row[l]) / now as f32);
            (f.to_string(), averaged)
        })
        .collect();
    TypeModel { weights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_code_maps_back_to_its_type() {
        for (name, code) in TYPES {
            assert_eq!(cameo::plover(code), Some(name));
        }
    }

    #[test]
    fn learns_and_round_trips() {
        let example =
            |f: &[&str], label: &str| Example { features: f.iter().map(|s| s.to_string()).collect(), proposed: None, label: type_index(label).unwrap() };
        let examples =
            vec![example(&["bias", "t=attack"], "ASSAULT"), example(&["bias", "t=meet"], "CONSULT"), example(&["bias", "t=attack", "r=talk"], "ASSAULT")];
        let model = train(&examples, 5, 7);
        let read = TypeModel::parse(&model.to_text("test")).unwrap();
        let predict = |f: &[&str]| read.predict(&f.iter().map(|s| s.to_string()).collect::<Vec<_>>(), None).map(|i| TYPES[i].0);
        assert_eq!(predict(&["bias", "t=attack"]), Some("ASSAULT"));
        assert_eq!(predict(&["bias", "t=meet"]), Some("CONSULT"));
        assert_eq!(predict(&["unknown"]), None);
    }

    #[test]
    fn bad_lines_are_errors_not_panics() {
        assert!(TypeModel::parse("feature ASSAULT=1").is_err());
        assert!(TypeModel::parse("f\tNOTATYPE=1").is_err());
        assert!(TypeModel::parse("f\tASSAULT=x").is_err());
    }
}
