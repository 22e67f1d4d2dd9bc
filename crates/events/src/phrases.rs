//! Actor phrases of a sentence: runs of dictionary actors, role words
//! (agents) and named entities, with the CAMEO-style codes they compose
//! ("Russian" + "forces" = `RUSMIL`; "Lawmakers in Fornost and Gondor" =
//! `FORLEG`, `GONLEG`). No parser: the grouping only allows determiners,
//! possessives, "of/in/from" after a role word, conjunctions and a few
//! modifier words between the pieces.

use crate::dict::{actors::code_on, ActorDict, EntryKind};
use crate::words::{self, View};

/// A piece of an actor phrase.
#[derive(Clone, Debug)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub kind: PieceKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PieceKind {
    /// Codes of a named actor (several for `[A/B]` entries); `person` when
    /// its codes are dated (office holders).
    Actor {
        codes: Vec<String>,
        person: bool,
    },
    Agent {
        code: String,
        prefix: bool,
    },
    /// A named entity the dictionaries do not know.
    Entity,
}

/// A named entity mention inside the sentence, as token indices.
#[derive(Clone, Debug)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    /// `entities[].id`; `None` for a geocoded place with no entity.
    pub id: Option<String>,
    pub actor: Option<String>,
    pub person: bool,
    /// A place with no actor code (a town, a region).
    pub place: bool,
}

/// An actor phrase and what it codes to.
#[derive(Clone, Debug, Default)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    /// Composed codes, one per actor of a compound; `---` stands for an
    /// unknown country (`---GOV` for "a senior official").
    pub codes: Vec<String>,
    pub entity: Option<String>,
    /// The entity is the phrase's head ("Vladimir Putin" in "President
    /// Vladimir Putin"), not a possessor or modifier of it ("Lynch" in
    /// "Lynch's chief of staff", "North Carolina" in "a North Carolina law
    /// firm"): only a head takes the phrase's code as its own.
    pub entity_is_head: bool,
    pub person: bool,
    /// Only a place with no actor code: a possible target, never a source.
    pub place: bool,
}

impl Phrase {
    /// The first code with a known country, for output.
    pub fn known_code(&self) -> Option<&str> {
        self.codes.iter().map(String::as_str).find(|c| !c.starts_with("---"))
    }
}

/// Finds the actor phrases of one sentence. `breaks[i]` marks tokens that
/// cannot sit inside a phrase (verbs, auxiliaries).
pub fn find(
    view: &View,
    text: &str,
    dict: &ActorDict,
    entities: &[EntityMention],
    breaks: &[bool],
    date: Option<u32>,
) -> Vec<Phrase> {
    let pieces = pieces(view, text, dict, entities, date);
    let mut phrases = Vec::new();
    let mut group: Vec<Piece> = Vec::new();
    for piece in pieces {
        let joins = joinable(view, &group, &piece, breaks);
        if !joins && !group.is_empty() {
            for part in split_appositions(view, std::mem::take(&mut group)) {
                phrases.extend(finish(view, text, part, entities, breaks));
            }
        }
        group.push(piece);
    }
    for part in split_appositions(view, group) {
        phrases.extend(finish(view, text, part, entities, breaks));
    }
    phrases
}

/// Commas join a list only when a conjunction ends it ("Mordor, Rohan and
/// Bree"); otherwise they separate phrases ("the Ukrainian side, Zelensky").
fn split_appositions(view: &View, group: Vec<Piece>) -> Vec<Vec<Piece>> {
    let gap_has = |a: &Piece, b: &Piece, f: &dyn Fn(&str) -> bool| (a.end..b.start).any(|i| f(view.word(i)));
    let listed = group.windows(2).any(|w| gap_has(&w[0], &w[1], &|x| matches!(x, "AND" | "OR" | "NOR" | "&")));
    if listed {
        return vec![group];
    }
    let mut out: Vec<Vec<Piece>> = Vec::new();
    for piece in group {
        let split = out.last().and_then(|part| part.last()).is_some_and(|last| gap_has(last, &piece, &|x| x == ","));
        match out.last_mut() {
            Some(part) if !split => part.push(piece),
            _ => out.push(vec![piece]),
        }
    }
    out
}

/// Dictionary matches (longest first) and unknown entity mentions.
fn pieces(view: &View, text: &str, dict: &ActorDict, entities: &[EntityMention], date: Option<u32>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < view.len() {
        // "Vietnamese-led forces", "Russian-backed separatists".
        let compound = view.words[i]
            .rsplit_once('-')
            .filter(|(_, tail)| matches!(*tail, "LED" | "BACKED" | "BASED" | "ALLIED" | "CONTROLLED" | "HELD"))
            .map(|(head, _)| [head.to_string()]);
        let found = match &compound {
            Some(head) => dict.longest_match(head).map(|(entry, _)| (entry, 1)),
            None => dict.longest_match(&view.words[i..]),
        };
        let piece = found.filter(|&(_, len)| !compass_in_name(view, text, i, len)).map(|(entry, len)| {
            let kind = match &entry.kind {
                EntryKind::Actor(codes) => {
                    let code = code_on(codes, date).unwrap_or("---");
                    let person = codes.iter().any(|c| c.from.is_some() || c.to.is_some());
                    PieceKind::Actor { codes: code.split('/').map(str::to_string).collect(), person }
                }
                EntryKind::Agent { code, prefix } => PieceKind::Agent { code: code.clone(), prefix: *prefix },
            };
            Piece { start: i, end: i + len, kind }
        });
        match piece.filter(|piece| !part_of_a_persons_name(view, piece, entities)) {
            Some(piece) => {
                i = piece.end;
                out.push(piece);
            }
            None => i += 1,
        }
    }
    for entity in entities {
        if !out.iter().any(|p| p.start < entity.end && entity.start < p.end) {
            let kind = match &entity.actor {
                Some(code) => PieceKind::Actor { codes: vec![code.clone()], person: entity.person },
                None => PieceKind::Entity,
            };
            out.push(Piece { start: entity.start, end: entity.end, kind });
        }
    }
    out.sort_by_key(|p| p.start);
    out
}

/// A dictionary actor inside a longer name of a person is another person's
/// name or a surname: "Sharon" in "Sharon Werner" is not Ariel Sharon, nor
/// "Cuban" in "Mark Cuban" Cuba. Only a person actor ending the name is
/// its bearer ("Putin" in "Vladimir Putin"); role words stay, and so does
/// a possessor the tagger took into the name ("South Africa's ex-President
/// Jacob Zuma").
fn part_of_a_persons_name(view: &View, piece: &Piece, entities: &[EntityMention]) -> bool {
    let PieceKind::Actor { person, .. } = piece.kind else {
        return false;
    };
    if piece.end < view.len() && view.word(piece.end) == "'S" {
        return false;
    }
    entities.iter().any(|e| {
        let inside =
            e.person && e.start <= piece.start && piece.end <= e.end && e.end - e.start > piece.end - piece.start;
        inside && !(person && piece.end == e.end)
    })
}

/// "West Darfur", "Western Cambodia", "West Africans": a compass word
/// before a capitalised word names a region, not the West.
fn compass_in_name(view: &View, text: &str, start: usize, len: usize) -> bool {
    let compass = matches!(
        view.word(start),
        "WEST" | "WESTERN" | "EAST" | "EASTERN" | "NORTH" | "NORTHERN" | "SOUTH" | "SOUTHERN"
    );
    let next = start + len;
    compass
        && len == 1
        && next < view.len()
        && view.capitalised(text, next)
        && !words::is_calendar_name(view.word(next))
}

/// Whether `next` continues the phrase `group`.
fn joinable(view: &View, group: &[Piece], next: &Piece, breaks: &[bool]) -> bool {
    let Some(last) = group.last() else { return false };
    // "Kenyan activists in Uganda": once the roles have a country, "in X"
    // is where they are, not whose they are.
    let placeless = !group.iter().any(|p| matches!(p.kind, PieceKind::Actor { .. }));
    let gap = last.end..next.start;
    if gap.len() > 4 {
        return false;
    }
    let mut modifiers = 0;
    for i in gap {
        let w = view.word(i);
        let ok = (words::is_determiner(w) && !matches!(w, "THAT" | "THIS" | "THESE" | "THOSE"))
            || w == "'S"
            || w == "'"
            || words::is_conjunction(w)
            || (matches!(w, "OF" | "FROM") && matches!(last.kind, PieceKind::Agent { .. }))
            || (w == "IN" && placeless && matches!(last.kind, PieceKind::Agent { .. }))
            || {
                modifiers += 1;
                !breaks[i] && is_modifier(w)
            };
        if !ok {
            return false;
        }
    }
    modifiers <= 3
}

/// Ordinary words allowed between phrase pieces ("senior", "awful").
fn is_modifier(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphabetic)
        && !words::is_preposition(w)
        && !words::is_subordinator(w)
        && !words::is_auxiliary(w)
        && !words::is_negation(w)
        && words::pronoun(w).is_none()
}

/// Turns a group of pieces into a phrase with composed codes.
fn finish(view: &View, text: &str, group: Vec<Piece>, entities: &[EntityMention], breaks: &[bool]) -> Option<Phrase> {
    let start = group.first()?.start;
    let mut end = group.last()?.end;
    // A title is followed by the name it belongs to: "Prime Minister Falastur".
    if matches!(group.last()?.kind, PieceKind::Agent { .. }) {
        while end < view.len() && view.capitalised(text, end) && !breaks[end] && is_modifier(view.word(end)) {
            end += 1;
        }
    }
    let conjuncts = split_conjuncts(view, &group);
    let mut codes = Vec::new();
    // Role words before "in/of X" also apply to the bare actors conjoined
    // after X ("lawmakers in Fornost and Gondor").
    let mut shared: Vec<&Piece> = Vec::new();
    for (k, conjunct) in conjuncts.iter().enumerate() {
        let own = actor_codes(conjunct);
        let mut agents: Vec<&Piece> = conjunct.iter().filter(|p| matches!(p.kind, PieceKind::Agent { .. })).collect();
        if agents.is_empty() {
            agents = shared.clone();
        } else if !own.is_empty() && matches!(conjunct[0].kind, PieceKind::Agent { .. }) {
            shared = agents.clone();
        }
        let bases = if own.is_empty() { borrowed(&conjuncts, k) } else { own };
        for base in bases {
            let code = compose(&base, &agents);
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    // The head is the last piece with the name a title runs on to.
    let head = group.last()?.start..end;
    let head_entity = entities.iter().find(|e| e.start < head.end && head.start < e.end);
    let entity = head_entity.or_else(|| entities.iter().find(|e| e.start < end && start < e.end));
    let person = entity.is_some_and(|e| e.person)
        || group.iter().any(|p| matches!(&p.kind, PieceKind::Actor { person: true, .. }))
        || group.iter().any(|p| matches!(p.kind, PieceKind::Agent { .. }) && is_person_role(view.word(p.end - 1)));
    let place = group.iter().all(|p| p.kind == PieceKind::Entity) && entity.is_some_and(|e| e.place);
    let entity_is_head = head_entity.is_some();
    Some(Phrase { start, end, codes, entity: entity.and_then(|e| e.id.clone()), entity_is_head, person, place })
}

fn split_conjuncts<'a>(view: &View, group: &'a [Piece]) -> Vec<&'a [Piece]> {
    let mut out = Vec::new();
    let mut from = 0;
    for k in 1..group.len() {
        let gap = group[k - 1].end..group[k].start;
        if gap.clone().any(|i| words::is_conjunction(view.word(i))) {
            out.push(&group[from..k]);
            from = k;
        }
    }
    out.push(&group[from..]);
    out
}

fn actor_codes(conjunct: &[Piece]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in conjunct {
        match &piece.kind {
            PieceKind::Actor { codes, .. } => {
                for code in codes {
                    // "Bree Prime Minister Romendacil": two codes of one country.
                    if !out.iter().any(|c| c.starts_with(code.as_str()) || code.starts_with(c.as_str())) {
                        out.push(code.clone());
                    } else if let Some(shorter) = out.iter_mut().find(|c| code.starts_with(c.as_str())) {
                        *shorter = code.clone();
                    }
                }
            }
            PieceKind::Entity if conjunct.len() == 1 => out.push("---".into()),
            _ => {}
        }
    }
    out
}

/// A conjunct of role words only takes the country of the nearest conjunct
/// that has one, preferring the following ones ("lawmakers and officials
/// in Fornost").
fn borrowed(conjuncts: &[&[Piece]], k: usize) -> Vec<String> {
    let after = conjuncts[k + 1..].iter().map(|c| actor_codes(c)).find(|c| !c.is_empty());
    let before = || conjuncts[..k].iter().rev().map(|c| actor_codes(c)).find(|c| !c.is_empty());
    after
        .or_else(before)
        .map(|codes| codes.into_iter().map(|c| country_part(&c)).collect())
        .unwrap_or_else(|| vec!["---".into()])
}

/// The three-letter country part of a composed code.
fn country_part(code: &str) -> String {
    code.chars().take(3).collect()
}

/// Prefix agents + base + suffix agents, without repeating a role the base
/// already has (`RUSGOV` + "spokesman" stays `RUSGOV`).
fn compose(base: &str, agents: &[&Piece]) -> String {
    let mut prefix = String::new();
    let mut code = base.to_string();
    for piece in agents {
        if let PieceKind::Agent { code: agent, prefix: before } = &piece.kind {
            if *before {
                if !prefix.contains(agent.as_str()) {
                    prefix.push_str(agent);
                }
            } else if !code.get(3..).unwrap_or("").contains(agent.as_str()) {
                code.push_str(agent);
            }
        }
    }
    format!("{prefix}{code}")
}

/// Whether a role word names one person; a hyphenated title does when one
/// of its parts does ("Secretary-General", "Vice-President"), so that "he"
/// can stand for "Arab League Secretary-General Chedli Klibi".
fn is_person_role(w: &str) -> bool {
    is_person_title(w) || (w.contains('-') && w.split('-').any(is_person_title))
}

fn is_person_title(w: &str) -> bool {
    matches!(
        w,
        "PRESIDENT"
            | "MINISTER"
            | "SPOKESMAN"
            | "SPOKESWOMAN"
            | "SPOKESPERSON"
            | "LEADER"
            | "CHIEF"
            | "OFFICIAL"
            | "SECRETARY"
            | "GENERAL"
            | "AMBASSADOR"
            | "ENVOY"
            | "ADVISER"
            | "ADVISOR"
            | "MAYOR"
            | "GOVERNOR"
            | "COMMANDER"
            | "KING"
            | "QUEEN"
            | "PRINCE"
            | "CHANCELLOR"
            | "PREMIER"
            | "DIPLOMAT"
            | "SENATOR"
            | "LAWMAKER"
            | "JUDGE"
            | "PROSECUTOR"
            | "CLERIC"
            | "HEAD"
            | "DEPUTY"
            | "AIDE"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Span, Token};

    fn view(text: &str) -> View {
        let mut tokens = Vec::new();
        let mut at = 0;
        for word in text.split(' ') {
            tokens.push(Token { start: at, end: at + word.len() });
            at += word.len() + 1;
        }
        let _ = Span::default();
        View::of_tokens(text, &tokens)
    }

    fn dict() -> ActorDict {
        let mut dict = ActorDict::default();
        dict.add_text("WEST [WST]\n+WESTERN\nFORNOST [FOR]\nGONDOR [GON]\nDANISH [DNK]\nLAWMAKER [~LEG]\nOFFICIAL [~GOV]\nMEDIA {} [~MED]\nGOVERNMENT [~GOV]\n")
            .unwrap();
        dict
    }

    fn codes(text: &str) -> Vec<Vec<String>> {
        let v = view(text);
        let breaks = vec![false; v.len()];
        find(&v, text, &dict(), &[], &breaks, None).into_iter().map(|p| p.codes).collect()
    }

    #[test]
    fn agents_attach_to_countries() {
        assert_eq!(codes("Lawmakers in Fornost and Gondor"), vec![vec!["FORLEG", "GONLEG"]]);
        assert_eq!(codes("the government of Gondor"), vec![vec!["GONGOV"]]);
        assert_eq!(codes("Danish media and government"), vec![vec!["DNKMED", "DNKGOV"]]);
    }

    #[test]
    fn agent_alone_has_unknown_country() {
        assert_eq!(codes("a senior official"), vec![vec!["---GOV"]]);
    }

    #[test]
    fn compass_word_in_a_place_name_is_not_the_west() {
        assert_eq!(codes("troops in Western Gondor"), vec![vec!["GON"]]);
        assert_eq!(codes("Western officials"), vec![vec!["WSTGOV"]]);
        assert_eq!(codes("the West Tuesday"), vec![vec!["WST"]]);
    }
}
