//! Static English word vectors: how alike two words are in meaning
//! ("quake" and "earthquake", "arrested" and "detained", "fired" and
//! "sacked"), for the decisions that a shared stem cannot make.
//!
//! The vectors are distilled from the sentence encoder all-MiniLM-L6-v2
//! (each word encoded alone, reduced to 64 dimensions) by
//! `data/build_vectors.py`, which says how; origin and licences are in
//! `data/README.md`. We ship our own small table rather than a runtime for
//! the encoder: a lookup and a 64-byte dot product cost nanoseconds, and
//! the whole table is 4 MB.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The built table: header line, word lines, then the vectors.
static TABLE: &[u8] = include_bytes!("../data/words.vec");

/// Word vectors with their blocking clusters.
pub struct WordVectors {
    index: HashMap<Box<str>, u32>,
    clusters: Vec<[u16; NEAREST]>,
    dims: usize,
    values: Vec<i8>,
}

/// How many nearest clusters each word records, nearest first.
pub const NEAREST: usize = 3;

/// The table built into the library, parsed on first use.
pub fn english() -> &'static WordVectors {
    static VECTORS: OnceLock<WordVectors> = OnceLock::new();
    VECTORS.get_or_init(|| WordVectors::parse(TABLE).expect("the built-in word vector table is well formed"))
}

impl WordVectors {
    /// Reads a table in the layout `data/build_vectors.py` writes; `None`
    /// when it is not one.
    fn parse(table: &[u8]) -> Option<Self> {
        let header_end = table.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&table[..header_end]).ok()?;
        let fields: Vec<&str> = header.split(' ').collect();
        let [magic, "1", words, dims, _clusters] = fields.as_slice() else { return None };
        if *magic != "newsgraph-word-vectors" {
            return None;
        }
        let (count, dims): (usize, usize) = (words.parse().ok()?, dims.parse().ok()?);
        let mut index = HashMap::with_capacity(count);
        let mut clusters = Vec::with_capacity(count);
        let mut at = header_end + 1;
        for row in 0..count {
            let end = at + table[at..].iter().position(|&b| b == b'\n')?;
            let line = std::str::from_utf8(&table[at..end]).ok()?;
            let (word, nearest) = line.split_once('\t')?;
            let mut ids = [0u16; NEAREST];
            for (slot, id) in ids.iter_mut().zip(nearest.split(' ')) {
                *slot = id.parse().ok()?;
            }
            index.insert(word.into(), row as u32);
            clusters.push(ids);
            at = end + 1;
        }
        // Signed bytes, as the build wrote them.
        let values = table.get(at..at + count * dims)?.iter().map(|&b| b as i8).collect();
        Some(WordVectors { index, clusters, dims, values })
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        self.clusters.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }

    fn row(&self, word: &str) -> Option<usize> {
        self.index.get(word).map(|&row| row as usize)
    }

    /// The vector of a lowercase word, if the table has it.
    pub fn vector(&self, word: &str) -> Option<&[i8]> {
        let row = self.row(word)?;
        Some(&self.values[row * self.dims..(row + 1) * self.dims])
    }

    /// Cosine similarity of two of this table's vectors, in -1..=1.
    pub fn cosine(&self, a: &[i8], b: &[i8]) -> f32 {
        let dot: i32 = a.iter().zip(b).map(|(&x, &y)| i32::from(x) * i32::from(y)).sum();
        dot as f32 / (127.0 * 127.0)
    }

    /// Cosine similarity of two lowercase words; `None` when either is not
    /// in the table.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f32> {
        Some(self.cosine(self.vector(a)?, self.vector(b)?))
    }

    /// The word's nearest clusters of meaning, nearest first: words of one
    /// meaning mostly share the first, and nearly always one of the three.
    pub fn clusters(&self, word: &str) -> Option<&[u16; NEAREST]> {
        self.row(word).map(|row| &self.clusters[row])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_one_meaning_are_nearer_than_unrelated_ones() {
        let vectors = english();
        assert!(vectors.len() > 40_000);
        let near = |a, b| vectors.similarity(a, b).unwrap();
        assert!(near("quake", "earthquake") > 0.6);
        assert!(near("arrested", "detained") > near("arrested", "elected"));
        assert!(near("fired", "sacked") > near("fired", "painted"));
        assert!((near("attack", "attack") - 1.0).abs() < 0.01);
        assert_eq!(vectors.similarity("attack", "notawordxyz"), None);
    }

    #[test]
    fn near_words_share_a_cluster() {
        let vectors = english();
        let shared = |a, b| {
            let (a, b) = (vectors.clusters(a).unwrap(), vectors.clusters(b).unwrap());
            b.contains(&a[0]) || a.contains(&b[0])
        };
        assert!(shared("quake", "earthquake"));
        assert!(shared("killed", "murdered"));
    }

    #[test]
    fn a_table_that_is_not_ours_is_refused() {
        assert!(WordVectors::parse(b"something else\n").is_none());
        assert!(WordVectors::parse(b"newsgraph-word-vectors 1 2 4 3\nword\t1 2 3\n").is_none());
    }
}
