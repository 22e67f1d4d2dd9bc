//! `newsgraph eval ner`: conlleval entity-level precision, recall and F1 on
//! CoNLL-2003 (`--conll FILE`) or GUM news (`--gum DIR`), with our types
//! mapped to CoNLL classes (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, the
//! rest->MISC). By default it scores what users get: the whole `extract`
//! path (language detection, our own tokens and sentences, every stage) on
//! the gold text; `--stage-only` runs the entities stage on the gold tokens
//! and `--tagger-only` scores the tagger before typing and grouping.
//!
//! Also the interface for the peer comparison (bench/peer/):
//! `--export-gold OUT` writes the gold as `token<TAB>BIO-tag` lines, and
//! `--predictions FILE` scores `token<TAB>gold<TAB>pred` lines (BIO or IOB1)
//! with the same scorer and report.

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsgraph_core::{Document, RunStatus, StageName};
use newsgraph_entities::corpus::{parse_conll, prf, Counts, GoldDoc, ScoredSpan};
use newsgraph_entities::evaluation::{predict, predict_on_gold, Predicted};
use newsgraph_entities::gum::parse_gum;
use newsgraph_entities::labels::spans_from_iob;
use newsgraph_entities::lexicon::Lexicon;
use newsgraph_entities::{EntityStage, Tagger};

use crate::{folds, EvalError};

const USAGE: &str = "usage: newsgraph eval ner (--conll FILE | --gum DIR) [--export-gold OUT] [--model FILE] [--write OUT] [--folds K] [--stage-only | --tagger-only]\n       newsgraph eval ner --predictions FILE";

#[derive(Default)]
struct Args {
    conll: Option<PathBuf>,
    gum: Option<PathBuf>,
    export_gold: Option<PathBuf>,
    predictions: Option<PathBuf>,
    model: Option<PathBuf>,
    write: Option<PathBuf>,
    /// Score the tagger's own classes, before typing and grouping.
    tagger_only: bool,
    /// Score the entities stage on the gold tokens, not the whole path.
    stage_only: bool,
    /// Also report per-fold figures (document i in fold i % K).
    folds: Option<usize>,
    help: bool,
}

fn parse_args(args: &[String]) -> Result<Args, EvalError> {
    let mut parsed = Args::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--tagger-only" => {
                parsed.tagger_only = true;
                continue;
            }
            "--stage-only" => {
                parsed.stage_only = true;
                continue;
            }
            "-h" | "--help" => {
                parsed.help = true;
                continue;
            }
            _ => {}
        }
        let value =
            it.next().map(PathBuf::from).ok_or_else(|| EvalError::Usage(format!("{flag} needs a value\n{USAGE}")));
        match flag.as_str() {
            "--conll" => parsed.conll = Some(value?),
            "--gum" => parsed.gum = Some(value?),
            "--export-gold" => parsed.export_gold = Some(value?),
            "--predictions" => parsed.predictions = Some(value?),
            "--model" => parsed.model = Some(value?),
            "--write" => parsed.write = Some(value?),
            "--folds" => {
                let k = value?.to_string_lossy().parse::<usize>().ok().filter(|k| *k >= 2);
                parsed.folds = Some(k.ok_or_else(|| EvalError::Usage(format!("--folds wants 2 or more\n{USAGE}")))?);
            }
            other => return Err(EvalError::Usage(format!("unknown option {other}\n{USAGE}"))),
        }
    }
    Ok(parsed)
}

/// Entry point of `newsgraph eval ner ARGS`.
pub fn run(args: &[String]) -> Result<(), EvalError> {
    let args = parse_args(args)?;
    if args.help {
        println!("{USAGE}");
        return Ok(());
    }
    if let Some(path) = &args.predictions {
        let counts = score_predictions(path)?;
        print!("{}", counts.report());
        return Ok(());
    }
    let docs = match (&args.conll, &args.gum) {
        (Some(path), None) => read_conll(path)?,
        (None, Some(dir)) => read_gum(dir)?,
        _ => return Err(EvalError::Usage(format!("give exactly one of --conll or --gum\n{USAGE}"))),
    };
    if let Some(out) = &args.export_gold {
        return export_gold(&docs, out);
    }
    let (clock, cpu_before) = (Instant::now(), thread_cpu());
    let predictor = if args.stage_only || args.tagger_only || args.model.is_some() {
        Predictor::Stage { stage: load_stage(args.model.as_deref())?, tagger_only: args.tagger_only }
    } else {
        let pipeline =
            newsgraph::Pipeline::load(newsgraph::Options::default()).map_err(|e| EvalError::Load(e.to_string()))?;
        Predictor::Extract(pipeline)
    };
    let load_ms = clock.elapsed().as_secs_f64() * 1000.0;
    let load_cpu_ms = thread_cpu().zip(cpu_before).map(|(a, b)| (a - b) * 1000.0);
    let (counts, per_fold, lines, seconds) = evaluate(&predictor, &docs, args.folds.unwrap_or(1));
    println!(
        "scored: {}; entities stage ran on {} of {} documents (the others were taken for another language)",
        predictor.describe(),
        seconds.annotated,
        docs.len()
    );
    if let Some(out) = &args.write {
        std::fs::write(out, lines).map_err(|e| EvalError::io(out, e))?;
    }
    print!("{}", counts.report());
    if args.folds.is_some() {
        print_folds(&per_fold);
    }
    println!(
        "tagged {} tokens in {:.3} s wall ({:.0} tokens/s)",
        counts.tokens,
        seconds.wall,
        counts.tokens as f64 / seconds.wall.max(1e-9)
    );
    if let Some(cpu) = seconds.cpu {
        // On a shared machine wall time includes waiting for a core; CPU
        // time is what one core spends on the stage.
        println!("  CPU time {cpu:.3} s ({:.0} tokens/s per core)", counts.tokens as f64 / cpu.max(1e-9));
    }
    match load_cpu_ms {
        Some(cpu) => println!("model loaded in {load_ms:.0} ms wall, {cpu:.0} ms CPU"),
        None => println!("model loaded in {load_ms:.0} ms"),
    }
    Ok(())
}

/// F1 of the whole extract path on the CoNLL file at `path`, over all
/// documents and per fold (document i in fold i % `folds`).
pub fn extract_path_f1(path: &Path, folds: usize) -> Result<(f64, Vec<f64>), EvalError> {
    let docs = read_conll(path)?;
    let pipeline =
        newsgraph::Pipeline::load(newsgraph::Options::default()).map_err(|e| EvalError::Load(e.to_string()))?;
    let (counts, per_fold, _, _) = evaluate(&Predictor::Extract(pipeline), &docs, folds.max(1));
    let f1 = |counts: &Counts| prf(counts.overall()).2;
    Ok((f1(&counts), per_fold.iter().map(|fold| f1(&fold.counts)).collect()))
}

fn read_text(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))
}

fn read_conll(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    parse_conll(&read_text(path)?).map_err(|reason| EvalError::format(path, reason))
}

/// Every `*.conllu` file of `dir`, in name order.
fn read_gum(dir: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError::format(dir, "no .conllu files"));
    }
    let lexicon = Lexicon::embedded();
    let mut docs = Vec::new();
    for file in files {
        docs.extend(parse_gum(&read_text(&file)?, &lexicon).map_err(|reason| EvalError::format(&file, reason))?);
    }
    Ok(docs)
}

fn load_stage(model: Option<&Path>) -> Result<EntityStage, EvalError> {
    match model {
        None => EntityStage::load().map_err(|e| EvalError::Load(e.to_string())),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
            let tagger = Tagger::from_bytes(&bytes).map_err(|e| EvalError::format(path, e.to_string()))?;
            Ok(EntityStage::with_tagger(tagger))
        }
    }
}

/// BIO tags of `len` tokens from typed spans.
fn bio(len: usize, spans: &[(usize, usize, String)]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); len];
    // A mention that is not on gold token boundaries has no tags to show.
    for (start, end, kind) in spans {
        let Some(covered) = tags.get_mut(*start..*end) else { continue };
        for (k, tag) in covered.iter_mut().enumerate() {
            *tag = format!("{}-{kind}", if k == 0 { "B" } else { "I" });
        }
    }
    tags
}

fn export_gold(docs: &[GoldDoc], out: &Path) -> Result<(), EvalError> {
    let mut text = String::new();
    for sentence in docs.iter().flat_map(|d| &d.sentences) {
        let tags = bio(sentence.words.len(), &spans_from_iob(&sentence.tags));
        for (word, tag) in sentence.words.iter().zip(tags) {
            text += &format!("{word}\t{tag}\n");
        }
        text.push('\n');
    }
    std::fs::write(out, text).map_err(|e| EvalError::io(out, e))
}

/// Scores `token<TAB>gold<TAB>pred` lines, sentences separated by blank lines.
fn score_predictions(path: &Path) -> Result<Counts, EvalError> {
    let text = read_text(path)?;
    let mut counts = Counts::default();
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    let mut sentence = 0;
    for (number, line) in text.lines().chain(std::iter::once("")).enumerate() {
        if line.trim().is_empty() {
            if !gold.is_empty() {
                counts.add(gold.len(), &scored(sentence, &gold), &scored(sentence, &pred));
                sentence += 1;
            }
            gold.clear();
            pred.clear();
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() < 3 {
            return Err(EvalError::format(path, format!("line {}: expected token<TAB>gold<TAB>pred", number + 1)));
        }
        gold.push(columns[1].trim().to_string());
        pred.push(columns[2].trim().to_string());
    }
    Ok(counts)
}

fn scored(sentence: usize, tags: &[String]) -> Vec<ScoredSpan> {
    spans_from_iob(tags).into_iter().map(|(s, e, k)| (sentence, s, e, k)).collect()
}

/// Time spent in the stage.
struct Seconds {
    wall: f64,
    /// CPU time of this thread, where the system tells it.
    cpu: Option<f64>,
    /// Documents the entities stage ran on.
    annotated: usize,
}

/// CPU seconds this thread has used (Linux: utime + stime of
/// /proc/thread-self/stat, in clock ticks of 10 ms).
fn thread_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// What is scored: the whole extract path, or the entities stage alone on
/// the gold tokens.
enum Predictor {
    Extract(newsgraph::Pipeline),
    Stage { stage: EntityStage, tagger_only: bool },
}

impl Predictor {
    /// Entities of one gold document, per gold sentence, and whether the
    /// English-only stages ran on it.
    fn predict(&self, gold: &GoldDoc) -> (Vec<Vec<Predicted>>, bool) {
        match self {
            Predictor::Stage { stage, tagger_only } => (predict(stage, gold.document(), *tagger_only), true),
            Predictor::Extract(pipeline) => {
                let gold_doc = gold.document();
                let mut doc = Document::new("gold", "gold", gold_doc.text.clone());
                let runs = pipeline.annotate(&mut doc);
                let ran = runs.iter().any(|run| run.stage == StageName::Entities && run.status == RunStatus::Ran);
                (predict_on_gold(&gold_doc, &doc.entities), ran)
            }
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Predictor::Stage { tagger_only: true, .. } => "the tagger alone, on the gold tokens",
            Predictor::Stage { .. } => "the entities stage on the gold tokens",
            Predictor::Extract(_) => "the whole extract path on the gold text",
        }
    }
}

/// One fold's documents and counts.
struct FoldCounts {
    documents: usize,
    counts: Counts,
}

impl FoldCounts {
    fn figure(&self, pick: fn((f64, f64, f64)) -> f64) -> f64 {
        pick(prf(self.counts.overall()))
    }
}

/// The entities stage has nothing fitted to these documents (the tagger
/// learnt from the training split), but the whole path's post-processing
/// rules were tuned on them: the spread between folds shows how much.
fn print_folds(per_fold: &[FoldCounts]) {
    let figures: [folds::Figure<FoldCounts>; 3] =
        [("P", |f| f.figure(|(p, _, _)| p)), ("R", |f| f.figure(|(_, r, _)| r)), ("F1", |f| f.figure(|(_, _, f1)| f1))];
    folds::print_folds("", per_fold, |f| (f.documents, f.counts.overall().0), &figures, 100.0);
}

/// Runs the predictor on every document; returns the counts (overall and
/// per fold, document i in fold i % `folds`), the `token gold pred` lines
/// and the time spent predicting.
fn evaluate(predictor: &Predictor, docs: &[GoldDoc], folds: usize) -> (Counts, Vec<FoldCounts>, String, Seconds) {
    let mut counts = Counts::default();
    let mut per_fold: Vec<FoldCounts> =
        (0..folds).map(|_| FoldCounts { documents: 0, counts: Counts::default() }).collect();
    let mut lines = String::new();
    let mut seconds = 0.0;
    let mut cpu = 0.0;
    let mut sentence_number = 0;
    let mut annotated = 0;
    for (i, gold) in docs.iter().enumerate() {
        let fold = &mut per_fold[i % folds];
        fold.documents += 1;
        let clock = Instant::now();
        let cpu_before = thread_cpu();
        let (predicted, ran) = predictor.predict(gold);
        annotated += usize::from(ran);
        seconds += clock.elapsed().as_secs_f64();
        cpu += thread_cpu().zip(cpu_before).map_or(0.0, |(after, before)| after - before);
        for (s, sentence) in gold.sentences.iter().enumerate() {
            let gold_spans: Vec<(usize, usize, String)> = spans_from_iob(&sentence.tags);
            let ours = predicted.get(s).cloned().unwrap_or_default();
            let tags = (bio(sentence.words.len(), &gold_spans), bio(sentence.words.len(), &ours));
            for ((word, g), p) in sentence.words.iter().zip(&tags.0).zip(&tags.1) {
                lines += &format!("{word}\t{g}\t{p}\n");
            }
            lines.push('\n');
            let number = |spans: Vec<(usize, usize, String)>| -> Vec<ScoredSpan> {
                spans.into_iter().map(|(a, b, k)| (sentence_number, a, b, k)).collect()
            };
            let (gold_spans, ours) = (number(gold_spans), number(ours));
            counts.add(sentence.words.len(), &gold_spans, &ours);
            fold.counts.add(sentence.words.len(), &gold_spans, &ours);
            sentence_number += 1;
        }
    }
    let cpu = thread_cpu().map(|_| cpu);
    (counts, per_fold, lines, Seconds { wall: seconds, cpu, annotated })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_marks_spans() {
        let tags = bio(4, &[(1, 3, "PER".to_string())]);
        assert_eq!(tags, vec!["O", "B-PER", "I-PER", "O"]);
    }

    #[test]
    fn documents_keep_token_offsets() {
        let gold = parse_conll("EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n").unwrap();
        let doc = gold[0].document();
        assert_eq!(doc.token_text(&doc.tokens[2]), "Peter");
        assert_eq!(doc.sentences[1].first_token, 2);
    }

    #[test]
    fn exported_gold_scores_perfectly_as_predictions() {
        let gold =
            parse_conll("EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n")
                .unwrap();
        let dir = std::env::temp_dir().join(format!("newsgraph-ner-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let exported = dir.join("gold.tsv");
        export_gold(&gold, &exported).unwrap();
        let text = std::fs::read_to_string(&exported).unwrap();
        assert_eq!(text, "EU\tB-ORG\nrejects\tO\n\nPeter\tB-PER\nBlackburn\tI-PER\n\n");
        let predictions = dir.join("pred.tsv");
        let lines: String = text
            .lines()
            .map(|l| if l.is_empty() { "\n".to_string() } else { format!("{l}\t{}\n", l.split('\t').nth(1).unwrap()) })
            .collect();
        std::fs::write(&predictions, lines).unwrap();
        let counts = score_predictions(&predictions).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(counts.overall(), (2, 2, 2));
    }
}
