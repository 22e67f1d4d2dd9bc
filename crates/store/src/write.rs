//! Writing one record and linking it into the corpus, inside the batch
//! transaction `ingest` holds. Everything a document adds (its row, corpus
//! entities, events, stories, contradictions, search rows) is written in
//! the same transaction, so the store is never half-linked.

use std::collections::HashMap;
use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::Compression;
use newsgraph_core::{Event, EventStatus};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::link::{self, Locus};
use crate::record::{slice_chars, Record};
use crate::search::SearchKind;

/// A batch transaction on the store's connection.
pub(crate) struct Writer<'c> {
    conn: &'c Connection,
    open: bool,
}

impl<'c> Writer<'c> {
    pub fn begin(conn: &'c Connection) -> Result<Self> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(Writer { conn, open: true })
    }

    /// Commits what was added so far and opens the next batch.
    pub fn commit(&mut self) -> Result<()> {
        if self.open {
            self.conn.execute_batch("COMMIT")?;
            self.open = false;
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.open = true;
        Ok(())
    }

    /// Commits and closes the transaction.
    pub fn finish(mut self) -> Result<()> {
        self.open = false;
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    /// Adds one record unless its text is stored already; true if added.
    pub fn add(&mut self, record: &Record, hash: &str) -> Result<bool> {
        let added = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO documents(id, content_hash, source, title, published, text, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            record.id,
            hash,
            record.source,
            record.title,
            record.published,
            record.text,
            compress_annotations(record)?
        ])?;
        if added == 0 {
            return Ok(false);
        }
        let doc = self.conn.last_insert_rowid();
        let day = record.published.as_deref().and_then(link::day_number);
        let body = match &record.title {
            Some(title) => format!("{title}\n{}", record.text),
            None => record.text.clone(),
        };
        self.index(SearchKind::Document, doc, &body)?;
        let entities = self.link_entities(record, doc)?;
        self.add_quotes(record, doc, &entities)?;
        for event in &record.events {
            self.link_event(record, doc, day, event, &entities)?;
        }
        self.assign_story(record, doc, day, &entities)?;
        Ok(true)
    }

    fn index(&self, kind: SearchKind, id: i64, body: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO search(rowid, body) VALUES (?1, ?2)")?
            .execute(params![kind.rowid(id), body])?;
        Ok(())
    }

    /// Maps each document entity to its corpus entity (made if new) and
    /// records its names and mentions. Returns local id -> corpus id.
    fn link_entities(&self, record: &Record, doc: i64) -> Result<HashMap<String, i64>> {
        let mut map = HashMap::with_capacity(record.entities.len());
        for entity in &record.entities {
            let by_surname = match link::bare_surname(entity) {
                Some(surname) => self.only_person_called(&surname)?,
                None => None,
            };
            let id = match by_surname {
                Some(id) => id,
                None => self.entity_for_key(&link::entity_key(record, entity), entity)?,
            };
            self.conn
                .prepare_cached(
                    "UPDATE entities SET documents = documents + 1, actor = coalesce(actor, ?2), country = coalesce(country, ?3)
                     WHERE id = ?1",
                )?
                .execute(params![id, entity.actor, entity.country])?;
            self.conn
                .prepare_cached("INSERT OR IGNORE INTO doc_entities(document, local, entity) VALUES (?1, ?2, ?3)")?
                .execute(params![doc, entity.id, id])?;
            let mut names: Vec<&str> = entity.mentions.iter().map(|m| m.text.as_str()).collect();
            names.push(&entity.name);
            names.sort_unstable();
            names.dedup();
            for name in names {
                self.add_name(id, name)?;
            }
            for mention in &entity.mentions {
                self.conn
                    .prepare_cached("INSERT OR IGNORE INTO mentions(entity, document, start, end) VALUES (?1, ?2, ?3, ?4)")?
                    .execute(params![id, doc, mention.start, mention.end])?;
            }
            map.insert(entity.id.clone(), id);
        }
        Ok(map)
    }

    /// The one known person with this family name, if exactly one.
    fn only_person_called(&self, surname: &str) -> Result<Option<i64>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id FROM entities WHERE surname = ?1 AND type = 'PERSON' LIMIT 2",
        )?;
        let ids: Vec<i64> = statement
            .query_map([surname], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(if ids.len() == 1 { Some(ids[0]) } else { None })
    }

    fn entity_for_key(&self, key: &str, entity: &newsgraph_core::Entity) -> Result<i64> {
        let found = self
            .conn
            .prepare_cached("SELECT id FROM entities WHERE key = ?1")?
            .query_row([key], |row| row.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok(id);
        }
        self.conn
            .prepare_cached(
                "INSERT INTO entities(key, name, type, surname) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                key,
                entity.name,
                link::type_name(entity.kind),
                link::surname(entity)
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    fn add_name(&self, entity: i64, name: &str) -> Result<()> {
        let updated = self
            .conn
            .prepare_cached(
                "UPDATE entity_names SET count = count + 1 WHERE entity = ?1 AND name = ?2",
            )?
            .execute(params![entity, name])?;
        if updated == 0 {
            self.conn
                .prepare_cached("INSERT INTO entity_names(entity, name, count) VALUES (?1, ?2, 1)")?
                .execute(params![entity, name])?;
            self.index(SearchKind::EntityName, self.conn.last_insert_rowid(), name)?;
        }
        Ok(())
    }

    fn add_quotes(&self, record: &Record, doc: i64, entities: &HashMap<String, i64>) -> Result<()> {
        for quote in &record.quotes {
            let speaker = quote.speaker.as_ref().and_then(|s| entities.get(s));
            self.conn
                .prepare_cached(
                    "INSERT INTO quotes(document, start, end, text, kind, speaker, speaker_text, cue)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    doc,
                    quote.start,
                    quote.end,
                    quote.text,
                    enum_name(&quote.kind),
                    speaker,
                    quote.speaker_text,
                    quote.cue
                ])?;
            self.index(
                SearchKind::Quote,
                self.conn.last_insert_rowid(),
                &quote.text,
            )?;
        }
        Ok(())
    }

    /// Adds one event mention: merged into a corpus event with the same key
    /// within the date window, or a new corpus event; then looks for what it
    /// contradicts.
    fn link_event(
        &self,
        record: &Record,
        doc: i64,
        published: Option<i64>,
        event: &Event,
        entities: &HashMap<String, i64>,
    ) -> Result<()> {
        let corpus = |p: &Option<newsgraph_core::Participant>| {
            p.as_ref()
                .and_then(|p| p.entity.as_ref())
                .and_then(|e| entities.get(e))
                .copied()
        };
        let (source, target) = (corpus(&event.source), corpus(&event.target));
        let locus = link::locus(record, event);
        let planned = link::is_planned(event);
        let day = event
            .date
            .as_deref()
            .and_then(link::day_number)
            .or(published);
        let sentence = record
            .sentences
            .get(event.sentence)
            .copied()
            .unwrap_or_default();
        let key = if link::is_mergeable(event) {
            let side = |id: Option<i64>, p: &Option<newsgraph_core::Participant>| match (id, p) {
                (Some(id), _) => format!("e{id}"),
                (None, Some(p)) => p.actor.clone().unwrap_or_else(|| link::normalise(&p.text)),
                (None, None) => String::new(),
            };
            format!(
                "{}|{}|{}|{}|{}",
                event.cameo.get(..2).unwrap_or(""),
                side(source, &event.source),
                side(target, &event.target),
                locus.as_ref().map_or("", |l| l.name.as_str()),
                if planned { "planned" } else { "" }
            )
        } else {
            format!("doc{doc}:{}", event.id)
        };
        let window = link::merge_window(planned);
        let existing: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM events WHERE key = ?1 AND (day IS NULL OR ?2 IS NULL OR day BETWEEN ?2 - ?3 AND ?2 + ?3)
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![key, day, window], |row| row.get(0))
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => self.new_event(
                &key,
                event,
                source,
                target,
                day,
                link::event_place(record, event).as_ref(),
            )?,
        };
        let attributed = event
            .attributed_to
            .as_ref()
            .and_then(|e| entities.get(e))
            .copied();
        let claimant = claimant_name(record, event);
        let control = link::control_claim(event);
        self.conn
            .prepare_cached(
                "INSERT INTO event_mentions(event, document, sentence, sentence_start, sentence_end, start, end, text, status,
                     attributed_to, claimant, date, locus, control, day)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                id,
                doc,
                event.sentence,
                sentence.start,
                sentence.end,
                event.trigger.start,
                event.trigger.end,
                event.trigger.text,
                enum_name(&event.status),
                attributed,
                claimant,
                event.date,
                locus.as_ref().map(|l| l.name.as_str()),
                control,
                day
            ])?;
        let mention = self.conn.last_insert_rowid();
        let here = Side {
            event: id,
            document: doc,
            sentence: event.sentence,
            start: sentence.start,
            end: sentence.end,
            text: slice_chars(&record.text, sentence.start, sentence.end).to_string(),
            claimant,
        };
        self.find_contradictions(
            record,
            event,
            id,
            mention,
            &here,
            attributed,
            locus.as_ref(),
            control,
            day,
        )
    }

    fn new_event(
        &self,
        key: &str,
        event: &Event,
        source: Option<i64>,
        target: Option<i64>,
        day: Option<i64>,
        place: Option<&Locus>,
    ) -> Result<i64> {
        let text = |p: &Option<newsgraph_core::Participant>| p.as_ref().map(|p| p.text.clone());
        let actor =
            |p: &Option<newsgraph_core::Participant>| p.as_ref().and_then(|p| p.actor.clone());
        self.conn
            .prepare_cached(
                "INSERT INTO events(key, cameo, plover, source, source_text, source_actor, target, target_text,
                     target_actor, date, day, place, place_kind, admin1, country, lat, lon, planned)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?
            .execute(params![
                key,
                event.cameo,
                event.plover,
                source,
                text(&event.source),
                actor(&event.source),
                target,
                text(&event.target),
                actor(&event.target),
                event.date,
                day,
                place.map(|l| l.name.as_str()),
                place.map(|l| enum_name(&l.kind)),
                place.and_then(|l| l.admin1.as_deref()),
                place.and_then(|l| l.country.as_deref()),
                place.map(|l| l.lat),
                place.map(|l| l.lon),
                link::is_planned(event)
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Claim against denial, opposing outcomes and differing dates: each
    /// pair found is stored once, earlier side first.
    #[allow(clippy::too_many_arguments)]
    fn find_contradictions(
        &self,
        record: &Record,
        event: &Event,
        id: i64,
        mention: i64,
        here: &Side,
        attributed: Option<i64>,
        locus: Option<&Locus>,
        control: Option<String>,
        day: Option<i64>,
    ) -> Result<()> {
        let denied = event.status == EventStatus::Denied;
        if denied {
            // The claim may sit in the same sentence as a reported statement
            // ("what it claimed ... was an attempt to attack ..., which Kyiv denied").
            for quote in &record.quotes {
                let speaker = quote.speaker.as_deref();
                let covers = quote.start <= event.trigger.start && event.trigger.end <= quote.end;
                if covers && speaker.is_some() && speaker != event.attributed_to.as_deref() {
                    let claim = Side {
                        event: id,
                        document: here.document,
                        sentence: here.sentence,
                        start: quote.start,
                        end: quote.end,
                        text: quote.text.clone(),
                        claimant: speaker.and_then(|s| entity_name(record, s)),
                    };
                    self.add_contradiction("claim vs denial", Some(id), &claim, here)?;
                }
            }
        }
        let statuses = if denied {
            "('claimed', 'asserted')"
        } else {
            "('denied')"
        };
        if matches!(
            event.status,
            EventStatus::Denied | EventStatus::Claimed | EventStatus::Asserted
        ) {
            let sql = format!(
                "SELECT {SIDE_COLUMNS} FROM event_mentions m JOIN documents d ON d.rowid = m.document
                 WHERE m.event = ?1 AND m.id != ?2 AND m.status IN {statuses}
                   AND coalesce(m.attributed_to, -1) != coalesce(?3, -2)"
            );
            for other in self.sides(&sql, params![id, mention, attributed])? {
                let (claim, denial) = if denied {
                    (&other, here)
                } else {
                    (here, &other)
                };
                self.add_contradiction("claim vs denial", Some(id), claim, denial)?;
            }
        }
        if let (Some(locus), Some(control)) = (locus, control) {
            let sql = format!(
                "SELECT {SIDE_COLUMNS} FROM event_mentions m JOIN documents d ON d.rowid = m.document
                 WHERE m.locus = ?1 AND m.control IS NOT NULL AND m.control != ?2 AND m.id != ?3
                   AND (m.day IS NULL OR ?4 IS NULL OR m.day BETWEEN ?4 - 31 AND ?4 + 31)"
            );
            for other in self.sides(&sql, params![locus.name, control, mention, day])? {
                self.add_contradiction("opposing outcomes", None, &other, here)?;
            }
        }
        if let Some(date) = event
            .date
            .as_deref()
            .filter(|d| link::is_planned(event) && link::is_full_date(d))
        {
            let sql = format!(
                "SELECT {SIDE_COLUMNS} FROM event_mentions m JOIN documents d ON d.rowid = m.document
                 WHERE m.event = ?1 AND m.id != ?2 AND length(m.date) = 10 AND m.date != ?3"
            );
            for other in self.sides(&sql, params![id, mention, date])? {
                self.add_contradiction("differing dates", Some(id), &other, here)?;
            }
        }
        Ok(())
    }

    fn sides(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Side>> {
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement.query_map(params, |row| {
            Ok(Side {
                document: row.get(0)?,
                sentence: row.get(1)?,
                start: row.get(2)?,
                end: row.get(3)?,
                text: row.get(4)?,
                claimant: row.get(5)?,
                event: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn add_contradiction(
        &self,
        reason: &str,
        event: Option<i64>,
        a: &Side,
        b: &Side,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO contradictions(reason, event, a_event, b_event, a_document, a_sentence, a_start,
                     a_end, a_text, a_claimant, b_document, b_sentence, b_start, b_end, b_text, b_claimant)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                reason,
                event,
                a.event.min(b.event),
                a.event.max(b.event),
                a.document,
                a.sentence,
                a.start,
                a.end,
                a.text,
                a.claimant,
                b.document,
                b.sentence,
                b.start,
                b.end,
                b.text,
                b.claimant
            ])?;
        Ok(())
    }

    /// Puts the document in the most similar open story (shared salient
    /// entities), or starts a new one; the story's profile then grows by
    /// this document's entities.
    fn assign_story(
        &self,
        record: &Record,
        doc: i64,
        day: Option<i64>,
        entities: &HashMap<String, i64>,
    ) -> Result<()> {
        let mut profile: Vec<(i64, i64)> = record
            .entities
            .iter()
            .filter(|e| link::is_salient(e, record))
            .filter_map(|e| entities.get(&e.id).map(|&id| (id, e.mentions.len() as i64)))
            .collect();
        profile.sort_unstable();
        profile.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        let mut candidates: Vec<i64> = Vec::new();
        {
            let mut statement = self.conn.prepare_cached(
                "SELECT se.story FROM story_entities se JOIN stories s ON s.id = se.story
                 WHERE se.entity = ?1 AND (s.last_day IS NULL OR ?2 IS NULL OR s.last_day >= ?2 - ?3)
                 ORDER BY se.story DESC LIMIT 50",
            )?;
            for (entity, _) in &profile {
                for story in statement
                    .query_map(params![entity, day, link::STORY_WINDOW_DAYS], |row| {
                        row.get(0)
                    })?
                {
                    candidates.push(story?);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, i64)> = None;
        for story in candidates {
            let story_profile = self.story_profile(story)?;
            let (score, shared) = link::story_similarity(&profile, &story_profile);
            if shared >= link::STORY_MIN_SHARED
                && score >= link::STORY_THRESHOLD
                && best.is_none_or(|(s, _)| score > s)
            {
                best = Some((score, story));
            }
        }
        let story = match best {
            Some((_, story)) => {
                self.conn
                    .prepare_cached(
                        "UPDATE stories SET documents = documents + 1, first_day = min(coalesce(first_day, ?2), coalesce(?2, first_day)),
                         last_day = max(coalesce(last_day, ?2), coalesce(?2, last_day)) WHERE id = ?1",
                    )?
                    .execute(params![story, day])?;
                story
            }
            None => {
                let title = record
                    .title
                    .clone()
                    .unwrap_or_else(|| first_sentence(record));
                self.conn
                    .prepare_cached("INSERT INTO stories(title, documents, first_day, last_day) VALUES (?1, 1, ?2, ?2)")?
                    .execute(params![title, day])?;
                self.conn.last_insert_rowid()
            }
        };
        self.conn
            .prepare_cached("UPDATE documents SET story = ?1 WHERE rowid = ?2")?
            .execute(params![story, doc])?;
        for (entity, weight) in &profile {
            self.conn
                .prepare_cached(
                    "INSERT INTO story_entities(entity, story, weight) VALUES (?1, ?2, ?3)
                     ON CONFLICT(entity, story) DO UPDATE SET weight = weight + excluded.weight",
                )?
                .execute(params![entity, story, weight])?;
        }
        Ok(())
    }

    fn story_profile(&self, story: i64) -> Result<Vec<(i64, i64)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT entity, weight FROM story_entities WHERE story = ?1 ORDER BY entity",
        )?;
        let rows = statement.query_map([story], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        // An error left the batch half-written: drop it whole.
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// Columns `Writer::sides` reads, from `event_mentions m` joined to
/// `documents d` (SQLite's `substr` counts code points, as our offsets do).
const SIDE_COLUMNS: &str = "m.document, m.sentence, m.sentence_start, m.sentence_end,
    substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start), m.claimant, m.event";

/// One side of a contradiction: where it is said and by whom.
struct Side {
    event: i64,
    document: i64,
    sentence: usize,
    start: usize,
    end: usize,
    text: String,
    claimant: Option<String>,
}

/// The party a mention is attributed to, else its source, by name.
fn claimant_name(record: &Record, event: &Event) -> Option<String> {
    event
        .attributed_to
        .as_deref()
        .and_then(|id| entity_name(record, id))
        .or_else(|| {
            event.source.as_ref().map(|s| {
                s.entity
                    .as_deref()
                    .and_then(|id| entity_name(record, id))
                    .unwrap_or_else(|| s.text.clone())
            })
        })
}

fn entity_name(record: &Record, id: &str) -> Option<String> {
    record
        .entities
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.name.clone())
}

fn first_sentence(record: &Record) -> String {
    let text = record.sentences.first().map_or(record.text.as_str(), |s| {
        slice_chars(&record.text, s.start, s.end)
    });
    text.chars().take(120).collect()
}

/// The contract spelling of a serde enum (`direct`, `claimed`, ...).
pub(crate) fn enum_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Annotation layers without the text (stored once, in its own column),
/// deflated: JSON of spans compresses several times over.
fn compress_annotations(record: &Record) -> Result<Vec<u8>> {
    let mut value = serde_json::to_value(record)?;
    if let Some(object) = value.as_object_mut() {
        object.remove("text");
    }
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
    serde_json::to_writer(&mut encoder, &value)?;
    encoder.flush()?;
    Ok(encoder.finish()?)
}
