//! Status, code and actors of the events a reader sees in the seed articles,
//! one test per evidential status. Runs the text and events stages only, so
//! actors come from the dictionaries alone.

use newsgraph_core::{Document, EventStatus, Stage};
use newsgraph_events::EventStage;
use newsgraph_text::TextStage;

mod common;

use common::{actor, events, find};

#[test]
fn claimed_capture_of_kupiansk() {
    let found = events(
        "Russia claimed it captured Kupiansk, a strategic city that's changed hands multiple times during the war.",
        None,
    );
    let capture = find(&found, "captured");
    assert_eq!(capture.status, EventStatus::Claimed);
    assert_eq!(capture.plover, "COERCE");
    assert_eq!(actor(&capture.source), Some("RUS"));
    // The claim itself is a statement the writer reports as fact.
    assert_eq!(find(&found, "claimed").status, EventStatus::Asserted);
}

#[test]
fn alleged_attack_denied_by_kyiv() {
    let text =
        "Gerasimov's statements come in the wake of Russia's pledge to respond to what it claimed, without evidence, \
                was an attempt to attack Putin's headquarters, which Kyiv denied.";
    let found = events(text, Some("2025-12-31"));
    let attack = find(&found, "attack");
    assert_eq!(attack.status, EventStatus::Denied);
    assert_eq!(actor(&attack.target), Some("RUSGOV"));
    let denial = find(&found, "denied");
    assert_eq!((denial.cameo.as_str(), denial.status), ("016", EventStatus::Asserted));
    assert_eq!(actor(&denial.source), Some("UKRGOV"));
    let pledge = find(&found, "pledge");
    assert_eq!((pledge.plover.as_str(), actor(&pledge.source)), ("THREATEN", Some("RUS")));
}

#[test]
fn unverified_deal_reaches_back_to_the_claim() {
    let text =
        "Zelensky announced what he called a breakthrough with Washington. He said the US agreed to make security \
                guarantees legally binding through a Congressional vote.\n\nBut Zelensky didn't provide details. \
                The claim couldn't be independently verified.";
    let found = events(text, None);
    let agreed = find(&found, "agreed");
    assert_eq!(agreed.status, EventStatus::Unverified);
    assert_eq!(actor(&agreed.source), Some("USA"));
}

#[test]
fn scheduled_meetings_are_planned_with_their_dates() {
    let found = events(
        "Zelensky noted that senior officials from Ukraine and Western countries will meet in Kyiv in early January.",
        Some("2025-12-31"),
    );
    let meet = find(&found, "meet");
    assert_eq!(meet.status, EventStatus::Planned);
    assert_eq!(meet.plover, "AGREE");
    assert_eq!(actor(&meet.source), Some("UKRGOV"));
    // No time stage ran: a planned event does not get the article's date.
    assert_eq!(meet.date, None);
}

#[test]
fn conditional_is_hypothetical() {
    let found = events("Ukraine seeks security guarantees that would deter future Russian attacks.", None);
    let attacks = find(&found, "attacks");
    assert_eq!(attacks.status, EventStatus::Hypothetical);
    assert_eq!(actor(&attacks.source), Some("RUS"));
}

#[test]
fn refused_concessions_are_negated() {
    let found = events("Ryabkov said Moscow won't make any concessions regarding the territories it controls.", None);
    let make = find(&found, "make");
    assert_eq!((make.plover.as_str(), make.status), ("CONCEDE", EventStatus::Negated));
    assert_eq!(actor(&make.source), Some("RUSGOV"));
}

#[test]
fn rejection_of_nato_forces_is_asserted() {
    let found = events(
        "Russia says it wants to end the war in Ukraine but won't accept any NATO forces on Ukrainian soil.",
        None,
    );
    let accept = find(&found, "accept");
    assert_eq!((accept.plover.as_str(), accept.status), ("REJECT", EventStatus::Asserted));
    assert_eq!(actor(&accept.target), Some("NATOMIL"));
}

#[test]
fn reported_advance_is_claimed_and_dated() {
    let found = events(
        "Gerasimov announced that Russian forces are making progress in northeastern Ukraine.",
        Some("2025-12-31"),
    );
    let advance = find(&found, "making");
    assert_eq!((advance.plover.as_str(), advance.status), ("ASSAULT", EventStatus::Claimed));
    assert_eq!(actor(&advance.source), Some("RUSMIL"));
    assert_eq!(actor(&advance.target), Some("UKR"));
    let statement = find(&found, "announced");
    assert_eq!((statement.cameo.as_str(), statement.date.as_deref()), ("010", Some("2025-12-31")));
    assert_eq!(actor(&statement.source), Some("RUSMIL"));
}

#[test]
fn plain_report_is_asserted() {
    let found = events("Israeli soldiers arrested more than 100 Palestinians on Saturday.", Some("2001-05-06"));
    let arrest = find(&found, "arrested");
    assert_eq!((arrest.cameo.as_str(), arrest.status), ("173", EventStatus::Asserted));
    assert_eq!((actor(&arrest.source), actor(&arrest.target)), (Some("ISRMIL"), Some("PSE")));
    assert_eq!(arrest.date.as_deref(), Some("2001-05-06"));
}

#[test]
fn entities_get_actor_codes() {
    let mut doc = Document::new("t", "test", "The Kremlin said Peskov spoke for Russia.");
    TextStage::new().annotate(&mut doc);
    doc.entities.push(newsgraph_core::Entity {
        id: "e0".into(),
        kind: newsgraph_core::EntityType::Org,
        name: "Kremlin".into(),
        mentions: vec![newsgraph_core::Mention::new(&doc.text.clone(), newsgraph_core::Span::new(4, 11))],
        actor: None,
        country: None,
    });
    EventStage::load(&[], &[]).unwrap().annotate(&mut doc);
    assert_eq!(doc.entities[0].actor.as_deref(), Some("RUSGOV"));
    assert_eq!(doc.entities[0].country.as_deref(), Some("RU"));
}

#[test]
fn user_dictionaries_are_loaded_and_bad_ones_reported() {
    let dir = std::env::temp_dir().join(format!("newsgraph-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let actors = dir.join("actors.txt");
    std::fs::write(&actors, "GONDOR [GON]\n").unwrap();
    let verbs = dir.join("verbs.txt");
    std::fs::write(&verbs, "--- SALUTE [051] ---\nSALUTE\n").unwrap();
    let stage = EventStage::load(&[actors], std::slice::from_ref(&verbs)).unwrap();
    let mut doc = Document::new("t", "test", "Gondor saluted Russia.");
    TextStage::new().annotate(&mut doc);
    stage.annotate(&mut doc);
    let salute = find(&doc.events, "saluted");
    assert_eq!(
        (actor(&salute.source), actor(&salute.target), salute.cameo.as_str()),
        (Some("GON"), Some("RUS"), "051")
    );
    std::fs::write(&verbs, "- * X [010]\n").unwrap();
    assert!(EventStage::load(&[], &[verbs]).is_err());
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        " ",
        "Ä",
        "said",
        "'s 's 's",
        "He said. It said. They said \u{201C}we will\u{201D}.",
        "Rußland griff Kyjiw an — Россия атаковала Киев.",
        "No one no one no NO NOT n't",
    ] {
        let found = events(text, Some("2025-01-01"));
        assert!(found.iter().all(|e| e.trigger.start <= e.trigger.end));
    }
    let dir = std::env::temp_dir().join(format!("newsgraph-events-odd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let actors = dir.join("actors.txt");
    std::fs::write(&actors, "ÄÖ [ÄÖÜ]\nGEWERKSCHAFT [~ÄÖ]\n").unwrap();
    let stage = EventStage::load(&[actors], &[]).unwrap();
    let mut doc = Document::new("t", "test", "Äö Gewerkschaft attacked Russia.");
    TextStage::new().annotate(&mut doc);
    stage.annotate(&mut doc);
    assert!(!doc.events.is_empty());
}

#[test]
fn pledge_before_a_claim_and_a_denial_is_asserted() {
    // The claim and the denial scope over the embedded clause only; a later
    // "stating that ..." has its own complement and attributes nothing here.
    let text =
        "Gerasimov's statements come in the wake of Russia's pledge to respond to what it claimed, without evidence, \
                was an attempt to attack Putin's headquarters, which Kyiv denied, stating that the allegations aim to \
                obstruct peace talks.";
    let found = events(text, Some("2025-12-31"));
    let pledge = find(&found, "pledge");
    assert_eq!((pledge.status, pledge.attributed_to.as_deref()), (EventStatus::Asserted, None));
    assert_eq!(actor(&pledge.source), Some("RUS"));
    assert_eq!(find(&found, "attack").status, EventStatus::Denied);
}

#[test]
fn participle_report_is_attributed_to_the_quote_speaker() {
    let text = "Ukrainian President Volodymyr Zelensky said that Kyiv will discuss with Washington the presence of \
                American forces in Ukraine, adding that his country is committed to continuing talks, and that he is \
                ready to meet with Russian President Vladimir Putin.";
    let mut doc = Document::new("t", "test", text);
    TextStage::new().annotate(&mut doc);
    // The attribution stage's reading: the content after "adding" is
    // Zelensky's (entity e1).
    let content = text.find("his country").expect("content");
    doc.quotes.push(newsgraph_core::Quote {
        start: content,
        end: text.len() - 1,
        text: text[content..text.len() - 1].to_string(),
        kind: newsgraph_core::QuoteKind::Indirect,
        speaker: Some("e1".to_string()),
        speaker_text: Some("Ukrainian President Volodymyr Zelensky".to_string()),
        cue: "adding".to_string(),
        cue_span: None,
        speaker_span: None,
    });
    EventStage::load(&[], &[]).expect("built-in dictionaries load").annotate(&mut doc);
    let meet = find(&doc.events, "meet");
    assert_eq!((meet.status, meet.attributed_to.as_deref()), (EventStatus::Planned, Some("e1")));
}

#[test]
fn reported_gains_are_claimed_by_their_reporters() {
    let text = "Russia claimed it captured Kupiansk. Ukrainian forces had recently said they regained several \
                neighborhoods there.";
    let found = events(text, None);
    let regained = find(&found, "regained");
    assert_eq!((regained.status, actor(&regained.source)), (EventStatus::Claimed, Some("UKRMIL")));
    assert_eq!(find(&found, "captured").status, EventStatus::Claimed);
}
