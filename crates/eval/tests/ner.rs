//! Floors for the entities users get: the whole extract path (text stage
//! tokens and sentences, every stage after) on CoNLL-2003 dev, overall and
//! on each of five folds (docs/entities.md). Skips when the corpus is
//! absent.

use newsgraph_core::shared::shared_path;
use newsgraph_eval::ner;

#[test]
fn extract_path_conll_f1_stays_above_its_floors() {
    let Some(path) = shared_path("eval/ner/conll2003.dev") else {
        eprintln!("SKIP: ../shared/eval/ner/conll2003.dev not found");
        return;
    };
    let (f1, folds) = ner::extract_path_f1(&path, 5).expect("the corpus reads");
    assert!(f1 >= 0.895, "extract path CoNLL F1 {f1:.4} fell below its floor 0.895");
    let lowest = folds.iter().copied().fold(f64::MAX, f64::min);
    assert!(lowest >= 0.865, "lowest fold's extract path CoNLL F1 {lowest:.4} fell below its floor 0.865");
}
