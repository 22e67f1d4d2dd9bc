//! The store as the linker's [`Corpus`]: profiles are JSON rows found
//! through their blocking keys, and feature document frequencies are a
//! table. Read inside the ingest transaction, so a batch sees its own
//! earlier documents.

use std::collections::BTreeSet;

use newsgraph_linking::{
    Corpus, CorpusError, EntityProfile, EventProfile, Frequencies, Linked, StoryProfile,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;

/// Profile kinds, as stored in `profiles.kind`.
const ENTITY: &str = "entity";
const STORY: &str = "story";
const EVENT: &str = "event";

/// `meta` key of the number of documents linked.
const LINKED_DOCUMENTS: &str = "linked_documents";

pub(crate) struct SqlCorpus<'c>(pub &'c Connection);

impl SqlCorpus<'_> {
    fn profiles<P: DeserializeOwned>(
        &self,
        kind: &str,
        keys: &[String],
    ) -> Result<Vec<P>, CorpusError> {
        let mut ids = BTreeSet::new();
        let mut by_key = self
            .0
            .prepare_cached("SELECT id FROM profile_keys WHERE kind = ?1 AND key = ?2")?;
        for key in keys {
            for id in by_key.query_map(params![kind, key], |row| row.get::<_, String>(0))? {
                ids.insert(id?);
            }
        }
        let mut body = self
            .0
            .prepare_cached("SELECT body FROM profiles WHERE kind = ?1 AND id = ?2")?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            let json: Option<String> = body
                .query_row(params![kind, id], |row| row.get(0))
                .optional()?;
            if let Some(json) = json {
                found.push(serde_json::from_str(&json)?);
            }
        }
        Ok(found)
    }

    fn save<P: Serialize>(
        &self,
        kind: &str,
        id: &str,
        profile: &P,
        keys: Vec<String>,
    ) -> Result<()> {
        self.0
            .prepare_cached("INSERT OR REPLACE INTO profiles(kind, id, body) VALUES (?1, ?2, ?3)")?
            .execute(params![kind, id, serde_json::to_string(profile)?])?;
        let mut index = self.0.prepare_cached(
            "INSERT OR IGNORE INTO profile_keys(kind, key, id) VALUES (?1, ?2, ?3)",
        )?;
        for key in keys {
            index.execute(params![kind, key, id])?;
        }
        Ok(())
    }

    /// Writes back every profile the linker changed and counts the
    /// document's features, as the linker's contract asks.
    pub fn apply(&self, linked: &Linked) -> Result<()> {
        for profile in &linked.entity_profiles {
            self.save(ENTITY, &profile.id, profile, profile.keys())?;
        }
        let story = &linked.story_profile;
        self.save(STORY, &story.id, story, story.keys())?;
        for profile in &linked.event_profiles {
            self.save(EVENT, &profile.id, profile, profile.keys())?;
        }
        let mut count = self.0.prepare_cached(
            "INSERT INTO frequencies(feature, df) VALUES (?1, 1) ON CONFLICT(feature) DO UPDATE SET df = df + 1",
        )?;
        for feature in &linked.features {
            count.execute([feature])?;
        }
        self.0
            .prepare_cached(
                "INSERT INTO meta(key, value) VALUES (?1, '1')
                 ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
            )?
            .execute([LINKED_DOCUMENTS])?;
        Ok(())
    }
}

impl Corpus for SqlCorpus<'_> {
    fn entities(&self, keys: &[String]) -> Result<Vec<EntityProfile>, CorpusError> {
        self.profiles(ENTITY, keys)
    }

    fn stories(&self, keys: &[String]) -> Result<Vec<StoryProfile>, CorpusError> {
        self.profiles(STORY, keys)
    }

    fn events(&self, keys: &[String]) -> Result<Vec<EventProfile>, CorpusError> {
        self.profiles(EVENT, keys)
    }

    fn frequencies(&self, features: &[String]) -> Result<Frequencies, CorpusError> {
        let documents: Option<String> = self
            .0
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([LINKED_DOCUMENTS], |row| row.get(0))
            .optional()?;
        let mut frequencies = Frequencies {
            documents: documents.and_then(|d| d.parse().ok()).unwrap_or(0),
            ..Frequencies::default()
        };
        let mut df = self
            .0
            .prepare_cached("SELECT df FROM frequencies WHERE feature = ?1")?;
        for feature in features {
            if let Some(count) = df
                .query_row([feature], |row| row.get::<_, u32>(0))
                .optional()?
            {
                frequencies.df.insert(feature.clone(), count);
            }
        }
        Ok(frequencies)
    }
}
