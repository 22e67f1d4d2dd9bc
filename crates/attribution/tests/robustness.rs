//! The stage must never panic and must keep every span on the text, whatever
//! the input: unbalanced or odd quotation marks, lone punctuation, line
//! endings, non-ASCII text, and every mix of the words the grammar reacts to.

use newsgraph_attribution::AttributionStage;
use newsgraph_core::{Document, Stage};

fn annotate(stage: &AttributionStage, text: &str) -> Document {
    let mut doc = Document::new("t", "t", text);
    newsgraph_text::TextStage::new().annotate(&mut doc);
    stage.annotate(&mut doc);
    doc
}

fn assert_spans_hold(doc: &Document) {
    for q in &doc.quotes {
        assert!(q.start <= q.end && q.end <= doc.text.len(), "{q:?}");
        assert_eq!(doc.text.get(q.start..q.end), Some(q.text.as_str()));
        let cue = q.cue_span.expect("every quote has a cue span");
        assert_eq!(cue.slice(&doc.text), q.cue);
        assert!(!q.cue.is_empty());
        if let Some(span) = q.speaker_span {
            assert_eq!(Some(span.slice(&doc.text)), q.speaker_text.as_deref());
        }
    }
}

#[test]
fn odd_inputs() {
    let stage = AttributionStage::load().unwrap();
    for text in [
        "",
        "\"",
        "\u{201C}",
        "''",
        "'",
        ":",
        "said",
        "\"\" he said.",
        "\u{201D}closing first\u{201C} then open",
        "He said:",
        "according to",
        "According to,",
        "\"Unclosed quote, he said.\r\n\r\nNext paragraph \u{201C}",
        "PENCE:",
        "\"PENCE:\"",
        "Zelensky said that",
        ", said Ryabkov",
        "Трамп заявил, что «переговоры» продолжатся. «Да», — сказал он.",
        "\u{201C}No,\u{201D} \u{2015}",
        "Sen. X (R-Ga.) said",
        "what it claimed, without",
        "As he said,",
    ] {
        let doc = annotate(&stage, text);
        assert_spans_hold(&doc);
    }
}

/// Every sequence of up to four pieces from a set of tricky tokens.
#[test]
fn combinations_of_tricky_pieces() {
    let stage = AttributionStage::load().unwrap();
    let pieces = [
        "\"",
        "\u{201C}",
        "\u{201D}",
        "''",
        ",",
        ":",
        ".",
        "said",
        "he",
        "Ryabkov",
        "that",
        "according to",
        "the spokesman",
        "adding",
        "\n\n",
        "(",
        ")",
        "who",
        "\u{2015}",
        "what",
    ];
    let n = pieces.len();
    for a in 0..n {
        for b in 0..n {
            for c in 0..n {
                for d in [0, 7, 8, 12] {
                    let text = format!(
                        "{} {} {} {} We will win {}",
                        pieces[a],
                        pieces[b],
                        pieces[c],
                        pieces[d],
                        pieces[(a + b) % n]
                    );
                    assert_spans_hold(&annotate(&stage, &text));
                }
            }
        }
    }
}

/// A long unpunctuated run full of cues must not take quadratic time; this
/// is a smoke check (no timing assertion), the benchmark measures speed.
#[test]
fn long_sentence_without_punctuation() {
    let stage = AttributionStage::load().unwrap();
    for unit in [
        "officials said that the minister told reporters he said Russia claims it wants peace ",
        "peace is near, officials said, the minister told reporters, adding that ",
        "\"we will win, he said, \" ",
    ] {
        let doc = annotate(&stage, &unit.repeat(2000));
        assert_spans_hold(&doc);
    }
}
