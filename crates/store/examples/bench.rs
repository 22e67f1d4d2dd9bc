//! Store benchmark: ingest speed (annotated and already extracted), store
//! size against text size, and query latency (p50/p99), on a corpus built
//! from the article texts in `../shared/` (each article repeated with a
//! distinct closing line so every copy is a new document).
//!
//!     cargo run --release -p newsgraph-store --example bench -- [RAW_DOCS] [RECORD_DOCS] [WORK_DIR]
//!
//! Defaults: 1000 documents annotated, 20000 already extracted, a
//! temporary folder. Prints one line per measure.
//!
//!     cargo run --release -p newsgraph-store --example bench -- queries STORE
//!
//! measures the queries alone on a store built before (migrating it first),
//! so a change to the queries is measured without an hour of ingest.
//!
//!     cargo run --release -p newsgraph-store --example bench -- grow STORE TOTAL [CHUNK]
//!
//! grows a store of the extracted copies to TOTAL documents, CHUNK records
//! (default 50,000) written and ingested at a time, so a million documents
//! need neither a 19 GB input file nor one uninterrupted run: a killed run
//! resumes from the store's document count. Then size and queries.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsgraph::Document;
use newsgraph::{Options, Pipeline, Record};
use newsgraph_core::shared;
use newsgraph_store::{EventFilter, IngestOptions, PageRequest, Store};

/// The allocator of the `newsgraph` binary, so that the figures are its.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Folders of `shared/` whose `.txt` files are news article bodies.
const CORPUS_FOLDERS: [&str; 3] = ["seeds", "eval/geo/GeoWebNews", "eval/quotes/polnear-dev/text"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, db] = &args[..] {
        if mode == "queries" {
            drop(Store::open(db)?);
            return queries(&Store::open_read_only(db)?);
        }
    }
    if args.first().is_some_and(|mode| mode == "grow") {
        return grow(&args[1..]);
    }
    let raw_docs: usize = args.first().map_or(Ok(1000), |a| a.parse())?;
    let record_docs: usize = args.get(1).map_or(Ok(20_000), |a| a.parse())?;
    let work = args.get(2).map_or_else(|| std::env::temp_dir().join("newsgraph-store-bench"), PathBuf::from);
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work)?;
    let articles = articles()?;
    println!("corpus: {} distinct articles from ../shared ({})", articles.len(), CORPUS_FOLDERS.join(", "));

    // Annotated: read + annotate + link + store, end to end.
    let raw = work.join("raw.jsonl");
    let raw_bytes = write_raw(&raw, &articles, raw_docs)?;
    let mut store = Store::open(work.join("annotated.db"))?;
    let started = Instant::now();
    let summary = store.ingest(&[raw.display().to_string()], &IngestOptions::default(), &mut |_| {})?;
    let took = started.elapsed();
    println!(
        "ingest annotated: {} docs ({:.1} MB text) in {:.1} s = {:.0} docs/s (pipeline load included)",
        summary.added,
        raw_bytes as f64 / 1e6,
        took.as_secs_f64(),
        summary.added as f64 / took.as_secs_f64()
    );
    drop(store);

    // Already extracted: annotate each article once, then copies as records.
    let records = work.join("records.jsonl");
    let annotated = annotate(&articles)?;
    let text_bytes = write_records(&records, &annotated, 0..record_docs)?;
    let db = work.join("records.db");
    let mut store = Store::open(&db)?;
    let started = Instant::now();
    let summary = store.ingest(&[records.display().to_string()], &IngestOptions::default(), &mut |_| {})?;
    let took = started.elapsed();
    println!(
        "ingest extracted: {} docs in {:.1} s = {:.0} docs/s",
        summary.added,
        took.as_secs_f64(),
        summary.added as f64 / took.as_secs_f64()
    );
    drop(store);
    print_size(&db, text_bytes);

    let store = Store::open_read_only(&db)?;
    queries(&store)?;
    Ok(())
}

fn articles() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut texts = Vec::new();
    for folder in CORPUS_FOLDERS {
        let Some(dir) = shared::shared_path(folder) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            texts.push(fs::read_to_string(path)?);
        }
    }
    if texts.is_empty() {
        return Err("no articles: ../shared is absent".into());
    }
    Ok(texts)
}

/// Copy `n` of the articles: the text with a closing line naming the copy.
fn copy_text(text: &str, n: usize) -> String {
    format!("{}\nReference {n}.", text.trim_end())
}

fn write_raw(path: &Path, articles: &[String], docs: usize) -> Result<usize, Box<dyn std::error::Error>> {
    let mut out = BufWriter::new(File::create(path)?);
    let mut bytes = 0;
    for n in 0..docs {
        let text = copy_text(&articles[n % articles.len()], n);
        bytes += text.len();
        serde_json::to_writer(&mut out, &serde_json::json!({"id": format!("raw{n}"), "text": text}))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(bytes)
}

fn annotate(articles: &[String]) -> Result<Vec<Record>, Box<dyn std::error::Error>> {
    let pipeline = Pipeline::load(Options::default())?;
    let annotated = articles
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let doc = Document::new(format!("a{i}"), format!("article{i}.txt"), text.trim_end());
            pipeline.process_document(doc)
        })
        .collect::<Result<_, _>>()?;
    Ok(annotated)
}

/// Writes copies `range` of the annotated articles; returns their text bytes.
fn write_records(
    path: &Path,
    annotated: &[Record],
    range: std::ops::Range<usize>,
) -> Result<usize, Box<dyn std::error::Error>> {
    let mut out = BufWriter::new(File::create(path)?);
    let mut bytes = 0;
    for n in range {
        let mut doc = annotated[n % annotated.len()].clone();
        // Appending keeps every offset valid.
        doc.text = copy_text(&doc.text, n);
        doc.id = format!("rec{n}");
        bytes += doc.text.len();
        serde_json::to_writer(&mut out, &doc)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(bytes)
}

/// `grow STORE TOTAL [CHUNK]`: see the crate docs above.
fn grow(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let [db, total, rest @ ..] = args else {
        return Err("usage: bench grow STORE TOTAL [CHUNK]".into());
    };
    let db = PathBuf::from(db);
    let total: usize = total.parse()?;
    let chunk: usize = rest.first().map_or(Ok(50_000), |a| a.parse())?;
    let annotated = annotate(&articles()?)?;
    let chunk_file = db.with_extension("chunk.jsonl");
    loop {
        let mut store = Store::open(&db)?;
        let start = usize::try_from(store.counts()?.documents)?;
        if start >= total {
            break;
        }
        let end = total.min(start + chunk);
        write_records(&chunk_file, &annotated, start..end)?;
        let started = Instant::now();
        let summary = store.ingest(&[chunk_file.display().to_string()], &IngestOptions::default(), &mut |_| {})?;
        let took = started.elapsed().as_secs_f64();
        drop(store);
        fs::remove_file(&chunk_file)?;
        println!(
            "grow: {start}..{end}: {} added in {took:.0} s = {:.0} docs/s; store {:.1} MB",
            summary.added,
            summary.added as f64 / took,
            store_size(&db) as f64 / 1e6
        );
        if summary.added == 0 {
            return Err(format!("no document added from {start}: the store holds other documents").into());
        }
    }
    let text_bytes: usize = (0..total).map(|n| copy_text(&annotated[n % annotated.len()].text, n).len()).sum();
    print_size(&db, text_bytes);
    queries(&Store::open_read_only(&db)?)
}

/// Bytes of a store with its write-ahead log.
fn store_size(db: &Path) -> u64 {
    file_size(db) + file_size(&db.with_extension("db-wal"))
}

fn print_size(db: &Path, text_bytes: usize) {
    let size = store_size(db);
    println!(
        "size: {:.1} MB store for {:.1} MB of text = {:.2}x",
        size as f64 / 1e6,
        text_bytes as f64 / 1e6,
        size as f64 / text_bytes as f64
    );
}

fn file_size(path: &Path) -> u64 {
    fs::metadata(path).map_or(0, |m| m.len())
}

/// Runs each query `runs` times with varied arguments; prints p50 and p99.
fn queries(store: &Store) -> Result<(), Box<dyn std::error::Error>> {
    let page = PageRequest { limit: 50, cursor: None };
    let names = ["Zelensky", "Putin", "Trump", "Clinton", "Russia", "Obama", "London", "NATO", "Kyiv", "Sanders"];
    let words = ["Kupiansk", "election", "flood", "security guarantees", "police", "earthquake", "vote", "war"];
    let stories = store.stories(&PageRequest { limit: 1000, cursor: None })?.items;
    let kinds = ["ASSAULT", "AGREE", "STATEMENT", "CONSULT"];
    let measure = |name: &str, run: &mut dyn FnMut(usize) -> Result<(), newsgraph_store::StoreError>| {
        let mut times: Vec<Duration> = Vec::new();
        for i in 0..200 {
            let started = Instant::now();
            run(i)?;
            times.push(started.elapsed());
        }
        times.sort();
        let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)].as_secs_f64() * 1e3;
        println!("query {name:<15} p50 {:>7.2} ms  p99 {:>7.2} ms", p(0.5), p(0.99));
        Ok::<(), newsgraph_store::StoreError>(())
    };
    measure("stories", &mut |_| store.stories(&page).map(drop))?;
    measure("story", &mut |i| store.story(stories.get(i % stories.len().max(1)).map_or(1, |s| s.id)).map(drop))?;
    measure("entity", &mut |i| store.entity(names[i % names.len()]).map(drop))?;
    // Spread over the whole id range, as the API's entity pages are reached.
    let entities = store.counts()?.entities.max(1) as usize;
    measure("entity by id", &mut |i| store.entity_by_id((i * 7919 % entities + 1) as i64).map(drop))?;
    measure("quotes", &mut |i| store.quotes(names[i % names.len()], &page).map(drop))?;
    measure("events", &mut |i| {
        let filter = EventFilter {
            kind: Some(kinds[i % kinds.len()].to_string()),
            actor: Some("RUS".to_string()),
            ..EventFilter::default()
        };
        store.events(&filter, &page).map(drop)
    })?;
    measure("events status", &mut |_| {
        let filter = EventFilter { status: Some("denied".to_string()), ..EventFilter::default() };
        store.events(&filter, &page).map(drop)
    })?;
    measure("contradictions", &mut |_| store.contradictions(&page).map(drop))?;
    measure("search", &mut |i| store.search(words[i % words.len()], &page).map(drop))?;
    Ok(())
}
