//! The store as the linker's [`Corpus`]: profiles are rows found through
//! their blocking keys, and feature document frequencies are a table.
//!
//! Parsing profiles and asking SQLite per key for every document would cost
//! more than the linking itself, so what the linker read or changed is kept
//! parsed in memory for the whole ingest run: changed profiles are written
//! back once per batch, at commit, in the same transaction (the store on
//! disk is never ahead of or behind the linker). If another process
//! committed to the store in between (`PRAGMA data_version` moved), the
//! memory is dropped and read again.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use newsgraph_core::fnv1a;
use newsgraph_linking::{
    Corpus, CorpusError, EntityProfile, EventProfile, Frequencies, Linked, Member, StoryProfile, KEY_FANOUT,
};
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::dictionary::{BlobKind, Codec};
use crate::error::Result;

/// `meta` key of the number of documents linked.
const LINKED_DOCUMENTS: &str = "linked_documents";

/// Profiles, key lists or frequencies kept in memory per kind before the
/// memory is dropped at a commit: bounds an ingest's memory whatever the
/// corpus size.
const MEMORY_LIMIT: usize = 200_000;

/// How many documents a profile's key rows may lag behind its last change
/// before they are written again to mark it recent: rewriting every key of
/// a growing story per document was a fifth of the ingest time.
const RECENCY_SLACK: u64 = 256;

/// A blocking key as `profile_keys` stores it: 64 bits of its profile
/// kind and text. The texts ("b11:cde962b430691e66", "L:80125745") and
/// kinds took two thirds of the table. A collision only adds a candidate
/// that the look-up by kind and id drops or the linker scores low; at two
/// million keys one is about as likely as 1 in 10 million.
pub(crate) fn key_hash(kind: &str, key: &str) -> i64 {
    fnv1a(fnv1a(0, kind.as_bytes()), key.as_bytes()) as i64
}

/// `key_hash(kind, key)` in SQL, for the migration that hashed the stored keys.
pub(crate) fn register_key_hash(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("key_hash", 2, flags, |ctx| {
        Ok(key_hash(&ctx.get::<String>(0)?, &ctx.get::<String>(1)?))
    })
}

/// A profile's blocking keys, as the linker defines them.
trait Keyed {
    fn keys(&self) -> Vec<String>;
}

macro_rules! keyed {
    ($($profile:ty),*) => {
        $(impl Keyed for $profile {
            fn keys(&self) -> Vec<String> {
                <$profile>::keys(self)
            }
        })*
    };
}

keyed!(EntityProfile, StoryProfile, EventProfile, Member);

/// Profiles of one kind, and the key lists read, kept across batches.
struct Cached<P> {
    kind: &'static str,
    codec: Arc<Codec>,
    profiles: HashMap<String, Arc<P>>,
    /// Key -> ids, most recently written first, at most [`KEY_FANOUT`].
    keys: HashMap<String, Vec<String>>,
    /// Id -> `seq` and key set of its rows in `profile_keys`, for the
    /// profiles read or written in this run.
    indexed: HashMap<String, (u64, Vec<String>)>,
    dirty: HashSet<String>,
}

impl<P: Clone + Serialize + DeserializeOwned + Keyed + Send + Sync> Cached<P> {
    fn new(kind: &'static str, codec: &Arc<Codec>) -> Self {
        Cached {
            kind,
            codec: Arc::clone(codec),
            profiles: HashMap::new(),
            keys: HashMap::new(),
            indexed: HashMap::new(),
            dirty: HashSet::new(),
        }
    }

    /// The profiles indexed under any of `keys`.
    fn find(&mut self, conn: &Connection, keys: &[String]) -> Result<Vec<Arc<P>>> {
        for key in keys {
            self.load_key(conn, key)?;
        }
        // Each key lists up to `KEY_FANOUT` ids: only the distinct ones are
        // copied (copying every key's list was most of a look-up).
        let mut ids: Vec<&String> = keys.iter().filter_map(|key| self.keys.get(key)).flatten().collect();
        ids.sort();
        ids.dedup();
        let ids: Vec<String> = ids.into_iter().cloned().collect();
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(profile) = self.profile(conn, id)? {
                found.push(profile.clone());
            }
        }
        Ok(found)
    }

    /// Reads a key's list into memory unless it is there.
    fn load_key(&mut self, conn: &Connection, key: &str) -> Result<()> {
        if self.keys.contains_key(key) {
            return Ok(());
        }
        let mut by_key =
            conn.prepare_cached("SELECT id FROM profile_keys WHERE key = ?1 ORDER BY seq DESC LIMIT ?2")?;
        let ids = by_key
            .query_map(params![key_hash(self.kind, key), KEY_FANOUT as i64], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        self.keys.insert(key.to_string(), ids);
        Ok(())
    }

    fn profile(&mut self, conn: &Connection, id: String) -> Result<Option<&Arc<P>>> {
        if !self.profiles.contains_key(&id) {
            let stored: Option<(Vec<u8>, i64)> = conn
                .prepare_cached("SELECT body, keys_seq FROM profiles WHERE kind = ?1 AND id = ?2")?
                .query_row(params![self.kind, id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let Some((body, keys_seq)) = stored else { return Ok(None) };
            let profile: P = self.codec.decompress_json(&body)?;
            // Its key rows were written with the keys it has now (they are
            // rewritten whenever the key set changes).
            self.indexed.entry(id.clone()).or_insert_with(|| (keys_seq as u64, profile.keys()));
            self.profiles.insert(id.clone(), Arc::new(profile));
        }
        Ok(self.profiles.get(&id))
    }

    /// Takes in a changed profile as the most recently written under each
    /// of its keys (`seq` orders them on disk).
    fn put(&mut self, conn: &Connection, id: &str, profile: P, keys: Vec<String>, seq: u64) -> Result<()> {
        // Where its key rows are now: the rows are keyed by `seq`, so the
        // old ones are found by the `seq` they were written at.
        self.profile(conn, id.to_string())?;
        self.profiles.insert(id.to_string(), Arc::new(profile));
        self.dirty.insert(id.to_string());
        let previous = self.indexed.get(id);
        if previous.is_some_and(|(at, written)| seq < at + RECENCY_SLACK && *written == keys) {
            return Ok(());
        }
        if let Some((at, written)) = previous {
            let mut unindex =
                conn.prepare_cached("DELETE FROM profile_keys WHERE key = ?1 AND seq = ?2 AND id = ?3")?;
            for key in written {
                unindex.execute(params![key_hash(self.kind, key), *at as i64, id])?;
            }
        }
        let mut index = conn.prepare_cached("INSERT OR IGNORE INTO profile_keys(key, seq, id) VALUES (?1, ?2, ?3)")?;
        for key in &keys {
            index.execute(params![key_hash(self.kind, key), seq as i64, id])?;
            if let Some(ids) = self.keys.get_mut(key) {
                ids.retain(|i| i != id);
                ids.insert(0, id.to_string());
                ids.truncate(KEY_FANOUT);
            }
        }
        self.indexed.insert(id.to_string(), (seq, keys));
        Ok(())
    }

    /// Deletes profile `id` and its key rows (a corpus event merged into
    /// another).
    fn remove(&mut self, conn: &Connection, id: &str) -> Result<()> {
        self.profile(conn, id.to_string())?;
        if let Some((at, written)) = self.indexed.remove(id) {
            let mut unindex =
                conn.prepare_cached("DELETE FROM profile_keys WHERE key = ?1 AND seq = ?2 AND id = ?3")?;
            for key in &written {
                unindex.execute(params![key_hash(self.kind, key), at as i64, id])?;
                if let Some(ids) = self.keys.get_mut(key) {
                    ids.retain(|i| i != id);
                }
            }
        }
        self.profiles.remove(id);
        self.dirty.remove(id);
        conn.prepare_cached("DELETE FROM profiles WHERE kind = ?1 AND id = ?2")?.execute(params![self.kind, id])?;
        Ok(())
    }

    fn flush(&mut self, conn: &Connection) -> Result<()> {
        let dirty: Vec<(String, Arc<P>, i64)> = self
            .dirty
            .drain()
            .filter_map(|id| {
                let profile = Arc::clone(self.profiles.get(&id)?);
                let keys_seq = self.indexed.get(&id).map_or(0, |(seq, _)| *seq as i64);
                Some((id, profile, keys_seq))
            })
            .collect();
        let bodies = compress_all(&dirty, &self.codec)?;
        let mut write =
            conn.prepare_cached("INSERT OR REPLACE INTO profiles(kind, id, body, keys_seq) VALUES (?1, ?2, ?3, ?4)")?;
        for ((id, _, keys_seq), body) in dirty.iter().zip(bodies) {
            write.execute(params![self.kind, id, body, keys_seq])?;
        }
        if self.profiles.len() > MEMORY_LIMIT || self.keys.len() > MEMORY_LIMIT || self.indexed.len() > MEMORY_LIMIT {
            self.forget();
        }
        Ok(())
    }

    /// Drops what is kept in memory (after a flush: nothing is lost).
    fn forget(&mut self) {
        self.profiles.clear();
        self.keys.clear();
        self.indexed.clear();
    }
}

/// Profiles compressed at commit below this many are compressed on the
/// writing thread alone.
const PARALLEL_COMPRESSION: usize = 32;

/// The compressed JSON of each profile, in order. Compressing a batch's
/// changed profiles was a tenth of the writing thread's time; it is spread
/// over the cores (the pipeline's workers wait for the commit meanwhile).
fn compress_all<P: Serialize + Send + Sync>(dirty: &[(String, Arc<P>, i64)], codec: &Codec) -> Result<Vec<Vec<u8>>> {
    let compress = |chunk: &[(String, Arc<P>, i64)]| -> Result<Vec<Vec<u8>>> {
        chunk.iter().map(|(_, profile, _)| codec.compress_json(BlobKind::Profile, profile.as_ref())).collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || dirty.len() < PARALLEL_COMPRESSION {
        return compress(dirty);
    }
    let chunk = dirty.len().div_ceil(threads);
    let parts: Vec<Result<Vec<Vec<u8>>>> = std::thread::scope(|scope| {
        // The first part on this thread, the others beside it.
        let mut parts = dirty.chunks(chunk);
        let first = parts.next().unwrap_or_default();
        let handles: Vec<_> = parts.map(|part| scope.spawn(move || compress(part))).collect();
        let mut done = vec![compress(first)];
        done.extend(handles.into_iter().map(|h| h.join().expect("compressing thread panicked")));
        done
    });
    let mut bodies = Vec::with_capacity(dirty.len());
    for part in parts {
        bodies.extend(part?);
    }
    Ok(bodies)
}

/// Everything the linker read or changed during the ingest run.
struct State {
    entities: Cached<EntityProfile>,
    stories: Cached<StoryProfile>,
    events: Cached<EventProfile>,
    members: Cached<Member>,
    /// Document frequencies read or counted; `counted` holds the batch's
    /// increments.
    df: HashMap<String, u32>,
    counted: HashMap<String, u32>,
    /// Documents linked before the batch.
    documents: Option<u64>,
    linked: u64,
    /// `PRAGMA data_version` when the memory was last known good.
    data_version: Option<i64>,
}

pub(crate) struct SqlCorpus<'c> {
    conn: &'c Connection,
    state: RefCell<State>,
}

impl<'c> SqlCorpus<'c> {
    pub fn new(conn: &'c Connection, codec: &Arc<Codec>) -> Self {
        SqlCorpus {
            conn,
            state: RefCell::new(State {
                entities: Cached::new("entity", codec),
                stories: Cached::new("story", codec),
                events: Cached::new("event", codec),
                members: Cached::new("member", codec),
                df: HashMap::new(),
                counted: HashMap::new(),
                documents: None,
                linked: 0,
                data_version: None,
            }),
        }
    }

    /// Takes in every profile the linker changed and counts the document's
    /// features, as the linker's contract asks.
    pub fn apply(&self, linked: Linked) -> Result<()> {
        let mut state = self.state.borrow_mut();
        let seq = self.documents(&mut state)? + state.linked + 1;
        // The profiles are taken over as they are, not copied.
        for merge in &linked.entity_merges {
            state.entities.remove(self.conn, &merge.from)?;
        }
        for profile in linked.entity_profiles {
            let (id, keys) = (profile.id.clone(), profile.keys());
            state.entities.put(self.conn, &id, profile, keys, seq)?;
        }
        let story = linked.story_profile;
        let (id, keys) = (story.id.clone(), story.keys());
        state.stories.put(self.conn, &id, story, keys, seq)?;
        let member = linked.member;
        let (id, keys) = (member.document.clone(), member.keys());
        state.members.put(self.conn, &id, member, keys, seq)?;
        for merge in &linked.event_merges {
            state.events.remove(self.conn, &merge.from)?;
        }
        for profile in linked.event_profiles {
            let (id, keys) = (profile.id.clone(), profile.keys());
            state.events.put(self.conn, &id, profile, keys, seq)?;
        }
        for feature in &linked.features {
            // `stored_df` leaves the feature in `df`: no second key copy.
            let stored = self.stored_df(&mut state, feature)?;
            if let Some(df) = state.df.get_mut(feature) {
                *df = stored + 1;
            }
            match state.counted.get_mut(feature) {
                Some(counted) => *counted += 1,
                None => {
                    state.counted.insert(feature.clone(), 1);
                }
            }
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

    /// Call at the start of each batch, inside its transaction: drops the
    /// memory if another connection changed the store since the last one.
    pub fn begin_batch(&self) -> Result<()> {
        let version: i64 = self.conn.query_row("PRAGMA data_version", [], |row| row.get(0))?;
        let mut state = self.state.borrow_mut();
        if state.data_version != Some(version) {
            state.entities.forget();
            state.stories.forget();
            state.events.forget();
            state.members.forget();
            state.df.clear();
            state.documents = None;
        }
        state.data_version = Some(version);
        Ok(())
    }

    /// Writes the batch's profiles and counts; call just before COMMIT.
    pub fn flush(&self) -> Result<()> {
        let mut state = self.state.borrow_mut();
        let documents = self.documents(&mut state)? + state.linked;
        let state = &mut *state;
        state.entities.flush(self.conn)?;
        state.stories.flush(self.conn)?;
        state.events.flush(self.conn)?;
        state.members.flush(self.conn)?;
        let mut count = self.conn.prepare_cached(
            "INSERT INTO frequencies(feature, df) VALUES (?1, ?2) ON CONFLICT(feature) DO UPDATE SET df = df + excluded.df",
        )?;
        for (feature, added) in state.counted.drain() {
            count.execute(params![feature, added])?;
        }
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)")?
            .execute(params![LINKED_DOCUMENTS, documents.to_string()])?;
        if state.df.len() > MEMORY_LIMIT {
            state.df.clear();
        }
        state.documents = Some(documents);
        state.linked = 0;
        Ok(())
    }
}

impl Corpus for SqlCorpus<'_> {
    fn entities(&self, keys: &[String]) -> Result<Vec<Arc<EntityProfile>>, CorpusError> {
        Ok(self.state.borrow_mut().entities.find(self.conn, keys)?)
    }

    fn stories(&self, keys: &[String]) -> Result<Vec<Arc<StoryProfile>>, CorpusError> {
        Ok(self.state.borrow_mut().stories.find(self.conn, keys)?)
    }

    fn events(&self, keys: &[String]) -> Result<Vec<Arc<EventProfile>>, CorpusError> {
        Ok(self.state.borrow_mut().events.find(self.conn, keys)?)
    }

    fn members(&self, keys: &[String]) -> Result<Vec<Arc<Member>>, CorpusError> {
        Ok(self.state.borrow_mut().members.find(self.conn, keys)?)
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
