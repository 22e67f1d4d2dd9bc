//! The JSON API handlers: each checks its parameters, then runs one store
//! query on a pooled read-only connection.

use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Json;
use newsgraph_store::{
    ContradictionRow, EntityDetail, EventFilter, EventRow, Hit, IngestOptions, IngestSummary, Page, Pipeline, PlacePin,
    QuoteRow, Store, StoreError, StoryDetail, StorySummary,
};
use serde::Serialize;

use crate::error::ApiError;
use crate::params::{path_id, Params};
use crate::App;

type Query_ = Result<Query<Vec<(String, String)>>, QueryRejection>;
type Reply<T> = Result<Json<T>, ApiError>;

/// The query string checked against the parameters the route takes.
fn params(query: Query_, allowed: &[&'static str]) -> Result<Params, ApiError> {
    let Query(pairs) = query.map_err(|rejection| ApiError::bad("query", rejection.body_text()))?;
    Params::new(pairs, allowed)
}

const PAGED: &[&str] = &["limit", "cursor"];

/// Statuses an event mention can have (`newsgraph/1`).
const STATUSES: &[&str] = &["asserted", "claimed", "denied", "unverified", "planned", "hypothetical", "negated"];

pub async fn search(State(app): State<App>, query: Query_) -> Reply<Page<Hit>> {
    let params = params(query, &["q", "limit", "cursor"])?;
    let text = params.required("q")?.to_string();
    let page = params.page()?;
    let hits = app
        .pool
        .run(move |store| match store.search(&text, &page) {
            // SQLITE_ERROR from MATCH is FTS5 rejecting the syntax the user
            // typed (an unclosed quote, a bare AND): search for the words.
            Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)))
                if failure.code == rusqlite::ErrorCode::Unknown =>
            {
                let words = plain_words(&text);
                if words.is_empty() {
                    return Ok(Page { items: Vec::new(), next_cursor: None });
                }
                store.search(&words, &page).map_err(|error| ApiError::bad("q", format!("not a valid search: {error}")))
            }
            result => Ok(result?),
        })
        .await?;
    Ok(Json(hits))
}

/// The words of a search with FTS5 syntax taken out: no quotes, no `*`,
/// operators lowercased into plain words.
fn plain_words(text: &str) -> String {
    text.replace(['"', '*'], " ")
        .split_whitespace()
        .map(|word| match word {
            "AND" | "OR" | "NOT" | "NEAR" => word.to_lowercase(),
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn stories(State(app): State<App>, query: Query_) -> Reply<Page<StorySummary>> {
    let page = params(query, PAGED)?.page()?;
    Ok(Json(app.pool.run(move |store| Ok(store.stories(&page)?)).await?))
}

/// A story with what its page shows besides the timeline.
#[derive(Serialize)]
pub struct StoryView {
    #[serde(flatten)]
    story: StoryDetail,
    places: Vec<PlacePin>,
    contradictions: Vec<ContradictionRow>,
}

pub async fn story(State(app): State<App>, Path(id): Path<String>, query: Query_) -> Reply<StoryView> {
    params(query, &[])?;
    let id = path_id(&id)?;
    let view = app
        .pool
        .run(move |store| {
            let story = store.story(id)?.ok_or_else(|| ApiError::NotFound(format!("story {id}")))?;
            Ok(StoryView { story, places: store.story_places(id)?, contradictions: store.story_contradictions(id)? })
        })
        .await?;
    Ok(Json(view))
}

pub async fn entity_by_name(State(app): State<App>, query: Query_) -> Reply<EntityDetail> {
    let name = params(query, &["name"])?.required("name")?.to_string();
    let entity = app
        .pool
        .run(move |store| store.entity(&name)?.ok_or_else(|| ApiError::NotFound(format!("entity `{name}`"))))
        .await?;
    Ok(Json(entity))
}

pub async fn entity(State(app): State<App>, Path(id): Path<String>, query: Query_) -> Reply<EntityDetail> {
    params(query, &[])?;
    let id = path_id(&id)?;
    let entity = app
        .pool
        .run(move |store| store.entity_by_id(id)?.ok_or_else(|| ApiError::NotFound(format!("entity {id}"))))
        .await?;
    Ok(Json(entity))
}

pub async fn quotes(State(app): State<App>, query: Query_) -> Reply<Page<QuoteRow>> {
    let params = params(query, &["speaker", "limit", "cursor"])?;
    let speaker = params.required("speaker")?.to_string();
    let page = params.page()?;
    Ok(Json(app.pool.run(move |store| Ok(store.quotes(&speaker, &page)?)).await?))
}

/// A code-like parameter (`RUSMIL`, `ASSAULT`, `19`): letters and digits only.
fn code(params: &Params, name: &'static str) -> Result<Option<String>, ApiError> {
    match params.get(name) {
        Some(value) if !value.chars().all(|c| c.is_ascii_alphanumeric()) || value.len() > 40 => {
            Err(ApiError::bad(name, format!("wants letters and digits only, got `{value}`")))
        }
        value => Ok(value.map(str::to_string)),
    }
}

pub async fn events(State(app): State<App>, query: Query_) -> Reply<Page<EventRow>> {
    let params = params(query, &["actor", "type", "since", "until", "place", "status", "limit", "cursor"])?;
    let status = params.get("status").map(str::to_lowercase);
    if let Some(status) = &status {
        if !STATUSES.contains(&status.as_str()) {
            return Err(ApiError::bad("status", format!("wants one of {}, got `{status}`", STATUSES.join(", "))));
        }
    }
    let filter = EventFilter {
        actor: code(&params, "actor")?,
        kind: code(&params, "type")?,
        since: params.day("since")?,
        until: params.day("until")?,
        place: params.get("place").map(str::to_string),
        status,
    };
    let page = params.page()?;
    Ok(Json(app.pool.run(move |store| Ok(store.events(&filter, &page)?)).await?))
}

pub async fn contradictions(State(app): State<App>, query: Query_) -> Reply<Page<ContradictionRow>> {
    let page = params(query, PAGED)?.page()?;
    Ok(Json(app.pool.run(move |store| Ok(store.contradictions(&page)?)).await?))
}

pub async fn document(
    State(app): State<App>,
    Path(id): Path<String>,
    query: Query_,
) -> Reply<newsgraph_store::record::Record> {
    params(query, &[])?;
    let record = app
        .pool
        .run(move |store| store.document(&id)?.ok_or_else(|| ApiError::NotFound(format!("document `{id}`"))))
        .await?;
    Ok(Json(record))
}

/// `POST /api/documents?name=FILE&source=URL&region=PLACE`: ingests the
/// body (an article, or `newsgraph/1` JSON lines) into the store; `source`
/// (default `upload:FILE`) is recorded as the articles' source, `region`
/// as the publication's home region (`--region`). Only with
/// `--allow-ingest` and the bearer token.
pub async fn ingest(State(app): State<App>, headers: HeaderMap, query: Query_, body: Bytes) -> Reply<IngestSummary> {
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    // Who is asking comes first (401), then whether anyone may (403).
    let Some(given) = given else {
        return Err(ApiError::Unauthorized);
    };
    let Some(token) = app.ingest_token.clone() else {
        return Err(ApiError::IngestDisabled);
    };
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return Err(ApiError::Unauthorized);
    }
    let params = params(query, &["name", "source", "region"])?;
    let name = params.get("name").unwrap_or("upload.txt").to_string();
    // Where the article came from, as the client says (its URL, say);
    // never the temporary file it passes through.
    let source = params.get("source").map_or_else(|| format!("upload:{name}"), str::to_string);
    let region = params.get("region").map(str::to_string);
    // The name becomes a file name and the document's id: no paths.
    if name.len() > 100
        || name.starts_with('.')
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(ApiError::bad("name", "wants a file name of letters, digits, `.`, `_` and `-`"));
    }
    if body.is_empty() {
        return Err(ApiError::bad("body", "empty"));
    }
    // One ingest at a time: the store has one writer. The guard goes with
    // the work, so a request that times out holds it until its ingest ends.
    let mut kept = app.ingest.clone().lock_owned().await;
    let folder = std::env::temp_dir().join(format!(
        "newsgraph-upload-{}-{}",
        std::process::id(),
        app.uploads.fetch_add(1, Ordering::Relaxed)
    ));
    let db = app.db.clone();
    let summary = tokio::task::spawn_blocking(move || {
        let result = (|| -> Result<IngestSummary, StoreError> {
            std::fs::create_dir_all(&folder)?;
            let path = folder.join(&name);
            std::fs::write(&path, &body)?;
            let mut store = Store::open(&db)?;
            let options = IngestOptions { source: Some(source), region, ..IngestOptions::default() };
            let pipeline = match &mut *kept {
                Some(pipeline) => pipeline,
                empty => empty.insert(Pipeline::load(Default::default())?),
            };
            store.ingest_with(pipeline, &[path.display().to_string()], &options, &mut |_| {})
        })();
        // Best effort: a leftover temp folder is harmless.
        let _ = std::fs::remove_dir_all(&folder);
        result
    })
    .await
    .map_err(|error| ApiError::Internal(error.to_string()))??;
    Ok(Json(summary))
}

/// Compares without leaking through timing how much of the token matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub async fn openapi() -> ([(axum::http::HeaderName, &'static str); 1], &'static str) {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], include_str!("../assets/openapi.json"))
}

pub async fn not_found() -> ApiError {
    ApiError::NotFound("route".into())
}
