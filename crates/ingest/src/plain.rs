//! Plain-text articles in the seed style: an optional `date YYYY-MM-DD`
//! prefix (on its own line or in front of the first body line), an optional
//! title line, markdown-ish or short section headings, and an optional
//! byline as the last line.

use crate::dates::{iso_prefix, normalize_date};
use crate::layout::{byline_names, ends_paragraph, is_heading_like, is_title_like, markup_heading, Article, Body};

/// One paragraph before it is classified.
#[derive(Debug)]
struct Paragraph {
    text: String,
    lines: usize,
    /// Written as `**Heading**` / `# Heading`, markers already removed.
    marked_heading: bool,
}

/// Splits a seed-style article into metadata and body.
pub(crate) fn parse_plain(text: &str) -> Article {
    let text = normalize_newlines(text);
    let mut lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut article = Article::default();
    let mut date_line_has_body = false;
    if let Some(first) = lines.iter().position(|l| !l.is_empty()) {
        if let Some((date, rest)) = strip_date_prefix(lines[first]) {
            article.published = Some(date);
            date_line_has_body = !rest.is_empty();
            lines[first] = rest;
        }
    }
    let mut paragraphs = paragraphs(&lines, !date_line_has_body);
    if !date_line_has_body && paragraphs.len() >= 2 {
        let first = &paragraphs[0];
        if first.lines == 1 && (first.marked_heading || is_title_like(&first.text)) {
            article.title = Some(paragraphs.remove(0).text);
        }
    }
    // A `By Jane Doe` line right under the title (or at the top).
    if paragraphs.len() >= 2 && paragraphs[0].lines == 1 && paragraphs[0].text.starts_with("By ") {
        if let Some(names) = byline_names(&paragraphs[0].text) {
            article.byline = Some(names);
            paragraphs.remove(0);
        }
    }
    if paragraphs.len() >= 2 && article.byline.is_none() {
        let last = &paragraphs[paragraphs.len() - 1];
        if let Some(names) = (last.lines == 1 && !last.marked_heading).then(|| byline_names(&last.text)).flatten() {
            article.byline = Some(names);
            paragraphs.pop();
        }
    }
    article.body = layout(&paragraphs, text.len());
    article
}

/// Shortest paragraph a bare heading may introduce.
const MIN_SECTION_START: usize = 60;

/// Lays out classified paragraphs.
fn layout(paragraphs: &[Paragraph], capacity: usize) -> Body {
    let mut body = Body::with_capacity(capacity);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| paragraphs[p].text.as_str());
        let bare_heading = paragraph.lines == 1
            && is_heading_like(&paragraph.text)
            && introduces_section(previous, paragraphs.get(i + 1).map(|p| p.text.as_str()));
        if paragraph.marked_heading || bare_heading {
            body.push_heading(&paragraph.text);
        } else {
            body.push_paragraph(&paragraph.text);
        }
    }
    body
}

/// Whether a short line between `previous` and `next` stands where a
/// section heading would: it introduces real prose (so never the last
/// paragraph, nor one followed by another short line), and it is not an
/// item of a list (after a colon, `...has to do the following:`, or after
/// another short line).
fn introduces_section(previous: Option<&str>, next: Option<&str>) -> bool {
    // A run of short lines is a list, whatever introduced it.
    let announced_list = previous.is_some_and(|p| p.ends_with(':') || is_heading_like(p));
    let prose_follows = next.is_some_and(|n| n.len() >= MIN_SECTION_START);
    prose_follows && !announced_list
}

/// Body layout for text that carries no metadata lines (JSON `text` fields).
pub(crate) fn layout_body(text: &str) -> Body {
    let text = normalize_newlines(text);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    layout(&paragraphs(&lines, false), text.len())
}

/// CRLF and lone CR become LF.
fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Groups lines into paragraphs. Blank lines always separate; inside a
/// block a line break is a hard wrap (joined with a space) unless the line
/// before ends like a paragraph, or is a heading (title for the first line
/// when `title_first`) followed by a capitalised line.
fn paragraphs(lines: &[&str], title_first: bool) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for &line in lines {
        if line.is_empty() {
            open = false;
            continue;
        }
        if let Some(heading) = markup_heading(line) {
            out.push(Paragraph { text: heading.to_string(), lines: 1, marked_heading: true });
            open = false;
            continue;
        }
        let may_be_title = title_first && out.len() == 1;
        match out.last_mut() {
            Some(previous) if open && continues(previous, line, may_be_title) => {
                previous.text.push(' ');
                previous.text.push_str(line);
                previous.lines += 1;
            }
            _ => out.push(Paragraph { text: line.to_string(), lines: 1, marked_heading: false }),
        }
        open = true;
    }
    out
}

/// Whether `line` continues the paragraph `previous` (a hard-wrapped line).
fn continues(previous: &Paragraph, line: &str, previous_may_be_title: bool) -> bool {
    if ends_paragraph(&previous.text) {
        return false;
    }
    let starts_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
    if starts_lower {
        return true;
    }
    let standalone = previous.lines == 1
        && (is_heading_like(&previous.text) || (previous_may_be_title && is_title_like(&previous.text)));
    !standalone
}

/// `date 2025-12-31 rest`, `Date: 2025-12-31`, `Published 2025-12-31` or a
/// bare leading `2025-12-31`: returns the date and the rest of the line.
fn strip_date_prefix(line: &str) -> Option<(String, &str)> {
    let mut rest = line;
    let mut keyword_seen = false;
    for keyword in ["date", "published", "updated"] {
        let matches = rest.get(..keyword.len()).is_some_and(|head| head.eq_ignore_ascii_case(keyword));
        if matches {
            rest = rest[keyword.len()..].trim_start_matches(':').trim_start();
            keyword_seen = true;
            break;
        }
    }
    // `Published: December 31, 2025` as a whole line.
    if keyword_seen && rest.len() <= 40 && iso_prefix(rest).is_none() {
        return normalize_date(rest).map(|date| (date, ""));
    }
    let date = iso_prefix(rest)?;
    let after = &rest[10..];
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return None;
    }
    Some((date, after.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(body: &Body) -> Vec<&str> {
        body.headings.iter().map(|h| h.slice(&body.text)).collect()
    }

    #[test]
    fn date_on_first_body_line_and_bare_headings() {
        let text = " date 2025-12-31 The Chief spoke today.\n\n\n\nAdvancement in Eastern Ukraine\n\n\n\nForces advanced in the north-east, the agency said on Wednesday.\n\n\n\nHe said \"no.\"";
        let article = parse_plain(text);
        assert_eq!(article.published.as_deref(), Some("2025-12-31"));
        assert_eq!(article.title, None);
        assert_eq!(article.byline, None);
        assert_eq!(
            article.body.text,
            "The Chief spoke today.\n\nAdvancement in Eastern Ukraine\n\nForces advanced in the north-east, the agency said on Wednesday.\n\nHe said \"no.\""
        );
        assert_eq!(headings(&article.body), vec!["Advancement in Eastern Ukraine"]);
    }

    #[test]
    fn title_marked_headings_and_byline() {
        let text = "Russia Seeks Permanent Resolution\r\nRussia says it wants peace.\r\n**Battlefield Developments**\r\nRussia claimed a city.\r\nLayla Al Mansoori\r\n";
        let article = parse_plain(text);
        assert_eq!(article.title.as_deref(), Some("Russia Seeks Permanent Resolution"));
        assert_eq!(article.byline.as_deref(), Some("Layla Al Mansoori"));
        assert_eq!(
            article.body.text,
            "Russia says it wants peace.\n\nBattlefield Developments\n\nRussia claimed a city."
        );
        assert_eq!(headings(&article.body), vec!["Battlefield Developments"]);
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let text =
            "date: 2024-05-01\n\nThe minister met with\nPresident Macron and\nothers on Tuesday.\nA second paragraph.";
        let article = parse_plain(text);
        assert_eq!(article.published.as_deref(), Some("2024-05-01"));
        assert_eq!(
            article.body.text,
            "The minister met with President Macron and others on Tuesday.\n\nA second paragraph."
        );
        assert!(article.body.headings.is_empty());
    }

    #[test]
    fn short_sentences_are_not_headings_and_last_heading_is_prose() {
        let article = parse_plain("It rained.\n\nNo one came.\n\nThen Came The End");
        assert!(article.body.headings.is_empty());
        assert_eq!(article.byline, None);
    }

    #[test]
    fn top_byline_and_written_date() {
        let article = parse_plain(
            "Published: Dec. 31, 2025\nA Quiet Year End\nBy Jane Doe\nNothing happened.\nThe End Came Late",
        );
        assert_eq!(article.published.as_deref(), Some("2025-12-31"));
        assert_eq!(article.title.as_deref(), Some("A Quiet Year End"));
        assert_eq!(article.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(article.body.text, "Nothing happened.\n\nThe End Came Late");
    }

    #[test]
    fn list_items_are_not_headings() {
        let text = "He has to do the following:\n\nStop lying\nShow humility\nFill in the gaps in his policy proposals, which are many and vague, he said.\n\nThe rest of the story goes on here.";
        let article = parse_plain(text);
        assert!(article.body.headings.is_empty(), "{:?}", article.body.headings);
    }

    #[test]
    fn date_needs_a_word_boundary() {
        assert_eq!(strip_date_prefix("2025-12-311 x"), None);
        assert_eq!(strip_date_prefix("Dated 2025-12-31"), None);
        assert_eq!(strip_date_prefix("DATE 2025-12-31"), Some(("2025-12-31".to_string(), "")));
    }
}
