//! Acts inside what a sentence reports: which act a demand covers when
//! it is a complement of another verb. Sentences written for the test;
//! text and events stages only, so actors come from the dictionaries.

use newsgraph_core::Event;

mod common;

use common::{actor, find};

fn events(text: &str) -> Vec<Event> {
    common::events(text, None)
}

/// An obligation reaches through an infinitive of purpose: what the
/// obliged party must do "to allow" is demanded of it by the speaker,
/// not an act the party announces.
#[test]
fn an_obligation_covers_its_infinitive_of_purpose() {
    let found = events("Russia said Ukraine must withdraw its troops to allow talks with Kyiv.");
    for trigger in ["withdraw", "allow"] {
        let demand = find(&found, trigger);
        assert_eq!(demand.plover, "REQUEST", "{trigger}");
        assert!(demand.cameo.starts_with("10"), "{trigger}: {}", demand.cameo);
        assert_eq!(actor(&demand.source), Some("RUS"), "{trigger}");
        assert_eq!(actor(&demand.target), Some("UKR"), "{trigger}");
    }
    let found = events("Germany said Iranian forces must ensure security to allow aid to reach the refugees.");
    let demand = find(&found, "allow");
    assert_eq!(demand.cameo, "105");
    assert_eq!(actor(&demand.source), Some("DEU"));
    assert_eq!(actor(&demand.target), Some("IRNMIL"));
}

/// Without an obligation the purpose stays the subject's own act, and an
/// obligation does not reach past the end of its clause.
#[test]
fn a_purpose_without_obligation_is_not_demanded() {
    let found = events("Uzbekistan opened the bridge to allow grain deliveries to Afghanistan.");
    let allow = find(&found, "allow");
    assert_eq!(allow.plover, "CONCEDE");
    assert_eq!(actor(&allow.source), Some("UZB"));
    let found = events("Russia must act, and Ukraine agreed to allow talks.");
    assert_ne!(find(&found, "allow").plover, "REQUEST");
}

/// "sent X to do Y": the act the envoys are sent to do represents the
/// sentence and comes before the sending, done by the sender, on the
/// destination when it has no party of its own.
#[test]
fn the_purpose_of_a_sending_comes_first() {
    let found = events("The United Nations sent twenty experts to Bosnia to investigate the massacre.");
    let first = found.iter().find(|e| !e.cameo.starts_with("01")).expect("an act");
    assert_eq!(first.trigger.text, "investigate");
    assert_eq!(first.plover, "ACCUSE");
    assert_eq!(actor(&first.source), Some("UNO"));
    assert_eq!(actor(&first.target), Some("BIH"));
    assert!(found.iter().any(|e| e.trigger.text == "sent"), "the sending stays an event");
    // The same when the purpose is coded by the table's verbs alone.
    let found = events("Kenya sent police to Uganda to obstruct passage of the convoy.");
    let first = found.iter().find(|e| !e.cameo.starts_with("01")).expect("an act");
    assert_eq!((first.trigger.text.as_str(), first.plover.as_str()), ("obstruct", "PROTEST"));
    assert_eq!(actor(&first.source), Some("KEN"));
    // A purpose that is not a sending's keeps the order of the text: the
    // protest, not the demand it makes, represents the sentence.
    let found = events("Kenyan students protested in Nairobi to demand reforms.");
    let triggers: Vec<&str> = found.iter().map(|e| e.trigger.text.as_str()).collect();
    assert_eq!(triggers.first(), Some(&"protested"), "{triggers:?}");
    assert!(triggers.contains(&"demand"), "{triggers:?}");
}

/// Coordinated verbs with the same parties name one act, counted once;
/// the same verbs with other parties stay apart.
#[test]
fn coordinated_verbs_of_one_act_are_one_event() {
    let found = events("Russia is not prepared to support or agree to or even accept NATO forces in Ukraine.");
    let refusals: Vec<&Event> = found.iter().filter(|e| e.plover == "REJECT").collect();
    assert_eq!(refusals.len(), 1, "{found:#?}");
    assert_eq!(refusals[0].trigger.text, "support");
    let found = events("Russia condemned Ukraine and criticised Poland.");
    assert_eq!(found.len(), 2, "{found:#?}");
}
