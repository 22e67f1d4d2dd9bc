//! Stories: documents about one developing story, clustered online as in
//! Miranda et al. (2018), "Multilingual clustering of streaming news": each
//! arriving document joins the most similar story above a threshold, else
//! founds a new one. Two stages:
//! 1. near duplicates (wire copies, reposts) are caught by MinHash over
//!    word 3-shingles with LSH banding and join their original's story;
//! 2. otherwise the similarity to a story is a linear score of
//!    [`StoryFeatures`] (TF-IDF cosines of content words, of corpus
//!    entities, of the dates the texts name, of the numbers they state, of
//!    the leads' content words and of adjacent word pairs), with weights
//!    learned on ECB+ as Miranda et al. learn theirs, damped by the gap in
//!    days between the document's publication and the story's span. A story
//!    of one document asks a higher similarity
//!    ([`crate::LinkConfig::founding_margin`]) and takes no report naming
//!    only other dates than its own ([`StoryProfile::dates_conflict`]).

use std::cmp::Ordering;
use std::collections::HashMap;

use newsgraph_core::KeyMap;
use serde::{Deserialize, Serialize};

use crate::memo::Memo;
use crate::text::{mix, stable_hash};

/// MinHash signature length: `BANDS * ROWS`.
pub const BANDS: usize = 16;
pub const ROWS: usize = 4;
/// Story centroids keep this many heaviest terms (and entities): enough
/// for cosine ranking, small enough to persist per story.
const CENTROID_SIZE: usize = 120;
/// Heaviest centroid features that become blocking keys.
const KEY_FEATURES: usize = 12;

/// A sparse weighted feature vector, sorted by feature.
pub type Vector = Vec<(String, f32)>;

/// One story, as the store persists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryProfile {
    /// `S:<document>` of the founding document.
    pub id: String,
    pub documents: u32,
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
    /// Sum of member documents' unit TF-IDF vectors of content words,
    /// truncated to the heaviest terms.
    pub terms: Vector,
    /// Same over corpus entity ids.
    pub entities: Vector,
    /// Same over the dates the texts name (`#2013-05-03`, ...).
    #[serde(default)]
    pub dates: Vector,
    /// Same over the numbers the texts state.
    #[serde(default)]
    pub numbers: Vector,
    /// Same over the content words of the leads (title and first
    /// sentences).
    #[serde(default)]
    pub lead: Vector,
    /// Same over pairs of adjacent content words.
    #[serde(default)]
    pub bigrams: Vector,
    /// The vectors as feature hashes, made when the story is first
    /// compared with a document (see [`Hashed`]).
    #[serde(skip)]
    hashed: Memo<Hashed>,
}

/// A member document's MinHash bands, kept apart from its story's profile
/// so that the profile stays the same size however big the story grows;
/// the store finds members by band key for near-duplicate checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub document: String,
    pub story: String,
    pub bands: Vec<u64>,
}

impl Member {
    /// Blocking keys the store indexes: one per band.
    pub fn keys(&self) -> Vec<String> {
        band_keys(&self.bands)
    }

    /// Estimated Jaccard similarity of the two documents' shingle sets.
    pub fn jaccard(&self, bands: &[u64]) -> f32 {
        let shared = self.bands.iter().zip(bands).filter(|(a, b)| a == b).count();
        // P(band agrees) = J^ROWS, so J ~ (shared / BANDS)^(1/ROWS).
        (shared as f32 / BANDS as f32).powf(1.0 / ROWS as f32)
    }
}

/// What the linker computed about one document for story assignment.
#[derive(Clone, Debug, Default)]
pub struct DocumentVectors {
    pub terms: Vector,
    pub entities: Vector,
    pub dates: Vector,
    pub numbers: Vector,
    pub lead: Vector,
    pub bigrams: Vector,
    pub bands: Vec<u64>,
    pub day: Option<i32>,
    /// The vectors by feature hash, made on first use.
    pub(crate) lookup: Memo<Lookup>,
}

impl DocumentVectors {
    fn vectors(&self) -> [&Vector; StoryFeatures::COUNT] {
        [&self.terms, &self.entities, &self.dates, &self.numbers, &self.lead, &self.bigrams]
    }

    /// Keys to find near duplicates by: the document's band hashes.
    pub fn band_keys(&self) -> Vec<String> {
        band_keys(&self.bands)
    }

    /// Keys to find candidate stories by: the heaviest features.
    pub fn feature_keys(&self) -> Vec<String> {
        feature_keys(&self.terms, &self.entities)
    }
}

/// A story's vectors as (feature hash, weight) in feature order, with
/// their norms. A document is compared with every candidate story, and
/// reading each story feature's string from wherever the heap put it was
/// most of a cosine's cost (a tenth of the writing thread's time).
pub(crate) struct Hashed<C = Vec<(u64, f32)>> {
    vectors: [C; StoryFeatures::COUNT],
    norms: [f32; StoryFeatures::COUNT],
}

/// A document's vectors by feature hash, with their norms.
pub(crate) type Lookup = Hashed<KeyMap<f32>>;

impl<C: FromIterator<(u64, f32)>> Hashed<C> {
    fn new(vectors: [&Vector; StoryFeatures::COUNT]) -> Self {
        Hashed {
            vectors: vectors.map(|v| v.iter().map(|(feature, weight)| (feature_hash(feature), *weight)).collect()),
            norms: vectors.map(norm),
        }
    }
}

impl Lookup {
    /// The cosine of the story's `i`th vector and the document's: the
    /// same products summed in the same (the story's feature) order, so
    /// the same value to the bit (unless two features share 64 bits of
    /// hash).
    fn cosine(&self, i: usize, story: &Hashed) -> f32 {
        let weights = &self.vectors[i];
        let dot = story.vectors[i].iter().filter_map(|(h, x)| Some(x * weights.get(h)?)).fold(0.0, |dot, xy| dot + xy);
        let denominator = story.norms[i] * self.norms[i];
        if denominator > 0.0 {
            dot / denominator
        } else {
            0.0
        }
    }
}

fn feature_hash(feature: &str) -> u64 {
    newsgraph_core::fnv1a(0, feature.as_bytes())
}

/// The key a story is found by under its own id.
pub fn story_key(id: &str) -> String {
    format!("s:{id}")
}

fn band_keys(bands: &[u64]) -> Vec<String> {
    bands.iter().enumerate().map(|(band, hash)| format!("b{band}:{hash:016x}")).collect()
}

fn feature_keys(terms: &Vector, entities: &Vector) -> Vec<String> {
    heaviest(terms).chain(heaviest(entities)).map(|f| format!("t:{f}")).collect()
}

fn heaviest(vector: &Vector) -> impl Iterator<Item = &String> {
    let mut order: Vec<&(String, f32)> = vector.iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    order.into_iter().take(KEY_FEATURES).map(|(f, _)| f)
}

impl StoryProfile {
    pub fn found(document: &str, vectors: &DocumentVectors) -> Self {
        StoryProfile {
            id: format!("S:{document}"),
            documents: 1,
            first_day: vectors.day,
            last_day: vectors.day,
            terms: vectors.terms.clone(),
            entities: vectors.entities.clone(),
            dates: vectors.dates.clone(),
            numbers: vectors.numbers.clone(),
            lead: vectors.lead.clone(),
            bigrams: vectors.bigrams.clone(),
            hashed: Memo::default(),
        }
    }

    fn vectors(&self) -> [&Vector; StoryFeatures::COUNT] {
        [&self.terms, &self.entities, &self.dates, &self.numbers, &self.lead, &self.bigrams]
    }

    /// Blocking keys the store indexes: its own id (so that a near
    /// duplicate's story is found) and the heaviest features.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = feature_keys(&self.terms, &self.entities);
        keys.push(story_key(&self.id));
        keys.sort();
        keys.dedup();
        keys
    }

    pub fn absorb(&mut self, vectors: &DocumentVectors) {
        self.documents += 1;
        self.first_day = min_option(self.first_day, vectors.day);
        self.last_day = max_option(self.last_day, vectors.day);
        self.terms = truncate(add(&self.terms, &vectors.terms));
        self.entities = truncate(add(&self.entities, &vectors.entities));
        self.dates = truncate(add(&self.dates, &vectors.dates));
        self.numbers = truncate(add(&self.numbers, &vectors.numbers));
        self.lead = truncate(add(&self.lead, &vectors.lead));
        self.bigrams = truncate(add(&self.bigrams, &vectors.bigrams));
        self.hashed = Memo::default();
    }

    /// How alike a document and this story are, feature by feature.
    pub fn features(&self, doc: &DocumentVectors) -> StoryFeatures {
        let story = self.hashed.get(|| Hashed::new(self.vectors()));
        let doc = doc.lookup.get(|| Lookup::new(doc.vectors()));
        let [terms, entities, dates, numbers, lead, bigrams] = std::array::from_fn(|i| doc.cosine(i, story));
        StoryFeatures { terms, entities, dates, numbers, lead, bigrams }
    }

    /// True when this story is one report and it and the document name
    /// dates of which they share none (not even the year): two reports of
    /// one event name its year, two like events of different years (two
    /// emergency patches, two arrests) do not. A bigger story's dates are
    /// those of several reports, background years included, and its
    /// centroid already tells its event; the one report's dates are all
    /// there is to tell the founding decision apart when the words agree.
    pub fn dates_conflict(&self, doc: &DocumentVectors) -> bool {
        self.documents == 1 && !self.dates.is_empty() && !doc.dates.is_empty() && !shares_any(&self.dates, &doc.dates)
    }

    /// Similarity of a document to this story: the weighted features,
    /// damped by the days between the document and the story's span.
    pub fn similarity(&self, doc: &DocumentVectors, weights: &StoryWeights) -> f32 {
        let gap = match (doc.day, self.first_day, self.last_day) {
            (Some(day), Some(first), Some(_)) if day < first => (first - day) as f32,
            (Some(day), Some(_), Some(last)) => (day - last).max(0) as f32,
            _ => 0.0,
        };
        weights.score(&self.features(doc)) * (-gap / weights.days).exp()
    }
}

/// The similarity features of a document and a story.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StoryFeatures {
    /// Cosine of the content words.
    pub terms: f32,
    /// Cosine of the corpus entities.
    pub entities: f32,
    /// Cosine of the dates named.
    pub dates: f32,
    /// Cosine of the numbers stated.
    pub numbers: f32,
    /// Cosine of the leads' content words: a lead names the story's own
    /// event, where the body also tells its background.
    pub lead: f32,
    /// Cosine of the pairs of adjacent content words ("Tony Thompson",
    /// "Betty Ford"): a phrase is rarer, so more distinctive, than its
    /// words.
    pub bigrams: f32,
}

impl StoryFeatures {
    /// Number of features, the length of [`StoryFeatures::values`].
    pub const COUNT: usize = 6;

    /// The features in the order of [`StoryWeights::from_values`].
    pub fn values(&self) -> [f32; Self::COUNT] {
        [self.terms, self.entities, self.dates, self.numbers, self.lead, self.bigrams]
    }
}

/// Weights of the story similarity; see [`crate::LinkConfig`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryWeights {
    pub terms: f32,
    pub entities: f32,
    #[serde(default)]
    pub dates: f32,
    #[serde(default)]
    pub numbers: f32,
    #[serde(default)]
    pub lead: f32,
    #[serde(default)]
    pub bigrams: f32,
    /// Time constant in days of the exponential damping by day gap.
    pub days: f32,
}

impl StoryWeights {
    /// Weights in the order of [`StoryFeatures::values`], with `days`.
    pub fn from_values(values: [f32; StoryFeatures::COUNT], days: f32) -> Self {
        let [terms, entities, dates, numbers, lead, bigrams] = values;
        StoryWeights { terms, entities, dates, numbers, lead, bigrams, days }
    }

    /// The weighted sum of the features.
    pub fn score(&self, features: &StoryFeatures) -> f32 {
        let weights = [self.terms, self.entities, self.dates, self.numbers, self.lead, self.bigrams];
        weights.iter().zip(features.values()).map(|(w, f)| w * f).sum()
    }
}

fn min_option(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => a.or(b),
    }
}

fn max_option(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => a.or(b),
    }
}

/// MinHash signature bands of a word sequence's 3-shingles.
pub fn minhash_bands(words: &[String]) -> Vec<u64> {
    let shingles: Vec<u64> = if words.len() < 3 {
        vec![stable_hash(words.join(" ").as_bytes())]
    } else {
        words.windows(3).map(|w| stable_hash(w.join(" ").as_bytes())).collect()
    };
    let signature: Vec<u64> = (0..BANDS * ROWS)
        .map(|i| {
            let seed = mix(i as u64 + 1);
            shingles.iter().map(|s| mix(s ^ seed)).min().unwrap_or(0)
        })
        .collect();
    signature
        .chunks(ROWS)
        .map(|rows| stable_hash(&rows.iter().flat_map(|r| r.to_le_bytes()).collect::<Vec<u8>>()))
        .collect()
}

/// Unit-length TF-IDF vector of `features` given document frequencies.
pub fn tfidf(features: &[String], df: &HashMap<String, u32>, documents: u64) -> Vector {
    weighted(features, |feature| idf(feature, df, documents))
}

/// Unit-length TF-IDF vector of word pairs (`"tony thompson"`), each pair
/// weighted by the idfs of its two terms: were the terms independent,
/// df(a b) would be about df(a) · df(b) / N, so idf(a b) ≈ idf(a) +
/// idf(b). The terms' frequencies are looked up anyway; pairs of their
/// own would put a row per distinct pair (tens of millions in a big
/// corpus) in a store's frequency table and a look-up per pair in every
/// document's linking.
pub fn pair_tfidf(pairs: &[String], df: &HashMap<String, u32>, documents: u64) -> Vector {
    weighted(pairs, |pair| pair.split(' ').map(|term| idf(term, df, documents)).sum())
}

/// Smoothed inverse document frequency of `feature` among `documents`.
fn idf(feature: &str, df: &HashMap<String, u32>, documents: u64) -> f32 {
    let d = df.get(feature).copied().unwrap_or(0) as f32 + 1.0;
    ((documents as f32 + 1.0) / d).ln().max(0.0)
}

/// Unit-length vector of `features`, each weighted by its log frequency
/// in `features` times `idf`.
fn weighted(features: &[String], idf: impl Fn(&str) -> f32) -> Vector {
    let mut sorted: Vec<&str> = features.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let mut vector: Vector = Vec::new();
    for run in sorted.chunk_by(|a, b| a == b) {
        let count = run.len() as f32;
        vector.push((run[0].to_string(), (1.0 + count.ln()) * idf(run[0]) + 1e-3));
    }
    normalise(&mut vector);
    vector
}

fn normalise(vector: &mut Vector) {
    let norm = norm(vector);
    if norm > 0.0 {
        vector.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

/// The sum of two vectors, merged in feature order.
fn add(a: &Vector, b: &Vector) -> Vector {
    let mut sum = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => {
                sum.push(a[i].clone());
                i += 1;
            }
            Ordering::Greater => {
                sum.push(b[j].clone());
                j += 1;
            }
            Ordering::Equal => {
                sum.push((a[i].0.clone(), a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    sum.extend_from_slice(&a[i..]);
    sum.extend_from_slice(&b[j..]);
    sum
}

fn truncate(mut vector: Vector) -> Vector {
    if vector.len() > CENTROID_SIZE {
        vector.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        vector.truncate(CENTROID_SIZE);
        vector.sort_by(|x, y| x.0.cmp(&y.0));
    }
    vector
}

/// True when two sorted sparse vectors have a feature in common.
fn shares_any(a: &Vector, b: &Vector) -> bool {
    common(a, b).next().is_some()
}

fn norm(vector: &Vector) -> f32 {
    vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt()
}

/// The weights of the features two vectors share, in feature order.
fn common<'v>(a: &'v Vector, b: &'v Vector) -> impl Iterator<Item = (f32, f32)> + 'v {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    let pair = (a[i].1, b[j].1);
                    i += 1;
                    j += 1;
                    return Some(pair);
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cosine of two sorted sparse vectors.
    fn cosine(a: &Vector, b: &Vector) -> f32 {
        let dot = common(a, b).fold(0.0, |dot, (x, y)| dot + x * y);
        let denominator = norm(a) * norm(b);
        if denominator > 0.0 {
            dot / denominator
        } else {
            0.0
        }
    }

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(String::from).collect()
    }

    #[test]
    fn copies_share_bands_and_strangers_do_not() {
        let a = words("russia said on wednesday that its forces captured the city of kupiansk in the north east of ukraine after weeks of fighting");
        let mut b = a.clone();
        b[20] = "battles".into();
        let c = words("the central bank raised interest rates by half a point to fight inflation that has stayed above target for a year");
        let (ba, bb, bc) = (minhash_bands(&a), minhash_bands(&b), minhash_bands(&c));
        let member = Member { document: "a".into(), story: "S:a".into(), bands: ba };
        assert!(member.jaccard(&bb) >= 0.7);
        assert!(member.jaccard(&bc) < 0.3);
    }

    #[test]
    fn a_pair_weighs_the_sum_of_its_terms_idfs() {
        let df: HashMap<String, u32> =
            [("tony", 1), ("thompson", 3), ("said", 9), ("today", 19)].map(|(term, df)| (term.to_string(), df)).into();
        let idf = |term| idf(term, &df, 99);
        let vector = pair_tfidf(&["tony thompson".into(), "said today".into()], &df, 99);
        assert_eq!((vector[0].0.as_str(), vector[1].0.as_str()), ("said today", "tony thompson"));
        let expected = (idf("tony") + idf("thompson") + 1e-3) / (idf("said") + idf("today") + 1e-3);
        assert!((vector[1].1 / vector[0].1 - expected).abs() < 1e-4);
    }

    #[test]
    fn a_report_naming_other_years_conflicts_with_a_story_of_one() {
        let dated = |dates: &[&str]| DocumentVectors {
            dates: dates.iter().map(|d| (d.to_string(), 1.0)).collect(),
            ..Default::default()
        };
        let mut story = StoryProfile::found("a", &dated(&["#2008", "#2008-12"]));
        assert!(story.dates_conflict(&dated(&["#2013"])));
        assert!(!story.dates_conflict(&dated(&["#2008", "#2013"])));
        assert!(!story.dates_conflict(&dated(&[])), "a report naming no date has nothing to conflict with");
        story.absorb(&dated(&["#2008"]));
        assert!(!story.dates_conflict(&dated(&["#2013"])), "a bigger story is left to its centroid");
    }

    #[test]
    fn vectors_add_feature_by_feature() {
        let a: Vector = vec![("a".into(), 1.0), ("c".into(), 2.0)];
        let b: Vector = vec![("b".into(), 1.0), ("c".into(), 0.5), ("d".into(), 1.0)];
        assert_eq!(add(&a, &b), vec![("a".into(), 1.0), ("b".into(), 1.0), ("c".into(), 2.5), ("d".into(), 1.0)]);
    }

    #[test]
    fn features_by_hash_are_the_merge_walks_cosines_to_the_bit() {
        let vector = |words: &str, scale: f32| -> Vector {
            let mut v: Vector =
                words.split(' ').enumerate().map(|(i, w)| (w.to_string(), scale * (i as f32 + 1.0).sqrt())).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        let doc = DocumentVectors {
            terms: vector("putin kyiv talks ceasefire moscow zelensky peace envoy", 0.3),
            lead: vector("kyiv talks", 1.0),
            ..Default::default()
        };
        let mut story = StoryProfile::found(
            "a",
            &DocumentVectors { terms: vector("kyiv zelensky drone strike talks putin", 0.7), ..Default::default() },
        );
        let features = story.features(&doc);
        assert_eq!(features.terms.to_bits(), cosine(&story.terms, &doc.terms).to_bits());
        assert_eq!((features.lead, features.dates), (0.0, 0.0));
        // A story changed after a comparison is compared by its new vectors.
        story.absorb(&doc);
        assert_eq!(story.features(&doc).terms.to_bits(), cosine(&story.terms, &doc.terms).to_bits());
        assert_eq!(story.clone(), story);
    }

    #[test]
    fn cosine_of_sparse_vectors() {
        let a: Vector = vec![("a".into(), 1.0), ("b".into(), 1.0)];
        let b: Vector = vec![("b".into(), 1.0), ("c".into(), 1.0)];
        assert!((cosine(&a, &b) - 0.5).abs() < 1e-6);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
    }
}
