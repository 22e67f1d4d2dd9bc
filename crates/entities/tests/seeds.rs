//! The checks on the user's sample articles (../shared/seeds):
//! the people are PERSON with every mention of their surname grouped, the
//! Ukrainian cities and regions are places, sentence adverbs, job titles
//! and organisation adjectives are no entities, "President (Donald) Trump"
//! is one person, quoted names are whole, messaging apps are products.
//! Skips when the seeds are absent.

use newsgraph_core::shared::require;
use newsgraph_core::{Document, Entity, EntityType, Stage};
use newsgraph_entities::EntityStage;
use newsgraph_text::TextStage;

fn seeds() -> Option<Vec<Document>> {
    let dir = require("seeds", concat!(file!(), ":", line!()))?;
    let mut files: Vec<_> = std::fs::read_dir(dir).ok()?.map(|e| e.unwrap().path()).collect();
    files.sort();
    let stage = EntityStage::load().expect("embedded model loads");
    let docs = files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let mut doc = Document::new("seed", "seed", std::fs::read_to_string(p).unwrap());
            TextStage::new().annotate(&mut doc);
            stage.annotate(&mut doc);
            doc
        })
        .collect();
    Some(docs)
}

/// Entities having a mention that is exactly `word`.
fn named<'d>(doc: &'d Document, word: &str) -> Vec<&'d Entity> {
    doc.entities.iter().filter(|e| e.mentions.iter().any(|m| m.text == word)).collect()
}

/// Whole-word occurrences of `word` in the text.
fn occurrences(doc: &Document, word: &str) -> usize {
    doc.tokens.iter().filter(|t| doc.token_text(t) == word).count()
}

#[test]
fn people_are_persons_with_all_mentions_grouped() {
    let Some(docs) = seeds() else {
        eprintln!("SKIP: shared/seeds not found");
        return;
    };
    let mut checked = 0;
    for surname in ["Gerasimov", "Putin", "Zelensky", "Trump", "Peskov", "Ryabkov"] {
        for doc in docs.iter().filter(|d| occurrences(d, surname) > 0) {
            let people: Vec<&Entity> = doc
                .entities
                .iter()
                .filter(|e| e.mentions.iter().any(|m| m.text.split(' ').any(|w| w == surname)))
                .collect();
            assert_eq!(people.len(), 1, "{surname}: one entity holds all mentions: {people:?}");
            assert!(people.iter().all(|e| e.kind == EntityType::Person), "{surname}: {people:?}");
            let mentioned: usize =
                people.iter().flat_map(|e| &e.mentions).filter(|m| m.text.split(' ').any(|w| w == surname)).count();
            assert_eq!(mentioned, occurrences(doc, surname), "every {surname} is a mention");
            checked += 1;
        }
    }
    assert!(checked >= 6, "the seeds name these people");
}

#[test]
fn ukrainian_cities_are_places() {
    let Some(docs) = seeds() else {
        eprintln!("SKIP: shared/seeds not found");
        return;
    };
    for city in ["Sumy", "Kharkiv", "Kyiv", "Kupiansk"] {
        for doc in docs.iter().filter(|d| occurrences(d, city) > 0) {
            let found = named(doc, city);
            assert!(!found.is_empty(), "{city} not found");
            assert!(found.iter().all(|e| e.kind == EntityType::Gpe), "{city}: {found:?}");
        }
    }
}

#[test]
fn sentence_adverbs_are_no_entities() {
    let Some(docs) = seeds() else {
        eprintln!("SKIP: shared/seeds not found");
        return;
    };
    for doc in &docs {
        for word in ["Meanwhile", "Advancement", "However", "Permanent"] {
            assert!(named(doc, word).is_empty(), "{word} tagged as an entity");
        }
    }
}

#[test]
fn bracketed_given_name_joins_the_person() {
    let Some(docs) = seeds() else {
        eprintln!("SKIP: shared/seeds not found");
        return;
    };
    let mut checked = 0;
    for doc in docs.iter().filter(|d| d.text.contains("(Donald) Trump")) {
        let trump = named(doc, "(Donald) Trump");
        assert_eq!(trump.len(), 1, "{:?}", doc.entities);
        assert_eq!(trump[0].name, "Donald Trump");
        assert_eq!(trump[0].kind, EntityType::Person);
        assert!(named(doc, "Donald").is_empty(), "'Donald' alone: {trump:?}");
        checked += 1;
    }
    assert!(checked > 0, "a seed says 'President (Donald) Trump'");
}

#[test]
fn job_titles_and_organisation_adjectives_are_no_entities() {
    let Some(docs) = seeds() else {
        eprintln!("SKIP: shared/seeds not found");
        return;
    };
    for doc in &docs {
        let titles = doc.entities.iter().filter(|e| {
            e.mentions.iter().any(|m| {
                let first = m.text.split(' ').next().unwrap_or("");
                ["Staff", "Chief", "Spokesman", "Deputy", "Minister"].contains(&first)
            })
        });
        assert_eq!(titles.count(), 0, "{:?}", doc.entities);
        assert!(named(doc, "Congressional").is_empty());
    }
}

#[test]
fn quoted_names_are_whole_and_unit_names_no_places() {
    let Some(docs) = seeds() else {
        eprintln!("SKIP: shared/seeds not found");
        return;
    };
    let mut checked = 0;
    for doc in docs.iter().filter(|d| d.text.contains("\"Alliance of the Willing\"")) {
        let alliance = named(doc, "Alliance of the Willing");
        assert_eq!(alliance.len(), 1, "{:?}", doc.entities);
        assert_eq!(alliance[0].kind, EntityType::Org);
        assert!(named(doc, "Willing").is_empty());
        let north = named(doc, "North");
        assert!(north.iter().all(|e| e.kind == EntityType::Org), "{north:?}");
        checked += 1;
    }
    assert!(checked > 0, "a seed names the 'Alliance of the Willing'");
}

#[test]
fn messaging_apps_are_products() {
    let Some(docs) = seeds() else {
        eprintln!("SKIP: shared/seeds not found");
        return;
    };
    let mut checked = 0;
    for app in ["Telegram", "WhatsApp"] {
        for doc in docs.iter().filter(|d| occurrences(d, app) > 0) {
            let found = named(doc, app);
            assert!(!found.is_empty(), "{app} not found");
            assert!(found.iter().all(|e| e.kind == EntityType::Product), "{app}: {found:?}");
            checked += 1;
        }
    }
    assert!(checked >= 2, "the seeds name both apps");
}

#[test]
fn regions_are_places() {
    let Some(docs) = seeds() else {
        eprintln!("SKIP: shared/seeds not found");
        return;
    };
    for region in ["Crimea", "Donbas", "Novorossiya"] {
        for doc in docs.iter().filter(|d| occurrences(d, region) > 0) {
            let found = named(doc, region);
            assert!(!found.is_empty(), "{region} not found");
            assert!(found.iter().all(|e| matches!(e.kind, EntityType::Loc | EntityType::Gpe)), "{region}: {found:?}");
        }
    }
}
