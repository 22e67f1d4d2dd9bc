//! Stories: documents about one developing story, clustered online as in
//! Miranda et al. (2018), "Multilingual clustering of streaming news": each
//! arriving document joins the most similar story above a threshold, else
//! founds a new one. Two stages:
//! 1. near duplicates (wire copies, reposts) are caught by MinHash over
//!    word 3-shingles with LSH banding and join their original's story;
//! 2. otherwise the similarity to a story is a weighted sum of TF-IDF
//!    cosines of content words and of corpus entities, damped by the gap
//!    in days between the document and the story's latest document.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

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
    /// LSH band hashes of every member document, with the document id, for
    /// near-duplicate checks.
    pub members: Vec<Member>,
}

/// A member document's MinHash bands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub document: String,
    pub bands: Vec<u64>,
}

/// What the linker computed about one document for story assignment.
#[derive(Clone, Debug, Default)]
pub struct DocumentVectors {
    pub terms: Vector,
    pub entities: Vector,
    pub bands: Vec<u64>,
    pub day: Option<i32>,
}

impl DocumentVectors {
    /// Blocking keys of the document: its band hashes and heaviest features.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.bands.iter().enumerate().map(|(i, b)| band_key(i, *b)).collect();
        keys.extend(heaviest(&self.terms).chain(heaviest(&self.entities)).map(|f| format!("t:{f}")));
        keys
    }
}

fn band_key(band: usize, hash: u64) -> String {
    format!("b{band}:{hash:016x}")
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
            members: vec![Member { document: document.to_string(), bands: vectors.bands.clone() }],
        }
    }

    /// Blocking keys the store indexes: member bands and heaviest features.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> =
            self.members.iter().flat_map(|m| m.bands.iter().enumerate().map(|(i, b)| band_key(i, *b))).collect();
        keys.extend(heaviest(&self.terms).chain(heaviest(&self.entities)).map(|f| format!("t:{f}")));
        keys.sort();
        keys.dedup();
        keys
    }

    pub fn absorb(&mut self, document: &str, vectors: &DocumentVectors) {
        self.documents += 1;
        self.first_day = min_option(self.first_day, vectors.day);
        self.last_day = max_option(self.last_day, vectors.day);
        self.terms = truncate(add(&self.terms, &vectors.terms));
        self.entities = truncate(add(&self.entities, &vectors.entities));
        self.members.push(Member { document: document.to_string(), bands: vectors.bands.clone() });
    }

    /// The member this document nearly duplicates, with the estimated
    /// Jaccard similarity of their shingle sets.
    pub fn near_duplicate(&self, bands: &[u64], min_jaccard: f32) -> Option<(&str, f32)> {
        self.members
            .iter()
            .map(|m| {
                let shared = m.bands.iter().zip(bands).filter(|(a, b)| a == b).count();
                // P(band agrees) = J^ROWS, so J ~ (shared / BANDS)^(1/ROWS).
                (m.document.as_str(), (shared as f32 / BANDS as f32).powf(1.0 / ROWS as f32))
            })
            .filter(|(_, j)| *j >= min_jaccard)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Similarity of a document to this story.
    pub fn similarity(&self, doc: &DocumentVectors, weights: &StoryWeights) -> f32 {
        let content =
            weights.terms * cosine(&self.terms, &doc.terms) + weights.entities * cosine(&self.entities, &doc.entities);
        let gap = match (doc.day, self.first_day, self.last_day) {
            (Some(day), Some(first), Some(_)) if day < first => (first - day) as f32,
            (Some(day), Some(_), Some(last)) => (day - last).max(0) as f32,
            _ => 0.0,
        };
        content * (-gap / weights.days).exp()
    }
}

/// Weights of the story similarity; see [`crate::LinkConfig`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryWeights {
    pub terms: f32,
    pub entities: f32,
    /// Time constant in days of the exponential damping by day gap.
    pub days: f32,
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
    let mut tf: HashMap<&str, f32> = HashMap::new();
    for f in features {
        *tf.entry(f.as_str()).or_default() += 1.0;
    }
    let n = documents as f32 + 1.0;
    let mut vector: Vector = tf
        .into_iter()
        .map(|(f, count)| {
            let d = df.get(f).copied().unwrap_or(0) as f32 + 1.0;
            (f.to_string(), (1.0 + count.ln()) * (n / d).ln().max(0.0) + 1e-3)
        })
        .collect();
    vector.sort_by(|a, b| a.0.cmp(&b.0));
    normalise(&mut vector);
    vector
}

fn normalise(vector: &mut Vector) {
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

fn add(a: &Vector, b: &Vector) -> Vector {
    let mut sum: HashMap<&str, f32> = a.iter().map(|(f, w)| (f.as_str(), *w)).collect();
    for (f, w) in b {
        *sum.entry(f.as_str()).or_default() += w;
    }
    let mut out: Vector = sum.into_iter().map(|(f, w)| (f.to_string(), w)).collect();
    out.sort_by(|x, y| x.0.cmp(&y.0));
    out
}

fn truncate(mut vector: Vector) -> Vector {
    if vector.len() > CENTROID_SIZE {
        vector.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        vector.truncate(CENTROID_SIZE);
        vector.sort_by(|x, y| x.0.cmp(&y.0));
    }
    vector
}

/// Cosine of two sorted sparse vectors.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    let norm = |v: &Vector| v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator > 0.0 {
        dot / denominator
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let story = StoryProfile::found("a", &DocumentVectors { bands: ba, ..Default::default() });
        assert!(story.near_duplicate(&bb, 0.7).is_some());
        assert!(story.near_duplicate(&bc, 0.3).is_none());
    }

    #[test]
    fn cosine_of_sparse_vectors() {
        let a: Vector = vec![("a".into(), 1.0), ("b".into(), 1.0)];
        let b: Vector = vec![("b".into(), 1.0), ("c".into(), 1.0)];
        assert!((cosine(&a, &b) - 0.5).abs() < 1e-6);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
    }
}
