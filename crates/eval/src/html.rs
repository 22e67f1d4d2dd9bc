//! `newsgraph eval html`: article extraction on page folders laid out as
//! Mozilla Readability's test pages (`source.html`, the expected article
//! `expected.html`, `expected-metadata.json`).
//!
//! - body: bag-of-words precision, recall and F1 of the extracted text
//!   against the text of `expected.html` (tokens `\w+`, lower case,
//!   multiset overlap), averaged over pages; a failed page scores 0.
//! - title, byline, date: accuracy over the pages whose metadata has one
//!   (whitespace collapsed, case ignored, a leading "By" ignored; dates by
//!   their `YYYY-MM-DD` part).
//!
//! `--predictions FILE` scores another extractor's output instead (JSON
//! lines `{"page", "text", "title", "byline", "date"}`; a page missing
//! from the file counts as failed): `bench/peer/html.sh` scores trafilatura
//! this way.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsgraph_core::shared::shared_path;
use newsgraph_ingest::{page_text, read_bytes, thread_cpu_seconds};
use serde::Deserialize;

use crate::EvalError;

const USAGE: &str = "usage: newsgraph eval html [DIR] [--predictions FILE.jsonl] [--errors]\n\
                     scores article extraction on every page folder under DIR\n\
                     (default ../shared/eval/html/readability); --errors lists each page's figures";

/// What an extractor gave for one page.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Extracted {
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Gold {
    title: Option<String>,
    byline: Option<String>,
    #[serde(rename = "publishedTime")]
    published: Option<String>,
}

/// Sums behind the reported figures.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub pages: usize,
    pub failed: Vec<String>,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// (correct, pages whose metadata has one) for title, byline and date.
    pub title: (usize, usize),
    pub byline: (usize, usize),
    pub date: (usize, usize),
    /// Dates given for pages whose metadata has none (not scored).
    pub extra_dates: usize,
    /// CPU time spent extracting (newsgraph only; wall time where the
    /// kernel does not tell CPU time).
    pub seconds: f64,
}

fn share((correct, total): (usize, usize)) -> f64 {
    if total == 0 {
        0.0
    } else {
        correct as f64 / total as f64
    }
}

impl Scores {
    fn mean(&self, sum: f64) -> f64 {
        if self.pages == 0 {
            0.0
        } else {
            sum / self.pages as f64
        }
    }
    pub fn body_precision(&self) -> f64 {
        self.mean(self.precision)
    }
    pub fn body_recall(&self) -> f64 {
        self.mean(self.recall)
    }
    pub fn body_f1(&self) -> f64 {
        self.mean(self.f1)
    }
    pub fn title_accuracy(&self) -> f64 {
        share(self.title)
    }
    pub fn byline_accuracy(&self) -> f64 {
        share(self.byline)
    }
    pub fn date_accuracy(&self) -> f64 {
        share(self.date)
    }

    pub fn print(&self) {
        println!("pages: {}, failed: {} {:?}", self.pages, self.failed.len(), self.failed);
        println!(
            "body bag-of-words: precision {:.3}  recall {:.3}  F1 {:.3}",
            self.body_precision(),
            self.body_recall(),
            self.body_f1()
        );
        println!("title accuracy:  {:.3} ({}/{})", self.title_accuracy(), self.title.0, self.title.1);
        println!("byline accuracy: {:.3} ({}/{})", self.byline_accuracy(), self.byline.0, self.byline.1);
        println!(
            "date accuracy:   {:.3} ({}/{}); dates on {} pages without a gold date",
            self.date_accuracy(),
            self.date.0,
            self.date.1,
            self.extra_dates
        );
        if self.seconds > 0.0 {
            println!("extraction CPU time: {:.2} ms/page", self.seconds * 1000.0 / self.pages.max(1) as f64);
        }
    }
}

pub fn run(args: &[String]) -> Result<(), EvalError> {
    let mut dir = None;
    let mut predictions = None;
    let mut errors = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--predictions" => {
                predictions = Some(PathBuf::from(it.next().ok_or_else(|| EvalError::Usage(USAGE.into()))?))
            }
            "--errors" => errors = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if !other.starts_with('-') && dir.is_none() => dir = Some(PathBuf::from(other)),
            _ => return Err(EvalError::Usage(USAGE.into())),
        }
    }
    let Some(dir) = dir.or_else(|| shared_path("eval/html/readability")) else {
        return Err(EvalError::Usage(format!("no page folder found\n{USAGE}")));
    };
    let predictions = predictions.map(|path| read_predictions(&path)).transpose()?;
    let scores = evaluate(&dir, predictions.as_ref(), errors)?;
    println!("page folder: {}", dir.display());
    scores.print();
    Ok(())
}

fn read_predictions(path: &Path) -> Result<HashMap<String, Extracted>, EvalError> {
    let text = fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = HashMap::new();
    for (number, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let record: Extracted =
            serde_json::from_str(line).map_err(|e| EvalError::format(path, format!("line {}: {e}", number + 1)))?;
        out.insert(record.page.clone(), record);
    }
    Ok(out)
}

/// Scores newsgraph (or the given predictions) on every page folder of
/// `dir`; with `print_errors`, prints each page's figures.
pub fn evaluate(
    dir: &Path,
    predictions: Option<&HashMap<String, Extracted>>,
    print_errors: bool,
) -> Result<Scores, EvalError> {
    let mut pages: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| EvalError::io(dir, e))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("source.html").is_file())
        .collect();
    pages.sort();
    let mut scores = Scores::default();
    for page in &pages {
        let name = page.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let read = |file: &str| fs::read(page.join(file)).map_err(|e| EvalError::io(page.join(file), e));
        let expected = page_text(&String::from_utf8_lossy(&read("expected.html")?));
        let gold: Gold = serde_json::from_slice(&read("expected-metadata.json")?)
            .map_err(|e| EvalError::format(page.join("expected-metadata.json"), e.to_string()))?;
        let extracted = match predictions {
            Some(predictions) => predictions.get(&name).cloned(),
            None => {
                let source = read("source.html")?;
                let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
                let result = read_bytes("source.html", &source).into_iter().next();
                scores.seconds += match (cpu, thread_cpu_seconds()) {
                    (Some(start), Some(end)) => end - start,
                    _ => wall.elapsed().as_secs_f64(),
                };
                result.and_then(Result::ok).map(|doc| Extracted {
                    page: name.clone(),
                    text: doc.text,
                    title: doc.title,
                    byline: doc.byline,
                    date: doc.published,
                })
            }
        };
        let extracted = extracted.filter(|e| !e.text.trim().is_empty());
        scores.pages += 1;
        let (p, r, f) = match &extracted {
            Some(e) => overlap(&e.text, &expected),
            None => {
                scores.failed.push(name.clone());
                (0.0, 0.0, 0.0)
            }
        };
        scores.precision += p;
        scores.recall += r;
        scores.f1 += f;
        let got = extracted.unwrap_or_default();
        let title = tally(&mut scores.title, gold.title.as_deref(), got.title.as_deref(), same_text);
        let byline = tally(&mut scores.byline, gold.byline.as_deref(), got.byline.as_deref(), same_byline);
        let date = tally(&mut scores.date, gold.published.as_deref(), got.date.as_deref(), same_date);
        if gold.published.is_none() && got.date.is_some() {
            scores.extra_dates += 1;
        }
        if print_errors {
            let mark = |ok: Option<bool>| match ok {
                Some(true) => "ok",
                Some(false) => "WRONG",
                None => "-",
            };
            println!(
                "{name:40} P {p:.3} R {r:.3} F1 {f:.3}  title {}  byline {}  date {}",
                mark(title),
                mark(byline),
                mark(date)
            );
            if title == Some(false) {
                println!("    title  gold {:?} got {:?}", gold.title, got.title);
            }
            if byline == Some(false) {
                println!("    byline gold {:?} got {:?}", gold.byline, got.byline);
            }
            if date == Some(false) {
                println!("    date   gold {:?} got {:?}", gold.published, got.date);
            }
        }
    }
    Ok(scores)
}

/// Counts one metadata field where the gold has a value; returns whether
/// it was right.
fn tally(
    count: &mut (usize, usize),
    gold: Option<&str>,
    got: Option<&str>,
    same: fn(&str, &str) -> bool,
) -> Option<bool> {
    let gold = gold.filter(|g| !g.trim().is_empty())?;
    let right = got.is_some_and(|got| same(gold, got));
    count.1 += 1;
    count.0 += usize::from(right);
    Some(right)
}

fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn same_text(gold: &str, got: &str) -> bool {
    normalized(gold) == normalized(got)
}

fn same_byline(gold: &str, got: &str) -> bool {
    let clean = |text: &str| {
        let text = normalized(text);
        let text = text.strip_prefix("by ").unwrap_or(&text);
        text.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
    };
    clean(gold) == clean(got)
}

fn same_date(gold: &str, got: &str) -> bool {
    gold.get(..10).is_some_and(|day| got.starts_with(day))
}

/// Lower-cased `\w+` tokens.
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()) {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Bag-of-words precision, recall and F1 of `got` against `expected`.
pub fn overlap(got: &str, expected: &str) -> (f64, f64, f64) {
    let (got, expected) = (words(got), words(expected));
    let common: usize = got.iter().map(|(word, &n)| n.min(expected.get(word).copied().unwrap_or(0))).sum();
    let total = |counts: &HashMap<String, usize>| counts.values().sum::<usize>();
    let precision = share((common, total(&got)));
    let recall = share((common, total(&expected)));
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    (precision, recall, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_of_words_overlap() {
        let (p, r, f) = overlap("The cat, the hat.", "the cat sat");
        assert!((p - 0.5).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(overlap("", "x"), (0.0, 0.0, 0.0));
    }

    #[test]
    fn metadata_comparisons() {
        assert!(same_byline("By Brenda  Goodman, MA\n   ", "Brenda Goodman, MA"));
        assert!(same_date("2019-04-28 06:01:07", "2019-04-28"));
        assert!(!same_date("2019", "2019-04-28"));
        assert!(same_text("A  Title", "a title"));
    }
}
