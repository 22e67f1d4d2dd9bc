//! The two seed articles, annotated by the full pipeline and linked: one
//! corpus Zelensky and one Putin, and the two contradictions the seeds
//! hold (the denied drone attack on Putin's residence, and Kupiansk
//! captured versus neighbourhoods there regained).

use newsgraph::{Options, Pipeline};
use newsgraph_core::shared::shared_path;
use newsgraph_core::EntityType;
use newsgraph_linking::{Article, ContradictionKind, Linker, MemoryCorpus};

/// The seeds linked into one corpus, or `None` (with a message) when
/// `../shared` is absent.
fn linked_seeds() -> Option<MemoryCorpus> {
    let Some(dir) = shared_path("seeds") else {
        eprintln!("skipped: ../shared/seeds is absent");
        return None;
    };
    let pipeline = Pipeline::load(Options::default()).expect("pipeline loads");
    let linker = Linker::default();
    let mut corpus = MemoryCorpus::default();
    for raw in newsgraph::read_inputs(&[dir.display().to_string()]) {
        let record = pipeline.process(raw.expect("seed readable")).expect("annotates");
        let article = Article::from_record(&record).expect("output form");
        corpus.add(&linker, &article).expect("links");
    }
    Some(corpus)
}

#[test]
fn seeds_link_people_and_find_both_contradictions() {
    let Some(corpus) = linked_seeds() else { return };
    let people = |surname: &str| {
        corpus
            .entities
            .values()
            .filter(|e| e.kind == EntityType::Person && e.name.contains(surname))
            .map(|e| (e.id.clone(), e.documents))
            .collect::<Vec<_>>()
    };
    let zelensky = people("Zelensky");
    assert_eq!(zelensky.len(), 1, "{zelensky:?}");
    assert_eq!(zelensky[0].1, 2, "Zelensky is in both seeds");
    assert_eq!(people("Putin").len(), 1, "{:?}", people("Putin"));

    let found = |kind: ContradictionKind, words: &[&str]| {
        corpus
            .contradictions
            .iter()
            .any(|c| c.kind == kind && words.iter().all(|w| c.sides.iter().any(|s| s.text.contains(w))))
    };
    assert!(found(ContradictionKind::ClaimDenial, &["claimed", "denied"]), "{:#?}", corpus.contradictions);
    assert!(
        found(ContradictionKind::OpposingOutcome, &["captured Kupiansk", "regained"]),
        "{:#?}",
        corpus.contradictions
    );
    let dates = corpus.contradictions.iter().filter(|c| c.kind == ContradictionKind::DifferingDates).count();
    assert_eq!(dates, 0, "the advisers' meeting and the leaders' meeting are two events: {:#?}", corpus.contradictions);
    let denial = corpus.contradictions.iter().find(|c| c.kind == ContradictionKind::ClaimDenial);
    let claimants: Vec<_> =
        denial.map(|c| c.sides.iter().map(|s| s.claimant_name.clone()).collect()).unwrap_or_default();
    assert_eq!(claimants, [Some("Russia".to_string()), Some("Kyiv".to_string())]);
}

#[test]
fn state_survives_a_save_and_reload() {
    let Some(corpus) = linked_seeds() else { return };
    let json = serde_json::to_string(&corpus).expect("serialises");
    let reloaded = MemoryCorpus::from_json(&json).expect("reloads");
    assert_eq!(reloaded.entities, corpus.entities);
    assert_eq!(reloaded.events.len(), corpus.events.len());
}

/// A copy of an article run by another outlet (the same text with a line
/// of its own at the end) reports the events the article reported: every
/// one of its events joins a corpus event, down to the last sentence. Long
/// articles from the PolNeAR texts, where later sentences repeat their
/// verbs, are the hard case.
#[test]
fn a_copy_of_an_article_reports_the_same_events() {
    let (Some(seeds), Some(polnear)) = (shared_path("seeds"), shared_path("eval/quotes/polnear-dev/text")) else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let pipeline = Pipeline::load(Options::default()).expect("pipeline loads");
    let linker = Linker::default();
    let mut files: Vec<_> = std::fs::read_dir(&polnear).expect("texts").map(|e| e.expect("entry").path()).collect();
    files.sort();
    files.truncate(6);
    let paths: Vec<String> = std::iter::once(seeds).chain(files).map(|p| p.display().to_string()).collect();
    for raw in newsgraph::read_inputs(&paths) {
        let record = pipeline.process(raw.expect("readable")).expect("annotates");
        let mut corpus = MemoryCorpus::default();
        corpus.add(&linker, &Article::from_record(&record).expect("output form")).expect("links");
        let events = corpus.events.len();
        let mut copy = record.clone();
        copy.id = format!("{}-copy", record.id);
        copy.text.push_str("\n\nThis article was first published by another outlet.");
        corpus.add(&linker, &Article::from_record(&copy).expect("output form")).expect("links");
        assert_eq!(corpus.events.len(), events, "{}: every event of the copy joins the original's", record.source);
    }
}
