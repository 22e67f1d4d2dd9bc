//! HTML and WARC readers end to end: a realistic news page, a page with no
//! body, and WARC files (plain, gzip members, truncated, malformed).

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use newsgraph_core::Document;
use newsgraph_ingest::{read_bytes, ReadError, ReadErrorKind};

const ARTICLE: &[u8] = include_bytes!("fixtures/news_article.html");
const NO_BODY: &[u8] = include_bytes!("fixtures/no_body.html");

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nServer: test\r\n\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

fn record(version: &str, kind: &str, id: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "{version}\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: https://news.example/{id}\r\n\
         WARC-Date: 2025-11-14T07:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A crawl as CC-NEWS has it: info and request records around responses,
/// of which only the successful HTML ones are articles.
fn crawl() -> Vec<Vec<u8>> {
    let latin = b"<html><head><title>Caf\xE9 news</title></head><body><p>The caf\xE9 on the square reopened on Monday, its owner said, after a year of repairs.</p></body></html>";
    vec![
        record("WARC/1.0", "warcinfo", "info", b"software: test\r\n"),
        record("WARC/1.0", "request", "req-1", b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
        record("WARC/1.0", "response", "a", &http("200 OK", "text/html; charset=UTF-8", ARTICLE)),
        record("WARC/1.1", "response", "moved", &http("301 Moved Permanently", "text/html", b"<a href=/b>moved</a>")),
        record("WARC/1.1", "response", "picture", &http("200 OK", "image/jpeg", b"\xFF\xD8\xFF\xE0binary")),
        record("WARC/1.1", "metadata", "meta", b"fetchTimeMs: 12\r\n"),
        record("WARC/1.1", "response", "latin", &http("200 OK", "text/html; charset=windows-1252", latin)),
        record("WARC/1.0", "response", "empty", &http("200 OK", "text/html", NO_BODY)),
    ]
}

fn summary(results: &[Result<Document, ReadError>]) -> Vec<String> {
    results
        .iter()
        .map(|r| r.as_ref().map_or_else(|e| format!("ERR {e}"), |d| format!("{} {}", d.id, d.source)))
        .collect()
}

fn expected(name: &str) -> Vec<String> {
    vec![
        "urn:uuid:a https://news.example/a".to_string(),
        "urn:uuid:latin https://news.example/latin".to_string(),
        format!("ERR {name}#urn:uuid:empty: HTML page has no body text"),
    ]
}

#[test]
fn news_page_main_content_and_metadata() {
    let results = read_bytes("story.html", ARTICLE);
    let doc = results[0].as_ref().unwrap();
    assert_eq!(doc.id, "story");
    assert_eq!(doc.title.as_deref(), Some("Port of Valmora reopens after three-day storm closure"));
    assert_eq!(doc.byline.as_deref(), Some("Mira Okafor"));
    assert_eq!(doc.published.as_deref(), Some("2025-11-14"));
    assert!(doc.text.starts_with("The Port of Valmora reopened to shipping on Friday"));
    assert!(doc.text.ends_with("full damage report next month."));
    assert!(doc
        .text
        .contains("\u{201C}We have inspected every berth,\u{201D} said harbour master Tom\u{e1}s Ferreira."));
    assert!(doc.text.contains("1,200 containers \u{2014} roughly two days of normal traffic \u{2013} and"));
    for junk in [
        "Sport",
        "Advertisement",
        "Related",
        "Share on X",
        "Great news",
        "rights reserved",
        "Photo:",
        "not text",
        "margin",
    ] {
        assert!(!doc.text.contains(junk), "{junk:?} leaked into the text");
    }
    let headings: Vec<&str> = doc.headings.iter().map(|h| h.slice(&doc.text)).collect();
    assert_eq!(headings, vec!["Backlog of ships"]);
    assert!(doc.warnings.is_empty());
}

#[test]
fn page_without_body_is_reported() {
    let error = read_bytes("redirect.html", NO_BODY).remove(0).unwrap_err();
    assert_eq!(error.to_string(), "redirect.html: HTML page has no body text");
}

#[test]
fn html_sniffed_without_extension() {
    let doc = read_bytes("-", b"\n<!doctype html><p>Sniffed page text.</p>").remove(0).unwrap();
    assert_eq!(doc.text, "Sniffed page text.");
}

#[test]
fn warc_responses_become_documents() {
    let warc: Vec<u8> = crawl().concat();
    let results = read_bytes("crawl.warc", &warc);
    assert_eq!(summary(&results), expected("crawl.warc"));
    let latin = results[1].as_ref().unwrap();
    assert_eq!(latin.title.as_deref(), Some("Caf\u{e9} news"));
    assert!(latin.text.starts_with("The caf\u{e9} on the square"));
    assert_eq!(results[0].as_ref().unwrap().byline.as_deref(), Some("Mira Okafor"));
}

#[test]
fn warc_gz_members() {
    let members: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
    assert_eq!(summary(&read_bytes("crawl.warc.gz", &members)), expected("crawl.warc.gz"));
}

#[test]
fn truncated_warc_gz_keeps_earlier_records() {
    let records = crawl();
    let mut packed: Vec<u8> = records[..3].iter().flat_map(|r| gzip(r)).collect();
    let cut = gzip(&records[6]);
    packed.extend_from_slice(&cut[..cut.len() / 2]);
    let results = read_bytes("cut.warc.gz", &packed);
    let lines = summary(&results);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0], "urn:uuid:a https://news.example/a");
    assert!(matches!(results[1], Err(ReadError { kind: ReadErrorKind::TruncatedGzip, .. })), "{lines:?}");
    assert!(lines[1].starts_with("ERR cut.warc.gz"), "{lines:?}");
}

#[test]
fn warc_resource_record_with_html() {
    let page = b"<html><body><p>Archived page text that is the whole article, kept as a resource.</p></body></html>";
    let mut warc = format!(
        "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:r1>\r\nWARC-Target-URI: https://x.example/2024/05/06/a.html\r\n\
         Content-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        page.len()
    )
    .into_bytes();
    warc.extend_from_slice(page);
    let doc = read_bytes("res.warc", &warc).remove(0).unwrap();
    assert_eq!((doc.id.as_str(), doc.source.as_str()), ("urn:uuid:r1", "https://x.example/2024/05/06/a.html"));
    // The page has no date of its own: the one in its URL is used.
    assert_eq!(doc.published.as_deref(), Some("2024-05-06"));
    assert!(doc.text.starts_with("Archived page text"));
}

#[test]
fn truncated_plain_warc_record() {
    let records = crawl();
    let mut warc = records[2].clone();
    warc.extend_from_slice(&records[6][..records[6].len() - 40]);
    let results = read_bytes("cut.warc", &warc);
    assert_eq!(
        summary(&results),
        vec![
            "urn:uuid:a https://news.example/a".to_string(),
            "ERR cut.warc#urn:uuid:latin: truncated WARC record (shorter than its Content-Length)".to_string(),
        ]
    );
}

#[test]
fn malformed_warc_header() {
    let mut warc = crawl()[2].clone();
    warc.extend_from_slice(b"garbage line\r\nmore\r\n");
    let results = read_bytes("bad.warc", &warc);
    assert_eq!(results.len(), 2);
    let error = results[1].as_ref().unwrap_err();
    assert_eq!(error.input, "bad.warc");
    assert!(matches!(&error.kind, ReadErrorKind::MalformedWarc(m) if m.contains("garbage line")));

    let no_length = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:x>\r\n\r\n";
    let error = read_bytes("nolen.warc", no_length).remove(0).unwrap_err();
    assert_eq!(
        error.to_string(),
        "nolen.warc#urn:uuid:x: malformed WARC record: no valid Content-Length; record skipped, with the 0 bytes up to the end of the file"
    );
}

#[test]
fn reading_resumes_at_the_next_record_after_a_malformed_one() {
    let records = crawl();
    // A record whose Content-Length is short by 10 bytes leaves the tail of
    // its block where the next header should be.
    let mut short = String::from_utf8_lossy(&records[2]).into_owned();
    let length_at = short.find("Content-Length: ").unwrap();
    let line_end = length_at + short[length_at..].find('\r').unwrap();
    let real: usize = short[length_at + 16..line_end].parse().unwrap();
    short.replace_range(length_at..line_end, &format!("Content-Length: {}", real - 10));
    let no_length = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:x>\r\n\r\n<p>lost</p>\r\n\r\n";
    let mut warc = short.into_bytes();
    warc.extend_from_slice(&records[6]);
    warc.extend_from_slice(no_length);
    warc.extend_from_slice(&records[7]);
    let results = read_bytes("bad.warc", &warc);
    let got = summary(&results);
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(got[0].starts_with("urn:uuid:a "), "{got:?}");
    assert_eq!(got[1], "ERR bad.warc: malformed WARC record: expected a WARC/1.x version line, found \">\"; record skipped, with the 14 bytes up to the next record");
    assert_eq!(got[2], "urn:uuid:latin https://news.example/latin");
    assert_eq!(got[3], "ERR bad.warc#urn:uuid:x: malformed WARC record: no valid Content-Length; record skipped, with the 15 bytes up to the next record");
    assert_eq!(got[4], "ERR bad.warc#urn:uuid:empty: HTML page has no body text");
}
