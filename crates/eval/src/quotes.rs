//! `newsgraph eval quotes --polnear DIR`: scores the attribution stage on
//! PolNeAR's brat standoff (`DIR/text/*.txt`, `DIR/attributions/*.ann`).
//!
//! Documents go through text -> entities -> attribution. Figures, in the
//! style of Citron's evaluation (BBC R&D) of PARC 3.0:
//! - content exact: an attribution's content segments equal the gold ones
//!   after trimming quotation marks, edge punctuation and a leading "that"
//!   (PolNeAR keeps marks and complementizers in the content, the output
//!   contract does not);
//! - content token overlap: word tokens inside predicted and gold contents
//!   (precision = shared / predicted, recall = shared / gold);
//! - cue F1: cue spans that overlap, matched one to one;
//! - speaker accuracy: for each gold attribution with a Source whose
//!   content overlaps a predicted one, the prediction is right when its
//!   speaker phrase, or a mention of the entity it was resolved to,
//!   overlaps the gold Source.
//!
//! Articles annotated by several annotators are scored once, with the
//! first annotator's file (sorted by name).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsgraph_attribution::AttributionStage;
use newsgraph_core::{Document, Span, Stage};
use newsgraph_entities::EntityStage;
use newsgraph_text::TextStage;

use crate::folds::{self, Figure};
use crate::EvalError;

const USAGE: &str = "usage: newsgraph eval quotes [--polnear DIR] [--show N] [--folds K]\n\
                     --folds K (2 or more) also scores article i (by file name) in fold i % K, one line per fold and their spread";

/// Timed runs of the stage per document (the fastest counts).
const SPEED_RUNS: usize = 3;

/// Precision, recall and F1 from counts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn from_counts(true_pred: usize, predicted: usize, true_gold: usize, gold: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(true_pred, predicted);
        let recall = ratio(true_gold, gold);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1 }
    }
}

/// Everything `eval quotes` reports.
#[derive(Clone, Debug, Default)]
pub struct QuoteScores {
    pub documents: usize,
    pub gold: usize,
    pub predicted: usize,
    pub content_exact: Prf,
    pub content_overlap: Prf,
    pub cue: Prf,
    /// Gold attributions with a source whose content was matched.
    pub speaker_matched: usize,
    pub speaker_correct: usize,
    /// Bytes of text and seconds spent in the attribution stage alone
    /// (fastest of `SPEED_RUNS` runs per document).
    pub bytes: usize,
    pub seconds: f64,
}

impl QuoteScores {
    pub fn speaker_accuracy(&self) -> f64 {
        if self.speaker_matched == 0 {
            0.0
        } else {
            self.speaker_correct as f64 / self.speaker_matched as f64
        }
    }

    pub fn megabytes_per_second(&self) -> f64 {
        if self.seconds == 0.0 {
            0.0
        } else {
            self.bytes as f64 / 1e6 / self.seconds
        }
    }
}

/// One gold attribution, byte spans.
#[derive(Clone, Debug, Default)]
struct GoldAttribution {
    content: Vec<Span>,
    cue: Vec<Span>,
    source: Vec<Span>,
}

/// One predicted attribution: the quotes sharing a cue.
#[derive(Clone, Debug)]
struct Predicted {
    content: Vec<Span>,
    cue: Span,
    /// Speaker phrase and mentions of the resolved entity.
    speaker: Vec<Span>,
}

/// Running counts over documents.
#[derive(Default)]
struct Counts {
    gold: usize,
    predicted: usize,
    exact_pred: usize,
    exact_gold: usize,
    overlap_shared: usize,
    overlap_pred: usize,
    overlap_gold: usize,
    cue_matched: usize,
    cue_pred: usize,
    cue_gold: usize,
    speaker_matched: usize,
    speaker_correct: usize,
}

/// Entry point of `newsgraph eval quotes ARGS`.
pub fn run(args: &[String]) -> Result<(), EvalError> {
    let mut dir = None;
    let mut show = 0;
    let mut folds = 1;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| EvalError::Usage(format!("{flag} needs a value\n{USAGE}")))?;
        match flag.as_str() {
            "--polnear" => dir = Some(PathBuf::from(value)),
            "--show" => show = value.parse().map_err(|_| EvalError::Usage(format!("bad --show {value}\n{USAGE}")))?,
            "--folds" => {
                folds = value
                    .parse()
                    .ok()
                    .filter(|&k: &usize| k >= 2)
                    .ok_or_else(|| EvalError::Usage(format!("bad --folds {value}\n{USAGE}")))?
            }
            other => return Err(EvalError::Usage(format!("unknown option {other}\n{USAGE}"))),
        }
    }
    let dir = dir
        .or_else(|| newsgraph_core::shared::shared_path("eval/quotes/polnear-dev"))
        .ok_or_else(|| EvalError::Usage(format!("PolNeAR folder not found; pass --polnear DIR\n{USAGE}")))?;
    let (scores, per_fold) = evaluate_folds(&dir, show, folds)?;
    print_scores(&dir, &scores);
    if folds > 1 {
        print_folds(&per_fold);
    }
    Ok(())
}

fn print_scores(dir: &Path, s: &QuoteScores) {
    let line = |name: &str, p: &Prf| {
        println!("{name:<24} P {:6.2}  R {:6.2}  F1 {:6.2}", 100.0 * p.precision, 100.0 * p.recall, 100.0 * p.f1)
    };
    println!(
        "PolNeAR {}: {} documents, {} gold attributions, {} predicted",
        dir.display(),
        s.documents,
        s.gold,
        s.predicted
    );
    line("content exact", &s.content_exact);
    line("content token overlap", &s.content_overlap);
    line("cue (overlap match)", &s.cue);
    println!(
        "speaker accuracy         {:6.2}  ({} of {} matched contents with a gold source)",
        100.0 * s.speaker_accuracy(),
        s.speaker_correct,
        s.speaker_matched
    );
    println!("attribution stage speed  {:6.2} MB/s on one core ({} bytes)", s.megabytes_per_second(), s.bytes);
}

/// Per-fold figures, in percent (see [`crate::folds`]).
fn print_folds(per_fold: &[QuoteScores]) {
    let figures: [Figure<QuoteScores>; 4] = [
        ("overlap F1", |s| s.content_overlap.f1),
        ("exact F1", |s| s.content_exact.f1),
        ("cue F1", |s| s.cue.f1),
        ("speaker", QuoteScores::speaker_accuracy),
    ];
    folds::print_folds("", per_fold, |s| (s.documents, s.gold), &figures, 100.0);
}

/// Scores the stage on the PolNeAR folder `dir`; prints up to `show` misses.
pub fn evaluate(dir: &Path, show: usize) -> Result<QuoteScores, EvalError> {
    evaluate_folds(dir, show, 1).map(|(scores, _)| scores)
}

/// The scores of the whole folder and of each of `folds` folds (article
/// `i`, in file-name order, in fold `i % folds`).
pub fn evaluate_folds(dir: &Path, show: usize, folds: usize) -> Result<(QuoteScores, Vec<QuoteScores>), EvalError> {
    let folds = folds.max(1);
    let entities = EntityStage::load().map_err(|e| EvalError::Load(e.to_string()))?;
    let attribution = AttributionStage::load().map_err(|e| EvalError::Load(e.to_string()))?;
    let text_stage = TextStage::new();
    let mut counts = Counts::default();
    let mut scores = QuoteScores::default();
    let mut fold_counts: Vec<Counts> = (0..folds).map(|_| Counts::default()).collect();
    let mut fold_scores = vec![QuoteScores::default(); folds];
    let mut shown = 0;
    for (i, (stem, ann)) in annotation_files(dir)?.into_iter().enumerate() {
        let text_path = dir.join("text").join(format!("{stem}.txt"));
        let text = std::fs::read_to_string(&text_path).map_err(|e| EvalError::io(&text_path, e))?;
        let ann_text = std::fs::read_to_string(&ann).map_err(|e| EvalError::io(&ann, e))?;
        let gold = parse_brat(&text, &ann_text).map_err(|reason| EvalError::format(&ann, reason))?;
        let mut doc = Document::new(stem.clone(), text_path.display().to_string(), text);
        text_stage.annotate(&mut doc);
        entities.annotate(&mut doc);
        scores.seconds += fastest_run(&attribution, &mut doc);
        scores.bytes += doc.text.len();
        scores.documents += 1;
        let predicted = predictions(&doc);
        score_document(&doc, &gold, &predicted, &mut counts);
        score_document(&doc, &gold, &predicted, &mut fold_counts[i % folds]);
        fold_scores[i % folds].documents += 1;
        if shown < show {
            println!("== {stem} (fold {})", i % folds);
            shown += show_misses(&doc, &gold, &predicted, show - shown);
        }
    }
    finish(&counts, &mut scores);
    for (c, s) in fold_counts.iter().zip(&mut fold_scores) {
        finish(c, s);
    }
    Ok((scores, fold_scores))
}

/// Runs the stage a few times on `doc` and returns the fastest time in
/// seconds: on a shared machine the minimum is the least disturbed figure.
fn fastest_run(stage: &AttributionStage, doc: &mut Document) -> f64 {
    (0..SPEED_RUNS)
        .map(|_| {
            let started = Instant::now();
            stage.annotate(doc);
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn finish(c: &Counts, scores: &mut QuoteScores) {
    scores.gold = c.gold;
    scores.predicted = c.predicted;
    scores.content_exact = Prf::from_counts(c.exact_pred, c.predicted, c.exact_gold, c.gold);
    scores.content_overlap = Prf::from_counts(c.overlap_shared, c.overlap_pred, c.overlap_shared, c.overlap_gold);
    scores.cue = Prf::from_counts(c.cue_matched, c.cue_pred, c.cue_matched, c.cue_gold);
    scores.speaker_matched = c.speaker_matched;
    scores.speaker_correct = c.speaker_correct;
}

/// (article stem, annotation file), first annotator per article.
fn annotation_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, EvalError> {
    let folder = dir.join("attributions");
    let entries = std::fs::read_dir(&folder).map_err(|e| EvalError::io(&folder, e))?;
    let mut by_stem: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    for path in names {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(base) = name.strip_suffix(".ann") else { continue };
        let stem = base.rsplit_once('_').map_or(base, |(stem, _annotator)| stem).to_string();
        by_stem.entry(stem).or_insert(path);
    }
    Ok(by_stem.into_iter().collect())
}

/// Byte offset of every code point index (plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect()
}

/// Parses brat standoff: `T` lines (Source/Cue/Content spans in code points,
/// fragments separated by `;`) tied together by `E` lines.
fn parse_brat(text: &str, ann: &str) -> Result<Vec<GoldAttribution>, String> {
    let bytes = char_to_byte(text);
    let mut spans: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else { continue };
        if id.starts_with('T') {
            let (_, ranges) = body.split_once(' ').ok_or_else(|| format!("bad line `{line}`"))?;
            let mut list = Vec::new();
            for range in ranges.split(';') {
                let mut parts = range.split_whitespace().map(str::parse::<usize>);
                let (Some(Ok(start)), Some(Ok(end))) = (parts.next(), parts.next()) else {
                    return Err(format!("bad range in `{line}`"));
                };
                let at = |i: usize| bytes.get(i).copied().ok_or_else(|| format!("offset {i} past the text"));
                list.push(Span::new(at(start)?, at(end)?));
            }
            spans.insert(id, list);
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for body in events {
        let mut attribution = GoldAttribution::default();
        for arg in body.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else { continue };
            let list = spans.get(id).cloned().unwrap_or_default();
            match role.trim_end_matches(char::is_numeric) {
                "Content" => attribution.content.extend(list),
                "Cue" => attribution.cue.extend(list),
                "Source" => attribution.source.extend(list),
                _ => {}
            }
        }
        if !attribution.content.is_empty() {
            out.push(attribution);
        }
    }
    Ok(out)
}

/// Our quotes grouped by cue (a quotation split by its attribution is one attribution).
fn predictions(doc: &Document) -> Vec<Predicted> {
    let mut by_cue: BTreeMap<(usize, usize), Predicted> = BTreeMap::new();
    for quote in &doc.quotes {
        let cue = quote.cue_span.unwrap_or_default();
        let entry = by_cue.entry((cue.start, cue.end)).or_insert_with(|| {
            let mut speaker: Vec<Span> = quote.speaker_span.into_iter().collect();
            if let Some(entity) = doc.entities.iter().find(|e| Some(&e.id) == quote.speaker.as_ref()) {
                speaker.extend(entity.mentions.iter().map(|m| m.span()));
            }
            Predicted { content: Vec::new(), cue, speaker }
        });
        entry.content.push(Span::new(quote.start, quote.end));
    }
    by_cue.into_values().collect()
}

/// A content span with quotation marks, edge punctuation and a leading
/// "that" trimmed, for exact comparison.
fn normalize(text: &str, span: Span) -> Option<Span> {
    let edge = |c: char| c.is_whitespace() || "\"\u{201C}\u{201D}'\u{2018}\u{2019},.;:!?-\u{2014}\u{2015}".contains(c);
    let trim = |span: Span| {
        let slice = span.slice(text);
        let start = span.start + (slice.len() - slice.trim_start_matches(edge).len());
        Span::new(start, (span.start + slice.trim_end_matches(edge).len()).max(start))
    };
    let mut out = trim(span);
    let complementizer = out
        .slice(text)
        .get(..5)
        .is_some_and(|head| head.eq_ignore_ascii_case("that ") || head.eq_ignore_ascii_case("that,"));
    if complementizer {
        out = trim(Span::new(out.start + 5, out.end));
    }
    (!out.is_empty()).then_some(out)
}

fn normalized(text: &str, spans: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = spans.iter().filter_map(|s| normalize(text, *s)).collect();
    out.sort();
    out
}

/// Word tokens (alphanumeric) of the document inside any of `spans`.
fn word_mask(doc: &Document, spans: impl Iterator<Item = Span>) -> Vec<bool> {
    let mut mask = vec![false; doc.tokens.len()];
    for span in spans {
        let first = doc.tokens.partition_point(|t| t.end <= span.start);
        for (i, token) in doc.tokens.iter().enumerate().skip(first) {
            if token.start >= span.end {
                break;
            }
            let is_word = doc.text[token.start..token.end].chars().next().is_some_and(char::is_alphanumeric);
            mask[i] |= is_word && span.contains(token.span());
        }
    }
    mask
}

fn any_overlap(a: &[Span], b: &[Span]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(*y)))
}

/// Shared word tokens between two span lists.
fn shared_words(doc: &Document, a: &[Span], b: &[Span]) -> usize {
    let (ma, mb) = (word_mask(doc, a.iter().copied()), word_mask(doc, b.iter().copied()));
    ma.iter().zip(&mb).filter(|(x, y)| **x && **y).count()
}

fn score_document(doc: &Document, gold: &[GoldAttribution], predicted: &[Predicted], c: &mut Counts) {
    c.gold += gold.len();
    c.predicted += predicted.len();
    let gold_norm: Vec<Vec<Span>> = gold.iter().map(|g| normalized(&doc.text, &g.content)).collect();
    let pred_norm: Vec<Vec<Span>> = predicted.iter().map(|p| normalized(&doc.text, &p.content)).collect();
    c.exact_pred += pred_norm.iter().filter(|p| gold_norm.contains(p)).count();
    c.exact_gold += gold_norm.iter().filter(|g| pred_norm.contains(g)).count();

    let gold_mask = word_mask(doc, gold.iter().flat_map(|g| g.content.iter().copied()));
    let pred_mask = word_mask(doc, predicted.iter().flat_map(|p| p.content.iter().copied()));
    c.overlap_gold += gold_mask.iter().filter(|x| **x).count();
    c.overlap_pred += pred_mask.iter().filter(|x| **x).count();
    c.overlap_shared += gold_mask.iter().zip(&pred_mask).filter(|(g, p)| **g && **p).count();

    let mut cue_used = vec![false; predicted.len()];
    c.cue_gold += gold.len();
    c.cue_pred += predicted.len();
    for g in gold {
        let hit = (0..predicted.len()).find(|&i| !cue_used[i] && g.cue.iter().any(|s| s.overlaps(predicted[i].cue)));
        if let Some(i) = hit {
            cue_used[i] = true;
            c.cue_matched += 1;
        }
    }

    for g in gold.iter().filter(|g| !g.source.is_empty()) {
        if let Some(p) = best_match(doc, g, predicted) {
            c.speaker_matched += 1;
            c.speaker_correct += usize::from(any_overlap(&p.speaker, &g.source));
        }
    }
}

/// The prediction sharing the most content words with `g`, the one its
/// speaker is judged against.
fn best_match<'p>(doc: &Document, g: &GoldAttribution, predicted: &'p [Predicted]) -> Option<&'p Predicted> {
    predicted
        .iter()
        .map(|p| (shared_words(doc, &g.content, &p.content), p))
        .filter(|(shared, _)| *shared > 0)
        .max_by_key(|(shared, _)| *shared)
        .map(|(_, p)| p)
}

/// Prints gold attributions we missed, predictions with no gold, content
/// boundaries that differ and wrong speakers, up to `limit` lines.
fn show_misses(doc: &Document, gold: &[GoldAttribution], predicted: &[Predicted], limit: usize) -> usize {
    let text = |spans: &[Span]| spans.iter().map(|s| s.slice(&doc.text)).collect::<Vec<_>>().join(" | ");
    let mut shown = 0;
    for g in gold {
        if shown < limit && !predicted.iter().any(|p| any_overlap(&p.content, &g.content)) {
            println!("MISS [{}] cue [{}] source [{}]", text(&g.content), text(&g.cue), text(&g.source));
            shown += 1;
        }
    }
    for p in predicted {
        if shown < limit && !gold.iter().any(|g| any_overlap(&p.content, &g.content)) {
            println!(
                "EXTRA [{}] cue [{}] speaker [{}]",
                text(&p.content),
                p.cue.slice(&doc.text),
                text(&p.speaker[..p.speaker.len().min(1)])
            );
            shown += 1;
        }
    }
    for g in gold {
        let matched = predicted.iter().find(|p| any_overlap(&p.content, &g.content));
        let differs = matched.filter(|p| normalized(&doc.text, &p.content) != normalized(&doc.text, &g.content));
        if let Some(p) = differs.filter(|_| shown < limit) {
            println!("BOUNDARY gold [{}] ours [{}]", text(&g.content), text(&p.content));
            shown += 1;
        }
    }
    // The same match as the score, so that these lines are its errors.
    for g in gold.iter().filter(|g| !g.source.is_empty()) {
        let matched = best_match(doc, g, predicted);
        if let Some(p) = matched.filter(|p| shown < limit && !any_overlap(&p.speaker, &g.source)) {
            println!(
                "SPEAKER gold [{}] ours [{}] entity [{}] cue [{}] gold cue [{}] content [{}]",
                text(&g.source),
                text(&p.speaker[..p.speaker.len().min(1)]),
                text(p.speaker.get(1..2).unwrap_or_default()),
                p.cue.slice(&doc.text),
                text(&g.cue),
                text(&g.content)
            );
            shown += 1;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_fragments_and_code_points() {
        let text = "\u{201C}Yes,\u{201D} he said. \u{201C}No.\u{201D}";
        let ann = "T1\tContent 0 6;16 20\t\u{201C}Yes,\u{201D} \u{201C}No.\u{201D}\nT2\tCue 10 14\tsaid\nT3\tSource 7 9\the\nE1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
        let gold = parse_brat(text, ann).unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].content.len(), 2);
        assert_eq!(gold[0].source[0].slice(text), "he");
        assert_eq!(normalized(text, &gold[0].content).iter().map(|s| s.slice(text)).collect::<Vec<_>>(), ["Yes", "No"]);
    }

    #[test]
    fn normalization_drops_that_and_marks() {
        let text = "said that \u{201C}peace is near.\u{201D}";
        let span = Span::new(5, text.len());
        assert_eq!(normalize(text, span).unwrap().slice(text), "peace is near");
        let text = "said that, \u{201C}Of course he will.\u{201D}";
        assert_eq!(normalize(text, Span::new(5, text.len())).unwrap().slice(text), "Of course he will");
    }

    /// Floors a little under the measured figures (docs/attribution.md).
    #[test]
    fn polnear_dev_floor() {
        let Some(dir) = newsgraph_core::shared::require("eval/quotes/polnear-dev", concat!(file!(), ":", line!()))
        else {
            eprintln!("SKIP: ../shared/eval/quotes/polnear-dev not found");
            return;
        };
        let scores = evaluate(&dir, 0).unwrap();
        print_scores(&dir, &scores);
        assert!(scores.documents >= 80);
        assert!(scores.content_overlap.f1 >= 0.82, "content overlap F1 {:.3}", scores.content_overlap.f1);
        assert!(scores.content_overlap.precision >= 0.915, "content overlap P {:.3}", scores.content_overlap.precision);
        assert!(scores.content_exact.f1 >= 0.53, "content exact F1 {:.3}", scores.content_exact.f1);
        assert!(scores.cue.f1 >= 0.70, "cue F1 {:.3}", scores.cue.f1);
        assert!(scores.speaker_accuracy() >= 0.905, "speaker accuracy {:.3}", scores.speaker_accuracy());
    }
}
