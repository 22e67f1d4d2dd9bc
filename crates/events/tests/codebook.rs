//! The codebook list (`data/verbs_cameo.txt`): news verbs of each CAMEO
//! root that `data/verbs.txt` lacks, on sentences written for the test.
//! Runs the text and events stages only, so actors come from the
//! dictionaries alone.

use newsgraph_core::Event;

mod common;

use common::{actor, find};

fn events(text: &str) -> Vec<Event> {
    common::events(text, None)
}

/// "strike" is an attack when what is struck is military, a deal otherwise
/// (a pattern of `verbs.txt`'s STRIKE entry).
#[test]
fn strike_codes_an_attack_on_military_objects_only() {
    let found = events("Israeli jets struck Hamas positions in Gaza.");
    assert_eq!(find(&found, "struck").cameo, "190");
    let found = events("Russian missiles struck military targets in Ukraine.");
    assert_eq!(find(&found, "struck").cameo, "190");
    let found = events("Chile and Peru struck a deal on fishing.");
    assert_eq!(find(&found, "struck").cameo, "057");
}

/// One sentence per root: the verb codes its sub-code, and the parties
/// are read as for the hand-written verbs.
#[test]
fn codebook_verbs_code_their_category() {
    for (text, trigger, cameo, source, target) in [
        ("Chile lobbied Peru for a new border treaty.", "lobbied", "020", "CHL", Some("PER")),
        ("Ghana proposed talks with Togo.", "proposed", "036", "GHA", Some("TGO")),
        ("Kenya convened talks with Uganda in Nairobi.", "convened", "046", "KEN", Some("UGA")),
        ("Norway brokered a deal between Sudan and Chad.", "brokered", "045", "NOR", Some("SDN")),
        ("Japan lauded Vietnam for its reforms.", "lauded", "051", "JPN", Some("VNM")),
        ("Egypt and Israel sealed an agreement on gas.", "sealed", "057", "EGY", Some("ISR")),
        ("Germany lent Greece ten billion euros.", "lent", "071", "DEU", Some("GRC")),
        ("Serbia backed down over the border dispute with Kosovo.", "backed down", "080", "SRB", None),
        ("Armenia exchanged prisoners with Azerbaijan on Monday.", "exchanged", "0841", "ARM", None),
        ("Brazil lashed out at Argentina over the tariffs.", "lashed out", "111", "BRA", Some("ARG")),
        ("Ecuador recalled its ambassador from Colombia.", "recalled", "161", "ECU", Some("COLGOV")),
        ("Turkish police rounded up dozens of Kurdish activists.", "rounded up", "173", "TURCOP", Some("TUROPP")),
        ("Nigeria expelled thirty Ghanaian traders; the expulsion angered Ghana.", "expulsion", "174", "", None),
        ("Syrian troops quelled a protest in Homs.", "quelled", "175", "SYRMIL", None),
        ("Pakistani forces stormed a rebel hideout.", "stormed", "190", "PAKMIL", None),
        (
            "Indian troops exchanged fire with Pakistani soldiers along the border.",
            "exchanged",
            "190",
            "INDMIL",
            Some("PAKMIL"),
        ),
    ] {
        let found = events(text);
        let event = find(&found, trigger);
        assert_eq!(event.cameo, cameo, "{text}");
        if !source.is_empty() {
            assert_eq!(actor(&event.source), Some(source), "{text}");
        }
        if target.is_some() {
            assert_eq!(actor(&event.target), target, "{text}");
        }
    }
}

/// Verbs that are also common nouns or month names are listed by their
/// verb forms only: "March" the month and "a storm" code nothing.
#[test]
fn noun_senses_of_listed_verbs_code_nothing() {
    let found = events("In March a storm hit Cuba, and Cuban workers marched in Havana.");
    assert!(found.iter().all(|e| e.trigger.text != "March" && e.trigger.text != "storm"), "{found:#?}");
    assert_eq!(find(&found, "marched").cameo, "141");
}

/// "proposed" before a noun and "marching orders" are no acts.
#[test]
fn adjective_senses_code_nothing() {
    let found = events("Ghana rejected the proposed border treaty with Togo.");
    assert!(found.iter().all(|e| e.trigger.text != "proposed"), "{found:#?}");
    assert_eq!(find(&found, "rejected").plover, "REJECT");
    let found = events("The minister gave the police their marching orders.");
    assert!(found.iter().all(|e| e.trigger.text != "marching"), "{found:#?}");
}
