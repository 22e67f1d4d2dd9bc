//! `newsgraph eval events`: the events stage against three public corpora.
//!
//! - `plover`: PLOVER gold-standard records (`plover-gsr-dev.json`). Each
//!   record is one sentence with one gold event; the system event compared
//!   is the one whose trigger is a word of the gold `eventText` (statements
//!   last), else the first non-statement event. Scores: PLOVER type
//!   accuracy (the gold file predates the 2021 type names, so DEMAND is read
//!   as REQUEST, DISAPPROVE and INVESTIGATE as ACCUSE, FIGHT as ASSAULT, as
//!   in the CAMEO2PLOVER-2021 table), source and target country accuracy
//!   (international bodies count as `IGO`, as the gold codes them).
//! - `petrarch`: PETRARCH2 unit-test records, coded with only the bundled
//!   `PETR.Validate.*` dictionaries and no parse: the share of expected
//!   (source, target, code) triples the stage reproduces.
//! - `factuality`: UW event factuality. Each predicate's status is mapped
//!   to a score (the mean gold score of that status on the train split);
//!   mean absolute error and Pearson r on the dev split.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use newsgraph_core::shared::shared_path;
use newsgraph_core::{Document, Event, EventStatus, Stage};
use newsgraph_events::{cameo, EventStage, TypeModel};
use newsgraph_pipeline::{Pipeline, PipelineOptions};
use newsgraph_text::TextStage;
use serde_json::Value;

use crate::{event_model, EvalError};

const USAGE: &str =
    "usage: newsgraph eval events [plover|petrarch|factuality|all] [--full] [--errors] [--folds K] [--model FILE]\n\
                     \x20      newsgraph eval events train --out FILE\n\
                     \x20      newsgraph eval events codebook --out FILE\n\
                     corpora from ../shared/eval/events and ../shared/eval/factuality/UW;\n\
                     --full runs every stage (default: text and events only), --errors lists misses;\n\
                     --folds K (2 or more) adds held-out PLOVER figures: record i is in fold i % K, and each fold is\n\
                     scored without the verb blocks only it uses, and by type models trained without it;\n\
                     train writes a type model trained on every source, --model scores the PLOVER records with one;\n\
                     codebook writes the verbs of the CAMEO2PLOVER table's descriptions (crates/events/data/codebook_verbs.tsv)";

/// The value after an option, as a usage error when missing or unreadable.
fn value<T: std::str::FromStr>(args: &mut std::slice::Iter<String>) -> Result<T, EvalError> {
    args.next().and_then(|v| v.parse().ok()).ok_or_else(|| EvalError::Usage(USAGE.into()))
}

pub fn run(args: &[String]) -> Result<(), EvalError> {
    let mut which = "all".to_string();
    let (mut full, mut errors) = (false, false);
    let (mut folds, mut out, mut model): (Option<usize>, Option<PathBuf>, Option<PathBuf>) = (None, None, None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--full" => full = true,
            "--errors" => errors = true,
            "--folds" => {
                folds = Some(
                    value(&mut args).ok().filter(|&k: &usize| k >= 2).ok_or_else(|| EvalError::Usage(USAGE.into()))?,
                )
            }
            "--out" => out = Some(value(&mut args)?),
            "--model" => model = Some(value(&mut args)?),
            "plover" | "petrarch" | "factuality" | "all" | "train" | "codebook" => which = arg.clone(),
            _ => return Err(EvalError::Usage(USAGE.into())),
        }
    }
    let plover_path = shared_path("eval/events/plover-gsr-dev.json");
    let unit_tests = shared_path("eval/events/PETR.UnitTest.records.xml");
    if which == "codebook" {
        let (Some(table), Some(out)) = (shared_path("eval/events/CAMEO2PLOVER-2021.txt"), out) else {
            return Err(EvalError::Usage(format!(
                "codebook needs --out FILE and ../shared/eval/events/CAMEO2PLOVER-2021.txt\n{USAGE}"
            )));
        };
        let rows = codebook_verbs(&read_text(&table)?);
        std::fs::write(&out, codebook_text(&rows)).map_err(|e| EvalError::io(&out, e))?;
        println!("codebook verbs: {} rows, written to {}", rows.len(), out.display());
        return Ok(());
    }
    if which == "train" {
        let (Some(path), Some(out)) = (plover_path, out) else {
            return Err(EvalError::Usage(format!(
                "train needs --out FILE and ../shared/eval/events/plover-gsr-dev.json\n{USAGE}"
            )));
        };
        let records = read_plover(&path)?;
        let (types, header) = event_model::build(&records, &event_model::gather(&records, unit_tests.as_deref())?)?;
        std::fs::write(&out, types.to_text(&header)).map_err(|e| EvalError::io(&out, e))?;
        println!("learned triggers: {} features, written to {}", types.features_known(), out.display());
        return Ok(());
    }
    if matches!(which.as_str(), "plover" | "all") {
        match &plover_path {
            Some(path) => {
                match &model {
                    Some(file) => {
                        let triggers =
                            TypeModel::parse(&read_text(file)?).map_err(|e| EvalError::format(file, e.to_string()))?;
                        let pipeline = event_model::pipeline_with(event_model::Setup {
                            triggers: Some(triggers),
                            ..Default::default()
                        })?;
                        print_plover(&score_plover(read_plover(path)?.iter(), &pipeline, errors));
                    }
                    None => print_plover(&plover(path, full, errors)?),
                }
                if let Some(folds) = folds {
                    print_folds(path, unit_tests.as_deref(), folds, errors)?;
                }
            }
            None => println!("plover: corpus absent (../shared/eval/events/plover-gsr-dev.json), skipped"),
        }
    }
    if matches!(which.as_str(), "petrarch" | "all") {
        match &unit_tests {
            Some(path) => {
                print_petrarch(&petrarch(path, errors)?);
                if folds.is_some() {
                    println!("  (no folds: the parity check codes with PETRARCH's own dictionaries and no trained model; nothing is fitted to these records)");
                }
            }
            None => println!("petrarch: corpus absent (../shared/eval/events/PETR.UnitTest.records.xml), skipped"),
        }
    }
    if matches!(which.as_str(), "factuality" | "all") {
        match (shared_path("eval/factuality/UW/train.jsonl"), shared_path("eval/factuality/UW/dev.jsonl")) {
            (Some(train), Some(dev)) => print_factuality(&factuality(&train, &dev, errors)?),
            _ => println!("factuality: corpus absent (../shared/eval/factuality/UW/), skipped"),
        }
    }
    Ok(())
}

fn load_stage(actors: &[PathBuf], verbs: &[PathBuf], petrarch: bool) -> Result<EventStage, EvalError> {
    let stage = if petrarch { EventStage::petrarch(actors, verbs) } else { EventStage::load(actors, verbs) };
    stage.map_err(|e| EvalError::Load(e.to_string()))
}

/// Text and events stages, or the whole pipeline with `full`.
fn pipeline(full: bool) -> Result<Pipeline, EvalError> {
    if full {
        return Pipeline::load(&PipelineOptions::default()).map_err(|e| EvalError::Load(e.to_string()));
    }
    let events = load_stage(&[], &[], false)?;
    Ok(Pipeline::from_stages(vec![Box::new(TextStage::new()), Box::new(events)]))
}

fn read_text(path: &Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

// ---------------------------------------------------------------- PLOVER

/// Counts behind the PLOVER figures.
#[derive(Clone, Debug, Default)]
pub struct PloverScores {
    pub records: usize,
    pub type_correct: usize,
    pub sources: usize,
    pub source_correct: usize,
    pub targets: usize,
    pub target_correct: usize,
    /// Gold type -> (records, correct).
    pub per_type: BTreeMap<String, (usize, usize)>,
}

impl PloverScores {
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_correct, self.records)
    }
    pub fn source_accuracy(&self) -> f64 {
        ratio(self.source_correct, self.sources)
    }
    pub fn target_accuracy(&self) -> f64 {
        ratio(self.target_correct, self.targets)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The gold file's older type names, read as the 2021 types.
fn plover_2021(gold: &str) -> &str {
    match gold {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// The country part of an actor code, with international bodies as `IGO`
/// (armed groups without a state keep CAMEO's `IMG`).
fn country_of(code: &str) -> String {
    if cameo::alpha2(code).is_some() || code.starts_with("IMG") {
        return code[..3].to_string();
    }
    "IGO".to_string()
}

fn gold_countries(value: Option<&Value>) -> Option<HashSet<String>> {
    let list = value?.as_array()?;
    let set: HashSet<String> = list
        .iter()
        .filter_map(|a| a.get("code").and_then(Value::as_str))
        .map(|c| c.get(..3).unwrap_or(c).to_string())
        .map(|c| if matches!(c.as_str(), "NGO" | "NGM") { "IGO".to_string() } else { c })
        .collect();
    (!set.is_empty()).then_some(set)
}

/// The system event that answers the gold record (see the module doc).
pub(crate) fn main_event<'e>(events: &'e [Event], event_text: &str) -> Option<&'e Event> {
    // Words compared by their first five letters: "refusing" answers "refused".
    let stem = |w: &str| w.to_lowercase().chars().take(5).collect::<String>();
    let gold_words: HashSet<String> =
        event_text.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| w.len() > 2).map(stem).collect();
    let hits = |e: &&Event| e.trigger.text.split_whitespace().any(|w| gold_words.contains(&stem(w)));
    let statement = |e: &&Event| e.cameo.starts_with("01");
    events
        .iter()
        .filter(hits)
        .find(|e| !statement(e))
        .or_else(|| events.iter().find(|e| !statement(e) && hits(e)))
        .or_else(|| events.iter().find(|e| !statement(e)))
        .or_else(|| events.iter().find(hits))
        .or_else(|| events.first())
}

/// One PLOVER gold record.
#[derive(Clone, Debug)]
pub struct PloverRecord {
    pub id: String,
    pub date: Option<String>,
    pub text: String,
    /// Gold type under its 2021 name.
    pub gold: String,
    pub event_text: String,
    /// Gold countries of each side, and the gold JSON (for `--errors`).
    pub source: Option<HashSet<String>>,
    pub target: Option<HashSet<String>>,
    source_json: String,
    target_json: String,
}

impl PloverRecord {
    pub(crate) fn document(&self) -> Document {
        let mut doc = Document::new(self.id.clone(), "plover", self.text.clone());
        doc.anchor_date = self.date.clone();
        doc
    }
}

/// The records with a text and a gold event (the file's documentation
/// record has no text).
pub fn read_plover(path: &Path) -> Result<Vec<PloverRecord>, EvalError> {
    let records: Value = serde_json::from_str(&read_text(path)?).map_err(|e| EvalError::format(path, e.to_string()))?;
    let records = records.as_array().ok_or_else(|| EvalError::format(path, "not a JSON array"))?;
    let string = |r: &Value, key: &str| r.get(key).and_then(Value::as_str).map(str::to_string);
    Ok(records
        .iter()
        .filter_map(|r| {
            let (text, gold) = (string(r, "text")?, string(r, "event")?);
            Some(PloverRecord {
                id: string(r, "id").unwrap_or_default(),
                date: string(r, "date"),
                text,
                gold: plover_2021(&gold).to_string(),
                event_text: string(r, "eventText").unwrap_or_default(),
                source: gold_countries(r.get("source")),
                target: gold_countries(r.get("target")),
                source_json: r.get("source").map(Value::to_string).unwrap_or_default(),
                target_json: r.get("target").map(Value::to_string).unwrap_or_default(),
            })
        })
        .collect())
}

pub fn plover(path: &Path, full: bool, errors: bool) -> Result<PloverScores, EvalError> {
    Ok(score_plover(read_plover(path)?.iter(), &pipeline(full)?, errors))
}

/// Scores of `pipeline` on `records`.
pub fn score_plover<'r>(
    records: impl Iterator<Item = &'r PloverRecord>,
    pipeline: &Pipeline,
    errors: bool,
) -> PloverScores {
    let mut scores = PloverScores::default();
    for record in records {
        let mut doc = record.document();
        pipeline.annotate(&mut doc);
        let ours = main_event(&doc.events, &record.event_text);
        let (gold, text) = (record.gold.as_str(), &record.text);
        let type_ok = ours.is_some_and(|e| e.plover == gold);
        scores.records += 1;
        scores.type_correct += usize::from(type_ok);
        let entry = scores.per_type.entry(gold.to_string()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(type_ok);
        let right = |gold: &Option<HashSet<String>>, ours: Option<&String>| {
            gold.as_ref().map(|g| ours.is_some_and(|c| g.contains(&country_of(c))))
        };
        let source = ours.and_then(|e| e.source.as_ref()).and_then(|s| s.actor.as_ref());
        let target = ours.and_then(|e| e.target.as_ref()).and_then(|s| s.actor.as_ref());
        let (source_ok, target_ok) = (right(&record.source, source), right(&record.target, target));
        scores.sources += usize::from(source_ok.is_some());
        scores.source_correct += usize::from(source_ok == Some(true));
        scores.targets += usize::from(target_ok.is_some());
        scores.target_correct += usize::from(target_ok == Some(true));
        if !errors {
            continue;
        }
        let participant = |side: Option<&newsgraph_core::Participant>| side.map(|p| (p.text.clone(), p.actor.clone()));
        if source_ok == Some(false) {
            println!(
                "  source {} got {:?}: {text}",
                record.source_json,
                participant(ours.and_then(|e| e.source.as_ref()))
            );
        }
        if target_ok == Some(false) {
            println!(
                "  target {} got {:?} ({:?}): {text}",
                record.target_json,
                participant(ours.and_then(|e| e.target.as_ref())),
                ours.map(|e| &e.trigger.text)
            );
        }
        if !type_ok {
            println!(
                "  type {gold} ({:?}) got {:?} ({:?}): {text}",
                record.event_text,
                ours.map(|e| &e.plover),
                ours.map(|e| &e.trigger.text)
            );
        }
    }
    scores
}

impl PloverScores {
    pub(crate) fn add(&mut self, other: &PloverScores) {
        self.records += other.records;
        self.type_correct += other.type_correct;
        self.sources += other.sources;
        self.source_correct += other.source_correct;
        self.targets += other.targets;
        self.target_correct += other.target_correct;
        for (kind, (n, ok)) in &other.per_type {
            let entry = self.per_type.entry(kind.clone()).or_default();
            entry.0 += n;
            entry.1 += ok;
        }
    }
}

/// The held-out figures beside the dictionaries' own, for each mix of
/// training sources (what each adds).
fn print_folds(path: &Path, unit_tests: Option<&Path>, folds: usize, errors: bool) -> Result<(), EvalError> {
    let records = read_plover(path)?;
    let corpus = event_model::gather(&records, unit_tests)?;
    println!("plover, {folds} folds (record i in fold i % {folds}):");
    println!("  {} PLOVER and {} PETRARCH2 training examples", corpus.plover.len(), corpus.petrarch.len());
    let line = |name: &str, s: &PloverScores| {
        println!(
            "  {name:<50} type {:.3}  source {:.3}  target {:.3}",
            s.type_accuracy(),
            s.source_accuracy(),
            s.target_accuracy()
        );
    };
    use event_model::{held_out_triggers, pipeline_with, Ablation, Setup, Sources};
    line("dictionaries alone, all records", &score_plover(records.iter(), &pipeline_with(Setup::default())?, false));
    if errors {
        println!("  misses held out (dictionaries alone, without the blocks only the fold uses):");
    }
    line(
        "dictionaries alone, held out",
        &held_out_triggers(&records, &corpus, folds, Ablation::Blocks, false, errors)?,
    );
    line(
        "dictionaries alone, held out, codebook list kept",
        &held_out_triggers(&records, &corpus, folds, Ablation::HandWritten, false, false)?,
    );
    line("+ learned triggers, held out", &held_out_triggers(&records, &corpus, folds, Ablation::Blocks, true, false)?);
    line(
        "learned triggers, whole dictionary, held out",
        &held_out_triggers(&records, &corpus, folds, Ablation::None, true, false)?,
    );
    println!("  retyping the dictionaries' events (not used: it lowers the figures):");
    let petrarch = Sources { plover: false, petrarch: true };
    let types = event_model::train(&corpus, petrarch, None);
    line(
        "  model of PETRARCH2 unit tests only, all records",
        &score_plover(records.iter(), &pipeline_with(Setup { types: Some(types), ..Setup::default() })?, false),
    );
    for sources in [Sources { plover: true, petrarch: false }, Sources::ALL] {
        line(
            &format!("  model of {}, held out", sources.name()),
            &event_model::held_out(&records, &corpus, sources, folds)?,
        );
    }
    Ok(())
}

fn print_plover(s: &PloverScores) {
    println!("plover: {} records", s.records);
    println!("  event type accuracy     {:.3} ({}/{})", s.type_accuracy(), s.type_correct, s.records);
    println!("  source country accuracy {:.3} ({}/{})", s.source_accuracy(), s.source_correct, s.sources);
    println!("  target country accuracy {:.3} ({}/{})", s.target_accuracy(), s.target_correct, s.targets);
    for (kind, (n, ok)) in &s.per_type {
        println!("    {kind:<10} {:.2} ({ok}/{n})", ratio(*ok, *n));
    }
}

// ---------------------------------------------------------------- codebook verbs

/// Words of a description that name no act: function words, and the
/// table's modifiers of kind ("economic aid", "military force"), which
/// would let a generic verb code any economic or military object.
const NOT_OBJECTS: [&str; 31] = [
    "the",
    "and",
    "for",
    "with",
    "that",
    "against",
    "target",
    "change",
    "from",
    "into",
    "such",
    "over",
    "other",
    "out",
    "non-mediation",
    "engagement",
    "matters",
    "legal",
    "military",
    "political",
    "economic",
    "humanitarian",
    "diplomatic",
    "international",
    "administrative",
    "popular",
    "formal",
    "material",
    "human",
    "armed",
    "intent",
];

/// (verb, CAMEO code, object words) of each leading verb of each row of
/// the CAMEO2PLOVER table ("051: SUPPORT, ... # Praise or endorse" gives
/// PRAISE and ENDORSE; "1723: COERCE, ... # Impose curfew" gives IMPOSE
/// with CURFEW). The leading verbs are the first word and each word after
/// a comma or "or" that follows it (after a leading adverb); the rest of the description are the
/// objects that make a generic verb ("impose", "conduct") an act.
fn codebook_verbs(table: &str) -> Vec<(String, String, Vec<String>)> {
    let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
    for line in table.lines() {
        let Some((code, rest)) = line.split_once(':') else { continue };
        let code = code.trim();
        let (Some(_), Some(description)) = (cameo::plover(code), rest.split_once('#').map(|p| p.1)) else {
            continue;
        };
        let words: Vec<&str> = description.split_whitespace().collect();
        let mut verbs = Vec::new();
        let mut i = 0;
        // "Physically assault": the verb follows the adverb.
        if words.first().is_some_and(|w| w.len() > 6 && w.ends_with("ly")) {
            i = 1;
        }
        while let Some(word) = words.get(i) {
            verbs.push(clean_word(word));
            i += match words.get(i + 1) {
                Some(&"or") => 2,
                Some(_) if word.ends_with(',') => 1,
                _ => break,
            };
        }
        let objects: Vec<String> = words
            .iter()
            .skip(i + 1)
            .map(|w| clean_word(w))
            .filter(|w| {
                w.len() >= 3
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !w.ends_with("LY")
                    && !NOT_OBJECTS.contains(&w.to_lowercase().as_str())
            })
            .collect();
        for verb in verbs.into_iter().filter(|v| v.len() >= 3) {
            let row = (verb, code.to_string(), objects.clone());
            if !out.contains(&row) {
                out.push(row);
            }
        }
    }
    out
}

fn clean_word(word: &str) -> String {
    word.trim_end_matches("(s)").trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_uppercase()
}

fn codebook_text(rows: &[(String, String, Vec<String>)]) -> String {
    let mut out = String::from(
        "# The leading verbs of the descriptions of the CAMEO2PLOVER table of 17 September 2021\n\
         # (openeventdata/PLOVER, CC-BY-SA 4.0), with the row's CAMEO code and the words of the rest of\n\
         # the description. Built by `newsgraph eval events codebook --out crates/events/data/codebook_verbs.tsv`.\n\
         # Line: verb, tab, CAMEO code, tab, object words (none: the verb alone names the act).\n",
    );
    for (verb, code, objects) in rows {
        out.push_str(&format!("{verb}\t{code}\t{}\n", objects.join(" ")));
    }
    out
}

// ---------------------------------------------------------------- PETRARCH

/// One unit-test record: its date, text and expected triples.
#[derive(Clone, Debug)]
pub struct UnitTest {
    pub id: String,
    pub date: Option<String>,
    pub text: String,
    pub expected: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct PetrarchScores {
    pub records: usize,
    pub expected: usize,
    pub reproduced: usize,
}

impl PetrarchScores {
    pub fn share(&self) -> f64 {
        ratio(self.reproduced, self.expected)
    }
}

/// Value of `name="..."` (or `name='...'`) in a tag's attribute text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = tag[at..].trim_start();
    let quote = rest.chars().next()?;
    let inner = &rest[1..];
    let end = inner.find(quote)?;
    Some(inner[..end].trim_matches('"').to_string())
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Records with expected codings (those testing errors or "no events" have none).
pub fn read_unit_tests(xml: &str) -> Vec<UnitTest> {
    let mut out = Vec::new();
    for chunk in xml.split("<Sentence ").skip(1) {
        let Some(end) = chunk.find("</Sentence>") else { continue };
        let body = &chunk[..end];
        let head = body.split('>').next().unwrap_or("");
        let text = body.split("<Text>").nth(1).and_then(|t| t.split("</Text>").next()).unwrap_or("");
        let expected: Vec<(String, String, String)> = body
            .split("<EventCoding ")
            .skip(1)
            .filter_map(|tag| {
                let tag = tag.split('>').next()?;
                Some((attribute(tag, "sourcecode")?, attribute(tag, "targetcode")?, attribute(tag, "eventcode")?))
            })
            .collect();
        if expected.is_empty() {
            continue;
        }
        let date =
            attribute(head, "date").filter(|d| d.len() == 8).map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]));
        let text = unescape(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push(UnitTest { id: attribute(head, "id").unwrap_or_default(), date, text, expected });
    }
    out
}

pub fn petrarch(path: &Path, errors: bool) -> Result<PetrarchScores, EvalError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let actors = vec![dir.join("PETR.Validate.actors.txt"), dir.join("PETR.Validate.agents.txt")];
    let verbs = vec![dir.join("PETR.Validate.verbs.txt")];
    let stage = load_stage(&actors, &verbs, true)?;
    let text_stage = TextStage::new();
    let mut scores = PetrarchScores::default();
    for test in read_unit_tests(&read_text(path)?) {
        let mut doc = Document::new(test.id.clone(), "petrarch", test.text.clone());
        doc.anchor_date = test.date.clone();
        text_stage.annotate(&mut doc);
        stage.annotate(&mut doc);
        let ours: HashSet<(String, String, String)> = doc
            .events
            .iter()
            .map(|e| {
                let code = |p: &Option<newsgraph_core::Participant>| {
                    p.as_ref().and_then(|p| p.actor.clone()).unwrap_or_else(|| "---".into())
                };
                (code(&e.source), code(&e.target), e.cameo.clone())
            })
            .collect();
        scores.records += 1;
        for triple in &test.expected {
            scores.expected += 1;
            let hit = ours.contains(triple);
            scores.reproduced += usize::from(hit);
            if errors && !hit {
                println!("  {} missed {:?}; got {:?}: {}", test.id, triple, ours, test.text);
            }
        }
    }
    Ok(scores)
}

fn print_petrarch(s: &PetrarchScores) {
    println!("petrarch: {} unit-test records with codings", s.records);
    println!("  expected codings reproduced {:.3} ({}/{})", s.share(), s.reproduced, s.expected);
}

// ---------------------------------------------------------------- factuality

#[derive(Clone, Debug, Default)]
pub struct FactualityScores {
    pub targets: usize,
    pub mae: f64,
    pub pearson: f64,
    /// Status -> (score it maps to, dev targets given it).
    pub mapping: BTreeMap<String, (f64, usize)>,
}

/// (gold score, status, context) of every target of a UW jsonl file.
fn judge_file(path: &Path, stage: &EventStage) -> Result<Vec<(f64, EventStatus, String)>, EvalError> {
    let text_stage = TextStage::new();
    let mut out = Vec::new();
    for line in read_text(path)?.lines().filter(|l| !l.trim().is_empty()) {
        let record: Value = serde_json::from_str(line).map_err(|e| EvalError::format(path, e.to_string()))?;
        let Some(text) = record.get("text").and_then(Value::as_str) else { continue };
        let mut doc = Document::new("uw", "factuality", text);
        text_stage.annotate(&mut doc);
        let starts = word_starts(text);
        for target in record.get("targets").and_then(Value::as_array).into_iter().flatten() {
            let (Some(index), Some(label)) =
                (target.pointer("/span1/0").and_then(Value::as_u64), target.get("label").and_then(Value::as_f64))
            else {
                continue;
            };
            let Some(&at) = starts.get(index as usize) else { continue };
            let Some(sentence) = doc.sentence_at(at) else { continue };
            let Some(token) =
                doc.sentence_tokens(sentence).iter().position(|t| t.start <= at && at < t.end.max(t.start + 1))
            else {
                continue;
            };
            let words: Vec<&str> = text.split(' ').collect();
            let index = index as usize;
            let context = format!(
                "{} [[{}]] {}",
                words[index.saturating_sub(8)..index].join(" "),
                words[index],
                words[index + 1..(index + 4).min(words.len())].join(" ")
            );
            out.push((label, stage.status_of_token(&doc, sentence, token), context));
        }
    }
    Ok(out)
}

/// Byte offsets of the space-separated words of a pre-tokenised text.
fn word_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut previous_space = true;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            previous_space = true;
        } else {
            if previous_space {
                out.push(i);
            }
            previous_space = false;
        }
    }
    out
}

fn status_name(status: EventStatus) -> String {
    serde_json::to_value(status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

pub fn factuality(train: &Path, dev: &Path, errors: bool) -> Result<FactualityScores, EvalError> {
    let stage = load_stage(&[], &[], false)?;
    let mut sums: HashMap<String, (f64, usize)> = HashMap::new();
    for (label, status, _) in judge_file(train, &stage)? {
        let entry = sums.entry(status_name(status)).or_default();
        entry.0 += label;
        entry.1 += 1;
    }
    let score_of = |status: EventStatus| sums.get(&status_name(status)).map_or(3.0, |(sum, n)| sum / *n as f64);
    let judged = judge_file(dev, &stage)?;
    let pairs: Vec<(f64, f64)> = judged.iter().map(|&(label, status, _)| (label, score_of(status))).collect();
    if errors {
        for (label, status, context) in
            judged.iter().filter(|(label, status, _)| (label - score_of(*status)).abs() > 2.0)
        {
            println!("  gold {label:+.1} got {}: {context}", status_name(*status));
        }
    }
    let mut mapping: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for &(_, status, _) in &judged {
        mapping.entry(status_name(status)).or_insert((score_of(status), 0)).1 += 1;
    }
    let n = pairs.len().max(1) as f64;
    let mae = pairs.iter().map(|(g, s)| (g - s).abs()).sum::<f64>() / n;
    Ok(FactualityScores { targets: pairs.len(), mae, pearson: pearson(&pairs), mapping })
}

fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (mx, my) = (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n);
    let cov: f64 = pairs.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = pairs.iter().map(|(x, _)| (x - mx).powi(2)).sum();
    let vy: f64 = pairs.iter().map(|(_, y)| (y - my).powi(2)).sum();
    if vx == 0.0 || vy == 0.0 {
        0.0
    } else {
        cov / (vx.sqrt() * vy.sqrt())
    }
}

fn print_factuality(s: &FactualityScores) {
    println!("factuality (UW dev, status scores from train): {} predicates", s.targets);
    println!("  mean absolute error {:.3}", s.mae);
    println!("  Pearson r           {:.3}", s.pearson);
    for (status, (score, n)) in &s.mapping {
        println!("    {status:<12} -> {score:+.2} ({n})");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_of_a_line_is_one() {
        let pairs = [(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)];
        assert!((pearson(&pairs) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn attributes_with_either_quote() {
        assert_eq!(attribute(r#"sourcecode="ARN" eventcode='"X Y"'"#, "eventcode").as_deref(), Some("X Y"));
        assert_eq!(attribute(r#"sourcecode="ARN""#, "sourcecode").as_deref(), Some("ARN"));
    }

    /// Every code of the CAMEO2PLOVER-2021 table maps to the type the table gives.
    #[test]
    fn plover_mapping_matches_the_table() {
        let Some(path) =
            newsgraph_core::shared::require("eval/events/CAMEO2PLOVER-2021.txt", concat!(file!(), ":", line!()))
        else {
            println!("CAMEO2PLOVER-2021.txt absent, skipped");
            return;
        };
        let table = read_text(&path).unwrap();
        let mut checked = 0;
        for line in table.lines() {
            let Some((code, rest)) = line.split_once(':') else { continue };
            let code = code.trim();
            if code.len() < 3 || !code.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let kind = rest.split([',', '#']).next().unwrap_or("").trim();
            assert_eq!(cameo::plover(code), Some(kind), "code {code}");
            checked += 1;
        }
        assert!(checked > 200, "only {checked} codes checked");
    }

    #[test]
    fn plover_gold_floor() {
        let Some(path) =
            newsgraph_core::shared::require("eval/events/plover-gsr-dev.json", concat!(file!(), ":", line!()))
        else {
            println!("plover-gsr-dev.json absent, skipped");
            return;
        };
        let s = plover(&path, false, false).unwrap();
        print_plover(&s);
        assert!(s.type_accuracy() >= FLOOR_PLOVER_TYPE, "type accuracy {:.3}", s.type_accuracy());
        assert!(s.source_accuracy() >= FLOOR_PLOVER_SOURCE, "source accuracy {:.3}", s.source_accuracy());
        assert!(s.target_accuracy() >= FLOOR_PLOVER_TARGET, "target accuracy {:.3}", s.target_accuracy());
    }

    /// The held-out folds: each fold scored without the verb blocks only it
    /// uses falls below the dictionaries' figure on every record (the blind
    /// splits fall as far; the gap was 0.18 before the codebook rules and is
    /// 0.075 now: more than 0.05 says the ablation still removes what only
    /// the fold uses), stays above its floors, and learned triggers trained
    /// without the fold do not lower it.
    #[test]
    fn held_out_folds_fall_below_the_dev_figures() {
        let Some(path) =
            newsgraph_core::shared::require("eval/events/plover-gsr-dev.json", concat!(file!(), ":", line!()))
        else {
            println!("plover-gsr-dev.json absent, skipped");
            return;
        };
        let records = read_plover(&path).unwrap();
        let corpus = event_model::gather(&records, None).unwrap();
        let all =
            score_plover(records.iter(), &event_model::pipeline_with(event_model::Setup::default()).unwrap(), false);
        let ablation = event_model::Ablation::Blocks;
        let alone = event_model::held_out_triggers(&records, &corpus, 2, ablation, false, false).unwrap();
        let learned = event_model::held_out_triggers(&records, &corpus, 2, ablation, true, false).unwrap();
        assert_eq!(alone.records, all.records);
        assert!(
            alone.type_accuracy() < all.type_accuracy() - 0.05,
            "held out {:.3}, all {:.3}",
            alone.type_accuracy(),
            all.type_accuracy()
        );
        assert!(alone.type_accuracy() >= FLOOR_HELD_OUT_TYPE, "held-out type {:.3}", alone.type_accuracy());
        assert!(alone.source_accuracy() >= FLOOR_HELD_OUT_SOURCE, "held-out source {:.3}", alone.source_accuracy());
        assert!(
            learned.type_accuracy() >= alone.type_accuracy() && learned.source_accuracy() >= alone.source_accuracy()
        );
    }

    #[test]
    fn petrarch_floor() {
        let Some(path) =
            newsgraph_core::shared::require("eval/events/PETR.UnitTest.records.xml", concat!(file!(), ":", line!()))
        else {
            println!("PETR.UnitTest.records.xml absent, skipped");
            return;
        };
        let s = petrarch(&path, false).unwrap();
        print_petrarch(&s);
        assert!(s.share() >= FLOOR_PETRARCH, "reproduced {:.3}", s.share());
    }

    #[test]
    fn factuality_floor() {
        let (Some(train), Some(dev)) = (
            newsgraph_core::shared::require("eval/factuality/UW/train.jsonl", concat!(file!(), ":", line!())),
            newsgraph_core::shared::require("eval/factuality/UW/dev.jsonl", concat!(file!(), ":", line!())),
        ) else {
            println!("UW factuality absent, skipped");
            return;
        };
        let s = factuality(&train, &dev, false).unwrap();
        print_factuality(&s);
        assert!(s.pearson >= FLOOR_FACTUALITY_R, "Pearson r {:.3}", s.pearson);
    }

    // Floors a little under the measured figures (docs/events.md).
    const FLOOR_PLOVER_TYPE: f64 = 0.835;
    const FLOOR_PLOVER_SOURCE: f64 = 0.895;
    const FLOOR_PLOVER_TARGET: f64 = 0.75;
    /// Split-half held out, dictionaries alone (0.770 / 0.863 now).
    const FLOOR_HELD_OUT_TYPE: f64 = 0.765;
    const FLOOR_HELD_OUT_SOURCE: f64 = 0.855;
    const FLOOR_PETRARCH: f64 = 0.83;
    const FLOOR_FACTUALITY_R: f64 = 0.70;
}
