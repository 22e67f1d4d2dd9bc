//! Keys for looking names up: the same folding is applied to the gazetteer's
//! names at load time and to the text at query time, so "Kyiv", "KYIV",
//! "Kyïv" and "Kup'yans'k"/"Kupyansk" meet on one key.

/// ASCII folding of U+00C0..U+024F (Latin-1 Supplement, Latin Extended-A/B);
/// an empty entry keeps the lower-cased character.
const FOLD: [&str; 400] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o",
    "", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i",
    "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", "a", "a", "a", "a",
    "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e",
    "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", "i", "i",
    "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n", "n", "n", "n", "n",
    "n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s",
    "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w",
    "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "o", "o", "", "", "", "", "", "", "", "", "",
    "", "", "", "", "u", "u", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "dz", "dz",
    "dz", "lj", "lj", "lj", "nj", "nj", "nj", "a", "a", "i", "i", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "", "a", "a", "a", "a", "", "", "", "", "g", "g", "k", "k", "o", "o", "o", "o", "", "", "j", "dz", "dz",
    "dz", "g", "g", "", "", "n", "n", "a", "a", "", "", "", "", "a", "a", "a", "a", "e", "e", "e", "e", "i", "i", "i",
    "i", "o", "o", "o", "o", "r", "r", "r", "r", "u", "u", "u", "u", "s", "s", "t", "t", "", "", "h", "h", "", "", "",
    "", "", "", "a", "a", "e", "e", "o", "o", "o", "o", "o", "o", "o", "o", "y", "y", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
];

/// Appends the folded form of `ch` to `out`.
fn push_folded(ch: char, out: &mut String) {
    // Most letters of news text are ASCII: lower-casing them needs no
    // Unicode tables (recognition folds every capitalised word it scans).
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
        return;
    }
    let code = ch as u32;
    if (0xC0..0x250).contains(&code) {
        let folded = FOLD[(code - 0xC0) as usize];
        if !folded.is_empty() {
            out.push_str(folded);
            return;
        }
    }
    out.extend(ch.to_lowercase());
}

/// The lookup key of a place name: lower case, no diacritics, no
/// apostrophes or periods ("U.S." -> "us"), hyphens and runs of spaces
/// turned into one space, a leading "the " dropped.
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    name_key_into(name, &mut out);
    out
}

/// [`name_key`] into a reused buffer (the gazetteer folds ~700,000 names at load).
pub fn name_key_into(name: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for ch in name.chars() {
        match ch {
            '\'' | '’' | '‘' | 'ʼ' | '`' | '.' => {}
            '-' | '‐' | '–' | ',' | '/' => pending_space = true,
            c if c.is_whitespace() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                push_folded(c, out);
            }
        }
    }
    if out.len() > 4 && out.starts_with("the ") {
        out.drain(..4);
    }
}

/// FNV-1a: a stable 64-bit hash, so the index can be a sorted vector of
/// hashes (fast to build, no per-name allocation) instead of a map of strings.
pub fn key_hash(key: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spelling_variants_together() {
        assert_eq!(name_key("Kup'yans'k"), name_key("Kupyansk"));
        assert_eq!(name_key("Kyïv"), "kyiv");
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(name_key("Washington, D.C."), "washington dc");
        assert_eq!(name_key("the Sahel"), "sahel");
        assert_eq!(name_key("Guinea-Bissau"), "guinea bissau");
        assert_eq!(name_key("Straße"), "strasse");
    }
}
