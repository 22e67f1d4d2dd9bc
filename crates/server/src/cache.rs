//! Answers to GET requests kept until the store changes. The story,
//! entity and search views each cost tens of milliseconds of SQLite and
//! JSON work on a big store, and a page that many people read asks for
//! the same few views again and again; the store only changes by ingest,
//! which adds documents, so the highest document row number tells
//! whether a kept answer is still the store's answer.
//!
//! Requests for the same view that arrive while it is being computed wait
//! for that one computation instead of each starting its own: at 50
//! connections asking for a search word nobody asked before, fifty copies
//! of one 30 ms query queued on four connections and held every reader
//! back for half a second.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
    /// One lock per view being computed, so that only one request computes it.
    computing: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
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

    /// The lock a request for `key` holds while it computes the view; the
    /// map entry goes when its last holder is done.
    fn turn(self: &Arc<Self>, key: &str) -> Turn {
        let mut computing = self.computing.lock().unwrap_or_else(|e| e.into_inner());
        let lock = Arc::clone(computing.entry(key.to_string()).or_default());
        Turn { cache: Arc::clone(self), key: key.to_string(), lock }
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

/// A request's place in the queue for computing one view.
struct Turn {
    cache: Arc<ResponseCache>,
    key: String,
    lock: Arc<tokio::sync::Mutex<()>>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut computing = self.cache.computing.lock().unwrap_or_else(|e| e.into_inner());
        // Two holders left (the map and this turn): nobody else waits.
        if Arc::strong_count(&self.lock) == 2 {
            computing.remove(&self.key);
        }
    }
}

/// Middleware: serves a kept answer when the store has not changed since,
/// else runs the handler (once for all the requests for the same view that
/// arrive meanwhile) and keeps a successful answer.
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
    let turn = app.cache.turn(&key);
    let _computing = turn.lock.lock().await;
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    use super::*;
    use crate::{app_and_router, ServeOptions};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn requests_for_one_view_meanwhile_share_one_computation() {
        let dir = std::env::temp_dir().join(format!("newsgraph-server-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (app, _) = app_and_router(&ServeOptions::new(dir.join("empty.db"))).expect("router");
        let computed = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&computed);
        let slow_view = move || {
            let counter = Arc::clone(&counter);
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(100)).await;
                "the view"
            }
        };
        let router = Router::new()
            .route("/view", get(slow_view))
            .layer(axum::middleware::from_fn_with_state(app.clone(), cached))
            .with_state(app.clone());

        let requests = (0..10).map(|_| {
            let router = router.clone();
            tokio::spawn(async move {
                let response = router.oneshot(Request::get("/view").body(Body::empty()).expect("request")).await;
                let body = response.expect("response").into_body();
                axum::body::to_bytes(body, 1024).await.expect("body")
            })
        });
        for request in requests.collect::<Vec<_>>() {
            assert_eq!(request.await.expect("task"), "the view");
        }
        assert_eq!(computed.load(Ordering::SeqCst), 1);
        assert!(app.cache.computing.lock().expect("lock").is_empty(), "a finished view leaves no lock behind");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
