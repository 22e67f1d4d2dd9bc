//! Transcript and headline attributions: a paragraph that opens with a
//! speaker and a colon ("PENCE: Well, look, ...", "Poll: Wealthy Voters
//! Abandon ..."). The content runs to the end of the paragraph. Also
//! block quotations: a paragraph that is only a frame ending in a colon
//! ("Limbaugh added:") followed by a paragraph without quotation marks.

use newsgraph_core::{Document, QuoteKind};

use crate::found::Found;
use crate::grammar::Grammar;
use crate::lexicon::Form;

/// Labels that open a paragraph with a colon without naming a speaker.
const NOT_SPEAKERS: [&str; 20] = [
    "latest",
    "clarification",
    "update",
    "note",
    "editor",
    "photo",
    "video",
    "watch",
    "read",
    "related",
    "warning",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "transcript",
    "q",
    "a",
    "correction",
    "listen",
];

/// Most tokens of a speaker label.
const MAX_LABEL: usize = 3;

pub fn colon_lines(grammar: &Grammar, doc: &Document, claimed: &[bool]) -> Vec<Found> {
    let w = grammar.words;
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let mut start = sentence.first_token;
        // A transcript paragraph may sit inside quotation marks ("\"WALLACE: ...").
        if w.is_quote_mark(start) {
            start += 1;
        }
        if start + 1 >= sentence.end_token {
            continue;
        }
        let first = sentence.first_token;
        let opens_paragraph = first == 0 || doc.text[w.tokens[first - 1].end..w.tokens[first].start].contains('\n');
        if !opens_paragraph {
            continue;
        }
        let stop = sentence.end_token.min(start + MAX_LABEL + 1);
        let Some(colon) = (start + 1..stop).find(|&j| w.raw(j) == ":") else { continue };
        let label = w.lower(start);
        let label = if label == "the" && colon > start + 1 { w.lower(start + 1) } else { label };
        if claimed[colon] || NOT_SPEAKERS.contains(&label) {
            continue;
        }
        let Some(speaker) = grammar.phrase_at(start, colon).filter(|np| np.1 == colon) else { continue };
        let line_end = doc.text[w.tokens[colon].end..].find('\n').map_or(doc.text.len(), |n| w.tokens[colon].end + n);
        let last = w.token_at(line_end);
        let end = grammar.trim_end(colon + 1, last);
        if end <= colon + 2 {
            continue;
        }
        let content = w.span(colon + 1, end);
        let kind = if w.is_quote_mark(colon + 1) { QuoteKind::Direct } else { QuoteKind::Indirect };
        out.push(Found { content, kind, cue: (colon, colon + 1), speaker: Some(speaker) });
    }
    out
}

/// "Limbaugh added:\n\nAnd from a supposed front-runner ...": a paragraph
/// that is only a subject, a reporting verb and a colon introduces the
/// next paragraph as a block quotation (pages drop the marks of
/// `<blockquote>`). Quoted paragraphs are left to direct speech.
pub fn block_quotes(grammar: &Grammar, doc: &Document, claimed: &[bool]) -> Vec<Found> {
    let w = grammar.words;
    let breaks_line =
        |j: usize| j == 0 || j >= w.len() || doc.text[w.tokens[j - 1].end..w.tokens[j].start].contains('\n');
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let (first, end) = (sentence.first_token, sentence.end_token);
        if end < first + 3 || w.raw(end - 1) != ":" || !breaks_line(first) || !breaks_line(end) || end >= w.len() {
            continue;
        }
        let cue = end - 2;
        let finite = grammar.lexicon.verb(w.lower(cue)).is_some_and(|(_, form)| form == Form::Finite);
        let Some(speaker) = grammar.subject_before(cue, first).filter(|s| s.0 == first && finite && !claimed[cue])
        else {
            continue;
        };
        if w.is_quote_mark(end) {
            continue;
        }
        let line_end = doc.text[w.tokens[end].start..].find('\n').map_or(doc.text.len(), |n| w.tokens[end].start + n);
        let last = grammar.trim_end(end, w.token_at(line_end));
        if last > end + 1 {
            out.push(Found {
                content: w.span(end, last),
                kind: QuoteKind::Direct,
                cue: (cue, cue + 1),
                speaker: Some(speaker),
            });
        }
    }
    out
}
