//! `newsgraph eval dates`: the dates the events stage gives its events,
//! against TimeBank's temporal links (TBAQ-cleaned: TimeBank + AQUAINT).
//!
//! A gold event is dated when a TLINK puts it inside a dated time
//! expression or simultaneous with it (`IS_INCLUDED`, `DURING`,
//! `SIMULTANEOUS`, or the expression `INCLUDES` it), the document's
//! creation time included. Each event of the whole pipeline whose trigger
//! overlaps such a gold event is scored: dated or not, its date the gold
//! one, or compatible with it (one a prefix of the other: "1998-02" and
//! "1998-02-06").

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use newsgraph_core::{Document, Event};
use newsgraph_pipeline::{Pipeline, PipelineOptions};

use crate::timex::{attribute, parse_timeml, timeml_files, timeml_options, TimemlDoc};
use crate::EvalError;

const USAGE: &str = "usage: newsgraph eval dates [--timeml DIR] [--errors]\n\
                     scores event dates on every .tml file under DIR\n\
                     (default ../shared/eval/timex/TBAQ-cleaned); --errors lists misses";

/// Temporal relations that give an event the date of a time expression.
const DATING: [&str; 3] = ["IS_INCLUDED", "DURING", "SIMULTANEOUS"];

/// Counts behind the reported figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateScores {
    /// System events on a gold event with a gold date.
    pub matched: usize,
    pub dated: usize,
    pub exact: usize,
    pub compatible: usize,
}

impl DateScores {
    pub fn exact_accuracy(&self) -> f64 {
        ratio(self.exact, self.matched)
    }

    pub fn compatible_accuracy(&self) -> f64 {
        ratio(self.compatible, self.matched)
    }

    fn print(&self) {
        println!("events on a dated gold event: {}", self.matched);
        println!("  dated by us        {:.3}", ratio(self.dated, self.matched));
        println!("  same date          {:.3} ({} of {})", self.exact_accuracy(), self.exact, self.matched);
        println!("  compatible date    {:.3} ({} of {})", self.compatible_accuracy(), self.compatible, self.matched);
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

pub fn run(args: &[String]) -> Result<(), EvalError> {
    let Some((dir, errors)) = timeml_options(args, USAGE)? else { return Ok(()) };
    let scores = evaluate(&dir, errors)?;
    println!("TimeML folder: {}", dir.display());
    scores.print();
    Ok(())
}

/// Runs the whole pipeline on every `.tml` file under `dir` and scores
/// its event dates; with `print_errors`, lists each wrong or missing date.
pub fn evaluate(dir: &Path, print_errors: bool) -> Result<DateScores, EvalError> {
    let files = timeml_files(dir)?;
    let pipeline = Pipeline::load(&PipelineOptions::default()).map_err(|e| EvalError::Load(e.to_string()))?;
    let mut scores = DateScores::default();
    for path in &files {
        let source = fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        let tml = parse_timeml(&source).map_err(|reason| EvalError::format(path, reason))?;
        let mut doc = Document::new(tml.id.clone(), path.display().to_string(), tml.text.clone());
        doc.anchor_date = tml.dct.clone();
        pipeline.annotate(&mut doc);
        let gold = gold_dates(&source, &tml);
        score_document(&tml, &gold, &doc.events, &mut scores, print_errors);
    }
    Ok(scores)
}

/// Gold date of each event id (`eid`) that the links date, the most
/// specific where several do.
pub fn gold_dates(source: &str, tml: &TimemlDoc) -> HashMap<String, String> {
    let tags = |name: &'static str| tags_named(source, name);
    let times: HashMap<&str, String> = tags("<TIMEX3 ")
        .filter(|tag| matches!(attribute(tag, "type"), Some("DATE" | "TIME")))
        .filter_map(|tag| Some((attribute(tag, "tid")?, calendar_value(attribute(tag, "value")?)?)))
        .collect();
    let events: HashMap<&str, &str> =
        tags("<MAKEINSTANCE ").filter_map(|tag| Some((attribute(tag, "eiid")?, attribute(tag, "eventID")?))).collect();
    let mut dates: HashMap<String, String> = HashMap::new();
    for tag in tags("<TLINK ") {
        let relation = attribute(tag, "relType").unwrap_or("");
        let (instance, time) = match (attribute(tag, "eventInstanceID"), attribute(tag, "relatedToTime")) {
            (Some(e), Some(t)) if DATING.contains(&relation) => (e, t),
            _ => match (attribute(tag, "timeID"), attribute(tag, "relatedToEventInstance")) {
                (Some(t), Some(e)) if relation == "INCLUDES" || DATING[1..].contains(&relation) => (e, t),
                _ => continue,
            },
        };
        let (Some(&event), Some(value)) = (events.get(instance), times.get(time)) else { continue };
        let slot = dates.entry(event.to_string()).or_default();
        if value.len() > slot.len() {
            slot.clone_from(value);
        }
    }
    dates.retain(|id, _| tml.events.iter().any(|e| &e.id == id));
    dates
}

/// The opening tags `<NAME ...` of the source, without their `>`.
fn tags_named<'s>(source: &'s str, name: &'static str) -> impl Iterator<Item = &'s str> {
    source.match_indices(name).filter_map(move |(at, _)| source[at..].find('>').map(|end| &source[at..at + end]))
}

/// The calendar part of a TIMEX3 value ("1998-02-06T10:00" -> "1998-02-06"),
/// if it names one ("PRESENT_REF", "PXD" do not).
fn calendar_value(value: &str) -> Option<String> {
    let date = value.split('T').next()?;
    (date.len() >= 4 && date.chars().take(4).all(|c| c.is_ascii_digit())).then(|| date.to_string())
}

fn score_document(
    tml: &TimemlDoc,
    gold: &HashMap<String, String>,
    events: &[Event],
    scores: &mut DateScores,
    print_errors: bool,
) {
    for event in events {
        let overlaps = |g: &&crate::timex::GoldEvent| g.start < event.trigger.end && event.trigger.start < g.end;
        let Some(expected) = tml.events.iter().filter(overlaps).find_map(|g| gold.get(&g.id)) else { continue };
        scores.matched += 1;
        let ours = event.date.as_deref().unwrap_or("");
        scores.dated += usize::from(!ours.is_empty());
        scores.exact += usize::from(ours == expected);
        let compatible = !ours.is_empty() && (ours.starts_with(expected.as_str()) || expected.starts_with(ours));
        scores.compatible += usize::from(compatible);
        if print_errors && !compatible {
            println!("{} [{}] gold {expected} ours {ours:?}", tml.id, event.trigger.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<TimeML><DOCID>d1</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>\n<TEXT>\nProfits <EVENT eid=\"e1\" class=\"OCCURRENCE\">fell</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">yesterday</TIMEX3> and <EVENT eid=\"e2\" class=\"OCCURRENCE\">rose</EVENT> <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"PAST_REF\">before</TIMEX3>.\n</TEXT>\n<MAKEINSTANCE eventID=\"e1\" eiid=\"ei1\" /><MAKEINSTANCE eventID=\"e2\" eiid=\"ei2\" />\n<TLINK lid=\"l1\" relType=\"IS_INCLUDED\" eventInstanceID=\"ei1\" relatedToTime=\"t0\" />\n<TLINK lid=\"l2\" relType=\"INCLUDES\" timeID=\"t1\" relatedToEventInstance=\"ei1\" />\n<TLINK lid=\"l3\" relType=\"IS_INCLUDED\" eventInstanceID=\"ei2\" relatedToTime=\"t2\" />\n</TimeML>";

    #[test]
    fn links_date_events_by_their_calendar_expressions() {
        let tml = parse_timeml(SAMPLE).unwrap();
        assert_eq!(tml.events.len(), 2);
        assert_eq!(&tml.text[tml.events[0].start..tml.events[0].end], "fell");
        let dates = gold_dates(SAMPLE, &tml);
        // Both links date "fell" to a day; "rose" has no calendar date.
        assert_eq!(dates.get("e1").map(String::as_str), Some("1998-01-08"));
        assert_eq!(dates.get("e2"), None);
    }

    #[test]
    fn a_coarser_date_is_compatible_and_a_missing_one_is_not() {
        let tml = parse_timeml(SAMPLE).unwrap();
        let gold = HashMap::from([("e1".to_string(), "1998-01-07".to_string())]);
        let at = &tml.events[0];
        let event = |date: Option<&str>| Event {
            id: "v1".into(),
            sentence: 0,
            trigger: newsgraph_core::Mention { start: at.start, end: at.end, text: "fell".into() },
            cameo: "0".into(),
            plover: "OTHER".into(),
            source: None,
            target: None,
            date: date.map(str::to_string),
            place: None,
            status: newsgraph_core::EventStatus::Asserted,
            attributed_to: None,
        };
        let mut scores = DateScores::default();
        let events = [event(Some("1998-01-07")), event(Some("1998-01")), event(None), event(Some("1998-02"))];
        score_document(&tml, &gold, &events, &mut scores, false);
        assert_eq!(scores, DateScores { matched: 4, dated: 3, exact: 1, compatible: 2 });
    }
}
