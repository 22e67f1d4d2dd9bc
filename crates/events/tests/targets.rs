//! Who an event is done to: classes of target errors of a parser-less
//! coder, each on sentences written for the test. Runs the text and events
//! stages only, so actors come from the dictionaries alone.

use newsgraph_core::Event;

mod common;

use common::{actor, find};

fn events(text: &str) -> Vec<Event> {
    common::events(text, None)
}

/// A role word of no country modifying a noun ("police trainers",
/// "official recognition") is not the party acted on.
#[test]
fn role_words_used_as_modifiers_are_not_targets() {
    let found = events("Ghana sent police trainers to Liberia.");
    assert_eq!(actor(&find(&found, "sent").target), Some("LBR"));
    let found = events("Canada offered official recognition to Kosovo.");
    assert_eq!(actor(&find(&found, "offered").target), Some("XKX"));
}

/// "and" between two nouns of the object does not end the clause; "and"
/// before a new subject does.
#[test]
fn coordinated_objects_lead_on_to_the_target() {
    let found = events("Chile is sending medicine and blankets to Peru.");
    assert_eq!(actor(&find(&found, "sending").target), Some("PER"));
    let found = events("Chile attacked the convoy and Peru protested.");
    assert_eq!(actor(&find(&found, "attacked").target), None);
}

/// The subject of a passive with no "by" agent is acted on; the place of
/// the event is not its target, and the victim is not the source. An act
/// only a state's authorities do (an arrest, an investigation) is that of
/// the country it happens in; other acts there, and acts in a town, keep
/// no source.
#[test]
fn agentless_passive_subjects_are_targets() {
    let found = events("Two Danish journalists were arrested in Egypt on Monday.");
    let arrest = find(&found, "arrested");
    assert_eq!(actor(&arrest.target), Some("DNKMED"));
    assert_eq!(actor(&arrest.source), Some("EGY"));
    let found = events("Two Danish journalists were arrested in Springfield on Monday.");
    assert_eq!(find(&found, "arrested").source, None);
    let found = events("Two Danish journalists were attacked in Egypt on Monday.");
    let attack = find(&found, "attacked");
    assert_eq!(actor(&attack.target), Some("DNKMED"));
    assert_eq!(attack.source, None);
}

/// "is committed to", "is about to depart": not passives; their subject acts.
#[test]
fn adjectival_participles_keep_their_subject_as_source() {
    let found = events("Kenya is committed to supporting Somalia.");
    assert_eq!(actor(&find(&found, "supporting").source), Some("KEN"));
    let found = events("Norway is about to depart from Mali.");
    assert!(found.iter().all(|e| actor(&e.source) != Some("MLI")), "{found:#?}");
}

/// An appeal or demand is made of the subject of what is asked.
#[test]
fn demands_that_target_the_subject_of_the_request() {
    let found = events("Sweden repeated its demand that Iran release the prisoners.");
    let demand = find(&found, "demand");
    assert_eq!(actor(&demand.source), Some("SWE"));
    assert_eq!(actor(&demand.target), Some("IRN"));
}

/// "a new military offensive against X": the noun a role word modifies
/// may itself be a trigger.
#[test]
fn role_word_before_a_trigger_noun_is_a_modifier() {
    let found = events("Chad threatened a new military offensive in its long war with Sudan.");
    assert_eq!(actor(&find(&found, "threatened").target), Some("SDN"));
}

/// "X announced that Y must agree to talks": X demands it of Y.
#[test]
fn an_intent_someone_must_express_is_demanded_of_them() {
    let found = events("Ugandan rebels announced that the Kenyan government must agree to new talks.");
    let demand = find(&found, "agree");
    assert_eq!(demand.plover, "REQUEST");
    assert_eq!(actor(&demand.source), Some("UGAREB"));
    assert_eq!(actor(&demand.target), Some("KENGOV"));
}

/// "accused Kyiv of shelling the plant": the accused is the agent of the gerund.
#[test]
fn the_accused_is_the_agent_of_the_gerund() {
    let found = events("Moscow accused Kyiv of shelling the plant.");
    assert_eq!(actor(&find(&found, "accused").target), Some("UKRGOV"));
    assert_eq!(actor(&find(&found, "shelling").source), Some("UKRGOV"));
}

/// The act someone condemns is not theirs; an actor adjective before the
/// noun names its agent.
#[test]
fn a_condemned_act_is_not_the_condemner_s() {
    let found = events("Turkey condemned the attack on Iraqi Kurds.");
    let attack = find(&found, "attack");
    assert_eq!(attack.source, None);
    assert_eq!(actor(&attack.target), Some("IRQ"));
    let found = events("Turkey condemned the Syrian attack on Iraqi Kurds.");
    assert_eq!(actor(&find(&found, "attack").source), Some("SYR"));
    // Announcing an act is the speaker's own act.
    let found = events("Italy announced a suspension of flights to Serbia.");
    assert_eq!(actor(&find(&found, "suspension").source), Some("ITA"));
}

/// What is sent is not the target; whom it is sent to is.
#[test]
fn the_recipient_of_a_transfer_is_its_target() {
    let found = events("Iran sent drones to Russia.");
    assert_eq!(actor(&find(&found, "sent").target), Some("RUS"));
}

/// "Kenyan activists in Uganda" are Kenyan activists, located in Uganda.
#[test]
fn a_place_after_roles_with_a_country_is_where_they_are() {
    let found = events("Police arrested five Kenyan activists in Uganda.");
    let arrests: Vec<_> = found.iter().filter(|e| e.trigger.text == "arrested").collect();
    assert!(arrests.iter().all(|e| actor(&e.target) == Some("KENOPP")), "{arrests:#?}");
}

/// Mediating is CAMEO 045 (PLOVER CONSULT); offering to mediate is the intent 039.
#[test]
fn mediation_done_and_announced() {
    let found = events("Egypt mediated between Israel and Hamas.");
    assert_eq!(find(&found, "mediated").cameo, "045");
    let found = events("Egypt will mediate between Israel and Hamas.");
    assert_eq!(find(&found, "mediate").cameo, "039");
}

/// A bare role ("police", "the minister") in a sentence naming no country
/// belongs to the story's country, the one its earlier sentences name most;
/// so does one in a sentence naming several when the story's is among them.
#[test]
fn bare_roles_take_the_story_s_country() {
    let found = events("Kenya held elections on Monday. Police arrested dozens of protesters.");
    assert_eq!(actor(&find(&found, "arrested").source), Some("KENCOP"));
    let found = events("Kenya held elections on Monday. Police arrested dozens of protesters after Uganda and Kenya closed the border.");
    assert_eq!(actor(&find(&found, "arrested").source), Some("KENCOP"));
    // Without an earlier sentence, a sentence naming two countries leaves it unknown.
    let found = events("Police arrested dozens of protesters after Uganda and Kenya closed the border.");
    assert_eq!(actor(&find(&found, "arrested").source), None);
}

/// A wire dateline names where the story was filed: its place is not the
/// subject of the first sentence's acts.
#[test]
fn a_dateline_is_not_the_subject() {
    let found = events("SEOUL, South Korea (CNN) - A South Korean court sentenced former President Park to 24 years.");
    assert_eq!(actor(&find(&found, "sentenced").source), Some("KORJUD"));
    let found = events("KYIV - Russian forces shelled Kharkiv overnight.");
    assert_eq!(actor(&find(&found, "shelled").source), Some("RUSMIL"));
}
