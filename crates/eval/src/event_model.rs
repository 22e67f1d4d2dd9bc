//! Training data for the events stage's learned decisions
//! (`newsgraph_events::model`), `newsgraph eval events train`, and the
//! held-out folds of `newsgraph eval events plover --folds K`.
//!
//! Folds: record `i` of the PLOVER file is in fold `i % K`. A fold is
//! scored without the verb blocks only its records use (the dictionaries
//! as if written without it) and by models trained without its records.
//!
//! Learned triggers learn from the PLOVER records' words: the first
//! candidate word of the gold event text is the record's type, every other
//! candidate word no event. Retyping learns from events the dictionaries
//! found (the stage run without a model) and the gold type:
//! - `plover`: the PLOVER gold records; the event is the one the scorer
//!   compares (`main_event`);
//! - `petrarch`: the PETRARCH2 unit tests coded by our own dictionaries;
//!   a record teaches only when its expected codings have one PLOVER type
//!   and our dictionaries find one non-statement trigger in it.

use std::collections::HashSet;
use std::path::Path;

use newsgraph_core::{Document, Event, Stage};
use newsgraph_events::dict::{Dictionaries, VerbDict};
use newsgraph_events::model::{self, Example};
use newsgraph_events::words::View;
use newsgraph_events::{cameo, EventStage, TypeModel};
use newsgraph_pipeline::Pipeline;
use newsgraph_text::TextStage;

use crate::events::{main_event, read_unit_tests, score_plover, PloverRecord, PloverScores};
use crate::EvalError;

/// Perceptron epochs and shuffling seed of every model trained here.
const EPOCHS: usize = 12;
const SEED: u64 = 17;

/// The coded sentences of each source, as examples.
pub struct Corpus {
    /// Each PLOVER record after the text stage.
    pub texts: Vec<Document>,
    /// (PLOVER record index, example).
    pub plover: Vec<(usize, Example)>,
    pub petrarch: Vec<Example>,
}

/// Which sources a model learns from.
#[derive(Clone, Copy, Debug)]
pub struct Sources {
    pub plover: bool,
    pub petrarch: bool,
}

impl Sources {
    pub const ALL: Sources = Sources { plover: true, petrarch: true };

    pub fn name(&self) -> &'static str {
        match (self.plover, self.petrarch) {
            (true, true) => "PLOVER + PETRARCH2 unit tests",
            (true, false) => "PLOVER only",
            (false, true) => "PETRARCH2 unit tests only",
            (false, false) => "no training data",
        }
    }
}

/// What the events stage runs with in an evaluation: by default the
/// dictionaries alone (no type model, no learned triggers, every block).
#[derive(Default)]
pub struct Setup {
    pub types: Option<TypeModel>,
    pub triggers: Option<TypeModel>,
    pub disabled: HashSet<usize>,
}

fn stage_with(setup: Setup) -> Result<EventStage, EvalError> {
    let stage = EventStage::load(&[], &[]).map_err(|e| EvalError::Load(e.to_string()))?;
    Ok(stage.with_type_model(setup.types).with_trigger_model(setup.triggers).without_verb_blocks(&setup.disabled))
}

/// Text stage, then the events stage set up as `setup` says.
pub fn pipeline_with(setup: Setup) -> Result<Pipeline, EvalError> {
    Ok(Pipeline::from_stages(vec![Box::new(TextStage::new()), Box::new(stage_with(setup)?)]))
}

/// The verb block of each record's compared event (none without one).
fn trigger_blocks(records: &[PloverRecord], texts: &[Document]) -> Result<Vec<Option<usize>>, EvalError> {
    let stage = stage_with(Setup::default())?;
    let mut out = Vec::new();
    for (record, text) in records.iter().zip(texts) {
        let mut doc = text.clone();
        stage.annotate(&mut doc);
        let block = main_event(&doc.events, &record.event_text).and_then(|e| {
            let words: Vec<String> = e.trigger.text.split_whitespace().map(str::to_uppercase).collect();
            stage.dictionaries().verbs.matches(&words).first().map(|(form, _)| form.block)
        });
        out.push(block);
    }
    Ok(out)
}

/// The verb blocks only fold `fold`'s records use: the entries that would
/// not exist had the dictionary been written without those records.
fn blocks_of_fold(blocks: &[Option<usize>], fold: usize, folds: usize) -> HashSet<usize> {
    let used = |inside: bool| -> HashSet<usize> {
        blocks.iter().enumerate().filter(|(i, _)| (i % folds == fold) == inside).filter_map(|(_, b)| *b).collect()
    };
    let elsewhere = used(false);
    used(true).into_iter().filter(|b| !elsewhere.contains(b)).collect()
}

/// Which verb blocks a held-out fold is scored without.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ablation {
    /// Every block.
    None,
    /// The blocks only the fold's records use: a rule added for one
    /// sentence would not exist had the sentence been unseen, which is what
    /// the blind splits show.
    Blocks,
    /// The same, except the codebook list's blocks, which were written
    /// without reading the records: what an unseen sentence meets.
    HandWritten,
}

/// PLOVER scores of every fold, each without the verb blocks `ablation`
/// names and, with `learn`, with triggers learned from the other folds'
/// records only; `errors` lists each fold's misses.
pub fn held_out_triggers(
    records: &[PloverRecord],
    corpus: &Corpus,
    folds: usize,
    ablation: Ablation,
    learn: bool,
    errors: bool,
) -> Result<PloverScores, EvalError> {
    let mut blocks =
        if ablation == Ablation::None { vec![None; records.len()] } else { trigger_blocks(records, &corpus.texts)? };
    if ablation == Ablation::HandWritten {
        let codebook = Dictionaries::codebook_blocks().map_err(|e| EvalError::Load(e.to_string()))?;
        blocks.iter_mut().filter(|b| b.is_some_and(|b| codebook.contains(&b))).for_each(|b| *b = None);
    }
    let mut total = PloverScores::default();
    for fold in 0..folds {
        let disabled = blocks_of_fold(&blocks, fold, folds);
        let triggers = if learn {
            let stage = stage_with(Setup { disabled: disabled.clone(), ..Setup::default() })?;
            let verbs = &stage.dictionaries().verbs;
            let examples = trigger_examples(records, &corpus.texts, verbs, |i| i % folds != fold);
            Some(model::train(&examples, EPOCHS, SEED))
        } else {
            None
        };
        let pipeline = pipeline_with(Setup { triggers, disabled, ..Setup::default() })?;
        let part = records.iter().enumerate().filter(|(i, _)| i % folds == fold).map(|(_, r)| r);
        total.add(&score_plover(part, &pipeline, errors));
    }
    Ok(total)
}

/// Token examples of the learned triggers from the records `keep` admits:
/// the first candidate word of the gold event text is of the record's
/// type, every other candidate word of its sentences no event.
pub fn trigger_examples(
    records: &[PloverRecord],
    texts: &[Document],
    verbs: &VerbDict,
    keep: impl Fn(usize) -> bool,
) -> Vec<Example> {
    let stem = |w: &str| w.to_uppercase().chars().take(5).collect::<String>();
    let mut out = Vec::new();
    for (_, (record, doc)) in records.iter().zip(texts).enumerate().filter(|(i, _)| keep(*i)) {
        let Some(label) = model::type_index(&record.gold).filter(|&l| model::is_act(l)) else { continue };
        let gold: HashSet<String> = record
            .event_text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| w.len() > 2)
            .map(stem)
            .collect();
        let mut found = false;
        for sentence in 0..doc.sentences.len() {
            let view = View::of_sentence(doc, sentence);
            for k in (0..view.len()).filter(|&k| model::is_candidate(&view, k)) {
                let positive = !found && gold.contains(&stem(view.word(k)));
                found |= positive;
                let features = model::token_features(&view, verbs, k);
                out.push(Example { features, proposed: None, label: if positive { label } else { 0 } });
            }
        }
    }
    out
}

/// The example an event makes, statements aside (the model leaves them be).
fn example(doc: &Document, event: &Event, label: &str) -> Option<Example> {
    let (label, proposed) = (model::type_index(label)?, model::type_index(&event.plover));
    if !model::is_act(label) || proposed.is_some_and(|p| !model::is_act(p)) {
        return None;
    }
    let view = View::of_sentence(doc, event.sentence);
    Some(Example { features: model::features(&view, event), proposed, label })
}

/// Examples of every source; `unit_tests` is the PETRARCH2 records file.
pub fn gather(records: &[PloverRecord], unit_tests: Option<&Path>) -> Result<Corpus, EvalError> {
    let rules = pipeline_with(Setup::default())?;
    let text = TextStage::new();
    let texts: Vec<Document> = records
        .iter()
        .map(|r| {
            let mut doc = r.document();
            text.annotate(&mut doc);
            doc
        })
        .collect();
    let mut plover = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let mut doc = record.document();
        rules.annotate(&mut doc);
        if let Some(e) =
            main_event(&doc.events, &record.event_text).and_then(|event| example(&doc, event, &record.gold))
        {
            plover.push((i, e));
        }
    }
    let mut petrarch = Vec::new();
    if let Some(path) = unit_tests {
        let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        for test in read_unit_tests(&text) {
            let kinds: HashSet<&str> = test.expected.iter().filter_map(|(_, _, code)| cameo::plover(code)).collect();
            let [kind] = kinds.into_iter().collect::<Vec<_>>()[..] else {
                continue;
            };
            let mut doc = Document::new(test.id.clone(), "petrarch", test.text.clone());
            doc.anchor_date = test.date.clone();
            rules.annotate(&mut doc);
            let acts: Vec<&Event> =
                doc.events.iter().filter(|e| !e.cameo.starts_with("01") || kind == "STATEMENT").collect();
            let one_trigger = acts.iter().all(|e| e.trigger == acts[0].trigger);
            if let (Some(event), true) = (acts.first(), one_trigger) {
                petrarch.extend(example(&doc, event, kind));
            }
        }
    }
    Ok(Corpus { texts, plover, petrarch })
}

/// A model of `sources`, without the PLOVER records of `held_out` = (fold, folds).
pub fn train(corpus: &Corpus, sources: Sources, held_out: Option<(usize, usize)>) -> TypeModel {
    let mut examples: Vec<Example> = Vec::new();
    if sources.plover {
        let kept = |i: &usize| held_out.is_none_or(|(fold, folds)| i % folds != fold);
        examples.extend(corpus.plover.iter().filter(|(i, _)| kept(i)).map(|(_, e)| e.clone()));
    }
    if sources.petrarch {
        examples.extend(corpus.petrarch.iter().cloned());
    }
    model::train(&examples, EPOCHS, SEED)
}

/// PLOVER scores of every fold, each by a model trained without it.
pub fn held_out(
    records: &[PloverRecord],
    corpus: &Corpus,
    sources: Sources,
    folds: usize,
) -> Result<PloverScores, EvalError> {
    let mut total = PloverScores::default();
    for fold in 0..folds {
        let pipeline =
            pipeline_with(Setup { types: Some(train(corpus, sources, Some((fold, folds)))), ..Setup::default() })?;
        let part = records.iter().enumerate().filter(|(i, _)| i % folds == fold).map(|(_, r)| r);
        total.add(&score_plover(part, &pipeline, false));
    }
    Ok(total)
}

/// The learned triggers of every PLOVER record and the whole verb
/// dictionary, with a header naming its data.
pub fn build(records: &[PloverRecord], corpus: &Corpus) -> Result<(TypeModel, String), EvalError> {
    let stage = stage_with(Setup::default())?;
    let examples = trigger_examples(records, &corpus.texts, &stage.dictionaries().verbs, |_| true);
    let model = model::train(&examples, EPOCHS, SEED);
    let header = format!(
        "newsgraph learned event triggers: averaged perceptron, {EPOCHS} epochs, seed {SEED}, over {} candidate words\n\
         of the {} PLOVER gold records of ../shared/eval/events/plover-gsr-dev.json (openeventdata/PLOVER, CC-BY-SA 4.0).\n\
         Built by `newsgraph eval events train --out crates/events/data/event_triggers.tsv`.\n\
         Line: feature, tab, TYPE=weight for each non-zero weight (NONE: no event).",
        examples.len(),
        records.len()
    );
    Ok((model, header))
}
