//! `newsgraph eval timex`: TempEval-3 style scores of the time stage on
//! TimeML (`.tml`) files, such as TBAQ-cleaned (TimeBank + AQUAINT).
//!
//! Each file's `<TEXT>` is stripped of its tags (offsets kept), the text
//! stage splits it, and the time stage runs with the document creation time
//! (the TIMEX3 with `functionInDocument="CREATION_TIME"`, which sits in the
//! header and is not a gold expression to find) as the anchor.
//!
//! - strict: exact span match; relaxed: overlapping spans (one-to-one).
//! - type and value accuracy over relaxed matches; value F1 as TempEval-3
//!   defines attribute F1: relaxed F1 times value accuracy.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsgraph_core::shared::shared_path;
use newsgraph_core::{Document, Stage, Timex};
use newsgraph_text::TextStage;
use newsgraph_time::TimeStage;

use crate::EvalError;

const USAGE: &str = "usage: newsgraph eval timex [--timeml DIR] [--errors]\n\
                     scores the time stage on every .tml file under DIR\n\
                     (default ../shared/eval/timex/TBAQ-cleaned); --errors lists misses,\n\
                     false alarms and wrong values";

/// One gold TIMEX3: byte span into the stripped text and its attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A gold EVENT: byte span into the stripped text and its `eid`.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldEvent {
    pub start: usize,
    pub end: usize,
    pub id: String,
}

/// A TimeML document: stripped text, creation date, gold expressions and
/// event spans.
#[derive(Clone, Debug)]
pub struct TimemlDoc {
    pub id: String,
    pub text: String,
    pub dct: Option<String>,
    pub gold: Vec<GoldTimex>,
    pub events: Vec<GoldEvent>,
}

/// Counts behind the reported figures.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scores {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub kind_correct: usize,
    pub value_correct: usize,
    pub bytes: usize,
    pub seconds: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Scores {
    pub fn strict_f1(&self) -> f64 {
        f1(ratio(self.strict, self.system), ratio(self.strict, self.gold))
    }
    pub fn relaxed_f1(&self) -> f64 {
        f1(ratio(self.relaxed, self.system), ratio(self.relaxed, self.gold))
    }
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.kind_correct, self.relaxed)
    }
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.relaxed)
    }
    /// TempEval-3 attribute F1 for the value.
    pub fn value_f1(&self) -> f64 {
        f1(ratio(self.value_correct, self.system), ratio(self.value_correct, self.gold))
    }
    pub fn type_f1(&self) -> f64 {
        f1(ratio(self.kind_correct, self.system), ratio(self.kind_correct, self.gold))
    }

    fn print(&self) {
        let row = |name: &str, hit: usize| {
            let (p, r) = (ratio(hit, self.system), ratio(hit, self.gold));
            println!("{name:<10} P {:.3}  R {:.3}  F1 {:.3}", p, r, f1(p, r));
        };
        println!("gold {}  system {}", self.gold, self.system);
        row("strict", self.strict);
        row("relaxed", self.relaxed);
        row("type", self.kind_correct);
        row("value", self.value_correct);
        println!(
            "type accuracy {:.3}  value accuracy {:.3} (on relaxed matches)",
            self.type_accuracy(),
            self.value_accuracy()
        );
        let mb = self.bytes as f64 / 1e6;
        println!(
            "speed (text + time stages, one thread): {:.2} MB in {:.2} s = {:.2} MB/s",
            mb,
            self.seconds,
            mb / self.seconds.max(1e-9)
        );
    }
}

pub fn run(args: &[String]) -> Result<(), EvalError> {
    let Some((dir, errors)) = timeml_options(args, USAGE)? else { return Ok(()) };
    let scores = evaluate(&dir, errors)?;
    println!("TimeML folder: {}", dir.display());
    scores.print();
    Ok(())
}

/// The TimeML folder (`--timeml DIR`, else the shared corpus) and
/// `--errors` of a TimeML evaluation's arguments; `None` after `--help`.
pub(crate) fn timeml_options(args: &[String], usage: &str) -> Result<Option<(PathBuf, bool)>, EvalError> {
    let mut dir = None;
    let mut errors = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--timeml" => dir = Some(PathBuf::from(it.next().ok_or_else(|| EvalError::Usage(usage.into()))?)),
            "--errors" => errors = true,
            "-h" | "--help" => {
                println!("{usage}");
                return Ok(None);
            }
            _ => return Err(EvalError::Usage(usage.into())),
        }
    }
    match dir.or_else(|| shared_path("eval/timex/TBAQ-cleaned")) {
        Some(dir) => Ok(Some((dir, errors))),
        None => Err(EvalError::Usage(format!("no TimeML folder found\n{usage}"))),
    }
}

/// Every `.tml` file under `dir`, sorted; an error when there is none.
pub(crate) fn timeml_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut files = Vec::new();
    collect_tml(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(EvalError::Usage(format!("no .tml files under {}", dir.display())));
    }
    Ok(files)
}

/// Scores the stage on every `.tml` file under `dir`; with `print_errors`,
/// lists each disagreement on stdout.
pub fn evaluate(dir: &Path, print_errors: bool) -> Result<Scores, EvalError> {
    let files = timeml_files(dir)?;
    let text_stage = TextStage::new();
    let time_stage = TimeStage::load().map_err(|e| EvalError::Load(e.to_string()))?;
    let mut scores = Scores::default();
    for path in &files {
        let source = fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        let tml = parse_timeml(&source).map_err(|reason| EvalError::format(path, reason))?;
        let mut doc = Document::new(tml.id.clone(), path.display().to_string(), tml.text.clone());
        doc.anchor_date = tml.dct.clone();
        let started = Instant::now();
        text_stage.annotate(&mut doc);
        time_stage.annotate(&mut doc);
        scores.seconds += started.elapsed().as_secs_f64();
        scores.bytes += doc.text.len();
        score_document(&tml, &doc.timexes, &mut scores, print_errors);
    }
    Ok(scores)
}

fn collect_tml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), EvalError> {
    let entries = fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| EvalError::io(dir, e))?.path();
        if path.is_dir() {
            collect_tml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Matches system to gold one-to-one (exact spans first, then overlaps).
fn score_document(tml: &TimemlDoc, system: &[Timex], scores: &mut Scores, print_errors: bool) {
    scores.gold += tml.gold.len();
    scores.system += system.len();
    let mut used = vec![false; system.len()];
    let mut pairs: Vec<Option<usize>> = vec![None; tml.gold.len()];
    for (g, gold) in tml.gold.iter().enumerate() {
        if let Some(s) =
            (0..system.len()).find(|&s| !used[s] && system[s].start == gold.start && system[s].end == gold.end)
        {
            used[s] = true;
            pairs[g] = Some(s);
            scores.strict += 1;
        }
    }
    for (g, gold) in tml.gold.iter().enumerate() {
        if pairs[g].is_none() {
            let overlap =
                (0..system.len()).find(|&s| !used[s] && system[s].start < gold.end && gold.start < system[s].end);
            if let Some(s) = overlap {
                used[s] = true;
                pairs[g] = Some(s);
            }
        }
    }
    for (gold, pair) in tml.gold.iter().zip(&pairs) {
        let text = &tml.text[gold.start..gold.end];
        let Some(s) = *pair else {
            if print_errors {
                println!(
                    "MISS\t{}\t{text}\t{} {}\t{}",
                    tml.id,
                    gold.kind,
                    gold.value,
                    context(&tml.text, gold.start, gold.end)
                );
            }
            continue;
        };
        let sys = &system[s];
        scores.relaxed += 1;
        let kind = kind_name(sys);
        scores.kind_correct += usize::from(kind == gold.kind);
        let value_ok = sys.value == gold.value;
        scores.value_correct += usize::from(value_ok);
        if print_errors && (!value_ok || sys.start != gold.start || sys.end != gold.end || kind != gold.kind) {
            let label = if value_ok { "SPAN" } else { "VALUE" };
            println!(
                "{label}\t{}\t{text}|{}\t{} {} -> {kind} {}\t{}",
                tml.id,
                sys.text,
                gold.kind,
                gold.value,
                sys.value,
                context(&tml.text, gold.start, gold.end)
            );
        }
    }
    if print_errors {
        for (s, sys) in system.iter().enumerate().filter(|(s, _)| !used[*s]) {
            let _ = s;
            println!(
                "FALSE\t{}\t{}\t{} {}\t{}",
                tml.id,
                sys.text,
                kind_name(sys),
                sys.value,
                context(&tml.text, sys.start, sys.end)
            );
        }
    }
}

fn kind_name(timex: &Timex) -> &'static str {
    match timex.kind {
        newsgraph_core::TimexType::Date => "DATE",
        newsgraph_core::TimexType::Time => "TIME",
        newsgraph_core::TimexType::Duration => "DURATION",
        newsgraph_core::TimexType::Set => "SET",
    }
}

/// A one-line window around a span, for error listings.
fn context(text: &str, start: usize, end: usize) -> String {
    let from = text[..start].char_indices().rev().nth(50).map_or(0, |(i, _)| i);
    let to = text[end..].char_indices().nth(50).map_or(text.len(), |(i, _)| end + i);
    format!("{}[{}]{}", &text[from..start], &text[start..end], &text[end..to]).replace('\n', " ")
}

/// Reads a TimeML document: the `<TEXT>` body without tags, the gold TIMEX3
/// inside it, and the creation date.
pub fn parse_timeml(source: &str) -> Result<TimemlDoc, String> {
    let id = between(source, "<DOCID>", "</DOCID>").unwrap_or("").trim().to_string();
    let dct = creation_date(source);
    let body_start = source.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let body_end = source[body_start..].find("</TEXT>").ok_or("no </TEXT>")? + body_start;
    let (text, gold, events) = strip_tags(&source[body_start..body_end])?;
    Ok(TimemlDoc { id, text, dct, gold, events })
}

fn between<'s>(source: &'s str, open: &str, close: &str) -> Option<&'s str> {
    let start = source.find(open)? + open.len();
    let end = source[start..].find(close)? + start;
    Some(&source[start..end])
}

/// `YYYY-MM-DD` of the TIMEX3 marked as the creation time.
fn creation_date(source: &str) -> Option<String> {
    let at = source.find("functionInDocument=\"CREATION_TIME\"")?;
    let tag_start = source[..at].rfind("<TIMEX3")?;
    let tag = &source[tag_start..source[tag_start..].find('>')? + tag_start];
    let value = attribute(tag, "value")?;
    value.get(..10).map(str::to_string)
}

pub(crate) fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// Removes markup, decodes entities and records TIMEX3 and EVENT spans in
/// the result.
fn strip_tags(body: &str) -> Result<(String, Vec<GoldTimex>, Vec<GoldEvent>), String> {
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut events = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut open_event: Option<(usize, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut text, &rest[..lt]);
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let tag = &rest[lt..=gt];
        if tag.starts_with("<TIMEX3") {
            let kind = attribute(tag, "type").unwrap_or("").to_string();
            let value = attribute(tag, "value").unwrap_or("").to_string();
            open = Some((text.len(), kind, value));
        } else if tag.starts_with("</TIMEX3") {
            let (start, kind, value) = open.take().ok_or("</TIMEX3> without <TIMEX3>")?;
            gold.push(GoldTimex { start, end: text.len(), kind, value });
        } else if tag.starts_with("<EVENT") {
            open_event = Some((text.len(), attribute(tag, "eid").unwrap_or("").to_string()));
        } else if tag.starts_with("</EVENT") {
            let (start, id) = open_event.take().ok_or("</EVENT> without <EVENT>")?;
            events.push(GoldEvent { start, end: text.len(), id });
        }
        rest = &rest[gt + 1..];
    }
    push_decoded(&mut text, rest);
    Ok((text, gold, events))
}

fn push_decoded(out: &mut String, raw: &str) {
    if !raw.contains('&') {
        out.push_str(raw);
        return;
    }
    let decoded = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    out.push_str(&decoded);
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<TimeML><DOCID>d1</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>\n<TEXT>\nProfits &amp; losses <EVENT eid=\"e1\">fell</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\" functionInDocument=\"NONE\">yesterday</TIMEX3>.\n</TEXT></TimeML>";

    #[test]
    fn strips_markup_and_keeps_gold_offsets() {
        let doc = parse_timeml(SAMPLE).unwrap();
        assert_eq!(doc.id, "d1");
        assert_eq!(doc.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(doc.gold.len(), 1);
        let g = &doc.gold[0];
        assert_eq!(&doc.text[g.start..g.end], "yesterday");
        assert_eq!((g.kind.as_str(), g.value.as_str()), ("DATE", "1998-01-07"));
        assert!(doc.text.contains("Profits & losses fell"));
    }

    #[test]
    fn scores_one_to_one() {
        let doc = parse_timeml(SAMPLE).unwrap();
        let g = &doc.gold[0];
        let timex = |start, end, value: &str| Timex {
            start,
            end,
            text: doc.text[start..end].to_string(),
            kind: newsgraph_core::TimexType::Date,
            value: value.to_string(),
            modifier: None,
        };
        let mut scores = Scores::default();
        let system = [timex(g.start, g.end, "1998-01-07"), timex(g.start + 1, g.end, "1998-01-07")];
        score_document(&doc, &system, &mut scores, false);
        assert_eq!((scores.gold, scores.system, scores.strict, scores.relaxed, scores.value_correct), (1, 2, 1, 1, 1));
        assert!((scores.value_f1() - 2.0 / 3.0).abs() < 1e-9);
    }
}
