//! End-to-end tests of `newsgraph extract`: the seeds, the output contract,
//! and a batch with bad inputs that must not stop the good ones.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use newsgraph_core::{check_output_offsets, shared};
use serde_json::Value;

fn newsgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).stdin(Stdio::null()).output().expect("binary runs")
}

fn documents(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("valid JSON line")).collect()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn seeds() -> Option<PathBuf> {
    let found = shared::require("seeds", concat!(file!(), ":", line!()));
    if found.is_none() {
        eprintln!("skipped: ../shared/seeds not found");
    }
    found
}

#[test]
fn seeds_give_two_valid_documents_with_metadata() {
    let Some(seeds) = seeds() else { return };
    let output = newsgraph(&["extract", seeds.to_str().unwrap()]);
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let docs = documents(&output);
    assert_eq!(docs.len(), 2);
    for doc in &docs {
        assert_eq!(doc["schema"], "newsgraph/1");
        assert_eq!(doc["language"], "en");
        check_output_offsets(doc).unwrap();
        assert!(doc["sentences"].as_array().unwrap().len() >= 9);
    }
    let (first, second) = (&docs[0], &docs[1]);
    assert_eq!(first["id"], "000_859ad4c5640c5e89");
    assert_eq!(first["published"], "2025-12-31");
    assert!(first["text"].as_str().unwrap().starts_with("The Chief of the General Staff"));
    assert_eq!(second["title"], "Russia Seeks Permanent Resolution to Ongoing Ukraine Conflict");
    assert_eq!(second["byline"], "Layla Al Mansoori");
    assert!(!second["text"].as_str().unwrap().contains("Layla"));
    assert!(!second["text"].as_str().unwrap().contains("**"));
}

#[test]
fn json_format_is_one_array() {
    let Some(seeds) = seeds() else { return };
    let output = newsgraph(&["extract", "--format", "json", "--skip", "events", seeds.to_str().unwrap()]);
    assert!(output.status.success());
    let array: Value = serde_json::from_slice(&output.stdout).expect("one JSON value");
    assert_eq!(array.as_array().map(Vec::len), Some(2));
}

#[test]
fn bad_inputs_are_reported_and_the_batch_completes() {
    let dir = scratch("bad");
    std::fs::write(dir.join("a_good.txt"), "date 2024-03-01\nThe minister said talks would resume.\n").unwrap();
    std::fs::write(dir.join("b_empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("c_junk.bin"),
        (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect::<Vec<_>>(),
    )
    .unwrap();
    std::fs::write(dir.join("d_latin1.txt"), b"The caf\xe9 owner said prices rose.\n").unwrap();
    std::fs::write(dir.join("e_lines.jsonl"), "{\"id\":\"x1\",\"text\":\"Officials met in Kyiv.\"}\n{not json\n")
        .unwrap();
    let output = newsgraph(&["extract", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    let ids: Vec<String> = documents(&output).iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, vec!["a_good", "d_latin1", "x1"]);
    assert!(stderr.contains("b_empty.txt"), "{stderr}");
    assert!(stderr.contains("c_junk.bin"), "{stderr}");
    assert!(stderr.contains("d_latin1.txt"), "{stderr}");
    assert!(stderr.contains("e_lines.jsonl:2"), "{stderr}");
    assert!(stderr.contains("6 documents read, 3 written, 3 failed"), "{stderr}");
}

#[test]
fn stdin_and_date_anchor() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["extract", "--date", "2025-12-31", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"The leaders will meet on January 6 in Paris.\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let docs = documents(&output);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["published"], Value::Null);
    assert_eq!(docs[0]["anchor_date"], "2025-12-31");
}

#[test]
fn the_region_flag_places_a_local_papers_namesakes() {
    let dir = scratch("region");
    let article = dir.join("local.txt");
    std::fs::write(&article, "Police closed a road in London after the crash on Monday.\n").unwrap();
    let country_of_london = |extra: &[&str]| {
        let mut args = vec!["extract"];
        args.extend_from_slice(extra);
        args.push(article.to_str().unwrap());
        let output = newsgraph(&args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let doc = documents(&output).remove(0);
        let london = doc["places"].as_array().unwrap().iter().find(|p| p["text"] == "London").cloned().unwrap();
        (london["country"].as_str().unwrap().to_string(), doc["region"].clone())
    };
    assert_eq!(country_of_london(&[]), ("GB".to_string(), Value::Null));
    assert_eq!(country_of_london(&["--region", "Ontario"]), ("CA".to_string(), Value::from("Ontario")));
}

#[test]
fn usage_errors_are_clear() {
    let output = newsgraph(&["extract", "--date", "yesterday", "x.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--date"));
    let missing = newsgraph(&["extract", "/nonexistent/file.txt"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/file.txt"));
}

#[test]
fn help_after_a_command_prints_usage() {
    for command in ["extract", "train", "bench", "eval", "completions"] {
        let output = newsgraph(&[command, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{command}");
        assert!(String::from_utf8_lossy(&output.stdout).contains(&format!("Usage: newsgraph {command}")), "{command}");
    }
}

#[test]
fn impossible_dates_and_unknown_stages_are_usage_errors() {
    let output = newsgraph(&["extract", "--date", "2025-02-30", "x.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("2025-02-30"));
    let output = newsgraph(&["extract", "--skip", "entity", "x.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no stage named `entity`"));
}

#[test]
fn skipping_a_stage_names_the_stages_that_lose_their_input() {
    let dir = scratch("skip");
    std::fs::write(dir.join("a.txt"), "Putin said that he would meet the leaders of the country in Kyiv.").unwrap();
    let output = newsgraph(&["extract", "--skip", "entities", dir.join("a.txt").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the events stage runs without entities"), "{stderr}");
    let record = &documents(&output)[0];
    let stages = record["stages"].as_array().unwrap();
    assert!(stages.iter().any(|s| s["stage"] == "entities" && s["status"] == "skipped"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn ids_are_paths_inside_the_folder_and_unique() {
    let dir = scratch("ids");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("x.txt"), format!("The story from folder {sub} says little.")).unwrap();
    }
    let docs = documents(&newsgraph(&["extract", "--skip", "events", dir.to_str().unwrap()]));
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["a/x", "b/x"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn extracted_records_read_back_unchanged() {
    let Some(seeds) = seeds() else { return };
    let dir = scratch("readback");
    let first = newsgraph(&["extract", seeds.to_str().unwrap()]);
    let path = dir.join("seeds.jsonl");
    std::fs::write(&path, &first.stdout).unwrap();
    let second = newsgraph(&["extract", path.to_str().unwrap()]);
    assert!(second.status.success());
    assert_eq!(first.stdout, second.stdout);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let Some(seeds) = seeds() else { return };
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["extract", "--threads", "1", seeds.to_str().unwrap(), seeds.to_str().unwrap(), seeds.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("cannot write"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn completions_are_printed() {
    let output = newsgraph(&["completions", "bash"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("extract"));
}

#[test]
fn the_seeds_go_into_a_store_that_answers_queries() {
    let Some(seeds) = seeds() else { return };
    let dir = scratch("store");
    let db = dir.join("corpus.db");
    let db = db.to_str().unwrap();
    let first = newsgraph(&["ingest", "--db", db, seeds.to_str().unwrap()]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let again = newsgraph(&["ingest", "--db", db, seeds.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 added, 2 already stored"));
    let entity = newsgraph(&["entity", "--db", db, "--format", "json", "Zelensky"]);
    let entity: Value = serde_json::from_slice(&entity.stdout).unwrap();
    assert_eq!(entity["name"], "Volodymyr Zelensky");
    assert_eq!(entity["documents"], 2);
    let contradictions = newsgraph(&["contradictions", "--db", db, "--format", "table"]);
    let table = String::from_utf8_lossy(&contradictions.stdout);
    assert!(table.contains("claim vs denial") && table.contains("opposing outcomes"), "{table}");
    let events = newsgraph(&["events", "--db", db, "--actor", "RUS", "--status", "claimed", "--format", "json"]);
    assert!(String::from_utf8_lossy(&events.stdout).contains("Kupiansk"));
    let export = newsgraph(&["export", "--db", db, "--format", "jsonl"]);
    let kinds: Vec<String> = String::from_utf8_lossy(&export.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["kind"].as_str().unwrap().to_string())
        .collect();
    for kind in ["document", "story", "entity", "event", "contradiction"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} missing from the export");
    }
    let check = newsgraph(&["check", "--db", db]);
    assert!(check.status.success() && String::from_utf8_lossy(&check.stdout).ends_with(": ok\n"));
    let absent = dir.join("absent.db");
    let check = newsgraph(&["check", "--db", absent.to_str().unwrap()]);
    assert!(!check.status.success() && String::from_utf8_lossy(&check.stderr).contains("no store here"));
    assert!(!absent.exists(), "checking creates no store");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn url_sets_the_source_of_a_single_page() {
    let dir = scratch("url");
    let page = dir.join("page.html");
    std::fs::write(&page, "<html><body><article><p>Officials in Kyiv said the talks would resume on Monday after a pause of two weeks.</p></article></body></html>").unwrap();
    let output = newsgraph(&["extract", "--url", "https://news.example/2025/12/31/talks", page.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(documents(&output)[0]["source"], "https://news.example/2025/12/31/talks");
    let two = newsgraph(&["extract", "--url", "https://x.example/", page.to_str().unwrap(), page.to_str().unwrap()]);
    assert_eq!(two.status.code(), Some(2));
    std::fs::remove_dir_all(dir).unwrap();
}
