//! Bytes to text: byte order marks, UTF-16, UTF-8 with replacement, the
//! WHATWG sniffing order for HTML pages (BOM, transport label, `<meta>`
//! prescan, then a statistical guess by chardetng) with every WHATWG
//! encoding decoded by encoding_rs, and the test for binary junk.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

use crate::error::ReadErrorKind;

/// Decoded text plus what went wrong on the way without stopping the document.
#[derive(Debug, Default)]
pub(crate) struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// How many leading bytes the binary test looks at.
const SNIFF_LEN: usize = 64 * 1024;

/// Decodes a text file: a BOM wins, then BOM-less UTF-16, else UTF-8
/// (invalid sequences replaced by U+FFFD, with a warning).
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, ReadErrorKind> {
    if let Some(decoded) = decode_unicode_marked(bytes) {
        return Ok(decoded);
    }
    check_not_binary(bytes, false)?;
    Ok(decode_utf8(bytes))
}

/// Decodes an HTML page in the WHATWG order: BOM, the transport label (HTTP
/// or WARC `Content-Type`), a `<meta>` declaration in the first 1024 bytes,
/// one later in the page (browsers reparse when they meet it), then a guess
/// from the bytes. Stray NUL bytes are tolerated: browsers render such pages.
pub(crate) fn decode_html(bytes: &[u8], transport: Option<&str>) -> Result<Decoded, ReadErrorKind> {
    if let Some(decoded) = decode_unicode_marked(bytes) {
        return Ok(decoded);
    }
    check_not_binary(bytes, true)?;
    let mut warnings = Vec::new();
    let mut declared = |label: Option<String>| {
        let label = label?;
        let found = Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes());
        let warning = format!("charset {label:?} is not supported, ignored");
        if found.is_none() && !warnings.contains(&warning) {
            warnings.push(warning);
        }
        found
    };
    let encoding = declared(transport.map(str::to_string))
        .or_else(|| declared(meta_charset(&bytes[..bytes.len().min(PRESCAN_LEN)])))
        .or_else(|| declared(meta_charset(&bytes[..bytes.len().min(LATE_META_LEN)])))
        .map(|encoding| match encoding {
            // A page that names UTF-16 in ASCII bytes is not UTF-16 (the
            // BOM and the zero-byte test above caught real UTF-16).
            e if e == UTF_16LE || e == UTF_16BE => UTF_8,
            e if e == X_USER_DEFINED => WINDOWS_1252,
            e => e,
        });
    let encoding = match encoding {
        // Pages labelled with a legacy charset are often really UTF-8:
        // non-ASCII text that is valid UTF-8 is almost never anything else.
        Some(e) if e != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() => UTF_8,
        Some(e) => e,
        // Valid UTF-8 is what chardetng would say too; skip its statistics.
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => guess(bytes),
    };
    let mut decoded = decode_with(bytes, encoding);
    warnings.append(&mut decoded.warnings);
    decoded.warnings = warnings;
    Ok(decoded)
}

/// Decodes an XML document (a feed): a BOM wins, then the `encoding` of
/// its `<?xml ...?>` declaration, else UTF-8 (XML's default).
pub(crate) fn decode_xml(bytes: &[u8]) -> Result<Decoded, ReadErrorKind> {
    if let Some(decoded) = decode_unicode_marked(bytes) {
        return Ok(decoded);
    }
    check_not_binary(bytes, false)?;
    let head = &bytes[..bytes.len().min(PRESCAN_LEN)];
    let declaration = head.strip_prefix(b"<?xml").and_then(|rest| rest.split(|&b| b == b'>').next());
    let label = declaration.and_then(|d| find(d, b"encoding=").map(|at| &d[at + 9..])).map(|value| {
        let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
        let end = value.iter().position(|&b| matches!(b, b'"' | b'\'' | b'?') || b.is_ascii_whitespace());
        &value[..end.unwrap_or(value.len())]
    });
    let encoding = label.and_then(Encoding::for_label).filter(|e| *e != UTF_16LE && *e != UTF_16BE).unwrap_or(UTF_8);
    Ok(decode_with(bytes, encoding))
}

/// How far the `<meta charset>` prescan looks (WHATWG: 1024 bytes).
const PRESCAN_LEN: usize = 1024;
/// How far a late `<meta charset>` is still honoured.
const LATE_META_LEN: usize = 64 * 1024;

/// Text with a byte order mark, or BOM-less UTF-16 of mostly ASCII text.
fn decode_unicode_marked(bytes: &[u8]) -> Option<Decoded> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Some(decode_utf8(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Some(decode_utf16(rest, false));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Some(decode_utf16(rest, true));
    }
    utf16_without_bom(bytes).map(|big_endian| decode_utf16(bytes, big_endian))
}

/// chardetng's guess from the first 64 KB (UTF-8 allowed: files on disk,
/// unlike pages in a browser, are mostly unlabelled UTF-8).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(LATE_META_LEN)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, Utf8Detection::Allow)
}

fn decode_with(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    if encoding == UTF_8 {
        return decode_utf8(bytes);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let warnings =
        if had_errors { vec![format!("invalid {} bytes replaced with U+FFFD", encoding.name())] } else { Vec::new() };
    Decoded { text: text.into_owned(), warnings }
}

/// The charset a `<meta charset=...>` or `<meta http-equiv=Content-Type
/// content="...; charset=...">` in `head` declares (comments skipped, as
/// the WHATWG prescan does).
fn meta_charset(head: &[u8]) -> Option<String> {
    let mut at = 0;
    while let Some(offset) = head[at..].iter().position(|&b| b == b'<') {
        at += offset;
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at += find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let tag_end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        at += tag_end.max(1);
        if tag.len() < 6 || !tag[..5].eq_ignore_ascii_case(b"<meta") || !tag[5].is_ascii_whitespace() && tag[5] != b'/'
        {
            continue;
        }
        let lower = tag.to_ascii_lowercase();
        let Some(value_at) = find(&lower, b"charset") else {
            continue;
        };
        let value = lower[value_at + 7..].trim_ascii_start();
        let Some(value) = value.strip_prefix(b"=") else {
            continue;
        };
        let value = value.trim_ascii_start();
        let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
        let end = value.iter().position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace());
        let value = &value[..end.unwrap_or(value.len())];
        if !value.is_empty() {
            return Some(String::from_utf8_lossy(value).into_owned());
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// Rejects data that is not text: known binary signatures, NUL bytes
/// (unless `nul_allowed`; then they count as control characters), or more
/// than 2% control characters in the first 64 KB.
fn check_not_binary(bytes: &[u8], nul_allowed: bool) -> Result<(), ReadErrorKind> {
    if let Some(what) = binary_signature(bytes) {
        return Err(ReadErrorKind::Binary { what: Some(what) });
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if !nul_allowed && sample.contains(&0) {
        return Err(ReadErrorKind::Binary { what: None });
    }
    let controls = sample.iter().filter(|&&b| is_binary_control(b)).count();
    if controls * 50 > sample.len() {
        return Err(ReadErrorKind::Binary { what: None });
    }
    Ok(())
}

/// Control bytes that never occur in text (tab, newlines, form feed and
/// escape are tolerated).
fn is_binary_control(byte: u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || byte == 0x7F
}

/// Names the format of well-known binary files by their magic bytes.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 9] = [
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7FELF", "ELF executable"),
        (b"BZh", "bzip2 archive"),
        (b"\xFD7zXZ\x00", "xz archive"),
        (b"\x28\xB5\x2F\xFD", "zstd archive"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|&(_, what)| what)
}

/// Detects BOM-less UTF-16 of mostly-ASCII text: every other byte zero.
/// Returns whether it is big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Latin text in UTF-16 has the high byte zero for nearly every unit and
    // the low byte almost never zero.
    if zero_odd * 10 >= pairs * 9 && zero_even == 0 {
        Some(false)
    } else if zero_even * 10 >= pairs * 9 && zero_odd == 0 {
        Some(true)
    } else {
        None
    }
}

fn decode_utf8(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded { text: text.to_string(), warnings: Vec::new() },
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replaced = text.matches('\u{FFFD}').count() - count_literal_replacements(bytes);
            let warning = format!("invalid UTF-8: {replaced} byte sequence(s) replaced with U+FFFD");
            Decoded { text, warnings: vec![warning] }
        }
    }
}

/// U+FFFD characters that were already in the input (valid UTF-8 EF BF BD).
fn count_literal_replacements(bytes: &[u8]) -> usize {
    bytes.windows(3).filter(|w| *w == b"\xEF\xBF\xBD").count()
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| {
        if big_endian {
            u16::from_be_bytes([pair[0], pair[1]])
        } else {
            u16::from_le_bytes([pair[0], pair[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut bad = 0usize;
    for unit in char::decode_utf16(units) {
        text.push(unit.unwrap_or_else(|_| {
            bad += 1;
            '\u{FFFD}'
        }));
    }
    let mut warnings = Vec::new();
    if bad > 0 {
        warnings.push(format!("invalid UTF-16: {bad} unpaired surrogate(s) replaced with U+FFFD"));
    }
    if bytes.len() % 2 == 1 {
        warnings.push("UTF-16 text has an odd trailing byte, ignored".to_string());
    }
    Decoded { text, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap().text, "hello");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "Hi \u{e9}t\u{e9} there".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&le);
        assert_eq!(decode(&with_bom).unwrap().text, "Hi \u{e9}t\u{e9} there");
        let be: Vec<u8> = "Plain ASCII text here".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be).unwrap().text, "Plain ASCII text here");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let decoded = decode(b"caf\xE9 au lait \xEF\xBF\xBD").unwrap();
        assert_eq!(decoded.text, "caf\u{FFFD} au lait \u{FFFD}");
        assert_eq!(decoded.warnings, vec!["invalid UTF-8: 1 byte sequence(s) replaced with U+FFFD"]);
    }

    #[test]
    fn html_declarations_in_whatwg_order() {
        let page = |head: &str, body: &[u8]| [head.as_bytes(), body].concat();
        let latin2 = page("<meta charset=windows-1250><p>", b"\x9Alapa \xB9");
        assert_eq!(decode_html(&latin2, None).unwrap().text, "<meta charset=windows-1250><p>\u{161}lapa \u{105}");
        // The transport label wins over the page's own declaration.
        assert!(decode_html(&latin2, Some("windows-1252")).unwrap().text.ends_with("\u{161}lapa \u{B9}"));
        let gb = page("<meta http-equiv=Content-Type content='text/html; charset=gb2312'>", b"\xD6\xD0\xCE\xC4");
        assert!(decode_html(&gb, None).unwrap().text.ends_with("\u{4E2D}\u{6587}"));
        let late = page(&format!("<!-- {} --><meta charset=\"windows-1252\">", "x".repeat(2000)), b"\x93q\x94");
        assert!(decode_html(&late, None).unwrap().text.ends_with("\u{201C}q\u{201D}"));
    }

    #[test]
    fn html_utf16_declaration_in_ascii_means_utf8() {
        let decoded = decode_html("<meta charset=\"utf-16\"><p>caf\u{e9}</p>".as_bytes(), None).unwrap();
        assert_eq!(decoded.text, "<meta charset=\"utf-16\"><p>caf\u{e9}</p>");
    }

    #[test]
    fn undeclared_html_is_guessed() {
        let text = "<p>Za\u{17C}\u{F3}\u{142}\u{107} g\u{119}\u{15B}l\u{105} ja\u{17A}\u{144}, \u{17C}\u{F3}\u{142}ta \u{142}\u{105}ka i \u{15B}liczny \u{17C}ur.</p>";
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(text);
        assert_eq!(decode_html(&bytes, None).unwrap().text, text);
        assert_eq!(decode_html("<p>caf\u{e9}</p>".as_bytes(), None).unwrap().text, "<p>caf\u{e9}</p>");
    }

    #[test]
    fn html_with_stray_nul_bytes_is_text() {
        let page = [b"<p>".as_slice(), &[0], "A long enough paragraph of ordinary page text.".as_bytes()].concat();
        assert!(decode_html(&page, None).is_ok());
        assert!(decode(&page).is_err());
    }

    #[test]
    fn xml_declaration() {
        let decoded = decode_xml(b"<?xml version='1.0' encoding='ISO-8859-1'?><rss>caf\xE9</rss>").unwrap();
        assert!(decoded.text.ends_with("<rss>caf\u{e9}</rss>"));
        assert_eq!(decode_xml("<rss>caf\u{e9}</rss>".as_bytes()).unwrap().text, "<rss>caf\u{e9}</rss>");
    }

    #[test]
    fn binary_is_rejected() {
        assert_eq!(decode(b"%PDF-1.4 ...").unwrap_err(), ReadErrorKind::Binary { what: Some("PDF") });
        let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(matches!(decode(&junk), Err(ReadErrorKind::Binary { .. })));
    }
}
