//! `newsgraph eval entities`: cross-document entity coreference on the
//! ECB+ participant and location mentions. Every document runs through the
//! whole pipeline and is linked in order into one corpus, as `ingest` links
//! it; a gold mention counts when one of our entity mentions ends where it
//! ends (ECB+ spans take in determiners and modifiers our names leave out:
//! "the Los Angeles Police Department").
//!
//! Two limits of the gold decide what is scored:
//! - only gold mentions in a coreference relation: ECB+ leaves the
//!   markables of sentences it did not validate unlinked, so a markable
//!   outside every relation is not known to be a singleton;
//! - only within a topic: ECB+ chains never cross topics, so Microsoft in
//!   two topics is two gold chains though one company. Each corpus entity
//!   is split by topic before scoring, which neither rewards nor punishes
//!   links between topics.
//!
//! Over the mentions so matched, the corpus entities are scored against
//! the gold chains (MUC, B-cubed, CEAF-e, CoNLL F1) beside two baselines:
//! no linking across documents (what a one-article reader sees) and one
//! entity per type and exact name. The pairwise figure over mentions of
//! two different documents isolates the linking across articles from the
//! grouping inside one.
//!
//! Nothing in entity linking is fitted to ECB+, so there are no folds.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use newsgraph_core::Record;
use newsgraph_linking::{Article, LinkConfig};

use crate::clusters::{from_labels, Prf};
use crate::crossdoc::CorefScores;
use crate::ecb::{annotate, link_all, parse_args, read_corpus, take_option, EcbDocument, GoldMention};
use crate::EvalError;

const USAGE: &str = "usage: newsgraph eval entities [--ecb DIR] [--show N]\n\
                     DIR holds doc_clusters.tsv and ECB+/ (default ../shared/eval/crossdoc);\n\
                     --show N: the N largest wrong merges and splits of corpus entities";

/// One way of grouping the matched mentions, scored.
#[derive(Clone, Copy, Debug, Default)]
pub struct Grouping {
    pub scores: CorefScores,
    /// Pairs of mentions in two different documents.
    pub cross_document: Prf,
}

#[derive(Clone, Debug, Default)]
pub struct EntityLinkReport {
    pub documents: usize,
    /// Gold participant and location mentions in a coreference relation.
    pub gold: usize,
    /// Our entity mentions.
    pub system: usize,
    /// Gold mentions one of ours ends with.
    pub matched: usize,
    pub linked: Grouping,
    pub documents_only: Grouping,
    pub same_name: Grouping,
    /// Corpus entities holding mentions of several gold chains, largest
    /// first: the corpus entity's name and the gold mentions' texts.
    pub merges: Vec<(String, Vec<String>)>,
    /// Gold chains split over several corpus entities, largest first: the
    /// corpus entities' names.
    pub splits: Vec<Vec<String>>,
    /// Corpus entities with matched mentions in two topics or more. Gold
    /// chains never cross topics, so the scores cannot see a wrong merge
    /// across them; some of these are right (one company in two topics).
    pub spanning_topics: usize,
}

/// A gold mention matched by one of our entity mentions.
struct Matched<'a> {
    document: usize,
    topic: u32,
    gold: &'a GoldMention,
    /// The record's entity (`entities[].id`).
    entity: &'a str,
    /// Its type and name as the record gives them.
    name: String,
}

pub fn run(args: &[String]) -> Result<(), EvalError> {
    let (args, show) = take_option(args, "--show", USAGE)?;
    let show = match show {
        Some(n) => n.parse().map_err(|_| EvalError::Usage(USAGE.into()))?,
        None => 0,
    };
    let (corpus, _) = parse_args(&args, USAGE)?;
    let Some(dir) = corpus else {
        println!("entities: corpus absent (../shared/eval/crossdoc), skipped");
        return Ok(());
    };
    let report = evaluate(&dir)?;
    println!(
        "cross-document entities: {} documents, {} gold participant and location mentions in a relation, {} of ours, {} matched ({:.1}%); scored within topics",
        report.documents,
        report.gold,
        report.system,
        report.matched,
        100.0 * report.matched as f64 / report.gold.max(1) as f64
    );
    for (label, grouping) in [
        ("corpus entities", &report.linked),
        ("baseline, no linking across documents", &report.documents_only),
        ("baseline, one entity per type and exact name", &report.same_name),
    ] {
        println!("{label}:\n  {}\n  pairs across documents {}", grouping.scores, grouping.cross_document);
    }
    println!("corpus entities with mentions in several topics: {}", report.spanning_topics);
    for (name, texts) in report.merges.iter().take(show) {
        println!("merge: {name} <- {}", texts.join(" | "));
    }
    for names in report.splits.iter().take(show) {
        println!("split: {}", names.join(" | "));
    }
    Ok(())
}

/// Annotates and links the corpus, then scores the corpus entities.
pub fn evaluate(dir: &Path) -> Result<EntityLinkReport, EvalError> {
    let documents = read_corpus(dir)?;
    let annotated = annotate(&documents)?;
    evaluate_annotated(&documents, &annotated)
}

/// Scores the corpus entities of already annotated documents.
pub fn evaluate_annotated(documents: &[EcbDocument], annotated: &[Record]) -> Result<EntityLinkReport, EvalError> {
    let articles = annotated
        .iter()
        .map(Article::from_record)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| EvalError::Load(e.to_string()))?;
    let (corpus, linked) = link_all(&articles.iter().collect::<Vec<_>>(), &LinkConfig::default())?;
    let mut matched = Vec::new();
    for (index, (document, record)) in documents.iter().zip(annotated).enumerate() {
        matched.extend(match_mentions(index, document, record));
    }
    let corpus_of: HashMap<(usize, &str), &str> = linked
        .iter()
        .enumerate()
        .flat_map(|(d, l)| l.entities.iter().map(move |e| ((d, e.entity.as_str()), e.corpus.as_str())))
        .collect();
    let corpus_ids: Vec<String> = matched
        .iter()
        .map(|m| corpus.now(corpus_of.get(&(m.document, m.entity)).copied().unwrap_or_default()))
        .collect();
    let mut topics_of: HashMap<&str, HashSet<u32>> = HashMap::new();
    for (m, id) in matched.iter().zip(&corpus_ids) {
        topics_of.entry(id.as_str()).or_default().insert(m.topic);
    }
    // The last version of each profile names it.
    let names: HashMap<String, String> =
        linked.iter().flat_map(|l| &l.entity_profiles).map(|p| (p.id.clone(), p.name.clone())).collect();
    let key: Vec<&str> = matched.iter().map(|m| m.gold.cluster.as_str()).collect();
    let linked_labels: Vec<String> =
        matched.iter().zip(&corpus_ids).map(|(m, id)| format!("{}/{id}", m.topic)).collect();
    let document_labels: Vec<String> = matched.iter().map(|m| format!("{}:{}", m.document, m.entity)).collect();
    let name_labels: Vec<String> = matched.iter().map(|m| format!("{}/{}", m.topic, m.name)).collect();
    let of_documents: Vec<usize> = matched.iter().map(|m| m.document).collect();
    let grouping = |labels: &[&str]| Grouping {
        scores: CorefScores::of(&from_labels(&key), &from_labels(labels)),
        cross_document: cross_document_pairs(&key, labels, &of_documents),
    };
    let name_of = |label: &str| {
        let id = label.split_once('/').map_or(label, |(_, id)| id);
        names.get(id).cloned().unwrap_or_else(|| id.to_string())
    };
    Ok(EntityLinkReport {
        documents: documents.len(),
        gold: documents.iter().flat_map(|d| &d.entities).filter(|m| m.in_relation()).count(),
        system: annotated.iter().flat_map(|r| &r.entities).map(|e| e.mentions.len()).sum(),
        matched: matched.len(),
        linked: grouping(&as_strs(&linked_labels)),
        documents_only: grouping(&as_strs(&document_labels)),
        same_name: grouping(&as_strs(&name_labels)),
        merges: merges(&matched, &linked_labels, &name_of),
        splits: splits(&key, &linked_labels, &name_of),
        spanning_topics: topics_of.values().filter(|topics| topics.len() > 1).count(),
    })
}

fn as_strs(labels: &[String]) -> Vec<&str> {
    labels.iter().map(String::as_str).collect()
}

/// Gold entity mentions of one document that one of our entity mentions
/// ends with, each of ours used once.
fn match_mentions<'a>(index: usize, document: &'a EcbDocument, record: &'a Record) -> Vec<Matched<'a>> {
    let mut ours: HashMap<usize, (usize, &str, String)> = HashMap::new();
    for entity in &record.entities {
        let name = format!("{:?}:{}", entity.kind, entity.name.to_lowercase());
        for mention in &entity.mentions {
            ours.entry(mention.end).or_insert((mention.start, entity.id.as_str(), name.clone()));
        }
    }
    document
        .entities
        .iter()
        .filter(|gold| gold.in_relation())
        .filter_map(|gold| {
            let (start, _, _) = ours.get(&gold.end)?;
            if !is_head(&gold.text, start.checked_sub(gold.start)?) {
                return None;
            }
            let (_, entity, name) = ours.remove(&gold.end)?;
            Some(Matched { document: index, topic: document.topic, gold, entity, name })
        })
        .collect()
}

/// Whether a name starting `offset` code points into a gold mention's text
/// and ending with it is the mention's head: what precedes it may open
/// with a preposition ("in Egypt") but holds no other, nor a comma or a
/// conjunction ("a rehab facility in Malibu , Calif", "between Italy and
/// Egypt" are about something else).
fn is_head(gold: &str, offset: usize) -> bool {
    const LINKS: &[&str] =
        &["in", "at", "on", "of", "from", "to", "near", "into", "for", "by", "with", "and", "or", ","];
    let before: String = gold.chars().take(offset).collect();
    before.split_whitespace().skip(1).all(|word| !LINKS.contains(&word.to_lowercase().as_str()))
        && !before.split_whitespace().next().is_some_and(|word| word == "," || word == "and")
}

/// Pairwise precision and recall over pairs of mentions in two different
/// documents: a pair is right when both sides put the two in one group.
fn cross_document_pairs(key: &[&str], response: &[&str], documents: &[usize]) -> Prf {
    let gold = pairs_across_documents(key.iter(), documents);
    let ours = pairs_across_documents(response.iter(), documents);
    let both = pairs_across_documents(key.iter().zip(response), documents);
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Prf::new(ratio(both, ours), ratio(both, gold))
}

/// Pairs of mentions with one label in two different documents: pairs
/// within each label's group minus those within one document of it.
fn pairs_across_documents<L: std::hash::Hash + Eq>(labels: impl Iterator<Item = L>, documents: &[usize]) -> u64 {
    let mut groups: HashMap<&L, u64> = HashMap::new();
    let mut in_document: HashMap<(&L, usize), u64> = HashMap::new();
    let labels: Vec<L> = labels.collect();
    for (label, document) in labels.iter().zip(documents) {
        *groups.entry(label).or_default() += 1;
        *in_document.entry((label, *document)).or_default() += 1;
    }
    let choose2 = |n: &u64| n * n.saturating_sub(1) / 2;
    groups.values().map(choose2).sum::<u64>() - in_document.values().map(choose2).sum::<u64>()
}

/// Groups of `outer` that hold more than one `inner` group: how many
/// members lie outside their largest inner group, the outer label, and the
/// first `shown` of each inner group.
fn spread<'a>(members: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Vec<(usize, &'a str, Vec<&'a str>)> {
    let mut grouped: HashMap<&str, HashMap<&str, (usize, &str)>> = HashMap::new();
    for (outer, inner, shown) in members {
        grouped.entry(outer).or_default().entry(inner).or_insert((0, shown)).0 += 1;
    }
    grouped
        .into_iter()
        .filter(|(_, inner)| inner.len() > 1)
        .map(|(outer, inner)| {
            let largest = inner.values().map(|(count, _)| *count).max().unwrap_or_default();
            let total: usize = inner.values().map(|(count, _)| *count).sum();
            (total - largest, outer, inner.into_values().map(|(_, shown)| shown).collect())
        })
        .collect()
}

/// Corpus entities that hold mentions of more than one gold chain: the
/// corpus entity's name and the first text of each chain.
fn merges(matched: &[Matched], labels: &[String], name_of: &dyn Fn(&str) -> String) -> Vec<(String, Vec<String>)> {
    let members =
        matched.iter().zip(labels).map(|(m, label)| (label.as_str(), m.gold.cluster.as_str(), m.gold.text.as_str()));
    let mut out: Vec<(usize, String, Vec<String>)> = spread(members)
        .into_iter()
        .map(|(outside, label, texts)| (outside, name_of(label), sorted(texts.into_iter().map(String::from))))
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out.into_iter().map(|(_, name, texts)| (name, texts)).collect()
}

/// Gold chains spread over more than one corpus entity: those entities'
/// names.
fn splits(key: &[&str], labels: &[String], name_of: &dyn Fn(&str) -> String) -> Vec<Vec<String>> {
    let members = key.iter().zip(labels).map(|(chain, label)| (*chain, label.as_str(), label.as_str()));
    let mut out: Vec<(usize, Vec<String>)> = spread(members)
        .into_iter()
        .map(|(outside, _, labels)| (outside, sorted(labels.into_iter().map(name_of))))
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out.into_iter().map(|(_, names)| names).collect()
}

fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut items: Vec<String> = items.collect();
    items.sort();
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_after_a_preposition_inside_the_mention_is_not_its_head() {
        assert!(is_head("Egypt", 0));
        assert!(is_head("in Egypt", 3));
        assert!(is_head("the Los Angeles Police Department", 4));
        assert!(!is_head("between Italy and Egypt", 18));
        assert!(!is_head("a rehab facility in Malibu , Calif", 29));
    }

    #[test]
    fn only_pairs_across_documents_count() {
        // Mentions 0 and 1 share a document; 2 is in another.
        let documents = [0, 0, 1];
        let key = ["a", "a", "a"];
        let all_one = cross_document_pairs(&key, &["x", "x", "x"], &documents);
        assert_eq!((all_one.precision, all_one.recall), (1.0, 1.0));
        let split = cross_document_pairs(&key, &["x", "x", "y"], &documents);
        assert_eq!((split.precision, split.recall), (0.0, 0.0));
        let wrong = cross_document_pairs(&["a", "a", "b"], &["x", "x", "x"], &documents);
        assert_eq!((wrong.precision, wrong.recall), (0.0, 0.0));
        let half = cross_document_pairs(&["a", "b", "a"], &["x", "x", "x"], &documents);
        assert_eq!((half.precision, half.recall), (0.5, 1.0));
    }
}
