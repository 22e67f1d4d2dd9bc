//! `newsgraph eval crossdoc`: cross-document event coreference on the ECB+
//! action mentions. MUC, B-cubed, CEAF-e and their mean (CoNLL F1), scored
//! three ways:
//! - gold mentions: the gold action spans become the events the linker
//!   links (type, participants, date and place taken from a pipeline event
//!   on the same trigger where there is one), so the figure measures the
//!   linking alone, story clustering included;
//! - the same-lemma baseline: gold mentions with one head lemma in one
//!   story (predicted, and the gold subtopic as the literature's document
//!   clusters) are one event;
//! - end to end: the pipeline's own events, a system mention counting as
//!   a gold one when its trigger overlaps it.
//!
//! The event fit's weights are learned from gold mentions (see
//! [`GoldRun::examples`]); held out, the stories are learned as `eval
//! stories` learns them, then the event weights learned and the event
//! threshold tuned, all on the other folds' topics, and each fold is
//! scored on its own; likewise Cybulska and Vossen's split (learned on its
//! `train` topics, scored on its `dev` topics), the literature's protocol
//! short of its test topics 36-45. With `--sentences` only the mentions of
//! the sentences the corpus authors validated are linked and scored, as
//! the literature scores them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsgraph_core::Record;
use newsgraph_linking::{
    head_lemma, learn_weights, linked_event_views, Article, ArticleEvent, EventFeatures, EventProfile, LinkConfig,
    Linked, FEATURE_NAMES,
};

use crate::clusters::{bcubed, ceafe, from_labels, muc, Clusters, Prf};
use crate::ecb::{
    annotate, fold_of, link_all, parse_args, read_corpus, take_option, EcbDocument, GoldMention, ValidatedSentences,
};
use crate::stories::learn as learn_stories;
use crate::EvalError;

const USAGE: &str = "usage: newsgraph eval crossdoc [--ecb DIR] [--folds N] [--sentences CSV]\n\
                     DIR holds doc_clusters.tsv and ECB+/ (default ../shared/eval/crossdoc);\n\
                     --folds N (default 2): tune on N-1 folds of topics, score on the held-out one;\n\
                     --sentences CSV: the corpus's ECBplus_coreference_sentences.csv; only the action\n\
                     mentions of the sentences it lists are linked and scored, as in the literature";

/// Event thresholds tried when tuning.
const EVENT_GRID: [f32; 6] = [0.05, 0.08, 0.11, 0.15, 0.2, 0.3];

/// Coreference scores.
#[derive(Clone, Copy, Debug, Default)]
pub struct CorefScores {
    pub muc: Prf,
    pub bcubed: Prf,
    pub ceafe: Prf,
    /// Mean of the three F1s.
    pub conll: f64,
}

impl CorefScores {
    pub(crate) fn of(key: &Clusters, response: &Clusters) -> Self {
        let (m, b, c) = (muc(key, response), bcubed(key, response), ceafe(key, response));
        CorefScores { muc: m, bcubed: b, ceafe: c, conll: (m.f1 + b.f1 + c.f1) / 3.0 }
    }
}

impl std::fmt::Display for CorefScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "MUC {}\n  B-cubed {}\n  CEAF-e {}\n  CoNLL F1 {:.2}",
            self.muc,
            self.bcubed,
            self.ceafe,
            100.0 * self.conll
        )
    }
}

/// A held-out fold: thresholds chosen on the other folds, and its scores.
#[derive(Clone, Debug)]
pub struct Fold {
    pub fold: u32,
    pub story_threshold: f32,
    pub event_threshold: f32,
    pub scores: CorefScores,
}

#[derive(Clone, Debug)]
pub struct CrossdocReport {
    pub mentions: usize,
    /// Event fit weights learned on every topic, in `FEATURE_NAMES` order.
    pub learned: Vec<f32>,
    pub gold: CorefScores,
    pub lemma_baseline: CorefScores,
    /// The same-lemma baseline in the gold subtopics, as the literature's
    /// "cluster + lemma" baseline reads document clusters.
    pub lemma_gold_stories: CorefScores,
    pub end_to_end: CorefScores,
    /// Mention detection of the end-to-end run.
    pub detection: Prf,
    pub folds: Vec<Fold>,
    /// Cybulska and Vossen's split, when the listing has it.
    pub split: Option<SplitScores>,
}

/// Learned and tuned on the `train` topics of Cybulska and Vossen's split,
/// scored on its `dev` topics, with both same-lemma baselines there.
#[derive(Clone, Debug)]
pub struct SplitScores {
    pub mentions: usize,
    pub learned: Fold,
    pub lemma_baseline: CorefScores,
    pub lemma_gold_stories: CorefScores,
}

impl CrossdocReport {
    /// Mean held-out CoNLL F1 with gold mentions.
    pub fn held_out_conll(&self) -> f64 {
        self.folds.iter().map(|f| f.scores.conll).sum::<f64>() / self.folds.len().max(1) as f64
    }
}

pub fn run(args: &[String]) -> Result<(), EvalError> {
    let (args, sentences) = take_option(args, "--sentences", USAGE)?;
    let sentences = sentences.map(PathBuf::from);
    let (corpus, folds) = parse_args(&args, USAGE)?;
    let Some(dir) = corpus else {
        println!("crossdoc: corpus absent (../shared/eval/crossdoc), skipped");
        return Ok(());
    };
    let validated = sentences.as_deref().map(ValidatedSentences::read).transpose()?;
    let report = evaluate(&dir, folds, validated.as_ref())?;
    match &sentences {
        Some(csv) => {
            println!("crossdoc: {} gold action mentions in the sentences {} lists", report.mentions, csv.display())
        }
        None => println!("crossdoc: {} gold action mentions", report.mentions),
    }
    println!("event fit weights learned on every topic:");
    for (name, weight) in FEATURE_NAMES.iter().zip(&report.learned) {
        println!("  {weight:8.3}  {name}");
    }
    println!("gold mentions, default thresholds:\n  {}", report.gold);
    println!("same-lemma baseline in predicted stories:\n  {}", report.lemma_baseline);
    println!("same-lemma baseline in gold subtopics:\n  {}", report.lemma_gold_stories);
    println!("end to end (pipeline events), mention detection {}:\n  {}", report.detection, report.end_to_end);
    for fold in &report.folds {
        println!(
            "held-out fold {} (story threshold {} learned / event threshold {} tuned on the other folds):\n  {}",
            fold.fold, fold.story_threshold, fold.event_threshold, fold.scores
        );
    }
    println!("held-out mean CoNLL F1 (gold mentions) {:.2}", 100.0 * report.held_out_conll());
    if let Some(split) = &report.split {
        let learned = &split.learned;
        println!(
            "Cybulska-Vossen split, {} dev-topic mentions, learned on the train topics (story {} / event {}):\n  {}",
            split.mentions, learned.story_threshold, learned.event_threshold, learned.scores
        );
        println!("  same-lemma baseline there, predicted stories:\n  {}", split.lemma_baseline);
        println!("  same-lemma baseline there, gold subtopics:\n  {}", split.lemma_gold_stories);
    }
    Ok(())
}

/// Gold-mention articles and the global ids of their mentions.
struct GoldRun<'a> {
    documents: &'a [EcbDocument],
    articles: Vec<Article>,
}

impl GoldRun<'_> {
    /// Key and response over the gold mentions of `members`.
    fn score(&self, members: &[usize], config: &LinkConfig) -> Result<CorefScores, EvalError> {
        let subset: Vec<&Article> = members.iter().map(|&i| &self.articles[i]).collect();
        let (corpus, linked) = link_all(&subset, config)?;
        let (mut gold, mut predicted) = (Vec::new(), Vec::new());
        for (&i, linked) in members.iter().zip(&linked) {
            let corpus_of: HashMap<&str, &str> =
                linked.events.iter().map(|l| (l.event.as_str(), l.corpus.as_str())).collect();
            for (k, mention) in self.documents[i].mentions.iter().enumerate() {
                gold.push(mention.cluster.clone());
                let id = gold_id(k);
                predicted.push(
                    corpus_of
                        .get(id.as_str())
                        .map_or_else(|| format!("{}:{id}", self.documents[i].name), |c| corpus.now(c)),
                );
            }
        }
        Ok(CorefScores::of(&from_labels(&gold), &from_labels(&predicted)))
    }
    /// Teacher-forced training pairs: each gold mention of `members`
    /// against the gold events built so far in its predicted story that
    /// pass the compatibility rules, positive when both are one gold event.
    fn examples(&self, members: &[usize], config: &LinkConfig) -> Result<Vec<(EventFeatures, bool)>, EvalError> {
        let subset: Vec<&Article> = members.iter().map(|&i| &self.articles[i]).collect();
        let (_, linked) = link_all(&subset, config)?;
        let mut events: HashMap<String, Vec<(&str, EventProfile)>> = HashMap::new();
        let mut examples = Vec::new();
        for ((&i, article), linked) in members.iter().zip(subset).zip(&linked) {
            for (view, mention) in linked_event_views(article, linked).iter().zip(&self.documents[i].mentions) {
                let story = events.entry(linked.story.story.clone()).or_default();
                for (cluster, profile) in story.iter() {
                    if let Some(features) = profile.features(view, config.event.max_days) {
                        examples.push((features, *cluster == mention.cluster));
                    }
                }
                match story.iter_mut().find(|(cluster, _)| *cluster == mention.cluster) {
                    Some((_, profile)) => profile.absorb(view),
                    None => story.push((&mention.cluster, EventProfile::found(view))),
                }
            }
        }
        Ok(examples)
    }

    /// Stories learned on `train` as `eval stories` learns them (weights,
    /// threshold, founding margin), then event weights learned and the
    /// event threshold tuned on `train`; scored on `test`.
    fn held_out(&self, fold: u32, train: &[usize], test: &[usize]) -> Result<Fold, EvalError> {
        let stories = learn_stories(self.documents, &self.articles, train)?;
        let trained = self.learned(train, &stories)?;
        let mut best = (f64::MIN, trained.clone());
        for event_threshold in EVENT_GRID {
            let config = LinkConfig { event_threshold, ..trained.clone() };
            let conll = self.score(train, &config)?.conll;
            if conll > best.0 {
                best = (conll, config);
            }
        }
        Ok(Fold {
            fold,
            story_threshold: best.1.story_threshold,
            event_threshold: best.1.event_threshold,
            scores: self.score(test, &best.1)?,
        })
    }

    /// `config` with event weights learned on `members`.
    fn learned(&self, members: &[usize], config: &LinkConfig) -> Result<LinkConfig, EvalError> {
        let mut learned = config.clone();
        learned.event.weights = learn_weights(&self.examples(members, config)?);
        Ok(learned)
    }
}

fn gold_id(index: usize) -> String {
    format!("g{index}")
}

/// Annotates the corpus once and runs every scoring, over every action
/// mention or only those of the `validated` sentences.
pub fn evaluate(dir: &Path, folds: u32, validated: Option<&ValidatedSentences>) -> Result<CrossdocReport, EvalError> {
    let mut documents = read_corpus(dir)?;
    for document in &mut documents {
        if let Some(validated) = validated {
            validated.filter(document);
        }
        // The linker reads a document's events in text order.
        document.mentions.sort_by_key(|m| (m.start, m.end));
    }
    let annotated = annotate(&documents)?;
    let system = annotated
        .iter()
        .map(Article::from_record)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| EvalError::Load(e.to_string()))?;
    let articles = documents
        .iter()
        .zip(&annotated)
        .zip(&system)
        .map(|((d, doc), article)| Article { events: gold_events(doc, article, &d.mentions), ..article.clone() })
        .collect();
    let run = GoldRun { documents: &documents, articles };
    let all: Vec<usize> = (0..documents.len()).collect();
    let default = LinkConfig::default();
    let gold = run.score(&all, &default)?;
    let learned = run.learned(&all, &default)?.event.weights;

    let system_refs: Vec<&Article> = system.iter().collect();
    let (_, system_linked) = link_all(&system_refs, &default)?;
    let predicted_story = |i: usize| system_linked[i].story.story.as_str();
    let gold_story = |i: usize| documents[i].story.as_str();
    let lemma_baseline = same_lemma(&run, &all, predicted_story);
    let lemma_gold_stories = same_lemma(&run, &all, gold_story);
    let (end_to_end, detection) = end_to_end(&documents, &annotated, &system_linked);

    let mut held_out = Vec::new();
    for fold in 0..folds.max(2) {
        let (test, train): (Vec<usize>, Vec<usize>) =
            all.iter().partition(|&&i| fold_of(documents[i].topic, folds) == fold);
        held_out.push(run.held_out(fold, &train, &test)?);
    }
    let (dev, train): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&i| documents[i].split == "dev");
    let split = if dev.is_empty() || train.is_empty() {
        None
    } else {
        Some(SplitScores {
            mentions: dev.iter().map(|&i| documents[i].mentions.len()).sum(),
            learned: run.held_out(0, &train, &dev)?,
            lemma_baseline: same_lemma(&run, &dev, predicted_story),
            lemma_gold_stories: same_lemma(&run, &dev, gold_story),
        })
    };
    let mentions = documents.iter().map(|d| d.mentions.len()).sum();
    Ok(CrossdocReport {
        mentions,
        learned,
        gold,
        lemma_baseline,
        lemma_gold_stories,
        end_to_end,
        detection,
        folds: held_out,
        split,
    })
}

/// The gold mentions as events: id `g<k>`, in the sentence holding them,
/// with a pipeline event's coding where one has its trigger inside.
fn gold_events(doc: &Record, article: &Article, mentions: &[GoldMention]) -> Vec<ArticleEvent> {
    mentions
        .iter()
        .enumerate()
        .map(|(k, mention)| {
            let overlapping = doc
                .events
                .iter()
                .position(|e| e.trigger.start < mention.end && mention.start < e.trigger.end)
                .and_then(|i| article.events.get(i));
            let sentence = doc.sentences.partition_point(|s| s.end <= mention.start);
            let mut event = match overlapping {
                Some(event) => event.clone(),
                None => ArticleEvent::bare(sentence, &mention.text),
            };
            event.id = gold_id(k);
            event.sentence = sentence;
            event.trigger = mention.text.clone();
            event.lemma = head_lemma(&mention.text);
            event
        })
        .collect()
}

/// Gold mentions of `members` with one head lemma in one story (as
/// `story_of` a document tells) are one event.
fn same_lemma<'a>(run: &GoldRun, members: &[usize], story_of: impl Fn(usize) -> &'a str) -> CorefScores {
    let (mut gold, mut predicted) = (Vec::new(), Vec::new());
    for &i in members {
        for (event, mention) in run.articles[i].events.iter().zip(&run.documents[i].mentions) {
            gold.push(mention.cluster.clone());
            predicted.push(format!("{}|{}", story_of(i), event.lemma));
        }
    }
    CorefScores::of(&from_labels(&gold), &from_labels(&predicted))
}

/// The pipeline's events linked as they are, against the gold mentions.
fn end_to_end(documents: &[EcbDocument], annotated: &[Record], linked: &[Linked]) -> (CorefScores, Prf) {
    let mut key_labels: Vec<(usize, String)> = Vec::new();
    let mut response_labels: Vec<(usize, String)> = Vec::new();
    let mut next = 0usize;
    let mut matched = 0usize;
    for ((document, doc), linked) in documents.iter().zip(annotated).zip(linked) {
        let base = next;
        next += document.mentions.len();
        key_labels.extend(document.mentions.iter().enumerate().map(|(k, m)| (base + k, m.cluster.clone())));
        let mut taken = vec![false; document.mentions.len()];
        // Events and links are in the same order: one link per event.
        for (event, link) in doc.events.iter().zip(&linked.events) {
            let (start, end) = (event.trigger.start, event.trigger.end);
            let hit = (0..document.mentions.len()).find(|&k| {
                let m = &document.mentions[k];
                !taken[k] && m.start < end && start < m.end
            });
            let id = match hit {
                Some(k) => {
                    taken[k] = true;
                    matched += 1;
                    base + k
                }
                None => {
                    next += 1;
                    next - 1
                }
            };
            response_labels.push((id, link.corpus.clone()));
        }
    }
    let clusters = |labels: &[(usize, String)]| {
        let mut by: HashMap<&str, Vec<usize>> = HashMap::new();
        for (id, label) in labels {
            by.entry(label.as_str()).or_default().push(*id);
        }
        by.into_values().collect::<Clusters>()
    };
    let detection =
        Prf::new(matched as f64 / response_labels.len().max(1) as f64, matched as f64 / key_labels.len().max(1) as f64);
    (CorefScores::of(&clusters(&key_labels), &clusters(&response_labels)), detection)
}
