//! Dictionaries: actors and agents, verbs with their patterns. The built-in
//! ones are embedded; users add PETRARCH/Phoenix-format files on top.

pub mod actors;
pub mod verbs;

use std::path::{Path, PathBuf};

pub use actors::{ActorDict, DatedCode, Entry, EntryKind};
pub use verbs::{Code, Item, Pattern, VerbDict};

const BUILTIN_ACTORS: &str = include_str!("../../data/actors.txt");
const BUILTIN_AGENTS: &str = include_str!("../../data/agents.txt");
const BUILTIN_VERBS: &str = include_str!("../../data/verbs.txt");
const BUILTIN_CODEBOOK: &str = include_str!("../../data/verbs_cameo.txt");

/// A dictionary file could not be read or parsed.
#[derive(Debug)]
pub enum DictError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A line the parser does not understand (line numbers from 1).
    Syntax {
        line: usize,
        reason: String,
    },
    /// `Syntax`, with the file it came from.
    InFile {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

impl std::fmt::Display for DictError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DictError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            DictError::Syntax { line, reason } => write!(f, "line {line}: {reason}"),
            DictError::InFile { path, line, reason } => write!(f, "{}:{line}: {reason}", path.display()),
        }
    }
}

impl std::error::Error for DictError {}

/// All the dictionaries the coder uses.
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    pub actors: ActorDict,
    pub verbs: VerbDict,
}

impl Dictionaries {
    /// The project's own dictionaries.
    pub fn builtin() -> Result<Self, DictError> {
        let mut dicts = Dictionaries::default();
        for entry in crate::cameo::country_entries() {
            dicts.actors.push(entry);
        }
        dicts.actors.add_text(BUILTIN_ACTORS)?;
        dicts.actors.add_text(BUILTIN_AGENTS)?;
        dicts.verbs.add_text(BUILTIN_VERBS)?;
        dicts.verbs.add_text(BUILTIN_CODEBOOK)?;
        Ok(dicts)
    }

    /// The built-in verb blocks of the codebook list (`data/verbs_cameo.txt`,
    /// loaded after `data/verbs.txt`). It was written from the CAMEO codebook
    /// without reading the evaluation sentences, so a held-out measurement
    /// may keep it whole where it removes entries of `verbs.txt`.
    pub fn codebook_blocks() -> Result<std::ops::Range<usize>, DictError> {
        let blocks = |text: &str| -> Result<usize, DictError> {
            let mut verbs = VerbDict::default();
            verbs.add_text(text)?;
            Ok(verbs.blocks.len())
        };
        let start = blocks(BUILTIN_VERBS)?;
        Ok(start..start + blocks(BUILTIN_CODEBOOK)?)
    }

    /// Adds an actor or agent file (PETRARCH format; both kinds may be mixed).
    pub fn add_actor_file(&mut self, path: &Path) -> Result<(), DictError> {
        let text = read(path)?;
        self.actors.add_text(&text).map_err(|e| in_file(e, path))
    }

    /// Adds a verb file (PETRARCH format).
    pub fn add_verb_file(&mut self, path: &Path) -> Result<(), DictError> {
        let text = read(path)?;
        self.verbs.add_text(&text).map_err(|e| in_file(e, path))
    }
}

fn read(path: &Path) -> Result<String, DictError> {
    let bytes = std::fs::read(path).map_err(|source| DictError::Io { path: path.to_path_buf(), source })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The one-word role words of the built-in agent dictionary, each with
/// its role code ("ARMY", "TROOPS" and "FORCES" are `MIL`).
pub fn builtin_roles() -> Vec<(String, String)> {
    let mut agents = ActorDict::default();
    // The built-in file parses (`Dictionaries::builtin` is tested); were it
    // not to, no word would have a role.
    if agents.add_text(BUILTIN_AGENTS).is_err() {
        return Vec::new();
    }
    agents
        .entries()
        .filter_map(|entry| match (&entry.kind, entry.words.as_slice()) {
            (EntryKind::Agent { code, prefix: false }, [word]) => Some((word.clone(), code.clone())),
            _ => None,
        })
        .collect()
}

fn in_file(error: DictError, path: &Path) -> DictError {
    match error {
        DictError::Syntax { line, reason } => DictError::InFile { path: path.to_path_buf(), line, reason },
        other => other,
    }
}

/// The line without its `#` comment (a `#` inside `[...]` is part of a code).
pub(crate) fn strip_comment(line: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return line[..i].trim(),
            _ => {}
        }
    }
    line.trim()
}

/// Fingerprint of the built-in actor, agent and verb dictionaries and the
/// shared word lists (countries, reporting verbs).
pub(crate) fn data_fingerprint() -> u64 {
    [BUILTIN_ACTORS, BUILTIN_AGENTS, BUILTIN_VERBS, BUILTIN_CODEBOOK]
        .iter()
        .fold(newsgraph_core::words::fingerprint(), |hash, text| newsgraph_core::fnv1a(hash, text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codebook list adds verbs; it does not re-code those of
    /// `verbs.txt` (a form in both would take the code of the file loaded
    /// last, and the held-out figure that keeps the list would keep it).
    #[test]
    fn codebook_list_shares_no_form_with_verbs_txt() {
        let parse = |text: &str| {
            let mut verbs = VerbDict::default();
            verbs.add_text(text).unwrap();
            verbs
        };
        let (hand, codebook) = (parse(BUILTIN_VERBS), parse(BUILTIN_CODEBOOK));
        let shared: Vec<String> = codebook
            .forms
            .iter()
            .filter(|f| hand.matches(&f.words).iter().any(|(h, _)| h.words == f.words))
            .map(|f| f.words.join(" "))
            .collect();
        assert!(shared.is_empty(), "{shared:?}");
        assert_eq!(Dictionaries::codebook_blocks().unwrap().len(), codebook.blocks.len());
    }
}
