//! HTML pages: charset sniffing and decoding, parsing by html5ever, main
//! content extraction and page metadata.

mod extract;
mod meta;
pub(crate) mod tree;

use crate::decode::decode_html;
use crate::error::ReadErrorKind;
use crate::layout::Article;
use crate::plain::layout_body;
pub(crate) use meta::unescape;
use tree::Tree;

/// Decodes and parses a page. `declared` is the charset label of an HTTP
/// `Content-Type` header, if any.
pub(crate) fn read_html(bytes: &[u8], declared: Option<&str>) -> Result<Article, ReadErrorKind> {
    let decoded = decode_html(bytes, declared)?;
    let mut article = parse_html(&decoded.text)?;
    article.warnings = decoded.warnings;
    Ok(article)
}

/// Extracts the article of an already decoded page.
pub(crate) fn parse_html(text: &str) -> Result<Article, ReadErrorKind> {
    let tree = Tree::parse(text);
    let meta = meta::metadata(&tree);
    let mut body = extract::extract(&tree, meta.title.as_deref(), meta.byline_node.as_slice());
    // Pages rendered by script carry their text only in JSON-LD; prefer it
    // when the markup gave less than half of it.
    // The written form is never shorter than the text, so most pages skip
    // decoding it.
    if let Some(raw) = meta.article_body.as_deref().filter(|raw| body.text.len() * 2 < raw.len()) {
        let ld_body = layout_body(&Tree::parse(raw).raw_text(0));
        if body.text.len() * 2 < ld_body.text.len() {
            body = ld_body;
        }
    }
    if body.text.is_empty() {
        return Err(ReadErrorKind::HtmlNoBody);
    }
    Ok(Article {
        title: meta.title,
        byline: meta.byline,
        published: meta.published,
        language: meta.language,
        canonical: meta.canonical,
        body,
        warnings: Vec::new(),
    })
}

/// All text of a page, markup and entities resolved, whitespace collapsed:
/// what a scorer compares extracted text with.
pub fn page_text(html: &str) -> String {
    let tree = Tree::parse(html);
    tree.text(0)
}

/// Whether the start of a file looks like HTML: markup first, and one of
/// the tags every page has.
pub(crate) fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    if head.get(start) != Some(&b'<') {
        return false;
    }
    const MARKERS: [&[u8]; 8] = [b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<p>", b"<div"];
    let sample = &head[start..head.len().min(start + 2048)];
    MARKERS.iter().any(|marker| find_ignore_case(sample, marker).is_some())
}

/// Position of `needle` (ASCII, lower case) in `haystack`, ignoring ASCII case.
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(offset) = haystack[from..].iter().position(|&b| b.to_ascii_lowercase() == first) {
        let at = from + offset;
        if haystack.get(at..at + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Splits a `Content-Type` header value into its media type (lower case)
/// and charset label.
pub(crate) fn content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches(['"', '\'']).to_string())
    });
    (media, charset.filter(|c| !c.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_meta_and_header() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Caf\xE9 society returns to the capital after years of absence, officials said.</p></body></html>";
        let article = read_html(page, None).unwrap();
        assert!(article.body.text.starts_with("Caf\u{e9} society"));
        assert!(article.warnings.is_empty());
        let article = read_html(
            b"<p>Caf\xC3\xA9 open again after the long winter break, owners said on Monday.</p>",
            Some("utf-8"),
        )
        .unwrap();
        assert!(article.body.text.starts_with("Caf\u{e9} open"));
        assert_eq!(content_type("text/html; charset=\"UTF-8\""), ("text/html".to_string(), Some("UTF-8".to_string())));
    }

    #[test]
    fn unknown_charset_is_a_warning() {
        let article = read_html(b"<meta charset=klingon><p>Text of a story.</p>", None).unwrap();
        assert_eq!(article.warnings, vec!["charset \"klingon\" is not supported, ignored"]);
    }

    #[test]
    fn page_without_body_text_is_an_error() {
        let page = b"<!DOCTYPE html><html><head><title>Only a title</title></head><body><nav>Menu</nav></body></html>";
        assert_eq!(read_html(page, None).unwrap_err(), ReadErrorKind::HtmlNoBody);
    }

    #[test]
    fn script_rendered_page_uses_json_ld_article_body() {
        let page = br#"<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
            "articleBody": "First paragraph of the story.\n\nSecond paragraph &amp; more."}</script></head>
            <body><div id="app">Loading</div></body></html>"#;
        let article = read_html(page, None).unwrap();
        assert_eq!(
            article.body.text,
            "First paragraph of the story.

Second paragraph & more."
        );
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"  <!DOCTYPE HTML><html>"));
        assert!(looks_like_html(b"<div class=x>"));
        assert!(!looks_like_html(b"<not really> html text"));
        assert!(!looks_like_html(b"date 2025-01-01 Story"));
    }
}
