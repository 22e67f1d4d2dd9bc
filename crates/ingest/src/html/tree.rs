//! The parsed page: html5ever builds the tree a browser would (implied end
//! tags, misnested markup, entities), which is then flattened into an arena
//! so the extractor can keep per-node scores in plain vectors and walk the
//! tree without recursion (pages nest thousands of levels deep).

use std::borrow::Cow;

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, LocalName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

pub(crate) use html5ever::local_name;

/// One node of the page: an element with its attributes, or a run of text.
#[derive(Debug)]
pub(crate) struct Node {
    pub parent: usize,
    pub children: Vec<usize>,
    pub kind: Kind,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Root,
    /// Tag name (lower case, as html5ever gives it) and attributes.
    Element(LocalName, Vec<(LocalName, String)>),
    Text(String),
}

/// Node 0 is the document; children follow their parents.
#[derive(Debug)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    pub(crate) fn parse(html: &str) -> Tree {
        Tree::from_dom(parse_document(RcDom::default(), Default::default()).one(flatten_deep_nesting(html).as_ref()))
    }

    /// Parses an XML document (a feed) the same forgiving way.
    pub(crate) fn parse_xml(xml: &str) -> Tree {
        Tree::from_dom(xml5ever::driver::parse_document(RcDom::default(), Default::default()).one(xml))
    }

    fn from_dom(dom: RcDom) -> Tree {
        let mut nodes = vec![Node { parent: 0, children: Vec::new(), kind: Kind::Root }];
        // (handle, arena index of its parent); children pushed in reverse so
        // they come off the stack in document order.
        let mut stack: Vec<(Handle, usize)> =
            dom.document.children.borrow().iter().rev().map(|h| (h.clone(), 0)).collect();
        while let Some((handle, parent)) = stack.pop() {
            let kind = match &handle.data {
                NodeData::Element { name, attrs, .. } => {
                    let attrs = attrs
                        .borrow()
                        .iter()
                        .filter(|a| is_read_attribute(&a.name.local))
                        .map(|a| (a.name.local.clone(), a.value.to_string()))
                        .collect();
                    Kind::Element(name.local.clone(), attrs)
                }
                NodeData::Text { contents } => Kind::Text(contents.borrow().to_string()),
                _ => continue,
            };
            let index = nodes.len();
            nodes.push(Node { parent, children: Vec::new(), kind });
            nodes[parent].children.push(index);
            stack.extend(handle.children.borrow().iter().rev().map(|h| (h.clone(), index)));
        }
        Tree { nodes }
    }

    /// The tag name of an element node.
    pub(crate) fn tag(&self, index: usize) -> Option<&LocalName> {
        match &self.nodes[index].kind {
            Kind::Element(name, _) => Some(name),
            _ => None,
        }
    }

    pub(crate) fn is(&self, index: usize, name: &LocalName) -> bool {
        self.tag(index) == Some(name)
    }

    pub(crate) fn attr(&self, index: usize, name: &LocalName) -> Option<&str> {
        match &self.nodes[index].kind {
            Kind::Element(_, attrs) => attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Every node under `index` (itself first), in document order.
    pub(crate) fn descendants(&self, index: usize) -> Descendants<'_> {
        Descendants { tree: self, stack: vec![index] }
    }

    /// Element indices with tag `name`, in document order.
    pub(crate) fn elements(&self, name: LocalName) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(move |&i| self.is(i, &name))
    }

    /// All text under `index`, whitespace collapsed to single spaces.
    pub(crate) fn text(&self, index: usize) -> String {
        let mut out = String::new();
        for i in self.descendants(index) {
            if let Kind::Text(text) = &self.nodes[i].kind {
                for word in text.split_whitespace() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
            }
        }
        out
    }

    /// All text under `index` as written (whitespace kept): for script
    /// contents and text whose line breaks matter.
    pub(crate) fn raw_text(&self, index: usize) -> String {
        let mut out = String::new();
        for i in self.descendants(index) {
            if let Kind::Text(text) = &self.nodes[i].kind {
                out.push_str(text);
            }
        }
        out
    }

    /// Whether `index` lies inside an element named `name`.
    pub(crate) fn has_ancestor(&self, index: usize, name: &LocalName) -> bool {
        self.ancestors(index).any(|a| self.is(a, name))
    }

    /// Parents of `index`, nearest first, up to (not including) the root.
    pub(crate) fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(index), |&i| (i != 0).then(|| self.nodes[i].parent)).skip(1).take_while(|&i| i != 0)
    }
}

/// Attributes the extractor and the metadata reader look at. The others
/// (`src`, `srcset`, `data-*`, event handlers...) are not copied out of the
/// parser's tree: copying them was a good share of the reading time.
fn is_read_attribute(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("class")
            | local_name!("id")
            | local_name!("style")
            | local_name!("hidden")
            | local_name!("aria-hidden")
            | local_name!("role")
            | local_name!("itemprop")
            | local_name!("rel")
            | local_name!("href")
            | local_name!("content")
            | local_name!("name")
            | local_name!("property")
            | local_name!("http-equiv")
            | local_name!("type")
            | local_name!("lang")
            | local_name!("datetime")
    ) || &**name == "pubdate"
}

/// Elements nested deeper than this are flattened into their ancestor.
/// html5ever scans the stack of open elements for each start tag, so a
/// hostile page nested 100,000 deep would take minutes; browsers cap the
/// depth for the same reason.
const MAX_DEPTH: usize = 512;

/// Elements whose end tag may be left out: they do not deepen the tree
/// when repeated (`<p><p><p>` are siblings), so they are not counted.
const OPTIONAL_END: [&str; 19] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot",
    "colgroup", "caption", "html", "body",
];
const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// Elements whose content is text up to their end tag.
const RAW_TEXT: [&str; 9] =
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// The page with start and end tags beyond [`MAX_DEPTH`] removed (a cheap
/// tag scan; the page is borrowed unchanged when it is not that deep).
fn flatten_deep_nesting(html: &str) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut dropped = 0usize;
    // Byte ranges of the tags to remove.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = start + rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest[name_start..].bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
        let end = start + rest.find('>').map_or(rest.len(), |e| e + 1);
        at = end.max(start + 1);
        if name_len == 0 {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            at = find_end_tag(&bytes[at..], name.as_bytes()).map_or(html.len(), |p| at + p);
            continue;
        }
        let self_closing = html[start..end].ends_with("/>");
        if OPTIONAL_END.contains(&name.as_str()) || VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            if dropped > 0 {
                dropped -= 1;
                cuts.push((start, end));
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if depth >= MAX_DEPTH {
            dropped += 1;
            cuts.push((start, end));
        } else {
            depth += 1;
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Offset of `</name` (any case) in `bytes`.
fn find_end_tag(bytes: &[u8], name: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = bytes[from..].windows(2).position(|w| w == b"</") {
        let at = from + offset;
        if bytes.get(at + 2..at + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

pub(crate) struct Descendants<'t> {
    tree: &'t Tree,
    stack: Vec<usize>,
}

impl Iterator for Descendants<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let index = self.stack.pop()?;
        self.stack.extend(self.tree.nodes[index].children.iter().rev());
        Some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_browser_tree() {
        let tree = Tree::parse("<p>One &amp; <b>two<p>three");
        let paragraphs: Vec<usize> = tree.elements(local_name!("p")).collect();
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(tree.text(paragraphs[0]), "One & two");
        assert_eq!(tree.text(paragraphs[1]), "three");
        assert!(tree.has_ancestor(paragraphs[1], &local_name!("body")));
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let html = "<div>".repeat(50_000) + "deep <b>text</b>" + &"</div>".repeat(50_000) + "<p>after";
        let tree = Tree::parse(&html);
        assert_eq!(tree.text(0), "deep text after");
        let shallow = "<div><script>'<div>'</script><p>x</div>";
        assert!(matches!(flatten_deep_nesting(shallow), Cow::Borrowed(_)));
    }
}
