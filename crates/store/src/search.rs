//! Full-text search (FTS5) over article titles and text, quotes and entity
//! names. The index is contentless: each row's rowid says which table and
//! row it stands for, so no text is stored twice.

use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::query::{Page, PageRequest};
use crate::record::slice_chars;
use crate::Store;

/// What a search row stands for; kept in the low two bits of its rowid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SearchKind {
    Document = 0,
    Quote = 1,
    EntityName = 2,
}

impl SearchKind {
    pub fn rowid(self, id: i64) -> i64 {
        id * 4 + self as i64
    }

    fn of(rowid: i64) -> (Option<Self>, i64) {
        let kind = match rowid & 3 {
            0 => Some(SearchKind::Document),
            1 => Some(SearchKind::Quote),
            2 => Some(SearchKind::EntityName),
            _ => None,
        };
        (kind, rowid >> 2)
    }
}

/// One search result.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// `document`, `quote` or `entity`.
    pub kind: &'static str,
    /// Document id (for documents and quotes) or corpus entity id.
    pub id: String,
    /// Title, quote or entity name.
    pub title: String,
    /// A short passage around the first matching word.
    pub snippet: String,
}

/// How many of the newest matches are ranked by relevance (bm25). Ranking
/// every match of a common word costs its whole posting list: "police" on
/// a 100,000-document store matched 38,118 rows and took 146 ms to rank,
/// its newest 1,000 about 4 ms. News readers want the recent reports first
/// anyway; older matches follow, newest first.
const RANKED_WINDOW: usize = 1000;

/// Characters of context a snippet shows.
const SNIPPET_CHARS: usize = 160;

impl Store {
    /// FTS5 search; `text` is an FTS5 query (words, "phrases", OR, prefix*).
    /// Best matches first among the newest `RANKED_WINDOW` matches, then
    /// older matches newest first; the cursor is the offset of the next page.
    pub fn search(&self, text: &str, page: &PageRequest) -> Result<Page<Hit>> {
        let offset: usize = match &page.cursor {
            Some(cursor) => cursor.parse().map_err(|_| StoreError::Cursor(cursor.clone()))?,
            None => 0,
        };
        let rowids = self.matching_rowids(&fts_query(text), offset, page.limit + 1, RANKED_WINDOW)?;
        let more = rowids.len() > page.limit;
        let mut items = Vec::new();
        for rowid in rowids.into_iter().take(page.limit) {
            if let Some(hit) = self.hit(rowid, text)? {
                items.push(hit);
            }
        }
        let next = more.then(|| (offset + page.limit).to_string());
        Ok(Page { items, next_cursor: next })
    }

    /// `count` matching rows from `offset` on, in the order `search` pages:
    /// the newest `window` matches by rank, then the older ones newest first.
    fn matching_rowids(&self, query: &str, offset: usize, count: usize, window: usize) -> Result<Vec<i64>> {
        let mut rowids = Vec::with_capacity(count);
        let mut window_full = false;
        if offset < window {
            let mut ranked: Vec<(i64, f64)> = self
                .conn
                .prepare_cached("SELECT rowid, rank FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2")?
                .query_map(rusqlite::params![query, window as i64], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<Result<_, _>>()?;
            window_full = ranked.len() == window;
            // bm25 ranks are negative, best first; ties keep the newer row first.
            ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
            rowids.extend(ranked.into_iter().skip(offset).take(count).map(|(rowid, _)| rowid));
        }
        if rowids.len() < count && (window_full || offset >= window) {
            let older: Vec<i64> = self
                .conn
                .prepare_cached(
                    "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2 OFFSET ?3",
                )?
                .query_map(rusqlite::params![query, (count - rowids.len()) as i64, offset.max(window) as i64], |row| {
                    row.get(0)
                })?
                .collect::<Result<_, _>>()?;
            rowids.extend(older);
        }
        Ok(rowids)
    }

    fn hit(&self, rowid: i64, query: &str) -> Result<Option<Hit>> {
        use rusqlite::OptionalExtension;
        let (kind, id) = SearchKind::of(rowid);
        let hit = match kind {
            Some(SearchKind::Document) => self
                .conn
                .prepare_cached("SELECT id, coalesce(title, ''), text FROM documents WHERE rowid = ?1")?
                .query_row([id], |row| {
                    let text = crate::article_text::decode(row.get_ref(2)?, &self.codec)?;
                    Ok(Hit { kind: "document", id: row.get(0)?, title: row.get(1)?, snippet: snippet(&text, query) })
                })
                .optional()?,
            Some(SearchKind::Quote) => self
                .conn
                .prepare_cached(
                    "SELECT d.id, coalesce(e.name, q.speaker_text, ''), span(d.text, q.start, q.end) FROM quotes q
                     JOIN documents d ON d.rowid = q.document LEFT JOIN entities e ON e.id = q.speaker WHERE q.id = ?1",
                )?
                .query_row([id], |row| {
                    Ok(Hit { kind: "quote", id: row.get(0)?, title: row.get(1)?, snippet: row.get(2)? })
                })
                .optional()?,
            Some(SearchKind::EntityName) => self
                .conn
                .prepare_cached(
                    "SELECT e.id, e.name, n.name FROM entity_names n JOIN entities e ON e.id = n.entity WHERE n.rowid = ?1",
                )?
                .query_row([id], |row| {
                    let entity: i64 = row.get(0)?;
                    Ok(Hit { kind: "entity", id: entity.to_string(), title: row.get(1)?, snippet: row.get(2)? })
                })
                .optional()?,
            None => None,
        };
        Ok(hit)
    }
}

/// User words as an FTS5 query: kept as typed when they use FTS5 syntax
/// (quotes, `*`, AND/OR/NOT), otherwise each word quoted so punctuation in
/// them cannot be read as syntax.
fn fts_query(text: &str) -> String {
    let syntax =
        text.contains('"') || text.contains('*') || text.split_whitespace().any(|w| matches!(w, "AND" | "OR" | "NOT"));
    if syntax {
        return text.to_string();
    }
    text.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', ""))).collect::<Vec<_>>().join(" ")
}

/// The passage around the first query word found in `text` (case-insensitive).
fn snippet(text: &str, query: &str) -> String {
    let lower = text.to_lowercase();
    let at = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter_map(|w| lower.find(&w.to_lowercase()))
        .min()
        .unwrap_or(0);
    // `lower` may differ in length from `text` for a few scripts; count in
    // characters of `lower` and clamp.
    let at_char = lower.get(..at).map_or(0, |s| s.chars().count());
    let start = at_char.saturating_sub(SNIPPET_CHARS / 3);
    let passage = slice_chars(text, start, start + SNIPPET_CHARS).replace('\n', " ");
    // Start at a word, not inside one.
    let passage = if start > 0 { passage.split_once(' ').map_or(passage.as_str(), |(_, rest)| rest) } else { &passage };
    passage.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows 1..=6 match "siege"; the older the row, the more often it says it.
    fn store_with_matches(dir: &std::path::Path) -> Store {
        let store = Store::open(dir.join("search.db")).expect("store");
        for rowid in 1..=6_i64 {
            let body = format!("{} filler words", "siege ".repeat(7 - rowid as usize));
            store
                .conn
                .execute("INSERT INTO search(rowid, body) VALUES (?1, ?2)", rusqlite::params![rowid, body])
                .unwrap();
        }
        store
    }

    #[test]
    fn pages_rank_the_newest_window_then_go_on_newest_first() {
        let dir = std::env::temp_dir().join(format!("newsgraph-store-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = store_with_matches(&dir);
        let order = |offset, count| store.matching_rowids("siege", offset, count, 3).unwrap();
        // The newest three (6, 5, 4) by rank: 4 says "siege" most often.
        assert_eq!(order(0, 10), vec![4, 5, 6, 3, 2, 1]);
        let paged: Vec<i64> = (0..6).flat_map(|offset| order(offset, 1)).collect();
        assert_eq!(paged, vec![4, 5, 6, 3, 2, 1], "one row a page gives the same order");
        assert_eq!(order(2, 2), vec![6, 3], "a page across the window's end");
        assert_eq!(store.matching_rowids("siege", 0, 10, 100).unwrap(), vec![1, 2, 3, 4, 5, 6], "all ranked");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
