//! `newsgraph extract`: read inputs, annotate them on all cores through the
//! library, write one JSON record per document in input order.

use std::collections::BTreeMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use newsgraph::{Failure, Pipeline, Raw, Record};

use crate::ExtractArgs;

#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    /// One record per line.
    Jsonl,
    /// One JSON array of pretty-printed records.
    Json,
}

pub fn run(args: &ExtractArgs) -> Result<ExitCode, String> {
    let pipeline = Pipeline::load(args.options()).map_err(|e| e.to_string())?;
    for missing in pipeline.missing_inputs() {
        eprintln!("newsgraph: note: {missing}");
    }
    if args.url.is_some() && args.paths.len() != 1 {
        return Err("--url names the source of a single input; give one PATH".into());
    }
    let threads = args.threads.unwrap_or_else(available_cores);
    let mut writer = OutputWriter::new(args.format);
    let inputs = newsgraph::read_inputs(&args.paths).map(|item| {
        item.map(|mut raw| {
            if let (Some(url), Raw::Text(doc)) = (&args.url, &mut raw) {
                doc.source = url.clone();
            }
            raw
        })
    });
    pipeline.run(inputs, threads, |outcome| writer.accept(outcome));
    writer.finish()
}

fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Writes records to stdout, problems to stderr, and keeps the counts.
struct OutputWriter {
    format: Format,
    out: BufWriter<std::io::Stdout>,
    documents: usize,
    written: usize,
    failed: usize,
    bytes: usize,
    languages: BTreeMap<String, usize>,
    write_error: Option<String>,
    progress: Option<Progress>,
}

impl OutputWriter {
    fn new(format: Format) -> Self {
        let progress = std::io::stderr().is_terminal().then(Progress::new);
        OutputWriter {
            format,
            out: BufWriter::new(std::io::stdout()),
            documents: 0,
            written: 0,
            failed: 0,
            bytes: 0,
            languages: BTreeMap::new(),
            write_error: None,
            progress,
        }
    }

    fn accept(&mut self, outcome: Result<Record, Failure>) {
        self.documents += 1;
        match outcome {
            Ok(record) => self.accept_record(&record),
            Err(Failure::Stage(failure)) => {
                // The other stages' work is kept: the record is written, the failure reported.
                self.failed += 1;
                self.report(&failure.to_string());
                self.accept_record(&failure.record);
            }
            Err(Failure::Read(error)) => {
                self.failed += 1;
                self.report(&error.to_string());
            }
        }
        if let Some(progress) = &mut self.progress {
            progress.tick(self.documents, self.bytes);
        }
    }

    fn accept_record(&mut self, record: &Record) {
        self.bytes += record.text.len();
        *self.languages.entry(record.language.to_string()).or_default() += 1;
        for warning in &record.warnings {
            self.report(&format!("{}: {warning}", record.source));
        }
        self.write(record);
    }

    fn write(&mut self, record: &Record) {
        if self.write_error.is_some() {
            return;
        }
        let result = match self.format {
            Format::Jsonl => serde_json::to_writer(&mut self.out, record)
                .map_err(std::io::Error::from)
                .and_then(|_| self.out.write_all(b"\n")),
            Format::Json => {
                let separator: &[u8] = if self.written == 0 { b"[\n" } else { b",\n" };
                self.out
                    .write_all(separator)
                    .and_then(|_| serde_json::to_writer_pretty(&mut self.out, record).map_err(std::io::Error::from))
            }
        };
        match result {
            Ok(()) => self.written += 1,
            Err(error) => self.write_failed(error),
        }
    }

    /// A reader that closed the pipe (`| head -1`) has all it wants: stop
    /// at once, quietly, as Unix tools do. Other write errors are reported.
    fn write_failed(&mut self, error: std::io::Error) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        self.write_error = Some(format!("cannot write output: {error}"));
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
            if let Err(error) = self.out.write_all(closing) {
                self.write_failed(error);
            }
        }
        if let Err(error) = self.out.flush() {
            self.write_failed(error);
        }
        if let Some(progress) = &mut self.progress {
            progress.clear();
        }
        if let Some(error) = &self.write_error {
            eprintln!("newsgraph: {error}");
        }
        let languages: Vec<String> = self.languages.iter().map(|(code, count)| format!("{code} {count}")).collect();
        eprintln!(
            "newsgraph: {} documents read, {} written, {} failed; languages: {}",
            self.documents,
            self.written,
            self.failed,
            if languages.is_empty() { "none".to_string() } else { languages.join(", ") }
        );
        let clean = self.failed == 0 && self.write_error.is_none();
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
