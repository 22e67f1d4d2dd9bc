//! Queries the HTTP API needs beyond the command line's: a document's full
//! record by id, the places of a story for its map and the contradictions
//! among a story's articles. Kept apart from `query.rs` so the two evolve
//! without merge conflicts.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use newsgraph_core::PlaceKind;

use crate::article_text;
use crate::error::Result;
use crate::export::decode_record;
use crate::query::{side, ContradictionRow};
use crate::record::{CharIndex, Record};
use crate::Store;

/// Documents of a story whose places the map shows at most: decoding a
/// record costs an inflate and a JSON parse, so a huge story is sampled by
/// its first articles rather than making the view slow.
const MAP_DOCUMENTS: i64 = 20;

/// Contradictions a story view lists at most.
const STORY_CONTRADICTIONS: i64 = 100;

/// The places layer of a stored record, read without the rest.
#[derive(Deserialize)]
struct StoredPlaces {
    #[serde(default)]
    places: Vec<StoredPlace>,
}

#[derive(Deserialize)]
struct StoredPlace {
    start: usize,
    end: usize,
    text: Option<String>,
    name: String,
    country: Option<String>,
    lat: f64,
    lon: f64,
    kind: PlaceKind,
}

/// One place on a story's map.
/// A page of the web view that has its own id: a story or a corpus entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Story(i64),
    Entity(i64),
}

#[derive(Clone, Debug, Serialize)]
pub struct PlacePin {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// `country`, `admin1`, `admin2`, `city`, `region` or `other`: the
    /// map frames the most specific places, not whole countries.
    pub kind: PlaceKind,
    /// How the articles spell it (`Kupiansk` for the gazetteer's `Kupyansk`).
    pub texts: Vec<String>,
    /// Mentions over the story's (sampled) articles.
    pub mentions: usize,
}

/// The index `add_api_indexes` adds.
const DOCUMENT_ID_INDEX: &str = "documents_id";

impl Store {
    /// Whether `add_api_indexes` has been run on this store; answers on a
    /// read-only connection.
    pub fn has_api_indexes(&self) -> Result<bool> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?1",
            [DOCUMENT_ID_INDEX],
            |row| row.get(0),
        )?;
        Ok(count > 0)
    }

    /// Adds the index the API's document look-up by id needs; a no-op when
    /// it exists. Needs a store opened for writing.
    pub fn add_api_indexes(&self) -> Result<()> {
        self.conn.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {DOCUMENT_ID_INDEX} ON documents(id)"))?;
        Ok(())
    }

    /// A number that changes whenever documents are added (the highest
    /// document row number; documents are never removed): answers computed
    /// at one generation stay true until it moves.
    pub fn generation(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(rowid), 0) FROM documents", [], |row| row.get(0))?)
    }

    /// Stories and entities, those with the most documents first (the most
    /// read and the dearest to compute), at most `limit`.
    pub fn views_by_size(&self, limit: usize) -> Result<Vec<View>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT 1, id, documents FROM stories UNION ALL SELECT 0, id, documents FROM entities
             ORDER BY 3 DESC, 1 DESC, 2 LIMIT ?1",
        )?;
        let rows = statement.query_map([limit as i64], |row| {
            let id = row.get(1)?;
            Ok(if row.get::<_, bool>(0)? { View::Story(id) } else { View::Entity(id) })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The `newsgraph/1` record of the document with this id (the first
    /// ingested, should two files share an id).
    pub fn document(&self, id: &str) -> Result<Option<Record>> {
        let row: Option<(String, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT text, record FROM documents WHERE id = ?1 ORDER BY rowid LIMIT 1")?
            .query_row([id], |row| Ok((article_text::decode(row.get_ref(0)?, &self.codec)?, row.get(1)?)))
            .optional()?;
        row.map(|(text, blob)| decode_record(text, &blob, &self.codec)).transpose()
    }

    /// The places mentioned in a story's articles and in the articles that
    /// contradict them (the story view sets those sources side by side, so
    /// their places belong on its map), most mentioned first.
    pub fn story_places(&self, story: i64) -> Result<Vec<PlacePin>> {
        let mut statement = self.conn.prepare_cached(
            // Each part is an index range (the story's documents, then the
            // contradictions of each): an `OR` here scanned every
            // contradiction of the store on every story view.
            "SELECT text, record FROM documents WHERE rowid IN (
                SELECT rowid FROM (SELECT rowid FROM documents WHERE story = ?1 ORDER BY published, rowid LIMIT ?2)
                UNION SELECT c.b_document FROM documents a JOIN contradictions c ON c.a_document = a.rowid WHERE a.story = ?1
                UNION SELECT c.a_document FROM documents b JOIN contradictions c ON c.b_document = b.rowid WHERE b.story = ?1)
             ORDER BY published, rowid LIMIT ?2",
        )?;
        let rows = statement.query_map(params![story, MAP_DOCUMENTS], |row| {
            Ok((article_text::decode(row.get_ref(0)?, &self.codec)?, row.get::<_, Vec<u8>>(1)?))
        })?;
        let mut pins: Vec<PlacePin> = Vec::new();
        for row in rows {
            let (text, blob) = row?;
            // Only the places layer is parsed: the whole record would cost
            // several times more on every story view.
            let stored: StoredPlaces = self.codec.decompress_json(&blob)?;
            let chars = CharIndex::new(&text);
            for place in stored.places {
                // Stored records drop span texts their offsets give back.
                let spelled =
                    place.text.or_else(|| chars.slice(place.start, place.end).map(str::to_string)).unwrap_or_default();
                match pins.iter_mut().find(|pin| pin.name == place.name && pin.country == place.country) {
                    Some(pin) => {
                        pin.mentions += 1;
                        if !pin.texts.contains(&spelled) {
                            pin.texts.push(spelled);
                        }
                    }
                    None => pins.push(PlacePin {
                        texts: vec![spelled],
                        kind: place.kind,
                        name: place.name,
                        country: place.country,
                        lat: place.lat,
                        lon: place.lon,
                        mentions: 1,
                    }),
                }
            }
        }
        pins.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
        Ok(pins)
    }

    /// Contradictions with at least one side in the story's articles.
    pub fn story_contradictions(&self, story: i64) -> Result<Vec<ContradictionRow>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.id, c.reason, c.event,
                    a.id, c.a_sentence, c.a_start, c.a_end, c.a_text, c.a_claimant,
                    b.id, c.b_sentence, c.b_start, c.b_end, c.b_text, c.b_claimant
             FROM contradictions c JOIN documents a ON a.rowid = c.a_document JOIN documents b ON b.rowid = c.b_document
             WHERE c.id IN (
                SELECT k.id FROM documents d JOIN contradictions k ON k.a_document = d.rowid WHERE d.story = ?1
                UNION SELECT k.id FROM documents d JOIN contradictions k ON k.b_document = d.rowid WHERE d.story = ?1)
             ORDER BY c.id LIMIT ?2",
        )?;
        let rows = statement.query_map(params![story, STORY_CONTRADICTIONS], |row| {
            Ok(ContradictionRow {
                id: row.get(0)?,
                reason: row.get(1)?,
                event: row.get(2)?,
                a: side(row, 3)?,
                b: side(row, 9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
