//! Bytes to text: byte order marks, UTF-16, UTF-8 with replacement,
//! windows-1252 / latin-1, and the test for binary junk.

use crate::error::ReadErrorKind;

/// A character set a document declared (HTTP header or `<meta charset>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Charset {
    Utf8,
    /// Also used for ISO-8859-1 / latin-1 / US-ASCII labels: browsers decode
    /// those as windows-1252 too, and it is a superset for printable text.
    Windows1252,
    Utf16Le,
    Utf16Be,
}

impl Charset {
    /// Maps an encoding label (case-insensitive, as in WHATWG Encoding) to a
    /// charset we decode; `None` for labels we do not know.
    pub(crate) fn from_label(label: &str) -> Option<Charset> {
        let label = label.trim().trim_matches(|c| c == '"' || c == '\'').to_ascii_lowercase();
        match label.as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" => Some(Charset::Utf8),
            "windows-1252" | "cp1252" | "x-cp1252" | "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1"
            | "ascii" | "us-ascii" | "iso-8859-15" | "iso8859-15" | "iso_8859-1" => Some(Charset::Windows1252),
            "utf-16" | "utf-16le" => Some(Charset::Utf16Le),
            "utf-16be" => Some(Charset::Utf16Be),
            _ => None,
        }
    }
}

/// Decoded text plus what went wrong on the way without stopping the document.
#[derive(Debug, Default)]
pub(crate) struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// How many leading bytes the binary test looks at.
const SNIFF_LEN: usize = 64 * 1024;

/// Decodes `bytes`: a BOM wins, then the declared charset, then UTF-8
/// (invalid sequences replaced by U+FFFD, with a warning).
pub(crate) fn decode(bytes: &[u8], declared: Option<Charset>) -> Result<Decoded, ReadErrorKind> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(decode_utf8(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(decode_utf16(rest, false));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(decode_utf16(rest, true));
    }
    if let Some(big_endian) = utf16_without_bom(bytes) {
        return Ok(decode_utf16(bytes, big_endian));
    }
    check_not_binary(bytes)?;
    Ok(match declared {
        Some(Charset::Windows1252) => decode_windows_1252(bytes),
        Some(Charset::Utf16Le) => decode_utf16(bytes, false),
        Some(Charset::Utf16Be) => decode_utf16(bytes, true),
        Some(Charset::Utf8) | None => decode_utf8(bytes),
    })
}

/// Rejects data that is not text: known binary signatures, NUL bytes, or
/// more than 2% control characters in the first 64 KB.
pub(crate) fn check_not_binary(bytes: &[u8]) -> Result<(), ReadErrorKind> {
    if let Some(what) = binary_signature(bytes) {
        return Err(ReadErrorKind::Binary { what: Some(what) });
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.contains(&0) {
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

/// windows-1252 bytes 0x80..0x9F (0 marks the five undefined ones, which
/// browsers map to the C1 control of the same value).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0,
    0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The character windows-1252 gives a byte.
pub(crate) fn windows_1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => match CP1252_HIGH[(byte - 0x80) as usize] {
            0 => char::from(byte),
            code => char::from_u32(u32::from(code)).unwrap_or('\u{FFFD}'),
        },
        _ => char::from(byte),
    }
}

fn decode_windows_1252(bytes: &[u8]) -> Decoded {
    // Pages labelled latin-1 are often really UTF-8: trust valid UTF-8.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_string(), warnings: Vec::new() };
    }
    Decoded { text: bytes.iter().map(|&b| windows_1252_char(b)).collect(), warnings: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello", None).unwrap().text, "hello");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "Hi \u{e9}t\u{e9} there".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&le);
        assert_eq!(decode(&with_bom, None).unwrap().text, "Hi \u{e9}t\u{e9} there");
        let be: Vec<u8> = "Plain ASCII text here".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be, None).unwrap().text, "Plain ASCII text here");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let decoded = decode(b"caf\xE9 au lait \xEF\xBF\xBD", None).unwrap();
        assert_eq!(decoded.text, "caf\u{FFFD} au lait \u{FFFD}");
        assert_eq!(decoded.warnings, vec!["invalid UTF-8: 1 byte sequence(s) replaced with U+FFFD"]);
    }

    #[test]
    fn windows_1252_declared() {
        let decoded = decode(b"\x93Quote\x94 caf\xE9", Some(Charset::Windows1252)).unwrap();
        assert_eq!(decoded.text, "\u{201C}Quote\u{201D} caf\u{e9}");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn binary_is_rejected() {
        assert_eq!(decode(b"%PDF-1.4 ...", None).unwrap_err(), ReadErrorKind::Binary { what: Some("PDF") });
        let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(matches!(decode(&junk, None), Err(ReadErrorKind::Binary { .. })));
    }

    #[test]
    fn labels() {
        assert_eq!(Charset::from_label("ISO-8859-1"), Some(Charset::Windows1252));
        assert_eq!(Charset::from_label("\"utf-8\""), Some(Charset::Utf8));
        assert_eq!(Charset::from_label("shift_jis"), None);
    }
}
