//! `newsgraph eval stories`: online story clustering of the ECB+ documents
//! against the gold subtopics (`doc_clusters.tsv`, one seminal event per
//! subtopic): B-cubed precision, recall and F1 and the adjusted Rand index,
//! once with the default configuration over all topics and once held out:
//! the story threshold tuned on the other folds' topics, scored on each
//! fold's own.

use std::collections::BTreeMap;
use std::path::Path;

use newsgraph::Record;
use newsgraph_linking::stories::StoryWeights;
use newsgraph_linking::{Article, LinkConfig};

use crate::clusters::{adjusted_rand, bcubed, from_labels, Prf};
use crate::ecb::{annotate, fold_of, link_all, parse_args, read_corpus, EcbDocument};
use crate::{story_model, EvalError};

const USAGE: &str = "usage: newsgraph eval stories [--ecb DIR] [--folds N] [--errors]\n\
                     DIR holds doc_clusters.tsv and ECB+/ (default ../shared/eval/crossdoc);\n\
                     --folds N (default 2): tune on N-1 folds of topics, score on the held-out one;\n\
                     --errors: list the default run's stories that mix or split gold subtopics";

/// Thresholds tried with learned weights: steps of 0.025 over the range
/// where learned scores separate stories (a step of 0.05 moves the
/// held-out F1 by a point).
const LEARNING_GRID: [f32; 17] =
    [0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3, 0.325, 0.35, 0.375, 0.4, 0.425, 0.45, 0.475, 0.5, 0.525, 0.55];

/// Founding margins tried once the threshold is tuned (see
/// [`LinkConfig::founding_margin`]).
const MARGIN_GRID: [f32; 9] = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4];

/// Scores of one clustering against the gold subtopics.
#[derive(Clone, Debug)]
pub struct StoryScores {
    pub documents: usize,
    pub gold: usize,
    pub predicted: usize,
    pub bcubed: Prf,
    pub ari: f64,
}

/// One held-out fold: the weights and threshold learned on the others, and
/// its scores.
#[derive(Clone, Debug)]
pub struct Fold {
    pub fold: u32,
    pub threshold: f32,
    pub founding_margin: f32,
    pub weights: StoryWeights,
    pub scores: StoryScores,
}

#[derive(Clone, Debug)]
pub struct StoryReport {
    pub all: StoryScores,
    /// The default run's predicted story of each document, in corpus order.
    pub all_labels: Vec<String>,
    pub folds: Vec<Fold>,
}

impl StoryReport {
    /// Mean held-out B-cubed F1 over the folds.
    pub fn held_out_f1(&self) -> f64 {
        self.folds.iter().map(|f| f.scores.bcubed.f1).sum::<f64>() / self.folds.len().max(1) as f64
    }
}

pub fn run(args: &[String]) -> Result<(), EvalError> {
    let errors = args.iter().any(|a| a == "--errors");
    let args: Vec<String> = args.iter().filter(|a| *a != "--errors").cloned().collect();
    let (corpus, folds) = parse_args(&args, USAGE)?;
    let Some(dir) = corpus else {
        println!("stories: corpus absent (../shared/eval/crossdoc), skipped");
        return Ok(());
    };
    let documents = read_corpus(&dir)?;
    let annotated = annotate(&documents)?;
    let report = evaluate_annotated(&documents, &annotated, folds)?;
    if errors {
        print_errors(&documents, &report.all_labels);
    }
    let line = |s: &StoryScores| {
        format!(
            "{} documents, {} gold stories, {} predicted; B-cubed {}; ARI {:.4}",
            s.documents, s.gold, s.predicted, s.bcubed, s.ari
        )
    };
    println!("stories, all topics, default threshold {}: {}", LinkConfig::default().story_threshold, line(&report.all));
    for fold in &report.folds {
        let w = &fold.weights;
        println!(
            "held-out fold {} (learned on the other folds: weights terms {:.3}, entities {:.3}, dates {:.3}, numbers {:.3}, lead {:.3}, bigrams {:.3}; threshold {}, founding margin {}): {}",
            fold.fold,
            w.terms,
            w.entities,
            w.dates,
            w.numbers,
            w.lead,
            w.bigrams,
            fold.threshold,
            fold.founding_margin,
            line(&fold.scores)
        );
    }
    println!("held-out mean B-cubed F1 {:.2}", 100.0 * report.held_out_f1());
    Ok(())
}

/// Annotates the corpus once and scores the default and held-out runs.
pub fn evaluate(dir: &Path, folds: u32) -> Result<StoryReport, EvalError> {
    let documents = read_corpus(dir)?;
    let annotated = annotate(&documents)?;
    evaluate_annotated(&documents, &annotated, folds)
}

/// Scores the default and held-out runs over already annotated documents.
pub fn evaluate_annotated(
    documents: &[EcbDocument],
    annotated: &[Record],
    folds: u32,
) -> Result<StoryReport, EvalError> {
    let articles = annotated
        .iter()
        .map(Article::from_record)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| EvalError::Load(e.to_string()))?;
    let all: Vec<usize> = (0..documents.len()).collect();
    let default = LinkConfig::default();
    let all_labels = predict(&articles, &all, &default)?;
    let all_scores = score_labels(documents, &all, &all_labels);
    let mut held_out = Vec::new();
    for fold in 0..folds.max(2) {
        let (test, train): (Vec<usize>, Vec<usize>) =
            all.iter().partition(|&&i| fold_of(documents[i].topic, folds) == fold);
        let config = learn(documents, &articles, &train)?;
        let scores = score(documents, &articles, &test, &config)?;
        held_out.push(Fold {
            fold,
            threshold: config.story_threshold,
            founding_margin: config.founding_margin,
            weights: config.story,
            scores,
        });
    }
    Ok(StoryReport { all: all_scores, all_labels, folds: held_out })
}

/// The configuration learned on `members`: the story weights fitted to
/// their pairs, then the threshold that scores best with them, then the
/// founding margin that scores best with both.
pub fn learn(documents: &[EcbDocument], articles: &[Article], members: &[usize]) -> Result<LinkConfig, EvalError> {
    let default = LinkConfig::default();
    let weights = story_model::fit(&story_model::examples(documents, articles, members, &default)?, &default.story);
    let fitted = LinkConfig { story: weights, ..default };
    let thresholds = LEARNING_GRID.map(|threshold| LinkConfig { story_threshold: threshold, ..fitted.clone() });
    let tuned = best_scoring(documents, articles, members, fitted, thresholds)?;
    let margins = MARGIN_GRID.map(|margin| LinkConfig { founding_margin: margin, ..tuned.clone() });
    best_scoring(documents, articles, members, tuned, margins)
}

/// The configuration of `tried` whose stories of `members` score the best
/// B-cubed F1 (the first of equals); `fallback` if none scores.
fn best_scoring(
    documents: &[EcbDocument],
    articles: &[Article],
    members: &[usize],
    fallback: LinkConfig,
    tried: impl IntoIterator<Item = LinkConfig>,
) -> Result<LinkConfig, EvalError> {
    let mut best = (f64::MIN, fallback);
    for config in tried {
        let f1 = score(documents, articles, members, &config)?.bcubed.f1;
        if f1 > best.0 {
            best = (f1, config);
        }
    }
    Ok(best.1)
}

/// Links `members` (indices, in corpus order) and scores their stories.
fn score(
    documents: &[EcbDocument],
    articles: &[Article],
    members: &[usize],
    config: &LinkConfig,
) -> Result<StoryScores, EvalError> {
    Ok(score_labels(documents, members, &predict(articles, members, config)?))
}

/// The predicted story of each of `members`, in their order.
fn predict(articles: &[Article], members: &[usize], config: &LinkConfig) -> Result<Vec<String>, EvalError> {
    let subset: Vec<&Article> = members.iter().map(|&i| &articles[i]).collect();
    let (_, linked) = link_all(&subset, config)?;
    Ok(linked.into_iter().map(|l| l.story.story).collect())
}

fn score_labels(documents: &[EcbDocument], members: &[usize], predicted: &[String]) -> StoryScores {
    let predicted: Vec<&str> = predicted.iter().map(String::as_str).collect();
    let gold: Vec<&str> = members.iter().map(|&i| documents[i].story.as_str()).collect();
    let (key, response) = (from_labels(&gold), from_labels(&predicted));
    StoryScores {
        documents: members.len(),
        gold: key.len(),
        predicted: response.len(),
        bcubed: bcubed(&key, &response),
        ari: adjusted_rand(&gold, &predicted),
    }
}

/// Prints each predicted story holding documents of several gold
/// subtopics, and each gold subtopic spread over several predicted
/// stories, with the documents' names.
fn print_errors(documents: &[EcbDocument], predicted: &[String]) {
    let gold: Vec<&str> = documents.iter().map(|d| d.story.as_str()).collect();
    let response: Vec<&str> = predicted.iter().map(String::as_str).collect();
    let names: Vec<&str> = documents.iter().map(|d| d.name.as_str()).collect();
    for (heading, key, within) in [
        ("predicted story mixing gold subtopics", &response, &gold),
        ("gold subtopic split over predicted stories", &gold, &response),
    ] {
        for (name, parts) in groups_with_parts(key, within, &names) {
            println!("{heading} {name}:");
            for (part, members) in parts {
                println!("  {part} ({}): {}", members.len(), members.join(" "));
            }
        }
    }
}

/// The documents grouped by `key`, then by `within`, keeping the groups
/// with more than one part.
fn groups_with_parts<'a>(
    key: &[&'a str],
    within: &[&'a str],
    names: &[&'a str],
) -> Vec<(&'a str, BTreeMap<&'a str, Vec<&'a str>>)> {
    let mut groups: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for ((k, w), name) in key.iter().zip(within).zip(names) {
        groups.entry(k).or_default().entry(w).or_default().push(name);
    }
    groups.into_iter().filter(|(_, parts)| parts.len() > 1).collect()
}
