//! `newsgraph bench`: documents/s, MB/s and peak memory for reading, for
//! each stage and for the whole pipeline, on one thread (per-core figures),
//! over a corpus built from the article texts in `../shared/`.
//!
//! Times are the thread's CPU time where Linux reports it, so the figures
//! hold on a busy machine too; elsewhere they fall back to wall time.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use newsgraph::measure::{peak_rss_mb, timed};
use newsgraph::{Document, Options, Pipeline, StageName};
use newsgraph_core::shared;

/// Folders of `shared/` whose `.txt` files are news article bodies.
const CORPUS_FOLDERS: [&str; 3] = ["seeds", "eval/geo/GeoWebNews", "eval/quotes/polnear-dev/text"];

/// Options of `newsgraph bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// Size of the corpus in MB (article files repeated until it is reached).
    #[arg(long, default_value_t = 8)]
    mb: usize,
    /// Measure only this stage (after the text stage).
    #[arg(long)]
    stage: Option<StageName>,
}

pub fn run(args: &BenchArgs) -> Result<ExitCode, String> {
    let target_bytes = args.mb * 1_000_000;
    let only = args.stage;
    let files = corpus_files(target_bytes)?;
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "corpus: {} files, {:.1} MB of article text from ../shared ({})",
        files.len(),
        bytes as f64 / 1e6,
        CORPUS_FOLDERS.join(", ")
    );
    println!("one thread, CPU time; figures are per core\n");
    println!(
        "{:<22} {:>10} {:>10} {:>10} {:>12} {:>12}",
        "step", "load ms", "docs/s", "MB/s", "words/s", "peak RSS MB"
    );

    let (docs, read_time) = timed(|| read_all(&files));
    let words = count_words(&docs);
    let read = Measure { docs: docs.len(), bytes, words, time: read_time };
    read.print("read", None);

    let mut annotated = docs;
    let mut text_time = Duration::ZERO;
    for name in StageName::ALL.into_iter().filter(|n| only.is_none_or(|o| o == *n || *n == StageName::Text)) {
        let (pipeline, load_time) = timed(|| Pipeline::load(only_stage(name)));
        let pipeline = pipeline.map_err(|e| e.to_string())?;
        let (_, time) = timed(|| {
            annotated.iter_mut().for_each(|doc| {
                pipeline.annotate(doc);
            })
        });
        if name == StageName::Text {
            text_time = time;
        }
        Measure { time, ..read }.print(name.as_str(), Some(load_time));
    }
    Measure { time: read_time + text_time, ..read }.print("read+text", None);

    if only.is_none() {
        let (pipeline, load_time) = timed(|| Pipeline::load(Options::default()));
        let pipeline = pipeline.map_err(|e| e.to_string())?;
        let (_, time) = timed(|| {
            for doc in read_all(&files) {
                let _ = std::hint::black_box(pipeline.process_document(doc));
            }
        });
        Measure { time, ..read }.print("whole pipeline", Some(load_time));
    }
    Ok(ExitCode::SUCCESS)
}

/// Pipeline options that switch off every stage but `name`.
fn only_stage(name: StageName) -> Options {
    let skip = StageName::ALL.into_iter().filter(|n| *n != name).collect();
    Options { skip, ..Options::default() }
}

/// The article files, repeated until they reach `target_bytes`.
fn corpus_files(target_bytes: usize) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut originals = Vec::new();
    for folder in CORPUS_FOLDERS {
        if let Some(dir) = shared::shared_path(folder) {
            collect_txt(&dir, &mut originals);
        }
    }
    if originals.is_empty() {
        return Err("no article text found: ../shared/ (or $NEWSGRAPH_SHARED) is missing".into());
    }
    let mut files = Vec::new();
    let mut total = 0;
    for round in 0.. {
        for (name, bytes) in &originals {
            if total >= target_bytes {
                return Ok(files);
            }
            total += bytes.len();
            files.push((format!("{name}#{round}"), bytes.clone()));
        }
    }
    Ok(files)
}

fn collect_txt(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        if let Ok(bytes) = std::fs::read(&path) {
            out.push((path.display().to_string(), bytes));
        }
    }
}

fn read_all(files: &[(String, Vec<u8>)]) -> Vec<Document> {
    files.iter().flat_map(|(name, bytes)| newsgraph_ingest::read_bytes(name, bytes)).filter_map(Result::ok).collect()
}

fn count_words(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text.split_whitespace().count()).sum()
}

#[derive(Clone, Copy)]
struct Measure {
    docs: usize,
    bytes: usize,
    words: usize,
    time: Duration,
}

impl Measure {
    fn print(&self, step: &str, load: Option<Duration>) {
        let seconds = self.time.as_secs_f64().max(1e-9);
        let load = load.map_or("-".to_string(), |d| format!("{:.0}", d.as_secs_f64() * 1000.0));
        println!(
            "{step:<22} {load:>10} {:>10.0} {:>10.2} {:>12.0} {:>12.0}",
            self.docs as f64 / seconds,
            self.bytes as f64 / 1e6 / seconds,
            self.words as f64 / seconds,
            peak_rss_mb()
        );
    }
}
