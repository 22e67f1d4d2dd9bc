//! End-to-end reader tests: the seed articles, folders, compression and
//! every bad-input case (each must give one clear error and let reading go on).

use std::io::Write;
use std::path::PathBuf;

use flate2::write::GzEncoder;
use flate2::Compression;
use newsgraph_core::{shared::require, Document};
use newsgraph_ingest::{read_bytes, read_inputs, Raw, ReadError, ReadErrorKind};

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-ingest-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn one_doc(name: &str, bytes: &[u8]) -> Document {
    let mut results = read_bytes(name, bytes);
    assert_eq!(results.len(), 1, "{name}: {results:?}");
    results.remove(0).unwrap_or_else(|e| panic!("{e}"))
}

fn one_error(name: &str, bytes: &[u8]) -> ReadError {
    let mut results = read_bytes(name, bytes);
    assert_eq!(results.len(), 1, "{name}");
    results.remove(0).expect_err("expected an error")
}

fn heading_texts(doc: &Document) -> Vec<&str> {
    doc.headings.iter().map(|h| h.slice(&doc.text)).collect()
}

#[test]
fn seeds_have_their_metadata() {
    let Some(seeds) = require("seeds", concat!(file!(), ":", line!())) else {
        eprintln!("SKIP: ../shared/seeds not found");
        return;
    };
    let docs: Vec<Document> = read_inputs(&[seeds.display().to_string()])
        .map(|r| r.map(Raw::into_document).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(docs.len(), 2);

    let first = &docs[0];
    assert_eq!(first.id, "000_859ad4c5640c5e89");
    assert_eq!(first.published.as_deref(), Some("2025-12-31"));
    assert_eq!((first.title.as_deref(), first.byline.as_deref()), (None, None));
    assert!(first.text.starts_with("The Chief of the General Staff"), "{}", &first.text[..60]);
    assert!(first.text.ends_with("despite the mutual distrust.\""));
    assert_eq!(heading_texts(first), vec!["Advancement in Eastern Ukraine", "Deployment of American Forces"]);
    assert!(!first.text.contains("\n\n\n"));
    assert!(first.warnings.is_empty());

    let second = &docs[1];
    assert_eq!(second.id, "004_64b5038d761421c2");
    assert_eq!(second.title.as_deref(), Some("Russia Seeks Permanent Resolution to Ongoing Ukraine Conflict"));
    assert_eq!(second.byline.as_deref(), Some("Layla Al Mansoori"));
    assert_eq!(second.published, None);
    assert!(second.text.starts_with("Russia says it wants to end the war"));
    assert!(second.text.ends_with("openness to negotiations."));
    assert!(!second.text.contains("**") && !second.text.contains("Layla"));
    assert_eq!(heading_texts(second), vec!["Zelensky's Security Guarantee Claims", "Battlefield Developments"]);
    // Every line of the source is its own paragraph.
    assert_eq!(second.text.matches("\n\n").count(), 13);
}

#[test]
fn folders_are_read_recursively_in_sorted_order() {
    let dir = scratch("folders");
    std::fs::create_dir_all(dir.join("b_sub")).unwrap();
    std::fs::write(dir.join("c.txt"), "Third one.").unwrap();
    std::fs::write(dir.join("a.txt"), "First one.").unwrap();
    std::fs::write(dir.join("b_sub/inner.txt.gz"), gzip(b"Second one.")).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "Never read.").unwrap();
    let missing = dir.join("missing.txt").display().to_string();
    let results: Vec<_> =
        read_inputs(&[dir.display().to_string(), missing.clone()]).map(|r| r.map(Raw::into_document)).collect();
    let ids: Vec<String> =
        results.iter().map(|r| r.as_ref().map_or_else(|e| e.input.clone(), |d| d.id.clone())).collect();
    assert_eq!(ids, vec!["a", "b_sub/inner", "c", missing.as_str()]);
    assert!(matches!(results[3], Err(ReadError { kind: ReadErrorKind::Io(_), .. })));
    assert_eq!(results[1].as_ref().unwrap().text, "Second one.");
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_to_one_file_read_each_file_once() {
    let dir = scratch("symlinks");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "First one.").unwrap();
    std::fs::write(dir.join("sub/b.txt"), "Second one.").unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("a.txt", dir.join("z_link.txt")).unwrap();
    let ids: Vec<String> = read_inputs(&[dir.display().to_string()])
        .map(|r| r.map_or_else(|e| e.to_string(), |d| d.id().to_string()))
        .collect();
    assert_eq!(ids, vec!["a", "sub/b"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn decomposed_unicode_is_composed_by_every_reader() {
    let nfd = "Kyi\u{308}v, Sa\u{303}o Paulo and Bogota\u{301} signed the accord.";
    let nfc = "Ky\u{EF}v, S\u{E3}o Paulo and Bogot\u{E1} signed the accord.";
    let jsonl = format!("{{\"text\": \"{nfd}\"}}\n");
    let html = format!("<html><body><article><p>{nfd}</p></article></body></html>");
    for (name, bytes) in [("a.txt", nfd.to_string()), ("a.jsonl", jsonl), ("a.html", html)] {
        let doc = one_doc(name, bytes.as_bytes());
        assert_eq!(doc.text, nfc, "{name}");
    }
    assert_eq!(one_doc("t.jsonl", br#"{"text": "x", "title": "Bogota\u0301"}"#).title.as_deref(), Some("Bogot\u{E1}"));
}

#[test]
fn json_lines_of_blank_lines_report_no_records() {
    let error = one_error("blank.jsonl", b"\n\n  \n");
    assert_eq!(error.to_string(), "blank.jsonl: no records (only blank lines)");
}

#[test]
fn encodings_line_ends_and_bom() {
    let doc =
        one_doc("crlf.txt", b"\xEF\xBB\xBFdate 2024-01-02\r\nA Title Here\r\nBody line one.\r\nBody line two.\r\n");
    assert_eq!(doc.published.as_deref(), Some("2024-01-02"));
    assert_eq!(doc.title.as_deref(), Some("A Title Here"));
    assert_eq!(doc.text, "Body line one.\n\nBody line two.");

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("Caf\u{e9} news.\nMore text.".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(one_doc("u16.txt", &utf16).text, "Caf\u{e9} news.\n\nMore text.");
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let doc = one_doc("latin.txt", b"Caf\xE9 owners met on Monday.");
    assert_eq!(doc.text, "Caf\u{FFFD} owners met on Monday.");
    assert_eq!(doc.warnings.len(), 1);
    assert!(doc.warnings[0].contains("invalid UTF-8"));
}

#[test]
fn empty_and_blank_files() {
    assert_eq!(one_error("empty.txt", b"").to_string(), "empty.txt: empty input, no text");
    assert_eq!(one_error("blank.txt", b" \n\r\n\t ").kind, ReadErrorKind::Empty);
    assert_eq!(one_error("empty.txt.gz", &gzip(b"")).kind, ReadErrorKind::Empty);
}

#[test]
fn binary_junk_is_rejected() {
    let junk: Vec<u8> = (0..10_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
    let error = one_error("junk.txt", &junk);
    assert_eq!(error.to_string(), "junk.txt: binary data, not text");
    assert_eq!(one_error("paper.txt", b"%PDF-1.7\n...").kind, ReadErrorKind::Binary { what: Some("PDF") });
}

#[test]
fn truncated_and_corrupt_gzip() {
    let text = "Some article text that is long enough to compress. ".repeat(200);
    let packed = gzip(text.as_bytes());
    let error = one_error("story.txt.gz", &packed[..packed.len() / 2]);
    assert_eq!(error.to_string(), "story.txt.gz: truncated gzip stream (file cut off)");
    let mut corrupt = packed.clone();
    corrupt[3] = 0xFF; // reserved flag bits set: invalid header
    assert!(matches!(one_error("bad.txt.gz", &corrupt).kind, ReadErrorKind::CorruptGzip(_)));
    assert_eq!(one_doc("story.txt.gz", &packed).id, "story");
    let nested = gzip(&packed);
    assert_eq!(
        one_error("twice.txt.gz", &nested).to_string(),
        "twice.txt.gz: binary data (gzip inside gzip), not text"
    );
}

#[test]
fn json_lines_file_with_a_malformed_line() {
    let dir = scratch("jsonl");
    let path = dir.join("batch.jsonl");
    std::fs::write(&path, "{\"id\": \"a\", \"text\": \"One.\"}\n{broken\n{\"id\": \"c\", \"text\": \"Three.\"}\n")
        .unwrap();
    let results: Vec<_> = read_inputs(&[path.display().to_string()]).map(|r| r.map(Raw::into_document)).collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().id, "a");
    let error = results[1].as_ref().unwrap_err();
    assert_eq!(error.input, format!("{}:2", path.display()));
    assert!(matches!(error.kind, ReadErrorKind::MalformedJson(_)));
    assert_eq!(results[2].as_ref().unwrap().id, "c");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn json_lines_sniffed_without_extension() {
    let docs = read_bytes("-", b"{\"text\": \"Sniffed.\"}\n");
    assert_eq!(docs[0].as_ref().unwrap().text, "Sniffed.");
}

#[test]
fn errors_are_one_line() {
    let error = ReadError::new("x.jsonl:3", ReadErrorKind::MalformedJson("bad\nthing".into()));
    assert_eq!(error.to_string(), "x.jsonl:3: malformed JSON: bad thing");
}

#[test]
fn documents_above_the_size_cap_are_refused_and_reading_goes_on() {
    use newsgraph_ingest::MAX_DOCUMENT_BYTES;
    let huge = vec![b'a'; MAX_DOCUMENT_BYTES + 1];
    let error = one_error("huge.txt", &huge);
    assert_eq!(error.to_string(), "huge.txt: document larger than the 64 MB limit, skipped");

    let mut lines = b"{\"text\": \"first\"}\n{\"text\": \"".to_vec();
    lines.extend_from_slice(&huge);
    lines.extend_from_slice(b"\"}\n{\"text\": \"after\"}\n");
    let results = read_bytes("big.jsonl", &lines);
    let texts: Vec<String> =
        results.iter().map(|r| r.as_ref().map_or_else(|e| e.to_string(), |d| d.text.clone())).collect();
    assert_eq!(texts, vec!["first", "big.jsonl:2: document larger than the 64 MB limit, skipped", "after"]);
}

#[test]
fn json_array_file() {
    let results =
        read_bytes("batch.json", b"[{\"id\": \"a\", \"text\": \"One.\"}, {\"id\": \"b\", \"text\": \"Two.\"}]");
    let ids: Vec<&str> = results.iter().map(|r| r.as_ref().unwrap().id.as_str()).collect();
    assert_eq!(ids, vec!["a", "b"]);
}

#[test]
fn inputs_can_move_to_a_reader_thread() {
    fn assert_send<T: Send>(_: &T) {}
    let inputs = read_inputs(&["-".to_string()]);
    assert_send(&inputs);
    // Not iterated: that would read the test's stdin.
}
