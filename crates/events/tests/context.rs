//! What carries over to sentences the dictionaries were not written for:
//! the verbs of the CAMEO2PLOVER table's descriptions where no dictionary
//! verb codes an act, and the country of ethnic groups. Sentences written
//! for the test; text and events stages only.

use newsgraph_core::Event;

mod common;

use common::{actor, find};

fn events(text: &str) -> Vec<Event> {
    common::events(text, None)
}

/// A verb the dictionaries lack codes what the codebook row it leads
/// names: alone when the row is the verb alone, else only with one of the
/// row's objects after it.
#[test]
fn codebook_verbs_code_sentences_with_no_act() {
    let found = events("Japan reduced aid to Myanmar.");
    let cut = find(&found, "reduced");
    assert_eq!(cut.plover, "SANCTION");
    assert_eq!(actor(&cut.source), Some("JPN"));
    assert_eq!(actor(&cut.target), Some("MMR"));
    let found = events("Kenya increased police patrols in Nairobi.");
    let patrols = find(&found, "increased");
    assert_eq!(patrols.plover, "MOBILIZE");
    assert_eq!(actor(&patrols.source), Some("KEN"));
    for text in ["Japan reduced its carbon emissions.", "Chile used the data in its report."] {
        assert!(events(text).is_empty(), "{text}: {:#?}", events(text));
    }
}

/// The table's verbs code beside the acts the dictionaries find in the
/// same sentence, not only where they find none; a word the dictionaries
/// already code is not coded twice.
#[test]
fn codebook_verbs_code_beside_dictionary_acts() {
    let found = events("Kenyan authorities imposed a curfew in Mombasa after protesters attacked the police.");
    let curfew = find(&found, "imposed");
    assert_eq!((curfew.cameo.as_str(), curfew.plover.as_str()), ("1723", "COERCE"));
    assert_eq!(actor(&curfew.source), Some("KENGOV"));
    assert_eq!(find(&found, "attacked").plover, "ASSAULT");
    let found = events("Chilean officials expressed concern that the law could change.");
    assert!(found.iter().all(|e| e.trigger.text != "expressed" || e.plover == "STATEMENT"), "{found:#?}");
}

/// "Mobilize or increase armed forces": any word of the agent dictionary
/// for an armed service stands for the row's "forces".
#[test]
fn codebook_forces_are_any_armed_service() {
    let found = events("Kenya increased its troops on the border with Somalia.");
    let troops = find(&found, "increased");
    assert_eq!(troops.plover, "MOBILIZE");
    assert_eq!(actor(&troops.source), Some("KEN"));
}

/// An announced act with a verb the dictionaries do not code is the
/// intent the table's rows name ("Express intent to bring political
/// reform"), beside the sentence's other acts; a generic verb needs its
/// object ("bring political reform", not "bring his family").
#[test]
fn codebook_intents_of_announced_acts() {
    let found = events("Egypt said it will bring political reform after protesters attacked the police.");
    let reform = find(&found, "bring");
    assert_eq!((reform.cameo.as_str(), reform.plover.as_str()), ("034", "AGREE"));
    assert_eq!(actor(&reform.source), Some("EGY"));
    assert_eq!(find(&found, "attacked").plover, "ASSAULT");
    let found = events("The Egyptian minister will bring his family.");
    assert!(found.iter().all(|e| e.trigger.text != "bring"), "{found:#?}");
}

/// An act in the infinitive complement of a verb the table reads with
/// acts of its root ("Attempt to assassinate" names ASSASSINATE, which
/// leads a bare row of root 18) takes that row's code.
#[test]
fn codebook_verbs_govern_their_complements() {
    let found = events("Rebels attempted to murder two Kenyan officials.");
    assert_eq!(find(&found, "murder").cameo, "185", "{found:#?}");
    let found = events("Rebels murdered two Kenyan officials.");
    assert_eq!(find(&found, "murdered").cameo, "180", "{found:#?}");
}

/// Ethnic groups are coded by the country they live in, which the
/// sentence names; with no other country they keep their name's.
#[test]
fn ethnic_groups_take_the_country_they_live_in() {
    let found = events("Hundreds of ethnic Hungarians protested in Romania on Sunday.");
    assert_eq!(actor(&find(&found, "protested").source), Some("ROUETH"));
    let found = events("Ethnic Hungarians protested on Sunday.");
    assert_eq!(actor(&find(&found, "protested").source).map(|c| &c[..3]), Some("HUN"));
}

/// A bare role in a sentence naming several countries, none of them the
/// story's, is not given the country the sentence places a meeting "in"
/// (a seed's "leaders of countries are set to meet in France").
#[test]
fn bare_roles_do_not_take_the_country_of_a_venue() {
    let found = events("Leaders of countries are set to meet in France on January 6, and Ukraine and Poland agreed.");
    assert_ne!(actor(&find(&found, "meet").source).map(|c| &c[..3]), Some("FRA"), "{found:#?}");
}
