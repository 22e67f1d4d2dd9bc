//! Main-content extraction: choose the element holding the article text
//! (`itemprop=articleBody`, `<article>`, `<main>`, else the densest block of
//! paragraphs) and turn it into paragraphs and headings.

use super::dom::{Dom, Element, Event, Tag, ARTICLE_BODY, REMOVED, ROLE_MAIN};
use super::entities::decode_entities;
use crate::layout::Body;

/// Semantic containers shorter than this are not trusted as the content.
const MIN_CONTAINER_TEXT: u32 = 140;
/// Paragraph units shorter than this carry no content score.
const MIN_PARAGRAPH_TEXT: u32 = 25;

/// Index of the element whose text is the article.
pub(crate) fn content_root(dom: &Dom<'_>) -> usize {
    let live = |e: &&Element<'_>| !e.has(REMOVED) && e.text_len >= MIN_CONTAINER_TEXT;
    let largest = |pick: &dyn Fn(&Element<'_>) -> bool| {
        dom.elements
            .iter()
            .enumerate()
            .filter(|(_, e)| live(e) && pick(e))
            .max_by_key(|(_, e)| e.text_len)
            .map(|(i, _)| i)
    };
    largest(&|e| e.has(ARTICLE_BODY))
        .or_else(|| largest(&|e| e.tag == Tag::Article))
        .or_else(|| largest(&|e| e.tag == Tag::Main || e.has(ROLE_MAIN)))
        .or_else(|| densest(dom))
        .or_else(|| dom.elements.iter().position(|e| e.tag == Tag::Body && !e.has(REMOVED)))
        .unwrap_or(0)
}

/// Readability-style scoring: every paragraph with real text scores its
/// container fully and the container's parent by half; the best container,
/// discounted by its share of link text, wins.
fn densest(dom: &Dom<'_>) -> Option<usize> {
    let elements = &dom.elements;
    let mut scores = vec![0f32; elements.len()];
    for (index, element) in elements.iter().enumerate().skip(1) {
        if element.has(REMOVED) {
            continue;
        }
        // Text directly in a <div> (pages laid out with <br>) scores that div.
        let (unit, container) = match element.tag {
            Tag::P | Tag::Cell => (element.text_len, element.parent as usize),
            Tag::Block | Tag::Article | Tag::Main | Tag::Body => (element.own_len, index),
            _ => continue,
        };
        if unit < MIN_PARAGRAPH_TEXT {
            continue;
        }
        let score = 1.0 + (unit as f32 / 100.0).min(3.0);
        scores[container] += score;
        scores[elements[container].parent as usize] += score / 2.0;
    }
    let weighted = |i: usize| {
        let e = &elements[i];
        let link_share = if e.text_len == 0 { 0.0 } else { e.link_len as f32 / e.text_len as f32 };
        scores[i] * (1.0 - link_share.min(1.0))
    };
    (1..elements.len()).filter(|&i| scores[i] > 0.0).max_by(|&a, &b| weighted(a).total_cmp(&weighted(b)))
}

/// Builds paragraphs from the text under `root`: block elements and `<br>`
/// end paragraphs, `<h1>`..`<h6>` become headings (one equal to `title` is
/// dropped as a repeat of the headline), link-dominated paragraphs
/// (navigation lists, "read more") are dropped.
pub(crate) fn emit(dom: &Dom<'_>, root: usize, title: Option<&str>) -> Body {
    let root = &dom.elements[root];
    let mut out = Emitter { title: title.map(normalized), ..Emitter::default() };
    let mut at = root.start as usize + 1;
    let end = (root.end as usize).saturating_sub(1);
    while at < end {
        match dom.events[at] {
            Event::Open(index) => {
                let element = &dom.elements[index as usize];
                if element.has(REMOVED) {
                    at = element.end as usize;
                    continue;
                }
                out.open(element.tag);
            }
            Event::Close(index) => out.close(dom.elements[index as usize].tag),
            Event::Text(text) => out.text(text),
        }
        at += 1;
    }
    out.flush();
    out.body
}

#[derive(Default)]
struct Emitter {
    body: Body,
    paragraph: String,
    pending_space: bool,
    link_bytes: usize,
    links_open: u32,
    headings_open: u32,
    title: Option<String>,
}

fn is_block(tag: Tag) -> bool {
    matches!(tag, Tag::P | Tag::Li | Tag::Cell | Tag::Block | Tag::Article | Tag::Main | Tag::Body | Tag::Br)
}

impl Emitter {
    fn open(&mut self, tag: Tag) {
        match tag {
            Tag::Heading => {
                self.flush();
                self.headings_open += 1;
            }
            Tag::A => self.links_open += 1,
            tag if is_block(tag) => self.flush(),
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag) {
        match tag {
            Tag::Heading => {
                self.flush();
                self.headings_open = self.headings_open.saturating_sub(1);
            }
            Tag::A => self.links_open = self.links_open.saturating_sub(1),
            tag if is_block(tag) => self.flush(),
            _ => {}
        }
    }

    /// Appends text with whitespace runs collapsed to one space, word by
    /// word (an ASCII fast path: most page text is ASCII).
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        let text = decoded.as_ref();
        let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else { return };
        self.pending_space |= first.is_whitespace();
        let ascii = text.is_ascii();
        let mut words: Box<dyn Iterator<Item = &str>> =
            if ascii { Box::new(text.split_ascii_whitespace()) } else { Box::new(text.split_whitespace()) };
        if let Some(word) = words.next() {
            self.word(word, !ascii);
        }
        for word in words {
            self.pending_space = true;
            self.word(word, !ascii);
        }
        self.pending_space |= last.is_whitespace();
    }

    fn word(&mut self, word: &str, may_hide: bool) {
        if self.pending_space && !self.paragraph.is_empty() {
            self.paragraph.push(' ');
        }
        self.pending_space = false;
        let before = self.paragraph.len();
        // Invisible characters (zero-width space, BOM, soft hyphen) are dropped.
        if may_hide && word.contains(['\u{200B}', '\u{FEFF}', '\u{AD}']) {
            self.paragraph.extend(word.chars().filter(|c| !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{AD}')));
        } else {
            self.paragraph.push_str(word);
        }
        if self.links_open > 0 {
            self.link_bytes += self.paragraph.len() - before;
        }
    }

    fn flush(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        let link_bytes = std::mem::replace(&mut self.link_bytes, 0);
        self.pending_space = false;
        if paragraph.is_empty() || link_bytes * 2 > paragraph.len() || is_furniture_line(&paragraph) {
            return;
        }
        if self.headings_open == 0 {
            self.body.push_paragraph(&paragraph);
        } else if self.title.as_deref() != Some(normalized(&paragraph).as_str()) {
            self.body.push_heading(&paragraph);
        }
    }
}

/// Stock lines news pages put between paragraphs (compared lower case,
/// alphanumerics only).
const FURNITURE_LINES: [&str; 12] = [
    "advertisement",
    "continuereadingthemainstory",
    "storycontinuesbelowadvertisement",
    "articlecontinuesbelow",
    "storycontinuesbelow",
    "readmore",
    "sharethisarticle",
    "skiptocontent",
    "supportourjournalism",
    "signupforournewsletter",
    "scrolltocontinuewithcontent",
    "relatedarticles",
];

/// A paragraph that is only a stock furniture line ("Advertisement",
/// "Continue reading the main story", ...).
fn is_furniture_line(paragraph: &str) -> bool {
    paragraph.len() <= 40 && FURNITURE_LINES.contains(&normalized(paragraph).as_str())
}

/// Lower case, alphanumerics only: for comparing a heading with the title.
fn normalized(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::build;

    fn extract(html: &str) -> Body {
        let dom = build(html);
        emit(&dom, content_root(&dom), Some("The Headline"))
    }

    #[test]
    fn article_body_with_headings_and_inline_markup() {
        let body = extract(
            "<body><nav><a href=/>Home</a></nav><article><h1>The Headline</h1><p>First <b>bold</b>\n  para&nbsp;here, \
             long enough to count as text in the article body.</p><h2>Sub &amp; Section</h2><p>Second para.<br>After break.</p>\
             <div class=share>Share this</div></article><footer>(c) Site</footer></body>",
        );
        assert_eq!(
            body.text,
            "First bold para here, long enough to count as text in the article body.\n\nSub & Section\n\nSecond para.\n\nAfter break."
        );
        assert_eq!(body.headings.len(), 1);
        assert_eq!(body.headings[0].slice(&body.text), "Sub & Section");
    }

    #[test]
    fn density_picks_the_paragraph_block() {
        let para = "<p>This is a sentence of real article text, with commas, and enough length to matter.</p>";
        let html = format!(
            "<body><div id=top><ul><li><a href=a>Link one</a></li><li><a href=b>Link two</a></li></ul></div>\
             <div class=content>{para}{para}{para}</div><div><p>Short.</p></div></body>"
        );
        let body = extract(&html);
        assert_eq!(body.text.matches("This is a sentence").count(), 3);
        assert!(!body.text.contains("Link one") && !body.text.contains("Short."));
    }

    #[test]
    fn link_lists_inside_content_are_dropped() {
        let body = extract(
            "<main><p>Real text of the story that is long enough to be kept as a paragraph in the output, yes indeed.</p>\
             <ul><li><a href=x>Related: another story</a></li></ul></main>",
        );
        assert!(!body.text.contains("Related"));
    }

    #[test]
    fn whitespace_and_invisible_characters() {
        let body = extract("<main><p> a\u{A0}&nbsp;b<i>c</i> <i>d</i>\u{200B}e\u{AD}f\t\n<b>g </b>h</p></main>");
        assert_eq!(body.text, "a bc def g h");
    }

    #[test]
    fn stock_furniture_lines_are_dropped() {
        let body = extract(
            "<main><p>The council met on Tuesday to decide on the budget for next year, members said.</p>\
             <p>ADVERTISEMENT</p><p>Continue reading the main story</p><p>It passed.</p></main>",
        );
        assert_eq!(
            body.text,
            "The council met on Tuesday to decide on the budget for next year, members said.\n\nIt passed."
        );
    }

    #[test]
    fn empty_page_gives_empty_body() {
        assert!(extract("<html><head><title>x</title></head><body><script>1</script></body></html>").text.is_empty());
    }
}
