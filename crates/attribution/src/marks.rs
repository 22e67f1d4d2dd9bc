//! Pairs quotation marks into quoted stretches, line by line (a quotation
//! never closes across a paragraph; a quote that runs over several paragraphs
//! reopens at the start of each one and stays open at the end of each).

use newsgraph_core::Span;

/// One stretch of text between quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark, or None when the paragraph ended first.
    pub close: Option<usize>,
    /// The text inside the marks, whitespace trimmed.
    pub inner: Span,
    /// A short quoted fragment inside a clause (`the "buffer zone"`), not a
    /// statement on its own.
    pub embedded: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Straight,
    Curly,
    Guillemet,
}

enum Mark {
    Open(Family),
    Close(Family),
    Toggle,
}

fn mark(c: char) -> Option<Mark> {
    match c {
        '"' => Some(Mark::Toggle),
        '\u{201C}' | '\u{201E}' => Some(Mark::Open(Family::Curly)),
        '\u{201D}' => Some(Mark::Close(Family::Curly)),
        '\u{00AB}' => Some(Mark::Open(Family::Guillemet)),
        '\u{00BB}' => Some(Mark::Close(Family::Guillemet)),
        _ => None,
    }
}

/// All quoted stretches of `text`, in order.
pub fn find_quoted(text: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        scan_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len() + 1;
    }
    out
}

fn scan_line(text: &str, start: usize, end: usize, out: &mut Vec<Quoted>) {
    let mut open: Option<(usize, Family)> = None;
    let mut skip_next = false;
    let mut nested = false;
    for (offset, c) in text[start..end].char_indices() {
        let at = start + offset;
        if std::mem::take(&mut skip_next) {
            continue;
        }
        // Two apostrophes stand for a straight double quote in some archives.
        let doubled = c == '\'' && text[at + 1..end].starts_with('\'');
        skip_next = doubled;
        let Some(kind) = (if doubled { Some(Mark::Toggle) } else { mark(c) }) else { continue };
        match (kind, open) {
            (Mark::Toggle, None) => open = Some((at, Family::Straight)),
            (Mark::Toggle, Some((from, Family::Straight))) => {
                out.push(build(text, from, Some(at)));
                open = None;
            }
            (Mark::Open(family), None) => open = Some((at, family)),
            // A closing mark where a quotation can only open (line start or
            // after a space, nothing open) is used as an opening one.
            (Mark::Close(family), None) if opens_here(text, start, at) => open = Some((at, family)),
            // A second opening mark of the same kind: the first one was never closed.
            (Mark::Open(family), Some((from, current))) if family == current => {
                out.push(build(text, from, None));
                open = Some((at, family));
            }
            (Mark::Close(family), Some((from, current))) if family == current => {
                out.push(build(text, from, Some(at)));
                open = None;
                nested = false;
            }
            // Marks of another family inside a quotation open a nested quote,
            // unless one closes the quotation where nothing was nested (a
            // typo mixing curly and straight marks).
            (Mark::Open(_), Some(_)) => nested = true,
            (Mark::Toggle, Some(_)) if !nested && closes_here(text, at + 1, end) => {
                out.push(build(text, open.map_or(at, |o| o.0), Some(at)));
                open = None;
            }
            (Mark::Close(_), Some((from, _))) if !nested => {
                out.push(build(text, from, Some(at)));
                open = None;
            }
            (Mark::Toggle | Mark::Close(_), Some(_)) => nested = !nested,
            _ => {}
        }
    }
    if let Some((from, _)) = open {
        out.push(build(text, from, None));
    }
}

/// Whether a mark followed by the text at `after` sits where a quotation
/// closes (before a space, punctuation or the line end).
fn closes_here(text: &str, after: usize, end: usize) -> bool {
    text[after..end].chars().next().is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation())
}

/// Whether a mark at `at` stands where a quotation opens: at the line
/// start or after whitespace, with a letter or digit right after it.
fn opens_here(text: &str, line_start: usize, at: usize) -> bool {
    let before_ok = at == line_start || text[..at].ends_with(char::is_whitespace);
    let after_ok = text[at..].chars().nth(1).is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}

/// Length in bytes of the quotation mark at `at`.
pub fn mark_len(text: &str, at: usize) -> usize {
    if text[at..].starts_with("''") {
        return 2;
    }
    text[at..].chars().next().map_or(1, char::len_utf8)
}

fn build(text: &str, open: usize, close: Option<usize>) -> Quoted {
    let inner_start = open + mark_len(text, open);
    let inner_end = close.unwrap_or_else(|| text[inner_start..].find('\n').map_or(text.len(), |n| inner_start + n));
    let inner = trim(text, Span::new(inner_start, inner_end));
    let embedded = is_embedded(text, open, close, inner);
    Quoted { open, close, inner, embedded }
}

fn trim(text: &str, span: Span) -> Span {
    let slice = &text[span.start..span.end];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.start + slice.trim_end().len();
    Span::new(start, end.max(start))
}

/// A quotation is a fragment of a clause when it continues a sentence (a
/// word or a preposition right before it) and is short or starts in lower
/// case, or when a word is glued right after its closing mark.
fn is_embedded(text: &str, open: usize, close: Option<usize>, inner: Span) -> bool {
    let content = &text[inner.start..inner.end];
    let words = content.split_whitespace().count();
    let before = text[..open].trim_end_matches([' ', '\t']).chars().next_back();
    let after_close = close.and_then(|c| text[c + mark_len(text, c)..].chars().next());
    let starts_lower = content.chars().next().is_some_and(|c| c.is_lowercase());
    let continues_clause = before.is_some_and(|c| c.is_alphanumeric() || c == '(');
    let glued_after = after_close.is_some_and(|c| c.is_alphanumeric());
    let ends_sentence = content.ends_with(['.', '!', '?', ',']) || content.ends_with("...");
    if continues_clause && (starts_lower || words < 4 || (!ends_sentence && words < 8)) {
        return true;
    }
    glued_after || (words <= 3 && !ends_sentence && before.is_some_and(|c| c != ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<(&str, bool)> {
        find_quoted(text).iter().map(|q| (&text[q.inner.start..q.inner.end], q.embedded)).collect()
    }

    #[test]
    fn straight_and_curly_marks_pair() {
        let text = "\"We are open,\" Ryabkov said. \u{201C}However, no.\u{201D}";
        assert_eq!(inner(text), vec![("We are open,", false), ("However, no.", false)]);
    }

    #[test]
    fn fragments_inside_clauses_are_embedded() {
        let text = "Moscow calls it a \"buffer zone\" near the border, ready to meet \"in any form.\"";
        assert_eq!(inner(text), vec![("buffer zone", true), ("in any form.", true)]);
    }

    #[test]
    fn colon_introduced_quote_is_a_statement() {
        let text = "his answer was blunt: \"No, no, and again no.\"";
        assert_eq!(inner(text), vec![("No, no, and again no.", false)]);
    }

    #[test]
    fn quote_left_open_at_paragraph_end_runs_to_it() {
        let text = "\u{201C}First paragraph of it.\n\n\u{201C}Second one,\u{201D} he said.";
        let found = find_quoted(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].close, None);
        assert_eq!(&text[found[0].inner.start..found[0].inner.end], "First paragraph of it.");
        assert!(found[1].close.is_some());
    }

    #[test]
    fn doubled_apostrophes_are_quotation_marks() {
        let text = "''It's anti-reform,'' said Mr. Burman.";
        assert_eq!(inner(text), vec![("It's anti-reform,", false)]);
    }

    #[test]
    fn curly_opening_closed_by_straight_mark() {
        let text = "\u{201C}Immunity deals should not be required,\" said Jason Chaffetz.";
        assert_eq!(inner(text), vec![("Immunity deals should not be required,", false)]);
    }

    #[test]
    fn closing_mark_at_line_start_opens() {
        let text = "\u{201D}Fear. I am truly afraid.\u{201D} \u{2015} Jorge Falcon";
        assert_eq!(inner(text), vec![("Fear. I am truly afraid.", false)]);
    }

    #[test]
    fn nested_marks_of_another_family_stay_inside() {
        let text = "\"I read: \u{201C}Do you think so?\u{201D} Forty-three, yes.\" he said";
        assert_eq!(inner(text).len(), 1);
    }
}
