//! Feature extraction shared by training and tagging. Features are hashed
//! to 64-bit keys without building strings, which keeps tagging fast.

use crate::labels::{Label, CLASSES};
use crate::lexicon::{list, phrase_matches, Lexicon, StrMap, StrSet};

/// Feature templates (the first byte of every hashed feature).
#[repr(u8)]
#[derive(Clone, Copy)]
enum T {
    Bias,
    Word,
    Lower,
    Shape,
    Short,
    Prefix,
    Suffix,
    LowerAt,
    ShapeAt,
    ShapeTri,
    BigramLeft,
    BigramRight,
    First,
    Caps,
    Gaz,
    GazAt,
    Phrase,
    DocLowerSeen,
    DocCapMid,
    Flags,
    Prev,
    Prev2,
    PrevWord,
    PrevShape,
    S2Own,
    S2OwnAt,
    S2Has,
    S2Major,
    S2MajorOwn,
    S2HasO,
    CapsWord,
    Len,
    Cluster,
    ClusterAt,
    Rarity,
    WordAt,
    S2OwnFar,
    S2Neighbour,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over the template byte and the parts, separated so that
/// ("ab","c") and ("a","bc") differ; then a final mix to spread the bits.
fn key(template: T, parts: &[&[u8]]) -> u64 {
    let mut h = FNV_OFFSET ^ template as u64;
    h = h.wrapping_mul(FNV_PRIME);
    for part in parts {
        for &b in *part {
            h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
        }
        h = (h ^ 0xff).wrapping_mul(FNV_PRIME);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// What the features need to know about one token.
pub struct TokenView {
    pub word: String,
    pub lower: String,
    shape: String,
    short: String,
    /// Lists the lowercase word belongs to.
    pub gaz: u16,
    /// Longest gazetteer phrase covering the token: lists and position.
    phrase: (u16, u8),
    pub capitalized: bool,
    /// Punctuation no name runs through (quotes, brackets, commas).
    pub breaks_names: bool,
    /// Brown cluster bit path (0: none).
    cluster: u32,
    /// -log probability of the lowercase form, capped.
    rarity: u8,
}

/// One sentence prepared for tagging.
pub struct SentenceView {
    pub tokens: Vec<TokenView>,
    /// Headline style: every cased word in capitals (CoNLL headlines).
    all_caps: bool,
}

/// Facts about the whole document that help decide single tokens.
#[derive(Default)]
pub struct DocContext {
    /// Lowercase forms that occur written in lowercase somewhere.
    lower_seen: StrSet,
    /// Words that occur capitalised away from the start of a normal sentence.
    cap_mid: StrSet,
}

fn shapes(word: &str) -> (String, String) {
    let mut shape = String::with_capacity(word.len());
    let mut short = String::with_capacity(4);
    let mut run = 0;
    let mut last = '\0';
    for ch in word.chars() {
        let class = if ch.is_uppercase() {
            'X'
        } else if ch.is_lowercase() {
            'x'
        } else if ch.is_numeric() {
            'd'
        } else {
            ch
        };
        run = if class == last { run + 1 } else { 1 };
        if run <= 4 {
            shape.push(class);
        }
        if run == 1 {
            short.push(class);
        }
        last = class;
    }
    (shape, short)
}

/// The doubled apostrophes and backticks some wire and archive texts
/// quote with. (Curly quotes read as '"' were tried too: as many names
/// got worse as better on the real texts, `docs/entities.md`.)
fn is_quotation_mark(word: &str) -> bool {
    matches!(word, "''" | "``")
}

/// Quotes, brackets, commas and the like: a name neither contains nor
/// spans them (unlike "&", "-", "." or "'" as in "AT&T", "U.S.", "O'Neill").
fn breaks_names(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| !c.is_alphanumeric() && !matches!(c, '&' | '-' | '.' | '\'' | '/'))
}

impl SentenceView {
    pub fn new(words: &[&str], lexicon: &Lexicon) -> Self {
        // The training text quotes with '"': doubled apostrophes read as
        // that, not as a word the model never saw.
        let words: Vec<&str> = words.iter().map(|w| if is_quotation_mark(w) { "\"" } else { w }).collect();
        let lowers: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let refs: Vec<&str> = lowers.iter().map(String::as_str).collect();
        let phrases = phrase_matches(lexicon, &refs);
        let tokens: Vec<TokenView> = words
            .iter()
            .zip(lowers)
            .zip(phrases)
            .map(|((word, lower), phrase)| {
                let (shape, short) = shapes(word);
                TokenView {
                    word: word.to_string(),
                    gaz: lexicon.word(&lower),
                    cluster: lexicon.cluster(word, &lower).map_or(0, |c| c.0),
                    rarity: lexicon.rarity(&lower).min(24) / 2,
                    lower,
                    shape,
                    short,
                    phrase,
                    capitalized: word.chars().next().is_some_and(char::is_uppercase),
                    breaks_names: breaks_names(word),
                }
            })
            .collect();
        let cased = tokens.iter().filter(|t| t.word.chars().any(char::is_alphabetic));
        let (mut letters, mut lower) = (0, 0);
        for token in cased {
            letters += 1;
            lower += token.word.chars().any(char::is_lowercase) as usize;
        }
        SentenceView { tokens, all_caps: letters >= 2 && lower == 0 }
    }
}

impl DocContext {
    pub fn new(sentences: &[SentenceView]) -> Self {
        let mut context = DocContext::default();
        for sentence in sentences {
            for (i, token) in sentence.tokens.iter().enumerate() {
                if !token.capitalized && token.word.chars().any(char::is_lowercase) {
                    context.lower_seen.insert(token.lower.clone());
                } else if token.capitalized && i > 0 && !sentence.all_caps {
                    context.cap_mid.insert(token.lower.clone());
                }
            }
        }
        context
    }
}

const START: &[u8] = b"<s>";
const END: &[u8] = b"</s>";

fn lower_at(sentence: &SentenceView, i: isize) -> &[u8] {
    match i {
        i if i < 0 => START,
        i if i as usize >= sentence.tokens.len() => END,
        i => sentence.tokens[i as usize].lower.as_bytes(),
    }
}

fn shape_at(sentence: &SentenceView, i: isize) -> &[u8] {
    match i {
        i if i < 0 => START,
        i if i as usize >= sentence.tokens.len() => END,
        i => sentence.tokens[i as usize].short.as_bytes(),
    }
}

/// Byte offset of the `n`th char boundary from the start (or the end).
fn affix(word: &str, n: usize, suffix: bool) -> Option<&str> {
    let count = word.chars().count();
    if count <= n {
        return None;
    }
    let at = if suffix { count - n } else { n };
    let byte = word.char_indices().nth(at).map(|(b, _)| b)?;
    Some(if suffix { &word[byte..] } else { &word[..byte] })
}

/// Features of token `i` that do not depend on labels chosen before it.
pub fn static_features(sentence: &SentenceView, i: usize, doc: &DocContext, out: &mut Vec<u64>) {
    let token = &sentence.tokens[i];
    let lower = token.lower.as_bytes();
    let caps = [sentence.all_caps as u8];
    out.push(key(T::Bias, &[]));
    out.push(key(T::Word, &[token.word.as_bytes()]));
    out.push(key(T::Lower, &[lower]));
    out.push(key(T::Shape, &[token.shape.as_bytes()]));
    out.push(key(T::Short, &[token.short.as_bytes(), &caps]));
    out.push(key(T::Caps, &[&caps, lower]));
    for n in 1..=5u8 {
        if let Some(p) = affix(&token.lower, n as usize, false) {
            out.push(key(T::Prefix, &[&[n], p.as_bytes()]));
        }
        if let Some(s) = affix(&token.lower, n as usize, true) {
            out.push(key(T::Suffix, &[&[n], s.as_bytes()]));
        }
    }
    let at = i as isize;
    for offset in [-2isize, -1, 1, 2] {
        let o = [offset as u8];
        out.push(key(T::LowerAt, &[&o, lower_at(sentence, at + offset)]));
    }
    for offset in [-1isize, 1] {
        let o = [offset as u8];
        out.push(key(T::ShapeAt, &[&o, shape_at(sentence, at + offset), token.short.as_bytes()]));
    }
    out.push(key(T::ShapeTri, &[shape_at(sentence, at - 1), token.short.as_bytes(), shape_at(sentence, at + 1)]));
    out.push(key(T::BigramLeft, &[lower_at(sentence, at - 1), lower]));
    out.push(key(T::BigramRight, &[lower, lower_at(sentence, at + 1)]));
    for offset in [-1isize, 1] {
        let j = at + offset;
        if j >= 0 && (j as usize) < sentence.tokens.len() {
            let word = sentence.tokens[j as usize].word.as_bytes();
            out.push(key(T::WordAt, &[&[offset as u8], word]));
        }
    }
    out.push(key(T::First, &[&[(i == 0) as u8, token.capitalized as u8, caps[0]]]));
    out.push(key(T::Len, &[&[token.word.chars().count().min(8) as u8, token.capitalized as u8]]));
    gazetteer_features(sentence, i, out);
    document_features(token, doc, out);
    cluster_features(sentence, i, out);
}

/// Prefix of `length` bits of a cluster's bit path (leading 1 is a sentinel).
fn cluster_prefix(cluster: u32, length: u32) -> u32 {
    let bits = 32 - cluster.leading_zeros();
    if bits > length + 1 {
        cluster >> (bits - length - 1)
    } else {
        cluster
    }
}

/// Brown cluster prefixes of the token and its neighbours, and how rare
/// its lowercase form is (a capitalised rare word is likely a name).
fn cluster_features(sentence: &SentenceView, i: usize, out: &mut Vec<u64>) {
    let token = &sentence.tokens[i];
    if token.cluster != 0 {
        for length in [4u32, 6, 10, 20] {
            let prefix = cluster_prefix(token.cluster, length).to_le_bytes();
            out.push(key(T::Cluster, &[&[length as u8], &prefix]));
        }
    }
    for offset in [-1isize, 1] {
        let j = i as isize + offset;
        let Some(other) = usize::try_from(j).ok().and_then(|j| sentence.tokens.get(j)) else {
            continue;
        };
        for length in [4u32, 10] {
            let prefix = cluster_prefix(other.cluster, length).to_le_bytes();
            out.push(key(T::ClusterAt, &[&[offset as u8, length as u8], &prefix]));
        }
    }
    let first = [(i == 0) as u8, token.capitalized as u8, sentence.all_caps as u8];
    out.push(key(T::Rarity, &[&[token.rarity], &first]));
}

fn gazetteer_features(sentence: &SentenceView, i: usize, out: &mut Vec<u64>) {
    let token = &sentence.tokens[i];
    for bit in 0..list::COUNT {
        let b = [bit as u8];
        if token.gaz & (1 << bit) != 0 {
            out.push(key(T::Gaz, &[&b, &[token.capitalized as u8]]));
        }
        if token.phrase.0 & (1 << bit) != 0 {
            out.push(key(T::Phrase, &[&b, &[token.phrase.1]]));
        }
        for offset in [-1isize, 1] {
            let j = i as isize + offset;
            if j >= 0 && (j as usize) < sentence.tokens.len() && sentence.tokens[j as usize].gaz & (1 << bit) != 0 {
                out.push(key(T::GazAt, &[&b, &[offset as u8]]));
            }
        }
    }
}

fn document_features(token: &TokenView, doc: &DocContext, out: &mut Vec<u64>) {
    if !token.capitalized {
        return;
    }
    let flags = [token.shape.len().min(3) as u8];
    if doc.lower_seen.contains(&token.lower) {
        out.push(key(T::DocLowerSeen, &[&flags]));
    }
    if doc.cap_mid.contains(&token.lower) {
        out.push(key(T::DocCapMid, &[&flags]));
    }
    let mut f = 0u8;
    f |= token.word.contains('-') as u8;
    f |= (token.word.contains('.') as u8) << 1;
    f |= (token.word.chars().any(|c| c.is_ascii_digit()) as u8) << 2;
    out.push(key(T::Flags, &[&[f]]));
}

/// Features that depend on the two labels chosen before token `i`.
pub fn history_features(sentence: &SentenceView, i: usize, prev: Label, prev2: Label, out: &mut Vec<u64>) {
    let token = &sentence.tokens[i];
    let (p, p2) = ([prev.0], [prev2.0]);
    out.push(key(T::Prev, &[&p]));
    out.push(key(T::Prev2, &[&p2, &p]));
    out.push(key(T::PrevWord, &[&p, token.lower.as_bytes()]));
    out.push(key(T::PrevShape, &[&p, token.short.as_bytes()]));
}

/// What the first pass said about every token of the document, for the
/// second pass: a word's other occurrences vote on its class.
pub struct FirstPass {
    /// Per lowercase word: tokens of each class, then tokens labelled O
    /// while capitalised.
    votes: StrMap<[u16; CLASSES + 1]>,
}

impl FirstPass {
    pub fn new(sentences: &[SentenceView], labels: &[Vec<Label>]) -> Self {
        let mut votes: StrMap<[u16; CLASSES + 1]> = StrMap::default();
        for (sentence, labels) in sentences.iter().zip(labels) {
            for (token, label) in sentence.tokens.iter().zip(labels) {
                if let Some(slot) = vote_slot(token, *label) {
                    votes.entry(token.lower.clone()).or_default()[slot] += 1;
                }
            }
        }
        FirstPass { votes }
    }
}

fn vote_slot(token: &TokenView, label: Label) -> Option<usize> {
    match label.class() {
        Some(class) => Some(class),
        None if token.capitalized => Some(CLASSES),
        None => None,
    }
}

/// Second-pass features: the token's and its neighbours' first-pass labels
/// and the votes of the word's other occurrences in the document.
pub fn second_pass_features(sentence: &SentenceView, i: usize, own: &[Label], first: &FirstPass, out: &mut Vec<u64>) {
    let token = &sentence.tokens[i];
    let label = own[i];
    let at = |j: isize| usize::try_from(j).ok().and_then(|j| own.get(j)).map_or(255, |l| l.0);
    let i_ = i as isize;
    out.push(key(T::S2Own, &[&[label.0]]));
    out.push(key(T::S2OwnAt, &[&[at(i_ - 1), label.0, at(i_ + 1)]]));
    out.push(key(T::S2OwnFar, &[&[at(i_ - 2), label.0, at(i_ + 2)]]));
    for offset in [-1isize, 1] {
        let j = i_ + offset;
        if let Some(other) = usize::try_from(j).ok().and_then(|j| sentence.tokens.get(j)) {
            if let Some((_, major)) = votes_elsewhere(first, other, own[j as usize]) {
                out.push(key(T::S2Neighbour, &[&[offset as u8, major, label.0]]));
            }
        }
    }
    let Some((others, major)) = votes_elsewhere(first, token, label) else {
        return;
    };
    for (class, &count) in others[..CLASSES].iter().enumerate() {
        if count > 0 {
            out.push(key(T::S2Has, &[&[class as u8]]));
        }
    }
    if others[CLASSES] > 0 {
        out.push(key(T::S2HasO, &[&[token.capitalized as u8]]));
    }
    out.push(key(T::S2Major, &[&[major]]));
    out.push(key(T::S2MajorOwn, &[&[major, label.0]]));
    out.push(key(T::CapsWord, &[&[major, sentence.all_caps as u8, token.capitalized as u8]]));
}

/// How the word's other occurrences in the document were labelled by the
/// first pass (votes per class, then capitalised-but-O), and the majority;
/// None when it has no other labelled occurrence.
fn votes_elsewhere(first: &FirstPass, token: &TokenView, label: Label) -> Option<([u16; CLASSES + 1], u8)> {
    let mut others = *first.votes.get(&token.lower)?;
    if let Some(slot) = vote_slot(token, label) {
        others[slot] -= 1;
    }
    if others.iter().sum::<u16>() == 0 {
        return None;
    }
    let major = (0..=CLASSES).max_by_key(|&c| (others[c], usize::MAX - c)).unwrap_or(CLASSES);
    Some((others, major as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shapes("Putin"), ("Xxxxx".to_string(), "Xx".to_string()));
        assert_eq!(shapes("1996-08-22").1, "d-d-d");
    }

    #[test]
    fn affixes_respect_chars() {
        assert_eq!(affix("kyiv", 2, true), Some("iv"));
        assert_eq!(affix("é", 1, false), None);
        assert_eq!(affix("zelensky", 3, false), Some("zel"));
    }

    #[test]
    fn keys_separate_parts() {
        assert_ne!(key(T::Word, &[b"ab", b"c"]), key(T::Word, &[b"a", b"bc"]));
    }
}
