//! Sentence boundaries over the tokens of one paragraph.

use std::ops::Range;

use newsgraph_core::Token;

use crate::abbreviations::{is_sentence_starter, never_final};

/// Token index ranges of the sentences in `tokens` (all from one paragraph).
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let lines = Lines::of(text, tokens);
    while i < tokens.len() {
        let word = &text[tokens[i].start..tokens[i].end];
        let Some(strength) = terminator(word) else {
            if lines.ends_sentence(text, tokens, i) {
                out.push(start..i + 1);
                start = i + 1;
            }
            i += 1;
            continue;
        };
        if i == start + 1 && is_list_number(text, &tokens[start], &tokens[i]) {
            i += 1;
            continue;
        }
        let last = closing_run_end(text, tokens, i);
        let next = tokens.get(last + 1).map(|t| &text[t.start..t.end]);
        if next.is_some_and(|next| starts_sentence(next, strength)) {
            out.push(start..last + 1);
            start = last + 1;
        }
        i = last + 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// The line layout of one paragraph, for line breaks that end a sentence
/// without punctuation: bylines, datelines, table rows and headings that a
/// source without blank lines (one sentence or row per line, a JSON `text`
/// joined with single line breaks) puts before the next line.
struct Lines {
    /// Characters of the paragraph's longest line, indentation aside.
    longest: usize,
}

/// A line at most this long is never a hard wrap: prose is not wrapped
/// that narrow.
const NARROW_LINE: usize = 40;

/// Lowercase words a hard-wrapped line may end on mid-phrase.
const CONNECTORS: &[&str] =
    &["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "that", "with"];

impl Lines {
    fn of(text: &str, tokens: &[Token]) -> Lines {
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return Lines { longest: 0 };
        };
        let longest =
            text[first.start..last.end].split('\n').map(|line| line.trim().chars().count()).max().unwrap_or(0);
        Lines { longest }
    }

    /// Whether a line break right after token `i` ends the sentence: the
    /// next line opens like a sentence, and this line is short beside the
    /// paragraph's longest (a hard wrap fills the line) and does not stop
    /// mid-phrase.
    fn ends_sentence(&self, text: &str, tokens: &[Token], i: usize) -> bool {
        let Some(next) = tokens.get(i + 1) else {
            return false;
        };
        let end = tokens[i].end;
        if !text[end..next.start].contains('\n') {
            return false;
        }
        let line_start = text[..end].rfind('\n').map_or(tokens[0].start, |n| n + 1).max(tokens[0].start);
        let length = text[line_start..end].trim_start().chars().count();
        let short = length <= NARROW_LINE || length * 5 < self.longest * 3;
        let last = &text[tokens[i].start..end];
        let mid_phrase = matches!(last, "," | ";") || CONNECTORS.contains(&last);
        short && !mid_phrase && starts_sentence(&text[next.start..next.end], Terminator::Strong)
    }
}

/// Whether `number` and the stop glued to it open a numbered item ("3.
/// Florian Schwarthoff (Germany) 13.36", "2. Raise the limit"): the stop
/// belongs to the number, not to a sentence before it.
fn is_list_number(text: &str, number: &Token, stop: &Token) -> bool {
    let digits = &text[number.start..number.end];
    number.end == stop.start
        && &text[stop.start..stop.end] == "."
        && (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// How sure a token is to end a sentence.
#[derive(Clone, Copy, PartialEq)]
enum Terminator {
    /// ".", "!", "?", "...": ends unless a lower-case word follows.
    Strong,
    /// "U.S.", "Inc.", "p.m.": ends only before a typical sentence opener.
    Abbreviation,
    /// The fullwidth stops of Chinese and Japanese ("。", "！", "？"): those
    /// scripts have no case and no spaces to consult, so they always end.
    Fullwidth,
}

fn terminator(word: &str) -> Option<Terminator> {
    match word {
        "." | "!" | "?" | "..." | "\u{2026}" => Some(Terminator::Strong),
        _ if word.chars().all(|c| matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{FF61}')) => {
            Some(Terminator::Fullwidth)
        }
        _ if word.len() > 2 && word.ends_with('.') => {
            let bare = &word[..word.len() - 1];
            (!never_final(bare)).then_some(Terminator::Abbreviation)
        }
        _ => None,
    }
}

/// Index of the last token of the closing punctuation (quotes, brackets)
/// glued to the terminator at `i`.
fn closing_run_end(text: &str, tokens: &[Token], i: usize) -> usize {
    let mut last = i;
    while let Some(next) = tokens.get(last + 1) {
        let glued = next.start == tokens[last].end;
        let word = &text[next.start..next.end];
        let closing = matches!(
            word,
            "\u{201D}"
                | "\u{2019}"
                | ")"
                | "]"
                | "'"
                | "\""
                | "!"
                | "?"
                | "\u{300D}"
                | "\u{300F}"
                | "\u{FF09}"
                | "\u{FF01}"
                | "\u{FF1F}"
        );
        if !(glued && closing) {
            break;
        }
        last += 1;
    }
    last
}

fn starts_sentence(next: &str, strength: Terminator) -> bool {
    let Some(first) = next.chars().next() else {
        return false;
    };
    match strength {
        Terminator::Fullwidth => true,
        Terminator::Strong => {
            first.is_uppercase()
                || first.is_numeric()
                || matches!(first, '"' | '\u{201C}' | '\'' | '\u{2018}' | '(' | '[' | '-' | '\u{2014}' | '*')
        }
        Terminator::Abbreviation => {
            first.is_uppercase() && is_sentence_starter(next) || matches!(first, '"' | '\u{201C}')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;
    use newsgraph_core::Span;

    fn split(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        split_sentences(text, &tokens)
            .into_iter()
            .map(|r| text[tokens[r.start].start..tokens[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn titles_and_months_do_not_end_sentences() {
        assert_eq!(
            split("Gen. Valery Gerasimov spoke on Jan. 5 in Moscow. He left."),
            vec!["Gen. Valery Gerasimov spoke on Jan. 5 in Moscow.", "He left."]
        );
    }

    #[test]
    fn abbreviation_ends_sentence_before_opener() {
        assert_eq!(
            split("He flew to the U.S. The talks began at 2 p.m. local time."),
            vec!["He flew to the U.S.", "The talks began at 2 p.m. local time."]
        );
        assert_eq!(split("The U.S. Congress might vote."), vec!["The U.S. Congress might vote."]);
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("\"We are open,\" Ryabkov said. \"However, no.\" He left."),
            vec!["\"We are open,\" Ryabkov said.", "\"However, no.\"", "He left."]
        );
        assert_eq!(split("\u{201C}Why?\u{201D} he asked."), vec!["\u{201C}Why?\u{201D} he asked."]);
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(split("Donald J. Trump spoke."), vec!["Donald J. Trump spoke."]);
    }

    #[test]
    fn fullwidth_stops_end_chinese_and_japanese_sentences() {
        assert_eq!(split("\u{4E2D}\u{56FD}\u{53D1}\u{5C55}\u{3002}\u{7F8E}\u{56FD}\u{56DE}\u{5E94}\u{FF01}\u{771F}\u{7684}\u{FF1F}\u{662F}"), vec![
            "\u{4E2D}\u{56FD}\u{53D1}\u{5C55}\u{3002}",
            "\u{7F8E}\u{56FD}\u{56DE}\u{5E94}\u{FF01}",
            "\u{771F}\u{7684}\u{FF1F}",
            "\u{662F}"
        ]);
        assert_eq!(
            split("\u{300C}\u{597D}\u{3002}\u{300D}\u{4ED6}\u{8BF4}\u{3002}"),
            vec!["\u{300C}\u{597D}\u{3002}\u{300D}", "\u{4ED6}\u{8BF4}\u{3002}"]
        );
    }

    #[test]
    fn short_lines_without_stops_end_before_a_capital() {
        let text = "Glenn Somerville\nWASHINGTON 1996-08-30\nFactory orders rose in July after a fall in June, the Commerce Department said.";
        assert_eq!(
            split(text),
            vec![
                "Glenn Somerville",
                "WASHINGTON 1996-08-30",
                "Factory orders rose in July after a fall in June, the Commerce Department said."
            ]
        );
        assert_eq!(split("CLEVELAND 80 53 -\nMILWAUKEE 64 71 17"), vec!["CLEVELAND 80 53 -", "MILWAUKEE 64 71 17"]);
    }

    #[test]
    fn numbered_items_keep_their_number() {
        assert_eq!(
            split("2. Colin Jackson (Britain) 13.35\n3. Florian Schwarthoff (Germany) 13.36"),
            vec!["2. Colin Jackson (Britain) 13.35", "3. Florian Schwarthoff (Germany) 13.36"]
        );
        assert_eq!(split("He won in 2008. Then he lost."), vec!["He won in 2008.", "Then he lost."]);
    }

    #[test]
    fn hard_wrapped_lines_stay_one_sentence() {
        let text = "The ministry said on Friday that the talks with officials of\nPresident Donald Trump's team had ended, and that\nUkraine would send a new delegation to Geneva next week.";
        assert_eq!(split(text), vec![text]);
        assert_eq!(split("The talks ended\nwithout a deal."), vec!["The talks ended\nwithout a deal."]);
    }

    #[test]
    fn missing_space_after_quote() {
        assert_eq!(split("in any form.\"Russia Seeks Peace"), vec!["in any form.\"", "Russia Seeks Peace"]);
    }
}
