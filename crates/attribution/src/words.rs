//! A read-only view of the document's tokens with lowercase forms and the
//! small closed word classes the clause grammar needs.

use std::borrow::Cow;

use newsgraph_core::words::determiners;
use newsgraph_core::{calendar, Document, Span, Token};

/// Tokens of one document, with cached lowercase forms.
pub struct Words<'d> {
    pub text: &'d str,
    pub tokens: &'d [Token],
    lower: Vec<Cow<'d, str>>,
}

impl<'d> Words<'d> {
    pub fn new(doc: &'d Document) -> Self {
        let lower = doc
            .tokens
            .iter()
            .map(|t| {
                let raw = &doc.text[t.start..t.end];
                if raw.chars().any(char::is_uppercase) {
                    Cow::Owned(raw.to_lowercase())
                } else {
                    Cow::Borrowed(raw)
                }
            })
            .collect();
        Words { text: &doc.text, tokens: &doc.tokens, lower }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The token's text; empty past the last token, so that look-ahead at
    /// a sentence or document end needs no bounds checks.
    pub fn raw(&self, i: usize) -> &'d str {
        self.tokens.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// The token's lowercase text; empty past the last token.
    pub fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |l| l)
    }

    /// Whether token `i` is exactly `s` (lowercase comparison).
    pub fn is(&self, i: usize, s: &str) -> bool {
        self.lower(i) == s
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_alphanumeric)
    }

    /// A word starting with a capital letter (or a digit-free acronym).
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_quote_mark(&self, i: usize) -> bool {
        let raw = self.raw(i);
        // The text stage keeps a run of apostrophes ("''", as some wire
        // texts quote) as one token.
        let doubled_apostrophe = raw.len() >= 2 && raw.bytes().all(|b| b == b'\'');
        doubled_apostrophe
            || matches!(raw, "\"" | "``" | "\u{201C}" | "\u{201D}" | "\u{201E}" | "\u{00AB}" | "\u{00BB}")
    }

    /// Byte span from the start of token `from` to the end of token `to - 1`.
    pub fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.tokens[from].start, self.tokens[to - 1].end)
    }

    /// Index of the token starting at or after byte `at`.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.start < at)
    }
}

/// Personal pronouns that can be the subject of a reporting verb.
pub fn is_subject_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she" | "they" | "it" | "we" | "i" | "you")
}

/// Possessives that name a speaker ("his answer", "their statement").
pub fn is_possessive_pronoun(lower: &str) -> bool {
    matches!(lower, "his" | "her" | "their" | "its" | "our" | "my")
}

/// Words that open a noun phrase: every determiner of the shared list.
pub fn is_determiner(lower: &str) -> bool {
    determiners::class(lower).is_some()
}

/// Words that may sit between a subject and its reporting verb
/// ("Zelensky has also said", "Russia did not deny").
pub fn is_verb_modifier(lower: &str) -> bool {
    matches!(
        lower,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "are"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "did"
            | "does"
            | "do"
            | "also"
            | "later"
            | "then"
            | "again"
            | "further"
            | "already"
            | "once"
            | "first"
            | "still"
            | "even"
            | "never"
            | "not"
            | "n't"
            | "always"
            | "often"
            | "been"
            | "be"
            | "just"
            | "earlier"
            | "too"
            | "now"
            | "both"
            | "all"
            | "himself"
            | "herself"
            | "themselves"
            | "itself"
            | "previously"
            | "recently"
    ) || (lower.len() > 4 && lower.ends_with("ly") && !matches!(lower, "only" | "family" | "italy" | "july"))
}

/// Temporal words allowed between a reporting verb and its clause
/// ("said today (Wednesday) that").
pub fn is_time_word(lower: &str) -> bool {
    calendar::WEEKDAYS.contains(&lower)
        || calendar::RELATIVE_DAYS.contains(&lower)
        || matches!(
            lower,
            "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "last"
                | "this"
                | "earlier"
                | "later"
                | "recently"
                | "on"
                | "in"
                | "at"
                | "during"
                | "late"
                | "early"
                | "("
                | ")"
        )
}

/// Words that can open a finite clause (used for `that`-less complements).
pub fn opens_clause(words: &Words, i: usize) -> bool {
    let lower = words.lower(i);
    if is_subject_pronoun(lower)
        || matches!(
            lower,
            "there" | "nobody" | "neither" | "none" | "everyone" | "everybody" | "someone" | "anyone" | "nothing"
        )
    {
        return true;
    }
    if words.is_capitalized(i) {
        return true;
    }
    is_determiner(lower) || lower.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Words introducing a wh-complement.
pub fn is_wh_word(lower: &str) -> bool {
    matches!(lower, "what" | "how" | "why" | "whether" | "where" | "when" | "who" | "if")
}

/// Adverbs that open a sentence before a comma ("Worse, the companies
/// ...", "Regardless, Clinton ..."): never the subject. Adverbs in "-ly"
/// ("Finally,") and "again" are verb modifiers already
/// ([`is_verb_modifier`]), which the same openers accept.
pub fn is_sentence_adverb(lower: &str) -> bool {
    matches!(
        lower,
        "worse"
            | "better"
            | "regardless"
            | "moreover"
            | "furthermore"
            | "nevertheless"
            | "nonetheless"
            | "indeed"
            | "besides"
            | "likewise"
            | "overall"
            | "otherwise"
            | "thus"
            | "hence"
            | "anyway"
    )
}

/// Closed-class words that never belong inside a speaker noun phrase
/// (even capitalized at the start of a sentence: "But", "As", "When").
pub fn is_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "as" | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "into"
            | "about"
            | "after"
            | "before"
            | "since"
            | "during"
            | "over"
            | "under"
            | "against"
            | "between"
            | "through"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "so"
            | "yet"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "when"
            | "while"
            | "where"
            | "because"
            | "if"
            | "than"
            | "then"
            | "though"
            | "although"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "should"
            | "must"
            | "do"
            | "does"
            | "did"
            | "not"
            | "what"
            | "how"
            | "why"
            | "whether"
            | "also"
            | "meanwhile"
            | "however"
            | "still"
            | "yes"
            | "comes"
            | "came"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "him"
            | "them"
            | "there"
            | "here"
            | "now"
            | "just"
            | "only"
            | "even"
            | "too"
            | "very"
            | "instead"
    )
}

/// Days, months and other time nouns that never name a speaker, even
/// capitalized ("said Tuesday", "in August").
pub fn is_calendar_word(lower: &str) -> bool {
    calendar::MONTHS.contains(&lower) || calendar::WEEKDAYS.contains(&lower) || calendar::RELATIVE_DAYS.contains(&lower)
}
