//! Clustering and coreference scores: B-cubed, MUC, CEAF-e, their mean
//! (CoNLL F1) and the adjusted Rand index. Key and response are lists of
//! clusters of mention ids; the two may hold different mentions (end-to-end
//! scoring), in which case a mention missing from one side counts as
//! wrong, as in the reference CoNLL scorer.

use std::collections::{HashMap, HashSet};

/// Clusters of mention ids.
pub type Clusters = Vec<Vec<usize>>;

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "P {:.2}  R {:.2}  F1 {:.2}", 100.0 * self.precision, 100.0 * self.recall, 100.0 * self.f1)
    }
}

/// Clusters from one label per mention (mention id = position).
pub fn from_labels<L: std::hash::Hash + Eq>(labels: &[L]) -> Clusters {
    let mut by_label: HashMap<&L, Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for (id, label) in labels.iter().enumerate() {
        let members = by_label.entry(label).or_default();
        if members.is_empty() {
            order.push(label);
        }
        members.push(id);
    }
    order.into_iter().filter_map(|l| by_label.remove(l)).collect()
}

fn cluster_of(clusters: &Clusters) -> HashMap<usize, usize> {
    clusters.iter().enumerate().flat_map(|(c, ms)| ms.iter().map(move |m| (*m, c))).collect()
}

/// B-cubed: per-mention overlap of its key and response clusters.
pub fn bcubed(key: &Clusters, response: &Clusters) -> Prf {
    let directed = |from: &Clusters, to: &Clusters| {
        let to_cluster = cluster_of(to);
        let (mut sum, mut count) = (0.0, 0usize);
        for cluster in from {
            let mut overlap: HashMap<usize, usize> = HashMap::new();
            for m in cluster {
                if let Some(c) = to_cluster.get(m) {
                    *overlap.entry(*c).or_default() += 1;
                }
            }
            for m in cluster {
                let shared = to_cluster.get(m).map_or(0, |c| overlap[c]);
                sum += shared as f64 / cluster.len() as f64;
                count += 1;
            }
        }
        if count == 0 {
            0.0
        } else {
            sum / count as f64
        }
    };
    Prf::new(directed(response, key), directed(key, response))
}

/// MUC: links needed to rebuild each cluster from the other side's
/// partition of it.
pub fn muc(key: &Clusters, response: &Clusters) -> Prf {
    let directed = |from: &Clusters, to: &Clusters| {
        let to_cluster = cluster_of(to);
        let (mut numerator, mut denominator) = (0usize, 0usize);
        for cluster in from {
            let mut parts: HashSet<Option<usize>> = HashSet::new();
            let mut missing = 0;
            for m in cluster {
                match to_cluster.get(m) {
                    Some(c) => {
                        parts.insert(Some(*c));
                    }
                    None => missing += 1,
                }
            }
            let partitions = parts.len() + missing;
            numerator += cluster.len() - partitions;
            denominator += cluster.len() - 1;
        }
        if denominator == 0 {
            0.0
        } else {
            numerator as f64 / denominator as f64
        }
    };
    Prf::new(directed(response, key), directed(key, response))
}

/// CEAF-e: the best one-to-one alignment of key and response clusters
/// under phi4 = 2|K n R| / (|K| + |R|), solved per connected component of
/// the overlap graph (clusters sharing no mention align for 0).
pub fn ceafe(key: &Clusters, response: &Clusters) -> Prf {
    let response_cluster = cluster_of(response);
    // Union-find over key clusters (0..k) and response clusters (k..k+r).
    let k = key.len();
    let mut parent: Vec<usize> = (0..k + response.len()).collect();
    fn find(parent: &mut [usize], x: usize) -> usize {
        let mut root = x;
        while parent[root] != root {
            root = parent[root];
        }
        let mut x = x;
        while parent[x] != root {
            let next = parent[x];
            parent[x] = root;
            x = next;
        }
        root
    }
    let mut overlap: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, cluster) in key.iter().enumerate() {
        for m in cluster {
            if let Some(&j) = response_cluster.get(m) {
                *overlap.entry((i, j)).or_default() += 1;
                let (a, b) = (find(&mut parent, i), find(&mut parent, k + j));
                parent[a] = b;
            }
        }
    }
    let mut components: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for i in 0..k {
        let root = find(&mut parent, i);
        components.entry(root).or_default().0.push(i);
    }
    for j in 0..response.len() {
        let root = find(&mut parent, k + j);
        components.entry(root).or_default().1.push(j);
    }
    let mut total = 0.0;
    for (keys, responses) in components.values() {
        if keys.is_empty() || responses.is_empty() {
            continue;
        }
        let weights: Vec<Vec<f64>> = keys
            .iter()
            .map(|&i| {
                responses
                    .iter()
                    .map(|&j| {
                        let shared = overlap.get(&(i, j)).copied().unwrap_or(0) as f64;
                        2.0 * shared / (key[i].len() + response[j].len()) as f64
                    })
                    .collect()
            })
            .collect();
        total += max_assignment(&weights);
    }
    let ratio = |n: usize| if n == 0 { 0.0 } else { total / n as f64 };
    Prf::new(ratio(response.len()), ratio(k))
}

/// Largest total weight of a one-to-one assignment of rows to columns
/// (Hungarian algorithm with potentials, on the matrix padded square).
fn max_assignment(weights: &[Vec<f64>]) -> f64 {
    let n = weights.len().max(weights.first().map_or(0, Vec::len));
    let cost = |i: usize, j: usize| -weights.get(i).and_then(|row| row.get(j)).copied().unwrap_or(0.0);
    // 1-based arrays as in the classic formulation; p[j] = row matched to column j.
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut min_to = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let (mut delta, mut j1) = (f64::INFINITY, 0);
            for j in 1..=n {
                if !used[j] {
                    let current = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if current < min_to[j] {
                        min_to[j] = current;
                        way[j] = j0;
                    }
                    if min_to[j] < delta {
                        delta = min_to[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_to[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n).filter(|&j| p[j] > 0).map(|j| -cost(p[j] - 1, j - 1)).sum()
}

/// Adjusted Rand index of two labellings of the same items.
pub fn adjusted_rand<A: std::hash::Hash + Eq, B: std::hash::Hash + Eq>(a: &[A], b: &[B]) -> f64 {
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut table: HashMap<(&A, &B), usize> = HashMap::new();
    let (mut rows, mut columns): (HashMap<&A, usize>, HashMap<&B, usize>) = (HashMap::new(), HashMap::new());
    for (x, y) in a.iter().zip(b) {
        *table.entry((x, y)).or_default() += 1;
        *rows.entry(x).or_default() += 1;
        *columns.entry(y).or_default() += 1;
    }
    let index: f64 = table.values().map(|&n| pairs(n)).sum();
    let row_sum: f64 = rows.values().map(|&n| pairs(n)).sum();
    let column_sum: f64 = columns.values().map(|&n| pairs(n)).sum();
    let expected = row_sum * column_sum / pairs(a.len().min(b.len())).max(1.0);
    let max = (row_sum + column_sum) / 2.0;
    if (max - expected).abs() < f64::EPSILON {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    /// The worked example of Pradhan et al. (2014), "Scoring coreference
    /// partitions of predicted mentions": key {a,b,c},{d,e,f,g}; response
    /// {a,b},{c,d},{f,g,h,i}.
    fn example() -> (Clusters, Clusters) {
        (vec![vec![0, 1, 2], vec![3, 4, 5, 6]], vec![vec![0, 1], vec![2, 3], vec![5, 6, 7, 8]])
    }

    #[test]
    fn reference_example() {
        let (key, response) = example();
        let m = muc(&key, &response);
        assert!(close(m.recall, 0.4) && close(m.precision, 0.4), "{m:?}");
        let b = bcubed(&key, &response);
        let recall = (2.0 / 3.0 + 2.0 / 3.0 + 1.0 / 3.0 + 0.25 + 0.0 + 0.5 + 0.5) / 7.0;
        assert!(close(b.recall, recall) && close(b.precision, 4.0 / 8.0), "{b:?}");
        let c = ceafe(&key, &response);
        assert!(close(c.recall, 1.3 / 2.0) && close(c.precision, 1.3 / 3.0), "{c:?}");
    }

    /// Vilain et al. (1995): key {A,B,C,D}, response {A,B},{C,D}: two of
    /// the key's three links, every response link right.
    #[test]
    fn muc_of_a_split_chain() {
        let m = muc(&vec![vec![0, 1, 2, 3]], &vec![vec![0, 1], vec![2, 3]]);
        assert!(close(m.recall, 2.0 / 3.0) && close(m.precision, 1.0), "{m:?}");
    }

    /// Bagga and Baldwin (1998), their figure 2: key {1-5},{6,7},{8-12},
    /// the response merging the last two chains scores B-cubed precision
    /// 76% (16/21) and recall 100%.
    #[test]
    fn bcubed_of_merged_chains() {
        let key = vec![(0..5).collect(), vec![5, 6], (7..12).collect()];
        let response = vec![(0..5).collect(), (5..12).collect()];
        let b = bcubed(&key, &response);
        assert!(close(b.precision, 16.0 / 21.0) && close(b.recall, 1.0), "{b:?}");
    }

    #[test]
    fn identical_partitions_score_one() {
        let key = vec![vec![0, 1], vec![2], vec![3, 4, 5]];
        for prf in [muc(&key, &key), bcubed(&key, &key), ceafe(&key, &key)] {
            assert!(close(prf.f1, 1.0), "{prf:?}");
        }
        assert!(close(adjusted_rand(&[0, 0, 1, 2, 2, 2], &["a", "a", "b", "c", "c", "c"]), 1.0));
        assert!(adjusted_rand(&[0, 0, 1, 1], &[0, 1, 0, 1]) < 0.0);
    }
}
