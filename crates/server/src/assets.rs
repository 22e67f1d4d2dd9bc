//! The web page: HTML, CSS, JS and the world map, embedded in the binary.

use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::App;

/// Same-origin only: the page loads nothing from elsewhere, and says so.
const POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

fn asset(content_type: &'static str, body: &'static [u8]) -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "no-cache"),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (CONTENT_SECURITY_POLICY, POLICY),
        ],
        body,
    )
}

pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", include_bytes!("../assets/index.html")) }))
        .route("/app.js", get(|| async { asset("text/javascript; charset=utf-8", include_bytes!("../assets/app.js")) }))
        .route("/app.css", get(|| async { asset("text/css; charset=utf-8", include_bytes!("../assets/app.css")) }))
        .route("/world.json", get(|| async { asset("application/json", include_bytes!("../assets/world.json")) }))
}
