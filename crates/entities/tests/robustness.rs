//! The stage must not panic on any text, and every mention must be the
//! text it points at.

use newsgraph_core::{Document, Stage};
use newsgraph_entities::EntityStage;
use newsgraph_text::TextStage;

const TEXTS: [&str; 8] = [
    "",
    "   \n\n  ",
    "\"\"\" ((( ))) ,,, ...",
    "ÉMILE ZOLA À PARIS: L'AFFAIRE DREYFUS 🇫🇷 ЖУРНАЛ “Новая газета”",
    "President (Donald) Trump's team met NATO's North Atlantic Treaty Organization (NATO) envoy.",
    "The U.S. and the United States. US. America's. U.K.'s Mr. Mrs. Dr.",
    "A-B-C-D-E-F-G-H-I-J-K-L-M-N-O-P-Q-R-S-T-U-V-W-X-Y-Z 1996-08-22 $5 50% @user #tag",
    "Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv Kyiv",
];

#[test]
fn odd_texts_give_consistent_entities() {
    let stage = EntityStage::load().expect("embedded model loads");
    for text in TEXTS {
        let mut doc = Document::new("t", "t", text);
        TextStage::new().annotate(&mut doc);
        stage.annotate(&mut doc);
        for (n, entity) in doc.entities.iter().enumerate() {
            assert_eq!(entity.id, format!("e{n}"));
            assert!(!entity.name.is_empty());
            assert!(!entity.mentions.is_empty());
            for mention in &entity.mentions {
                assert_eq!(text.get(mention.start..mention.end), Some(mention.text.as_str()));
            }
        }
    }
}

#[test]
fn a_long_sentence_is_tagged() {
    let stage = EntityStage::load().expect("embedded model loads");
    let text = "Vladimir Putin met Volodymyr Zelensky in Geneva and ".repeat(500);
    let mut doc = Document::new("t", "t", text);
    TextStage::new().annotate(&mut doc);
    stage.annotate(&mut doc);
    let putin = doc.entities.iter().find(|e| e.name == "Vladimir Putin").expect("Putin found");
    assert_eq!(putin.mentions.len(), 500);
}

/// Names in `text` as the text and entities stages find them.
fn names(text: &str) -> Vec<(String, String)> {
    let stage = EntityStage::load().expect("embedded model loads");
    let mut doc = Document::new("t", "t", text);
    TextStage::new().annotate(&mut doc);
    stage.annotate(&mut doc);
    doc.entities.iter().map(|e| (e.name.clone(), format!("{:?}", e.kind))).collect()
}

#[test]
fn doubled_apostrophes_quote_and_start_no_name() {
    let text = "Hillary Clinton suggested that Donald Trump ''doesn't want the American people to know.'' \
                Mr. Trump answered, ''Of course, I pay what the law asks.'' ''This isn't tax reform,'' said \
                Leonard E. Burman of the Tax Policy Center.";
    let found = names(text);
    assert!(found.iter().all(|(name, _)| !name.contains('\'') && !name.starts_with("Of")), "{found:?}");
    assert!(found.iter().any(|(name, _)| name == "Leonard E. Burman"), "{found:?}");
}

#[test]
fn bylines_and_datelines_on_lines_of_their_own() {
    let text = "Burma 's Suu Kyi says military rulers abuse law .\nDeborah Charles\nRANGOON 1996-08-31\n\
                Burma 's democracy leader Aung San Suu Kyi hit out at the government on Saturday .";
    let found = names(text);
    let kind = |name: &str| found.iter().find(|(n, _)| n == name).map(|(_, k)| k.clone());
    assert_eq!(kind("Deborah Charles").as_deref(), Some("Person"), "{found:?}");
    assert_eq!(kind("RANGOON").as_deref(), Some("Gpe"), "{found:?}");
}
