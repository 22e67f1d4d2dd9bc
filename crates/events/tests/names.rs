//! Actor codes and the entities that carry them: a dictionary actor inside
//! a person's longer name is not that actor, and an entity takes a
//! phrase's code only when it heads the phrase. Text and events stages,
//! with the entities written by hand as the entities stage would give them.

use newsgraph_core::{Document, Entity, EntityType, Mention, Span, Stage};
use newsgraph_events::EventStage;
use newsgraph_text::TextStage;

/// Annotates `text` with `names` as entities of the given types.
fn annotate(text: &str, names: &[(&str, EntityType)]) -> Document {
    let mut doc = Document::new("t", "test", text);
    doc.entities = names
        .iter()
        .enumerate()
        .map(|(i, (name, kind))| {
            let mentions =
                text.match_indices(name).map(|(at, _)| Mention::new(text, Span::new(at, at + name.len()))).collect();
            Entity { id: format!("e{i}"), kind: *kind, name: name.to_string(), mentions, actor: None, country: None }
        })
        .collect();
    TextStage::new().annotate(&mut doc);
    EventStage::load(&[], &[]).expect("built-in dictionaries load").annotate(&mut doc);
    doc
}

fn actor_of<'d>(doc: &'d Document, name: &str) -> Option<&'d str> {
    doc.entities.iter().find(|e| e.name == name).and_then(|e| e.actor.as_deref())
}

#[test]
fn a_dictionary_actor_inside_a_persons_name_is_not_that_actor() {
    let doc = annotate(
        "Billionaire Mark Cuban criticised the plan. Sharon Werner said she would resign.",
        &[("Mark Cuban", EntityType::Person), ("Sharon Werner", EntityType::Person)],
    );
    assert_eq!(actor_of(&doc, "Mark Cuban"), None, "{:#?}", doc.entities);
    assert_eq!(actor_of(&doc, "Sharon Werner"), None, "{:#?}", doc.entities);
    // A person actor ending the name is its bearer.
    let doc = annotate("Vladimir Putin said the talks would go on.", &[("Vladimir Putin", EntityType::Person)]);
    assert_eq!(actor_of(&doc, "Vladimir Putin").map(|a| &a[..3]), Some("RUS"), "{:#?}", doc.entities);
}

#[test]
fn only_the_head_of_a_phrase_takes_its_code() {
    let doc = annotate(
        "The United States imposed new tariffs on steel. A North Carolina law firm said the rules were unclear.",
        &[("United States", EntityType::Gpe), ("North Carolina", EntityType::Gpe)],
    );
    // The firm is the phrase's head: its code is the source's, not the state's.
    let said = doc.events.iter().find(|e| e.trigger.text == "said").expect("an event on \"said\"");
    assert_eq!(said.source.as_ref().and_then(|p| p.actor.as_deref()), Some("USABUS"));
    assert_eq!(actor_of(&doc, "North Carolina"), None, "{:#?}", doc.entities);
    // A title's name heads the phrase.
    let doc = annotate(
        "Ukrainian President Volodymyr Zelensky met the envoy.",
        &[("Volodymyr Zelensky", EntityType::Person), ("Ukrainian", EntityType::Norp)],
    );
    assert_eq!(actor_of(&doc, "Volodymyr Zelensky"), Some("UKRGOV"), "{:#?}", doc.entities);
}
