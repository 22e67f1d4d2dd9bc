//! Read queries behind `stories`, `story`, `entity`, `quotes`, `events` and
//! `contradictions`. List queries page by `limit` and an opaque `cursor`
//! (the last id seen), so an HTTP API can page through them with indexed
//! range scans whatever the store's size.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::dates::day_number;
use crate::error::{Result, StoreError};
use crate::write::CorpusKind;
use crate::Store;

/// Which page of a list to return.
#[derive(Clone, Debug)]
pub struct PageRequest {
    pub limit: usize,
    /// `next_cursor` of the previous page; `None` for the first.
    pub cursor: Option<String>,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest { limit: 50, cursor: None }
    }
}

impl PageRequest {
    /// The last id of the previous page (0 before the first).
    fn after(&self) -> Result<i64> {
        match &self.cursor {
            None => Ok(0),
            Some(cursor) => cursor.parse().map_err(|_| StoreError::Cursor(cursor.clone())),
        }
    }
}

/// One page of a list.
#[derive(Clone, Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass back as `cursor` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// A page from rows fetched with `limit + 1` (the extra row says more exist).
fn page<T>(mut items: Vec<T>, limit: usize, id: impl Fn(&T) -> i64) -> Page<T> {
    let more = items.len() > limit;
    items.truncate(limit);
    let next_cursor = if more { items.last().map(|item| id(item).to_string()) } else { None };
    Page { items, next_cursor }
}

#[derive(Clone, Debug, Serialize)]
pub struct StorySummary {
    pub id: i64,
    pub title: String,
    pub documents: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentRef {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: String,
}

/// An event or quote of a story, in date order.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    pub date: Option<String>,
    /// `event` or `quote`.
    pub kind: &'static str,
    pub document: String,
    /// Event: `PLOVER (CAMEO) trigger`; quote: the quoted text.
    pub text: String,
    /// Event: source; quote: speaker.
    pub who: Option<String>,
    /// Event: status; quote: kind.
    pub status: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct StoryDetail {
    pub id: i64,
    pub title: String,
    pub documents: Vec<DocumentRef>,
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MentionRef {
    pub document: String,
    pub start: i64,
    pub end: i64,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuoteRow {
    pub id: i64,
    pub document: String,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub kind: String,
    pub cue: String,
    pub start: i64,
    pub end: i64,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub cameo: String,
    pub plover: String,
    pub source: Option<String>,
    pub source_actor: Option<String>,
    pub target: Option<String>,
    pub target_actor: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    /// Every distinct status its mentions carry, comma-separated.
    pub statuses: String,
    pub mentions: i64,
    pub documents: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct NameCount {
    pub name: String,
    pub count: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct CoEntity {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Documents where both appear.
    pub documents: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct EntityDetail {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: Option<String>,
    pub country: Option<String>,
    pub documents: i64,
    pub names: Vec<NameCount>,
    pub mentions: Vec<MentionRef>,
    pub quotes: Vec<QuoteRow>,
    pub events_as_source: Vec<EventRow>,
    pub events_as_target: Vec<EventRow>,
    /// Most frequent companions over the entity's latest 500 documents.
    pub co_occurring: Vec<CoEntity>,
}

/// Filters of `events`; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Actor code prefix (`RUS`, `UKRMIL`) of the source or the target.
    pub actor: Option<String>,
    /// PLOVER type (`ASSAULT`) or CAMEO code prefix (`19`).
    pub kind: Option<String>,
    /// `YYYY-MM-DD`: events on or after this day (event date, else publication).
    pub since: Option<String>,
    /// `YYYY-MM-DD`: events on or before this day.
    pub until: Option<String>,
    /// Place name (case-insensitive).
    pub place: Option<String>,
    /// A status at least one mention has (`claimed`, `denied`, ...).
    pub status: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SideRow {
    pub document: String,
    pub sentence: i64,
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub claimant: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ContradictionRow {
    pub id: i64,
    pub reason: String,
    pub event: Option<i64>,
    pub a: SideRow,
    pub b: SideRow,
}

/// Rows a detail view lists per section at most.
const DETAIL_ROWS: i64 = 100;

/// Co-occurring entities are counted over an entity's latest documents
/// only, so the cost of `entity` does not grow with its fame.
const CO_OCCURRENCE_DOCUMENTS: i64 = 200;

/// Entities an entity view lists as seen with it.
const CO_OCCURRING: usize = 20;

/// Columns `event_row` reads, from `events e`.
const EVENT_COLUMNS: &str = "e.id, e.cameo, e.plover, coalesce(s.name, e.source_text), e.source_actor,
    coalesce(t.name, e.target_text), e.target_actor, e.date, e.place,
    e.statuses, e.mentions, e.documents";
const EVENT_JOINS: &str = "LEFT JOIN entities s ON s.id = e.source LEFT JOIN entities t ON t.id = e.target";

fn event_row(row: &Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: row.get(0)?,
        cameo: row.get(1)?,
        plover: row.get(2)?,
        source: row.get(3)?,
        source_actor: row.get(4)?,
        target: row.get(5)?,
        target_actor: row.get(6)?,
        date: row.get(7)?,
        place: row.get(8)?,
        statuses: row.get::<_, Option<String>>(9)?.unwrap_or_default(),
        mentions: row.get(10)?,
        documents: row.get(11)?,
    })
}

/// Columns `quote_row` reads, from `quotes q` joined to `documents d` and speaker `entities e`.
const QUOTE_COLUMNS: &str =
    "q.id, d.id, e.name, q.speaker_text, q.kind, q.cue, q.start, q.end, span(d.text, q.start, q.end)";

fn quote_row(row: &Row) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: row.get(0)?,
        document: row.get(1)?,
        speaker: row.get(2)?,
        speaker_text: row.get(3)?,
        kind: row.get(4)?,
        cue: row.get(5)?,
        start: row.get(6)?,
        end: row.get(7)?,
        text: row.get(8)?,
    })
}

pub(crate) fn side(row: &Row, at: usize) -> rusqlite::Result<SideRow> {
    Ok(SideRow {
        document: row.get(at)?,
        sentence: row.get(at + 1)?,
        start: row.get(at + 2)?,
        end: row.get(at + 3)?,
        text: row.get(at + 4)?,
        claimant: row.get(at + 5)?,
    })
}

/// How much the store holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub documents: i64,
    pub entities: i64,
    pub events: i64,
    pub event_mentions: i64,
    pub quotes: i64,
    pub stories: i64,
    pub contradictions: i64,
}

impl Store {
    /// Rows of each kind.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<i64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?)
        };
        Ok(Counts {
            documents: count("documents")?,
            entities: count("entities")?,
            events: count("events")?,
            event_mentions: count("event_mentions")?,
            quotes: count("quotes")?,
            stories: count("stories")?,
            contradictions: count("contradictions")?,
        })
    }

    /// Stories, oldest first.
    pub fn stories(&self, page_request: &PageRequest) -> Result<Page<StorySummary>> {
        let mut statement =
            self.conn.prepare_cached("SELECT id, title, documents FROM stories WHERE id > ?1 ORDER BY id LIMIT ?2")?;
        let rows = statement.query_map(params![page_request.after()?, page_request.limit as i64 + 1], |row| {
            Ok(StorySummary { id: row.get(0)?, title: row.get(1)?, documents: row.get(2)? })
        })?;
        Ok(page(rows.collect::<Result<_, _>>()?, page_request.limit, |s| s.id))
    }

    /// One story: its first articles (by date) and the timeline of their
    /// events and quotes.
    pub fn story(&self, id: i64) -> Result<Option<StoryDetail>> {
        let title: Option<String> =
            self.conn.query_row("SELECT title FROM stories WHERE id = ?1", [id], |row| row.get(0)).optional()?;
        let Some(title) = title else { return Ok(None) };
        let mut statement = self.conn.prepare_cached(
            "SELECT id, title, published, source FROM documents WHERE story = ?1 ORDER BY published, rowid LIMIT ?2",
        )?;
        let documents = statement
            .query_map(params![id, DETAIL_ROWS], |row| {
                Ok(DocumentRef { id: row.get(0)?, title: row.get(1)?, published: row.get(2)?, source: row.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        let mut statement = self.conn.prepare_cached(
            // The timeline covers the articles the view lists (the story's
            // first `DETAIL_ROWS`): over all of them it sorted every event
            // and quote of a story of thousands of articles on each view
            // (100-400 ms). A quote's text is cut from its article only for
            // the entries shown, since cutting it reads the article's text.
            "WITH shown AS (SELECT rowid, id, published FROM documents WHERE story = ?1 ORDER BY published, rowid LIMIT ?3)
             SELECT t.date, t.kind, t.document,
                    coalesce(t.text, (SELECT span(d.text, q.start, q.end)
                                      FROM quotes q JOIN documents d ON d.rowid = q.document WHERE q.id = t.quote)),
                    t.who, t.status
             FROM (SELECT coalesce(m.date, d.published) AS date, 'event' AS kind, d.id AS document,
                          e.plover || ' (' || e.cameo || ') ' || m.text AS text,
                          coalesce(s.name, e.source_text) AS who, m.status AS status, m.start AS start, NULL AS quote
                   FROM shown d JOIN event_mentions m ON m.document = d.rowid JOIN events e ON e.id = m.event
                   LEFT JOIN entities s ON s.id = e.source
                   WHERE e.cameo NOT LIKE '01%'
                   UNION ALL
                   SELECT d.published, 'quote', d.id, NULL, coalesce(s.name, q.speaker_text), q.kind, q.start, q.id
                   FROM shown d JOIN quotes q ON q.document = d.rowid LEFT JOIN entities s ON s.id = q.speaker
                   ORDER BY 1, 3, 7 LIMIT ?2) t
             ORDER BY t.date, t.document, t.start",
        )?;
        let timeline = statement
            .query_map(params![id, DETAIL_ROWS * 5, DETAIL_ROWS], |row| {
                Ok(TimelineEntry {
                    date: row.get(0)?,
                    kind: if row.get::<_, String>(1)? == "event" { "event" } else { "quote" },
                    document: row.get(2)?,
                    text: row.get(3)?,
                    who: row.get(4)?,
                    status: row.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(StoryDetail { id, title, documents, timeline }))
    }

    /// The row a merged corpus entity or event became, if it was merged.
    fn merged_into(&self, kind: CorpusKind, id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT into_id FROM merged WHERE kind = ?1 AND id = ?2")?
            .query_row(params![kind.name(), id], |row| row.get(0))
            .optional()?)
    }

    /// The corpus entity called `name` (canonical name first, then any
    /// surface form; the one in most documents wins), with its mentions,
    /// quotes, events and the entities seen with it.
    pub fn entity(&self, name: &str) -> Result<Option<EntityDetail>> {
        let id: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM (
                    SELECT id, documents, 0 AS rank FROM entities WHERE name = ?1 COLLATE NOCASE
                    UNION ALL
                    SELECT e.id, e.documents, 1 FROM entity_names n JOIN entities e ON e.id = n.entity
                    WHERE n.name = ?1 COLLATE NOCASE)
                 ORDER BY rank, documents DESC LIMIT 1",
            )?
            .query_row([name], |row| row.get(0))
            .optional()?;
        match id {
            Some(id) => self.entity_by_id(id),
            None => Ok(None),
        }
    }

    /// The corpus entity with this id, as [`Store::entity`] describes it;
    /// for an entity merged into another, that one (its own `id`). A row
    /// that exists wins: SQLite may give the id of the last row, deleted by
    /// a merge, to the next new entity.
    pub fn entity_by_id(&self, id: i64) -> Result<Option<EntityDetail>> {
        let exists = self.conn.prepare_cached("SELECT 1 FROM entities WHERE id = ?1")?.exists([id])?;
        let id = if exists { id } else { self.merged_into(CorpusKind::Entity, id)?.unwrap_or(id) };
        let found = self
            .conn
            .query_row("SELECT name, type, actor, country, documents FROM entities WHERE id = ?1", [id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
            })
            .optional()?;
        let Some((name, kind, actor, country, documents)) = found else {
            return Ok(None);
        };
        let names = self
            .conn
            .prepare_cached("SELECT name, count FROM entity_names WHERE entity = ?1 ORDER BY count DESC, name")?
            .query_map([id], |row| Ok(NameCount { name: row.get(0)?, count: row.get(1)? }))?
            .collect::<Result<_, _>>()?;
        let mentions = self
            .conn
            .prepare_cached(
                "SELECT d.id, m.start, m.end, span(d.text, m.start, m.end)
                 FROM mentions m JOIN documents d ON d.rowid = m.document WHERE m.entity = ?1
                 ORDER BY m.document, m.start LIMIT ?2",
            )?
            .query_map(params![id, DETAIL_ROWS], |row| {
                Ok(MentionRef { document: row.get(0)?, start: row.get(1)?, end: row.get(2)?, text: row.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        let quotes = self.quotes_of(id, &PageRequest { limit: DETAIL_ROWS as usize, cursor: None })?.items;
        let events_of = |column: &str| -> Result<Vec<EventRow>> {
            let sql = format!(
                "SELECT {EVENT_COLUMNS} FROM events e {EVENT_JOINS} WHERE e.{column} = ?1 ORDER BY e.id LIMIT ?2"
            );
            let mut statement = self.conn.prepare_cached(&sql)?;
            let rows = statement.query_map(params![id, DETAIL_ROWS], event_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let co_occurring = self.co_occurring(id)?;
        Ok(Some(EntityDetail {
            id,
            name,
            kind,
            actor,
            country,
            documents,
            names,
            mentions,
            quotes,
            events_as_source: events_of("source")?,
            events_as_target: events_of("target")?,
            co_occurring,
        }))
    }

    /// The entities seen most often in the same documents as `entity`, over
    /// its latest `CO_OCCURRENCE_DOCUMENTS` documents. The pairs come straight
    /// off two indexes and are counted here: grouping them in SQL went
    /// through temporary B-trees and cost 10-70 ms for a common entity of a
    /// 100,000-document store, against about 1 ms to read them.
    fn co_occurring(&self, entity: i64) -> Result<Vec<CoEntity>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT o.document, o.entity
             FROM (SELECT DISTINCT document FROM mentions WHERE entity = ?1 ORDER BY document DESC LIMIT ?2) me
             JOIN doc_entities o ON o.document = me.document WHERE o.entity != ?1",
        )?;
        let pairs = statement
            .query_map(params![entity, CO_OCCURRENCE_DOCUMENTS], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<HashSet<(i64, i64)>>>()?;
        let mut counts: HashMap<i64, i64> = HashMap::new();
        for (_, other) in pairs {
            *counts.entry(other).or_default() += 1;
        }
        let mut ranked: Vec<(i64, i64)> = counts.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // Names break ties among the leaders; past a few times the list's
        // length, ties are broken by id instead of looking up every name.
        ranked.truncate(CO_OCCURRING * 5);
        let mut named = ranked
            .into_iter()
            .map(|(id, documents)| {
                let (name, kind) = self
                    .conn
                    .prepare_cached("SELECT name, type FROM entities WHERE id = ?1")?
                    .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
                Ok(CoEntity { id, name, kind, documents })
            })
            .collect::<Result<Vec<CoEntity>>>()?;
        named.sort_by(|a, b| b.documents.cmp(&a.documents).then_with(|| a.name.cmp(&b.name)));
        named.truncate(CO_OCCURRING);
        Ok(named)
    }

    /// Quotes of the entity called `speaker` (as `entity` resolves names).
    pub fn quotes(&self, speaker: &str, page_request: &PageRequest) -> Result<Page<QuoteRow>> {
        let id: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT e.id FROM entity_names n JOIN entities e ON e.id = n.entity
                 WHERE n.name = ?1 COLLATE NOCASE OR e.name = ?1 COLLATE NOCASE ORDER BY e.documents DESC LIMIT 1",
            )?
            .query_row([speaker], |row| row.get(0))
            .optional()?;
        match id {
            Some(id) => self.quotes_of(id, page_request),
            None => Ok(Page { items: Vec::new(), next_cursor: None }),
        }
    }

    fn quotes_of(&self, speaker: i64, page_request: &PageRequest) -> Result<Page<QuoteRow>> {
        let sql = format!(
            "SELECT {QUOTE_COLUMNS} FROM quotes q JOIN documents d ON d.rowid = q.document
             LEFT JOIN entities e ON e.id = q.speaker WHERE q.speaker = ?1 AND q.id > ?2 ORDER BY q.id LIMIT ?3"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows =
            statement.query_map(params![speaker, page_request.after()?, page_request.limit as i64 + 1], quote_row)?;
        Ok(page(rows.collect::<Result<_, _>>()?, page_request.limit, |q| q.id))
    }

    /// Corpus events matching every filter given, by id.
    pub fn events(&self, filter: &EventFilter, page_request: &PageRequest) -> Result<Page<EventRow>> {
        let day = |name: &str, value: &Option<String>| -> Result<Option<i64>> {
            match value {
                Some(value) => Ok(Some(
                    day_number(value)
                        .ok_or_else(|| StoreError::Invalid(format!("--{name} wants YYYY-MM-DD, got `{value}`")))?,
                )),
                None => Ok(None),
            }
        };
        let since = day("since", &filter.since)?;
        let until = day("until", &filter.until)?;
        let (cameo, plover) = match &filter.kind {
            Some(kind) if kind.chars().all(|c| c.is_ascii_digit()) => (Some(format!("{kind}%")), None),
            Some(kind) => (None, Some(kind.to_uppercase())),
            None => (None, None),
        };
        // Only the filters given go into the statement: with `?n IS NULL OR`
        // for each, one plan served every combination and walked the events
        // by id, 110-150 ms at the 99th percentile on a store of 566,000
        // events, where the type's or the actor's index finds the rows.
        let mut conditions = vec!["e.id > ?"];
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(page_request.after()?)];
        if let Some(actor) = &filter.actor {
            // The prefix range [actor, actor + U+FFFF) lets the indexes serve it.
            let actor = actor.to_uppercase();
            let end = format!("{actor}\u{ffff}");
            conditions
                .push("((e.source_actor >= ? AND e.source_actor < ?) OR (e.target_actor >= ? AND e.target_actor < ?))");
            values.extend([actor.clone(), end.clone(), actor, end].map(|v| Box::new(v) as Box<dyn rusqlite::ToSql>));
        }
        let optional: [(&'static str, Option<Box<dyn rusqlite::ToSql>>); 6] = [
            ("e.cameo LIKE ?", cameo.map(|v| Box::new(v) as _)),
            ("e.plover = ?", plover.map(|v| Box::new(v) as _)),
            ("e.day >= ?", since.map(|v| Box::new(v) as _)),
            ("e.day <= ?", until.map(|v| Box::new(v) as _)),
            ("e.place = ? COLLATE NOCASE", filter.place.clone().map(|v| Box::new(v) as _)),
            (
                "instr(',' || e.statuses || ',', ',' || ? || ',') > 0",
                filter.status.as_ref().map(|v| Box::new(v.to_lowercase()) as _),
            ),
        ];
        for (condition, value) in optional {
            if let Some(value) = value {
                conditions.push(condition);
                values.push(value);
            }
        }
        values.push(Box::new(page_request.limit as i64 + 1));
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e {EVENT_JOINS} WHERE {} ORDER BY e.id LIMIT ?",
            conditions.join(" AND ")
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values.iter()), event_row)?;
        Ok(page(rows.collect::<Result<_, _>>()?, page_request.limit, |e| e.id))
    }

    /// Contradictions found so far, by id.
    pub fn contradictions(&self, page_request: &PageRequest) -> Result<Page<ContradictionRow>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.id, c.reason, c.event,
                    a.id, c.a_sentence, c.a_start, c.a_end, c.a_text, c.a_claimant,
                    b.id, c.b_sentence, c.b_start, c.b_end, c.b_text, c.b_claimant
             FROM contradictions c JOIN documents a ON a.rowid = c.a_document JOIN documents b ON b.rowid = c.b_document
             WHERE c.id > ?1 ORDER BY c.id LIMIT ?2",
        )?;
        let rows = statement.query_map(params![page_request.after()?, page_request.limit as i64 + 1], |row| {
            Ok(ContradictionRow {
                id: row.get(0)?,
                reason: row.get(1)?,
                event: row.get(2)?,
                a: side(row, 3)?,
                b: side(row, 9)?,
            })
        })?;
        Ok(page(rows.collect::<Result<_, _>>()?, page_request.limit, |c| c.id))
    }
}
