//! Helpers shared by the events integration tests: run the text and events
//! stages only, so actors come from the dictionaries alone.

use newsgraph_core::{Document, Event, Participant, Stage};
use newsgraph_events::EventStage;
use newsgraph_text::TextStage;

pub fn events(text: &str, date: Option<&str>) -> Vec<Event> {
    let mut doc = Document::new("t", "test", text);
    doc.anchor_date = date.map(str::to_string);
    TextStage::new().annotate(&mut doc);
    EventStage::load(&[], &[]).expect("built-in dictionaries load").annotate(&mut doc);
    doc.events
}

pub fn find<'e>(events: &'e [Event], trigger: &str) -> &'e Event {
    events
        .iter()
        .find(|e| e.trigger.text == trigger)
        .unwrap_or_else(|| panic!("no event on {trigger:?} in {events:#?}"))
}

pub fn actor(side: &Option<Participant>) -> Option<&str> {
    side.as_ref().and_then(|p| p.actor.as_deref())
}
