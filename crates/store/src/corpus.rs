//! The store as the linker's [`Corpus`]: profiles are rows found through
//! their blocking keys, and feature document frequencies are a table.
//!
//! Profiles of big stories and events grow with every document, so
//! parsing and rewriting them per document would cost more than the
//! linking itself. Within one ingest batch they are kept parsed in memory
//! and written back once, at commit, in the same transaction: the store
//! on disk is never ahead of or behind the linker.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{Read, Write};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use newsgraph_linking::{Corpus, CorpusError, EntityProfile, EventProfile, Frequencies, Linked, StoryProfile};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;

/// `meta` key of the number of documents linked.
const LINKED_DOCUMENTS: &str = "linked_documents";

/// Profiles of one kind read or written during the batch.
struct Cached<P> {
    kind: &'static str,
    profiles: HashMap<String, P>,
    dirty: HashSet<String>,
}

impl<P: Clone + Serialize + DeserializeOwned> Cached<P> {
    fn new(kind: &'static str) -> Self {
        Cached { kind, profiles: HashMap::new(), dirty: HashSet::new() }
    }

    /// The profiles indexed under any of `keys`.
    fn find(&mut self, conn: &Connection, keys: &[String]) -> Result<Vec<P>> {
        let mut ids = BTreeSet::new();
        let mut by_key = conn.prepare_cached("SELECT id FROM profile_keys WHERE kind = ?1 AND key = ?2")?;
        for key in keys {
            for id in by_key.query_map(params![self.kind, key], |row| row.get::<_, String>(0))? {
                ids.insert(id?);
            }
        }
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(profile) = self.profiles.get(&id) {
                found.push(profile.clone());
                continue;
            }
            let body: Option<Vec<u8>> = conn
                .prepare_cached("SELECT body FROM profiles WHERE kind = ?1 AND id = ?2")?
                .query_row(params![self.kind, id], |row| row.get(0))
                .optional()?;
            if let Some(body) = body {
                let profile: P = inflate(&body)?;
                found.push(profile.clone());
                self.profiles.insert(id, profile);
            }
        }
        Ok(found)
    }

    fn put(&mut self, conn: &Connection, id: &str, profile: &P, keys: Vec<String>) -> Result<()> {
        let mut index = conn.prepare_cached("INSERT OR IGNORE INTO profile_keys(kind, key, id) VALUES (?1, ?2, ?3)")?;
        for key in keys {
            index.execute(params![self.kind, key, id])?;
        }
        self.profiles.insert(id.to_string(), profile.clone());
        self.dirty.insert(id.to_string());
        Ok(())
    }

    fn flush(&mut self, conn: &Connection) -> Result<()> {
        let mut write = conn.prepare_cached("INSERT OR REPLACE INTO profiles(kind, id, body) VALUES (?1, ?2, ?3)")?;
        for id in self.dirty.drain() {
            if let Some(profile) = self.profiles.get(&id) {
                write.execute(params![self.kind, id, deflate(profile)?])?;
            }
        }
        self.profiles.clear();
        Ok(())
    }
}

/// Everything the linker read or changed during the batch.
struct State {
    entities: Cached<EntityProfile>,
    stories: Cached<StoryProfile>,
    events: Cached<EventProfile>,
    /// Document frequencies read or counted; `counted` holds the increments.
    df: HashMap<String, u32>,
    counted: HashMap<String, u32>,
    documents: Option<u64>,
    linked: u64,
}

pub(crate) struct SqlCorpus<'c> {
    conn: &'c Connection,
    state: RefCell<State>,
}

impl<'c> SqlCorpus<'c> {
    pub fn new(conn: &'c Connection) -> Self {
        SqlCorpus {
            conn,
            state: RefCell::new(State {
                entities: Cached::new("entity"),
                stories: Cached::new("story"),
                events: Cached::new("event"),
                df: HashMap::new(),
                counted: HashMap::new(),
                documents: None,
                linked: 0,
            }),
        }
    }

    /// Takes in every profile the linker changed and counts the document's
    /// features, as the linker's contract asks.
    pub fn apply(&self, linked: &Linked) -> Result<()> {
        let mut state = self.state.borrow_mut();
        for profile in &linked.entity_profiles {
            state.entities.put(self.conn, &profile.id, profile, profile.keys())?;
        }
        let story = &linked.story_profile;
        state.stories.put(self.conn, &story.id, story, story.keys())?;
        for profile in &linked.event_profiles {
            state.events.put(self.conn, &profile.id, profile, profile.keys())?;
        }
        for feature in &linked.features {
            let stored = self.stored_df(&mut state, feature)?;
            *state.df.entry(feature.clone()).or_insert(stored) += 1;
            *state.counted.entry(feature.clone()).or_insert(0) += 1;
        }
        state.linked += 1;
        Ok(())
    }

    fn stored_df(&self, state: &mut State, feature: &str) -> Result<u32> {
        if let Some(&df) = state.df.get(feature) {
            return Ok(df);
        }
        let df = self
            .conn
            .prepare_cached("SELECT df FROM frequencies WHERE feature = ?1")?
            .query_row([feature], |row| row.get(0))
            .optional()?
            .unwrap_or(0);
        state.df.insert(feature.to_string(), df);
        Ok(df)
    }

    fn documents(&self, state: &mut State) -> Result<u64> {
        if let Some(documents) = state.documents {
            return Ok(documents);
        }
        let stored: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([LINKED_DOCUMENTS], |row| row.get(0))
            .optional()?;
        let documents = stored.and_then(|d| d.parse().ok()).unwrap_or(0);
        state.documents = Some(documents);
        Ok(documents)
    }

    /// Writes the batch's profiles and counts; call just before COMMIT.
    pub fn flush(&self) -> Result<()> {
        let mut state = self.state.borrow_mut();
        let documents = self.documents(&mut state)? + state.linked;
        let state = &mut *state;
        state.entities.flush(self.conn)?;
        state.stories.flush(self.conn)?;
        state.events.flush(self.conn)?;
        let mut count = self.conn.prepare_cached(
            "INSERT INTO frequencies(feature, df) VALUES (?1, ?2) ON CONFLICT(feature) DO UPDATE SET df = df + excluded.df",
        )?;
        for (feature, added) in state.counted.drain() {
            count.execute(params![feature, added])?;
        }
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)")?
            .execute(params![LINKED_DOCUMENTS, documents.to_string()])?;
        state.df.clear();
        state.documents = None;
        state.linked = 0;
        Ok(())
    }
}

impl Corpus for SqlCorpus<'_> {
    fn entities(&self, keys: &[String]) -> Result<Vec<EntityProfile>, CorpusError> {
        Ok(self.state.borrow_mut().entities.find(self.conn, keys)?)
    }

    fn stories(&self, keys: &[String]) -> Result<Vec<StoryProfile>, CorpusError> {
        Ok(self.state.borrow_mut().stories.find(self.conn, keys)?)
    }

    fn events(&self, keys: &[String]) -> Result<Vec<EventProfile>, CorpusError> {
        Ok(self.state.borrow_mut().events.find(self.conn, keys)?)
    }

    fn frequencies(&self, features: &[String]) -> Result<Frequencies, CorpusError> {
        let mut state = self.state.borrow_mut();
        let documents = self.documents(&mut state)? + state.linked;
        let mut frequencies = Frequencies { documents, ..Frequencies::default() };
        for feature in features {
            let df = self.stored_df(&mut state, feature)?;
            if df > 0 {
                frequencies.df.insert(feature.clone(), df);
            }
        }
        Ok(frequencies)
    }
}

/// Deflated JSON: profiles repeat their field names and ids many times.
pub(crate) fn deflate<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    // One write of the whole JSON: the encoder zeroes its output's spare
    // room on every write, which serde's many small writes made quadratic.
    let json = serde_json::to_vec(value)?;
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(json.len() / 4), Compression::fast());
    encoder.write_all(&json)?;
    Ok(encoder.finish()?)
}

pub(crate) fn inflate<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let mut json = Vec::new();
    DeflateDecoder::new(bytes).read_to_end(&mut json)?;
    Ok(serde_json::from_slice(&json)?)
}
