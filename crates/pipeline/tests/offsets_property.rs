//! Property test: on random Unicode text (emoji, combining marks, CJK,
//! quotes, abbreviations, names), every token and sentence is a non-empty,
//! ordered, char-aligned span, and the document written after all stages
//! keeps `text[start:end] == span.text` in code points for every span.

mod common;

use newsgraph_core::rng::XorShift;
use newsgraph_core::Document;
use newsgraph_pipeline::{Pipeline, PipelineOptions};

const PIECES: &[&str] = &[
    "Kyiv",
    "U.S.",
    "Gen.",
    "said",
    "\u{201C}",
    "\u{201D}",
    "\"",
    "'s",
    "n't",
    ".",
    "!",
    "?",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\u{1F600}",
    "\u{1F1FA}\u{1F1E6}",
    "e\u{0301}",
    "\u{0915}\u{094D}\u{0937}",
    "\u{4E2D}\u{6587}",
    "\u{0417}\u{0435}\u{043B}\u{0435}\u{043D}\u{0441}\u{043A}\u{0438}\u{0439}",
    "3.5",
    "1,000",
    "-",
    "\u{2014}",
    "\u{2026}",
    "(",
    ")",
    "\u{FEFF}",
    "\t",
    "\u{00A0}",
    "A",
    "z",
    "\u{0301}",
    "\u{200D}",
    "'",
    "Zelensky",
    "Putin",
    "Moscow",
    "President",
    "January 3",
    "last week",
    "will meet",
    "captured",
    "Peskov said",
    "according to",
    "\u{00C9}mile Zola",
    "\u{00FC}ber",
    "in Kharkiv",
    "NATO",
    "2025",
    "told",
    "denied",
];

fn random_text(rng: &mut XorShift) -> String {
    let len = rng.below(60);
    (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

#[test]
fn spans_are_char_aligned_and_survive_output_conversion() {
    let pipeline = Pipeline::load(&PipelineOptions::default()).expect("stages load");
    let mut rng = XorShift::new(0x9E37_79B9_7F4A_7C15);
    for round in 0..2000 {
        let text = random_text(&mut rng);
        let mut doc = Document::new("p", "p", text.clone());
        doc.anchor_date = (round % 2 == 0).then(|| "2024-02-29".to_string());
        pipeline.annotate(&mut doc);
        common::check_spans(doc).unwrap_or_else(|e| panic!("{e} in {text:?}"));
    }
}
