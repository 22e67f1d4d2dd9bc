//! The store's tables and their migrations. `PRAGMA application_id` marks a
//! file as ours; `PRAGMA user_version` is the schema version, and each
//! migration moves it up by one inside one transaction.

/// "NGST": tells a newsgraph store from any other SQLite file.
pub const APPLICATION_ID: i64 = 0x4E47_5354;

/// Migration `i` takes a store from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6];

/// The version a store has once every migration ran.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// All offsets are code points into `documents.text`, as in `newsgraph/1`.
/// Annotation layers are kept whole (compressed) in `documents.record`, and
/// the parts queries filter on are broken out into indexed tables.
const V1: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT,
    published TEXT,
    story INTEGER,
    text TEXT NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX documents_story ON documents(story, published);
CREATE TABLE entities(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    actor TEXT,
    country TEXT,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE entity_names(
    entity INTEGER NOT NULL,
    name TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY(entity, name)
);
CREATE INDEX entity_names_name ON entity_names(name COLLATE NOCASE);
CREATE TABLE doc_entities(
    document INTEGER NOT NULL,
    local TEXT NOT NULL,
    entity INTEGER NOT NULL,
    PRIMARY KEY(document, local)
) WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities(entity, document);
CREATE TABLE mentions(
    entity INTEGER NOT NULL,
    document INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY(entity, document, start)
) WITHOUT ROWID;
CREATE TABLE quotes(
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker INTEGER,
    speaker_text TEXT,
    cue TEXT NOT NULL
);
CREATE INDEX quotes_speaker ON quotes(speaker, id);
CREATE INDEX quotes_document ON quotes(document);
CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    cameo TEXT NOT NULL,
    plover TEXT NOT NULL,
    source INTEGER,
    source_text TEXT,
    source_actor TEXT,
    target INTEGER,
    target_text TEXT,
    target_actor TEXT,
    date TEXT,
    day INTEGER,
    place TEXT,
    place_kind TEXT,
    admin1 TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    planned INTEGER NOT NULL
);
CREATE INDEX events_plover ON events(plover, id);
CREATE INDEX events_source ON events(source, id);
CREATE INDEX events_target ON events(target, id);
CREATE INDEX events_source_actor ON events(source_actor, id);
CREATE INDEX events_day ON events(day, id);
CREATE INDEX events_place ON events(place COLLATE NOCASE);
CREATE TABLE event_mentions(
    id INTEGER PRIMARY KEY,
    event INTEGER NOT NULL,
    document INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    attributed_to INTEGER,
    claimant TEXT,
    date TEXT
);
CREATE INDEX event_mentions_event ON event_mentions(event);
CREATE INDEX event_mentions_document ON event_mentions(document);
CREATE INDEX event_mentions_status ON event_mentions(status, event);
CREATE TABLE stories(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    documents INTEGER NOT NULL
);
-- The linker's state (newsgraph-linking profiles, compressed JSON), the blocking
-- keys it looks profiles up by, and feature document frequencies.
CREATE TABLE profiles(
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY(kind, id)
) WITHOUT ROWID;
CREATE TABLE profile_keys(
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY(kind, key, id)
) WITHOUT ROWID;
CREATE TABLE frequencies(feature TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE contradictions(
    id INTEGER PRIMARY KEY,
    reason TEXT NOT NULL,
    event INTEGER,
    a_event INTEGER NOT NULL,
    b_event INTEGER NOT NULL,
    a_document INTEGER NOT NULL, a_sentence INTEGER NOT NULL, a_start INTEGER NOT NULL, a_end INTEGER NOT NULL,
    a_text TEXT NOT NULL, a_claimant TEXT,
    b_document INTEGER NOT NULL, b_sentence INTEGER NOT NULL, b_start INTEGER NOT NULL, b_end INTEGER NOT NULL,
    b_text TEXT NOT NULL, b_claimant TEXT,
    -- One contradiction per reason and pair of corpus events, however
    -- many mentions repeat it.
    UNIQUE(reason, a_event, b_event)
);
-- Contentless: the text lives once, in its own table; the rowid says where
-- (see `search::SearchKind`).
CREATE VIRTUAL TABLE search USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2');
";

/// Blocking keys list their profiles most recently written first, so that
/// a look-up reads at most `newsgraph_linking::KEY_FANOUT` of them however
/// many share a common key; near-duplicate bands move from story profiles
/// to one `member` row per document (story profiles of version 1 keep
/// working: their bands are ignored, which only costs near-duplicate
/// recall against documents stored before the migration). Contradictions
/// are found by document, for a story's view.
const V2: &str = "
ALTER TABLE profile_keys ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX profile_keys_recent ON profile_keys(kind, key, seq);
CREATE INDEX contradictions_a_document ON contradictions(a_document);
CREATE INDEX contradictions_b_document ON contradictions(b_document);
";

/// Each corpus event carries its mention count, document count and the
/// statuses its mentions were reported with, kept up to date as mentions
/// arrive: every list of events showed them by counting `event_mentions`
/// per row, tens of milliseconds for a page of widely reported events on a
/// big store. Statuses are comma-separated in the order first seen.
const V3: &str = "
ALTER TABLE events ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN documents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN statuses TEXT NOT NULL DEFAULT '';
UPDATE events SET
    mentions = (SELECT count(*) FROM event_mentions WHERE event = events.id),
    documents = (SELECT count(DISTINCT document) FROM event_mentions WHERE event = events.id),
    statuses = coalesce((SELECT group_concat(status) FROM
        (SELECT status, min(id) AS first FROM event_mentions WHERE event = events.id GROUP BY status ORDER BY first)), '');
";

/// A blocking key's rows are ordered by `seq` in the table itself, so the
/// look-up of a key's most recent profiles needs no second copy of every
/// row (`profile_keys_recent` was a sixth of a store). A profile's rows
/// are found again by the `seq` they were written at, kept with the
/// profile (`keys_seq`). Events are filtered by status through their own
/// `statuses` (version 3), which leaves the mentions' status index unused.
const V4: &str = "
DROP INDEX event_mentions_status;
CREATE TEMP TABLE latest(kind TEXT, id TEXT, seq INTEGER, PRIMARY KEY(kind, id)) WITHOUT ROWID;
INSERT INTO latest SELECT kind, id, max(seq) FROM profile_keys GROUP BY kind, id;
ALTER TABLE profiles ADD COLUMN keys_seq INTEGER NOT NULL DEFAULT 0;
UPDATE profiles SET keys_seq = coalesce((SELECT seq FROM latest l WHERE l.kind = profiles.kind AND l.id = profiles.id), 0);
DROP TABLE latest;
CREATE TABLE profile_keys_by_seq(
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY(kind, key, seq, id)
) WITHOUT ROWID;
INSERT INTO profile_keys_by_seq SELECT kind, key, seq, id FROM profile_keys;
DROP TABLE profile_keys;
ALTER TABLE profile_keys_by_seq RENAME TO profile_keys;
";

/// Compression dictionaries (`crate::dictionary`), one per kind of blob,
/// trained once the store holds enough documents; `id` is the dictionary's
/// own zstd id, which every frame compressed with it names. An entity's
/// documents are read off the mentions' primary key `(entity, document,
/// start)`, so the index `doc_entities_entity`, which held the same pairs,
/// goes (3% of a store). Blocking keys are stored as 64-bit hashes of
/// their kind and text (`corpus::key_hash`, registered as an SQL function
/// on every writing connection).
const V5: &str = "
CREATE TABLE dictionaries(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, body BLOB NOT NULL);
DROP INDEX doc_entities_entity;
CREATE TABLE profile_keys_hashed(
    key INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY(key, seq, id)
) WITHOUT ROWID;
INSERT INTO profile_keys_hashed SELECT key_hash(kind, key), seq, id FROM profile_keys;
DROP TABLE profile_keys;
ALTER TABLE profile_keys_hashed RENAME TO profile_keys;
";

/// Corpus entities and events the linking merged into others (`kind`
/// `entity` or `event`): an id a user was given keeps leading to what it
/// became. `into_id` is always a row that exists: a later merge of that
/// row moves the earlier ones along. A merge moves an event's
/// contradictions, found by either side's event.
const V6: &str = "
CREATE TABLE merged(kind TEXT NOT NULL, id INTEGER NOT NULL, into_id INTEGER NOT NULL, PRIMARY KEY(kind, id))
    WITHOUT ROWID;
CREATE INDEX contradictions_a_event ON contradictions(a_event);
CREATE INDEX contradictions_b_event ON contradictions(b_event);
";
