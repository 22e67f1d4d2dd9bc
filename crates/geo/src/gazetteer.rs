//! The embedded gazetteer: countries, first- and second-level divisions,
//! towns of about 1,000 inhabitants and more, and news regions, built by
//! `crates/geo/build-data/build.sh` (see docs/geo.md) into a gzip'd TSV that
//! is compiled into the binary and parsed once per process.

use std::sync::OnceLock;

use crate::normalize::{key_hash, name_key_into};
use crate::LoadError;

static GAZETTEER_GZ: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");

/// What sort of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Country,
    Admin1,
    Admin2,
    City,
    Region,
}

/// How a name matched an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// The entry's main name.
    Name,
    /// One of its alternate spellings.
    Alias,
    /// An adjective of it ("Ukrainian").
    Demonym,
}

/// One gazetteer place.
#[derive(Clone, Debug)]
pub struct Entry {
    /// GeoNames id; 0 for our hand-written places.
    pub geonames_id: u32,
    pub kind: Kind,
    /// ISO 3166-1 alpha-2, or `None` for places spanning several countries.
    pub country: Option<[u8; 2]>,
    /// Index into [`Gazetteer::admin1_key`], if the place lies in a known admin1.
    pub admin1: Option<u32>,
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
    /// The country's capital (news uses capitals as metonyms for governments).
    pub capital: bool,
    name: (u32, u32),
}

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
}

const MATCH_SHIFT: u32 = 30;
const ENTRY_MASK: u32 = (1 << MATCH_SHIFT) - 1;

impl Gazetteer {
    /// The gazetteer compiled into the binary, parsed on first use.
    pub fn shared() -> Result<&'static Gazetteer, LoadError> {
        static SHARED: OnceLock<Result<Gazetteer, LoadError>> = OnceLock::new();
        SHARED.get_or_init(|| Gazetteer::from_gzip(GAZETTEER_GZ)).as_ref().map_err(Clone::clone)
    }

    /// Parses a gzip'd gazetteer TSV (the format build_gazetteer.py writes).
    pub fn from_gzip(bytes: &[u8]) -> Result<Gazetteer, LoadError> {
        let raw = gunzip(bytes)?;
        let text = String::from_utf8(raw).map_err(|_| LoadError::Format {
            line: 0,
            reason: "gazetteer is not UTF-8".into(),
        })?;
        Gazetteer::from_tsv(text)
    }

    /// Parses the uncompressed TSV.
    pub fn from_tsv(text: String) -> Result<Gazetteer, LoadError> {
        let mut builder = Builder::default();
        let mut offset = 0usize;
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            builder
                .add_line(line, start)
                .map_err(|reason| LoadError::Format { line: number + 1, reason })?;
        }
        Ok(builder.finish(text))
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

/// Collects entries and index rows while the TSV is read.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    index: Vec<(u64, u32)>,
    admin1_keys: Vec<String>,
    admin1_lookup: std::collections::HashMap<String, u32>,
    key: String,
}

impl Builder {
    /// Reads `kind id country admin1 lat lon population flags name aliases demonyms`.
    fn add_line(&mut self, line: &str, line_start: usize) -> Result<(), String> {
        let fields: Vec<&str> = line.split('\t').collect();
        let [kind, id, country, admin1, lat, lon, population, flags, name, aliases, demonyms] =
            fields[..]
        else {
            return Err(format!("expected 11 fields, found {}", fields.len()));
        };
        let kind = parse_kind(kind)?;
        let name_start = line_start + field_offset(line, name);
        let entry = Entry {
            geonames_id: parse_number(id, "id")?,
            kind,
            country: parse_country(country),
            admin1: self.admin1_index(admin1),
            lat: parse_number(lat, "latitude")?,
            lon: parse_number(lon, "longitude")?,
            population: parse_number(population, "population")?,
            capital: flags.split(',').any(|flag| flag == "capital"),
            name: (name_start as u32, (name_start + name.len()) as u32),
        };
        let index = self.entries.len() as u32;
        if index > ENTRY_MASK {
            return Err("too many gazetteer entries".into());
        }
        self.entries.push(entry);
        self.index_name(name, index, MatchKind::Name);
        for alias in aliases.split('|').filter(|a| !a.is_empty()) {
            self.index_name(alias, index, MatchKind::Alias);
        }
        for demonym in demonyms.split('|').filter(|d| !d.is_empty()) {
            self.index_name(demonym, index, MatchKind::Demonym);
        }
        Ok(())
    }

    fn admin1_index(&mut self, key: &str) -> Option<u32> {
        if key.is_empty() {
            return None;
        }
        if let Some(&index) = self.admin1_lookup.get(key) {
            return Some(index);
        }
        let index = self.admin1_keys.len() as u32;
        self.admin1_keys.push(key.to_string());
        self.admin1_lookup.insert(key.to_string(), index);
        Some(index)
    }

    fn index_name(&mut self, name: &str, entry: u32, matched: MatchKind) {
        name_key_into(name, &mut self.key);
        if self.key.is_empty() {
            return;
        }
        let packed = entry | (matched as u32) << MATCH_SHIFT;
        self.index.push((key_hash(&self.key), packed));
    }

    fn finish(mut self, text: String) -> Gazetteer {
        // Sorting by (hash, entry, match kind) keeps the order deterministic
        // and puts a name listed twice for one entry (as name and alias)
        // side by side, so only its best match kind is kept.
        self.index.sort_unstable_by_key(|&(hash, packed)| (hash, packed & ENTRY_MASK, packed));
        self.index.dedup_by(|later, earlier| {
            later.0 == earlier.0 && (later.1 & ENTRY_MASK) == (earlier.1 & ENTRY_MASK)
        });
        let mut admin1_entries = vec![None; self.admin1_keys.len()];
        for (index, entry) in self.entries.iter().enumerate() {
            if let (Kind::Admin1, Some(admin1)) = (entry.kind, entry.admin1) {
                admin1_entries[admin1 as usize] = Some(index as u32);
            }
        }
        Gazetteer {
            text,
            entries: self.entries,
            index: self.index,
            admin1_keys: self.admin1_keys,
            admin1_entries,
        }
    }
}

/// Byte offset of `field` (a sub-slice of `line`) inside `line`.
fn field_offset(line: &str, field: &str) -> usize {
    field.as_ptr() as usize - line.as_ptr() as usize
}

fn parse_kind(kind: &str) -> Result<Kind, String> {
    match kind {
        "country" => Ok(Kind::Country),
        "admin1" => Ok(Kind::Admin1),
        "admin2" => Ok(Kind::Admin2),
        "city" => Ok(Kind::City),
        "region" => Ok(Kind::Region),
        other => Err(format!("unknown kind `{other}`")),
    }
}

fn parse_number<T: std::str::FromStr>(value: &str, what: &str) -> Result<T, String> {
    value.parse().map_err(|_| format!("bad {what} `{value}`"))
}

fn parse_country(country: &str) -> Option<[u8; 2]> {
    match country.as_bytes() {
        &[a, b] => Some([a, b]),
        _ => None,
    }
}

/// Strips the gzip header (RFC 1952) and inflates the deflate stream.
fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, LoadError> {
    let corrupt = |reason: &str| LoadError::Decompress(reason.to_string());
    if bytes.len() < 18 || bytes[0] != 0x1f || bytes[1] != 0x8b || bytes[2] != 8 {
        return Err(corrupt("not a gzip stream"));
    }
    let flags = bytes[3];
    let mut at = 10usize;
    if flags & 0x04 != 0 {
        let extra = usize::from(bytes[at]) | usize::from(bytes[at + 1]) << 8;
        at += 2 + extra;
    }
    for flag in [0x08u8, 0x10] {
        if flags & flag != 0 {
            let end = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| b == 0));
            at += end.ok_or_else(|| corrupt("unterminated gzip header"))? + 1;
        }
    }
    if flags & 0x02 != 0 {
        at += 2;
    }
    let body = bytes.get(at..).ok_or_else(|| corrupt("truncated gzip header"))?;
    miniz_oxide::inflate::decompress_to_vec(body).map_err(|e| corrupt(&format!("{e:?}")))
}
