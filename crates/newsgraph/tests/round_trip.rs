//! The output record reads back: extract, read the JSON line back through
//! the readers, write it again, and the bytes are the same. Checked on
//! random Unicode documents through the whole pipeline.

use newsgraph::{check_output_offsets, Document, Options, Pipeline, Raw, RunStatus, StageName};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Kyiv",
    "U.S.",
    "said",
    "\u{201C}",
    "\u{201D}",
    "\"",
    ".",
    " ",
    " ",
    "\n",
    "\n\n",
    "\u{1F600}",
    "e\u{0301}",
    "\u{4E2D}\u{6587}",
    "\u{0417}\u{0435}\u{043B}",
    "3.5",
    "\u{2014}",
    "\u{00A0}",
    "Zelensky",
    "Putin",
    "Moscow",
    "President",
    "January 3",
    "last week",
    "will meet",
    "captured",
    "Peskov said",
    "according to",
    "in Kharkiv",
    "NATO",
    "told",
    "denied",
    "\u{FEFF}",
    "\t",
    "'s",
];

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::load(Options { anchor_date: "2025-12-31".parse().ok(), ..Options::default() }).unwrap()
    })
}

/// Reads `line` back as a JSON-lines input and passes it through the pipeline.
fn read_back(line: &str) -> newsgraph::Record {
    let path = std::env::temp_dir().join(format!("newsgraph-roundtrip-{}.jsonl", std::process::id()));
    std::fs::write(&path, line).unwrap();
    let mut raws: Vec<_> = newsgraph::read_inputs(&[path.display().to_string()]).collect();
    std::fs::remove_file(&path).unwrap();
    let raw = raws.remove(0).expect("the record reads back");
    assert!(matches!(raw, Raw::Record(_)), "read back as a record");
    pipeline().process(raw).expect("passes through")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn records_round_trip_byte_for_byte(pieces in proptest::collection::vec(0..PIECES.len(), 1..50)) {
        let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
        prop_assume!(!text.trim().is_empty());
        let record = pipeline().process_document(Document::new("p", "p.txt", text)).expect("annotates");
        let line = serde_json::to_string(&record).unwrap();
        check_output_offsets(&serde_json::from_str(&line).unwrap()).unwrap();
        let again = serde_json::to_string(&read_back(&line)).unwrap();
        prop_assert_eq!(line, again);
    }
}

#[test]
fn records_say_which_stages_ran_and_who_produced_them() {
    let options = Options { skip: vec![StageName::Entities], ..Options::default() };
    let pipeline = Pipeline::load(options).unwrap();
    let losers: Vec<StageName> = pipeline.missing_inputs().iter().map(|m| m.stage).collect();
    assert!(losers.contains(&StageName::Geo) && losers.contains(&StageName::Events), "{losers:?}");
    let record = pipeline
        .process_document(Document::new(
            "d",
            "d.txt",
            "President Putin said that he would meet the leaders of the country in Kyiv on Monday.",
        ))
        .unwrap();
    let entities = record.stages.iter().find(|run| run.stage == StageName::Entities).unwrap();
    assert_eq!(entities.status, RunStatus::Skipped);
    let events = record.stages.iter().find(|run| run.stage == StageName::Events).unwrap();
    assert_eq!(events.status, RunStatus::Ran);
    assert!(events.reason.as_deref().unwrap().contains("entities"));
    assert_eq!(record.producer.name, "newsgraph");
    assert_eq!(record.producer.fingerprint.len(), 16);
    assert!(record.content_hash.starts_with("sha256:"));
}

#[test]
fn other_languages_say_which_stages_were_skipped() {
    let text = "Der Bundeskanzler hat am Montag in Berlin gesagt, dass die Regierung die Steuern nicht erhöhen wird, \
                obwohl die Opposition das seit Wochen fordert und die Wirtschaft schwächelt.";
    let record = pipeline().process_document(Document::new("de", "de.txt", text)).unwrap();
    assert_eq!(record.language.as_str(), "de");
    let skipped: Vec<StageName> =
        record.stages.iter().filter(|r| r.status == RunStatus::Skipped).map(|r| r.stage).collect();
    assert_eq!(skipped.len(), 5, "{:?}", record.stages);
}
