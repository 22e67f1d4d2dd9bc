//! RSS (2.0 and 1.0/RDF) and Atom feeds: each item or entry becomes a
//! document with its link as source, its title, its date and the full
//! content when the feed carries it (`content:encoded`, Atom `content`),
//! else its summary (`description`, `summary`), else its title alone.

use newsgraph_core::Document;

use crate::dates::normalize_date;
use crate::decode::decode_xml;
use crate::error::{ReadError, ReadErrorKind};
use crate::html::tree::{local_name, Kind, Tree};
use crate::html::{parse_html, unescape};
use crate::layout::Article;

/// Whether the start of a file is a feed: an `<rss>`, `<feed>` or
/// `<rdf:RDF>` root, after an optional XML declaration and comments.
pub(crate) fn looks_like_feed(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let sample = String::from_utf8_lossy(&head[..head.len().min(1024)]);
    let mut rest = sample.trim_start();
    // Skip the declaration, comments and processing instructions.
    while rest.starts_with("<?") || rest.starts_with("<!--") {
        let end = if rest.starts_with("<?") { "?>" } else { "-->" };
        let Some(at) = rest.find(end) else { return false };
        rest = rest[at + end.len()..].trim_start();
    }
    ["<rss", "<feed", "<rdf:RDF"].iter().any(|root| rest.starts_with(root))
}

/// Reads every item of a feed file called `name` (`stem` names items
/// without a `guid` / `id`).
pub(crate) fn read_feed(name: &str, stem: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    let text = match decode_xml(bytes) {
        Ok(decoded) => decoded.text,
        Err(kind) => return vec![Err(ReadError::new(name, kind))],
    };
    let tree = Tree::parse_xml(&text);
    let items: Vec<usize> =
        (0..tree.nodes.len()).filter(|&i| matches!(local(&tree, i), Some("item" | "entry"))).collect();
    if items.is_empty() {
        return vec![Err(ReadError::new(name, ReadErrorKind::Empty))];
    }
    items
        .iter()
        .enumerate()
        .map(|(n, &item)| {
            let fallback_id = format!("{stem}-{}", n + 1);
            read_item(&tree, item, &fallback_id, name).map_err(|kind| ReadError::new(format!("{name}#{}", n + 1), kind))
        })
        .collect()
}

fn local(tree: &Tree, i: usize) -> Option<&str> {
    tree.tag(i).map(|name| &**name)
}

fn read_item(tree: &Tree, item: usize, fallback_id: &str, name: &str) -> Result<Document, ReadErrorKind> {
    let child = |names: &[&str]| {
        names
            .iter()
            .find_map(|wanted| tree.nodes[item].children.iter().copied().find(|&c| local(tree, c) == Some(wanted)))
    };
    let text_of = |names: &[&str]| child(names).map(|c| tree.text(c)).filter(|t| !t.is_empty());
    let title = text_of(&["title"]).map(|t| unescape(&t));
    let link = item_link(tree, item);
    let published = text_of(&["pubDate", "published", "date", "issued", "created", "updated", "modified"])
        .and_then(|d| normalize_date(&d));
    let byline = child(&["creator", "author"]).map(|c| {
        // Atom wraps the name (`<author><name>`); RSS 2.0 writes `email (Name)`.
        let name = tree.nodes[c].children.iter().copied().find(|&n| local(tree, n) == Some("name")).unwrap_or(c);
        let text = tree.text(name);
        match text.split_once('(') {
            Some((_, rest)) if rest.ends_with(')') => rest.trim_end_matches(')').trim().to_string(),
            _ => text,
        }
    });
    let mut article = ["encoded", "content", "description", "summary"]
        .iter()
        .filter_map(|field| child(&[field]))
        .find_map(|c| content_article(tree, c))
        .or_else(|| {
            let mut article = Article::default();
            article.body.push_paragraph(title.as_deref()?);
            Some(article)
        })
        .ok_or(ReadErrorKind::Empty)?;
    article.title = title.or(article.title);
    article.byline = byline.filter(|b| !b.is_empty()).or(article.byline);
    article.published = published.or(article.published);
    let id = text_of(&["guid", "id"]).unwrap_or_else(|| fallback_id.to_string());
    Ok(article.into_document(&id, link.as_deref().unwrap_or(name)))
}

/// RSS `<link>URL</link>`, or Atom's `<link href>` of the page itself
/// (`rel=alternate` or no `rel`).
fn item_link(tree: &Tree, item: usize) -> Option<String> {
    let links = tree.nodes[item].children.iter().copied().filter(|&c| local(tree, c) == Some("link"));
    links
        .filter_map(|c| {
            let rel = tree.attr(c, &local_name!("rel"));
            if !matches!(rel, None | Some("alternate")) {
                return None;
            }
            tree.attr(c, &local_name!("href")).map(str::to_string).or_else(|| Some(tree.text(c)))
        })
        .find(|link| !link.is_empty())
}

/// The article in an item's content: escaped (or CDATA) HTML is extracted
/// like a page; inline XHTML (Atom `type="xhtml"`) is taken as text.
fn content_article(tree: &Tree, content: usize) -> Option<Article> {
    let has_elements = tree.nodes[content].children.iter().any(|&c| matches!(tree.nodes[c].kind, Kind::Element(..)));
    let markup = if has_elements { tree.text(content) } else { tree.raw_text(content) };
    if markup.trim().is_empty() {
        return None;
    }
    parse_html(&markup).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Gazette</title><link>https://gazette.example/</link>
<item><title>Bridge vote &amp; more</title><link>https://gazette.example/bridge</link>
<guid>bridge-1</guid><pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate><dc:creator>Jane Roe</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The council voted on Tuesday to rebuild the bridge.</p><p>Work starts in May.</p>]]></content:encoded>
</item>
<item><title>Headline only</title><link>https://gazette.example/headline</link></item>
</channel></rss>"#;

    const ATOM: &str = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title type="html">Atom &lt;b&gt;entry&lt;/b&gt;</title><id>urn:x:1</id>
<link rel="alternate" href="https://blog.example/entry"/><link rel="edit" href="https://blog.example/edit"/>
<published>2021-03-04T08:00:00Z</published><updated>2021-03-09T08:00:00Z</updated>
<author><name>Sam Poe</name></author>
<summary>Summary of the entry, with text.</summary></entry></feed>"#;

    #[test]
    fn rss_items_with_full_content() {
        assert!(looks_like_feed(RSS.as_bytes()));
        let docs: Vec<Document> =
            read_feed("news.rss", "news", RSS.as_bytes()).into_iter().map(Result::unwrap).collect();
        assert_eq!(docs.len(), 2);
        let first = &docs[0];
        assert_eq!((first.id.as_str(), first.source.as_str()), ("bridge-1", "https://gazette.example/bridge"));
        assert_eq!(first.title.as_deref(), Some("Bridge vote & more"));
        assert_eq!(first.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(first.published.as_deref(), Some("2021-03-02"));
        assert_eq!(first.text, "The council voted on Tuesday to rebuild the bridge.\n\nWork starts in May.");
        assert_eq!((docs[1].id.as_str(), docs[1].text.as_str()), ("news-2", "Headline only"));
    }

    #[test]
    fn atom_entries() {
        assert!(looks_like_feed(ATOM.as_bytes()));
        let doc = read_feed("blog.atom", "blog", ATOM.as_bytes()).remove(0).unwrap();
        assert_eq!((doc.id.as_str(), doc.source.as_str()), ("urn:x:1", "https://blog.example/entry"));
        assert_eq!(doc.title.as_deref(), Some("Atom entry"));
        assert_eq!(doc.byline.as_deref(), Some("Sam Poe"));
        assert_eq!(doc.published.as_deref(), Some("2021-03-04"));
        assert_eq!(doc.text, "Summary of the entry, with text.");
    }

    #[test]
    fn not_feeds() {
        assert!(!looks_like_feed(b"<html><body>x</body></html>"));
        assert!(!looks_like_feed(b"<?xml version='1.0'?><svg/>"));
        let error = read_feed("empty.rss", "empty", b"<rss><channel></channel></rss>").remove(0).unwrap_err();
        assert_eq!(error.to_string(), "empty.rss: empty input, no text");
    }
}
