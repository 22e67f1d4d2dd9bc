//! The gazetteer table and its two encodings: the gzip'd TSV committed in
//! `data/` (built by `build-data/build.sh`) and the binary image that
//! `build.rs` derives from it at compile time, so that loading at run time
//! is a copy of fixed-size records instead of parsing and folding ~470,000
//! names. Shared by `build.rs` (through `#[path]`) and the library.

use std::collections::HashMap;

use crate::normalize::{key_hash, name_key_into};

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
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// GeoNames id; 0 for our hand-written places.
    pub geonames_id: u32,
    pub kind: Kind,
    /// ISO 3166-1 alpha-2, or `None` for places spanning several countries.
    pub country: Option<[u8; 2]>,
    /// Index of the place's GeoNames admin1 key (`UA.07`), if known.
    pub admin1: Option<u32>,
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
    /// The country's capital (news uses capitals as metonyms for governments).
    pub capital: bool,
    /// Byte range of the main name in [`Table::names`].
    pub name: (u32, u32),
}

/// Bits of a packed index value: entry number, then the match kind.
pub const MATCH_SHIFT: u32 = 30;
pub const ENTRY_MASK: u32 = (1 << MATCH_SHIFT) - 1;

/// The whole gazetteer in memory.
#[derive(Default)]
pub struct Table {
    /// Main names, back to back.
    pub names: String,
    pub entries: Vec<Entry>,
    /// (hash of folded name, entry | match kind << 30), sorted.
    pub index: Vec<(u64, u32)>,
    pub admin1_keys: Vec<String>,
}

const MAGIC: &[u8; 8] = b"NGGAZ001";
const RECORD: usize = 32;
const NONE: u32 = u32::MAX;

impl Table {
    /// Parses the TSV: `kind id country admin1 lat lon population flags
    /// name aliases demonyms`, `#` lines being comments.
    pub fn parse_tsv(text: &str) -> Result<Table, (usize, String)> {
        let mut builder = Builder::default();
        for (number, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            builder.add_line(line).map_err(|reason| (number + 1, reason))?;
        }
        Ok(builder.finish())
    }

    /// The binary image: header, fixed-size entries, index, admin1 keys, names.
    #[allow(dead_code)] // used by build.rs and the tests
    pub fn to_bytes(&self) -> Vec<u8> {
        let admin1_blob = self.admin1_keys.join("\n");
        let mut out = Vec::with_capacity(64 + self.entries.len() * RECORD + self.index.len() * 12);
        out.extend_from_slice(MAGIC);
        for count in [self.entries.len(), self.index.len(), self.names.len(), admin1_blob.len()] {
            out.extend_from_slice(&(count as u32).to_le_bytes());
        }
        for entry in &self.entries {
            encode_entry(entry, &mut out);
        }
        for &(hash, packed) in &self.index {
            out.extend_from_slice(&hash.to_le_bytes());
            out.extend_from_slice(&packed.to_le_bytes());
        }
        out.extend_from_slice(admin1_blob.as_bytes());
        out.extend_from_slice(self.names.as_bytes());
        out
    }

    /// Reads what [`Table::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Table, String> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(8)? != MAGIC {
            return Err("not a newsgraph gazetteer image".into());
        }
        let (entries, index, names, admin1) = (reader.u32()?, reader.u32()?, reader.u32()?, reader.u32()?);
        let entries = (0..entries).map(|_| decode_entry(reader.take(RECORD)?)).collect::<Result<_, _>>()?;
        let index = (0..index).map(|_| Ok((reader.u64()?, reader.u32()?))).collect::<Result<_, String>>()?;
        let admin1_blob = text(reader.take(admin1 as usize)?)?;
        let admin1_keys =
            if admin1_blob.is_empty() { Vec::new() } else { admin1_blob.split('\n').map(String::from).collect() };
        let names = text(reader.take(names as usize)?)?.to_string();
        Ok(Table { names, entries, index, admin1_keys })
    }
}

fn text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|_| "gazetteer text is not UTF-8".to_string())
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, length: usize) -> Result<&'b [u8], String> {
        let slice = self.bytes.get(self.at..self.at + length).ok_or("gazetteer image is truncated")?;
        self.at += length;
        Ok(slice)
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "short read")?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().map_err(|_| "short read")?))
    }
}

#[allow(dead_code)] // used by build.rs and the tests
fn encode_entry(entry: &Entry, out: &mut Vec<u8>) {
    let start = out.len();
    for value in [entry.geonames_id, entry.admin1.unwrap_or(NONE), entry.population, entry.name.0, entry.name.1] {
        out.extend_from_slice(&value.to_le_bytes());
    }
    out.extend_from_slice(&entry.lat.to_le_bytes());
    out.extend_from_slice(&entry.lon.to_le_bytes());
    let country = entry.country.unwrap_or([0, 0]);
    out.extend_from_slice(&[kind_code(entry.kind), u8::from(entry.capital), country[0], country[1]]);
    debug_assert_eq!(out.len() - start, RECORD);
}

fn decode_entry(record: &[u8]) -> Result<Entry, String> {
    let word = |i: usize| u32::from_le_bytes([record[i * 4], record[i * 4 + 1], record[i * 4 + 2], record[i * 4 + 3]]);
    let admin1 = word(1);
    let country = [record[30], record[31]];
    Ok(Entry {
        geonames_id: word(0),
        admin1: (admin1 != NONE).then_some(admin1),
        population: word(2),
        name: (word(3), word(4)),
        lat: f32::from_bits(word(5)),
        lon: f32::from_bits(word(6)),
        kind: kind_of_code(record[28])?,
        capital: record[29] != 0,
        country: (country != [0, 0]).then_some(country),
    })
}

#[allow(dead_code)] // used by build.rs and the tests
fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Country => 0,
        Kind::Admin1 => 1,
        Kind::Admin2 => 2,
        Kind::City => 3,
        Kind::Region => 4,
    }
}

fn kind_of_code(code: u8) -> Result<Kind, String> {
    [Kind::Country, Kind::Admin1, Kind::Admin2, Kind::City, Kind::Region]
        .get(usize::from(code))
        .copied()
        .ok_or_else(|| format!("bad place kind {code}"))
}

/// Collects entries and index rows while the TSV is read.
#[derive(Default)]
struct Builder {
    table: Table,
    admin1_lookup: HashMap<String, u32>,
    key: String,
}

impl Builder {
    fn add_line(&mut self, line: &str) -> Result<(), String> {
        let fields: Vec<&str> = line.split('\t').collect();
        let [kind, id, country, admin1, lat, lon, population, flags, name, aliases, demonyms] = fields[..] else {
            return Err(format!("expected 11 fields, found {}", fields.len()));
        };
        let name_start = self.table.names.len() as u32;
        self.table.names.push_str(name);
        let entry = Entry {
            geonames_id: parse_number(id, "id")?,
            kind: parse_kind(kind)?,
            country: parse_country(country),
            admin1: self.admin1_index(admin1),
            lat: parse_number(lat, "latitude")?,
            lon: parse_number(lon, "longitude")?,
            population: parse_number(population, "population")?,
            capital: flags.split(',').any(|flag| flag == "capital"),
            name: (name_start, self.table.names.len() as u32),
        };
        let index = self.table.entries.len() as u32;
        if index > ENTRY_MASK {
            return Err("too many gazetteer entries".into());
        }
        self.table.entries.push(entry);
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
        let index = self.table.admin1_keys.len() as u32;
        self.table.admin1_keys.push(key.to_string());
        self.admin1_lookup.insert(key.to_string(), index);
        Some(index)
    }

    fn index_name(&mut self, name: &str, entry: u32, matched: MatchKind) {
        name_key_into(name, &mut self.key);
        if self.key.is_empty() {
            return;
        }
        let kind = match matched {
            MatchKind::Name => 0,
            MatchKind::Alias => 1,
            MatchKind::Demonym => 2,
        };
        self.table.index.push((key_hash(&self.key), entry | kind << MATCH_SHIFT));
    }

    fn finish(mut self) -> Table {
        // Sorting by (hash, entry, match kind) keeps the order deterministic
        // and puts a name listed twice for one entry (as name and alias)
        // side by side, so only its best match kind is kept.
        let index = &mut self.table.index;
        index.sort_unstable_by_key(|&(hash, packed)| (hash, packed & ENTRY_MASK, packed));
        index.dedup_by(|later, earlier| later.0 == earlier.0 && (later.1 & ENTRY_MASK) == (earlier.1 & ENTRY_MASK));
        self.table
    }
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
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if bytes.len() < 18 || bytes[0] != 0x1f || bytes[1] != 0x8b || bytes[2] != 8 {
        return Err("not a gzip stream".into());
    }
    let flags = bytes[3];
    let mut at = 10usize;
    if flags & 0x04 != 0 {
        let extra = bytes.get(at..at + 2).ok_or("truncated gzip header")?;
        at += 2 + (usize::from(extra[0]) | usize::from(extra[1]) << 8);
    }
    for flag in [0x08u8, 0x10] {
        if flags & flag != 0 {
            let end = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| b == 0));
            at += end.ok_or("unterminated gzip header")? + 1;
        }
    }
    if flags & 0x02 != 0 {
        at += 2;
    }
    let body = bytes.get(at..).ok_or("truncated gzip header")?;
    miniz_oxide::inflate::decompress_to_vec(body).map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "# comment\n\
        country\t690791\tUA\t\t49.0\t32.0\t40000000\t\tUkraine\tUkrayina\tUkrainian\n\
        city\t703448\tUA\tUA.12\t50.4547\t30.5238\t2952301\tcapital\tKyiv\tKiev|Kyïv\t\n";

    #[test]
    fn binary_image_round_trips() {
        let table = Table::parse_tsv(TSV).expect("parses");
        let back = Table::from_bytes(&table.to_bytes()).expect("reads back");
        assert_eq!(back.names, "UkraineKyiv");
        assert_eq!(back.index, table.index);
        assert_eq!(back.admin1_keys, ["UA.12"]);
        let kyiv = back.entries[1];
        assert!(kyiv.capital && kyiv.kind == Kind::City && kyiv.country == Some(*b"UA"));
        assert_eq!((kyiv.lat, kyiv.population), (50.4547, 2952301));
        // "Kyïv" folds onto "Kyiv": one index row for the city.
        assert_eq!(back.index.iter().filter(|(_, packed)| packed & ENTRY_MASK == 1).count(), 2);
    }

    #[test]
    fn rejects_bad_lines_and_images() {
        assert!(Table::parse_tsv("city\t1\tUA").is_err());
        assert!(Table::from_bytes(b"NGGAZ001\x01\x00").is_err());
        assert!(gunzip(b"not gzip at all, not at all").is_err());
    }
}
