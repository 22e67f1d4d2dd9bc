//! Article texts and records compressed against zstd dictionaries trained
//! on the store's own first documents.
//!
//! Each record is a few kilobytes of JSON that repeats the same field
//! names, codes and statuses as every other record, and each article is a
//! few kilobytes of news English: compressed one at a time, neither finds
//! much to refer back to. A dictionary gives every blob that shared
//! history. Measured on 286 distinct articles (dictionaries trained on one
//! half, applied to the other): records 0.363 MB deflated -> 0.241 MB,
//! texts 0.206 MB -> 0.162 MB (`docs/store.md`).
//!
//! Until a store holds [`TRAIN_AT`] documents its blobs are zstd frames
//! without a dictionary; then one dictionary per kind is trained on those
//! documents, stored in `dictionaries` and used from then on, and the
//! documents it was trained on are compressed again with it. A zstd frame
//! names its dictionary or none. Stores written before this read raw
//! DEFLATE in the same place, and no DEFLATE stream starts with zstd's
//! magic number (its first block would be a stored block with a length
//! whose complement does not match), so every form reads back without a
//! flag.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use rusqlite::{params, Connection, OpenFlags};
use zstd::dict::{DecoderDictionary, EncoderDictionary};
use zstd::zstd_safe::{self, CCtx, DCtx};

use crate::deflated::inflate_bytes;
use crate::error::Result;

/// Documents a store holds before its dictionaries are trained on them:
/// enough samples (ZDICT wants about a hundred times the dictionary's
/// size) without keeping many documents in the older, larger form.
pub(crate) const TRAIN_AT: i64 = 1000;

/// zstd's own upper bound for a trained dictionary.
const DICTIONARY_BYTES: usize = 112_640;

/// Level 7 compresses as fast as DEFLATE's default did (0.34 ms against
/// 0.36 ms per document, text and record) and within 3% of level 9's size,
/// which takes 0.56 ms; level 3 is 16% larger.
const LEVEL: i32 = 7;

/// See [`BlobKind::level`].
const PROFILE_LEVEL: i32 = 3;

/// Blobs of a store without dictionaries yet: texts and records are
/// compressed again once it has them, so speed counts more than size.
/// DEFLATE's default level, used before, took a sixth of the CPU of
/// ingesting 286 articles into a new store.
const UNTRAINED_LEVEL: i32 = 3;

/// No stored blob holds more: a frame that claims more is damaged.
const MAX_CONTENT: u64 = 1 << 30;

/// A frame that claims to expand more than this many times its own size is
/// decompressed as a stream, so that memory grows with what it really
/// holds: a damaged size field must not make us set aside a gigabyte.
/// Stored texts and records expand 3 to 15 times.
const PREALLOCATE_RATIO: u64 = 256;

thread_local! {
    /// One compression and one decompression context per thread: creating
    /// them per blob cost more than compressing (ingest CPU +30%).
    static CONTEXTS: RefCell<Option<(CCtx<'static>, DCtx<'static>)>> = const { RefCell::new(None) };
}

/// Every zstd frame starts with these bytes.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

/// What a blob holds: each kind has its own dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlobKind {
    /// An article's text (`documents.text`).
    Text,
    /// A record's annotation layers as JSON (`documents.record`).
    Record,
    /// A linker profile as JSON (`profiles.body`), rewritten at every
    /// commit that changes it.
    Profile,
}

impl BlobKind {
    fn name(self) -> &'static str {
        match self {
            BlobKind::Text => "text",
            BlobKind::Record => "record",
            BlobKind::Profile => "profile",
        }
    }

    fn named(name: &str) -> Option<Self> {
        [BlobKind::Text, BlobKind::Record, BlobKind::Profile].into_iter().find(|kind| kind.name() == name)
    }

    /// Texts and records are written once and read rarely; profiles are
    /// written again at every commit that changes them, so they take a
    /// faster level (on 33,000 profiles level 3 was also the smallest: 4.4
    /// MB against 4.6 at level 5 and 9.7 deflated).
    fn level(self) -> i32 {
        match self {
            BlobKind::Text | BlobKind::Record => LEVEL,
            BlobKind::Profile => PROFILE_LEVEL,
        }
    }
}

/// A trained dictionary, prepared for both directions.
struct Trained {
    id: u32,
    encoder: EncoderDictionary<'static>,
    decoder: DecoderDictionary<'static>,
}

impl Trained {
    fn new(kind: BlobKind, body: &[u8]) -> Option<Self> {
        let id = zstd::zstd_safe::get_dict_id_from_dict(body)?.get();
        Some(Trained {
            id,
            encoder: EncoderDictionary::copy(body, kind.level()),
            decoder: DecoderDictionary::copy(body),
        })
    }

    /// A dictionary trained on `samples` and its stored form; `None` when
    /// they are too few or too alike to train on (ZDICT refuses), and that
    /// kind stays without one.
    fn train(kind: BlobKind, samples: &[&[u8]]) -> Option<TrainedBody> {
        let body = zstd::dict::from_samples(samples, DICTIONARY_BYTES).ok()?;
        Some((Trained::new(kind, &body)?, body))
    }

    fn compress(&self, bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(zstd_safe::compress_bound(bytes.len()));
        with_contexts(|(compressing, _)| compressing.compress_using_cdict(&mut out, bytes, self.encoder.as_cdict()))?;
        Ok(out)
    }

    fn decompress(&self, blob: &[u8]) -> io::Result<Vec<u8>> {
        decompress_frame(blob, Some(&self.decoder))
    }
}

/// A zstd frame's bytes, with the dictionary it names if any, on this
/// thread's context (making one per blob cost more than decompressing).
fn decompress_frame(blob: &[u8], dictionary: Option<&DecoderDictionary<'static>>) -> io::Result<Vec<u8>> {
    let size = match zstd_safe::get_frame_content_size(blob) {
        Ok(Some(size)) if size > MAX_CONTENT => return Err(damaged("claims more than any stored blob holds")),
        Ok(Some(size)) if size <= blob.len() as u64 * PREALLOCATE_RATIO => size as usize,
        Ok(_) => return decompress_stream(blob, dictionary),
        Err(_) => return Err(damaged("no frame header")),
    };
    let mut out = Vec::with_capacity(size);
    with_contexts(|(_, decompressing)| match dictionary {
        Some(dictionary) => decompressing.decompress_using_ddict(&mut out, blob, dictionary.as_ddict()),
        None => decompressing.decompress(&mut out, blob),
    })?;
    Ok(out)
}

/// Decompresses a frame whose claimed size is implausible or absent,
/// growing the output only as the frame yields it, up to [`MAX_CONTENT`].
fn decompress_stream(blob: &[u8], dictionary: Option<&DecoderDictionary<'static>>) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match dictionary {
        Some(dictionary) => zstd::stream::read::Decoder::with_prepared_dictionary(blob, dictionary)?
            .take(MAX_CONTENT + 1)
            .read_to_end(&mut out)?,
        None => zstd::stream::read::Decoder::new(blob)?.take(MAX_CONTENT + 1).read_to_end(&mut out)?,
    };
    if out.len() as u64 > MAX_CONTENT {
        return Err(damaged("expands past any stored blob"));
    }
    Ok(out)
}

/// A zstd frame without a dictionary.
fn compress_untrained(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(zstd_safe::compress_bound(bytes.len()));
    with_contexts(|(compressing, _)| compressing.compress(&mut out, bytes, UNTRAINED_LEVEL))?;
    Ok(out)
}

fn damaged(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("damaged zstd frame: {why}"))
}

/// Runs `work` with this thread's zstd contexts, made on first use.
fn with_contexts(work: impl FnOnce(&mut (CCtx<'static>, DCtx<'static>)) -> zstd_safe::SafeResult) -> io::Result<()> {
    CONTEXTS.with(|cell| {
        let mut contexts = cell.borrow_mut();
        if contexts.is_none() {
            let made = CCtx::try_create().zip(DCtx::try_create());
            *contexts = Some(made.ok_or_else(|| io::Error::new(io::ErrorKind::OutOfMemory, "zstd context"))?);
        }
        let contexts = contexts.as_mut().expect("made above");
        work(contexts)
            .map(drop)
            .map_err(|code| io::Error::new(io::ErrorKind::InvalidData, zstd_safe::get_error_name(code)))
    })
}

#[derive(Default)]
struct Loaded {
    text: Option<Arc<Trained>>,
    record: Option<Arc<Trained>>,
    profile: Option<Arc<Trained>>,
    by_id: HashMap<u32, Arc<Trained>>,
}

impl Loaded {
    fn slot(&mut self, kind: BlobKind) -> &mut Option<Arc<Trained>> {
        match kind {
            BlobKind::Text => &mut self.text,
            BlobKind::Record => &mut self.record,
            BlobKind::Profile => &mut self.profile,
        }
    }
}

/// The dictionaries of one store, shared by its connection's SQL functions
/// and the ingest's worker threads. A reader that meets a dictionary
/// trained after it opened the store loads it from the file.
pub(crate) struct Codec {
    path: Option<PathBuf>,
    loaded: RwLock<Loaded>,
    attempted: AtomicBool,
}

impl Codec {
    /// The codec of the store `conn` has open, with its dictionaries.
    pub fn open(conn: &Connection) -> Result<Arc<Self>> {
        let path = conn.path().filter(|p| !p.is_empty()).map(PathBuf::from);
        let codec = Codec { path, loaded: RwLock::new(Loaded::default()), attempted: AtomicBool::new(false) };
        if has_dictionary_table(conn)? {
            codec.load(conn)?;
        }
        Ok(Arc::new(codec))
    }

    /// True once the store's dictionaries are trained.
    pub fn trained(&self) -> bool {
        self.read().record.is_some()
    }

    /// `bytes` in their stored form: zstd with this kind's dictionary once
    /// there is one, without a dictionary before.
    pub fn compress(&self, kind: BlobKind, bytes: &[u8]) -> io::Result<Vec<u8>> {
        let trained = match kind {
            BlobKind::Text => self.read().text.clone(),
            BlobKind::Record => self.read().record.clone(),
            BlobKind::Profile => self.read().profile.clone(),
        };
        match trained {
            Some(trained) => trained.compress(bytes),
            None => compress_untrained(bytes),
        }
    }

    /// The bytes a stored blob holds, whichever form it has.
    pub fn decompress(&self, blob: &[u8]) -> io::Result<Vec<u8>> {
        if !blob.starts_with(&ZSTD_MAGIC) {
            return inflate_bytes(blob);
        }
        let Some(id) = zstd::zstd_safe::get_dict_id_from_frame(blob).map(|id| id.get()) else {
            return decompress_frame(blob, None);
        };
        let trained = match self.by_id(id) {
            Some(trained) => trained,
            None => {
                self.reload().map_err(|e| io::Error::other(format!("reading dictionary {id}: {e}")))?;
                self.by_id(id).ok_or_else(|| io::Error::other(format!("dictionary {id} is not in the store")))?
            }
        };
        trained.decompress(blob)
    }

    /// `value` as compressed JSON.
    pub fn compress_json<T: serde::Serialize + ?Sized>(&self, kind: BlobKind, value: &T) -> Result<Vec<u8>> {
        Ok(self.compress(kind, &serde_json::to_vec(value)?)?)
    }

    /// A stored record's or profile's JSON, parsed into `T`.
    pub fn decompress_json<T: serde::de::DeserializeOwned>(&self, blob: &[u8]) -> Result<T> {
        Ok(serde_json::from_slice(&self.decompress(blob)?)?)
    }

    /// Trains the dictionaries when the store has reached [`TRAIN_AT`]
    /// documents and has none, inside the caller's transaction, and
    /// compresses the documents they were trained on again with them.
    pub fn train_when_due(&self, conn: &Connection) -> Result<()> {
        if self.trained() || self.attempted.load(Ordering::Relaxed) {
            return Ok(());
        }
        let held: i64 =
            conn.query_row("SELECT count(*) FROM (SELECT 1 FROM documents LIMIT ?1)", [TRAIN_AT], |row| row.get(0))?;
        if held < TRAIN_AT {
            return Ok(());
        }
        // Once per run: a kind that cannot be trained on these documents
        // is not tried again at every commit.
        self.attempted.store(true, Ordering::Relaxed);
        let samples = samples(conn, self)?;
        let profiles = profile_samples(conn, self)?;
        let texts: Vec<&[u8]> = samples.iter().map(|s| s.text.as_slice()).collect();
        let records: Vec<&[u8]> = samples.iter().map(|s| s.record.as_slice()).collect();
        let profiles: Vec<&[u8]> = profiles.iter().map(Vec::as_slice).collect();
        let kinds = [(BlobKind::Text, texts), (BlobKind::Record, records), (BlobKind::Profile, profiles)];
        // The ingest's other threads wait on the writer while it trains, so
        // the three dictionaries train at once.
        let trained: Vec<(BlobKind, Option<TrainedBody>)> = std::thread::scope(|scope| {
            let running: Vec<_> =
                kinds.iter().map(|(kind, bodies)| (*kind, scope.spawn(|| Trained::train(*kind, bodies)))).collect();
            running.into_iter().map(|(kind, training)| (kind, training.join().ok().flatten())).collect()
        });
        for (kind, trained) in trained {
            let Some((trained, body)) = trained else {
                continue;
            };
            conn.execute(
                "INSERT INTO dictionaries(id, kind, body) VALUES (?1, ?2, ?3)",
                params![trained.id, kind.name(), body],
            )?;
            self.install(kind, Arc::new(trained));
        }
        let mut update = conn.prepare_cached("UPDATE documents SET text = ?2, record = ?3 WHERE rowid = ?1")?;
        for (rowid, text, record) in self.compress_samples(&samples)? {
            update.execute(params![rowid, text, record])?;
        }
        Ok(())
    }

    /// The samples' texts and records compressed with the new dictionaries,
    /// on as many threads as there are cores.
    fn compress_samples(&self, samples: &[Sample]) -> Result<Vec<Recompressed>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = samples.len().div_ceil(threads).max(1);
        let compress_chunk = |chunk: &[Sample]| -> io::Result<Vec<Recompressed>> {
            chunk
                .iter()
                .map(|s| {
                    Ok((s.rowid, self.compress(BlobKind::Text, &s.text)?, self.compress(BlobKind::Record, &s.record)?))
                })
                .collect()
        };
        let chunks: Vec<io::Result<_>> = std::thread::scope(|scope| {
            let running: Vec<_> = samples.chunks(chunk).map(|c| scope.spawn(move || compress_chunk(c))).collect();
            running
                .into_iter()
                .map(|r| r.join().unwrap_or_else(|_| Err(io::Error::other("a compressing thread panicked"))))
                .collect()
        });
        let mut out = Vec::with_capacity(samples.len());
        for chunk in chunks {
            out.extend(chunk?);
        }
        Ok(out)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Loaded> {
        self.loaded.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn by_id(&self, id: u32) -> Option<Arc<Trained>> {
        self.read().by_id.get(&id).cloned()
    }

    fn install(&self, kind: BlobKind, trained: Arc<Trained>) {
        let mut loaded = self.loaded.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        loaded.by_id.insert(trained.id, Arc::clone(&trained));
        *loaded.slot(kind) = Some(trained);
    }

    fn load(&self, conn: &Connection) -> Result<()> {
        let mut statement = conn.prepare("SELECT kind, body FROM dictionaries ORDER BY id")?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, Vec<u8>>(1)?)))?;
        for row in rows {
            let (name, body) = row?;
            let Some(kind) = BlobKind::named(&name) else { continue };
            if let Some(trained) = Trained::new(kind, &body) {
                self.install(kind, Arc::new(trained));
            }
        }
        Ok(())
    }

    /// Reads the dictionaries again through a connection of its own: the
    /// caller is inside an SQL function of its connection.
    fn reload(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        self.load(&conn)
    }
}

fn has_dictionary_table(conn: &Connection) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dictionaries'")?.exists([])?)
}

/// One stored document's text and record, decompressed.
struct Sample {
    rowid: i64,
    text: Vec<u8>,
    record: Vec<u8>,
}

/// A sample's rowid, text and record compressed with the new dictionaries.
type Recompressed = (i64, Vec<u8>, Vec<u8>);

/// A trained dictionary and the bytes the store keeps of it.
type TrainedBody = (Trained, Vec<u8>);

/// Linker profiles to train on: the first ones of each kind, as many as
/// documents sampled.
fn profile_samples(conn: &Connection, codec: &Codec) -> Result<Vec<Vec<u8>>> {
    let mut statement = conn.prepare_cached(
        "SELECT body FROM (SELECT body, row_number() OVER (PARTITION BY kind) AS n FROM profiles) WHERE n <= ?1",
    )?;
    let rows = statement.query_map([TRAIN_AT], |row| {
        codec.decompress(row.get_ref(0)?.as_blob()?).map_err(|e| rusqlite::Error::UserFunctionError(e.into()))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The store's first [`TRAIN_AT`] documents, fewer when it holds fewer.
fn samples(conn: &Connection, codec: &Codec) -> Result<Vec<Sample>> {
    let mut statement = conn.prepare_cached("SELECT rowid, text, record FROM documents ORDER BY rowid LIMIT ?1")?;
    let rows = statement.query_map([TRAIN_AT], |row| {
        Ok(Sample {
            rowid: row.get(0)?,
            text: crate::article_text::decode(row.get_ref(1)?, codec)?.into_bytes(),
            record: codec
                .decompress(row.get_ref(2)?.as_blob()?)
                .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::MIGRATIONS;

    /// Varied news-like texts and JSON records, as a store would hold.
    fn document(n: usize) -> (String, String) {
        let places = ["Kyiv", "Kharkiv", "Moscow", "Washington", "Geneva", "Lagos", "Manila", "Lima"];
        let verbs = ["said", "denied", "claimed", "reported", "announced", "warned"];
        let text = format!(
            "{} officials {} on day {n} that talks in {} would resume. The ministry {} {} casualties near {}.",
            places[n % 8],
            verbs[n % 6],
            places[(n / 8) % 8],
            verbs[(n / 6) % 6],
            n * 7 % 113,
            places[(n / 3) % 8]
        );
        let record = format!(
            r#"{{"id":"rec{n}","events":[{{"cameo":"0{}","plover":"STATEMENT","sentence":{},"status":"asserted","trigger":{{"end":{},"start":{},"text":null}}}}],"places":[{{"name":"{}","kind":"city"}}]}}"#,
            n % 90 + 10,
            n % 4,
            n % 50 + 4,
            n % 50,
            places[n % 8]
        );
        (text, record)
    }

    fn store_of(conn: &Connection, codec: &Codec, documents: usize) {
        crate::corpus::register_key_hash(conn).unwrap();
        for migration in MIGRATIONS {
            conn.execute_batch(migration).unwrap();
        }
        let mut insert = conn
            .prepare("INSERT INTO documents(id, content_hash, source, text, record) VALUES (?1, ?1, 's', ?2, ?3)")
            .unwrap();
        for n in 0..documents {
            let (text, record) = document(n);
            let text = codec.compress(BlobKind::Text, text.as_bytes()).unwrap();
            let record = codec.compress(BlobKind::Record, record.as_bytes()).unwrap();
            insert.execute(params![format!("d{n}"), text, record]).unwrap();
        }
    }

    fn stored(conn: &Connection) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut statement = conn.prepare("SELECT text, record FROM documents ORDER BY rowid").unwrap();
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    }

    #[test]
    fn a_store_trains_its_dictionaries_at_the_threshold_and_reads_every_blob_back() {
        let conn = Connection::open_in_memory().unwrap();
        let codec = Codec::open(&conn).unwrap();
        store_of(&conn, &codec, TRAIN_AT as usize - 1);
        codec.train_when_due(&conn).unwrap();
        assert!(!codec.trained(), "trained below the threshold");
        conn.execute(
            "INSERT INTO documents(id, content_hash, source, text, record) VALUES ('last', 'last', 's', ?1, ?2)",
            params![
                codec.compress(BlobKind::Text, document(TRAIN_AT as usize - 1).0.as_bytes()).unwrap(),
                codec.compress(BlobKind::Record, document(TRAIN_AT as usize - 1).1.as_bytes()).unwrap()
            ],
        )
        .unwrap();
        let untrained = stored(&conn);
        codec.train_when_due(&conn).unwrap();
        assert!(codec.trained());
        let compressed = stored(&conn);
        let size = |rows: &[(Vec<u8>, Vec<u8>)]| rows.iter().map(|(t, r)| t.len() + r.len()).sum::<usize>();
        assert!(size(&compressed) * 2 < size(&untrained), "{} vs {}", size(&compressed), size(&untrained));
        for (n, (text, record)) in compressed.iter().enumerate() {
            assert!(text.starts_with(&ZSTD_MAGIC) && record.starts_with(&ZSTD_MAGIC));
            let (want_text, want_record) = document(n);
            assert_eq!(codec.decompress(text).unwrap(), want_text.as_bytes());
            assert_eq!(codec.decompress(record).unwrap(), want_record.as_bytes());
        }
        // The same store opened again finds its dictionaries.
        let reopened = Codec::open(&conn).unwrap();
        assert!(reopened.trained());
        assert_eq!(reopened.decompress(&compressed[3].1).unwrap(), document(3).1.as_bytes());
    }

    #[test]
    fn a_reader_opened_before_training_loads_the_dictionaries_it_meets() {
        let path = std::env::temp_dir().join(format!("newsgraph-dictionary-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let writer = Connection::open(&path).unwrap();
        let writing = Codec::open(&writer).unwrap();
        store_of(&writer, &writing, TRAIN_AT as usize);
        let reader = Connection::open(&path).unwrap();
        let reading = Codec::open(&reader).unwrap();
        writing.train_when_due(&writer).unwrap();
        let (text, _) = stored(&reader).swap_remove(10);
        assert!(text.starts_with(&ZSTD_MAGIC));
        assert_eq!(reading.decompress(&text).unwrap(), document(10).0.as_bytes());
        drop((writer, reader));
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn blobs_of_stores_written_before_dictionaries_read_back() {
        use std::io::Write;
        let (text, _) = document(7);
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        let deflated = encoder.finish().unwrap();
        let codec = Codec::open(&Connection::open_in_memory().unwrap()).unwrap();
        assert_eq!(codec.decompress(&deflated).unwrap(), text.as_bytes());
        let untrained = codec.compress(BlobKind::Text, text.as_bytes()).unwrap();
        assert!(untrained.starts_with(&ZSTD_MAGIC));
        assert_eq!(codec.decompress(&untrained).unwrap(), text.as_bytes());
    }

    #[test]
    fn a_frame_naming_an_unknown_dictionary_is_an_error() {
        let conn = Connection::open_in_memory().unwrap();
        let codec = Codec::open(&conn).unwrap();
        store_of(&conn, &codec, TRAIN_AT as usize);
        codec.train_when_due(&conn).unwrap();
        let (text, _) = stored(&conn).swap_remove(0);
        let stranger = Codec::open(&Connection::open_in_memory().unwrap()).unwrap();
        assert!(stranger.decompress(&text).is_err());
    }

    /// A trained codec and the frame it makes of `bytes` as a text.
    fn trained_frame(bytes: &[u8]) -> (Arc<Codec>, Vec<u8>) {
        let conn = Connection::open_in_memory().unwrap();
        let codec = Codec::open(&conn).unwrap();
        store_of(&conn, &codec, TRAIN_AT as usize);
        codec.train_when_due(&conn).unwrap();
        let frame = codec.compress(BlobKind::Text, bytes).unwrap();
        (codec, frame)
    }

    #[test]
    fn a_frame_that_expands_far_more_than_text_does_is_read_whole() {
        let repeated = "The ministry said talks would resume. ".repeat(40_000);
        let (codec, frame) = trained_frame(repeated.as_bytes());
        assert!(repeated.len() as u64 > frame.len() as u64 * PREALLOCATE_RATIO, "not a highly compressed frame");
        assert_eq!(codec.decompress(&frame).unwrap(), repeated.as_bytes());
    }

    #[test]
    fn a_frame_claiming_a_gigabyte_is_an_error() {
        let (codec, frame) = trained_frame(document(5).0.as_bytes());
        // The header's length from its descriptor byte (RFC 8878, 3.1.1.1).
        let descriptor = frame[4];
        let single_segment = descriptor & 0b10_0000 != 0;
        let size_field = [usize::from(single_segment), 2, 4, 8][usize::from(descriptor >> 6)];
        let header = 5 + usize::from(!single_segment) + [0, 1, 2, 4][usize::from(descriptor & 3)] + size_field;
        for claimed in [MAX_CONTENT - 1, MAX_CONTENT + 1] {
            // A header with an 8-byte content size field, a window and the
            // same dictionary, followed by the original blocks.
            let dictionary = zstd_safe::get_dict_id_from_frame(&frame).unwrap().get();
            let mut damaged = ZSTD_MAGIC.to_vec();
            damaged.push(0b1100_0011 | (descriptor & 0b100));
            damaged.push(0x58); // a 2 MB window
            damaged.extend(dictionary.to_le_bytes());
            damaged.extend(claimed.to_le_bytes());
            damaged.extend(&frame[header..]);
            assert_eq!(zstd_safe::get_frame_content_size(&damaged).unwrap(), Some(claimed));
            assert!(codec.decompress(&damaged).is_err(), "claimed {claimed}");
        }
    }
}
