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
