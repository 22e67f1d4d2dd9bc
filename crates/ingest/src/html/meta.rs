//! Title, byline and publication date of a page from JSON-LD, `<meta>`
//! tags, `<time>` elements and author markup, best source first.

use serde_json::Value;

use super::dom::{collapse, Dom, Event, Tag, AUTHOR};
use super::entities::decode_entities;
use crate::dates::{date_from_url, normalize_date};
use crate::layout::byline_names;

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    /// JSON-LD `articleBody`: the text of pages that render it by script.
    pub article_body: Option<String>,
}

/// schema.org types whose `headline` / `datePublished` / `author` describe
/// the page's article.
const ARTICLE_TYPES: [&str; 8] = [
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
];

const TITLE_KEYS: [&str; 5] = ["og:title", "twitter:title", "headline", "title", "dc.title"];
const DATE_KEYS: [&str; 17] = [
    "article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "originalpublicationdate",
];
const AUTHOR_KEYS: [&str; 7] =
    ["author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator", "twitter:creator"];

/// Resolves the page metadata.
pub(crate) fn metadata(dom: &Dom<'_>) -> Metadata {
    let ld = dom.meta.json_ld.iter().filter_map(|script| article_object(script)).next();
    let ld_field =
        |key: &str| ld.as_ref().and_then(|v| v.get(key)).and_then(Value::as_str).map(|s| collapse(&decode_entities(s)));
    let title = meta_value(dom, &TITLE_KEYS[..2])
        .or_else(|| ld_field("headline"))
        .or_else(|| meta_value(dom, &TITLE_KEYS[2..]))
        .or_else(|| first_h1(dom))
        .or_else(|| dom.meta.title.as_deref().map(strip_site_name))
        .map(|t| without_site_suffix(t, meta_value(dom, &["og:site_name"]).as_deref()))
        .filter(|t| !t.is_empty());
    let published = ld_field("datePublished")
        .and_then(|d| normalize_date(&d))
        .or_else(|| DATE_KEYS.iter().find_map(|key| meta_value(dom, &[key]).and_then(|d| normalize_date(&d))))
        .or_else(|| time_element(dom))
        .or_else(|| meta_value(dom, &["og:url"]).and_then(|url| date_from_url(&url)));
    let byline = ld
        .as_ref()
        .and_then(|v| v.get("author"))
        .and_then(author_names)
        .or_else(|| AUTHOR_KEYS.iter().find_map(|key| meta_value(dom, &[key]).and_then(|a| clean_author(&a))))
        .or_else(|| author_element(dom));
    let article_body = ld.as_ref().and_then(|v| v.get("articleBody")).and_then(Value::as_str).map(str::to_string);
    Metadata { title, byline, published, article_body }
}

/// The first `<meta>` content under one of `keys`.
fn meta_value(dom: &Dom<'_>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| dom.meta.metas.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.clone()))
}

/// Parses one JSON-LD script and finds the article object in it (top level,
/// in an array, or in `@graph`).
fn article_object(script: &str) -> Option<Value> {
    let script = script.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    // Raw line breaks and tabs inside strings are invalid JSON, yet common
    // in pages; retry with them turned into spaces.
    let value: Value = serde_json::from_str(script)
        .or_else(|_| serde_json::from_str(&script.replace(['\n', '\r', '\t'], " ")))
        .ok()?;
    find_article(value, 0)
}

fn find_article(value: Value, depth: usize) -> Option<Value> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::Array(items) => items.into_iter().find_map(|item| find_article(item, depth + 1)),
        Value::Object(mut fields) => {
            if is_article_type(fields.get("@type")) || fields.contains_key("headline") {
                return Some(Value::Object(fields));
            }
            fields.remove("@graph").and_then(|graph| find_article(graph, depth + 1))
        }
        _ => None,
    }
}

fn is_article_type(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(kind)) => ARTICLE_TYPES.contains(&kind.as_str()),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| is_article_type(Some(k))),
        _ => false,
    }
}

/// JSON-LD `author`: a name, a `{"name": ...}` object, or a list of those.
fn author_names(author: &Value) -> Option<String> {
    let names: Vec<String> = match author {
        Value::Array(items) => items.iter().filter_map(author_names).collect(),
        Value::Object(fields) => {
            fields.get("name").and_then(Value::as_str).and_then(clean_author).into_iter().collect()
        }
        Value::String(name) => clean_author(name).into_iter().collect(),
        _ => Vec::new(),
    };
    (!names.is_empty()).then(|| names.join(" and "))
}

/// A usable author string: not a URL, `By ` removed, at most 100 bytes.
fn clean_author(value: &str) -> Option<String> {
    let value = collapse(&decode_entities(value));
    let value = value.strip_prefix("By ").or_else(|| value.strip_prefix("by ")).unwrap_or(&value).trim();
    let url_like = value.starts_with("http") || value.starts_with('@') || value.contains("://");
    (!value.is_empty() && value.len() <= 100 && !url_like).then(|| value.to_string())
}

/// `<title>` without a trailing ` | Site Name`.
fn strip_site_name(title: &str) -> String {
    title.split(" | ").next().unwrap_or(title).trim().to_string()
}

/// `Headline - Site Name` → `Headline` when the page names its site.
fn without_site_suffix(title: String, site: Option<&str>) -> String {
    let Some(site) = site.filter(|s| !s.is_empty()) else { return title };
    for separator in [" | ", " - ", " \u{2013} ", " \u{2014} ", " : "] {
        if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(separator)) {
            return head.trim().to_string();
        }
    }
    title
}

/// Collapsed text of element `index`, removed parts included (bylines and
/// headlines often sit in a page header).
fn element_text(dom: &Dom<'_>, index: usize) -> String {
    let element = &dom.elements[index];
    let mut raw = String::new();
    for event in &dom.events[element.start as usize..element.end as usize] {
        if let Event::Text(text) = event {
            raw.push_str(text);
            raw.push(' ');
        }
    }
    collapse(&decode_entities(&raw))
}

fn first_h1(dom: &Dom<'_>) -> Option<String> {
    let index = dom.elements.iter().position(|e| e.tag == Tag::Heading && e.name.eq_ignore_ascii_case("h1"))?;
    Some(element_text(dom, index)).filter(|t| !t.is_empty())
}

/// A `<time datetime>` marked as the publication time, else the first one
/// inside an `<article>`.
fn time_element(dom: &Dom<'_>) -> Option<String> {
    let times = &dom.meta.times;
    let marked = times.iter().find(|t| t.published).or_else(|| times.iter().find(|t| t.in_article))?;
    normalize_date(&marked.datetime)
}

/// Text of the first author-marked element (`itemprop=author`, `rel=author`,
/// class `byline`) that reads as names.
fn author_element(dom: &Dom<'_>) -> Option<String> {
    dom.elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.has(AUTHOR) && e.text_len > 0)
        .take(8)
        .find_map(|(index, _)| byline_names(&element_text(dom, index)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::build;

    #[test]
    fn json_ld_graph_and_author_list() {
        let dom = build(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
            {"@type":["NewsArticle"],"headline":"Big &amp; News","datePublished":"2025-12-30T22:10:00Z",
            "author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}]}]}</script>"#,
        );
        let meta = metadata(&dom);
        assert_eq!(meta.title.as_deref(), Some("Big & News"));
        assert_eq!(meta.published.as_deref(), Some("2025-12-30"));
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe and John Roe"));
    }

    #[test]
    fn json_ld_with_raw_line_breaks() {
        let dom =
            build("<script type=application/ld+json>{\"@type\": \"Article\", \"headline\": \"Two\nLines\"}</script>");
        assert_eq!(metadata(&dom).title.as_deref(), Some("Two Lines"));
    }

    #[test]
    fn meta_tags_and_fallbacks() {
        let dom = build(
            "<head><title>Story | Site</title><meta name=author content='https://x/y'><meta name='byl' content='By Ann Lee'>\
             <meta name=date content='December 31, 2025'></head><body><p>x</p></body>",
        );
        let meta = metadata(&dom);
        assert_eq!(
            meta,
            Metadata {
                title: Some("Story".into()),
                byline: Some("Ann Lee".into()),
                published: Some("2025-12-31".into()),
                article_body: None,
            }
        );
    }

    #[test]
    fn site_suffix_and_url_date() {
        let dom = build(
            "<meta property=og:title content='Floods Recede - The Daily Planet'><meta property=og:site_name \
             content='The Daily Planet'><meta property=og:url content='https://planet.example/2025/02/03/floods'>",
        );
        let meta = metadata(&dom);
        assert_eq!(meta.title.as_deref(), Some("Floods Recede"));
        assert_eq!(meta.published.as_deref(), Some("2025-02-03"));
    }

    #[test]
    fn time_and_author_elements() {
        let dom = build(
            "<article><header><h1>Head</h1><span class=byline>By <a rel=author>Sam Poe</a></span>\
             <time datetime=2024-06-01T08:00>June 1</time></header><p>Body</p></article>",
        );
        let meta = metadata(&dom);
        assert_eq!(meta.title.as_deref(), Some("Head"));
        assert_eq!(meta.byline.as_deref(), Some("Sam Poe"));
        assert_eq!(meta.published.as_deref(), Some("2024-06-01"));
    }
}
