//! A language code (ISO 639-1, or `und` when undetermined), checked when made.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ISO 639-1 code (two lower-case letters) or `und`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language([u8; 3]);

/// The text is not a language code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a language code (two lower-case letters of ISO 639-1, such as en, de, uk)")]
pub struct LanguageError(pub String);

impl Language {
    pub const ENGLISH: Language = Language(*b"en ");
    pub const UNDETERMINED: Language = Language(*b"und");

    pub fn as_str(&self) -> &str {
        let len = if self.0[2] == b' ' { 2 } else { 3 };
        std::str::from_utf8(&self.0[..len]).unwrap_or("und")
    }

    /// English, or too little text to tell: English-only stages run on both
    /// so that short inputs still get annotated.
    pub fn allows_english_stages(&self) -> bool {
        *self == Language::ENGLISH || *self == Language::UNDETERMINED
    }
}

impl Default for Language {
    fn default() -> Self {
        Language::UNDETERMINED
    }
}

impl FromStr for Language {
    type Err = LanguageError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        match code.as_bytes() {
            b"und" => Ok(Language::UNDETERMINED),
            [a, b] if a.is_ascii_lowercase() && b.is_ascii_lowercase() => Ok(Language([*a, *b, b' '])),
            _ => Err(LanguageError(code.to_string())),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in ["en", "de", "uk", "und"] {
            assert_eq!(code.parse::<Language>().unwrap().to_string(), code);
        }
        assert!("EN".parse::<Language>().is_err());
        assert!("eng".parse::<Language>().is_err());
        assert!("".parse::<Language>().is_err());
    }
}
