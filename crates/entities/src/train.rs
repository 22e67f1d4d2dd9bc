//! `newsgraph train ner`: trains the two-pass averaged perceptron on a
//! CoNLL-2003 style corpus and writes the model file.
//!
//! Reproducible: documents are shuffled by a fixed-seed generator, and the
//! second pass is trained on first-pass labels predicted by models that did
//! not see the document (k-fold jackknifing), as it will meet at run time.

use newsgraph_core::rng::XorShift;
use std::path::PathBuf;

use crate::corpus::{parse_conll, prf, Counts, GoldDoc};
use crate::labels::{
    class_index, labels_from_spans, spans_from_iob, spans_from_labels, Label, TokenSpan, CLASS_NAMES, LABELS,
};
use crate::lexicon::Lexicon;
use crate::model::{choose, label_scores, KeyMap, Model, Scorer, Weights};
use crate::tagger::{both_passes, first_pass, PreparedDoc};

/// Why training could not run.
#[derive(Debug)]
pub enum TrainError {
    Usage(String),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Format {
        path: PathBuf,
        reason: String,
    },
    /// The corpus holds no sentences.
    Empty(PathBuf),
}

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrainError::Usage(message) => write!(f, "{message}"),
            TrainError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            TrainError::Format { path, reason } => write!(f, "{}: {reason}", path.display()),
            TrainError::Empty(path) => write!(f, "{}: no sentences", path.display()),
        }
    }
}

impl std::error::Error for TrainError {}

const USAGE: &str =
    "usage: newsgraph train ner --conll FILE [--dev FILE] --out MODEL [--epochs N (10)] [--folds K (4)] [--seed S (1)]";

/// Training settings.
#[derive(Clone, Debug)]
pub struct Options {
    pub conll: PathBuf,
    pub dev: Option<PathBuf>,
    pub out: PathBuf,
    pub epochs: usize,
    pub folds: usize,
    pub seed: u64,
}

fn parse_args(args: &[String]) -> Result<Options, TrainError> {
    let usage = |m: &str| TrainError::Usage(format!("{m}\n{USAGE}"));
    let (mut conll, mut dev, mut out) = (None, None, None);
    // The defaults are the settings of the shipped model.
    let (mut epochs, mut folds, mut seed) = (10, 4, 1);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| usage(&format!("{flag} needs a value")));
        let number = |v: &String| v.parse::<u64>().map_err(|_| usage(&format!("{flag}: not a number: {v}")));
        match flag.as_str() {
            "--conll" => conll = Some(PathBuf::from(value()?)),
            "--dev" => dev = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--epochs" => epochs = number(value()?)? as usize,
            "--folds" => folds = number(value()?)? as usize,
            "--seed" => seed = number(value()?)?,
            other => return Err(usage(&format!("unknown option {other}"))),
        }
    }
    let conll = conll.ok_or_else(|| usage("--conll is required"))?;
    let out = out.ok_or_else(|| usage("--out is required"))?;
    if folds < 2 {
        return Err(usage("--folds must be at least 2"));
    }
    Ok(Options { conll, dev, out, epochs: epochs.max(1), folds, seed })
}

/// Entry point of `newsgraph train ner ARGS`.
pub fn run(args: &[String]) -> Result<(), TrainError> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(());
    }
    let options = parse_args(args)?;
    let lexicon = Lexicon::embedded();
    let train = read_corpus(&options.conll)?;
    let dev = options.dev.as_ref().map(read_corpus).transpose()?;
    let model = train_model(&lexicon, &train, &options);
    let bytes = model.to_bytes();
    std::fs::write(&options.out, &bytes).map_err(|source| TrainError::Io { path: options.out.clone(), source })?;
    eprintln!(
        "wrote {} ({} bytes, {} + {} features)",
        options.out.display(),
        bytes.len(),
        model.first.len(),
        model.second.len()
    );
    if let Some(dev) = dev {
        let first_only = Model::new(model.first.clone(), Weights::default());
        eprintln!("dev F1, first pass only: {:.4}", dev_f1(&lexicon, &first_only, &dev));
        eprintln!("dev F1, both passes:     {:.4}", dev_f1(&lexicon, &model, &dev));
    }
    Ok(())
}

fn read_corpus(path: &PathBuf) -> Result<Vec<GoldDoc>, TrainError> {
    let text = std::fs::read_to_string(path).map_err(|source| TrainError::Io { path: path.clone(), source })?;
    let docs = parse_conll(&text).map_err(|reason| TrainError::Format { path: path.clone(), reason })?;
    if docs.is_empty() {
        return Err(TrainError::Empty(path.clone()));
    }
    Ok(docs)
}

/// A training document: features and gold labels.
struct Example {
    doc: PreparedDoc,
    gold: Vec<Vec<Label>>,
}

/// Gold token spans of a sentence's IOB tags (types outside the four
/// CoNLL classes are dropped).
pub fn gold_spans(tags: &[String]) -> Vec<TokenSpan> {
    spans_from_iob(tags)
        .into_iter()
        .filter_map(|(start, end, kind)| class_index(&kind).map(|class| TokenSpan { start, end, class }))
        .collect()
}

fn examples(lexicon: &Lexicon, docs: &[GoldDoc]) -> Vec<Example> {
    docs.iter()
        .map(|doc| {
            let gold = doc.sentences.iter().map(|s| labels_from_spans(s.words.len(), &gold_spans(&s.tags))).collect();
            Example { doc: PreparedDoc::new(lexicon, &doc.words()), gold }
        })
        .collect()
}

/// Trains both passes.
pub fn train_model(lexicon: &Lexicon, docs: &[GoldDoc], options: &Options) -> Model {
    let examples = examples(lexicon, docs);
    let all: Vec<usize> = (0..examples.len()).collect();
    let statics: Vec<&Vec<Vec<Vec<u64>>>> = examples.iter().map(|e| &e.doc.statics).collect();
    let first = train_pass(&examples, &statics, &all, options);
    let jackknifed = jackknife(&examples, options);
    let extended: Vec<Vec<Vec<Vec<u64>>>> =
        examples.iter().zip(&jackknifed).map(|(e, labels)| e.doc.second_pass_statics(labels)).collect();
    let extended_refs: Vec<&Vec<Vec<Vec<u64>>>> = extended.iter().collect();
    let second = train_pass(&examples, &extended_refs, &all, options);
    Model::new(first, second)
}

/// First-pass labels of every training document from a model trained
/// without that document's fold.
fn jackknife(examples: &[Example], options: &Options) -> Vec<Vec<Vec<Label>>> {
    let statics: Vec<&Vec<Vec<Vec<u64>>>> = examples.iter().map(|e| &e.doc.statics).collect();
    let mut labels = vec![Vec::new(); examples.len()];
    for fold in 0..options.folds {
        let train: Vec<usize> = (0..examples.len()).filter(|i| i % options.folds != fold).collect();
        let model = Model::new(train_pass(examples, &statics, &train, options), Weights::default());
        for i in (0..examples.len()).filter(|i| i % options.folds == fold) {
            labels[i] = first_pass(&model, &examples[i].doc);
        }
        eprintln!("jackknife fold {}/{} done", fold + 1, options.folds);
    }
    labels
}

/// Averaged perceptron over the documents `subset`, with `statics` as the
/// label-independent features of each document.
fn train_pass(examples: &[Example], statics: &[&Vec<Vec<Vec<u64>>>], subset: &[usize], options: &Options) -> Weights {
    let mut perceptron = Perceptron::default();
    let mut order = subset.to_vec();
    let mut rng = XorShift::new(options.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut scratch = Vec::new();
    for _ in 0..options.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let example = &examples[d];
            for ((sentence, features), gold) in example.doc.sentences.iter().zip(statics[d]).zip(&example.gold) {
                let mut chosen = Vec::with_capacity(gold.len());
                for i in 0..gold.len() {
                    let scores = label_scores(&perceptron, sentence, i, &features[i], &chosen, &mut scratch);
                    let guess = choose(&scores, sentence, i, &chosen);
                    perceptron.tick();
                    if guess != gold[i] {
                        perceptron.update(&features[i], gold[i], guess);
                        perceptron.update(&scratch, gold[i], guess);
                    }
                    chosen.push(guess);
                }
            }
        }
    }
    perceptron.averaged()
}

/// Averaged perceptron with lazy averaging (each weight keeps the time of
/// its last change, so an update costs O(features) not O(model)).
#[derive(Default)]
struct Perceptron {
    index: KeyMap<usize>,
    weights: Vec<[f32; LABELS]>,
    totals: Vec<[f32; LABELS]>,
    stamps: Vec<[u32; LABELS]>,
    keys: Vec<u64>,
    now: u32,
}

impl Scorer for Perceptron {
    fn score(&self, features: &[u64], scores: &mut [f32; LABELS]) {
        for key in features {
            if let Some(&row) = self.index.get(key) {
                for (s, w) in scores.iter_mut().zip(&self.weights[row]) {
                    *s += w;
                }
            }
        }
    }
}

impl Perceptron {
    fn tick(&mut self) {
        self.now += 1;
    }

    fn update(&mut self, features: &[u64], truth: Label, guess: Label) {
        for &key in features {
            let row = *self.index.entry(key).or_insert_with(|| {
                self.keys.push(key);
                self.weights.push([0.0; LABELS]);
                self.totals.push([0.0; LABELS]);
                self.stamps.push([0; LABELS]);
                self.keys.len() - 1
            });
            for (label, delta) in [(truth, 1.0), (guess, -1.0)] {
                let l = label.0 as usize;
                let elapsed = (self.now - self.stamps[row][l]) as f32;
                self.totals[row][l] += elapsed * self.weights[row][l];
                self.stamps[row][l] = self.now;
                self.weights[row][l] += delta;
            }
        }
    }

    fn averaged(&self) -> Weights {
        let now = self.now.max(1) as f32;
        let rows = self.keys.iter().enumerate().map(|(row, &key)| {
            let averaged: [f32; LABELS] = std::array::from_fn(|l| {
                let total = self.totals[row][l] + (self.now - self.stamps[row][l]) as f32 * self.weights[row][l];
                total / now
            });
            (key, averaged)
        });
        Weights::from_rows(rows)
    }
}

/// Entity-level F1 of `model` on `docs` (tagger classes, no refinement).
fn dev_f1(lexicon: &Lexicon, model: &Model, docs: &[GoldDoc]) -> f64 {
    let mut counts = Counts::default();
    for doc in docs {
        let labels = both_passes(model, &PreparedDoc::new(lexicon, &doc.words()));
        for (s, (sentence, labels)) in doc.sentences.iter().zip(&labels).enumerate() {
            let named = |spans: Vec<TokenSpan>| -> Vec<_> {
                spans.into_iter().map(|t| (s, t.start, t.end, CLASS_NAMES[t.class].to_string())).collect()
            };
            counts.add(sentence.words.len(), &named(gold_spans(&sentence.tags)), &named(spans_from_labels(labels)));
        }
    }
    prf(counts.overall()).2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::TokenSpan;
    use crate::Tagger;

    const CORPUS: &str =
        "-DOCSTART- -X- O O\n\nPeskov NNP I-NP I-PER\nvisited VBD I-VP O\nSumy NNP I-NP I-LOC\n. . O O\n\n\
-DOCSTART- -X- O O\n\nRyabkov NNP I-NP I-PER\nleft VBD I-VP O\nKharkiv NNP I-NP I-LOC\n. . O O\n\n";

    #[test]
    fn trained_model_round_trips_and_tags_what_it_saw() {
        let docs = parse_conll(CORPUS).unwrap();
        let options =
            parse_args(&["--conll", "x", "--out", "y", "--epochs", "5", "--folds", "2"].map(String::from)).unwrap();
        let model = train_model(&Lexicon::embedded(), &docs, &options);
        let tagger = Tagger::from_bytes(&model.to_bytes()).unwrap();
        let spans = tagger.tag(&[vec!["Peskov", "visited", "Sumy", "."]]);
        assert_eq!(spans[0], vec![TokenSpan { start: 0, end: 1, class: 0 }, TokenSpan { start: 2, end: 3, class: 2 }]);
    }

    #[test]
    fn arguments_are_checked() {
        assert!(matches!(parse_args(&["--conll".to_string()]), Err(TrainError::Usage(_))));
        assert!(matches!(parse_args(&["--conll", "a"].map(String::from)), Err(TrainError::Usage(_))));
        let folds = ["--conll", "a", "--out", "b", "--folds", "1"].map(String::from);
        assert!(matches!(parse_args(&folds), Err(TrainError::Usage(_))));
    }
}
