//! A flat document tree: elements in document order (so a parent's index is
//! below its children's) and a list of open/close/text events. Built
//! forgivingly from the tokenizer with the implied end tags browsers apply
//! (`<p>` closed by the next block, `<li>` by the next `<li>`, ...). Page
//! metadata (`<title>`, `<meta>`, JSON-LD, `<time>`) is collected on the way.

use super::entities::decode_entities;
use super::tokenizer::{attributes, Token, Tokenizer};

/// What an element means for text extraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Root,
    Body,
    Article,
    Main,
    P,
    Li,
    Cell,
    Heading,
    Block,
    Br,
    A,
    /// Never text: navigation, page header/footer, forms, media.
    Removed,
    Inline,
}

/// Element flags.
pub(crate) const BOILERPLATE_CLASS: u8 = 1;
pub(crate) const ARTICLE_BODY: u8 = 2;
pub(crate) const ROLE_MAIN: u8 = 4;
pub(crate) const HIDDEN: u8 = 8;
pub(crate) const AUTHOR: u8 = 16;
/// Set by [`Dom::finish`]: the element and everything inside it is skipped.
pub(crate) const REMOVED: u8 = 32;

#[derive(Clone, Debug)]
pub(crate) struct Element<'a> {
    pub name: &'a str,
    pub tag: Tag,
    pub flags: u8,
    pub parent: u32,
    /// Index of the `Open` event; `end` is one past the `Close` event.
    pub start: u32,
    pub end: u32,
    /// Characters of text inside (excluding removed parts), and of link text.
    pub text_len: u32,
    pub link_len: u32,
    /// Characters of text directly inside (not in child elements).
    pub own_len: u32,
}

impl Element<'_> {
    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event<'a> {
    Open(u32),
    Close(u32),
    Text(&'a str),
}

/// A `<time datetime>` and where it sits.
#[derive(Clone, Debug)]
pub(crate) struct TimeTag {
    pub datetime: String,
    /// Marked as the publication time (`itemprop=datePublished`, `pubdate`).
    pub published: bool,
    pub in_article: bool,
}

/// Metadata met while building the tree.
#[derive(Debug, Default)]
pub(crate) struct PageMeta<'a> {
    pub title: Option<String>,
    /// `<meta>` key (`name`, `property` or `itemprop`, lower case) and content.
    pub metas: Vec<(String, String)>,
    pub json_ld: Vec<&'a str>,
    pub times: Vec<TimeTag>,
}

pub(crate) struct Dom<'a> {
    pub elements: Vec<Element<'a>>,
    pub events: Vec<Event<'a>>,
    pub meta: PageMeta<'a>,
}

/// Deeper nesting than this is flattened (pathological pages).
const MAX_DEPTH: usize = 256;

/// Class / id words that mark page furniture rather than article text.
const BOILERPLATE_WORDS: [&str; 47] = [
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "credit",
    "disclaimer",
    "embed",
    "footer",
    "gallery",
    "instagram",
    "menu",
    "modal",
    "nav",
    "navbar",
    "newsletter",
    "newsletters",
    "outbrain",
    "paywall",
    "popup",
    "promo",
    "promotion",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "slideshow",
    "social",
    "sponsored",
    "subscribe",
    "taboola",
    "tags",
    "toolbar",
    "tweet",
    "twitter",
];

/// Raw-text elements and what their text is used for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    JsonLd,
    Title,
    Skip,
}

/// A short ASCII-lower-cased copy of a tag or attribute name on the stack
/// (names longer than 16 bytes, which we never look for, become empty).
fn lower<'b>(name: &str, buffer: &'b mut [u8; 16]) -> &'b [u8] {
    if name.len() > buffer.len() {
        return &[];
    }
    let out = &mut buffer[..name.len()];
    out.copy_from_slice(name.as_bytes());
    out.make_ascii_lowercase();
    out
}

fn classify(name: &str) -> Tag {
    match lower(name, &mut [0; 16]) {
        b"body" => Tag::Body,
        b"article" => Tag::Article,
        b"main" => Tag::Main,
        b"p" => Tag::P,
        b"li" | b"dt" | b"dd" => Tag::Li,
        b"td" | b"th" => Tag::Cell,
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Tag::Heading,
        b"div" | b"section" | b"ul" | b"ol" | b"dl" | b"table" | b"tbody" | b"thead" | b"tfoot" | b"tr"
        | b"blockquote" | b"pre" | b"center" | b"address" | b"hgroup" | b"details" | b"summary" | b"fieldset"
        | b"html" | b"head" | b"caption" => Tag::Block,
        b"br" | b"hr" => Tag::Br,
        b"a" => Tag::A,
        b"nav" | b"header" | b"footer" | b"aside" | b"form" | b"button" | b"select" | b"svg" | b"math"
        | b"template" | b"figure" | b"figcaption" | b"menu" | b"dialog" | b"object" | b"canvas" | b"video"
        | b"audio" | b"picture" | b"label" | b"input" | b"option" => Tag::Removed,
        _ => Tag::Inline,
    }
}

/// Void elements: no content, no end tag.
fn is_void(name: &str) -> bool {
    const VOID: [&str; 14] =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Whether a start tag closes an open `<p>` (HTML's rule for block-level
/// elements; removed inline ones such as `<button>` do not).
fn closes_paragraph(tag: Tag, name: &str) -> bool {
    const BLOCK_REMOVED: [&str; 8] = ["nav", "header", "footer", "aside", "form", "figure", "menu", "dialog"];
    match tag {
        Tag::P | Tag::Li | Tag::Heading | Tag::Block | Tag::Article | Tag::Main | Tag::Body => true,
        Tag::Removed => BLOCK_REMOVED.iter().any(|b| b.eq_ignore_ascii_case(name)),
        _ => false,
    }
}

/// Flags from an element's attributes.
fn attribute_flags(attrs: &str) -> u8 {
    let mut flags = 0;
    for (name, value) in attributes(attrs) {
        match lower(name, &mut [0; 16]) {
            b"class" | b"id" => {
                if has_word(value, &BOILERPLATE_WORDS) {
                    flags |= BOILERPLATE_CLASS;
                }
                if has_word(value, &["byline", "author"]) {
                    flags |= AUTHOR;
                }
            }
            b"itemprop" if value.eq_ignore_ascii_case("articleBody") => flags |= ARTICLE_BODY,
            b"itemprop" if value.eq_ignore_ascii_case("author") => flags |= AUTHOR,
            b"rel" if value.eq_ignore_ascii_case("author") => flags |= AUTHOR,
            b"role" if value.eq_ignore_ascii_case("main") => flags |= ROLE_MAIN,
            b"role" if value.eq_ignore_ascii_case("navigation") => flags |= HIDDEN,
            b"hidden" => flags |= HIDDEN,
            b"aria-hidden" if value.eq_ignore_ascii_case("true") => flags |= HIDDEN,
            b"style"
                if value.contains("none") && value.replace(' ', "").to_ascii_lowercase().contains("display:none") =>
            {
                flags |= HIDDEN
            }
            _ => {}
        }
    }
    flags
}

/// `class="share-buttons"`, `id="comments"`: any word (split on spaces,
/// `-` and `_`) in `words`.
fn has_word(value: &str, words: &[&str]) -> bool {
    value
        .split(|c: char| c.is_ascii_whitespace() || c == '-' || c == '_')
        .any(|word| words.iter().any(|b| b.eq_ignore_ascii_case(word)))
}

fn attribute<'v>(attrs: &'v str, wanted: &str) -> Option<&'v str> {
    attributes(attrs).find(|(name, _)| name.eq_ignore_ascii_case(wanted)).map(|(_, value)| value)
}

/// Collapses whitespace runs to one space and trims.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Builder<'a> {
    dom: Dom<'a>,
    stack: Vec<u32>,
    raw: Option<Raw>,
}

/// Builds the tree of `src` and computes text statistics.
pub(crate) fn build(src: &str) -> Dom<'_> {
    let root = Element {
        name: "",
        tag: Tag::Root,
        flags: 0,
        parent: 0,
        start: 0,
        end: 0,
        text_len: 0,
        link_len: 0,
        own_len: 0,
    };
    let dom = Dom { elements: vec![root], events: vec![Event::Open(0)], meta: PageMeta::default() };
    let mut builder = Builder { dom, stack: vec![0], raw: None };
    for token in Tokenizer::new(src) {
        match token {
            Token::Start { name, attrs, self_closing } => builder.start(name, attrs, self_closing),
            Token::End { name } => builder.end(name),
            Token::Text(text) => builder.text(text),
        }
    }
    while builder.stack.len() > 1 {
        builder.pop();
    }
    builder.dom.events.push(Event::Close(0));
    builder.dom.elements[0].end = builder.dom.events.len() as u32;
    builder.dom.finish();
    builder.dom
}

impl<'a> Builder<'a> {
    fn top(&self) -> &Element<'a> {
        &self.dom.elements[*self.stack.last().unwrap_or(&0) as usize]
    }

    fn pop(&mut self) {
        if let Some(index) = self.stack.pop() {
            self.dom.events.push(Event::Close(index));
            self.dom.elements[index as usize].end = self.dom.events.len() as u32;
        }
    }

    /// Pops up to and including the innermost open `tag`, if it is open
    /// above every element of a `boundary` kind.
    fn close_open(&mut self, tag: Tag, boundary: &[Tag]) {
        for depth in (1..self.stack.len()).rev() {
            let element = &self.dom.elements[self.stack[depth] as usize];
            if element.tag == tag {
                while self.stack.len() > depth {
                    self.pop();
                }
                return;
            }
            if boundary.contains(&element.tag) {
                return;
            }
        }
    }

    fn start(&mut self, name: &'a str, attrs: &'a str, self_closing: bool) {
        if self.raw_start(name, attrs, self_closing) {
            return;
        }
        if name.eq_ignore_ascii_case("meta") {
            self.meta(attrs);
            return;
        }
        let tag = classify(name);
        if is_void(name) && tag != Tag::Br && tag != Tag::Removed {
            return;
        }
        if closes_paragraph(tag, name) {
            self.close_open(Tag::P, &[Tag::Block, Tag::Article, Tag::Main, Tag::Cell, Tag::Li, Tag::Removed]);
        }
        match tag {
            Tag::Li => self.close_open(Tag::Li, &[Tag::Block, Tag::Article, Tag::Main, Tag::Removed]),
            Tag::Cell => self.close_open(Tag::Cell, &[Tag::Block, Tag::Article, Tag::Main]),
            Tag::Heading if self.top().tag == Tag::Heading => self.pop(),
            _ => {}
        }
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        if name.eq_ignore_ascii_case("time") {
            self.time(attrs);
        }
        let flags = if attrs.is_empty() { 0 } else { attribute_flags(attrs) };
        self.open(name, tag, flags);
        if self_closing || is_void(name) {
            self.pop();
        }
    }

    fn open(&mut self, name: &'a str, tag: Tag, flags: u8) {
        let index = self.dom.elements.len() as u32;
        let parent = *self.stack.last().unwrap_or(&0);
        let start = self.dom.events.len() as u32;
        self.dom.elements.push(Element {
            name,
            tag,
            flags,
            parent,
            start,
            end: start,
            text_len: 0,
            link_len: 0,
            own_len: 0,
        });
        self.dom.events.push(Event::Open(index));
        self.stack.push(index);
    }

    /// Handles `<script>`, `<style>`, `<title>`...: their text is not markup.
    fn raw_start(&mut self, name: &str, attrs: &str, self_closing: bool) -> bool {
        let raw = match lower(name, &mut [0; 16]) {
            b"script" => {
                let json_ld =
                    attribute(attrs, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if json_ld {
                    Raw::JsonLd
                } else {
                    Raw::Skip
                }
            }
            b"title" if self.dom.meta.title.is_none() && !self.inside(Tag::Removed) => Raw::Title,
            b"title" | b"style" | b"textarea" | b"xmp" | b"iframe" | b"noembed" | b"noframes" | b"noscript" => {
                Raw::Skip
            }
            _ => return false,
        };
        self.raw = (!self_closing).then_some(raw);
        true
    }

    fn inside(&self, tag: Tag) -> bool {
        self.stack.iter().any(|&i| self.dom.elements[i as usize].tag == tag)
    }

    fn meta(&mut self, attrs: &str) {
        let mut key = None;
        let mut content = None;
        for (name, value) in attributes(attrs) {
            match lower(name, &mut [0; 16]) {
                b"name" | b"property" | b"itemprop" | b"http-equiv" => key = Some(value.trim().to_ascii_lowercase()),
                b"content" => content = Some(value),
                _ => {}
            }
        }
        if let (Some(key), Some(content)) = (key, content) {
            self.dom.meta.metas.push((key, collapse(&decode_entities(content))));
        }
    }

    fn time(&mut self, attrs: &str) {
        let Some(datetime) = attribute(attrs, "datetime") else { return };
        let published = attributes(attrs).any(|(name, value)| {
            name.eq_ignore_ascii_case("pubdate")
                || (name.eq_ignore_ascii_case("itemprop") && value.eq_ignore_ascii_case("datePublished"))
        });
        let in_article = self.inside(Tag::Article);
        self.dom.meta.times.push(TimeTag { datetime: datetime.to_string(), published, in_article });
    }

    fn end(&mut self, name: &'a str) {
        if self.raw.take().is_some() || matches_raw_end(name) {
            return;
        }
        let tag = classify(name);
        if tag == Tag::Br {
            // `</br>` acts as `<br>`.
            self.start(name, "", true);
            return;
        }
        if tag == Tag::Body || name.eq_ignore_ascii_case("html") {
            // Content after `</body>` still belongs to the body.
            return;
        }
        if let Some(depth) = (1..self.stack.len())
            .rev()
            .find(|&d| self.dom.elements[self.stack[d] as usize].name.eq_ignore_ascii_case(name))
        {
            while self.stack.len() > depth {
                self.pop();
            }
        }
    }

    fn text(&mut self, text: &'a str) {
        match self.raw {
            Some(Raw::JsonLd) => self.dom.meta.json_ld.push(text),
            Some(Raw::Title) => self.dom.meta.title = Some(collapse(&decode_entities(text))),
            Some(Raw::Skip) => {}
            None => {
                let top = *self.stack.last().unwrap_or(&0) as usize;
                let len = text.trim().len() as u32;
                self.dom.elements[top].text_len += len;
                self.dom.elements[top].own_len += len;
                self.dom.events.push(Event::Text(text));
            }
        }
    }
}

/// End tags of raw-text elements whose start was not seen as raw.
fn matches_raw_end(name: &str) -> bool {
    ["script", "style", "title", "noscript", "textarea", "iframe"].iter().any(|r| r.eq_ignore_ascii_case(name))
}

impl Dom<'_> {
    /// Sums text and link lengths bottom-up, deciding on the way which
    /// elements are furniture: removed tags, hidden elements, and elements
    /// with a boilerplate class that are short or mostly links (a long one
    /// may be a whole article wrapper with an unlucky class name).
    fn finish(&mut self) {
        for index in (1..self.elements.len()).rev() {
            let element = &mut self.elements[index];
            if element.tag == Tag::A {
                element.link_len = element.text_len;
            }
            let furniture =
                element.has(BOILERPLATE_CLASS) && (element.text_len < 1000 || element.link_len * 2 > element.text_len);
            if element.tag == Tag::Removed || element.has(HIDDEN) || furniture {
                element.flags |= REMOVED;
                continue;
            }
            let (text_len, link_len, parent) = (element.text_len, element.link_len, element.parent as usize);
            self.elements[parent].text_len += text_len;
            self.elements[parent].link_len += link_len;
        }
        for index in 1..self.elements.len() {
            if self.elements[self.elements[index].parent as usize].has(REMOVED) {
                self.elements[index].flags |= REMOVED;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom<'_>) -> Vec<String> {
        dom.events
            .iter()
            .map(|e| match e {
                Event::Open(i) => format!("<{}>", dom.elements[*i as usize].name),
                Event::Close(i) => format!("</{}>", dom.elements[*i as usize].name),
                Event::Text(t) => t.to_string(),
            })
            .collect()
    }

    #[test]
    fn implied_end_tags() {
        let dom = build("<p>one<p>two<div>three</div><ul><li>a<li>b</ul>");
        assert_eq!(names(&dom).join(""), "<><p>one</p><p>two</p><div>three</div><ul><li>a</li><li>b</li></ul></>");
    }

    #[test]
    fn stray_end_tags_are_ignored_and_metadata_collected() {
        let dom = build(
            "<html><head><title>T &amp; U</title><meta property=og:title content='OG'>\
             <script type=\"application/ld+json\">{\"headline\":\"H\"}</script><script>var x='<p>';</script></head>\
             <body></span><p>Text</p></body></html>",
        );
        assert_eq!(dom.meta.title.as_deref(), Some("T & U"));
        assert_eq!(dom.meta.metas, vec![("og:title".to_string(), "OG".to_string())]);
        assert_eq!(dom.meta.json_ld, vec!["{\"headline\":\"H\"}"]);
        assert_eq!(dom.elements[0].text_len, 4);
    }

    #[test]
    fn furniture_is_removed_but_long_wrappers_stay() {
        let long = "word ".repeat(300);
        let html = format!(
            "<nav><p>Home</p></nav><div class='share-bar'>Share</div><div class='comments-on'><p>{long}</p></div>"
        );
        let dom = build(&html);
        let removed: Vec<&str> = dom.elements.iter().filter(|e| e.has(REMOVED)).map(|e| e.name).collect();
        assert_eq!(removed, vec!["nav", "p", "div"]);
    }
}
