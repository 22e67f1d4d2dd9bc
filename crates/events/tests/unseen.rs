//! Acts whose verb no dictionary codes, as the held-out evaluation meets
//! them: each test removes the blocks of the verb it reads (as
//! `newsgraph eval events plover --folds K` removes the blocks only a fold
//! uses), so the table's rows and the general rules must code the act.
//! Sentences written for the test; text and events stages only.

use std::collections::HashSet;

use newsgraph_core::{Document, Event, EventStatus, Stage};
use newsgraph_events::EventStage;
use newsgraph_text::TextStage;

mod common;

use common::{actor, find};

/// The events of `text` with every verb block holding a form of one of
/// `verbs` (upper case) coding nothing.
fn events_without(text: &str, verbs: &[&str]) -> Vec<Event> {
    let stage = EventStage::load(&[], &[]).expect("built-in dictionaries load");
    let forms = &stage.dictionaries().verbs.forms;
    let blocks: HashSet<usize> =
        forms.iter().filter(|f| f.words.iter().any(|w| verbs.contains(&w.as_str()))).map(|f| f.block).collect();
    let mut doc = Document::new("t", "test", text);
    TextStage::new().annotate(&mut doc);
    stage.without_verb_blocks(&blocks).annotate(&mut doc);
    doc.events
}

/// "Make a visit" (042): the noun of a support verb's row is a verb
/// naming the act alone.
#[test]
fn nouns_of_support_verbs_are_verbs() {
    let found = events_without("Taiwan's vice foreign minister visited Russia on Monday.", &["VISITED", "VISIT"]);
    let visit = find(&found, "visited");
    assert_eq!((visit.cameo.as_str(), visit.plover.as_str()), ("042", "CONSULT"));
    assert_eq!(actor(&visit.source).map(|c| &c[..3]), Some("TWN"));
    assert_eq!(actor(&visit.target), Some("RUS"));
}

/// "Host a visit" (043): the visitor as the object stands for the visit;
/// with no party as the object the row names nothing.
#[test]
fn a_party_stands_for_the_act_it_does() {
    let found =
        events_without("Russian President Boris Yeltsin hosted the Japanese prime minister.", &["HOSTED", "HOST"]);
    let host = find(&found, "hosted");
    assert_eq!((host.cameo.as_str(), host.plover.as_str()), ("043", "CONSULT"));
    assert_eq!(actor(&host.source).map(|c| &c[..3]), Some("RUS"));
    assert_eq!(actor(&host.target).map(|c| &c[..3]), Some("JPN"));
    let found = events_without("Russia hosted the Olympic Games.", &["HOSTED", "HOST"]);
    assert!(found.iter().all(|e| e.trigger.text != "hosted"), "{found:#?}");
}

/// An announced generic verb with a party as its object is the intent
/// ("would meet the U.N. mediator": 036); a support verb is not.
#[test]
fn announced_verbs_take_a_party_as_object() {
    let found = events_without("Afghan rebel leaders said they would meet the U.N. mediator.", &["MEET"]);
    let meet = find(&found, "meet");
    assert_eq!((meet.cameo.as_str(), meet.plover.as_str()), ("036", "AGREE"));
    assert_eq!(actor(&meet.source).map(|c| &c[..3]), Some("AFG"));
}

/// An act of the intent rows announced as not to be done is refused, and
/// the refusal is not itself negated.
#[test]
fn negated_intents_are_refusals() {
    let found = events_without("Syria says it will not accept any more refugees.", &["ACCEPT"]);
    let refusal = find(&found, "accept");
    assert_eq!((refusal.cameo.as_str(), refusal.plover.as_str()), ("120", "REJECT"));
    assert_eq!(actor(&refusal.source), Some("SYR"));
    assert_ne!(refusal.status, EventStatus::Negated);
}

/// "have sworn to" announces as "vowed to" does: a threat.
#[test]
fn sworn_acts_are_announced() {
    let found = common::events("Rebels in Macedonia have sworn to attack the capital.", None);
    assert_eq!(find(&found, "attack").plover, "THREATEN", "{found:#?}");
}

/// A hyphenated title names a person, so "he" stands for its holder, not
/// for the organisation named after him.
#[test]
fn hyphenated_titles_are_persons() {
    let found = common::events(
        "Arab League Secretary-General Chedli Klibi praised the Palestinian Liberation Organization, which he said \
         would create a favourable climate.",
        None,
    );
    assert_ne!(actor(&find(&found, "said").source).map(|c| &c[..3]), Some("PSE"), "{found:#?}");
}
