//! Contradictions: pairs of reports that cannot both hold, each side with
//! its document, sentence and claimant.
//!
//! - claim and denial: mentions of one corpus event, one asserted or
//!   claimed, the other denied; when the document holds only the denial
//!   ("what Russia claimed ..., which Kyiv denied") the claim side is the
//!   speech act of another party in the same sentence;
//! - opposing outcomes: control of one specific place gained by one side
//!   and held or regained by the other ("Russia: Kupiansk captured";
//!   "Ukrainian forces: neighbourhoods there regained");
//! - differing figures: mentions of one event stating disjoint casualty or
//!   count figures;
//! - differing dates: mentions of one planned event giving different days.

use newsgraph_core::EventStatus;
use serde::{Deserialize, Serialize};

use crate::events::EventMention;
use crate::text::stem;

/// The kind of incompatibility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContradictionKind {
    ClaimDenial,
    OpposingOutcome,
    DifferingFigures,
    DifferingDates,
}

/// Two reports that cannot both hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    pub kind: ContradictionKind,
    /// Corpus events of the two sides (the same id when both sides report
    /// one event).
    pub events: [String; 2],
    pub sides: [ClaimSide; 2],
}

/// One side of a contradiction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimSide {
    pub document: String,
    pub sentence: usize,
    pub text: String,
    /// Corpus entity id of who says so, and the name to show.
    pub claimant: Option<String>,
    pub claimant_name: Option<String>,
    pub status: EventStatus,
    /// The figure, day or outcome this side states, where there is one.
    pub value: Option<String>,
}

impl ClaimSide {
    pub fn of(mention: &EventMention, value: Option<String>) -> Self {
        ClaimSide {
            document: mention.document.clone(),
            sentence: mention.sentence,
            text: mention.text.clone(),
            claimant: mention.claimant.clone(),
            claimant_name: mention.claimant_name.clone(),
            status: mention.status,
            value,
        }
    }
}

/// Trigger stems of taking or holding control of a place.
pub fn is_control(lemma: &str) -> bool {
    const CONTROL: &[&str] = &[
        "captur", "seiz", "tak", "occupy", "control", "recaptur", "retak", "regain", "liber", "reclaim", "recover",
        "overran", "overrun", "conquer", "hold", "held", "fall", "repel", "push",
    ];
    CONTROL.contains(&lemma)
}

/// Trigger stems of a speech act that puts forward a claim.
pub fn is_claim_speech(lemma: &str) -> bool {
    ["claim", "alleg", "accus", "say", "report", "announc", "insist", "assert"].iter().any(|w| stem(w) == lemma)
}

/// Which side a mention speaks for: the claimant's country, else the
/// source's actor country.
pub fn side(mention: &EventMention, claimant_country: Option<&str>) -> Option<String> {
    claimant_country
        .map(str::to_string)
        .or_else(|| mention.source_actor.as_deref().and_then(|a| a.get(..3)).map(str::to_string))
}

/// Contradiction between two mentions of one corpus event, if any.
pub fn between(event: &str, ours: &EventMention, theirs: &EventMention) -> Option<Contradiction> {
    use EventStatus::{Asserted, Claimed, Denied, Planned};
    let make = |kind, ours_value, theirs_value| Contradiction {
        kind,
        events: [event.to_string(), event.to_string()],
        sides: [ClaimSide::of(theirs, theirs_value), ClaimSide::of(ours, ours_value)],
    };
    // Two reports that name different people or organisations as the
    // source or the target tell of two events the linking merged, not of
    // one event told two ways: a contradiction must not rest on that.
    let differ = |a: &Option<String>, b: &Option<String>| a.is_some() && b.is_some() && a != b;
    if differ(&ours.source_entity, &theirs.source_entity) || differ(&ours.target_entity, &theirs.target_entity) {
        return None;
    }
    let one_denies =
        matches!((ours.status, theirs.status), (Denied, Asserted | Claimed) | (Asserted | Claimed, Denied));
    if one_denies && (ours.claimant.is_none() || ours.claimant != theirs.claimant) {
        return Some(make(ContradictionKind::ClaimDenial, None, None));
    }
    let figures = |m: &EventMention| m.figures.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
    if !ours.figures.is_empty()
        && !theirs.figures.is_empty()
        && !ours.figures.iter().any(|f| theirs.figures.contains(f))
        && ours.document != theirs.document
    {
        return Some(make(ContradictionKind::DifferingFigures, Some(figures(ours)), Some(figures(theirs))));
    }
    if ours.status == Planned && theirs.status == Planned {
        if let (Some(a), Some(b)) = (ours.day, theirs.day) {
            if a != b {
                return Some(make(ContradictionKind::DifferingDates, ours.date.clone(), theirs.date.clone()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(document: &str, status: EventStatus, figures: &[u64], day: Option<i32>) -> EventMention {
        EventMention {
            document: document.into(),
            event: "ev0".into(),
            status,
            date: day.map(|d| d.to_string()),
            day,
            figures: figures.to_vec(),
            ..EventMention::default()
        }
    }

    #[test]
    fn tolls_dates_and_denials() {
        let kind = |a: &EventMention, b: &EventMention| between("V", a, b).map(|c| c.kind);
        let asserted = mention("a", EventStatus::Asserted, &[12], None);
        assert_eq!(
            kind(&asserted, &mention("b", EventStatus::Asserted, &[40], None)),
            Some(ContradictionKind::DifferingFigures)
        );
        assert_eq!(kind(&asserted, &mention("b", EventStatus::Asserted, &[12, 40], None)), None);
        assert_eq!(
            kind(&asserted, &mention("b", EventStatus::Denied, &[], None)),
            Some(ContradictionKind::ClaimDenial)
        );
        let planned = mention("a", EventStatus::Planned, &[], Some(3));
        assert_eq!(
            kind(&planned, &mention("b", EventStatus::Planned, &[], Some(5))),
            Some(ContradictionKind::DifferingDates)
        );
        assert_eq!(kind(&planned, &mention("b", EventStatus::Planned, &[], Some(3))), None);
    }

    #[test]
    fn reports_naming_other_participants_contradict_nothing() {
        let with_target = |document, figures: &[u64], target: &str| EventMention {
            target_entity: Some(target.into()),
            ..mention(document, EventStatus::Asserted, figures, None)
        };
        let crutcher = with_target("a", &[40], "E:a:e1");
        assert!(between("V", &crutcher, &with_target("b", &[707], "E:b:e4")).is_none());
        let same_victim = between("V", &crutcher, &with_target("b", &[41], "E:a:e1")).map(|c| c.kind);
        assert_eq!(same_victim, Some(ContradictionKind::DifferingFigures));
        let unnamed = between("V", &crutcher, &mention("b", EventStatus::Asserted, &[41], None)).map(|c| c.kind);
        assert_eq!(unnamed, Some(ContradictionKind::DifferingFigures));
    }

    #[test]
    fn control_and_claim_stems() {
        assert!(is_control(&stem("captured")) && is_control(&stem("regained")));
        assert!(is_claim_speech(&stem("claimed")) && !is_claim_speech(&stem("denied")));
    }
}
