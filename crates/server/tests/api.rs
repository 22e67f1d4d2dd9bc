//! The HTTP API over a store of the seed articles, called in process:
//! status codes, JSON errors naming the bad parameter, paging, auth on
//! ingest. Skips (with a message) when `../shared` is absent.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use newsgraph_core::shared;
use newsgraph_server::{router, ServeOptions};
use newsgraph_store::{IngestOptions, Store};
use serde_json::Value;
use tower::ServiceExt;

/// One seed store per test run, built once.
fn seed_store() -> Option<PathBuf> {
    static STORE: OnceLock<Option<PathBuf>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let Some(seeds) = shared::shared_path("seeds") else {
                eprintln!("skipped: ../shared/seeds not found");
                return None;
            };
            let dir = std::env::temp_dir().join(format!("newsgraph-server-api-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("temp dir");
            let db = dir.join("seeds.db");
            ingest_seeds(&seeds, &db);
            Some(db)
        })
        .clone()
}

fn ingest_seeds(seeds: &Path, db: &Path) {
    Store::open(db)
        .expect("store")
        .ingest(&[seeds.display().to_string()], &IngestOptions::default(), &mut |_| {})
        .expect("ingest");
}

fn app(options: impl FnOnce(&mut ServeOptions)) -> Option<Router> {
    let mut serve = ServeOptions::new(seed_store()?);
    options(&mut serve);
    Some(router(&serve).expect("router"))
}

async fn call(app: &Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = app.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, json)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    call(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

#[tokio::test]
async fn reads_the_seed_corpus() {
    let Some(app) = app(|_| {}) else { return };
    let (status, stories) = get(&app, "/api/stories").await;
    assert_eq!(status, StatusCode::OK);
    let id = stories["items"][0]["id"].as_i64().expect("a story");

    // The two seeds make two stories: Kupiansk on one map, Kyiv on the other.
    let mut places = Vec::new();
    for story in stories["items"].as_array().expect("items") {
        let (status, story) = get(&app, &format!("/api/stories/{}", story["id"])).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!story["timeline"].as_array().expect("timeline").is_empty());
        for place in story["places"].as_array().expect("places") {
            for text in place["texts"].as_array().expect("texts") {
                places.push(text.as_str().expect("text").to_string());
            }
        }
    }
    for place in ["Kupiansk", "Kyiv"] {
        assert!(places.iter().any(|p| p == place), "{place}: {places:?}");
    }
    let (status, _) = get(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK);

    // FTS5 syntax errors fall back to the plain words.
    for query in ["%22Kupiansk", "Kupiansk%20AND", "*"] {
        let (status, body) = get(&app, &format!("/api/search?q={query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
    }
    let (status, hits) = get(&app, "/api/search?q=Kupiansk").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!hits["items"].as_array().expect("hits").is_empty());

    let (status, entity) = get(&app, "/api/entities?name=Ryabkov").await;
    assert_eq!(status, StatusCode::OK, "{entity}");
    let entity_id = entity["id"].as_i64().expect("entity id");
    let (status, same) = get(&app, &format!("/api/entities/{entity_id}")).await;
    assert_eq!((status, &same["name"]), (StatusCode::OK, &entity["name"]));

    let (status, quotes) = get(&app, "/api/quotes?speaker=Ryabkov").await;
    assert_eq!(status, StatusCode::OK);
    let document = quotes["items"][0]["document"].as_str().expect("a Ryabkov quote").to_string();
    let (status, record) = get(&app, &format!("/api/documents/{document}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(record["id"], document.as_str());

    let (status, contradictions) = get(&app, "/api/contradictions").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!contradictions["items"].as_array().expect("items").is_empty());

    let (status, events) = get(&app, "/api/events?since=2000-01-01&until=2100-12-31&status=claimed").await;
    assert_eq!(status, StatusCode::OK, "{events}");

    let (status, spec) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(spec["openapi"], "3.1.0");
}

#[tokio::test]
async fn pages_follow_their_cursor() {
    let Some(app) = app(|_| {}) else { return };
    let (_, all) = get(&app, "/api/events?limit=200").await;
    let all = all["items"].as_array().expect("items").len();
    assert!(all >= 2, "seed events: {all}");
    let (mut seen, mut cursor) = (0, String::new());
    loop {
        let (status, page) = get(&app, &format!("/api/events?limit=1{cursor}")).await;
        assert_eq!(status, StatusCode::OK);
        seen += page["items"].as_array().expect("items").len();
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

#[tokio::test]
async fn bad_parameters_are_400_naming_them() {
    let Some(app) = app(|_| {}) else { return };
    for (uri, parameter) in [
        ("/api/stories?limit=0", "limit"),
        ("/api/stories?limit=abc", "limit"),
        ("/api/stories?limit=100000", "limit"),
        ("/api/stories?cursor=xyz", "cursor"),
        ("/api/stories?color=red", "query"),
        ("/api/stories/abc", "id"),
        ("/api/stories/-1", "id"),
        ("/api/entities", "name"),
        ("/api/quotes", "speaker"),
        ("/api/search", "q"),
        ("/api/search?q=%20", "q"),
        ("/api/stories?cursor=", "cursor"),
        ("/api/events?since=2025-13-01", "since"),
        ("/api/events?until=yesterday", "until"),
        ("/api/events?status=rumoured", "status"),
        ("/api/events?actor=RU%25", "actor"),
        ("/api/events?limit=1&limit=2", "limit"),
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(body["parameter"], parameter, "{uri}: {body}");
    }
    for uri in [
        "/api/stories/999999",
        "/api/entities/999999",
        "/api/entities?name=Nobody%20Atall",
        "/api/documents/nope.txt",
        "/api/nothing",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(body["error"].is_string(), "{uri}");
    }
}

fn post(token: Option<&str>, body: &str) -> Request<Body> {
    post_to("/api/documents?name=upload-test.txt", token, body)
}

fn post_to(uri: &str, token: Option<&str>, body: &str) -> Request<Body> {
    let mut request = Request::post(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    request.body(Body::from(body.to_string())).expect("request")
}

#[tokio::test]
async fn ingest_needs_the_flag_and_the_token() {
    let Some(read_only) = app(|_| {}) else { return };
    assert_eq!(call(&read_only, post(Some("s3cret"), "text")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(call(&read_only, post(None, "text")).await.0, StatusCode::UNAUTHORIZED);

    let mut missing = ServeOptions::new(seed_store().expect("store"));
    missing.allow_ingest = true;
    missing.token = Some(String::new());
    std::env::remove_var("NEWSGRAPH_TOKEN");
    assert!(router(&missing).is_err(), "ingest without a token must not start");

    // Its own store, so the other tests' counts do not move. Ingested
    // afresh, not copied: a file copy taken while another test's router
    // writes the shared store's index can miss what is still in its WAL.
    let own = seed_store().expect("store").with_file_name("ingest.db");
    ingest_seeds(&shared::shared_path("seeds").expect("seeds"), &own);
    let mut options = ServeOptions::new(own);
    options.allow_ingest = true;
    options.token = Some("s3cret".into());
    let writable = router(&options).expect("router");
    assert_eq!(call(&writable, post(None, "text")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(call(&writable, post(Some("wrong"), "text")).await.0, StatusCode::UNAUTHORIZED);
    let too_big = "x".repeat(5 * 1024 * 1024);
    assert_eq!(call(&writable, post(Some("s3cret"), &too_big)).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    let article =
        "KYIV, March 3, 2025 — Ukrainian officials said on Monday that Russian forces shelled Kharkiv overnight.\n";
    // A kept answer must not outlive the store it was computed from.
    let search = "/api/search?q=Kharkiv";
    let before = get(&writable, search).await.1;
    assert_eq!(get(&writable, search).await.1, before, "the kept answer is the answer");
    let (status, summary) = call(&writable, post(Some("s3cret"), article)).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["added"], 1, "{summary}");
    let after = get(&writable, search).await.1;
    assert!(after.to_string().contains("upload-test"), "ingest shows at once: {after}");
    let (status, record) = get(&writable, "/api/documents/upload-test").await;
    assert_eq!(status, StatusCode::OK, "{record}");
    assert_eq!(record["source"], "upload:upload-test.txt", "not the temporary file: {record}");

    // A local paper's upload names its home region: its London is Ontario's.
    let local = "Police closed a road in London after the crash on Monday.\n";
    let request = post_to("/api/documents?name=local.txt&region=Ontario", Some("s3cret"), local);
    assert_eq!(call(&writable, request).await.0, StatusCode::OK);
    let (_, record) = get(&writable, "/api/documents/local").await;
    assert_eq!(record["region"], "Ontario", "{record}");
    let london = record["places"].as_array().and_then(|p| p.iter().find(|p| p["text"] == "London")).cloned();
    assert_eq!(london.map(|p| p["country"].clone()), Some(Value::from("CA")), "{record}");
    // The pipeline is kept between uploads; one upload's region is not the next one's.
    let national = "Police closed a road in London after the crash on Tuesday.\n";
    let request = post_to("/api/documents?name=national.txt", Some("s3cret"), national);
    assert_eq!(call(&writable, request).await.0, StatusCode::OK);
    let (_, record) = get(&writable, "/api/documents/national").await;
    assert!(record["region"].is_null(), "{record}");
    let london = record["places"].as_array().and_then(|p| p.iter().find(|p| p["text"] == "London")).cloned();
    assert_eq!(london.map(|p| p["country"].clone()), Some(Value::from("GB")), "{record}");
}
