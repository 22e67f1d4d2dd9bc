//! Random and hostile inputs: every reader must return documents or typed
//! errors, never panic, and every document must keep the layout invariants
//! (heading spans on character boundaries inside the text, paragraphs
//! separated by exactly one blank line, no surrounding whitespace). The
//! proptest fuzz feeds every reader arbitrary bytes and mutated real
//! documents (a few hundred cases each, so the normal test run stays fast).

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use newsgraph_core::Document;
use newsgraph_ingest::read_bytes;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: [&str; 46] = [
    "<p>",
    "</p>",
    "<div class='share'>",
    "</div>",
    "<h2>",
    "</h2>",
    "<br>",
    "<a href='x'>",
    "</a>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<article>",
    "</article>",
    "&amp;",
    "&#x1F600;",
    "&#99999999",
    "&nbsp;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "\r\n",
    "\n\n",
    "\n",
    " ",
    "\u{e9}",
    "\u{200B}",
    "**Heading**",
    "By Jane Doe",
    "date 2025-01-02 ",
    "Short Title Line",
    "The minister said it was over.",
    "{\"text\": ",
    "}",
    "WARC/1.0\r\n",
    "Content-Length: 5\r\n",
    "\u{FEFF}",
    "2025-12-3",
    "Date: ",
    "\u{1F600}",
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
    "Content-Length: 80\r\n\r\n",
    "WARC-Type: response\r\n",
];

fn random_input(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.below(60) {
        if rng.below(10) == 0 {
            out.push(rng.next() as u8);
        } else {
            out.extend_from_slice(PIECES[rng.below(PIECES.len())].as_bytes());
        }
    }
    out
}

/// The `text` values of the JSON records in `bytes` (one per line, or one
/// object or array): readers keep those exactly, surrounding spaces
/// included, so that offsets point into the user's own text.
fn record_texts(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut values: Vec<Value> = text.lines().filter_map(|line| serde_json::from_str(line).ok()).collect();
    values.extend(serde_json::from_str::<Value>(&text).ok());
    values
        .iter()
        .flat_map(|value| match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        })
        .filter_map(|record| record.get("text")?.as_str().map(str::to_string))
        .collect()
}

/// `given`: texts the input gave as they are (see `record_texts`).
fn check(doc: &Document, given: &[String]) {
    assert!(!doc.text.trim().is_empty(), "a document without text");
    if !given.contains(&doc.text) {
        assert_eq!(doc.text.trim(), doc.text, "untrimmed text {:?}", doc.text);
    }
    assert!(!doc.text.contains("\n\n\n"), "{:?}", doc.text);
    for heading in &doc.headings {
        assert!(heading.start < heading.end && heading.end <= doc.text.len(), "{heading:?} in {:?}", doc.text);
        assert!(doc.text.is_char_boundary(heading.start) && doc.text.is_char_boundary(heading.end));
    }
}

#[test]
fn random_inputs_never_panic_and_keep_invariants() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let names = ["x.html", "x.txt", "x.jsonl", "x.warc", "x.json", "x"];
    let (mut docs, mut errors) = (0, 0);
    for _ in 0..3000 {
        let input = random_input(&mut rng);
        let given = record_texts(&input);
        for name in names {
            for result in read_bytes(name, &input) {
                match result {
                    Ok(doc) => {
                        check(&doc, &given);
                        docs += 1;
                    }
                    Err(error) => {
                        assert!(!error.to_string().contains('\n'));
                        errors += 1;
                    }
                }
            }
        }
    }
    // Both outcomes must actually have been exercised.
    assert!(docs > 1000 && errors > 1000, "docs {docs}, errors {errors}");
}

#[test]
fn pathological_nesting_and_long_lines() {
    let deep = "<div>".repeat(100_000) + "text of the story" + &"</div>".repeat(100_000);
    let doc = read_bytes("deep.html", deep.as_bytes()).remove(0).unwrap();
    assert_eq!(doc.text, "text of the story");
    let unclosed = "<p>".repeat(50_000) + "tail text";
    assert!(read_bytes("open.html", unclosed.as_bytes()).remove(0).is_ok());
    let long_line = "word ".repeat(200_000);
    check(&read_bytes("long.txt", long_line.as_bytes()).remove(0).unwrap(), &[]);
}

#[test]
fn a_record_text_keeps_its_spaces_and_a_page_text_loses_them() {
    let line = br#"{"id": 1, "text": " talks failed.", "title": "Talks"}"#;
    let doc = read_bytes("x.jsonl", line).remove(0).unwrap();
    assert_eq!(doc.text, " talks failed.");
    check(&doc, &record_texts(line));
    let page = read_bytes("x.html", b"<p>  talks failed.  </p>").remove(0).unwrap();
    assert_eq!(page.text, "talks failed.");
}

#[test]
fn a_text_of_only_header_lines_is_an_error_not_an_empty_document() {
    for only_header in ["date 2025-01-02 ", "\ndate 2025-01-02\n\n"] {
        let error = read_bytes("x.txt", only_header.as_bytes()).remove(0).unwrap_err();
        assert_eq!(error.to_string(), "x.txt: no article text, only title, byline or date lines");
    }
}

/// File names that send bytes to each reader.
const READER_NAMES: [&str; 7] = ["x.txt", "x.html", "x.jsonl", "x.json", "x.warc", "x.txt.gz", "x"];

/// Reads `bytes` as every kind of input: each result must be a document
/// keeping the invariants or a one-line error. `given`: as for `check`.
fn read_as_everything(bytes: &[u8], given: &[String]) {
    for name in READER_NAMES {
        for result in read_bytes(name, bytes) {
            match result {
                Ok(doc) => check(&doc, given),
                Err(error) => assert!(!error.to_string().contains('\n'), "{error:?}"),
            }
        }
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

/// Real documents of every format, to be mutated.
fn real_documents() -> Vec<Vec<u8>> {
    let article = include_bytes!("fixtures/news_article.html").to_vec();
    let seed = b"date 2025-12-31 The Chief of the General Staff, General Valery Gerasimov, stated today that President Vladimir Putin ordered the expansion of a \"buffer zone\".\n\nAdvancement in Eastern Ukraine\n\nGerasimov announced that Russian forces are making progress.\n".to_vec();
    let jsonl = b"{\"id\": 1, \"text\": \"Kyiv said on Monday that talks failed.\", \"title\": \"Talks\"}\n{\"text\": \"Second story.\", \"published\": \"2024-02-29\"}\n".to_vec();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    http.extend_from_slice(&article);
    let mut warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:a>\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    warc.extend_from_slice(&http);
    warc.extend_from_slice(b"\r\n\r\n");
    let gzipped = gzip(&seed);
    vec![article, seed, jsonl, warc, gzipped]
}

/// One edit of a byte string: flip a byte, insert one, delete a run,
/// duplicate a run, or cut the rest off.
fn mutate(mut bytes: Vec<u8>, edits: &[(Index, u8, u8)]) -> Vec<u8> {
    for (at, op, byte) in edits {
        if bytes.is_empty() {
            bytes.push(*byte);
            continue;
        }
        let i = at.index(bytes.len());
        match op % 5 {
            0 => bytes[i] ^= byte | 1,
            1 => bytes.insert(i, *byte),
            2 => drop(bytes.drain(i..(i + usize::from(*byte % 32)).min(bytes.len()))),
            3 => {
                let run: Vec<u8> = bytes[i..(i + usize::from(*byte)).min(bytes.len())].to_vec();
                bytes.splice(i..i, run);
            }
            _ => bytes.truncate(i),
        }
    }
    bytes
}

fn fuzz_config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(fuzz_config())]

    #[test]
    fn every_reader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        read_as_everything(&bytes, &record_texts(&bytes));
    }

    #[test]
    fn every_reader_survives_mutated_real_documents(
        which in any::<Index>(),
        edits in prop::collection::vec((any::<Index>(), any::<u8>(), any::<u8>()), 1..12),
    ) {
        let documents = real_documents();
        let mutated = mutate(which.get(&documents).clone(), &edits);
        let given = record_texts(&mutated);
        read_as_everything(&mutated, &given);
        read_as_everything(&gzip(&mutated), &given);
    }
}
