//! Inputs the user named (files, folders, `-`), opened lazily in order, and
//! the dispatch of each stream to a reader by content and extension.

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use crate::decode::decode;
use crate::error::{ReadError, ReadErrorKind};
use crate::feed::{looks_like_feed, read_feed};
use crate::html::{looks_like_html, parse_html, read_html};
use crate::jsonl::{first_line_is_object, json_file, JsonLines};
use crate::plain::parse_plain;
use crate::warc::WarcRecords;
use crate::{Raw, MAX_DOCUMENT_BYTES};

/// A byte stream a reader consumes.
pub(crate) type Stream<'a> = Box<dyn BufRead + Send + 'a>;
/// The documents (or failures) one input yields.
pub(crate) type Results<'a> = Box<dyn Iterator<Item = Result<Raw, ReadError>> + Send + 'a>;

/// How much of a stream is looked at to choose its reader.
const HEAD_LEN: usize = 8 * 1024;
/// Folders nested deeper than this are not entered (a guard on real depth;
/// symlink loops are cut by the set of folders already walked).
const MAX_DEPTH: usize = 32;

/// Lazily yields every document of the inputs, in order; see [`crate::read_inputs`].
pub struct Inputs {
    pending: VecDeque<Pending>,
    current: Option<Results<'static>>,
    /// Canonical paths of the folders walked and files found in them, so
    /// that symlinks (`sub/up -> ..`, two links to one file) cannot make a
    /// file be read twice or a walk go round a loop.
    seen: HashSet<PathBuf>,
}

enum Pending {
    /// As the user wrote it: a file, a folder or `-`.
    Named(String),
    /// A file found inside a folder, and that folder.
    File { path: PathBuf, root: PathBuf },
}

impl Inputs {
    pub(crate) fn new(paths: &[String]) -> Self {
        Inputs { pending: paths.iter().cloned().map(Pending::Named).collect(), current: None, seen: HashSet::new() }
    }

    /// Opens the next pending input; folders expand in place into their files.
    fn open_next(&mut self) -> Option<Results<'static>> {
        match self.pending.pop_front()? {
            Pending::Named(name) if name == "-" => {
                let stdin: Stream<'static> = Box::new(BufReader::new(io::stdin()));
                Some(read_stream("<stdin>", "stdin", "-", stdin))
            }
            Pending::Named(name) => self.open_path(PathBuf::from(&name), &name),
            Pending::File { path, root } => {
                let name = path.display().to_string();
                let id = document_id(path.strip_prefix(&root).unwrap_or(&path));
                Some(open_file(&path, &name, &id))
            }
        }
    }

    fn open_path(&mut self, path: PathBuf, name: &str) -> Option<Results<'static>> {
        match fs::metadata(&path) {
            Err(error) => Some(one(Err(ReadError::io(name, &error)))),
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                let mut failures = Vec::new();
                walk(&path, 0, &mut self.seen, &mut files, &mut failures);
                for file in files.into_iter().rev() {
                    self.pending.push_front(Pending::File { path: file, root: path.clone() });
                }
                (!failures.is_empty()).then(|| Box::new(failures.into_iter().map(Err)) as Results<'static>)
            }
            Ok(_) => Some(open_file(&path, name, &file_stem(name))),
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Raw, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            self.current = None;
            if self.pending.is_empty() {
                return None;
            }
            self.current = self.open_next();
        }
    }
}

/// Lists the files under `dir` recursively, sorted by name at each level,
/// skipping hidden entries and every folder or file whose canonical path is
/// in `seen` already; folders that cannot be listed are reported.
fn walk(
    dir: &Path,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    failures: &mut Vec<ReadError>,
) {
    let name = || dir.display().to_string();
    if !first_visit(dir, seen) {
        return;
    }
    if depth > MAX_DEPTH {
        failures.push(ReadError::new(name(), ReadErrorKind::Io("folders nested too deep".to_string())));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return failures.push(ReadError::io(name(), &error)),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| entry.path())
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, depth + 1, seen, files, failures);
        } else if first_visit(&path, seen) {
            files.push(path);
        }
    }
}

/// Records the real path behind `path`; false when it was recorded before.
/// A path that cannot be resolved (a dangling link) counts as new, so that
/// opening it reports why.
fn first_visit(path: &Path, seen: &mut HashSet<PathBuf>) -> bool {
    match fs::canonicalize(path) {
        Ok(real) => seen.insert(real),
        Err(_) => true,
    }
}

fn one<'a>(item: Result<Raw, ReadError>) -> Results<'a> {
    Box::new(std::iter::once(item))
}

/// Opens one file; `id` is the id of its document (the default id of its records).
fn open_file(path: &Path, name: &str, id: &str) -> Results<'static> {
    match fs::File::open(path) {
        Ok(file) => {
            let stream: Stream<'static> = Box::new(BufReader::with_capacity(64 * 1024, file));
            read_stream(name, id, name, stream)
        }
        Err(error) => one(Err(ReadError::io(name, &error))),
    }
}

/// The id of a file found in a folder: its path inside the folder, without
/// compression and format extensions (`a/x.txt` and `b/x.txt` stay apart).
fn document_id(relative: &Path) -> String {
    let parts: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    let (file, folders) = parts.split_last().map_or(("", &[][..]), |(file, folders)| (file.as_str(), folders));
    folders.iter().map(String::as_str).chain(std::iter::once(file_stem(file).as_str())).collect::<Vec<_>>().join("/")
}

/// The file name without its compression and format extensions
/// (`a/b/story.txt.gz` -> `story`).
pub(crate) fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = base.strip_suffix(".gz").unwrap_or(base);
    match base.rfind('.') {
        Some(dot) if dot > 0 => base[..dot].to_string(),
        _ => base.to_string(),
    }
}

/// The lower-case format extension of a name, ignoring a `.gz` suffix.
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
    let base = base.strip_suffix(".gz").unwrap_or(&base).to_string();
    base.rfind('.').map(|dot| base[dot + 1..].to_string()).unwrap_or_default()
}

/// Reads up to `len` bytes from the front of a stream. A read error after
/// some bytes (a gzip file cut off early) is kept for later, so what came
/// before it is still read.
fn read_head(stream: &mut dyn BufRead, len: usize) -> (Vec<u8>, Option<io::Error>) {
    let mut head = Vec::with_capacity(len.min(HEAD_LEN));
    let error = stream.take(len as u64).read_to_end(&mut head).err();
    (head, error)
}

/// A reader that fails once with an error met earlier, then ends.
struct Deferred(Option<io::Error>);

impl Read for Deferred {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// How a stream is read, chosen from its first bytes and its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Gzip,
    Warc,
    JsonLines,
    /// A whole `.json` file: one record or an array of records.
    JsonFile,
    /// RSS or Atom: one document per item.
    Feed,
    Html,
    Text,
}

fn sniff(head: &[u8], ext: &str) -> Format {
    let first_byte = head.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if head.starts_with(&[0x1F, 0x8B]) {
        Format::Gzip
    } else if head.starts_with(b"WARC/") {
        Format::Warc
    } else if ext == "json" && !first_line_is_object(head) {
        Format::JsonFile
    } else if matches!(ext, "jsonl" | "ndjson" | "json") {
        Format::JsonLines
    } else if matches!(ext, "rss" | "atom") || looks_like_feed(head) {
        Format::Feed
    } else if matches!(ext, "html" | "htm" | "xhtml" | "shtml") || looks_like_html(head) {
        Format::Html
    } else if !matches!(ext, "txt" | "text" | "md") && first_byte == Some(b'{') {
        Format::JsonLines
    } else {
        Format::Text
    }
}

/// Chooses a reader for one stream by its first bytes and its name:
/// `name` labels errors, `stem` is the default id, `source` the document source.
pub(crate) fn read_stream<'a>(name: &str, stem: &str, source: &str, stream: Stream<'a>) -> Results<'a> {
    dispatch(Input { name, stem, source }, stream, true)
}

/// What names the documents of one input.
#[derive(Clone, Copy)]
struct Input<'n> {
    name: &'n str,
    stem: &'n str,
    source: &'n str,
}

/// Sniffs and reads a stream; gzip is undone once (`may_inflate`), so
/// gzip nested in gzip cannot recurse without bound.
fn dispatch<'a>(input: Input<'_>, mut stream: Stream<'a>, may_inflate: bool) -> Results<'a> {
    let Input { name, stem, source } = input;
    let (head, error) = read_head(&mut stream, HEAD_LEN);
    match (&error, head.is_empty()) {
        (Some(error), true) => return one(Err(ReadError::io(name, error))),
        (None, true) => return one(Err(ReadError::new(name, ReadErrorKind::Empty))),
        _ => {}
    }
    let format = sniff(&head, &extension(name));
    // Put the head back in front of the rest of the stream.
    let stream: Stream<'a> = match error {
        None => Box::new(Cursor::new(head).chain(stream)),
        Some(error) => Box::new(BufReader::new(Cursor::new(head).chain(Deferred(Some(error))))),
    };
    match format {
        Format::Gzip if may_inflate => {
            let inflated: Stream<'a> = Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(stream)));
            dispatch(input, inflated, false)
        }
        Format::Gzip => one(Err(ReadError::new(name, ReadErrorKind::Binary { what: Some("gzip inside gzip") }))),
        Format::Warc => Box::new(WarcRecords::new(name, stream).map(|item| item.map(Raw::Text))),
        Format::JsonLines => Box::new(JsonLines::new(name, stem, stream)),
        Format::JsonFile => Box::new(read_json_file(name, stem, stream).into_iter()),
        Format::Feed => match read_capped(name, stream) {
            Ok(bytes) => Box::new(read_feed(name, stem, &bytes).into_iter().map(|item| item.map(Raw::Text))),
            Err(error) => one(Err(error)),
        },
        Format::Html | Format::Text => {
            one(read_whole(name, stem, source, stream, format == Format::Html).map(Raw::Text))
        }
    }
}

/// A single-document file: read it whole (up to the size cap), decode and
/// parse it as HTML or as plain text.
fn read_whole(
    name: &str,
    stem: &str,
    source: &str,
    stream: Stream<'_>,
    html: bool,
) -> Result<newsgraph_core::Document, ReadError> {
    let bytes = read_capped(name, stream)?;
    let fail = |kind| ReadError::new(name, kind);
    if html {
        return read_html(&bytes, None).map(|page| page.into_document(stem, source)).map_err(fail);
    }
    let decoded = decode(&bytes).map_err(fail)?;
    if decoded.text.trim().is_empty() {
        return Err(fail(ReadErrorKind::Empty));
    }
    // UTF-16 pages can only be recognised after decoding.
    if looks_like_html(decoded.text.as_bytes()) {
        let mut page = parse_html(&decoded.text).map_err(fail)?;
        page.warnings = decoded.warnings;
        return Ok(page.into_document(stem, source));
    }
    let mut article = parse_plain(&decoded.text);
    // An empty body would make a document of no text, whose content hash
    // every other such file shares: the store would keep one of them.
    if article.body.text.trim().is_empty() {
        return Err(fail(ReadErrorKind::TextNoBody));
    }
    article.warnings = decoded.warnings;
    Ok(article.into_document(stem, source))
}

fn read_json_file(name: &str, stem: &str, stream: Stream<'_>) -> Vec<Result<Raw, ReadError>> {
    let decoded = read_capped(name, stream).and_then(|bytes| decode(&bytes).map_err(|k| ReadError::new(name, k)));
    match decoded {
        Ok(decoded) => json_file(name, stem, &decoded.text),
        Err(error) => vec![Err(error)],
    }
}

/// Reads a whole stream, failing cleanly above [`MAX_DOCUMENT_BYTES`].
fn read_capped(name: &str, stream: Stream<'_>) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    stream.take(MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(|error| ReadError::io(name, &error))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ReadError::new(name, ReadErrorKind::TooLarge { limit: MAX_DOCUMENT_BYTES }));
    }
    Ok(bytes)
}
