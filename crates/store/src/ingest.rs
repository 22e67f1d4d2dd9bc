//! `ingest`: reads inputs, annotates the new ones on all cores, and writes
//! each document with its links in batches of one transaction each, so a
//! killed run leaves only whole documents behind and the next run resumes
//! by skipping what is already there (same `content_hash`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsgraph::{read_inputs, Failure, Options, Pipeline, Raw, Record};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::Result;
use crate::record::content_hash;
use crate::write::{Added, Prepared, Writer};
use crate::Store;

/// How ingest runs.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Options for the annotation pipeline.
    pub pipeline: Options,
    /// Worker threads for reading and annotating; 0 = one per core.
    pub threads: usize,
    /// Documents per transaction: larger is faster, smaller loses less
    /// work to a kill.
    pub batch: usize,
    /// The source recorded for articles read from files, instead of their
    /// path (the server names an upload, whose file is only temporary).
    /// Records already extracted keep their own.
    pub source: Option<String>,
    /// The publication's home region for articles read from files that
    /// name none, instead of the pipeline's (the server keeps one pipeline
    /// for uploads from many publications).
    pub region: Option<String>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { pipeline: Options::default(), threads: 0, batch: 500, source: None, region: None }
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

impl Store {
    /// Ingests every document under `paths` (what `extract` reads, plus files
    /// of `newsgraph/1` JSON lines). `progress` is called after each commit.
    pub fn ingest(
        &mut self,
        paths: &[String],
        options: &IngestOptions,
        progress: &mut dyn FnMut(&IngestSummary),
    ) -> Result<IngestSummary> {
        let pipeline = Pipeline::load(options.pipeline.clone())?;
        self.ingest_with(&pipeline, paths, options, progress)
    }

    /// [`Store::ingest`] with a pipeline loaded already (its options, not
    /// `options.pipeline`, apply): loading takes longer than annotating a
    /// few articles, so a client ingesting often keeps one.
    pub fn ingest_with(
        &mut self,
        pipeline: &Pipeline,
        paths: &[String],
        options: &IngestOptions,
        progress: &mut dyn FnMut(&IngestSummary),
    ) -> Result<IngestSummary> {
        let started = Instant::now();
        let threads = match options.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        // A second connection answers "stored already?" for the reading
        // thread, so a resumed or repeated run does not annotate again;
        // duplicates within one run are still caught on insert.
        let lookup =
            Connection::open_with_flags(self.conn.path().unwrap_or_default(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let skipped = Arc::new(AtomicUsize::new(0));
        let skipped_in_reader = Arc::clone(&skipped);
        let (source, region) = (options.source.clone(), options.region.clone());
        let items = read_inputs(paths).map(move |mut item| {
            if let Ok(Raw::Text(doc)) = &mut item {
                if let Some(source) = &source {
                    doc.source.clone_from(source);
                }
                if doc.region.is_none() {
                    doc.region.clone_from(&region);
                }
            }
            item
        });
        let items = items.filter(move |item| {
            let hash = match item {
                Ok(Raw::Text(doc)) => content_hash(&doc.text),
                // The pipeline hashes a record's text again; its own field may be stale.
                Ok(Raw::Record(record)) => content_hash(&record.text),
                Err(_) => return true,
            };
            let stored = is_stored(&lookup, &hash);
            if stored {
                skipped_in_reader.fetch_add(1, Ordering::Relaxed);
            }
            !stored
        });
        let mut summary = IngestSummary::default();
        let _journals = JournalsInMemory::set(&self.conn)?;
        let mut writer = Writer::begin(&self.conn, &self.codec)?;
        let mut pending = 0;
        let mut last_commit = Instant::now();
        let mut outcome = Ok(());
        // Read failures carry no record; a stage failure keeps the other
        // stages' work, and the failure is reported.
        let codec = &self.codec;
        let prepare = |ready: Result<Record, Failure>| match ready {
            Ok(record) => (None, Some(Prepared::new(record, codec))),
            Err(Failure::Stage(failure)) => (Some(failure.to_string()), Some(Prepared::new(*failure.record, codec))),
            Err(Failure::Read(error)) => (Some(error.to_string()), None),
        };
        pipeline.run_then(items, threads, prepare, |(failure, prepared)| {
            if outcome.is_err() {
                return;
            }
            summary.read += 1;
            summary.failures.extend(failure);
            match prepared.map(|prepared| writer.add(prepared?)) {
                Some(Ok(Added::New)) => summary.added += 1,
                Some(Ok(Added::Duplicate)) => summary.duplicates += 1,
                Some(Ok(Added::Rejected(reason))) => summary.failures.push(reason),
                Some(Err(error)) => outcome = Err(error),
                None => {}
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

/// Temporary files in memory while an ingest writes. An upsert with
/// RETURNING keeps a statement journal, and past four 16 KB pages SQLite
/// wrote it to a temporary file (a tenth of the writing thread's time on
/// a new store); it only ever holds one statement's pages. Only for the
/// ingest: an index built on a large store (`add_api_indexes`) sorts
/// through temporary files, which must not all be held in memory.
struct JournalsInMemory<'c>(&'c Connection);

impl<'c> JournalsInMemory<'c> {
    fn set(conn: &'c Connection) -> Result<Self> {
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(JournalsInMemory(conn))
    }
}

impl Drop for JournalsInMemory<'_> {
    fn drop(&mut self) {
        let _ = self.0.pragma_update(None, "temp_store", "DEFAULT");
    }
}

/// Whether a document with this hash is committed (false if unsure).
fn is_stored(lookup: &Connection, hash: &str) -> bool {
    lookup
        .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")
        .and_then(|mut statement| statement.exists([hash]))
        .unwrap_or(false)
}
