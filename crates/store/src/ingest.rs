//! `ingest`: reads inputs, annotates the new ones on all cores, and writes
//! each document with its links in batches of one transaction each, so a
//! killed run leaves only whole documents behind and the next run resumes
//! by skipping what is already there (same `content_hash`).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsgraph_core::Document;
use newsgraph_ingest::read_inputs;
use newsgraph_pipeline::{run_ordered, Pipeline, PipelineOptions};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::Result;
use crate::record::{annotate, content_hash, Record, SCHEMA_MARK};
use crate::write::{Added, Writer};
use crate::Store;

/// How ingest runs.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Options for the annotation pipeline (loaded only if some input needs it).
    pub pipeline: PipelineOptions,
    /// Worker threads for reading and annotating; 0 = one per core.
    pub threads: usize,
    /// Documents per transaction: larger is faster, smaller loses less
    /// work to a kill.
    pub batch: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            pipeline: PipelineOptions::default(),
            threads: 0,
            batch: 500,
        }
    }
}

/// Counts so far, handed to the progress callback after every commit.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IngestSummary {
    /// Documents read (new, duplicates and failures).
    pub read: usize,
    /// New documents written.
    pub added: usize,
    /// Documents already in the store (same `content_hash`), left as they were.
    pub duplicates: usize,
    /// Inputs or records that could not be read, one line each.
    pub failures: Vec<String>,
    /// Wall time so far.
    pub seconds: f64,
}

impl IngestSummary {
    /// Folds in the documents the reader skipped as stored and the time.
    fn note_skipped(&mut self, skipped: &AtomicUsize, started: Instant) {
        let skipped = skipped.swap(0, Ordering::Relaxed);
        self.read += skipped;
        self.duplicates += skipped;
        self.seconds = started.elapsed().as_secs_f64();
    }
}

/// One unit of work for the annotating threads.
enum Item {
    /// Read by `newsgraph-ingest`: to be annotated.
    Raw(Box<Document>),
    /// A `newsgraph/1` line from a file already extracted: stored as it is.
    Extracted {
        line: String,
        here: String,
    },
    Failed(String),
}

enum Ready {
    Record(Box<Record>),
    Failed(String),
}

impl Store {
    /// Ingests every document under `paths` (what `extract` reads, plus files
    /// of `newsgraph/1` JSON lines). `progress` is called after each commit.
    pub fn ingest(
        &mut self,
        paths: &[String],
        options: &IngestOptions,
        progress: &mut dyn FnMut(&IngestSummary),
    ) -> Result<IngestSummary> {
        let started = Instant::now();
        let needs_pipeline = paths.iter().any(|p| !is_extracted_file(p));
        let pipeline = if needs_pipeline {
            Some(Pipeline::load(&options.pipeline)?)
        } else {
            None
        };
        let threads = match options.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        // A second connection answers "stored already?" for the reading
        // thread, so a resumed or repeated run does not annotate again;
        // duplicates within one run are still caught on insert.
        let lookup = Connection::open_with_flags(
            self.conn.path().unwrap_or_default(),
            OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        let skipped = Arc::new(AtomicUsize::new(0));
        let skipped_in_reader = Arc::clone(&skipped);
        let items = paths
            .iter()
            .flat_map(|path| items_of(path))
            .filter(move |item| match item {
                Item::Raw(doc) if is_stored(&lookup, &content_hash(&doc.text)) => {
                    skipped_in_reader.fetch_add(1, Ordering::Relaxed);
                    false
                }
                _ => true,
            });
        let mut summary = IngestSummary::default();
        let mut writer = Writer::begin(&self.conn)?;
        let mut pending = 0;
        let mut last_commit = Instant::now();
        let mut outcome = Ok(());
        let work = |item: Item| match item {
            Item::Raw(doc) => match &pipeline {
                Some(pipeline) => Ready::Record(Box::new(annotate(pipeline, *doc))),
                None => Ready::Record(Box::new(doc.into_output())),
            },
            Item::Extracted { line, here } => match serde_json::from_str::<Record>(&line) {
                Ok(record) => Ready::Record(Box::new(record)),
                Err(error) => Ready::Failed(format!("{here}: not a newsgraph/1 record: {error}")),
            },
            Item::Failed(reason) => Ready::Failed(reason),
        };
        run_ordered(items, threads, work, |ready| {
            if outcome.is_err() {
                return;
            }
            summary.read += 1;
            match ready {
                Ready::Failed(reason) => summary.failures.push(reason),
                Ready::Record(record) => match writer.add(&record, &content_hash(&record.text)) {
                    Ok(Added::New) => summary.added += 1,
                    Ok(Added::Duplicate) => summary.duplicates += 1,
                    Ok(Added::Rejected(reason)) => summary.failures.push(reason),
                    Err(error) => outcome = Err(error),
                },
            }
            pending += 1;
            if pending >= options.batch.max(1) || last_commit.elapsed() > Duration::from_secs(2) {
                outcome = writer.commit();
                pending = 0;
                last_commit = Instant::now();
                summary.note_skipped(&skipped, started);
                progress(&summary);
            }
        });
        outcome?;
        writer.finish()?;
        summary.note_skipped(&skipped, started);
        progress(&summary);
        Ok(summary)
    }
}

/// Whether a document with this hash is committed (false if unsure).
fn is_stored(lookup: &Connection, hash: &str) -> bool {
    lookup
        .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")
        .and_then(|mut statement| statement.exists([hash]))
        .unwrap_or(false)
}

/// Whether `path` is a file whose first line is a `newsgraph/1` record.
fn is_extracted_file(path: &str) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut first = String::new();
    let mut reader = BufReader::new(file);
    while first.trim().is_empty() {
        first.clear();
        if !matches!(reader.read_line(&mut first), Ok(n) if n > 0) {
            return false;
        }
    }
    first.trim_start().starts_with('{') && first.contains(SCHEMA_MARK)
}

/// The work items of one named input.
fn items_of(path: &str) -> Box<dyn Iterator<Item = Item> + Send> {
    if !is_extracted_file(path) {
        let docs = read_inputs(&[path.to_string()]);
        return Box::new(docs.map(|doc| match doc {
            Ok(doc) => Item::Raw(Box::new(doc)),
            Err(error) => Item::Failed(error.to_string()),
        }));
    }
    let lines = match File::open(path) {
        Ok(file) => BufReader::new(file).lines(),
        Err(error) => return Box::new(std::iter::once(Item::Failed(format!("{path}: {error}")))),
    };
    let path = path.to_string();
    Box::new(lines.enumerate().filter_map(move |(i, line)| {
        let here = format!("{path}:{}", i + 1);
        match line {
            Ok(line) if line.trim().is_empty() => None,
            Ok(line) => Some(Item::Extracted { line, here }),
            Err(error) => Some(Item::Failed(format!("{here}: {error}"))),
        }
    }))
}
