//! Big-document benchmark: time for reading (the plain-text reader) and per
//! stage, and peak memory (VmHWM), for one document of 1, 4 and 16 MB built
//! from the article texts in `../shared/`, against the per-MB time of the
//! same articles read and annotated one by one.
//!
//! `cargo run --release -p newsgraph-pipeline --example bigdoc [MB ...]`
//!
//! Each size runs in a child process of its own, because VmHWM only ever
//! grows: one process per size is what makes its peak that size's peak.
//! Times are the thread's CPU time where Linux reports it, so the figures
//! hold on a busy machine.

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Duration;

use newsgraph_core::{shared, Document};
use newsgraph_pipeline::measure::{self, peak_rss_mb};
use newsgraph_pipeline::{Pipeline, PipelineOptions};

/// Folders of `shared/` whose `.txt` files are news article bodies.
const CORPUS_FOLDERS: [&str; 3] = ["seeds", "eval/geo/GeoWebNews", "eval/quotes/polnear-dev/text"];

/// Marks the re-executed child that measures one size.
const CHILD_FLAG: &str = "--one";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some(CHILD_FLAG) => {
            args.get(1).and_then(|n| n.parse().ok()).ok_or("--one needs a size in MB".to_string()).and_then(measure)
        }
        _ => spawn_each(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bigdoc: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one child per size (0 stands for the article-by-article baseline).
fn spawn_each(args: &[String]) -> Result<(), String> {
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1, 4, 16]
    } else {
        args.iter().map(|a| a.parse().map_err(|_| format!("not a size in MB: {a}"))).collect::<Result<_, _>>()?
    };
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    println!(
        "{:<16} {:>8} {:>10} {:>8} {:>8} {:>10} {:>8} {:>8} {:>8} {:>9} {:>8} {:>10}",
        "input", "MB", "s/MB", "read", "text", "entities", "time", "geo", "attrib", "events", "total s", "VmHWM MB"
    );
    for size in std::iter::once(0).chain(sizes) {
        let status = Command::new(&me).args([CHILD_FLAG, &size.to_string()]).status().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("the {size} MB run failed ({status})"));
        }
    }
    Ok(())
}

/// Annotates the articles one by one (`mb == 0`, about 4 MB of them) or as
/// one document of `mb` MB, and prints one line.
fn measure(mb: usize) -> Result<(), String> {
    let articles = articles()?;
    let pipeline = Pipeline::load(&PipelineOptions::default()).map_err(|e| e.to_string())?;
    let target = if mb == 0 { 4_000_000 } else { mb * 1_000_000 };
    let mut files: Vec<String> = Vec::new();
    let mut total = 0;
    for article in articles.iter().cycle() {
        if total >= target {
            break;
        }
        total += article.len() + 2;
        match files.last_mut() {
            Some(big) if mb > 0 => {
                big.push_str("\n\n");
                big.push_str(article);
            }
            _ => files.push(article.clone()),
        }
    }
    let mut docs: Vec<Document> = Vec::new();
    let read = timed(|| {
        for file in files.drain(..) {
            let results = newsgraph_ingest::read_bytes("article.txt", file.as_bytes());
            docs.extend(results.into_iter().flatten());
        }
    });
    let mut per_stage = vec![Duration::ZERO; pipeline.stages().len()];
    for doc in &mut docs {
        for (stage, spent) in pipeline.stages().iter().zip(per_stage.iter_mut()) {
            *spent += timed(|| stage.annotate(doc));
        }
    }
    let seconds = read.as_secs_f64() + per_stage.iter().map(Duration::as_secs_f64).sum::<f64>();
    let mb_in = total as f64 / 1e6;
    let label = if mb == 0 { format!("{} articles", docs.len()) } else { "one document".to_string() };
    let stages: String = per_stage.iter().map(|d| format!(" {:>9.2}", d.as_secs_f64())).collect();
    println!(
        "{label:<16} {mb_in:>8.1} {:>10.3} {:>8.2}{stages} {seconds:>9.2} {:>10.0}",
        seconds / mb_in,
        read.as_secs_f64(),
        peak_rss_mb()
    );
    Ok(())
}

/// The article bodies under `../shared/`, in a fixed order.
fn articles() -> Result<Vec<String>, String> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for folder in CORPUS_FOLDERS {
        if let Some(dir) = shared::shared_path(folder) {
            let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            paths.extend(
                entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")),
            );
        }
    }
    paths.sort();
    let texts: Vec<String> =
        paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).filter(|t| !t.trim().is_empty()).collect();
    if texts.is_empty() {
        return Err("no article text found: ../shared/ (or $NEWSGRAPH_SHARED) is missing".into());
    }
    Ok(texts)
}

fn timed(work: impl FnOnce()) -> Duration {
    measure::timed(work).1
}
