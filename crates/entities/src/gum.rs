//! Reading GUM CoNLL-U files (`Entity=` bracket annotations in MISC) as
//! named-entity gold in CoNLL form.
//!
//! GUM marks every mention (named or not) with its entity type. A mention
//! counts as a *named* entity when its syntactic head is a proper noun
//! (UPOS PROPN, or Penn tag NNP/NNPS) and its type is not `time`. Types map to CoNLL classes:
//! person->PER, organization->ORG, place->LOC, anything else->MISC.
//! Spans are trimmed CoNLL-style to the name itself: the run of proper
//! nouns around the head (with "of", "and", "for", "&", "de", "the" between
//! them, except in names of people), so determiners, modifiers and trailing clauses go; leading titles
//! ("President", "Ambassador") and nested named mentions at the left edge
//! ("U.S." in "U.S. President Donald Trump") are cut too. Overlapping
//! results keep the outermost mention.

use crate::corpus::{GoldDoc, GoldSentence};
use crate::lexicon::{list, Lexicon};

struct Token {
    form: String,
    upos: String,
    /// Penn tag: "United" in "United States" is a VERB in UPOS but NNP here.
    xpos: String,
    /// 0-based index of the syntactic head in the sentence; None for the root.
    head: Option<usize>,
}

#[derive(Clone, Debug)]
struct Mention {
    start: usize,
    /// Inclusive.
    end: usize,
    etype: String,
}

/// Parses one CoNLL-U file into documents with BIO tags.
pub fn parse_gum(text: &str, lexicon: &Lexicon) -> Result<Vec<GoldDoc>, String> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut open: Vec<(String, usize, String)> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with("# newdoc") || docs.is_empty() {
            docs.push(GoldDoc::default());
        }
        if line.trim().is_empty() {
            finish_sentence(&mut docs, &mut tokens, &mut mentions, lexicon);
            open.clear();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() < 10 {
            return Err(format!("line {}: expected 10 tab-separated columns", number + 1));
        }
        if columns[0].contains('-') || columns[0].contains('.') {
            continue;
        }
        let head =
            columns[6].parse::<usize>().map_err(|_| format!("line {}: bad head {:?}", number + 1, columns[6]))?;
        let index = tokens.len();
        tokens.push(Token {
            form: columns[1].to_string(),
            upos: columns[3].to_string(),
            xpos: columns[4].to_string(),
            head: head.checked_sub(1),
        });
        if let Some(entity) = columns[9].split('|').find_map(|f| f.strip_prefix("Entity=")) {
            read_brackets(entity, index, &mut open, &mut mentions);
        }
    }
    finish_sentence(&mut docs, &mut tokens, &mut mentions, lexicon);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// Applies one token's `Entity=` value: `(id-type-...` opens a mention,
/// `id)` closes one, `(id-type-...)` is a one-token mention.
fn read_brackets(value: &str, index: usize, open: &mut Vec<(String, usize, String)>, mentions: &mut Vec<Mention>) {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'(' {
            let rest = &value[i + 1..];
            let stop = rest.find(['(', ')']).unwrap_or(rest.len());
            let mut fields = rest[..stop].split('-');
            let id = fields.next().unwrap_or("").to_string();
            let etype = fields.next().unwrap_or("").to_string();
            if rest[stop..].starts_with(')') {
                mentions.push(Mention { start: index, end: index, etype });
                i += stop + 2;
            } else {
                open.push((id, index, etype));
                i += stop + 1;
            }
        } else if bytes[i].is_ascii_digit() {
            let rest = &value[i..];
            let stop = rest.find(')').unwrap_or(rest.len());
            let id = &rest[..stop];
            if let Some(at) = open.iter().rposition(|(open_id, _, _)| open_id == id) {
                let (_, start, etype) = open.remove(at);
                mentions.push(Mention { start, end: index, etype });
            }
            i += stop + 1;
        } else {
            i += 1;
        }
    }
}

fn finish_sentence(docs: &mut [GoldDoc], tokens: &mut Vec<Token>, mentions: &mut Vec<Mention>, lexicon: &Lexicon) {
    if tokens.is_empty() {
        return;
    }
    let named: Vec<Mention> = mentions.iter().filter(|m| is_named(m, tokens)).cloned().collect();
    let mut trimmed: Vec<Mention> = named.iter().filter_map(|m| trim(m, &named, tokens, lexicon)).collect();
    trimmed.sort_by_key(|m| (m.start, usize::MAX - m.end));
    let mut tags = vec!["O".to_string(); tokens.len()];
    let mut covered_to = 0;
    for mention in trimmed {
        if mention.start < covered_to {
            continue;
        }
        for (k, tag) in tags[mention.start..=mention.end].iter_mut().enumerate() {
            *tag = format!("{}-{}", if k == 0 { "B" } else { "I" }, conll_class(&mention.etype));
        }
        covered_to = mention.end + 1;
    }
    let words = tokens.drain(..).map(|t| t.form).collect();
    if let Some(doc) = docs.last_mut() {
        doc.sentences.push(GoldSentence { words, tags });
    }
    mentions.clear();
}

fn conll_class(etype: &str) -> &'static str {
    match etype {
        "person" => "PER",
        "organization" => "ORG",
        "place" => "LOC",
        _ => "MISC",
    }
}

/// The head: the first token whose syntactic head lies outside the mention.
fn head(mention: &Mention, tokens: &[Token]) -> usize {
    (mention.start..=mention.end)
        .find(|&i| tokens[i].head.is_none_or(|h| h < mention.start || h > mention.end))
        .unwrap_or(mention.end)
}

fn is_named(mention: &Mention, tokens: &[Token]) -> bool {
    let head = &tokens[head(mention, tokens)];
    mention.etype != "time" && (head.upos == "PROPN" || head.xpos.starts_with("NNP"))
}

/// Words that may sit inside a name between proper nouns
/// ("Bank of England", "Bosnia and Herzegovina").
const CONNECTORS: [&str; 6] = ["of", "and", "&", "for", "de", "the"];

fn is_name_word(token: &Token) -> bool {
    matches!(token.upos.as_str(), "PROPN" | "NUM") || token.xpos.starts_with("NNP")
}

/// The name inside a mention: the run of proper nouns (with connectors
/// between them) around the head, without leading titles or nested names
/// at its left edge; where the head is a title ("Ambassador ... Hamdullah
/// Mohib"), the mention's last such run.
fn trim(mention: &Mention, named: &[Mention], tokens: &[Token], lexicon: &Lexicon) -> Option<Mention> {
    let is_title = |i: usize| lexicon.word(&tokens[i].form.to_lowercase()) & list::TITLE != 0;
    let head = head(mention, tokens);
    let (mut start, end) = name_run(mention, head, tokens);
    while start <= end {
        let nested =
            named.iter().find(|n| n.start == start && n.end < head && (n.start, n.end) != (mention.start, mention.end));
        match nested {
            Some(inner) => start = inner.end + 1,
            None if is_title(start) => start += 1,
            None => break,
        }
    }
    if start <= end {
        return Some(Mention { start, end, etype: mention.etype.clone() });
    }
    let last = (mention.start..=mention.end).rev().find(|&i| is_name_word(&tokens[i]) && !is_title(i))?;
    let (start, end) = name_run(mention, last, tokens);
    let start = (start..=end).find(|&i| !is_title(i))?;
    Some(Mention { start, end, etype: mention.etype.clone() })
}

/// Maximal run of name words around `at`, inside the mention; connectors
/// count when name words stand on both sides ("the" only after another
/// connector: "Daughters of the American Revolution").
fn name_run(mention: &Mention, at: usize, tokens: &[Token]) -> (usize, usize) {
    // People's names have no connectors: "Frederick Fung of ADPL" is a
    // person and a party.
    let person = mention.etype == "person";
    let connector = |i: usize| !person && CONNECTORS.contains(&tokens[i].form.to_lowercase().as_str());
    let (mut start, mut end) = (at, at);
    loop {
        let gap = (mention.start..start).rev().take_while(|&i| connector(i)).count();
        let before = start.checked_sub(gap + 1).filter(|&b| b >= mention.start);
        match before {
            Some(b) if is_name_word(&tokens[b]) && (gap == 0 || tokens[b + 1].form != "the") => start = b,
            _ => break,
        }
    }
    loop {
        let gap = (end + 1..=mention.end).take_while(|&i| connector(i)).count();
        let next = end + gap + 1;
        if next <= mention.end && is_name_word(&tokens[next]) && (gap == 0 || tokens[end + 1].form != "the") {
            end = next;
        } else {
            break;
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n\
1\tU.S.\tU.S.\tPROPN\tNNP\t_\t3\tcompound\t_\tEntity=(22-person-new-x-cf5-1-coref(18-place-giv-x-cf2-1-coref)\n\
2\tPresident\tpresident\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n\
3\tTrump\tTrump\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=22)\n\
4\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_\n\
5\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_\n\
6\tTuesday\tTuesday\tPROPN\tNNP\t_\t4\tobl\t_\tEntity=(7-time-new-x-cf1-1-coref)\n\n";

    #[test]
    fn trims_titles_and_nested_places() {
        let docs = parse_gum(SAMPLE, &Lexicon::embedded()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].sentences[0].tags, vec!["B-LOC", "O", "B-PER", "O", "O", "O"]);
    }
}
