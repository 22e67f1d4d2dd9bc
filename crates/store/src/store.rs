//! Opening a store: refusing files that are not ours, creating new ones and
//! migrating old ones, all before anything is written.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::dictionary::Codec;
use crate::error::{Result, StoreError};
use crate::schema::{APPLICATION_ID, MIGRATIONS, VERSION};

/// Default store file, in the current folder.
pub const DEFAULT_PATH: &str = "newsgraph.db";

/// Every SQLite file starts with these 16 bytes.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a reader or writer waits for the other side's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open newsgraph store. Any number of readers may run while one
/// `ingest` writes (WAL journal).
pub struct Store {
    pub(crate) conn: Connection,
    /// The store's compression dictionaries, shared with the connection's
    /// SQL functions.
    pub(crate) codec: Arc<Codec>,
}

impl Store {
    /// Opens the store at `path`, creating it when the file does not exist
    /// (or is empty). A file that is not a newsgraph store, is corrupt or was
    /// written by a newer version is an error and is not modified.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let fresh = check_file(path)?;
        if !fresh {
            check_database(path, Check::Thorough)?;
        }
        let conn = Connection::open(path)?;
        configure(&conn)?;
        migrate(&conn, path)?;
        Store::with_codec(conn)
    }

    /// Opens an existing store for queries only.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if check_file(path)? {
            return Err(no_store(path));
        }
        let version = check_database(path, Check::Quick)?;
        if version < VERSION {
            return Err(StoreError::Invalid(format!(
                "{}: store schema version {version} is older than {VERSION}; open it once for writing to migrate it",
                path.display()
            )));
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Store::with_codec(conn)
    }

    /// Reads every page of the store at `path` (`PRAGMA quick_check`)
    /// without writing: the check an ingest skips on a store larger than
    /// 512 MB.
    pub fn verify(path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        if check_file(path)? {
            return Err(no_store(path));
        }
        check_database(path, Check::Full).map(|_| ())
    }

    fn with_codec(conn: Connection) -> Result<Self> {
        let codec = Codec::open(&conn)?;
        crate::article_text::register(&conn, &codec)?;
        Ok(Store { conn, codec })
    }
}

fn no_store(path: &Path) -> StoreError {
    StoreError::Io(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!("{}: no store here (run ingest first)", path.display()),
    ))
}

/// True when there is nothing at `path` yet (a new store will be made);
/// an error when the file exists but does not start like an SQLite database.
fn check_file(path: &Path) -> Result<bool> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(error) => return Err(error.into()),
    };
    let mut head = Vec::with_capacity(SQLITE_MAGIC.len());
    file.by_ref().take(SQLITE_MAGIC.len() as u64).read_to_end(&mut head)?;
    if head.is_empty() {
        return Ok(true);
    }
    if head != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite { path: path.to_path_buf() });
    }
    Ok(false)
}

/// How much of an existing database is checked before use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Header, schema and ids: enough before reading.
    Quick,
    /// Also, before writing into it (a write must not build on damage),
    /// every page (`PRAGMA quick_check`) of a store up to
    /// [`FULL_CHECK_BYTES`]; of a larger one, that the file holds every
    /// page its header counts, and every page of the tables a write
    /// rewrites in place (`meta`, `dictionaries`).
    Thorough,
    /// Every page, whatever the size.
    Full,
}

/// Largest store whose every page is read before a write. Reading costs
/// about 7 s a GB here (74 s for the 9.8 GB of a 1,000,000-document
/// store): before every ingest, and every upload to the server (whose
/// requests time out after 10 s), a large store would be unusable. Pages
/// of a larger store are checked as a write reads them
/// (`cell_size_check`), and `Store::verify` reads them all on request.
const FULL_CHECK_BYTES: u64 = 512 << 20;

/// Looks at an existing database read-only: it must carry our application
/// id (or be an SQLite file with no tables at all) and have a schema
/// version we know; a thorough check also reads every page. Returns its
/// schema version.
fn check_database(path: &Path, check: Check) -> Result<i64> {
    let corrupt_because = |reason: String| StoreError::Corrupt { path: path.to_path_buf(), reason };
    let corrupt = |error: rusqlite::Error| corrupt_because(error.to_string());
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(corrupt)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(corrupt)?;
    let application: i64 = conn.query_row("PRAGMA application_id", [], |row| row.get(0)).map_err(corrupt)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0)).map_err(corrupt)?;
    if application != APPLICATION_ID && !(application == 0 && tables == 0) {
        return Err(StoreError::Foreign { path: path.to_path_buf() });
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(corrupt)?;
    if version > VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, known: VERSION });
    }
    if check != Check::Quick {
        let size = std::fs::metadata(path)?.len() + wal_size(path);
        let checks: &[&str] = if check == Check::Full || size <= FULL_CHECK_BYTES {
            &["PRAGMA quick_check(1)"]
        } else {
            check_pages_present(&conn, size).map_err(corrupt_because)?;
            &["PRAGMA quick_check(meta)", "PRAGMA quick_check(dictionaries)"]
        };
        for pragma in checks {
            let verdict: String = conn.query_row(pragma, [], |row| row.get(0)).map_err(corrupt)?;
            if verdict != "ok" {
                return Err(corrupt_because(verdict));
            }
        }
    }
    Ok(version)
}

/// Bytes of the store's write-ahead log, which holds pages the file does
/// not have yet.
fn wal_size(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map_or(0, |m| m.len())
}

/// A truncated copy (an interrupted download or `cp`) is the commonest
/// damage to a large file: its header counts pages the file lacks.
fn check_pages_present(conn: &Connection, size: u64) -> std::result::Result<(), String> {
    let pragma = |name: &str| {
        conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get::<_, u64>(0)).map_err(|e| e.to_string())
    };
    let (pages, page_size) = (pragma("page_count")?, pragma("page_size")?);
    match pages.checked_mul(page_size) {
        Some(needed) if needed <= size => Ok(()),
        _ => Err(format!("the header counts {pages} pages of {page_size} bytes; the file holds {size} bytes")),
    }
}

/// Bytes per database page of a new store.
const PAGE_SIZE: i64 = 16_384;

/// Prepared statements kept per connection: more than the store's distinct
/// statements, so none is ever parsed twice (the default keeps 16).
const STATEMENT_CACHE: usize = 128;

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // Documents are 2-4 KB rows: on 4 KB pages each took a page of its own
    // and left a fifth of the table unused. Takes effect only on a new
    // file (an existing store keeps its page size).
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    // WAL lets readers run during an ingest; NORMAL sync keeps every commit
    // atomic and durable against a killed process (only a power cut may
    // lose the last commits, never consistency).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    // Every page a write reads is checked for damage first: a large store
    // is not read whole before writing (see `FULL_CHECK_BYTES`).
    conn.pragma_update(None, "cell_size_check", "ON")?;
    // SQLite's default 2 MB page cache made an ingest re-read the pages of
    // its own indexes from the file; 64 MB holds a batch's working set.
    conn.pragma_update(None, "cache_size", -65_536)?;
    crate::corpus::register_key_hash(conn)?;
    Ok(())
}

/// Runs the migrations this store has not had yet, each in its own transaction.
fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > VERSION {
        return Err(StoreError::TooNew { path: PathBuf::from(path), found: current, known: VERSION });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let next = version as i64 + 1;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {sql}; PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {next}; COMMIT;"
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_store_lacks_pages_its_header_counts() {
        let dir = std::env::temp_dir().join(format!("newsgraph-truncated-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("store.db");
        drop(Store::open(&path).unwrap());
        let size = std::fs::metadata(&path).unwrap().len();
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        assert_eq!(check_pages_present(&conn, size), Ok(()));
        let missing = check_pages_present(&conn, size - 1).unwrap_err();
        assert!(missing.contains("pages"), "{missing}");
        drop(conn);
        let _ = std::fs::remove_dir_all(dir);
    }
}
