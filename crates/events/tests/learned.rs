//! Learned triggers: a verb the dictionary lacks is coded where the
//! dictionary codes no act, with the parties the coder finds for it.

use newsgraph_core::{Document, Stage};
use newsgraph_events::model::{self, Example};
use newsgraph_events::words::View;
use newsgraph_events::EventStage;
use newsgraph_text::TextStage;

fn annotated(text: &str) -> Document {
    let mut doc = Document::new("t", "test", text);
    TextStage::new().annotate(&mut doc);
    doc
}

#[test]
fn a_learned_verb_is_coded_with_its_parties() {
    let stage = EventStage::load(&[], &[]).expect("built-in dictionaries load");
    let verbs = &stage.dictionaries().verbs;
    // Training: "ostracized" is SANCTION, every other candidate word no event.
    let mut examples = Vec::new();
    for text in ["Norway ostracized three Iranian diplomats.", "Chile ostracized two Peruvian envoys on Monday."] {
        let doc = annotated(text);
        let view = View::of_sentence(&doc, 0);
        for k in (0..view.len()).filter(|&k| model::is_candidate(&view, k)) {
            let label = if view.word(k) == "OSTRACIZED" { model::type_index("SANCTION").unwrap() } else { 0 };
            examples.push(Example { features: model::token_features(&view, verbs, k), proposed: None, label });
        }
    }
    let learned = model::train(&examples, 5, 1);
    let stage = stage.with_trigger_model(Some(learned));
    let mut doc = annotated("Switzerland ostracized two Russian diplomats.");
    stage.annotate(&mut doc);
    let event = doc.events.iter().find(|e| e.trigger.text == "ostracized").expect("a learned event");
    assert_eq!(event.plover, "SANCTION");
    assert_eq!(event.source.as_ref().and_then(|p| p.actor.as_deref()), Some("CHE"));
    assert_eq!(event.target.as_ref().and_then(|p| p.actor.as_deref()).map(|c| &c[..3]), Some("RUS"));
    // Without the model the dictionary alone codes no act here.
    let mut doc = annotated("Switzerland ostracized two Russian diplomats.");
    EventStage::load(&[], &[]).unwrap().annotate(&mut doc);
    assert!(doc.events.iter().all(|e| e.trigger.text != "ostracized"));
}
