//! Answers to GET requests kept until the store changes. The story,
//! entity and search views each cost tens of milliseconds of SQLite and
//! JSON work on a big store, and a page that many people read asks for
//! the same few views again and again; the store only changes by ingest,
//! which adds documents, so the highest document row number tells
//! whether a kept answer is still the store's answer.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::App;

/// Bytes of kept answers at most, before the cache starts over: room for
/// every entity and story view of a 100,000-document store (about 4,400
/// entities), which a count of entries (it was 4,096) did not leave.
const MAX_BYTES: usize = 512 * 1024 * 1024;
/// The warm-up (`warm.rs`) stops at this share of `MAX_BYTES`, leaving the
/// rest to what readers ask for.
const WARM_BYTES: usize = MAX_BYTES / 4 * 3;
/// Answers bigger than this are not kept.
const MAX_BODY: usize = 1024 * 1024;

/// Kept answers, valid for one store generation.
#[derive(Default)]
pub(crate) struct ResponseCache {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    generation: i64,
    bodies: HashMap<String, (Response<()>, Bytes)>,
    bytes: usize,
}

impl ResponseCache {
    fn get(&self, generation: i64, key: &str) -> Option<Response> {
        let kept = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if kept.generation != generation {
            return None;
        }
        let (head, body) = kept.bodies.get(key)?;
        let mut response = Response::new(Body::from(body.clone()));
        *response.headers_mut() = head.headers().clone();
        Some(response)
    }

    #[cfg(test)]
    pub(crate) fn holds(&self, generation: i64, key: &str) -> bool {
        self.get(generation, key).is_some()
    }

    /// Whether computing more views ahead would still leave room for readers.
    pub(crate) fn has_room_for_warming(&self) -> bool {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).bytes < WARM_BYTES
    }

    fn put(&self, generation: i64, key: String, head: Response<()>, body: Bytes) {
        let mut kept = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if kept.generation != generation || kept.bytes + body.len() > MAX_BYTES {
            kept.bodies.clear();
            kept.bytes = 0;
            kept.generation = generation;
        }
        kept.bytes += body.len();
        if let Some((_, replaced)) = kept.bodies.insert(key, (head, body)) {
            kept.bytes -= replaced.len();
        }
    }
}

/// Middleware: serves a kept answer when the store has not changed since,
/// else runs the handler and keeps a successful answer.
pub(crate) async fn cached(State(app): State<App>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let Ok(generation) = app.pool.run(|store| Ok(store.generation()?)).await else {
        return next.run(request).await;
    };
    let key = request.uri().to_string();
    if let Some(response) = app.cache.get(generation, &key) {
        return response;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    app.cache.put(generation, key, Response::from_parts(parts.clone(), ()), bytes.clone());
    Response::from_parts(parts, Body::from(bytes))
}
