//! The loaded pipeline: one document at a time, or a whole batch on all cores.

use std::path::PathBuf;
use std::time::Duration;

use newsgraph_core::{content_hash, fnv1a, Date, Document, Language, Producer, Record, RunStatus, StageName, StageRun};
use newsgraph_ingest::{Raw, ReadError};
use newsgraph_pipeline::{run_ordered, LoadError, MissingInput, PipelineOptions, RunnerOptions};

use crate::{Failure, StageFailure};

/// What the user asks of the pipeline.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Stages switched off.
    pub skip: Vec<StageName>,
    /// Extra actor dictionaries (project format or PETRARCH/Phoenix format).
    pub actors: Vec<PathBuf>,
    /// Extra verb dictionaries (PETRARCH/Phoenix format).
    pub verbs: Vec<PathBuf>,
    /// The language of every document, instead of detecting it.
    pub language: Option<Language>,
    /// Anchor for relative dates in documents that carry no date.
    pub anchor_date: Option<Date>,
    /// The publication's home region for documents that name none (see
    /// [`Document::region`]).
    pub region: Option<String>,
    /// Annotate `newsgraph/1` records read back again (normally they pass
    /// through as they are).
    pub reannotate: bool,
}

/// The stages, loaded once, and what the records they make will say about
/// their producer.
pub struct Pipeline {
    stages: newsgraph_pipeline::Pipeline,
    options: Options,
    producer: Producer,
}

impl Pipeline {
    /// Loads every stage not switched off, and the user's dictionaries.
    pub fn load(options: Options) -> Result<Self, LoadError> {
        let stages = newsgraph_pipeline::Pipeline::load(&PipelineOptions {
            skip: options.skip.clone(),
            actors: options.actors.clone(),
            verbs: options.verbs.clone(),
            language: options.language,
        })?;
        let producer = producer(&stages, &options)?;
        Ok(Pipeline { stages, options, producer })
    }

    /// Stages that will run without some of their input, because the user
    /// switched off the stage that writes it.
    pub fn missing_inputs(&self) -> &[MissingInput] {
        self.stages.missing_inputs()
    }

    pub fn producer(&self) -> &Producer {
        &self.producer
    }

    /// Annotates one document (a record read back passes through unless
    /// `reannotate` was asked for).
    pub fn process(&self, raw: Raw) -> Result<Record, StageFailure> {
        match raw {
            Raw::Record(mut record) if !self.options.reannotate => {
                // The hash the store keys on is recomputed: a record from another
                // producer may lack it, and one edited by hand may carry a stale one.
                record.content_hash = content_hash(&record.text);
                Ok(record)
            }
            raw => self.process_document(raw.into_document()),
        }
    }

    /// Adds every stage's layers to `doc` (byte offsets kept), reporting
    /// which stages ran: for benchmarks and evaluations that look at one
    /// stage's work; [`Pipeline::process_document`] makes the record too.
    pub fn annotate(&self, doc: &mut Document) -> Vec<StageRun> {
        self.stages.annotate(doc)
    }

    /// Annotates one document and makes its record.
    pub fn process_document(&self, mut doc: Document) -> Result<Record, StageFailure> {
        if doc.published.is_none() && doc.anchor_date.is_none() {
            doc.anchor_date = self.options.anchor_date.map(|date| date.to_string());
        }
        if doc.region.is_none() {
            doc.region.clone_from(&self.options.region);
        }
        let stages = self.annotate(&mut doc);
        let mut record = doc.into_record();
        record.stages = stages;
        record.producer = self.producer.clone();
        match record.stages.iter().find(|run| run.status == RunStatus::Failed) {
            None => Ok(record),
            Some(failed) => Err(StageFailure {
                document: format!("{} ({})", record.source, record.id),
                stage: failed.stage,
                message: failed.reason.clone().unwrap_or_default(),
                record: Box::new(record),
            }),
        }
    }

    /// Annotates a stream of inputs on `threads` threads and hands every
    /// outcome to `sink` in input order. Memory stays flat: only a bounded
    /// window of documents is in flight. A document running for more than a
    /// minute is named on stderr.
    pub fn run<I, S>(&self, inputs: I, threads: usize, sink: S)
    where
        I: Iterator<Item = Result<Raw, ReadError>> + Send,
        S: FnMut(Result<Record, Failure>),
    {
        self.run_then(inputs, threads, |outcome| outcome, sink);
    }

    /// [`Pipeline::run`], with `then` applied to every outcome on the worker
    /// threads, so that what a client does with each record on its own
    /// (a store compressing it) runs in parallel too; `sink` still gets the
    /// results in input order.
    pub fn run_then<I, T, P, S>(&self, inputs: I, threads: usize, then: P, sink: S)
    where
        I: Iterator<Item = Result<Raw, ReadError>> + Send,
        T: Send,
        P: Fn(Result<Record, Failure>) -> T + Sync,
        S: FnMut(T),
    {
        let label = |item: &Result<Raw, ReadError>| match item {
            Ok(raw) => raw.source().to_string(),
            Err(error) => error.input.clone(),
        };
        let process = |item: Result<Raw, ReadError>| -> Result<Record, Failure> { Ok(self.process(item?)?) };
        let work = |item| then(process(item));
        let on_slow = |label: &str, elapsed: Duration| {
            eprintln!("newsgraph: {label} has been running for {} s", elapsed.as_secs());
        };
        run_ordered(inputs, RunnerOptions::new(threads), label, work, sink, on_slow);
    }
}

/// The producer of this pipeline's records: the tool's version and a
/// fingerprint of the stages' data, the user's dictionaries and the options
/// that change annotations.
fn producer(stages: &newsgraph_pipeline::Pipeline, options: &Options) -> Result<Producer, LoadError> {
    let mut hash = stages.data_fingerprint();
    for path in options.actors.iter().chain(&options.verbs) {
        let bytes = std::fs::read(path)
            .map_err(|e| LoadError { stage: StageName::Events, reason: format!("{}: {e}", path.display()) })?;
        hash = fnv1a(hash, &bytes);
    }
    let language = options.language.map(|l| l.to_string()).unwrap_or_default();
    hash = fnv1a(hash, language.as_bytes());
    Ok(Producer {
        name: "newsgraph".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        fingerprint: format!("{hash:016x}"),
    })
}
