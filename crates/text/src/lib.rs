//! newsgraph-text: the first stage. Splits the body into sentences, the
//! sentences into PTB-style tokens, and detects the document's language.
//!
//! Sentences never cross a paragraph break (a blank line) and never include
//! a section heading recorded by the reader in `Document::headings`. A
//! single line break ends a sentence after a short line without a stop
//! (bylines, datelines, table rows, subheadings), not after a hard wrap.

mod abbreviations;
mod language;
mod sentences;
mod tokens;

use newsgraph_core::{Document, Layer, Sentence, Span, Stage, StageName};

pub use language::detect_language;
pub use sentences::split_sentences;
pub use tokens::tokenize;

/// The `text` stage: language, sentences and tokens.
#[derive(Debug, Default)]
pub struct TextStage;

impl TextStage {
    pub fn new() -> Self {
        TextStage
    }
}

impl Stage for TextStage {
    fn name(&self) -> StageName {
        StageName::Text
    }

    fn needs(&self) -> &'static [Layer] {
        &[]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn annotate(&self, doc: &mut Document) {
        doc.language = detect_language(&doc.text).to_string();
        doc.tokens.clear();
        doc.sentences.clear();
        for segment in segments(&doc.text, &doc.headings) {
            let first = doc.tokens.len();
            tokenize(&doc.text, segment, &mut doc.tokens);
            for range in split_sentences(&doc.text, &doc.tokens[first..]) {
                let (first_token, end_token) = (first + range.start, first + range.end);
                doc.sentences.push(Sentence {
                    start: doc.tokens[first_token].start,
                    end: doc.tokens[end_token - 1].end,
                    first_token,
                    end_token,
                });
            }
        }
    }

    fn english_only(&self) -> bool {
        false
    }
}

/// Paragraphs of `text` (separated by blank lines), minus heading spans.
fn segments(text: &str, headings: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for paragraph in paragraphs(text) {
        let mut start = paragraph.start;
        let mut inside: Vec<&Span> = headings.iter().filter(|h| paragraph.overlaps(**h)).collect();
        inside.sort();
        for heading in inside {
            if heading.start > start {
                out.push(Span::new(start, heading.start));
            }
            start = start.max(heading.end);
        }
        if start < paragraph.end {
            out.push(Span::new(start, paragraph.end));
        }
    }
    out
}

/// Byte spans of the blank-line separated paragraphs of `text`.
fn paragraphs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                out.push(Span::new(start, i));
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push(Span::new(start, bytes.len()));
    out.retain(|p| !text[p.start..p.end].trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences_of(text: &str, headings: Vec<Span>) -> Vec<String> {
        let mut doc = Document::new("t", "t", text);
        doc.headings = headings;
        TextStage::new().annotate(&mut doc);
        doc.sentences.iter().map(|s| text[s.start..s.end].to_string()).collect()
    }

    #[test]
    fn blank_lines_are_hard_boundaries() {
        let got = sentences_of("The talks ended\n\nwithout a deal.", vec![]);
        assert_eq!(got, vec!["The talks ended", "without a deal."]);
    }

    #[test]
    fn single_line_breaks_between_paragraphs_end_unpunctuated_lines() {
        // Paragraphs joined by one line break, as extractors such as
        // trafilatura write them, with a subheading between two of them.
        let text = "Russian forces struck Kharkiv overnight, regional officials said on Sunday.\n\
                    Battlefield Developments\n\
                    Russia's Defense Ministry claimed its troops had captured the village of Kindrashivka.";
        let got = sentences_of(text, vec![]);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1], "Battlefield Developments");
    }

    #[test]
    fn headings_are_kept_out_of_sentences() {
        let text = "Battlefield Developments\n\nRussia claimed it captured Kupiansk.";
        let got = sentences_of(text, vec![Span::new(0, 24)]);
        assert_eq!(got, vec!["Russia claimed it captured Kupiansk."]);
    }

    #[test]
    fn detects_english_and_sets_tokens() {
        let mut doc = Document::new("t", "t", "Spokesman Dmitry Peskov said Russia seeks long-term peace.");
        TextStage::new().annotate(&mut doc);
        assert_eq!(doc.language, "en");
        assert_eq!(doc.sentence_tokens(0).len(), 9);
    }
}
