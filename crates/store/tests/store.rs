//! End to end on the seed articles: linking, idempotence, already
//! extracted input, refusing foreign and corrupt files, and a killed
//! ingest that resumes. Skips (with a message) when `../shared` is absent.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsgraph_core::shared;
use newsgraph_store::{export, EventFilter, EventRow, ExportFormat, IngestOptions, PageRequest, Store, StoreError};

fn seeds() -> Option<String> {
    let dir = shared::shared_path("seeds");
    if dir.is_none() {
        eprintln!("skipped: ../shared/seeds not found");
    }
    dir.map(|d| d.display().to_string())
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-store-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn ingest(store: &mut Store, paths: &[String]) -> newsgraph_store::IngestSummary {
    store.ingest(paths, &IngestOptions::default(), &mut |_| {}).expect("ingest")
}

fn jsonl(store: &Store, dir: &Path) -> String {
    let out = dir.join("export.jsonl");
    export(store, ExportFormat::Jsonl, Some(&out)).expect("export");
    fs::read_to_string(out).expect("read export")
}

#[test]
fn seeds_link_and_contradict() {
    let Some(seeds) = seeds() else { return };
    let dir = temp_dir("seeds");
    let mut store = Store::open(dir.join("s.db")).unwrap();
    let summary = ingest(&mut store, &[seeds]);
    assert_eq!((summary.added, summary.failures.len()), (2, 0));

    let zelensky = store.entity("Zelensky").unwrap().expect("Zelensky");
    assert_eq!((zelensky.name.as_str(), zelensky.documents), ("Volodymyr Zelensky", 2));
    let putin = store.entity("Putin").unwrap().expect("Putin");
    assert_eq!(putin.name, "Vladimir Putin");
    let export = jsonl(&store, &dir);
    let people = |surname: &str| {
        export
            .lines()
            .filter(|l| l.contains("\"kind\":\"entity\"") && l.contains("\"type\":\"PERSON\"") && l.contains(surname))
            .count()
    };
    assert_eq!((people("Zelensky"), people("Putin")), (1, 1), "one corpus entity each");

    let contradictions = store.contradictions(&PageRequest::default()).unwrap().items;
    let denial = contradictions.iter().find(|c| c.reason == "claim vs denial").expect("claim vs denial");
    assert!(denial.a.text.contains("attack Putin's headquarters"), "{denial:?}");
    assert_eq!((denial.a.claimant.as_deref(), denial.b.claimant.as_deref()), (Some("Russia"), Some("Kyiv")));
    let outcome = contradictions.iter().find(|c| c.reason == "opposing outcomes").expect("opposing outcomes");
    let sides = format!("{} | {}", outcome.a.text, outcome.b.text);
    assert!(sides.contains("captured") && sides.contains("Kupiansk") && sides.contains("regained"), "{sides}");

    let hits = store.search("Kupiansk", &PageRequest::default()).unwrap().items;
    assert!(hits.iter().any(|h| h.kind == "document" && h.id == "004_64b5038d761421c2"));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn exports_have_their_shapes() {
    let Some(seeds) = seeds() else { return };
    let dir = temp_dir("exports");
    let mut store = Store::open(dir.join("s.db")).unwrap();
    ingest(&mut store, &[seeds]);
    let counts = store.counts().unwrap();
    for (format, columns, rows) in [
        (ExportFormat::GdeltEvents, 61, counts.events),
        (ExportFormat::GdeltMentions, 16, counts.event_mentions),
        (ExportFormat::GdeltGkg, 27, counts.documents),
    ] {
        let out = dir.join("gdelt.tsv");
        export(&store, format, Some(&out)).unwrap();
        let text = fs::read_to_string(&out).unwrap();
        assert_eq!(text.lines().count() as i64, rows, "{format:?}");
        assert!(text.lines().all(|l| l.split('\t').count() == columns), "{format:?}");
    }
    let kinds: Vec<String> = jsonl(&store, &dir)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"].as_str().unwrap_or("").to_string())
        .collect();
    for kind in ["document", "story", "entity", "event", "contradiction"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind}");
    }

    export(&store, ExportFormat::Parquet, Some(&dir.join("parquet"))).unwrap();
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let rows = |name: &str| {
        let file = fs::File::open(dir.join("parquet").join(format!("{name}.parquet"))).unwrap();
        SerializedFileReader::new(file).unwrap().metadata().file_metadata().num_rows()
    };
    assert_eq!((rows("documents"), rows("events"), rows("quotes")), (counts.documents, counts.events, counts.quotes));
    export(&store, ExportFormat::Csv, Some(&dir.join("csv"))).unwrap();
    let entities = fs::read_to_string(dir.join("csv").join("entities.csv")).unwrap();
    assert_eq!(entities.lines().count() as i64, counts.entities + 1, "header and one line per entity");
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn ingest_twice_and_extracted_lines_change_nothing() {
    let Some(seeds) = seeds() else { return };
    let dir = temp_dir("idempotent");
    let mut store = Store::open(dir.join("s.db")).unwrap();
    ingest(&mut store, std::slice::from_ref(&seeds));
    let before = (store.counts().unwrap(), jsonl(&store, &dir));

    let again = ingest(&mut store, &[seeds]);
    assert_eq!((again.added, again.duplicates), (0, 2));
    // The export's document lines are newsgraph/1 records: ingested as they are.
    let records = dir.join("records.jsonl");
    let lines: Vec<&str> = before.1.lines().filter(|l| l.contains("\"kind\":\"document\"")).collect();
    fs::write(&records, lines.join("\n")).unwrap();
    let from_records = ingest(&mut store, &[records.display().to_string()]);
    assert_eq!((from_records.added, from_records.duplicates), (0, 2));
    assert_eq!((store.counts().unwrap(), jsonl(&store, &dir)), before);

    // A record whose event points at a sentence it lacks is refused alone.
    let mut broken: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    broken["text"] = format!("{} Updated.", broken["text"].as_str().unwrap()).into();
    broken["events"][0]["sentence"] = 9999.into();
    let broken_file = dir.join("broken.jsonl");
    fs::write(&broken_file, format!("{broken}\n{}\n", lines[1])).unwrap();
    let refused = ingest(&mut store, &[broken_file.display().to_string()]);
    assert_eq!((refused.added, refused.duplicates, refused.failures.len()), (0, 1, 1), "{:?}", refused.failures);
    assert_eq!(store.counts().unwrap(), before.0);

    // A fresh store fed the records links them as the annotated run did.
    let mut fresh = Store::open(dir.join("fresh.db")).unwrap();
    let summary = ingest(&mut fresh, &[records.display().to_string()]);
    assert_eq!(summary.added, 2);
    assert_eq!(fresh.counts().unwrap(), before.0);
    // Records met while walking a folder are stored as they are too.
    let folder = dir.join("folder");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(&records, folder.join("records.jsonl")).unwrap();
    let mut walked = Store::open(dir.join("walked.db")).unwrap();
    assert_eq!(ingest(&mut walked, &[folder.display().to_string()]).added, 2);
    assert_eq!(jsonl(&walked, &dir), jsonl(&fresh, &dir));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn records_past_the_dictionary_threshold_come_back_whole() {
    let Some(seeds) = seeds() else { return };
    let dir = temp_dir("dictionary");
    let mut seeded = Store::open(dir.join("seeds.db")).unwrap();
    ingest(&mut seeded, &[seeds]);
    let records: Vec<serde_json::Value> = jsonl(&seeded, &dir)
        .lines()
        .filter(|l| l.contains("\"kind\":\"document\""))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Copies with a closing line of their own: offsets stay valid, and
    // the store holds more than it needs to train its dictionaries.
    let copies: Vec<serde_json::Value> = (0..1100)
        .map(|n| {
            let mut copy = records[n % records.len()].clone();
            copy["text"] = format!("{}\nReference {n}.", copy["text"].as_str().unwrap()).into();
            copy["id"] = format!("copy{n}").into();
            copy.as_object_mut().unwrap().remove("kind");
            copy
        })
        .collect();
    let input = dir.join("copies.jsonl");
    fs::write(&input, copies.iter().map(|c| format!("{c}\n")).collect::<String>()).unwrap();
    let mut store = Store::open(dir.join("copies.db")).unwrap();
    assert_eq!(ingest(&mut store, &[input.display().to_string()]).added, 1100);
    let trained: String = rusqlite::Connection::open(dir.join("copies.db"))
        .unwrap()
        .query_row("SELECT group_concat(kind) FROM (SELECT kind FROM dictionaries ORDER BY kind)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(trained, "profile,record,text");
    let exported: Vec<serde_json::Value> = jsonl(&store, &dir)
        .lines()
        .filter(|l| l.contains("\"kind\":\"document\""))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(exported.len(), copies.len());
    for (got, want) in exported.iter().zip(&copies) {
        for layer in ["id", "text", "entities", "events", "quotes", "places", "timexes", "sentences"] {
            assert_eq!(got[layer], want[layer], "{layer} of {}", want["id"]);
        }
    }
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn foreign_and_corrupt_files_are_refused_untouched() {
    let dir = temp_dir("refuse");
    let text = dir.join("notes.db");
    fs::write(&text, "not a database at all\n").unwrap();
    assert!(matches!(Store::open(&text), Err(StoreError::NotSqlite { .. })));
    assert_eq!(fs::read_to_string(&text).unwrap(), "not a database at all\n");

    let foreign = dir.join("foreign.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE accounts(id INTEGER, owner TEXT); INSERT INTO accounts VALUES (1, 'x');")
            .unwrap();
    }
    let bytes = fs::read(&foreign).unwrap();
    assert!(matches!(Store::open(&foreign), Err(StoreError::Foreign { .. })));
    assert_eq!(fs::read(&foreign).unwrap(), bytes);

    let good = dir.join("good.db");
    drop(Store::open(&good).unwrap());
    let mut bytes = fs::read(&good).unwrap();
    // Keep the 100-byte header, wreck the first page's schema records.
    for byte in &mut bytes[100..4096] {
        *byte = 0xA5;
    }
    let corrupt = dir.join("corrupt.db");
    fs::write(&corrupt, &bytes).unwrap();
    let error = Store::open(&corrupt).err().expect("corrupt store refused");
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error}");
    let error = Store::open_read_only(&corrupt).err().expect("corrupt store refused for reading too");
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error}");
    let error = Store::verify(&corrupt).expect_err("corrupt store fails the check");
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error}");
    assert_eq!(fs::read(&corrupt).unwrap(), bytes);
    Store::verify(&good).expect("a sound store passes the check");
    let _ = fs::remove_dir_all(dir);
}

/// Set in the child process the kill test starts: the store to ingest into.
const CHILD_STORE: &str = "NEWSGRAPH_STORE_TEST_CHILD_DB";
const CHILD_INPUT: &str = "NEWSGRAPH_STORE_TEST_CHILD_INPUT";

/// Not a test of its own: the body of the child process `killed_ingest_resumes` runs.
#[test]
fn child_ingest() {
    let (Ok(db), Ok(input)) = (std::env::var(CHILD_STORE), std::env::var(CHILD_INPUT)) else {
        return;
    };
    let mut store = Store::open(db).unwrap();
    let options = IngestOptions { batch: 20, ..IngestOptions::default() };
    store.ingest(&[input], &options, &mut |_| {}).unwrap();
}

#[test]
fn killed_ingest_resumes() {
    let Some(seeds) = seeds() else { return };
    let dir = temp_dir("kill");
    let input = dir.join("input");
    fs::create_dir_all(&input).unwrap();
    let texts: Vec<String> =
        fs::read_dir(&seeds).unwrap().map(|e| fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    let total = 200;
    for n in 0..total {
        let text = &texts[n % texts.len()];
        fs::write(input.join(format!("{n:04}.txt")), format!("Report number {n} of the day.\n{text}")).unwrap();
    }
    let db = dir.join("k.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_ingest", "--nocapture", "--test-threads", "1"])
        .env(CHILD_STORE, &db)
        .env(CHILD_INPUT, &input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let stored = |db: &Path| Store::open_read_only(db).and_then(|s| s.counts()).map(|c| c.documents).unwrap_or(0);
    // A reader during the ingest: wait for the first commits, then kill.
    while stored(&db) < 40 {
        assert!(started.elapsed() < Duration::from_secs(120), "child made no progress");
        assert!(child.try_wait().unwrap().is_none(), "child ended before it was killed");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let partial = stored(&db);
    assert!(partial > 0 && partial < total as i64, "killed mid-run: {partial}");

    let mut store = Store::open(&db).expect("the killed store opens");
    let summary = ingest(&mut store, &[input.display().to_string()]);
    assert_eq!(summary.added as i64, total as i64 - partial);
    assert_eq!(summary.duplicates as i64, partial);
    let counts = store.counts().unwrap();
    assert_eq!(counts.documents, total as i64);
    // Whole documents only: every stored document has its links.
    let unlinked: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM documents WHERE story IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(unlinked, 0);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn version_1_store_migrates_and_keeps_linking_and_counting() {
    let Some(seeds) = seeds() else { return };
    let dir = temp_dir("migrate");
    let db = dir.join("old.db");
    let first = format!("{seeds}/000_859ad4c5640c5e89.txt");
    let second = format!("{seeds}/004_64b5038d761421c2.txt");
    ingest(&mut Store::open(&db).unwrap(), &[first]);
    // Take the file back to schema version 1, as an older newsgraph left it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE v1_keys(kind TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(kind, key, id))
             WITHOUT ROWID;",
    )
    .unwrap();
    for row in profile_keys_in_text(&conn) {
        conn.execute("INSERT OR IGNORE INTO v1_keys VALUES (?1, ?2, ?3)", row).unwrap();
    }
    conn.execute_batch(
        "DROP TABLE profile_keys; ALTER TABLE v1_keys RENAME TO profile_keys;
         ALTER TABLE profiles DROP COLUMN keys_seq;
         CREATE INDEX event_mentions_status ON event_mentions(status, event);
         DROP INDEX contradictions_a_document; DROP INDEX contradictions_b_document;
         ALTER TABLE events DROP COLUMN mentions; ALTER TABLE events DROP COLUMN documents;
         ALTER TABLE events DROP COLUMN statuses;
         DROP TABLE dictionaries; CREATE INDEX doc_entities_entity ON doc_entities(entity, document);
         DROP TABLE merged; DROP INDEX contradictions_a_event; DROP INDEX contradictions_b_event;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);

    let mut store = Store::open(&db).unwrap();
    assert_eq!(ingest(&mut store, &[second]).added, 1);
    let zelensky = store.entity("Zelensky").unwrap().expect("Zelensky");
    assert_eq!(zelensky.documents, 2, "the migrated store still links across documents");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0)).unwrap();
    assert_eq!(version, 6);
    // Counts back-filled for the first document's events and kept up by the
    // second's ingest agree with the mention rows.
    let stale: i64 = conn
        .query_row(
            "SELECT count(*) FROM events e WHERE e.mentions != (SELECT count(*) FROM event_mentions WHERE event = e.id)
                OR e.documents != (SELECT count(DISTINCT document) FROM event_mentions WHERE event = e.id)
                OR e.statuses = ''",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(stale, 0);
    let _ = fs::remove_dir_all(dir);
}

/// Every stored profile's blocking keys as text, as stores before version
/// 5 kept them (the profiles are zstd frames without a dictionary below
/// the dictionaries' threshold).
fn profile_keys_in_text(conn: &rusqlite::Connection) -> Vec<[String; 3]> {
    use newsgraph_linking::{EntityProfile, EventProfile, Member, StoryProfile};
    let mut statement = conn.prepare("SELECT kind, id, body FROM profiles").unwrap();
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?))).unwrap();
    let mut keys = Vec::new();
    for row in rows {
        let (kind, id, body): (String, String, Vec<u8>) = row.unwrap();
        let json = zstd::stream::decode_all(body.as_slice()).unwrap();
        let listed = match kind.as_str() {
            "entity" => serde_json::from_slice::<EntityProfile>(&json).unwrap().keys(),
            "story" => serde_json::from_slice::<StoryProfile>(&json).unwrap().keys(),
            "event" => serde_json::from_slice::<EventProfile>(&json).unwrap().keys(),
            _ => serde_json::from_slice::<Member>(&json).unwrap().keys(),
        };
        keys.extend(listed.into_iter().map(|key| [kind.clone(), key, id.clone()]));
    }
    keys
}

#[test]
fn key_rows_follow_their_profiles() {
    let Some(seeds) = seeds() else { return };
    let dir = temp_dir("keys");
    let db = dir.join("keys.db");
    let mut store = Store::open(&db).unwrap();
    // Two ingests: the second rewrites the key rows of the profiles the
    // seeds share (Zelensky, Putin, the story).
    ingest(&mut store, &[format!("{seeds}/000_859ad4c5640c5e89.txt")]);
    ingest(&mut store, &[format!("{seeds}/004_64b5038d761421c2.txt")]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert!(count("SELECT count(*) FROM profile_keys") > 0);
    // Every row is at the seq its profile records, and no profile is listed
    // twice under one key (old rows are removed when rows are rewritten).
    assert_eq!(
        count("SELECT count(*) FROM profile_keys k JOIN profiles p ON p.id = k.id WHERE k.seq != p.keys_seq"),
        0
    );
    assert_eq!(count("SELECT count(*) FROM (SELECT 1 FROM profile_keys GROUP BY key, id HAVING count(*) > 1)"), 0);
    assert_eq!(count("SELECT count(*) FROM profile_keys k LEFT JOIN profiles p ON p.id = k.id WHERE p.id IS NULL"), 0);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn event_filters_keep_exactly_the_events_that_match() {
    let Some(seeds) = seeds() else { return };
    let dir = temp_dir("event-filters");
    let mut store = Store::open(dir.join("s.db")).unwrap();
    ingest(&mut store, &[seeds]);
    let all_pages = PageRequest { limit: 200, cursor: None };
    let all = store.events(&EventFilter::default(), &all_pages).unwrap().items;
    let filter = |actor: Option<&str>, kind: Option<&str>, status: Option<&str>, place: Option<&str>| EventFilter {
        actor: actor.map(str::to_string),
        kind: kind.map(str::to_string),
        status: status.map(str::to_string),
        place: place.map(str::to_string),
        ..EventFilter::default()
    };
    let cases = [
        filter(Some("rus"), None, None, None),
        filter(None, Some("ASSAULT"), None, None),
        filter(None, Some("19"), None, None),
        filter(None, None, Some("claimed"), None),
        filter(None, None, None, Some("kupiansk")),
        filter(Some("RUS"), Some("assault"), Some("claimed"), None),
        filter(Some("UKR"), None, Some("asserted"), Some("Kupiansk")),
    ];
    for case in cases {
        let matches = |event: &&EventRow| {
            let actor = case.actor.as_ref().map(|a| a.to_uppercase());
            let has_actor =
                |code: &Option<String>| code.as_deref().is_some_and(|c| c.starts_with(actor.as_deref().unwrap()));
            (actor.is_none() || has_actor(&event.source_actor) || has_actor(&event.target_actor))
                && case
                    .kind
                    .as_ref()
                    .is_none_or(|k| event.plover == k.to_uppercase() || event.cameo.starts_with(k.as_str()))
                && case.status.as_ref().is_none_or(|s| event.statuses.split(',').any(|t| t == s))
                && case.place.as_ref().is_none_or(|p| event.place.as_deref().is_some_and(|q| q.eq_ignore_ascii_case(p)))
        };
        let expected: Vec<i64> = all.iter().filter(matches).map(|e| e.id).collect();
        let found: Vec<i64> = store.events(&case, &all_pages).unwrap().items.iter().map(|e| e.id).collect();
        assert_eq!(found, expected, "{case:?}");
    }
    let rus = store.events(&filter(Some("RUS"), None, None, None), &all_pages).unwrap().items;
    assert!(!rus.is_empty() && rus.len() < all.len(), "the actor filter has something to keep and to leave");
    let _ = fs::remove_dir_all(dir);
}

/// Corpus events and entities that the linking kept apart until a later
/// report or name fitted both are merged: the store deletes the merged
/// row, moves what pointed to it, and every count stays true. ECB+ topics
/// 1, 3 and 4 (83 reports of arrests, a rehab stay and a killing).
#[test]
fn merges_leave_a_consistent_store() {
    let Some(ecb) = shared::shared_path("eval/crossdoc") else {
        eprintln!("skipped: ../shared/eval/crossdoc not found");
        return;
    };
    let dir = temp_dir("merges");
    let texts = dir.join("texts");
    fs::create_dir_all(&texts).unwrap();
    let documents = newsgraph_eval::ecb::read_corpus(&ecb).expect("the corpus reads");
    for document in documents.iter().filter(|d| [1, 3, 4].contains(&d.topic)) {
        fs::write(texts.join(format!("{}.txt", document.name)), &document.text).unwrap();
    }
    let db = dir.join("m.db");
    let mut store = Store::open(&db).unwrap();
    let summary = ingest(&mut store, &[texts.display().to_string()]);
    assert_eq!((summary.added, summary.failures.len()), (83, 0));
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
    // Rows are numbered in insertion order; only deleted events leave gaps.
    assert!(count("SELECT max(id) - count(*) FROM events") > 0, "no event was merged");
    assert!(count("SELECT max(id) - count(*) FROM entities") > 0, "no entity was merged");
    for (table, column) in [
        ("mentions", "entity"),
        ("doc_entities", "entity"),
        ("entity_names", "entity"),
        ("quotes", "speaker"),
        ("events", "source"),
        ("events", "target"),
        ("event_mentions", "attributed_to"),
    ] {
        let orphans = format!("SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT id FROM entities)");
        assert_eq!(count(&orphans), 0, "{table}.{column} names a deleted entity");
    }
    let entity_documents = "SELECT count(*) FROM entities e
        WHERE documents != (SELECT count(DISTINCT document) FROM mentions WHERE entity = e.id)";
    assert_eq!(count(entity_documents), 0);
    assert_eq!(count("SELECT count(*) FROM profiles WHERE kind = 'entity'"), count("SELECT count(*) FROM entities"));
    // Ids merged away are recorded, and lead to rows that exist.
    for (kind, table) in [("entity", "entities"), ("event", "events")] {
        assert!(count(&format!("SELECT count(*) FROM merged WHERE kind = '{kind}'")) > 0, "no {kind} merge recorded");
        let lost =
            format!("SELECT count(*) FROM merged WHERE kind = '{kind}' AND into_id NOT IN (SELECT id FROM {table})");
        assert_eq!(count(&lost), 0, "a merged {kind} leads nowhere");
    }
    let (from, into): (i64, i64) = conn
        .query_row(
            "SELECT id, into_id FROM merged WHERE kind = 'entity' AND id NOT IN (SELECT id FROM entities) LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.entity_by_id(from).unwrap().map(|e| e.id), Some(into), "a merged entity's id leads on");
    assert_eq!(count("SELECT count(*) FROM event_mentions WHERE event NOT IN (SELECT id FROM events)"), 0);
    assert_eq!(
        count("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions WHERE event = e.id)"),
        0
    );
    let miscounted =
        "SELECT count(*) FROM events e WHERE mentions != (SELECT count(*) FROM event_mentions WHERE event = e.id)
        OR documents != (SELECT count(DISTINCT document) FROM event_mentions WHERE event = e.id)";
    assert_eq!(count(miscounted), 0);
    let dangling = "SELECT count(*) FROM contradictions
        WHERE a_event NOT IN (SELECT id FROM events) OR b_event NOT IN (SELECT id FROM events)";
    assert_eq!(count(dangling), 0);
    assert_eq!(count("SELECT count(*) FROM profiles WHERE kind = 'event'"), count("SELECT count(*) FROM events"));
    let _ = fs::remove_dir_all(&dir);
}
