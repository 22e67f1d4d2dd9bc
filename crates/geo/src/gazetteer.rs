//! The embedded gazetteer: countries, first- and second-level divisions,
//! towns of about 1,000 inhabitants and more, and news regions, built by
//! `crates/geo/build-data/build.sh` (see docs/geo.md) into a gzip'd TSV,
//! turned by `build.rs` into a binary image compiled into the binary and
//! read once per process.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalize::{key_hash, name_key_into};
use crate::table::{Table, ENTRY_MASK, MATCH_SHIFT};
use crate::LoadError;

pub use crate::table::{Entry, Kind, MatchKind};

static GAZETTEER_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// A gazetteer entry a name may refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub entry: u32,
    pub matched: MatchKind,
}

/// The loaded gazetteer and its name index.
pub struct Gazetteer {
    text: String,
    entries: Vec<Entry>,
    /// (hash of folded name, entry index | match kind << 30), sorted.
    index: Vec<(u64, u32)>,
    admin1_keys: Vec<String>,
    /// For each admin1 key, the admin1 entry that carries it.
    admin1_entries: Vec<Option<u32>>,
    /// The country entry of each ISO 3166-1 alpha-2 code.
    countries: HashMap<[u8; 2], u32>,
    /// One bit per top-22-bit hash prefix present in `index`: most words
    /// of a text are no place name, and this answers them without a search.
    filter: Vec<u64>,
}

const FILTER_BITS: u32 = 22;

fn filter_slot(hash: u64) -> (usize, u64) {
    let prefix = hash >> (64 - FILTER_BITS);
    ((prefix / 64) as usize, 1u64 << (prefix % 64))
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, read on first use.
    pub fn shared() -> Result<&'static Gazetteer, LoadError> {
        static SHARED: OnceLock<Result<Gazetteer, LoadError>> = OnceLock::new();
        SHARED.get_or_init(|| Gazetteer::from_image(GAZETTEER_IMAGE)).as_ref().map_err(Clone::clone)
    }

    /// Reads a binary image as `build.rs` writes it.
    pub fn from_image(bytes: &[u8]) -> Result<Gazetteer, LoadError> {
        Table::from_bytes(bytes).map(Gazetteer::from_table).map_err(|reason| LoadError::Format { line: 0, reason })
    }

    /// Parses a gzip'd gazetteer TSV (the format build_gazetteer.py writes).
    pub fn from_gzip(bytes: &[u8]) -> Result<Gazetteer, LoadError> {
        let raw = crate::table::gunzip(bytes).map_err(LoadError::Decompress)?;
        let text = String::from_utf8(raw)
            .map_err(|_| LoadError::Format { line: 0, reason: "gazetteer is not UTF-8".into() })?;
        Gazetteer::from_tsv(&text)
    }

    /// Parses the uncompressed TSV.
    pub fn from_tsv(text: &str) -> Result<Gazetteer, LoadError> {
        Table::parse_tsv(text).map(Gazetteer::from_table).map_err(|(line, reason)| LoadError::Format { line, reason })
    }

    fn from_table(table: Table) -> Gazetteer {
        let mut admin1_entries = vec![None; table.admin1_keys.len()];
        let mut countries = HashMap::new();
        for (index, entry) in table.entries.iter().enumerate() {
            match (entry.kind, entry.admin1, entry.country) {
                (Kind::Admin1, Some(admin1), _) => admin1_entries[admin1 as usize] = Some(index as u32),
                (Kind::Country, _, Some(code)) => {
                    countries.entry(code).or_insert(index as u32);
                }
                _ => {}
            }
        }
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        for &(hash, _) in &table.index {
            let (word, bit) = filter_slot(hash);
            filter[word] |= bit;
        }
        Gazetteer {
            text: table.names,
            entries: table.entries,
            index: table.index,
            admin1_keys: table.admin1_keys,
            admin1_entries,
            countries,
            filter,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    /// The main name of an entry.
    pub fn name(&self, entry: &Entry) -> &str {
        &self.text[entry.name.0 as usize..entry.name.1 as usize]
    }

    /// The GeoNames admin1 key (`UA.07`) behind [`Entry::admin1`].
    pub fn admin1_key(&self, admin1: u32) -> &str {
        &self.admin1_keys[admin1 as usize]
    }

    /// The entry of the country with ISO 3166-1 alpha-2 `code`.
    pub fn country(&self, code: [u8; 2]) -> Option<u32> {
        self.countries.get(&code).copied()
    }

    /// The admin1 entry an entry lies in, if the gazetteer has it.
    pub fn admin1_of(&self, entry: &Entry) -> Option<&Entry> {
        let admin1 = entry.admin1?;
        self.admin1_entries[admin1 as usize].map(|index| self.entry(index))
    }

    /// Every entry a surface form may refer to.
    pub fn lookup(&self, surface: &str) -> Vec<Candidate> {
        let mut key = String::with_capacity(surface.len());
        name_key_into(surface, &mut key);
        self.lookup_key(&key)
    }

    /// Like [`Gazetteer::lookup`], for an already folded key.
    pub fn lookup_key(&self, key: &str) -> Vec<Candidate> {
        if key.is_empty() {
            return Vec::new();
        }
        let hash = key_hash(key);
        let (word, bit) = filter_slot(hash);
        if self.filter[word] & bit == 0 {
            return Vec::new();
        }
        let first = self.index.partition_point(|&(h, _)| h < hash);
        self.index[first..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, packed)| Candidate {
                entry: packed & ENTRY_MASK,
                matched: match packed >> MATCH_SHIFT {
                    0 => MatchKind::Name,
                    1 => MatchKind::Alias,
                    _ => MatchKind::Demonym,
                },
            })
            .collect()
    }

    /// Whether some entry is known under this folded key.
    pub fn contains_key(&self, key: &str) -> bool {
        let hash = key_hash(key);
        let first = self.index.partition_point(|&(h, _)| h < hash);
        self.index.get(first).is_some_and(|&(h, _)| h == hash)
    }
}

/// Fingerprint of the embedded gazetteer image.
pub(crate) fn data_fingerprint() -> u64 {
    newsgraph_core::fnv1a(0, GAZETTEER_IMAGE)
}
