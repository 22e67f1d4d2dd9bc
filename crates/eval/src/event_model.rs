//! Training data for the events stage's type model (`newsgraph_events::model`),
//! `newsgraph eval events train`, and the held-out folds of
//! `newsgraph eval events plover --folds K`.
//!
//! Every example is an event the dictionaries found (the stage run without
//! a model), its features, and the gold PLOVER type of its sentence:
//! - `plover`: the PLOVER gold records; the event is the one the scorer
//!   compares (`main_event`);
//! - `petrarch`: the PETRARCH2 unit tests coded by our own dictionaries;
//!   a record teaches only when its expected codings have one PLOVER type
//!   and our dictionaries find one non-statement trigger in it.
//!
//! Folds: record `i` of the PLOVER file is in fold `i % K`; a fold is
//! scored by a model trained on every source but that fold's records.

use std::collections::HashSet;
use std::path::Path;

use newsgraph_core::{Document, Event, Stage};
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

/// Text stage, then the events stage with `types` (none: the dictionaries'
/// types) and the verb blocks `disabled` coding nothing.
pub fn pipeline_with(types: Option<TypeModel>, disabled: &HashSet<usize>) -> Result<Pipeline, EvalError> {
    let events = EventStage::load(&[], &[]).map_err(|e| EvalError::Load(e.to_string()))?.with_type_model(types).without_verb_blocks(disabled);
    Ok(Pipeline::from_stages(vec![Box::new(TextStage::new()), Box::new(events)]))
}

/// The verb block of each record's compared event (none without one).
fn trigger_blocks(records: &[PloverRecord]) -> Result<Vec<Option<usize>>, EvalError> {
    let stage = EventStage::load(&[], &[]).map_err(|e| EvalError::Load(e.to_string()))?;
    let text = TextStage::new();
    let mut out = Vec::new();
    for record in records {
        let mut doc = record.document();
        text.annotate(&mut doc);
        stage.annotate(&mut doc);
        let block = main_event(&doc.events, &record.event_text).and_then(|e| {
            let words: Vec<String> = e.trigger.text.split_whitespace().map(str::to_uppercase).collect();
            stage.dictionaries().verbs.matches(&words).first().map(|(form, _)| form.block)
        });
        out.push(block);
    }
    Ok(out)
}

/// The dictionaries measured as if written without each fold: a verb
/// block that only the fold's records use is disabled while the fold is
/// scored. A rule added for one sentence would not exist had the sentence
/// been unseen, which is what the blind splits show.
pub fn dictionaries_held_out(records: &[PloverRecord], folds: usize) -> Result<PloverScores, EvalError> {
    let blocks = trigger_blocks(records)?;
    let mut total = PloverScores::default();
    for fold in 0..folds {
        let used =
            |inside: bool| -> HashSet<usize> { blocks.iter().enumerate().filter(|(i, _)| (i % folds == fold) == inside).filter_map(|(_, b)| *b).collect() };
        let elsewhere = used(false);
        let only_here: HashSet<usize> = used(true).into_iter().filter(|b| !elsewhere.contains(b)).collect();
        let pipeline = pipeline_with(None, &only_here)?;
        let part = records.iter().enumerate().filter(|(i, _)| i % folds == fold).map(|(_, r)| r);
        total.add(&score_plover(part, &pipeline, false));
    }
    Ok(total)
}

/// The example an event makes, statements aside (the model leaves them be).
fn example(doc: &Document, event: &Event, label: &str) -> Option<Example> {
    let (label, proposed) = (model::type_index(label)?, model::type_index(&event.plover));
    if label == 0 || proposed == Some(0) {
        return None;
    }
    let view = View::of_sentence(doc, event.sentence);
    Some(Example { features: model::features(&view, event), proposed, label })
}

/// Examples of every source; `unit_tests` is the PETRARCH2 records file.
pub fn gather(records: &[PloverRecord], unit_tests: Option<&Path>) -> Result<Corpus, EvalError> {
    let rules = pipeline_with(None, &HashSet::new())?;
    let mut plover = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let mut doc = record.document();
        rules.annotate(&mut doc);
        if let Some(e) = main_event(&doc.events, &record.event_text).and_then(|event| example(&doc, event, &record.gold)) {
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
            let acts: Vec<&Event> = doc.events.iter().filter(|e| !e.cameo.starts_with("01") || kind == "STATEMENT").collect();
            let one_trigger = acts.iter().all(|e| e.trigger == acts[0].trigger);
            if let (Some(event), true) = (acts.first(), one_trigger) {
                petrarch.extend(example(&doc, event, kind));
            }
        }
    }
    Ok(Corpus { plover, petrarch })
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
pub fn held_out(records: &[PloverRecord], corpus: &Corpus, sources: Sources, folds: usize) -> Result<PloverScores, EvalError> {
    let mut total = PloverScores::default();
    for fold in 0..folds {
        let pipeline = pipeline_with(Some(train(corpus, sources, Some((fold, folds)))), &HashSet::new())?;
        let part = records.iter().enumerate().filter(|(i, _)| i % folds == fold).map(|(_, r)| r);
        total.add(&score_plover(part, &pipeline, false));
    }
    Ok(total)
}

/// The model of every source and record, with a header naming its data.
pub fn build(records: &[PloverRecord], corpus: &Corpus) -> (TypeModel, String) {
    let model = train(corpus, Sources::ALL, None);
    let header = format!(
        "newsgraph event type model: averaged perceptron, {EPOCHS} epochs, seed {SEED}.\n\
         Built by `newsgraph eval events train` from {} PLOVER gold records (openeventdata/PLOVER, CC-BY-SA 4.0; {} with a coded event)\n\
         and {} PETRARCH2 unit-test sentences (openeventdata/petrarch2, MIT), coded by the built-in dictionaries.\n\
         Line: feature, tab, TYPE=weight for each non-zero weight.",
        records.len(),
        corpus.plover.len(),
        corpus.petrarch.len()
    );
    (model, header)
}
