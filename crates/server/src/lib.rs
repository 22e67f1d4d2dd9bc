//! newsgraph-server: `newsgraph serve`, an HTTP JSON API and a web page
//! (search, stories with timeline, map and contradictions, entities,
//! annotated articles) over a newsgraph corpus store. Everything the page
//! needs is embedded in the binary; nothing is fetched at run time.
//! See `docs/server.md`.

mod api;
mod assets;
mod cache;
mod error;
mod params;
mod pool;
mod warm;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use newsgraph_store::{Pipeline, Store};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::{ApiError, ServeError};

use pool::Pool;

/// Largest request body accepted (an uploaded article or JSON lines).
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// A request still running after this gets a 503, so a slow query cannot
/// hold a connection for ever.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How `newsgraph serve` runs.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The store file (made by `newsgraph ingest`).
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Accept `POST /api/documents`; needs `token`.
    pub allow_ingest: bool,
    /// Bearer token for ingest; falls back to `NEWSGRAPH_TOKEN`.
    pub token: Option<String>,
    /// Read-only store connections (queries that can run at once).
    pub readers: usize,
    /// Compute the story and entity views ahead, after start and after
    /// every ingest (`src/warm.rs`).
    pub warm: bool,
}

impl ServeOptions {
    pub fn new(db: impl Into<PathBuf>) -> Self {
        ServeOptions {
            db: db.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            allow_ingest: false,
            token: None,
            readers: 4,
            warm: true,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct App {
    pool: Arc<Pool>,
    db: PathBuf,
    /// `Some` only when ingest is allowed.
    ingest_token: Option<Arc<str>>,
    /// Held by one upload at a time (the store has one writer), with the
    /// annotation pipeline uploads keep: loaded by the first, since
    /// loading took most of an upload's time (170 of 180 ms for one
    /// article).
    ingest: Arc<tokio::sync::Mutex<Option<Pipeline>>>,
    uploads: Arc<AtomicUsize>,
    cache: Arc<cache::ResponseCache>,
}

/// The routes, ready to serve; public so tests can call them without a socket.
pub fn router(options: &ServeOptions) -> Result<Router, ServeError> {
    Ok(app_and_router(options)?.1)
}

fn app_and_router(options: &ServeOptions) -> Result<(App, Router), ServeError> {
    let ingest_token = if options.allow_ingest {
        let token = options
            .token
            .clone()
            .or_else(|| std::env::var("NEWSGRAPH_TOKEN").ok())
            .filter(|token| !token.is_empty())
            .ok_or(ServeError::MissingToken)?;
        Some(Arc::from(token))
    } else {
        None
    };
    add_api_indexes(&options.db)?;
    let app = App {
        pool: Pool::open(&options.db, options.readers)?,
        db: options.db.clone(),
        ingest_token,
        ingest: Arc::default(),
        uploads: Arc::default(),
        cache: Arc::default(),
    };
    let api = Router::new()
        .route("/search", get(api::search))
        .route("/stories", get(api::stories))
        .route("/stories/{id}", get(api::story))
        .route("/entities", get(api::entity_by_name))
        .route("/entities/{id}", get(api::entity))
        .route("/quotes", get(api::quotes))
        .route("/events", get(api::events))
        .route("/contradictions", get(api::contradictions))
        .route("/documents", axum::routing::post(api::ingest))
        .route("/documents/{id}", get(api::document))
        .route("/openapi.json", get(api::openapi))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(app.clone(), cache::cached));
    let router = Router::new()
        .nest("/api", api)
        .merge(assets::routes())
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, REQUEST_TIMEOUT))
        .with_state(app.clone());
    Ok((app, router))
}

/// Looking documents up by id needs an index older stores lack; adding it
/// needs write access, which a read-only file may not give: then document
/// look-ups are slower but still answer. Opening for writing reads every
/// page first (13 s on a 1.7 GB store), so that happens only when the index
/// is missing.
fn add_api_indexes(db: &std::path::Path) -> Result<(), ServeError> {
    if db.exists() && Store::open_read_only(db).and_then(|store| store.has_api_indexes()).unwrap_or(false) {
        return Ok(());
    }
    if let Err(error) = Store::open(db).and_then(|store| store.add_api_indexes()) {
        if !db.exists() {
            return Err(error.into());
        }
        eprintln!("newsgraph serve: could not add the document id index ({error}); document look-ups will scan");
    }
    Ok(())
}

/// Serves until Ctrl-C or SIGTERM; the one entry point of `newsgraph serve`.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let (app, router) = app_and_router(&options)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        if options.warm {
            tokio::spawn(warm::keep_warm(app, router.clone()));
        }
        let listener = tokio::net::TcpListener::bind(options.addr).await?;
        eprintln!("newsgraph serve: http://{}/", listener.local_addr()?);
        axum::serve(listener, router).with_graceful_shutdown(shutdown()).await?;
        Ok(())
    })
}

async fn shutdown() {
    let interrupt = async {
        // Without a handler there is nothing to wait for but the other signal.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
