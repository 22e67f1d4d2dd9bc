//! What an API request can fail with, and the HTTP answer each gets: a JSON
//! body `{"error": "...", "parameter": "..."}`, never a bare 500 for bad input.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use newsgraph_store::StoreError;
use serde::Serialize;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// `--allow-ingest` without a token would let anyone write.
    #[error("--allow-ingest needs a bearer token (--token or NEWSGRAPH_TOKEN)")]
    MissingToken,
}

/// A failed API request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A query, path or body parameter with a value we do not accept.
    #[error("{parameter}: {reason}")]
    BadParameter { parameter: &'static str, reason: String },
    #[error("{0} not found")]
    NotFound(String),
    #[error("a bearer token is required")]
    Unauthorized,
    #[error("ingest over HTTP is disabled (start the server with --allow-ingest)")]
    IngestDisabled,
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A blocking task died (a bug, reported rather than hanging the request).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad(parameter: &'static str, reason: impl Into<String>) -> Self {
        ApiError::BadParameter { parameter, reason: reason.into() }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<&'a str>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, parameter) = match &self {
            ApiError::BadParameter { parameter, .. } => (StatusCode::BAD_REQUEST, Some(*parameter)),
            ApiError::Store(StoreError::Cursor(_)) => (StatusCode::BAD_REQUEST, Some("cursor")),
            ApiError::Store(StoreError::Invalid(_)) => (StatusCode::BAD_REQUEST, None),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, None),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, None),
            ApiError::IngestDisabled => (StatusCode::FORBIDDEN, None),
            ApiError::Store(_) | ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, None),
        };
        let mut response = (status, Json(ErrorBody { error: self.to_string(), parameter })).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}
