//! `--format table|json` for every query result.

use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::query::{ContradictionRow, EntityDetail, EventRow, Page, QuoteRow, StoryDetail, StorySummary};
use crate::search::Hit;

/// How a query result is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people at a terminal.
    Table,
    /// One pretty JSON document, for scripts.
    Json,
}

impl std::str::FromStr for Format {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            other => Err(StoreError::Invalid(format!("unknown format `{other}` (table or json)"))),
        }
    }
}

/// Renders `value` as asked.
pub fn render<T: Serialize + ToTable>(value: &T, format: Format) -> Result<String> {
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(value)? + "\n"),
        Format::Table => Ok(value.to_table()),
    }
}

/// A result that can print itself as text tables.
pub trait ToTable {
    fn to_table(&self) -> String;
}

/// Widest a cell gets before it is cut with an ellipsis.
const MAX_CELL: usize = 60;

/// Aligned columns with a header line.
fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let cell = |s: &str| -> String {
        let flat = s.replace('\n', " ");
        if flat.chars().count() > MAX_CELL {
            flat.chars().take(MAX_CELL - 1).chain(std::iter::once('…')).collect()
        } else {
            flat
        }
    };
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| cell(c)).collect()).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, value) in widths.iter_mut().zip(row) {
            *width = (*width).max(value.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(headers.to_vec());
    for row in &rows {
        out += &line(row.iter().map(String::as_str).collect());
    }
    out
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn more<T>(page: &Page<T>) -> String {
    page.next_cursor.as_ref().map_or(String::new(), |c| format!("(more: --cursor {c})\n"))
}

impl ToTable for Page<StorySummary> {
    fn to_table(&self) -> String {
        let rows: Vec<_> =
            self.items.iter().map(|s| vec![s.id.to_string(), s.documents.to_string(), s.title.clone()]).collect();
        table(&["ID", "DOCS", "TITLE"], &rows) + &more(self)
    }
}

fn event_rows(events: &[EventRow]) -> String {
    let rows: Vec<_> = events
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                format!("{} {}", e.plover, e.cameo),
                format!("{} [{}]", opt(&e.source), opt(&e.source_actor)),
                format!("{} [{}]", opt(&e.target), opt(&e.target_actor)),
                opt(&e.date),
                opt(&e.place),
                e.statuses.clone(),
                e.mentions.to_string(),
            ]
        })
        .collect();
    table(&["ID", "TYPE", "SOURCE", "TARGET", "DATE", "PLACE", "STATUS", "MENTIONS"], &rows)
}

fn quote_rows(quotes: &[QuoteRow]) -> String {
    let rows: Vec<_> = quotes
        .iter()
        .map(|q| vec![q.document.clone(), opt(&q.speaker).to_string(), q.cue.clone(), q.text.clone()])
        .collect();
    table(&["DOCUMENT", "SPEAKER", "CUE", "QUOTE"], &rows)
}

impl ToTable for StoryDetail {
    fn to_table(&self) -> String {
        let documents: Vec<_> =
            self.documents.iter().map(|d| vec![d.id.clone(), opt(&d.published), opt(&d.title)]).collect();
        let timeline: Vec<_> = self
            .timeline
            .iter()
            .map(|t| vec![opt(&t.date), t.kind.to_string(), opt(&t.who), t.status.clone(), t.text.clone()])
            .collect();
        format!(
            "Story {}: {}\n\n{}\n{}",
            self.id,
            self.title,
            table(&["DOCUMENT", "PUBLISHED", "TITLE"], &documents),
            table(&["DATE", "KIND", "WHO", "STATUS", "TEXT"], &timeline)
        )
    }
}

impl ToTable for EntityDetail {
    fn to_table(&self) -> String {
        let names: Vec<String> = self.names.iter().map(|n| format!("{} ({})", n.name, n.count)).collect();
        let co: Vec<_> =
            self.co_occurring.iter().map(|c| vec![c.name.clone(), c.kind.clone(), c.documents.to_string()]).collect();
        let mentions: Vec<_> = self
            .mentions
            .iter()
            .map(|m| vec![m.document.clone(), format!("{}-{}", m.start, m.end), m.text.clone()])
            .collect();
        format!(
            "{} ({}) actor {} country {}, in {} documents\nnames: {}\n\nMentions\n{}\nQuotes\n{}\nEvents as source\n{}\nEvents as target\n{}\nSeen with\n{}",
            self.name,
            self.kind,
            opt(&self.actor),
            opt(&self.country),
            self.documents,
            names.join(", "),
            table(&["DOCUMENT", "SPAN", "TEXT"], &mentions),
            quote_rows(&self.quotes),
            event_rows(&self.events_as_source),
            event_rows(&self.events_as_target),
            table(&["ENTITY", "TYPE", "DOCS"], &co)
        )
    }
}

impl ToTable for Page<QuoteRow> {
    fn to_table(&self) -> String {
        quote_rows(&self.items) + &more(self)
    }
}

impl ToTable for Page<EventRow> {
    fn to_table(&self) -> String {
        event_rows(&self.items) + &more(self)
    }
}

impl ToTable for Page<ContradictionRow> {
    fn to_table(&self) -> String {
        let mut out = String::new();
        for c in &self.items {
            out += &format!("#{} {}\n", c.id, c.reason);
            for (label, side) in [("A", &c.a), ("B", &c.b)] {
                out += &format!(
                    "  {label} {} (sentence {}) {}: {}\n",
                    side.document,
                    side.sentence,
                    opt(&side.claimant),
                    side.text
                );
            }
        }
        out + &more(self)
    }
}

impl ToTable for Page<Hit> {
    fn to_table(&self) -> String {
        let rows: Vec<_> = self
            .items
            .iter()
            .map(|h| vec![h.kind.to_string(), h.id.clone(), h.title.clone(), h.snippet.clone()])
            .collect();
        table(&["KIND", "ID", "TITLE", "SNIPPET"], &rows) + &more(self)
    }
}
