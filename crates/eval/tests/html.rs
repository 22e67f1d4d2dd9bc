//! Evaluation floor for article extraction on Mozilla Readability's test
//! pages. Fails when a figure drops below the floor recorded a little under
//! the measured one (docs/ingest.md); skips when the pages are absent.

use newsgraph_core::shared::shared_path;
use newsgraph_eval::html::evaluate;

#[test]
fn html_extraction_stays_above_its_floors() {
    let Some(dir) = shared_path("eval/html/readability") else {
        eprintln!("SKIP: ../shared/eval/html/readability not found");
        return;
    };
    let scores = evaluate(&dir, None, false).expect("the pages read");
    assert!(scores.failed.is_empty(), "pages failed: {:?}", scores.failed);
    let checks = [
        ("body F1", scores.body_f1(), 0.97),
        ("body precision", scores.body_precision(), 0.98),
        ("body recall", scores.body_recall(), 0.965),
        ("title accuracy", scores.title_accuracy(), 0.97),
        ("byline accuracy", scores.byline_accuracy(), 0.79),
        ("date accuracy", scores.date_accuracy(), 0.93),
    ];
    for (name, measured, floor) in checks {
        assert!(measured >= floor, "{name} {measured:.3} fell below its floor {floor}");
    }
}
