//! Main-content extraction. Paragraph-like blocks score the elements that
//! hold them (Readability's scheme: commas and length, passed up to five
//! ancestors with decaying weight, discounted by link density); the best
//! container wins, its siblings that score well or read as prose are joined
//! to it, and furniture inside (share bars, link lists, image galleries) is
//! cut. When a pass yields less than a short article, it is retried with the
//! class-name heuristics relaxed one by one, so a page whose wrapper is
//! called `sidebar` or `gallery` still gives its text.

use html5ever::LocalName;

use super::tree::{local_name, Kind, Tree};
use crate::layout::Body;

/// Below this many characters a pass is retried with looser rules.
const ENOUGH_TEXT: usize = 500;
/// Blocks shorter than this do not score their containers.
const MIN_SCORED_TEXT: usize = 25;
/// How many ancestors a block scores.
const SCORED_ANCESTORS: usize = 5;

/// Class / id fragments of elements that are almost never the article
/// (Readability's list, plus galleries, slideshows and author boxes).
const UNLIKELY: [&str; 38] = [
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "slideshow",
    "carousel",
    "gallery",
    "author-bio",
    "about-author",
    "author-box",
    "newsletter",
];
/// Fragments that save an element from [`UNLIKELY`].
const MAYBE: [&str; 8] = ["and", "article", "body", "column", "content", "main", "mathjax", "shadow"];
const UNLIKELY_ROLES: [&str; 7] = ["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];
const POSITIVE: [&str; 13] = [
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
const NEGATIVE: [&str; 27] = [
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "slideshow",
    "gallery",
    "author-bio",
];
/// Share bars, cut when short.
const SHARE: [&str; 3] = ["share", "sharedaddy", "sharing"];
const SHARE_MAX_TEXT: usize = 500;

/// One relaxation step of the extraction.
#[derive(Clone, Copy)]
struct Pass {
    strip_unlikely: bool,
    weigh_classes: bool,
    clean_conditionally: bool,
}

const PASSES: [Pass; 4] = [
    Pass { strip_unlikely: true, weigh_classes: true, clean_conditionally: true },
    Pass { strip_unlikely: false, weigh_classes: true, clean_conditionally: true },
    Pass { strip_unlikely: false, weigh_classes: false, clean_conditionally: true },
    Pass { strip_unlikely: false, weigh_classes: false, clean_conditionally: false },
];

/// Extracts the article body. `dropped` are nodes the metadata reader took
/// out (the byline); a heading equal to `title` is dropped as its repeat.
pub(crate) fn extract(tree: &Tree, title: Option<&str>, dropped: &[usize]) -> Body {
    let page = Page::new(tree, dropped);
    let mut attempts = Vec::new();
    for pass in PASSES {
        let body = page.run(pass, title);
        if body.text.chars().count() >= ENOUGH_TEXT {
            return body;
        }
        attempts.push(body);
    }
    // A short page: the strictest attempt, unless a looser one found much
    // more (the strict rules cut the article's own wrapper).
    let longest = attempts.iter().map(|b| b.text.len()).max().unwrap_or(0);
    attempts.into_iter().find(|b| b.text.len() * 3 >= longest * 2).unwrap_or_default()
}

/// Aggregates of a subtree, summed bottom-up.
#[derive(Clone, Copy, Default)]
struct Counts {
    text: usize,
    link: usize,
    commas: usize,
    paragraphs: usize,
    images: usize,
    items: usize,
    inputs: usize,
    embeds: usize,
    heading: usize,
    /// `<article>`, `<main>`, `<h1>` and `itemprop=articleBody` elements:
    /// a wrapper of one of them is not furniture, whatever its class says.
    landmarks: usize,
    /// Elements that make a `<div>` a wrapper ([`is_paragraph_breaking`]),
    /// the node itself included.
    blocks: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.text += other.text;
        self.link += other.link;
        self.commas += other.commas;
        self.paragraphs += other.paragraphs;
        self.images += other.images;
        self.items += other.items;
        self.inputs += other.inputs;
        self.embeds += other.embeds;
        self.heading += other.heading;
        self.landmarks += other.landmarks;
        self.blocks += other.blocks;
    }

    fn subtract(&mut self, other: &Counts) {
        self.text = self.text.saturating_sub(other.text);
        self.link = self.link.saturating_sub(other.link);
        self.commas = self.commas.saturating_sub(other.commas);
        self.paragraphs = self.paragraphs.saturating_sub(other.paragraphs);
        self.images = self.images.saturating_sub(other.images);
        self.items = self.items.saturating_sub(other.items);
        self.inputs = self.inputs.saturating_sub(other.inputs);
        self.embeds = self.embeds.saturating_sub(other.embeds);
        self.heading = self.heading.saturating_sub(other.heading);
        self.landmarks = self.landmarks.saturating_sub(other.landmarks);
        self.blocks = self.blocks.saturating_sub(other.blocks);
    }

    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

/// How a node's subtree sums turn into its own figures.
#[derive(Clone, Copy)]
enum Aggregate {
    Plain,
    /// A link: its text counts as link text, in tenths (Readability's
    /// weights: in-page `#` links count 30%, `javascript:` ones nothing).
    Link {
        tenths: usize,
    },
    /// A heading: its text counts as heading text.
    Heading,
}

/// What node `i` adds by itself to the counts of the subtrees holding it.
fn own_counts(tree: &Tree, i: usize) -> (Counts, Aggregate) {
    let mut own = Counts::default();
    let name = match &tree.nodes[i].kind {
        Kind::Text(text) => {
            own.text = collapsed_len(text);
            own.commas = text.chars().filter(|c| is_comma(*c)).count();
            return (own, Aggregate::Plain);
        }
        Kind::Root => return (own, Aggregate::Plain),
        Kind::Element(name, _) => name,
    };
    if tree.attr(i, &local_name!("itemprop")).is_some_and(|p| p.contains("articleBody")) {
        own.landmarks += 1;
    }
    if is_paragraph_breaking(name) {
        own.blocks += 1;
    }
    let mut aggregate = Aggregate::Plain;
    match *name {
        local_name!("a") => {
            let tenths = match tree.attr(i, &local_name!("href")).map(str::trim) {
                Some(href) if href.starts_with('#') => 3,
                Some(href) if href.starts_with("javascript:") => 0,
                _ => 10,
            };
            aggregate = Aggregate::Link { tenths };
        }
        local_name!("p") => own.paragraphs += 1,
        local_name!("article") | local_name!("main") => own.landmarks += 1,
        local_name!("img") => own.images += 1,
        local_name!("li") => own.items += 1,
        local_name!("input") => own.inputs += 1,
        local_name!("embed") | local_name!("object") | local_name!("iframe") => own.embeds += 1,
        _ if is_heading(name) => {
            own.landmarks += usize::from(*name == local_name!("h1"));
            aggregate = Aggregate::Heading;
        }
        _ => {}
    }
    (own, aggregate)
}

/// What does not change between passes.
struct Page<'t> {
    tree: &'t Tree,
    /// Never text: scripts, controls, hidden elements, the byline.
    dead: Vec<bool>,
    /// Lower-case `class` and `id`.
    names: Vec<String>,
    /// What each node adds by itself to the counts.
    own: Vec<(Counts, Aggregate)>,
    /// Counts of the page less its dead parts (for the class stripping).
    whole: Vec<Counts>,
    /// -25 for each of `class` and `id` with a negative word, +25 for each
    /// with a positive one (used when a pass weighs classes).
    weights: Vec<f32>,
    body: usize,
}

impl<'t> Page<'t> {
    fn new(tree: &'t Tree, dropped: &[usize]) -> Self {
        let mut dead: Vec<bool> = (0..tree.nodes.len()).map(|i| is_dead(tree, i)).collect();
        for &i in dropped {
            dead[i] = true;
        }
        let names = (0..tree.nodes.len())
            .map(|i| {
                let class = tree.attr(i, &local_name!("class")).unwrap_or("");
                let id = tree.attr(i, &local_name!("id")).unwrap_or("");
                if class.is_empty() && id.is_empty() {
                    String::new()
                } else {
                    format!("{class} {id}").to_lowercase()
                }
            })
            .collect();
        let weights = (0..tree.nodes.len())
            .map(|i| {
                let values = [tree.attr(i, &local_name!("class")), tree.attr(i, &local_name!("id"))];
                values
                    .into_iter()
                    .flatten()
                    .map(|value| {
                        let value = value.to_lowercase();
                        let negative = if contains_any(&value, &NEGATIVE) { -25.0 } else { 0.0 };
                        let positive = if contains_any(&value, &POSITIVE) { 25.0 } else { 0.0 };
                        negative + positive
                    })
                    .sum()
            })
            .collect();
        let body = tree.elements(local_name!("body")).next().unwrap_or(0);
        let mut page = Page { tree, dead, names, own: Vec::new(), whole: Vec::new(), weights, body };
        page.inherit_dead();
        // Dead parts (scripts above all) are never counted: skip their text.
        let none = (Counts::default(), Aggregate::Plain);
        page.own = (0..tree.nodes.len()).map(|i| if page.dead[i] { none } else { own_counts(tree, i) }).collect();
        page.whole = page.counts(&page.dead);
        page
    }

    fn run(&self, pass: Pass, title: Option<&str>) -> Body {
        let tree = self.tree;
        let mut cut = self.dead.clone();
        if pass.strip_unlikely {
            for (i, gone) in cut.iter_mut().enumerate() {
                if !*gone && self.whole[i].landmarks == 0 && self.unlikely(i) {
                    *gone = true;
                }
            }
        }
        self.inherit(&mut cut);
        let counts = self.counts(&cut);
        let scores = self.scores(pass, &cut, &counts);
        let roots = self.choose(&scores, &counts, &cut);
        if pass.clean_conditionally {
            self.clean(pass, &roots, &scores, &counts, &mut cut);
        }
        let mut out = Emitter::new(tree, &cut, title);
        for &root in &roots {
            out.emit(root);
        }
        out.finish()
    }

    /// Class and id words of furniture (Readability's "unlikely candidates").
    fn unlikely(&self, i: usize) -> bool {
        let tree = self.tree;
        let Some(tag) = tree.tag(i) else { return false };
        let role = tree.attr(i, &local_name!("role")).unwrap_or("");
        if UNLIKELY_ROLES.contains(&role) || matches!(*tag, local_name!("nav") | local_name!("aside")) {
            return true;
        }
        let names = &self.names[i];
        if names.is_empty() || matches!(*tag, local_name!("body") | local_name!("a") | local_name!("main")) {
            return false;
        }
        let in_table_or_code =
            || tree.ancestors(i).any(|a| tree.is(a, &local_name!("table")) || tree.is(a, &local_name!("code")));
        contains_any(names, &UNLIKELY) && !contains_any(names, &MAYBE) && !in_table_or_code()
    }

    fn class_weight(&self, pass: Pass, i: usize) -> f32 {
        if pass.weigh_classes {
            self.weights[i]
        } else {
            0.0
        }
    }

    fn inherit_dead(&mut self) {
        let mut dead = std::mem::take(&mut self.dead);
        self.inherit(&mut dead);
        self.dead = dead;
    }

    /// Extends every cut to the whole subtree under it (parents come
    /// before their children in the arena).
    fn inherit(&self, cut: &mut [bool]) {
        for i in 1..cut.len() {
            cut[i] |= cut[self.tree.nodes[i].parent];
        }
    }

    /// Subtree aggregates of every node, leaving out `cut` subtrees.
    /// Children follow their parents in the arena, so one backward sweep
    /// sees every child before its parent.
    fn counts(&self, cut: &[bool]) -> Vec<Counts> {
        let tree = self.tree;
        let mut counts = vec![Counts::default(); tree.nodes.len()];
        for i in (0..tree.nodes.len()).rev() {
            if cut[i] {
                continue;
            }
            let (mut sum, kind) = self.own[i];
            for &child in &tree.nodes[i].children {
                sum.add(&counts[child]);
            }
            match kind {
                Aggregate::Plain => {}
                Aggregate::Link { tenths } => sum.link = sum.text * tenths / 10,
                Aggregate::Heading => sum.heading = sum.text,
            }
            counts[i] = sum;
        }
        counts
    }

    /// Content scores: each paragraph-like block scores its ancestors; the
    /// totals are then discounted by link density.
    fn scores(&self, pass: Pass, cut: &[bool], counts: &[Counts]) -> Vec<f32> {
        let tree = self.tree;
        let mut scores = vec![0f32; tree.nodes.len()];
        let mut initialised = vec![false; tree.nodes.len()];
        for i in 0..tree.nodes.len() {
            if cut[i] {
                continue;
            }
            let Some(tag) = tree.tag(i) else { continue };
            // Paragraphs score from their parent up; a <div> holding text
            // runs of its own scores itself first, as if the runs were <p>s.
            let (length, commas, first) =
                if is_scored_tag(tag) || (*tag == local_name!("div") && !self.has_block_child(i, counts)) {
                    // A <div> holding just this paragraph stands aside.
                    let parent = tree.nodes[i].parent;
                    let first =
                        if self.wraps_one_paragraph(parent, cut, counts) { tree.nodes[parent].parent } else { parent };
                    (counts[i].text, counts[i].commas, first)
                } else if *tag == local_name!("div") {
                    let (length, commas) = self.own_inline_text(i, cut, counts);
                    (length, commas, i)
                } else {
                    continue;
                };
            if length < MIN_SCORED_TEXT || first == 0 {
                continue;
            }
            let score = 1.0 + commas as f32 + (length / 100).min(3) as f32;
            let chain = std::iter::once(first).chain(tree.ancestors(first)).take(SCORED_ANCESTORS);
            for (level, ancestor) in chain.enumerate() {
                if !initialised[ancestor] {
                    initialised[ancestor] = true;
                    scores[ancestor] = tag_weight(tree.tag(ancestor)) + self.class_weight(pass, ancestor);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    level => level as f32 * 3.0,
                };
                scores[ancestor] += score / divider;
            }
        }
        for (i, score) in scores.iter_mut().enumerate() {
            if initialised[i] {
                *score *= 1.0 - counts[i].link_density();
            } else {
                *score = f32::NAN;
            }
        }
        scores
    }

    /// Whether `i` holds a block element (so it is a wrapper, not a
    /// paragraph written as a `<div>`).
    fn has_block_child(&self, i: usize, counts: &[Counts]) -> bool {
        counts[i].blocks > usize::from(self.tree.tag(i).is_some_and(is_paragraph_breaking))
    }

    /// A `<div>` whose only content is one `<p>` (Readability replaces it
    /// by the paragraph).
    fn wraps_one_paragraph(&self, i: usize, cut: &[bool], counts: &[Counts]) -> bool {
        let tree = self.tree;
        if !tree.is(i, &local_name!("div")) || counts[i].link_density() >= 0.25 {
            return false;
        }
        let mut children = tree.nodes[i].children.iter().filter(|&&c| !cut[c]);
        let mut paragraphs = 0;
        let only_paragraph = children.all(|&c| match &tree.nodes[c].kind {
            Kind::Text(text) => text.trim().is_empty(),
            _ => {
                paragraphs += 1;
                tree.is(c, &local_name!("p"))
            }
        });
        only_paragraph && paragraphs == 1
    }

    /// Length and commas of the text directly in `i` and in its inline
    /// children.
    fn own_inline_text(&self, i: usize, cut: &[bool], counts: &[Counts]) -> (usize, usize) {
        let tree = self.tree;
        tree.nodes[i]
            .children
            .iter()
            .filter(|&&c| !cut[c] && !tree.tag(c).is_some_and(is_paragraph_breaking))
            .fold((0, 0), |(length, commas), &c| (length + counts[c].text, commas + counts[c].commas))
    }

    /// The best-scoring container and the siblings that belong with it.
    fn choose(&self, scores: &[f32], counts: &[Counts], cut: &[bool]) -> Vec<usize> {
        let tree = self.tree;
        let score = |i: usize| if scores[i].is_nan() { 0.0 } else { scores[i] };
        let mut candidates: Vec<usize> = (0..scores.len()).filter(|&i| !scores[i].is_nan()).collect();
        candidates.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        let Some(&first) = candidates.first() else {
            return vec![self.body];
        };
        if first == self.body {
            return vec![self.body];
        }
        let mut top = first;
        // Several near-best candidates under one ancestor: that ancestor
        // holds the article split into sections.
        let close: Vec<usize> = candidates[1..candidates.len().min(5)]
            .iter()
            .copied()
            .filter(|&c| scores[c] / scores[top] >= 0.75)
            .collect();
        if close.len() >= 3 {
            for ancestor in tree.ancestors(top).take_while(|&a| a != self.body) {
                let shared = close.iter().filter(|&&c| tree.ancestors(c).any(|a| a == ancestor)).count();
                if shared >= 3 {
                    top = ancestor;
                    break;
                }
            }
        }
        // Climb while a parent scores better than what it was handed.
        let mut last = score(top);
        let threshold = last / 3.0;
        for parent in tree.ancestors(top).take_while(|&a| a != self.body) {
            if scores[parent].is_nan() {
                continue;
            }
            if scores[parent] < threshold {
                break;
            }
            if scores[parent] > last {
                top = parent;
                break;
            }
            last = scores[parent];
        }
        // An only child stands for its parent.
        loop {
            let parent = tree.nodes[top].parent;
            if parent == self.body || parent == 0 || self.element_children(parent, cut).count() != 1 {
                break;
            }
            top = parent;
        }
        let parent = tree.nodes[top].parent;
        if parent == 0 {
            return vec![top];
        }
        let top_score = score(top);
        let sibling_threshold = (top_score * 0.2).max(10.0);
        let top_class = tree.attr(top, &local_name!("class")).unwrap_or("");
        self.element_children(parent, cut)
            .filter(|&sibling| {
                if sibling == top {
                    return true;
                }
                let class = tree.attr(sibling, &local_name!("class")).unwrap_or("");
                let bonus = if !top_class.is_empty() && class == top_class { top_score * 0.2 } else { 0.0 };
                if score(sibling) + bonus >= sibling_threshold {
                    return true;
                }
                let paragraph = tree.is(sibling, &local_name!("p"))
                    || tree.is(sibling, &local_name!("div"))
                        && (!self.has_block_child(sibling, counts) || self.wraps_one_paragraph(sibling, cut, counts));
                if !paragraph {
                    return false;
                }
                let c = &counts[sibling];
                let density = c.link_density();
                // A short line joins only as a real <p>: a <div> of one
                // sentence beside the article is more often a blurb.
                let short_sentence = c.text > 0
                    && c.text <= 80
                    && density == 0.0
                    && tree.is(sibling, &local_name!("p"))
                    && ends_sentence(tree, sibling);
                (c.text > 80 && density < 0.25) || short_sentence
            })
            .collect()
    }

    fn element_children<'a>(&'a self, i: usize, cut: &'a [bool]) -> impl Iterator<Item = usize> + 'a {
        self.tree.nodes[i].children.iter().copied().filter(move |&c| !cut[c] && self.tree.tag(c).is_some())
    }

    /// Cuts furniture inside the chosen content: short share bars, headings
    /// weighed as furniture, and lists, tables and blocks that are mostly
    /// links, images or form fields (Readability's conditional cleaning).
    fn clean(&self, pass: Pass, roots: &[usize], scores: &[f32], counts: &[Counts], cut: &mut [bool]) {
        let tree = self.tree;
        let inside: Vec<usize> = roots.iter().flat_map(|&r| tree.descendants(r).skip(1)).collect();
        for &i in &inside {
            let Some(tag) = tree.tag(i) else { continue };
            let share = !self.names[i].is_empty()
                && self.names[i].split(|c: char| !c.is_alphanumeric()).any(|w| SHARE.contains(&w))
                && counts[i].text < SHARE_MAX_TEXT;
            let furniture_heading =
                matches!(*tag, local_name!("h1") | local_name!("h2")) && self.class_weight(pass, i) < 0.0;
            if share || furniture_heading || matches!(*tag, local_name!("aside") | local_name!("footer")) {
                cut[i] = true;
            }
        }
        self.inherit(cut);
        // Innermost first, so a wrapper is judged without the furniture
        // already cut inside it.
        let mut counts = self.counts(cut);
        for &i in inside.iter().rev() {
            if cut[i] {
                continue;
            }
            let Some(tag) = tree.tag(i) else { continue };
            let list = matches!(*tag, local_name!("ul") | local_name!("ol"));
            let conditional = list
                || matches!(
                    *tag,
                    local_name!("form")
                        | local_name!("fieldset")
                        | local_name!("table")
                        | local_name!("div")
                        | local_name!("section")
                );
            if !conditional || (*tag == local_name!("table") && self.is_data_table(i)) {
                continue;
            }
            let weight = self.class_weight(pass, i);
            let score = if scores[i].is_nan() { 0.0 } else { scores[i] };
            let c = counts[i];
            // A list of nothing but links is navigation or a related-stories
            // feed, wherever it sits.
            let link_list = list && c.text > 0 && c.link_density() > 0.9;
            let remove =
                link_list || weight + score < 0.0 || (c.commas < 10 && self.looks_like_furniture(i, list, weight, &c));
            if remove {
                cut[i] = true;
                for ancestor in tree.ancestors(i) {
                    counts[ancestor].subtract(&c);
                }
            }
        }
    }

    fn looks_like_furniture(&self, i: usize, list: bool, weight: f32, c: &Counts) -> bool {
        let density = c.link_density();
        let heading_density = if c.text == 0 { 0.0 } else { c.heading as f32 / c.text as f32 };
        let items = c.items.saturating_sub(100);
        (c.images > 1
            && (c.paragraphs as f32) / (c.images as f32) < 0.5
            && !self.tree.has_ancestor(i, &local_name!("figure")))
            || (!list && items > c.paragraphs)
            || c.inputs > c.paragraphs / 3
            || (!list && heading_density < 0.9 && c.text < 25 && (c.images == 0 || c.images > 2) && density > 0.0)
            || (!list && weight < 25.0 && density > 0.2)
            || (weight >= 25.0 && density > 0.5)
            || (c.embeds == 1 && c.text < 75)
            || c.embeds > 1
    }

    /// Tables of data (headers, captions, a summary) rather than layout.
    fn is_data_table(&self, i: usize) -> bool {
        let tree = self.tree;
        tree.attr(i, &local_name!("role")) != Some("presentation")
            && tree.descendants(i).any(|d| {
                matches!(tree.tag(d), Some(t) if matches!(*t, local_name!("th") | local_name!("caption") | local_name!("thead")))
            })
    }
}

/// Elements that are never text: scripts, media, form controls, and
/// anything hidden by attribute or inline style.
fn is_dead(tree: &Tree, i: usize) -> bool {
    let Some(tag) = tree.tag(i) else { return false };
    if matches!(
        *tag,
        local_name!("head")
            | local_name!("nav")
            | local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("iframe")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("canvas")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("button")
            | local_name!("select")
            | local_name!("input")
            | local_name!("textarea")
            | local_name!("option")
            | local_name!("dialog")
            | local_name!("link")
            | local_name!("meta")
    ) {
        return true;
    }
    if tree.attr(i, &local_name!("hidden")).is_some() || tree.attr(i, &local_name!("aria-hidden")) == Some("true") {
        return true;
    }
    tree.attr(i, &local_name!("style")).is_some_and(|style| {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| haystack.contains(n))
}

/// Readability counts Latin, Arabic and CJK commas alike.
fn is_comma(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{060C}' | '\u{FE50}' | '\u{FE10}' | '\u{FE11}' | '\u{2E41}' | '\u{2E34}' | '\u{2E32}' | '\u{FF0C}'
    )
}

/// Characters of `text` with whitespace runs counted as one.
fn collapsed_len(text: &str) -> usize {
    let mut length = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            length += 1 + usize::from(space && length > 0);
            space = false;
        }
    }
    length
}

fn ends_sentence(tree: &Tree, i: usize) -> bool {
    let text = tree.text(i);
    text.ends_with('.') || text.contains(". ")
}

/// Blocks that score their ancestors.
fn is_scored_tag(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("p")
            | local_name!("pre")
            | local_name!("td")
            | local_name!("section")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Elements that make a `<div>` a wrapper rather than a paragraph.
fn is_paragraph_breaking(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("blockquote")
            | local_name!("dl")
            | local_name!("div")
            | local_name!("img")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("table")
            | local_name!("ul")
            | local_name!("section")
            | local_name!("article")
    )
}

fn tag_weight(tag: Option<&LocalName>) -> f32 {
    match tag.map(|t| &**t) {
        Some("div") => 5.0,
        Some("pre" | "td" | "blockquote") => 3.0,
        Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
        _ => 0.0,
    }
}

/// Inline elements: their text runs on within the paragraph.
fn is_inline(tag: &LocalName) -> bool {
    matches!(
        &**tag,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "img"
            | "ins"
            | "kbd"
            | "label"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "wbr"
            | "nobr"
    )
}

fn is_heading(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Turns the chosen content into paragraphs and headings: block elements
/// and `<br>` end paragraphs, `<h1>`..`<h6>` become headings (one equal to
/// the title is dropped as a repeat of the headline), stock furniture
/// lines are dropped.
struct Emitter<'a> {
    tree: &'a Tree,
    cut: &'a [bool],
    body: Body,
    paragraph: String,
    pending_space: bool,
    headings_open: u32,
    title: Option<String>,
}

impl<'a> Emitter<'a> {
    fn new(tree: &'a Tree, cut: &'a [bool], title: Option<&str>) -> Self {
        Emitter {
            tree,
            cut,
            body: Body::default(),
            paragraph: String::new(),
            pending_space: false,
            headings_open: 0,
            title: title.map(normalized),
        }
    }

    /// Walks the subtree of `root` without recursion: `(node, closing)`.
    fn emit(&mut self, root: usize) {
        let mut stack = vec![(root, false)];
        while let Some((i, closing)) = stack.pop() {
            if self.cut[i] {
                continue;
            }
            match &self.tree.nodes[i].kind {
                Kind::Text(text) if !closing => self.text(text),
                Kind::Element(tag, _) if closing => self.close(tag),
                Kind::Element(tag, _) => {
                    self.open(tag);
                    stack.push((i, true));
                    stack.extend(self.tree.nodes[i].children.iter().rev().map(|&c| (c, false)));
                }
                _ => {}
            }
        }
        self.flush();
    }

    fn finish(mut self) -> Body {
        self.flush();
        self.body
    }

    fn open(&mut self, tag: &LocalName) {
        if is_heading(tag) {
            self.flush();
            self.headings_open += 1;
        } else if !is_inline(tag) {
            self.flush();
        }
    }

    fn close(&mut self, tag: &LocalName) {
        if is_heading(tag) {
            self.flush();
            self.headings_open = self.headings_open.saturating_sub(1);
        } else if !is_inline(tag) {
            self.flush();
        }
    }

    /// Appends text with whitespace runs collapsed to one space.
    fn text(&mut self, text: &str) {
        let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
            return;
        };
        self.pending_space |= first.is_whitespace();
        let mut words = text.split_whitespace();
        if let Some(word) = words.next() {
            self.word(word);
        }
        for word in words {
            self.pending_space = true;
            self.word(word);
        }
        self.pending_space |= last.is_whitespace();
    }

    fn word(&mut self, word: &str) {
        if self.pending_space && !self.paragraph.is_empty() {
            self.paragraph.push(' ');
        }
        self.pending_space = false;
        // Invisible characters (zero-width space, BOM, soft hyphen) are dropped.
        if word.contains(['\u{200B}', '\u{FEFF}', '\u{AD}']) {
            self.paragraph.extend(word.chars().filter(|c| !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{AD}')));
        } else {
            self.paragraph.push_str(word);
        }
    }

    fn flush(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        self.pending_space = false;
        if paragraph.is_empty() || is_furniture_line(&paragraph) {
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
const FURNITURE_LINES: [&str; 14] = [
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
    "likethis",
    "loading",
];

/// A paragraph that is only a stock furniture line ("Advertisement",
/// "Continue reading the main story", ...).
fn is_furniture_line(paragraph: &str) -> bool {
    paragraph.len() <= 40 && FURNITURE_LINES.contains(&normalized(paragraph).as_str())
}

/// Lower case, alphanumerics only: for comparing a heading with the title.
pub(crate) fn normalized(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Body {
        extract(&Tree::parse(html), Some("The Headline"), &[])
    }

    #[test]
    fn article_body_with_headings_and_inline_markup() {
        let body = body(
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
        let body = body(&html);
        assert_eq!(body.text.matches("This is a sentence").count(), 3);
        assert!(!body.text.contains("Link one") && !body.text.contains("Short."));
    }

    #[test]
    fn link_lists_inside_content_are_dropped() {
        let body = body(
            "<main><p>Real text of the story that is long enough to be kept as a paragraph in the output, yes indeed.</p>\
             <ul><li><a href=x>Related: another story</a></li></ul></main>",
        );
        assert!(!body.text.contains("Related"));
    }

    #[test]
    fn whitespace_and_invisible_characters() {
        let body = body("<main><p> a\u{A0}&nbsp;b<i>c</i> <i>d</i>\u{200B}e\u{AD}f\t\n<b>g </b>h</p></main>");
        assert_eq!(body.text, "a bc def g h");
    }

    #[test]
    fn stock_furniture_lines_are_dropped() {
        let body = body(
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
        assert!(body("<html><head><title>x</title></head><body><script>1</script></body></html>").text.is_empty());
    }

    #[test]
    fn collapsed_lengths() {
        assert_eq!(collapsed_len("  a  b\n c "), 5);
        assert_eq!(collapsed_len(""), 0);
    }
}
