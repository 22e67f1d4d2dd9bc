//! PTB-style tokenization with byte offsets: punctuation split off, clitics
//! split ("Russia" "'s", "do" "n't"), abbreviations, numbers, URLs-ish
//! compounds ("long-term", "AT&T", "3.5", "1,000", "2:30") kept whole.

use newsgraph_core::{Span, Token};

use crate::abbreviations::is_abbreviation;

/// Appends the tokens of `text[segment]` to `out`.
pub fn tokenize(text: &str, segment: Span, out: &mut Vec<Token>) {
    let mut i = segment.start;
    let end = segment.end;
    let bytes = text.as_bytes();
    while i < end {
        // Most of news text is ASCII: skip spaces without decoding a char.
        if bytes[i] == b' ' || bytes[i] == b'\n' {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c.is_alphanumeric() {
            let word_end = scan_word(text, i, end);
            i = push_word(text, i, word_end, end, out);
        } else if let Some(clitic_end) = detached_clitic_end(text, i, end, c) {
            out.push(Token { start: i, end: clitic_end });
            i = clitic_end;
        } else {
            let punct_end = scan_punctuation(text, i, end, c);
            out.push(Token { start: i, end: punct_end });
            i = punct_end;
        }
    }
}

fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().unwrap_or(' ')
}

fn next_char(text: &str, at: usize, end: usize) -> Option<char> {
    if at < end {
        text[at..end].chars().next()
    } else {
        None
    }
}

/// End of the word starting at `start`: alphanumerics joined by connectors
/// that only count when something alphanumeric follows.
fn scan_word(text: &str, start: usize, end: usize) -> usize {
    let mut i = start;
    let mut piece_start = start;
    let mut prev = ' ';
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits, the bulk of every word, need no decoding.
        while i < end && bytes[i].is_ascii_alphanumeric() {
            prev = bytes[i] as char;
            i += 1;
        }
        let Some(c) = next_char(text, i, end) else { break };
        if c.is_alphanumeric() || is_combining(c) {
            prev = c;
            i += c.len_utf8();
            continue;
        }
        if c == '$' && is_currency_prefix(&text[start..i]) {
            i += 1;
            break;
        }
        let after = next_char(text, i + c.len_utf8(), end);
        let Some(next) = after.filter(|n| n.is_alphanumeric()) else { break };
        let joins = match c {
            '-' | '_' | '&' | '/' | '\'' | '\u{2019}' => true,
            '.' => {
                (prev.is_ascii_digit() && next.is_ascii_digit())
                    || text[piece_start..i].chars().count() == 1
                    || next.is_lowercase()
            }
            ',' => prev.is_ascii_digit() && three_digits_follow(text, i + 1, end),
            ':' => prev.is_ascii_digit() && next.is_ascii_digit(),
            _ => false,
        };
        if !joins {
            break;
        }
        i += c.len_utf8();
        if c == '.' {
            piece_start = i;
        }
    }
    i
}

/// "C", "A", "US", "HK": the capitals of a dollar ("C$", "US$"), which
/// stay one token with the sign, as in the Penn Treebank.
fn is_currency_prefix(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

fn three_digits_follow(text: &str, at: usize, end: usize) -> bool {
    let digits = text[at..end].bytes().take_while(u8::is_ascii_digit).count();
    digits == 3
}

/// Marks in the Unicode combining ranges stay inside the word they modify.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Pushes the word `text[start..word_end]` (split into clitics, with its
/// abbreviation period attached) and returns where scanning continues.
fn push_word(text: &str, start: usize, word_end: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let word = &text[start..word_end];
    if text[word_end..end].starts_with('.') && takes_period(word) {
        out.push(Token { start, end: word_end + 1 });
        return word_end + 1;
    }
    match clitic_start(word) {
        Some(split) => {
            out.push(Token { start, end: start + split });
            out.push(Token { start: start + split, end: word_end });
        }
        None => out.push(Token { start, end: word_end }),
    }
    word_end
}

/// "U.S", "p.m", single initials and listed abbreviations keep their period.
fn takes_period(word: &str) -> bool {
    let letters_only = word.chars().all(|c| c.is_alphabetic() || c == '.');
    letters_only && (word.contains('.') || word.chars().count() == 1 || is_abbreviation(word))
}

/// Byte offset inside `word` where a clitic ("n't", "'s", "'re", ...) starts.
fn clitic_start(word: &str) -> Option<usize> {
    let apostrophe = word.rfind(['\'', '\u{2019}'])?;
    let after = &word[apostrophe..];
    let rest = after.trim_start_matches(['\'', '\u{2019}']);
    let before = &word[..apostrophe];
    if rest.eq_ignore_ascii_case("t") && before.len() > 1 && before.ends_with(['n', 'N']) {
        return Some(apostrophe - 1);
    }
    (apostrophe > 0 && is_clitic(rest)).then_some(apostrophe)
}

/// Whether `rest`, after the apostrophe, is a clitic other than "n't".
fn is_clitic(rest: &str) -> bool {
    ["s", "re", "ve", "ll", "d", "m"].iter().any(|c| rest.eq_ignore_ascii_case(c))
}

/// End of a clitic written apart from its word ("Burma 's", as text
/// tokenized elsewhere has it), so that it is the one token it would be
/// attached: an apostrophe right after a space, then a clitic and no more
/// letters.
fn detached_clitic_end(text: &str, start: usize, end: usize, c: char) -> Option<usize> {
    let after_space = text[..start].ends_with(' ');
    if !matches!(c, '\'' | '\u{2019}') || !after_space {
        return None;
    }
    let word_end = scan_word(text, start + c.len_utf8(), end);
    let rest = &text[start + c.len_utf8()..word_end];
    is_clitic(rest).then_some(word_end)
}

/// Punctuation is one character, except runs of periods ("..."), dashes
/// ("--") and the doubled apostrophes and backticks that stand for
/// quotation marks ("''", "``": some wire and archive texts quote so).
fn scan_punctuation(text: &str, start: usize, end: usize, c: char) -> usize {
    let mut i = start + c.len_utf8();
    if matches!(c, '.' | '-' | '\'' | '`') {
        while next_char(text, i, end) == Some(c) {
            i += 1;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_apostrophes_quote() {
        assert_eq!(words("''Of course,'' he said."), vec!["''", "Of", "course", ",", "''", "he", "said", "."]);
        assert_eq!(words("``Yes''"), vec!["``", "Yes", "''"]);
    }

    #[test]
    fn dollars_of_a_country_are_one_token() {
        assert_eq!(words("fell C$ 0.45 to US$1.2"), vec!["fell", "C$", "0.45", "to", "US$", "1.2"]);
        assert_eq!(words("costs $5"), vec!["costs", "$", "5"]);
    }

    #[test]
    fn clitics_written_apart_stay_one_token() {
        assert_eq!(words("Burma 's Suu Kyi"), vec!["Burma", "'s", "Suu", "Kyi"]);
        assert_eq!(words("they 're here"), vec!["they", "'re", "here"]);
        assert_eq!(words("a 'sorry' note"), vec!["a", "'", "sorry", "'", "note"]);
    }

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        out.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_punctuation_and_clitics() {
        assert_eq!(
            words("Russia's forces didn't stop, Peskov said."),
            vec!["Russia", "'s", "forces", "did", "n't", "stop", ",", "Peskov", "said", "."]
        );
    }

    #[test]
    fn keeps_abbreviations_and_numbers() {
        assert_eq!(
            words("Gen. Smith met U.S. officials at 2:30 p.m. on Jan. 5 for $1,000.50 talks."),
            vec![
                "Gen.",
                "Smith",
                "met",
                "U.S.",
                "officials",
                "at",
                "2:30",
                "p.m.",
                "on",
                "Jan.",
                "5",
                "for",
                "$",
                "1,000.50",
                "talks",
                "."
            ]
        );
    }

    #[test]
    fn keeps_compounds_and_names() {
        assert_eq!(words("long-term AT&T O'Brien"), vec!["long-term", "AT&T", "O'Brien"]);
    }

    #[test]
    fn curly_quotes_and_ellipsis() {
        assert_eq!(
            words("\u{201C}No\u{2026}\u{201D} he said..."),
            vec!["\u{201C}", "No", "\u{2026}", "\u{201D}", "he", "said", "..."]
        );
    }

    #[test]
    fn sentence_final_period_is_split_from_word() {
        assert_eq!(words("It ended.The next"), vec!["It", "ended", ".", "The", "next"]);
    }
}
