//! Page metadata: title, byline, publication date, language, site name and
//! canonical URL, from JSON-LD (any schema.org type), `<meta>` tags (Open
//! Graph, Dublin Core, Parse.ly, ...), `<time>` elements, author markup,
//! the URL and dates written in the page, best source first.

use serde_json::Value;

use super::tree::{local_name, Kind, Tree};
use crate::dates::{date_from_url, find_date};

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The element the byline was read from: it is left out of the text.
    pub byline_node: Option<usize>,
    pub published: Option<String>,
    /// JSON-LD `articleBody` as written (entities, maybe markup): the text
    /// of pages that render it by script.
    pub article_body: Option<String>,
    /// ISO 639-1 code from `<html lang>` (or `og:locale`).
    pub language: Option<String>,
    pub site_name: Option<String>,
    pub canonical: Option<String>,
}

/// `<meta>` keys of the headline, in the order Readability trusts them.
const TITLE_KEYS: [&str; 8] = [
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
];
const AUTHOR_KEYS: [&str; 8] = [
    "dc:creator",
    "dcterm:creator",
    "author",
    "parsely-author",
    "article:author",
    "byl",
    "sailthru:author",
    "dcterms:creator",
];
/// `<meta>` keys of the original publication date (never the update date).
const DATE_KEYS: [&str; 25] = [
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "parsely-pub-date",
    "datepublished",
    "article:published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date_published",
    "dc:date",
    "dc:date:issued",
    "dcterms:created",
    "dcterms:date",
    "dcterms:issued",
    "dc:date:created",
    "sailthru:date",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "article_date_original",
    "og:pubdate",
    "date",
    "datecreated",
];
const SITE_KEYS: [&str; 3] = ["og:site_name", "application-name", "twitter:site"];

/// Words of class, id or itemprop values of author markup.
const BYLINE_MARKS: [&str; 5] = ["byline", "author", "dateline", "writtenby", "p-author"];
/// Words of class, id or itemprop values of elements showing the date.
const DATE_MARKS: [&str; 6] = ["date", "time", "publish", "posted", "byline", "meta"];
/// Words that introduce an update date, which is not the publication date.
const UPDATE_WORDS: [&str; 6] = ["updated", "modified", "aktualisiert", "mis à jour", "actualizado", "last edited"];

/// Reads the page metadata.
pub(crate) fn metadata(tree: &Tree) -> Metadata {
    let metas = meta_tags(tree);
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|key| metas.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.clone()))
    };
    let objects = json_ld_objects(tree);
    let article = objects.iter().find(|o| is_article_type(o.get("@type")));
    let ld =
        |key: &str| article.and_then(|o| o.get(key)).and_then(Value::as_str).map(unescape).filter(|s| !s.is_empty());
    let any_ld = |key: &str| objects.iter().find_map(|o| o.get(key).and_then(Value::as_str)).map(unescape);

    let site_name = meta(&SITE_KEYS).or_else(|| {
        let publisher = article.and_then(|o| o.get("publisher"));
        publisher.and_then(|p| p.get("name")).and_then(Value::as_str).map(unescape)
    });
    let title = json_ld_title(ld("name"), ld("headline"), tree)
        .or_else(|| meta(&TITLE_KEYS).map(|t| collapse(&t)))
        .or_else(|| page_title(tree).map(|t| without_site_suffix(t, site_name.as_deref())))
        .filter(|t| !t.is_empty());

    let mut byline_node = None;
    let byline = article
        .and_then(|o| o.get("author"))
        .or_else(|| objects.iter().find_map(|o| o.get("author")))
        .and_then(author_names)
        .or_else(|| AUTHOR_KEYS.iter().find_map(|key| meta(&[key]).and_then(|a| clean_author(&a))))
        .or_else(|| {
            let (node, name) = byline_element(tree)?;
            byline_node = Some(node);
            Some(name)
        });

    let canonical = tree
        .elements(local_name!("link"))
        .find(|&i| tree.attr(i, &local_name!("rel")).is_some_and(|r| r.eq_ignore_ascii_case("canonical")))
        .and_then(|i| tree.attr(i, &local_name!("href")))
        .map(str::trim)
        .filter(|href| href.starts_with("http"))
        .map(str::to_string)
        .or_else(|| meta(&["og:url"]).filter(|u| u.starts_with("http")));

    let published = ld("datePublished")
        .or_else(|| any_ld("datePublished"))
        .or_else(|| ld("dateCreated"))
        .and_then(|d| find_date(&d))
        .or_else(|| DATE_KEYS.iter().find_map(|key| meta(&[key]).and_then(|d| find_date(&d))))
        .or_else(|| time_element(tree))
        .or_else(|| canonical.as_deref().and_then(date_from_url))
        .or_else(|| visible_date(tree));

    let language = tree
        .elements(local_name!("html"))
        .find_map(|i| tree.attr(i, &local_name!("lang")))
        .map(str::to_string)
        .or_else(|| meta(&["og:locale", "content-language", "language"]))
        .and_then(|lang| language_code(&lang));

    let article_body = article.and_then(|o| o.get("articleBody")).and_then(Value::as_str).map(str::to_string);
    Metadata { title, byline, byline_node, published, article_body, language, site_name, canonical }
}

/// `<meta>` contents by key: `property` (each of its space-separated
/// values), `name`, `itemprop` or `http-equiv`, lower case, `.` read as `:`.
fn meta_tags(tree: &Tree) -> Vec<(String, String)> {
    let mut metas = Vec::new();
    for i in tree.elements(local_name!("meta")) {
        let Some(content) = tree.attr(i, &local_name!("content")) else {
            continue;
        };
        let content = collapse(content);
        let keys = [local_name!("property"), local_name!("name"), local_name!("itemprop"), local_name!("http-equiv")];
        for key in keys.iter().filter_map(|k| tree.attr(i, k)) {
            for key in key.split_whitespace() {
                metas.push((key.to_lowercase().replace('.', ":"), content.clone()));
            }
        }
    }
    metas
}

/// Every object of every JSON-LD script: top level, in arrays, in `@graph`.
fn json_ld_objects(tree: &Tree) -> Vec<Value> {
    let mut objects = Vec::new();
    for i in tree.elements(local_name!("script")) {
        if !tree.attr(i, &local_name!("type")).is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
            continue;
        }
        let script = tree.raw_text(i);
        // Comment and CDATA wrappers, which pages put around scripts for
        // old XHTML parsers, are not part of the JSON.
        let script = script.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
        let script = script.trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
        // Raw line breaks and tabs inside strings are invalid JSON, yet
        // common in pages; retry with them turned into spaces.
        let parsed =
            serde_json::from_str(script).or_else(|_| serde_json::from_str(&script.replace(['\n', '\r', '\t'], " ")));
        if let Ok(value) = parsed {
            flatten(value, 0, &mut objects);
        }
    }
    objects
}

fn flatten(value: Value, depth: usize, out: &mut Vec<Value>) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|item| flatten(item, depth + 1, out)),
        Value::Object(mut fields) => {
            let graph = fields.remove("@graph");
            out.push(Value::Object(fields));
            if let Some(graph) = graph {
                flatten(graph, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// schema.org types whose headline, author and dates are the page's
/// article: every `*Article`, `*Posting` and `Report`.
fn is_article_type(value: Option<&Value>) -> bool {
    let is_article = |t: &str| t.ends_with("Article") || t.ends_with("Posting") || t == "Report";
    match value {
        Some(Value::String(t)) => is_article(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

/// JSON-LD `author`: a name, a `{"name": ...}` object of any type, or a
/// list of those.
fn author_names(author: &Value) -> Option<String> {
    let names: Vec<String> = match author {
        Value::Array(items) => items.iter().filter_map(author_names).collect(),
        Value::Object(fields) => fields.get("name").and_then(author_names).into_iter().collect(),
        Value::String(name) => clean_author(name).into_iter().collect(),
        _ => Vec::new(),
    };
    (!names.is_empty()).then(|| names.join(", "))
}

/// A usable author string: not a URL, `By ` removed, at most 100 bytes.
fn clean_author(value: &str) -> Option<String> {
    let value = collapse(&unescape(value));
    let value = strip_by(&value);
    let url_like = value.starts_with("http") || value.starts_with('@') || value.contains("://");
    (!value.is_empty() && value.len() <= 100 && !url_like).then(|| value.to_string())
}

fn strip_by(value: &str) -> &str {
    let trimmed = value.trim();
    ["By ", "by ", "BY ", "By: ", "by: "].iter().find_map(|p| trimmed.strip_prefix(p)).unwrap_or(trimmed).trim()
}

/// The names in a byline element's text: what comes before its date,
/// handle or separator (`Dan Goodin - Apr 16, 2015`, `James Akinaka • 8h`,
/// `por César Salza 1 de diciembre`), without a leading "By" / "por" / "par"
/// / "von".
fn byline_of(text: &str) -> String {
    let end = text.find(|c: char| c.is_ascii_digit() || matches!(c, '\u{2022}' | '@' | '\u{B7}')).unwrap_or(text.len());
    let head = &text[..end];
    let head = head.split(" - ").next().unwrap_or(head);
    let head = strip_by(head);
    let head =
        ["por ", "Por ", "par ", "Par ", "von ", "Von "].iter().find_map(|p| head.strip_prefix(p)).unwrap_or(head);
    // A month name left before a cut-off date (`Joshua Sokol May 20`).
    let mut words: Vec<&str> = head.split_whitespace().collect();
    if words.len() > 2 && words.last().is_some_and(|w| is_month_name(w)) {
        words.pop();
    }
    words.join(" ").trim_end_matches([',', ';', ':']).to_string()
}

fn is_month_name(word: &str) -> bool {
    let word = word.trim_end_matches('.').to_lowercase();
    word.len() >= 3 && newsgraph_core::calendar::MONTHS.iter().any(|m| m.starts_with(&word))
}

/// The first visible author element (`rel=author`, `itemprop=author`, class
/// or id `byline` / `author` ...) with a short text, and that text.
fn byline_element(tree: &Tree) -> Option<(usize, String)> {
    let body = tree.elements(local_name!("body")).next()?;
    tree.descendants(body).find_map(|i| {
        let rel = tree.attr(i, &local_name!("rel")).unwrap_or("");
        let itemprop = tree.attr(i, &local_name!("itemprop")).unwrap_or("");
        let marked = rel == "author" || itemprop.contains("author") || marks(tree, i, &BYLINE_MARKS);
        if !marked || tree.is(i, &local_name!("meta")) || tree.is(i, &local_name!("a")) && rel != "author" {
            return None;
        }
        let text = tree.text(i);
        // A menu bar (`Sign In | Sign Up`) is not a byline.
        let plausible = (1..100).contains(&text.chars().count()) && !text.contains('|');
        let name = byline_of(&text);
        (plausible && name.chars().any(char::is_alphabetic)).then_some((i, name))
    })
}

/// Whether the class or id of `i` contains one of `words`.
fn marks(tree: &Tree, i: usize, words: &[&str]) -> bool {
    [local_name!("class"), local_name!("id")].iter().filter_map(|name| tree.attr(i, name)).any(|value| {
        let value = value.to_ascii_lowercase();
        words.iter().any(|w| value.contains(w))
    })
}

/// The JSON-LD headline: `name`, unless only `headline` reads like the
/// page's `<title>` (pages put a category or a summary in the other).
fn json_ld_title(name: Option<String>, headline: Option<String>, tree: &Tree) -> Option<String> {
    match (name, headline) {
        (Some(name), Some(headline)) if name != headline => {
            let title = page_title(tree).unwrap_or_default();
            let matches = |text: &str| similarity(&title, text) > 0.75;
            Some(if matches(&headline) && !matches(&name) { headline } else { name })
        }
        (name, headline) => name.or(headline),
    }
}

/// Share of `text`'s characters in words that `reference` also has
/// (Readability's text similarity).
fn similarity(reference: &str, text: &str) -> f64 {
    let tokens = |t: &str| -> Vec<String> {
        t.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
    };
    let (known, words) = (tokens(reference), tokens(text));
    if known.is_empty() || words.is_empty() {
        return 0.0;
    }
    let length = |ws: &[&String]| ws.iter().map(|w| w.chars().count() + 1).sum::<usize>();
    let all: Vec<&String> = words.iter().collect();
    let unknown: Vec<&String> = words.iter().filter(|w| !known.contains(w)).collect();
    1.0 - length(&unknown) as f64 / length(&all) as f64
}

/// `Headline | Site Name` → `Headline` when the page names its site.
fn without_site_suffix(title: String, site: Option<&str>) -> String {
    let Some(site) = site.filter(|s| !s.is_empty()) else { return title };
    for separator in [" | ", " - ", " \u{2013} ", " \u{2014} ", " : ", " \u{BB} "] {
        if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(separator)) {
            return head.trim().to_string();
        }
    }
    title
}

/// Readability's reading of `<title>`: the part before a ` | Site` or
/// ` - Site` suffix unless that leaves too few words, the part after a
/// colon unless a heading repeats the whole title, else the only `<h1>`.
fn page_title(tree: &Tree) -> Option<String> {
    let original = tree.elements(local_name!("title")).next().map(|i| tree.text(i))?;
    const SEPARATORS: [char; 8] = ['|', '-', '\u{2013}', '\u{2014}', '\\', '/', '>', '\u{BB}'];
    let separator_at = |text: &str| -> Vec<(usize, usize)> {
        text.char_indices()
            .filter(|&(at, c)| {
                SEPARATORS.contains(&c) && text[..at].ends_with(' ') && text[at + c.len_utf8()..].starts_with(' ')
            })
            .map(|(at, c)| (at, at + c.len_utf8()))
            .collect()
    };
    let separators = separator_at(&original);
    let words = |text: &str| text.split_whitespace().count();
    let mut hierarchical = false;
    let mut title = original.clone();
    if let (Some(&(_, first_end)), Some(&(last, _))) = (separators.first(), separators.last()) {
        hierarchical = separators
            .iter()
            .any(|&(at, _)| matches!(original[at..].chars().next(), Some('\\' | '/' | '>' | '\u{BB}')));
        title = original[..last].to_string();
        if words(&title) < 3 {
            title = original[first_end..].to_string();
        }
    } else if original.contains(": ") {
        let repeated = tree
            .elements(local_name!("h1"))
            .chain(tree.elements(local_name!("h2")))
            .any(|h| tree.text(h).trim() == original.trim());
        if !repeated {
            let after_last = original.rsplit(':').next().unwrap_or("").to_string();
            title = after_last;
            if words(&title) < 3 {
                title = original.split_once(':').map_or(String::new(), |(_, rest)| rest.to_string());
            } else if original.split(':').next().map_or(0, words) > 5 {
                title = original.clone();
            }
        }
    } else if original.chars().count() > 150 || original.chars().count() < 15 {
        let mut h1s = tree.elements(local_name!("h1"));
        if let (Some(h1), None) = (h1s.next(), h1s.next()) {
            title = tree.text(h1);
        }
    }
    let title = collapse(&title);
    let count = words(&title);
    let original_without_separators = original.replace(SEPARATORS, "");
    if count <= 4 && (!hierarchical || count + 1 != words(&original_without_separators)) {
        return Some(collapse(&original));
    }
    Some(title)
}

/// A `<time>` marked as the publication time (`pubdate`,
/// `itemprop=datePublished`, a class naming publication), else the first
/// `<time>` not marked as an update.
fn time_element(tree: &Tree) -> Option<String> {
    let times: Vec<usize> = tree.elements(local_name!("time")).collect();
    let date_of = |&i: &usize| {
        let value = tree.attr(i, &local_name!("datetime")).map(str::to_string).unwrap_or_else(|| tree.text(i));
        find_date(&value)
    };
    let itemprop = |i: usize| tree.attr(i, &local_name!("itemprop")).unwrap_or("").to_ascii_lowercase();
    let published = |&&i: &&usize| {
        tree.attr(i, &html5ever::LocalName::from("pubdate")).is_some()
            || itemprop(i).contains("datepublished")
            || marks(tree, i, &["publish", "posted"])
    };
    let updated = |&&i: &&usize| itemprop(i).contains("modified") || marks(tree, i, &["update", "modified"]);
    times.iter().filter(published).find_map(date_of).or_else(|| times.iter().filter(|i| !updated(i)).find_map(date_of))
}

/// A date shown in the page: in an element whose class or id speaks of
/// dates or publication, else in a text labelled `Published`, `Posted`,
/// `Datum`... The text before an "Updated" label is taken, so the
/// original date wins over the update.
fn visible_date(tree: &Tree) -> Option<String> {
    let body = tree.elements(local_name!("body")).next()?;
    let in_script =
        |i: usize| tree.ancestors(i).any(|a| tree.is(a, &local_name!("script")) || tree.is(a, &local_name!("style")));
    let marked =
        tree.descendants(body).filter(|&i| tree.tag(i).is_some() && marks(tree, i, &DATE_MARKS)).find_map(|i| {
            let text = tree.text(i);
            (text.chars().count() <= 120).then(|| original_date(&text)).flatten()
        });
    marked.or_else(|| {
        const LABELS: [&str; 8] =
            ["published", "posted", "datum", "date:", "veröffentlicht", "publié", "publicado", "pubblicato"];
        tree.descendants(body).filter(|&i| matches!(tree.nodes[i].kind, Kind::Text(_)) && !in_script(i)).find_map(|i| {
            let Kind::Text(text) = &tree.nodes[i].kind else {
                return None;
            };
            let text = text.trim();
            let lower = text.get(..text.len().min(40))?.to_lowercase();
            (text.len() <= 120 && LABELS.iter().any(|l| lower.contains(l)))
                .then(|| original_date(&collapse(text)))
                .flatten()
        })
    })
}

/// The date in `text` before any update label.
fn original_date(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let cut = UPDATE_WORDS.iter().filter_map(|w| lower.find(w)).min().unwrap_or(lower.len());
    // The offset is the lower-cased copy's; `get` keeps the whole text when
    // lower-casing moved character boundaries.
    find_date(text.get(..cut).unwrap_or(text))
}

/// `en-US` → `en`; `und` and malformed tags give nothing.
fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase()) && primary != "und")
        .then_some(primary)
}

/// Entities and markup in a metadata string decoded the way the page's own
/// text is.
pub(crate) fn unescape(value: &str) -> String {
    if value.contains(['&', '<']) {
        collapse(&Tree::parse(value).raw_text(0))
    } else {
        collapse(value)
    }
}

/// Whitespace runs as single spaces, trimmed.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> Metadata {
        metadata(&Tree::parse(html))
    }

    #[test]
    fn json_ld_graph_and_author_list() {
        let meta = meta(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
            {"@type":["NewsArticle"],"headline":"Big &amp; News","datePublished":"2025-12-30T22:10:00Z",
            "author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}]}]}</script>"#,
        );
        assert_eq!(meta.title.as_deref(), Some("Big & News"));
        assert_eq!(meta.published.as_deref(), Some("2025-12-30"));
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe, John Roe"));
    }

    #[test]
    fn json_ld_with_raw_line_breaks() {
        let meta =
            meta("<script type=application/ld+json>{\"@type\": \"Article\", \"headline\": \"Two\nLines\"}</script>");
        assert_eq!(meta.title.as_deref(), Some("Two Lines"));
    }

    #[test]
    fn json_ld_of_any_type_dates_the_page() {
        let meta = meta(
            r#"<script type="application/ld+json">{"@type":"WebPage","datePublished":"2021-03-04",
            "author":{"@type":"Organization","name":"Desk"}}</script><title>A title of the page here</title>"#,
        );
        assert_eq!(meta.published.as_deref(), Some("2021-03-04"));
        assert_eq!(meta.byline.as_deref(), Some("Desk"));
    }

    #[test]
    fn meta_tags_and_fallbacks() {
        let meta = meta(
            "<html lang=en-GB><head><title>Story of the day | Site</title><meta property=og:site_name content=Site><meta name=author content='https://x/y'>\
             <meta name='byl' content='By Ann Lee'><meta name=DC.date content='December 31, 2025'>\
             <link rel=canonical href='https://site.example/story'></head><body><p>x</p></body></html>",
        );
        assert_eq!(meta.title.as_deref(), Some("Story of the day"));
        assert_eq!(meta.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(meta.published.as_deref(), Some("2025-12-31"));
        assert_eq!(meta.language.as_deref(), Some("en"));
        assert_eq!(meta.canonical.as_deref(), Some("https://site.example/story"));
    }

    #[test]
    fn open_graph_title_and_url_date() {
        let meta = meta(
            "<meta property=og:title content='Floods Recede'><meta property=og:site_name content='The Daily Planet'>\
             <meta property=og:url content='https://planet.example/2025/02/03/floods'>",
        );
        assert_eq!(meta.title.as_deref(), Some("Floods Recede"));
        assert_eq!(meta.site_name.as_deref(), Some("The Daily Planet"));
        assert_eq!(meta.published.as_deref(), Some("2025-02-03"));
    }

    #[test]
    fn time_and_author_elements() {
        let meta = meta(
            "<article><header><h1>Head</h1><span class=byline>By <a rel=author>Sam Poe</a></span>\
             <time class=updated datetime=2024-07-01>July 1</time><time datetime=2024-06-01T08:00>June 1</time>\
             </header><p>Body</p></article>",
        );
        assert_eq!(meta.byline.as_deref(), Some("Sam Poe"));
        assert!(meta.byline_node.is_some());
        assert_eq!(meta.published.as_deref(), Some("2024-06-01"));
    }

    #[test]
    fn byline_element_text_is_trimmed_to_the_names() {
        assert_eq!(byline_of("Dan Goodin - Apr 16, 2015 8:02 pm UTC"), "Dan Goodin");
        assert_eq!(byline_of("James Akinaka \u{2022} 8h"), "James Akinaka");
        assert_eq!(byline_of("por C\u{e9}sar Salza 1 de diciembre de 2017"), "C\u{e9}sar Salza");
        assert_eq!(byline_of("Joshua Sokol May 20, 2019"), "Joshua Sokol");
        assert_eq!(byline_of("By Ann Lee"), "Ann Lee");
    }

    #[test]
    fn visible_dates_original_before_update() {
        assert_eq!(original_date("\u{130}\u{130} 3 May 2020").as_deref(), Some("2020-05-03"));
        let shown = meta("<body><div class=entry-meta>April 28, 2019 at 6:01 am Updated April 29, 2019</div></body>");
        assert_eq!(shown.published.as_deref(), Some("2019-04-28"));
        let labelled = meta("<body><p>Datum: 03.11.2021</p><p>Text.</p></body>");
        assert_eq!(labelled.published.as_deref(), Some("2021-11-03"));
    }

    #[test]
    fn title_from_the_title_element() {
        let title = |t: &str| meta(&format!("<title>{t}</title>")).title;
        assert_eq!(title("Big storm hits the coast - The Daily Planet").as_deref(), Some("Big storm hits the coast"));
        assert_eq!(title("Home | Short").as_deref(), Some("Home | Short"));
    }
}
