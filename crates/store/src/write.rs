//! Writing one record and linking it into the corpus (decisions by
//! `newsgraph-linking`), inside the batch transaction `ingest` holds.
//! Everything a document adds (its row, the linker's state, corpus
//! entities, events, stories, contradictions, search rows) is written in
//! the same transaction, so the store is never half-linked.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use newsgraph_core::{Event, EventStatus, Participant};
use newsgraph_linking::{Article, Contradiction, ContradictionKind, Linked, Linker, ProfileMerge, StoryProfile};
use rusqlite::{params, Connection, OptionalExtension};

use crate::corpus::SqlCorpus;
use crate::dates::day_number;
use crate::dictionary::{BlobKind, Codec};
use crate::error::Result;
use crate::record::{slice_chars, strip_span_texts, CharIndex, Record};
use crate::search::SearchKind;

/// What the store makes of a record without looking at the store: the
/// linker's reading of it and the compressed text and layers. Made on the
/// pipeline's worker threads (`Pipeline::run_then`), so the one writing
/// thread only links and inserts.
pub(crate) struct Prepared {
    record: Record,
    article: std::result::Result<Article, String>,
    text: Vec<u8>,
    annotations: Vec<u8>,
}

impl Prepared {
    pub fn new(record: Record, codec: &Codec) -> Result<Self> {
        let article = Article::from_record(&record).map_err(|error| format!("{}: {error}", record.source));
        Ok(Prepared {
            text: crate::article_text::compress(&record.text, codec)?,
            annotations: compress_annotations(&record, codec)?,
            article,
            record,
        })
    }
}

/// A batch transaction on the store's connection.
pub(crate) struct Writer<'c> {
    conn: &'c Connection,
    codec: &'c Arc<Codec>,
    open: bool,
    linker: Linker,
    corpus: SqlCorpus<'c>,
    /// The batch's search rows (rowid, body), inserted in rowid order just
    /// before COMMIT: FTS5 writes its pending terms to disk as a new segment
    /// whenever a rowid is not above the previous one and at every
    /// statement savepoint (each upsert of the batch made one), which made
    /// one tiny segment per document and constant merging.
    search: RefCell<Vec<(i64, String)>>,
}

impl<'c> Writer<'c> {
    pub fn begin(conn: &'c Connection, codec: &'c Arc<Codec>) -> Result<Self> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let corpus = SqlCorpus::new(conn, codec);
        corpus.begin_batch()?;
        Ok(Writer { conn, codec, open: true, linker: Linker::default(), corpus, search: RefCell::new(Vec::new()) })
    }

    /// Commits what was added so far and opens the next batch.
    pub fn commit(&mut self) -> Result<()> {
        if self.open {
            self.write_out()?;
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.open = true;
        self.corpus.begin_batch()
    }

    /// Commits and closes the transaction.
    pub fn finish(mut self) -> Result<()> {
        self.write_out()
    }

    /// Writes what the batch kept in memory, trains the store's
    /// dictionaries once it holds enough documents, and commits; on an
    /// error the batch stays open, and dropping the writer rolls it back.
    fn write_out(&mut self) -> Result<()> {
        self.corpus.flush()?;
        self.flush_search()?;
        self.codec.train_when_due(self.conn)?;
        self.conn.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }

    /// Adds one prepared record unless its text is stored already.
    pub fn add(&mut self, prepared: Prepared) -> Result<Added> {
        let Prepared { record, article, text, annotations } = prepared;
        let stored = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?
            .exists([&record.content_hash])?;
        if stored {
            return Ok(Added::Duplicate);
        }
        // A record whose indexes point outside its lists (hand-made or from
        // another tool) is refused before anything of it is written.
        let mut article = match article {
            Ok(article) => article,
            Err(reason) => return Ok(Added::Rejected(reason)),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO documents(id, content_hash, source, title, published, text, record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                record.id,
                record.content_hash,
                record.source,
                record.title,
                record.published.map(|d| d.to_string()),
                text,
                annotations
            ])?;
        let doc = self.conn.last_insert_rowid();
        // The row number is unique in the store whatever the record ids
        // are, and the linker derives corpus ids from it.
        article.id = doc.to_string();
        let body = match &record.title {
            Some(title) => format!("{title}\n{}", record.text),
            None => record.text.clone(),
        };
        self.index(SearchKind::Document, doc, body);
        self.link(&record, doc, &article)?;
        Ok(Added::New)
    }

    fn index(&self, kind: SearchKind, id: i64, body: String) {
        self.search.borrow_mut().push((kind.rowid(id), body));
    }

    /// Inserts the batch's search rows, in rowid order.
    fn flush_search(&self) -> Result<()> {
        let mut rows = std::mem::take(&mut *self.search.borrow_mut());
        rows.sort_unstable_by_key(|(rowid, _)| *rowid);
        let mut insert = self.conn.prepare_cached("INSERT INTO search(rowid, body) VALUES (?1, ?2)")?;
        for (rowid, body) in &rows {
            insert.execute(params![rowid, body])?;
        }
        Ok(())
    }

    /// Asks the linker where the document belongs and writes its answer:
    /// the linker's own state, then the query tables.
    fn link(&self, record: &Record, doc: i64, article: &Article) -> Result<()> {
        let linked = self.linker.link(article, &self.corpus)?;
        let entities = self.write_entities(record, doc, &linked)?;
        self.add_quotes(record, doc, &entities)?;
        self.write_story(record, doc, &linked.story_profile)?;
        self.write_events(record, doc, &linked, &entities)?;
        for merge in &linked.entity_merges {
            self.merge_rows(CorpusKind::Entity, merge, &MERGE_ENTITY)?;
        }
        for merge in &linked.event_merges {
            self.merge_rows(CorpusKind::Event, merge, &MERGE_EVENT)?;
        }
        for contradiction in &linked.contradictions {
            self.write_contradiction(contradiction)?;
        }
        // Last: the linker's state takes the profiles over.
        self.corpus.apply(linked)
    }

    /// Updates the corpus entities the document touched and records its
    /// names and mentions. Returns local id -> corpus entity row. Each
    /// entity touched is one the document names, so its row counts the
    /// document once, and a new row is an entity this document founded
    /// (the profile's own count can run over the true one after a merge
    /// of two entities that shared a document; merging recounts the row).
    fn write_entities(&self, record: &Record, doc: i64, linked: &Linked) -> Result<HashMap<String, i64>> {
        let mut rows = HashMap::with_capacity(linked.entity_profiles.len());
        for profile in &linked.entity_profiles {
            let id: i64 = self
                .conn
                .prepare_cached(
                    "INSERT INTO entities(key, name, type, actor, country, documents) VALUES (?1, ?2, ?3, ?4, ?5, 1)
                     ON CONFLICT(key) DO UPDATE SET name = excluded.name, actor = excluded.actor,
                         country = excluded.country, documents = documents + 1
                     RETURNING id",
                )?
                .query_row(
                    params![profile.id, profile.name, enum_name(&profile.kind), profile.actor, profile.country],
                    |row| row.get(0),
                )?;
            rows.insert(profile.id.as_str(), id);
        }
        let mut map = HashMap::with_capacity(record.entities.len());
        for link in &linked.entities {
            let Some(&id) = rows.get(link.corpus.as_str()) else {
                continue;
            };
            map.insert(link.entity.clone(), id);
        }
        for entity in &record.entities {
            let Some(&id) = map.get(&entity.id) else {
                continue;
            };
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
                    .prepare_cached(
                        "INSERT OR IGNORE INTO mentions(entity, document, start, end) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![id, doc, mention.start, mention.end])?;
            }
        }
        Ok(map)
    }

    fn add_name(&self, entity: i64, name: &str) -> Result<()> {
        let updated = self
            .conn
            .prepare_cached("UPDATE entity_names SET count = count + 1 WHERE entity = ?1 AND name = ?2")?
            .execute(params![entity, name])?;
        if updated == 0 {
            self.conn
                .prepare_cached("INSERT INTO entity_names(entity, name, count) VALUES (?1, ?2, 1)")?
                .execute(params![entity, name])?;
            self.index(SearchKind::EntityName, self.conn.last_insert_rowid(), name.to_string());
        }
        Ok(())
    }

    fn add_quotes(&self, record: &Record, doc: i64, entities: &HashMap<String, i64>) -> Result<()> {
        for quote in &record.quotes {
            let speaker = quote.speaker.as_ref().and_then(|s| entities.get(s));
            self.conn
                .prepare_cached(
                    "INSERT INTO quotes(document, start, end, kind, speaker, speaker_text, cue)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    doc,
                    quote.start,
                    quote.end,
                    enum_name(&quote.kind),
                    speaker,
                    quote.speaker_text,
                    quote.cue
                ])?;
            self.index(SearchKind::Quote, self.conn.last_insert_rowid(), quote.text.clone());
        }
        Ok(())
    }

    /// The story row of the document's story (titled by its founding document).
    fn write_story(&self, record: &Record, doc: i64, story: &StoryProfile) -> Result<()> {
        let title = record.title.clone().unwrap_or_else(|| first_sentence(record));
        let id: i64 = self
            .conn
            .prepare_cached(
                "INSERT INTO stories(key, title, documents) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET documents = excluded.documents RETURNING id",
            )?
            .query_row(params![story.id, title, story.documents], |row| row.get(0))?;
        self.conn.prepare_cached("UPDATE documents SET story = ?1 WHERE rowid = ?2")?.execute(params![id, doc])?;
        Ok(())
    }

    /// One mention row per document event, under the corpus event the linker
    /// chose (its row made from this mention when new).
    fn write_events(&self, record: &Record, doc: i64, linked: &Linked, entities: &HashMap<String, i64>) -> Result<()> {
        let published = record.published.map(|d| d.to_string()).as_deref().and_then(day_number);
        let mut reported_here = HashSet::new();
        for link in &linked.events {
            let Some(event) = record.events.iter().find(|e| e.id == link.event) else {
                continue;
            };
            let corpus = |p: &Option<Participant>| {
                p.as_ref().and_then(|p| p.entity.as_ref()).and_then(|e| entities.get(e)).copied()
            };
            let text = |p: &Option<Participant>| p.as_ref().map(|p| p.text.clone());
            let actor = |p: &Option<Participant>| p.as_ref().and_then(|p| p.actor.clone());
            let place = event.place.and_then(|i| record.places.get(i));
            let day = event.date.as_deref().and_then(day_number).or(published);
            let id: i64 = self
                .conn
                .prepare_cached(
                    "INSERT INTO events(key, cameo, plover, source, source_text, source_actor, target, target_text,
                         target_actor, date, day, place, place_kind, admin1, country, lat, lon, planned,
                         mentions, documents, statuses)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 1, 1, ?19)
                     ON CONFLICT(key) DO UPDATE SET
                         mentions = mentions + 1,
                         documents = documents + ?20,
                         statuses = CASE
                             WHEN instr(',' || statuses || ',', ',' || ?19 || ',') > 0 THEN statuses
                             WHEN statuses = '' THEN ?19
                             ELSE statuses || ',' || ?19 END
                     RETURNING id",
                )?
                .query_row(
                    params![
                        link.corpus,
                        event.cameo,
                        event.plover,
                        corpus(&event.source),
                        text(&event.source),
                        actor(&event.source),
                        corpus(&event.target),
                        text(&event.target),
                        actor(&event.target),
                        event.date,
                        day,
                        place.map(|p| p.name.as_str()),
                        place.map(|p| enum_name(&p.kind)),
                        place.and_then(|p| p.admin1.as_deref()),
                        place.and_then(|p| p.country.as_deref()),
                        place.map(|p| p.lat),
                        place.map(|p| p.lon),
                        event.status == EventStatus::Planned,
                        enum_name(&event.status),
                        reported_here.insert(link.corpus.as_str())
                    ],
                    |row| row.get(0),
                )?;
            let sentence = record.sentences.get(event.sentence).copied().unwrap_or_default();
            let attributed = event.attributed_to.as_ref().and_then(|e| entities.get(e)).copied();
            self.conn
                .prepare_cached(
                    "INSERT INTO event_mentions(event, document, sentence, sentence_start, sentence_end, start, end, text,
                         status, attributed_to, claimant, date)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
                    claimant_name(record, event),
                    event.date
                ])?;
        }
        Ok(())
    }

    /// Moves what the corpus entity or event row of `merge.from` holds to
    /// the row of `merge.into` and deletes it (`statements`, in order: `?1`
    /// the merged row, `?2` the row kept). A row founded and merged while
    /// linking this one document was never written: nothing to move.
    fn merge_rows(&self, kind: CorpusKind, merge: &ProfileMerge, statements: &[&str]) -> Result<()> {
        let (Some(from), Some(into)) = (self.row_of(kind, &merge.from)?, self.row_of(kind, &merge.into)?) else {
            return Ok(());
        };
        for sql in statements {
            let mut statement = self.conn.prepare_cached(sql)?;
            let count = statement.parameter_count();
            statement.execute(rusqlite::params_from_iter([from, into].into_iter().take(count)))?;
        }
        let kind = kind.name();
        self.conn
            .prepare_cached("UPDATE merged SET into_id = ?3 WHERE kind = ?1 AND into_id = ?2")?
            .execute(params![kind, from, into])?;
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO merged(kind, id, into_id) VALUES (?1, ?2, ?3)")?
            .execute(params![kind, from, into])?;
        Ok(())
    }

    /// The row of the corpus entity or event the linker calls `key`.
    fn row_of(&self, kind: CorpusKind, key: &str) -> Result<Option<i64>> {
        let sql = match kind {
            CorpusKind::Entity => "SELECT id FROM entities WHERE key = ?1",
            CorpusKind::Event => "SELECT id FROM events WHERE key = ?1",
        };
        Ok(self.conn.prepare_cached(sql)?.query_row([key], |row| row.get(0)).optional()?)
    }

    /// Stores a contradiction once per reason and pair of corpus events;
    /// each side located in its document by its sentence text.
    fn write_contradiction(&self, contradiction: &Contradiction) -> Result<()> {
        let event = |key: &str| self.row_of(CorpusKind::Event, key);
        let (Some(a_event), Some(b_event)) = (event(&contradiction.events[0])?, event(&contradiction.events[1])?)
        else {
            return Ok(());
        };
        let [a, b] = &contradiction.sides;
        let (Some(a_document), Some(b_document)) = (a.document.parse::<i64>().ok(), b.document.parse::<i64>().ok())
        else {
            return Ok(());
        };
        let start = |doc: i64, text: &str| -> Result<i64> {
            let at: Option<i64> = self
                .conn
                .prepare_cached("SELECT instr(doc_text(text), ?2) - 1 FROM documents WHERE rowid = ?1")?
                .query_row(params![doc, text], |row| row.get(0))
                .optional()?;
            Ok(at.unwrap_or(-1).max(0))
        };
        let length = |text: &str| text.chars().count() as i64;
        let (a_start, b_start) = (start(a_document, &a.text)?, start(b_document, &b.text)?);
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO contradictions(reason, event, a_event, b_event, a_document, a_sentence, a_start,
                     a_end, a_text, a_claimant, b_document, b_sentence, b_start, b_end, b_text, b_claimant)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                reason(contradiction.kind),
                (a_event == b_event).then_some(a_event),
                a_event,
                b_event,
                a_document,
                a.sentence,
                a_start,
                a_start + length(&a.text),
                a.text,
                a.claimant_name,
                b_document,
                b.sentence,
                b_start,
                b_start + length(&b.text),
                b.text,
                b.claimant_name
            ])?;
        Ok(())
    }
}

/// A kind of corpus row the linker names by key and may merge, as the
/// `merged` table names it.
#[derive(Clone, Copy)]
pub(crate) enum CorpusKind {
    Entity,
    Event,
}

impl CorpusKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            CorpusKind::Entity => "entity",
            CorpusKind::Event => "event",
        }
    }
}

/// Merges corpus entities ([`Writer::merge_rows`]). Rows without an
/// index on the entity are found through the merged entity's documents;
/// names keep their row ids, which the search index points to, and a
/// name both entities hold adds its count to the kept row's.
const MERGE_ENTITY: [&str; 12] = [
    "UPDATE event_mentions SET attributed_to = ?2
     WHERE attributed_to = ?1 AND document IN (SELECT DISTINCT document FROM mentions WHERE entity = ?1)",
    "UPDATE doc_entities SET entity = ?2
     WHERE entity = ?1 AND document IN (SELECT DISTINCT document FROM mentions WHERE entity = ?1)",
    "UPDATE OR IGNORE mentions SET entity = ?2 WHERE entity = ?1",
    "DELETE FROM mentions WHERE entity = ?1",
    "UPDATE entity_names SET count = count +
         (SELECT f.count FROM entity_names f WHERE f.entity = ?1 AND f.name = entity_names.name)
     WHERE entity = ?2 AND name IN (SELECT name FROM entity_names WHERE entity = ?1)",
    "UPDATE OR IGNORE entity_names SET entity = ?2 WHERE entity = ?1",
    "DELETE FROM entity_names WHERE entity = ?1",
    "UPDATE quotes SET speaker = ?2 WHERE speaker = ?1",
    "UPDATE events SET source = ?2 WHERE source = ?1",
    "UPDATE events SET target = ?2 WHERE target = ?1",
    "UPDATE entities SET documents = (SELECT count(DISTINCT document) FROM mentions WHERE entity = ?2) WHERE id = ?2",
    "DELETE FROM entities WHERE id = ?1",
];

/// Merges corpus events ([`Writer::merge_rows`]); a contradiction both
/// events recorded is kept once.
const MERGE_EVENT: [&str; 7] = [
    "UPDATE event_mentions SET event = ?2 WHERE event = ?1",
    "UPDATE OR IGNORE contradictions SET a_event = ?2 WHERE a_event = ?1",
    "UPDATE OR IGNORE contradictions SET b_event = ?2 WHERE b_event = ?1",
    "DELETE FROM contradictions WHERE a_event = ?1 OR b_event = ?1",
    "UPDATE contradictions SET event = CASE WHEN a_event = b_event THEN a_event END
     WHERE a_event = ?2 OR b_event = ?2",
    "UPDATE events SET
         mentions = (SELECT count(*) FROM event_mentions WHERE event = ?2),
         documents = (SELECT count(DISTINCT document) FROM event_mentions WHERE event = ?2),
         statuses = coalesce((SELECT group_concat(status) FROM
             (SELECT status, min(id) AS first FROM event_mentions WHERE event = ?2 GROUP BY status ORDER BY first)), '')
     WHERE id = ?2",
    "DELETE FROM events WHERE id = ?1",
];

/// How a contradiction kind reads in queries and exports.
fn reason(kind: ContradictionKind) -> &'static str {
    match kind {
        ContradictionKind::ClaimDenial => "claim vs denial",
        ContradictionKind::OpposingOutcome => "opposing outcomes",
        ContradictionKind::DifferingFigures => "differing figures",
        ContradictionKind::DifferingDates => "differing dates",
    }
}

/// What became of a record handed to [`Writer::add`].
pub(crate) enum Added {
    New,
    /// Its text is stored already.
    Duplicate,
    /// Not a valid record; why.
    Rejected(String),
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        // An error left the batch half-written: drop it whole.
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// The party a mention is attributed to, else its source, by name.
fn claimant_name(record: &Record, event: &Event) -> Option<String> {
    event.attributed_to.as_deref().and_then(|id| entity_name(record, id)).or_else(|| {
        event
            .source
            .as_ref()
            .map(|s| s.entity.as_deref().and_then(|id| entity_name(record, id)).unwrap_or_else(|| s.text.clone()))
    })
}

fn entity_name(record: &Record, id: &str) -> Option<String> {
    record.entities.iter().find(|e| e.id == id).map(|e| e.name.clone())
}

fn first_sentence(record: &Record) -> String {
    let text = record.sentences.first().map_or(record.text.as_str(), |s| slice_chars(&record.text, s.start, s.end));
    text.chars().take(120).collect()
}

/// The contract spelling of a serde enum (`direct`, `claimed`, ...).
pub(crate) fn enum_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Annotation layers without the text (stored once, in its own column)
/// and without span texts the offsets give back (see [`crate::record`]),
/// compressed.
fn compress_annotations(record: &Record, codec: &Codec) -> Result<Vec<u8>> {
    let mut value = serde_json::to_value(record)?;
    if let Some(object) = value.as_object_mut() {
        object.remove("text");
    }
    strip_span_texts(&mut value, &CharIndex::new(&record.text));
    codec.compress_json(BlobKind::Record, &value)
}
