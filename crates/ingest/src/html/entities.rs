//! HTML character references: numeric (`&#8217;`, `&#x2019;`) and the named
//! ones news pages use (all of Latin-1, typographic punctuation, symbols).

use std::borrow::Cow;

use crate::decode::windows_1252_char;

/// Named references, sorted by name for binary search.
const NAMED: [(&str, char); 150] = [
    ("AElig", '\u{C6}'),
    ("Aacute", '\u{C1}'),
    ("Acirc", '\u{C2}'),
    ("Agrave", '\u{C0}'),
    ("Alpha", '\u{391}'),
    ("Aring", '\u{C5}'),
    ("Atilde", '\u{C3}'),
    ("Auml", '\u{C4}'),
    ("Ccedil", '\u{C7}'),
    ("Dagger", '\u{2021}'),
    ("ETH", '\u{D0}'),
    ("Eacute", '\u{C9}'),
    ("Ecirc", '\u{CA}'),
    ("Egrave", '\u{C8}'),
    ("Euml", '\u{CB}'),
    ("Iacute", '\u{CD}'),
    ("Icirc", '\u{CE}'),
    ("Igrave", '\u{CC}'),
    ("Iuml", '\u{CF}'),
    ("Ntilde", '\u{D1}'),
    ("OElig", '\u{152}'),
    ("Oacute", '\u{D3}'),
    ("Ocirc", '\u{D4}'),
    ("Ograve", '\u{D2}'),
    ("Oslash", '\u{D8}'),
    ("Otilde", '\u{D5}'),
    ("Ouml", '\u{D6}'),
    ("Prime", '\u{2033}'),
    ("Scaron", '\u{160}'),
    ("THORN", '\u{DE}'),
    ("Uacute", '\u{DA}'),
    ("Ucirc", '\u{DB}'),
    ("Ugrave", '\u{D9}'),
    ("Uuml", '\u{DC}'),
    ("Yacute", '\u{DD}'),
    ("Yuml", '\u{178}'),
    ("Zcaron", '\u{17D}'),
    ("aacute", '\u{E1}'),
    ("acirc", '\u{E2}'),
    ("acute", '\u{B4}'),
    ("aelig", '\u{E6}'),
    ("agrave", '\u{E0}'),
    ("alpha", '\u{3B1}'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", '\u{E5}'),
    ("asymp", '\u{2248}'),
    ("atilde", '\u{E3}'),
    ("auml", '\u{E4}'),
    ("bdquo", '\u{201E}'),
    ("brvbar", '\u{A6}'),
    ("bull", '\u{2022}'),
    ("ccedil", '\u{E7}'),
    ("cedil", '\u{B8}'),
    ("cent", '\u{A2}'),
    ("circ", '\u{2C6}'),
    ("copy", '\u{A9}'),
    ("curren", '\u{A4}'),
    ("dagger", '\u{2020}'),
    ("darr", '\u{2193}'),
    ("deg", '\u{B0}'),
    ("divide", '\u{F7}'),
    ("eacute", '\u{E9}'),
    ("ecirc", '\u{EA}'),
    ("egrave", '\u{E8}'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("eth", '\u{F0}'),
    ("euml", '\u{EB}'),
    ("euro", '\u{20AC}'),
    ("fnof", '\u{192}'),
    ("frac12", '\u{BD}'),
    ("frac14", '\u{BC}'),
    ("frac34", '\u{BE}'),
    ("ge", '\u{2265}'),
    ("gt", '>'),
    ("harr", '\u{2194}'),
    ("hellip", '\u{2026}'),
    ("iacute", '\u{ED}'),
    ("icirc", '\u{EE}'),
    ("iexcl", '\u{A1}'),
    ("igrave", '\u{EC}'),
    ("infin", '\u{221E}'),
    ("iquest", '\u{BF}'),
    ("iuml", '\u{EF}'),
    ("laquo", '\u{AB}'),
    ("larr", '\u{2190}'),
    ("ldquo", '\u{201C}'),
    ("le", '\u{2264}'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '\u{2039}'),
    ("lsquo", '\u{2018}'),
    ("lt", '<'),
    ("macr", '\u{AF}'),
    ("mdash", '\u{2014}'),
    ("micro", '\u{B5}'),
    ("middot", '\u{B7}'),
    ("minus", '\u{2212}'),
    ("nbsp", '\u{A0}'),
    ("ndash", '\u{2013}'),
    ("ne", '\u{2260}'),
    ("not", '\u{AC}'),
    ("ntilde", '\u{F1}'),
    ("oacute", '\u{F3}'),
    ("ocirc", '\u{F4}'),
    ("oelig", '\u{153}'),
    ("ograve", '\u{F2}'),
    ("ordf", '\u{AA}'),
    ("ordm", '\u{BA}'),
    ("oslash", '\u{F8}'),
    ("otilde", '\u{F5}'),
    ("ouml", '\u{F6}'),
    ("para", '\u{B6}'),
    ("permil", '\u{2030}'),
    ("plusmn", '\u{B1}'),
    ("pound", '\u{A3}'),
    ("prime", '\u{2032}'),
    ("quot", '"'),
    ("raquo", '\u{BB}'),
    ("rarr", '\u{2192}'),
    ("rdquo", '\u{201D}'),
    ("reg", '\u{AE}'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '\u{203A}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201A}'),
    ("scaron", '\u{161}'),
    ("sect", '\u{A7}'),
    ("shy", '\u{AD}'),
    ("sup1", '\u{B9}'),
    ("sup2", '\u{B2}'),
    ("sup3", '\u{B3}'),
    ("szlig", '\u{DF}'),
    ("thinsp", '\u{2009}'),
    ("thorn", '\u{FE}'),
    ("tilde", '\u{2DC}'),
    ("times", '\u{D7}'),
    ("trade", '\u{2122}'),
    ("uacute", '\u{FA}'),
    ("uarr", '\u{2191}'),
    ("ucirc", '\u{FB}'),
    ("ugrave", '\u{F9}'),
    ("uml", '\u{A8}'),
    ("uuml", '\u{FC}'),
    ("yacute", '\u{FD}'),
    ("yen", '\u{A5}'),
    ("yuml", '\u{FF}'),
    ("zcaron", '\u{17E}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Legacy names browsers also accept without the `;`.
const LEGACY: [&str; 5] = ["amp", "lt", "gt", "quot", "nbsp"];

fn lookup(name: &str) -> Option<char> {
    NAMED.binary_search_by(|(n, _)| n.cmp(&name)).ok().map(|i| NAMED[i].1)
}

/// Replaces character references; text without `&` is returned as is.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find('&') else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `text` (which begins with `&`)
/// stands for, and the reference's length in bytes.
fn reference(text: &str) -> Option<(char, usize)> {
    let body = &text[1..];
    if let Some(number) = body.strip_prefix('#') {
        return numeric(number).map(|(ch, len)| (ch, len + 2));
    }
    let name_len = body.bytes().take(32).take_while(u8::is_ascii_alphanumeric).count();
    let name = &body[..name_len];
    if body[name_len..].starts_with(';') {
        return lookup(name).map(|ch| (ch, name_len + 2));
    }
    LEGACY.contains(&name).then(|| lookup(name).map(|ch| (ch, name_len + 1))).flatten()
}

/// `123;` or `x7B;` (the `;` is optional, as in browsers).
fn numeric(text: &str) -> Option<(char, usize)> {
    let (digits_start, radix) = match text.as_bytes().first() {
        Some(b'x' | b'X') => (1, 16),
        _ => (0, 10),
    };
    let digits = text[digits_start..].bytes().take_while(|b| (*b as char).is_digit(radix)).count();
    if digits == 0 || digits > 8 {
        return None;
    }
    let end = digits_start + digits;
    let value = u32::from_str_radix(&text[digits_start..end], radix).ok()?;
    let len = end + usize::from(text[end..].starts_with(';'));
    let ch = match value {
        // Pages written in windows-1252 often reference its bytes by number.
        0x80..=0x9F => windows_1252_char(value as u8),
        0 => '\u{FFFD}',
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    };
    Some((ch, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    #[test]
    fn decodes_named_numeric_and_leaves_junk() {
        assert_eq!(
            decode_entities("Caf&eacute; &amp; &#8220;bar&#x201D; &#150; &copy;"),
            "Caf\u{e9} & \u{201C}bar\u{201D} \u{2013} \u{a9}"
        );
        assert_eq!(decode_entities("a &amp b &unknown; &#; &# &"), "a & b &unknown; &#; &# &");
        assert_eq!(decode_entities("&#0;&#xD800;&#99999999;"), "\u{FFFD}\u{FFFD}\u{FFFD}");
        assert_eq!(decode_entities("&alpha;&Alpha;"), "\u{3B1}\u{391}");
        assert!(matches!(decode_entities("plain"), Cow::Borrowed(_)));
    }
}
