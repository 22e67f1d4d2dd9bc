//! Fuzz of the whole pipeline (proptest, a few hundred cases so the normal
//! test run stays fast): arbitrary Unicode text, mutated real article text,
//! and arbitrary bytes through every reader. Nothing may panic and every
//! span of the output must stay valid (`check_output_offsets`).

mod common;

use std::sync::OnceLock;

use newsgraph_core::{shared, Document};
use newsgraph_pipeline::{Pipeline, PipelineOptions};
use proptest::prelude::*;
use proptest::sample::Index;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::load(&PipelineOptions::default()).expect("stages load"))
}

fn annotate_and_check(mut doc: Document) {
    let text = doc.text.clone();
    pipeline().annotate(&mut doc);
    if let Err(error) = common::check_spans(doc) {
        panic!("{error} in {text:?}");
    }
}

/// Article text to mutate: the seeds when `../shared` is there, else one
/// built-in paragraph.
fn articles() -> &'static [String] {
    static ARTICLES: OnceLock<Vec<String>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        let seeds = shared::shared_path("seeds").and_then(|dir| std::fs::read_dir(dir).ok());
        let mut texts: Vec<String> = seeds.into_iter().flatten().filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect();
        texts.push(
            "President Volodymyr Zelensky said on Monday in Kyiv that \u{201C}we will not give up,\u{201D} after Russian forces \
             captured Kupiansk last week, according to Ukraine's General Staff.\n\nThe claim could not be verified."
                .to_string(),
        );
        texts
    })
}

/// Pieces spliced into real text: marks, scripts and punctuation that have
/// broken offset arithmetic before.
const SPLICES: &[&str] = &[
    "\u{0301}",
    "\u{200D}",
    "\u{1F600}",
    "\u{4E2D}\u{3002}",
    "\u{FEFF}",
    "\r\n",
    "\n\n",
    "\u{201C}",
    ".",
    " U.S. ",
    "\u{00A0}",
    "'s",
];

/// Applies char-boundary edits to `text`: delete a run, splice a piece in,
/// duplicate a run, or cut the rest off.
fn mutate(text: &str, edits: &[(Index, u8, u8)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, op, size) in edits {
        let i = if chars.is_empty() { 0 } else { at.index(chars.len()) };
        let end = (i + usize::from(*size)).min(chars.len());
        match op % 4 {
            0 => drop(chars.drain(i..end)),
            1 => {
                let piece = SPLICES[usize::from(*size) % SPLICES.len()];
                chars.splice(i..i, piece.chars());
            }
            2 => {
                let run: Vec<char> = chars[i..end].to_vec();
                chars.splice(i..i, run);
            }
            _ => chars.truncate(i),
        }
    }
    chars.into_iter().collect()
}

fn fuzz_config() -> ProptestConfig {
    ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(fuzz_config())]

    #[test]
    fn arbitrary_text(text in any::<String>(), dated in any::<bool>()) {
        let mut doc = Document::new("f", "f", text);
        doc.anchor_date = dated.then(|| "2024-02-29".to_string());
        annotate_and_check(doc);
    }

    #[test]
    fn mutated_article_text(which in any::<Index>(), edits in prop::collection::vec((any::<Index>(), any::<u8>(), any::<u8>()), 1..10)) {
        let text = mutate(which.get::<String>(articles()), &edits);
        annotate_and_check(Document::new("m", "m", text));
    }

    #[test]
    fn arbitrary_bytes_through_every_reader(bytes in prop::collection::vec(any::<u8>(), 0..1024), reader in 0usize..5) {
        let name = ["x.txt", "x.html", "x.jsonl", "x.warc", "x"][reader];
        for doc in newsgraph_ingest::read_bytes(name, &bytes).into_iter().flatten() {
            annotate_and_check(doc);
        }
    }
}
