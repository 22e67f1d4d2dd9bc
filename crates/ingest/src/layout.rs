//! Body text layout shared by the readers: paragraphs separated by one blank
//! line (the text stage treats blank lines as hard sentence boundaries) and
//! section headings recorded as byte spans, plus the line tests that tell
//! headings, titles and bylines from prose.

use newsgraph_core::{Document, Span};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What a reader found in one article: metadata and body.
#[derive(Debug, Default)]
pub(crate) struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// ISO 639-1 code the page declares.
    pub language: Option<String>,
    /// The page's canonical URL: the document's `source` when present.
    pub canonical: Option<String>,
    pub body: Body,
    /// Problems that did not stop the document (undecodable bytes...).
    pub warnings: Vec<String>,
}

impl Article {
    /// Every reader's document is made here, so this is where its text is
    /// composed to NFC: decomposed input ("Kyi\u{308}v", "Bogota\u{301}")
    /// would otherwise miss every name list and the gazetteer. Spans are
    /// then offsets into the composed text the document holds.
    pub(crate) fn into_document(self, id: &str, source: &str) -> Document {
        let source = self.canonical.as_deref().unwrap_or(source);
        let (text, headings) = composed(self.body);
        let mut doc = Document::new(id, source, text);
        if let Some(language) = self.language {
            doc.language = language;
        }
        doc.headings = headings;
        doc.title = self.title.map(nfc);
        doc.byline = self.byline.map(nfc);
        doc.published = self.published;
        doc.warnings = self.warnings;
        doc
    }
}

/// The body of a document: text and the heading spans inside it.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub text: String,
    pub headings: Vec<Span>,
}

impl Body {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Body { text: String::with_capacity(bytes), headings: Vec::new() }
    }

    /// Appends a paragraph (trimmed; nothing if blank).
    pub(crate) fn push_paragraph(&mut self, paragraph: &str) {
        self.push(paragraph);
    }

    /// Appends a heading paragraph and records its span.
    pub(crate) fn push_heading(&mut self, heading: &str) {
        if let Some(span) = self.push(heading) {
            self.headings.push(span);
        }
    }

    fn push(&mut self, paragraph: &str) -> Option<Span> {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            return None;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(paragraph);
        Some(Span::new(start, self.text.len()))
    }
}

/// Whether `text` is certainly NFC already (nearly all text; the quick
/// check needs no allocation).
fn is_nfc(text: &str) -> bool {
    is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// `text` in Unicode normalisation form C.
fn nfc(text: String) -> String {
    if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

/// The body's text in NFC, with its heading spans moved onto it. Headings
/// begin and end at paragraph breaks, where nothing composes across, so
/// each stretch between those offsets is composed alone.
fn composed(body: Body) -> (String, Vec<Span>) {
    if is_nfc(&body.text) {
        return (body.text, body.headings);
    }
    let mut cuts: Vec<usize> = body.headings.iter().flat_map(|h| [h.start, h.end]).collect();
    cuts.push(body.text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut text = String::with_capacity(body.text.len());
    let mut moved = Vec::with_capacity(cuts.len());
    let mut from = 0;
    for &cut in &cuts {
        text.extend(body.text[from..cut].nfc());
        moved.push(text.len());
        from = cut;
    }
    let new_offset = |old: usize| cuts.binary_search(&old).map_or(old, |i| moved[i]);
    let headings = body.headings.iter().map(|h| Span::new(new_offset(h.start), new_offset(h.end))).collect();
    (text, headings)
}

/// Words that stay lower case in title-case headings.
const MINOR_WORDS: [&str; 32] = [
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as",
    "into", "over", "under", "about", "after", "before", "vs", "vs.", "via", "per", "amid", "against", "is", "are",
    "its",
];

/// Characters that end prose (a sentence, a clause or a quotation), so a line
/// ending in one is not a heading.
const PROSE_END: [char; 17] = [
    '.', '!', '?', '\u{2026}', ';', ',', ':', '"', '\u{201D}', '\u{2019}', '\'', '\u{BB}', ')', '-', '\u{2013}',
    '\u{2014}', ']',
];

/// Characters a paragraph may end with (a hard wrap ends in none of them).
const PARAGRAPH_END: [char; 11] = ['.', '!', '?', '\u{2026}', ':', '"', '\u{201D}', '\u{2019}', '\'', '\u{BB}', ')'];

fn ends_in_prose_punctuation(line: &str) -> bool {
    line.trim_end().ends_with(PROSE_END)
}

/// Whether a line ends where a paragraph may end (as opposed to a hard wrap).
pub(crate) fn ends_paragraph(line: &str) -> bool {
    line.trim_end().ends_with(PARAGRAPH_END)
}

/// A line ending in `and`, `of`, `with`... is cut mid-phrase (a hard wrap),
/// never a complete heading or title.
fn ends_in_minor_word(line: &str) -> bool {
    line.split_whitespace().last().is_some_and(|w| MINOR_WORDS.contains(&w))
}

fn starts_upper_or_digit(line: &str) -> bool {
    line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Share of non-minor words that start with a capital letter or digit.
fn title_case_ratio(words: &[&str]) -> f32 {
    let content: Vec<&&str> = words.iter().filter(|w| !MINOR_WORDS.contains(&w.to_lowercase().as_str())).collect();
    if content.is_empty() {
        return 0.0;
    }
    let capitalised = content
        .iter()
        .filter(|w| starts_upper_or_digit(w.trim_start_matches(['"', '\'', '(', '\u{2018}', '\u{201C}'])))
        .count();
    capitalised as f32 / content.len() as f32
}

/// A markdown-ish heading: `**Text**`, `__Text__` or `# Text`; returns the text.
pub(crate) fn markup_heading(line: &str) -> Option<&str> {
    let line = line.trim();
    let inner = if let Some(rest) = line.strip_prefix("**").and_then(|r| r.strip_suffix("**")) {
        rest
    } else if let Some(rest) = line.strip_prefix("__").and_then(|r| r.strip_suffix("__")) {
        rest
    } else if line.starts_with('#') {
        let rest = line.trim_start_matches('#');
        if !rest.starts_with(' ') || line.len() - rest.len() > 6 {
            return None;
        }
        rest.trim_end_matches('#')
    } else {
        return None;
    };
    let inner = inner.trim();
    // `**a** and **b**` is emphasis inside prose, not a heading.
    (!inner.is_empty() && !inner.contains("**")).then_some(inner)
}

/// A short standalone line that reads as a section heading: at most 12
/// words and 100 characters, starts with a capital, does not end like prose,
/// and is title-cased (or at most 6 words). A question mark is allowed only
/// in fully title-cased lines ("What Comes Next?").
pub(crate) fn is_heading_like(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 100 || !starts_upper_or_digit(line) || ends_in_minor_word(line) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let ratio = title_case_ratio(&words);
    if line.ends_with('?') {
        return ratio >= 0.99 && words.len() >= 2;
    }
    !ends_in_prose_punctuation(line) && (ratio >= 0.75 || words.len() <= 6)
}

/// A title line: up to 25 words and 250 characters, starts with a capital,
/// no sentence punctuation at its end (a question or exclamation is fine,
/// and so is a final period after a fully title-cased headline, as some
/// corpora write them).
pub(crate) fn is_title_like(line: &str) -> bool {
    let line = line.trim();
    let word_list: Vec<&str> = line.split_whitespace().take(26).collect();
    let words = word_list.len();
    // American style puts the period inside a closing quote: `... Words 'Islamic Terrorist.'`
    let period = line.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}']).ends_with('.');
    let headline_with_period = period && words >= 3 && title_case_ratio(&word_list) >= 0.9;
    let ends_ok = line.ends_with(['?', '!']) || !ends_in_prose_punctuation(line) || headline_with_period;
    let complete = !ends_in_minor_word(line);
    (1..=25).contains(&words) && line.len() <= 250 && starts_upper_or_digit(line) && ends_ok && complete
}

/// Particles that appear lower case inside personal names.
const NAME_PARTICLES: [&str; 22] = [
    "al", "el", "bin", "ibn", "abu", "de", "del", "della", "der", "den", "di", "da", "dos", "das", "du", "la", "le",
    "van", "von", "ter", "y", "e",
];

/// Capitalised words that are never part of a byline name.
const NOT_NAME_WORDS: [&str; 40] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "To",
    "With",
    "From",
    "Is",
    "Are",
    "Was",
    "Were",
    "Will",
    "Has",
    "Have",
    "News",
    "Update",
    "Updates",
    "Live",
    "Video",
    "Photo",
    "Photos",
    "Related",
    "Read",
    "More",
    "Share",
    "Advertisement",
    "Copyright",
    "Rights",
    "Reserved",
    "All",
    "Comments",
    "Subscribe",
    "Follow",
    "Us",
    "Our",
    "This",
];

/// Extracts the author names from a byline-like line (`Layla Al Mansoori`,
/// `By Jane Doe and John Roe`, `- J. R. Smith, Reuters`); `None` when the
/// line is not name-like.
pub(crate) fn byline_names(line: &str) -> Option<String> {
    let line = line.trim();
    let (rest, had_by) = strip_byline_prefix(line);
    if rest.is_empty() || rest.len() > 120 || rest.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let names: Vec<&str> = rest
        .split(" and ")
        .flat_map(|part| part.split(" & "))
        .flat_map(|part| part.split(", "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    if names.is_empty() || names.len() > 4 {
        return None;
    }
    let min_words = if had_by { 1 } else { 2 };
    names.iter().all(|name| is_name(name, min_words)).then(|| rest.trim_end_matches('.').to_string())
}

/// Removes `By `, `Written by `, `- ` or an em dash before a byline.
fn strip_byline_prefix(line: &str) -> (&str, bool) {
    for prefix in ["By ", "by ", "BY ", "Written by ", "Words by "] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return (rest.trim(), true);
        }
    }
    let rest = line.trim_start_matches(['-', '\u{2014}', '\u{2013}']).trim_start();
    (rest, false)
}

fn is_name(name: &str, min_words: usize) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < min_words || words.len() > 5 {
        return false;
    }
    let capitalised = words.iter().filter(|w| is_name_word(w)).count();
    let particles = words.iter().filter(|w| NAME_PARTICLES.contains(w)).count();
    capitalised >= min_words.min(2) && capitalised + particles == words.len()
}

/// `Layla`, `O'Neil`, `Al-Mansoori`, `J.`: a capital, then letters,
/// apostrophes, hyphens or a final period.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let body_ok = word.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-' | '.'));
    let inner_dot = word.trim_end_matches('.').contains('.');
    // Abstract-noun endings (`Developments`, `Negotiations`) are not names.
    const NOUN_ENDINGS: [&str; 8] = ["ment", "ments", "tion", "tions", "sion", "sions", "ness", "ences"];
    let noun_like = NOUN_ENDINGS.iter().any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending));
    (first_upper && body_ok && !inner_dot && !noun_like && !NOT_NAME_WORDS.contains(&word)) || is_initial(word)
}

/// `J.` or `JR.`
fn is_initial(word: &str) -> bool {
    word.strip_suffix('.').is_some_and(|w| (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_text_is_composed_and_headings_follow() {
        let mut body = Body::default();
        body.push_paragraph("Sa\u{303}o Paulo and Bogota\u{301}.");
        body.push_heading("Kyi\u{308}v");
        body.push_paragraph("Odesa\u{301}.");
        let doc = Article { body, title: Some("Bogota\u{301}".into()), ..Article::default() }.into_document("i", "s");
        assert_eq!(doc.text, "S\u{E3}o Paulo and Bogot\u{E1}.\n\nKy\u{EF}v\n\nOdes\u{E1}.");
        assert_eq!(doc.headings[0].slice(&doc.text), "Ky\u{EF}v");
        assert_eq!(doc.title.as_deref(), Some("Bogot\u{E1}"));
    }

    #[test]
    fn body_spans_and_separators() {
        let mut body = Body::default();
        body.push_paragraph("  First para.  ");
        body.push_heading("Section");
        body.push_paragraph("");
        body.push_paragraph("Second para.");
        assert_eq!(body.text, "First para.\n\nSection\n\nSecond para.");
        assert_eq!(body.headings, vec![Span::new(13, 20)]);
    }

    #[test]
    fn headings() {
        assert!(is_heading_like("Advancement in Eastern Ukraine"));
        assert!(is_heading_like("Deployment of American Forces"));
        assert!(is_heading_like("What Comes Next?"));
        assert!(!is_heading_like("He left."));
        assert!(!is_heading_like("Why did he go?"));
        assert!(!is_heading_like("\"No, no, and again no.\""));
        assert!(!is_heading_like("the war goes on in the east"));
        assert!(!is_heading_like("The Kremlin made its position clear through two key officials and more"));
        assert_eq!(markup_heading("**Battlefield Developments**"), Some("Battlefield Developments"));
        assert_eq!(markup_heading("## Background"), Some("Background"));
        assert_eq!(markup_heading("**a** and **b**"), None);
        assert_eq!(markup_heading("#hashtag"), None);
    }

    #[test]
    fn titles() {
        assert!(is_title_like("Russia Seeks Permanent Resolution to Ongoing Ukraine Conflict"));
        assert!(is_title_like("Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton."));
        assert!(is_title_like("Can you imagine if Trump were a woman?"));
        assert!(is_title_like("Black Lawmakers Rip Donald Trump As A \u{2018}Disgusting Fraud.\u{2019}"));
        assert!(!is_title_like("De Blasio says Chelsea explosion was an 'intentional act.'"));
        assert!(!is_title_like("Green Party candidate Jill Stein removed from debate site by police."));
        assert!(!is_title_like("The minister met with"));
    }

    #[test]
    fn bylines() {
        assert_eq!(byline_names("Layla Al Mansoori").as_deref(), Some("Layla Al Mansoori"));
        assert_eq!(byline_names("By Jane Doe and John O'Neil").as_deref(), Some("Jane Doe and John O'Neil"));
        assert_eq!(byline_names("By Reuters").as_deref(), Some("Reuters"));
        assert_eq!(byline_names("J. R. Smith").as_deref(), Some("J. R. Smith"));
        assert_eq!(byline_names("Ludwig van Beethoven").as_deref(), Some("Ludwig van Beethoven"));
        assert_eq!(byline_names("Deployment of American Forces"), None);
        assert_eq!(byline_names("Battlefield Developments"), None);
        assert_eq!(byline_names("Peace Negotiations"), None);
        assert_eq!(byline_names("Read More"), None);
        assert_eq!(byline_names("He said it was over."), None);
        assert_eq!(byline_names("Reuters"), None);
        assert_eq!(byline_names("Posted 3 May 2024"), None);
    }
}
