//! `newsgraph extract`: read inputs, run the pipeline on all cores, write
//! one JSON document per input document in input order.

use std::io::{BufWriter, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::time::Instant;

use newsgraph_core::Document;
use newsgraph_pipeline::{run_ordered, Pipeline, PipelineOptions, STAGE_NAMES};

use crate::args::Args;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Jsonl,
    Json,
}

/// What happened to one input document.
enum Outcome {
    Written { doc: Box<Document>, warnings: Vec<String> },
    Failed(String),
}

pub fn run(argv: &[String]) -> Result<ExitCode, String> {
    let args = Args::parse(argv, &["date", "format", "threads", "skip", "actors", "verbs"])?;
    if args.positional.is_empty() {
        return Err("extract needs at least one PATH (a file, a folder or - for stdin)".into());
    }
    let format = match args.value("format").unwrap_or("jsonl") {
        "jsonl" => Format::Jsonl,
        "json" => Format::Json,
        other => return Err(format!("unknown --format `{other}`: expected jsonl or json")),
    };
    let date = args.value("date").map(checked_date).transpose()?;
    let pipeline = Pipeline::load(&pipeline_options(&args)?).map_err(|e| e.to_string())?;
    let threads = args.number("threads")?.unwrap_or_else(available_cores);

    let inputs = newsgraph_ingest::read_inputs(&args.positional);
    let work = |item: Result<Document, newsgraph_ingest::ReadError>| annotate(item, &pipeline, date.as_deref());
    let mut writer = OutputWriter::new(format);
    run_ordered(inputs, threads, work, |outcome| writer.accept(outcome));
    writer.finish()
}

fn pipeline_options(args: &Args) -> Result<PipelineOptions, String> {
    let skip = args.all("skip");
    if let Some(unknown) = skip.iter().find(|s| !STAGE_NAMES.contains(&s.as_str())) {
        return Err(format!("--skip {unknown}: no such stage (stages: {})", STAGE_NAMES.join(", ")));
    }
    Ok(PipelineOptions {
        skip,
        actors: args.all("actors").into_iter().map(Into::into).collect(),
        verbs: args.all("verbs").into_iter().map(Into::into).collect(),
    })
}

/// Accepts `YYYY-MM-DD` with a real month and day.
fn checked_date(value: &str) -> Result<String, String> {
    let parts: Vec<&str> = value.split('-').collect();
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let shaped = parts.len() == 3 && numbers.len() == 3 && parts[0].len() == 4 && parts[1].len() == 2 && parts[2].len() == 2;
    if shaped && (1..=12).contains(&numbers[1]) && (1..=31).contains(&numbers[2]) {
        Ok(value.to_string())
    } else {
        Err(format!("--date `{value}` is not a date of the form YYYY-MM-DD"))
    }
}

fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs the pipeline on one document. A stage that panics fails only this
/// document, which is reported, never silently lost.
fn annotate(item: Result<Document, newsgraph_ingest::ReadError>, pipeline: &Pipeline, date: Option<&str>) -> Outcome {
    let mut doc = match item {
        Ok(doc) => doc,
        Err(error) => return Outcome::Failed(error.to_string()),
    };
    if doc.published.is_none() && doc.anchor_date.is_none() {
        doc.anchor_date = date.map(str::to_string);
    }
    let source = doc.source.clone();
    let warnings = doc.warnings.iter().map(|w| format!("{source}: {w}")).collect();
    match catch_unwind(AssertUnwindSafe(|| {
        pipeline.annotate(&mut doc);
        doc.into_output()
    })) {
        Ok(doc) => Outcome::Written { doc: Box::new(doc), warnings },
        Err(_) => Outcome::Failed(format!("{source}: internal error while annotating (please report this input)")),
    }
}

/// Writes documents to stdout, problems to stderr, and keeps the counts.
struct OutputWriter {
    format: Format,
    out: BufWriter<std::io::Stdout>,
    read: usize,
    written: usize,
    failed: usize,
    bytes: usize,
    write_error: Option<String>,
    progress: Option<Progress>,
}

impl OutputWriter {
    fn new(format: Format) -> Self {
        let progress = std::io::stderr().is_terminal().then(Progress::new);
        OutputWriter {
            format,
            out: BufWriter::new(std::io::stdout()),
            read: 0,
            written: 0,
            failed: 0,
            bytes: 0,
            write_error: None,
            progress,
        }
    }

    fn accept(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Written { doc, warnings } => {
                self.read += 1;
                self.bytes += doc.text.len();
                warnings.iter().for_each(|w| self.report(w));
                self.write(&doc);
            }
            Outcome::Failed(message) => {
                self.failed += 1;
                self.report(&message);
            }
        }
        if let Some(progress) = &mut self.progress {
            progress.tick(self.read + self.failed, self.bytes);
        }
    }

    fn write(&mut self, doc: &Document) {
        if self.write_error.is_some() {
            return;
        }
        let result = match self.format {
            Format::Jsonl => serde_json::to_writer(&mut self.out, doc).map_err(|e| e.to_string()).and_then(|_| {
                self.out.write_all(b"\n").map_err(|e| e.to_string())
            }),
            Format::Json => {
                let separator: &[u8] = if self.written == 0 { b"[\n" } else { b",\n" };
                self.out
                    .write_all(separator)
                    .map_err(|e| e.to_string())
                    .and_then(|_| serde_json::to_writer_pretty(&mut self.out, doc).map_err(|e| e.to_string()))
            }
        };
        match result {
            Ok(()) => self.written += 1,
            Err(e) => self.write_error = Some(format!("cannot write output: {e}")),
        }
    }

    fn report(&mut self, message: &str) {
        if let Some(progress) = &mut self.progress {
            progress.clear();
        }
        eprintln!("newsgraph: {message}");
    }

    fn finish(mut self) -> Result<ExitCode, String> {
        if self.format == Format::Json && self.write_error.is_none() {
            let closing: &[u8] = if self.written == 0 { b"[]\n" } else { b"\n]\n" };
            if let Err(e) = self.out.write_all(closing) {
                self.write_error = Some(format!("cannot write output: {e}"));
            }
        }
        if let Err(e) = self.out.flush() {
            self.write_error.get_or_insert(format!("cannot write output: {e}"));
        }
        if let Some(progress) = &mut self.progress {
            progress.clear();
        }
        if let Some(error) = &self.write_error {
            eprintln!("newsgraph: {error}");
        }
        eprintln!(
            "newsgraph: {} documents read, {} written, {} failed",
            self.read + self.failed,
            self.written,
            self.failed
        );
        let clean = self.failed == 0 && self.write_error.is_none() && self.written == self.read;
        Ok(if clean { ExitCode::SUCCESS } else { ExitCode::FAILURE })
    }
}

/// A one-line progress display on a terminal's stderr.
struct Progress {
    started: Instant,
    last_shown: Instant,
}

impl Progress {
    fn new() -> Self {
        Progress { started: Instant::now(), last_shown: Instant::now() }
    }

    fn tick(&mut self, docs: usize, bytes: usize) {
        if self.last_shown.elapsed().as_millis() < 250 {
            return;
        }
        self.last_shown = Instant::now();
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        eprint!("\r{docs} documents, {:.1} MB, {:.0} docs/s ", bytes as f64 / 1e6, docs as f64 / seconds);
    }

    fn clear(&mut self) {
        eprint!("\r\x1b[K");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(checked_date("2025-12-31").is_ok());
        assert!(checked_date("2025-13-01").is_err());
        assert!(checked_date("31.12.2025").is_err());
    }
}
