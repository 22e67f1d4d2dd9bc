//! Event coding of one sentence: verb dictionary matches, the best pattern
//! of each verb's block, and the source and target actor phrases found by a
//! shallow clause analysis (subject to the left, first actor to the right,
//! "by"-agents of passives, reporting verbs as clause boundaries).

use crate::cameo;
use crate::dict::{Code, Item, Pattern, VerbDict};
use crate::model;
use crate::phrases::Phrase;
use crate::words::{self, View};

/// One side of an event: a phrase index and the code chosen from it.
pub type Side = Option<(usize, String)>;

/// An event found in a sentence, before status, date and place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coded {
    /// Token range of the trigger.
    pub start: usize,
    pub end: usize,
    pub code: String,
    /// Index into the sentence's phrases and the code chosen from it.
    pub source: Side,
    pub target: Side,
    /// The pattern that coded it contains a negation ("will not *").
    pub negation_coded: bool,
}

/// Coding conventions that differ between our dictionaries and PETRARCH's.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Announced acts ("will attack", "ready to meet") become intents (03)
    /// or threats (13), as CAMEO codes them.
    pub intents: bool,
    /// "meet in Kyiv": whether a place after "in/at" may be the target of
    /// consultation and cooperation events.
    pub locative_targets: bool,
    /// Whether a statement takes the first actor of what is said as its
    /// target (PETRARCH does: "Frodo said he ... toward Gondor" is HOB to
    /// GON); ours only take "told X".
    pub statement_targets: bool,
    /// Whether the subject of a passive with no "by" agent is its target
    /// ("a missionary was arrested"); PETRARCH makes it the source.
    pub agentless_passives: bool,
    /// Whether a sentence with no act may take one from the verbs of the
    /// CAMEO2PLOVER table's descriptions (`model::codebook_act`); not in
    /// the PETRARCH parity check, which has its own dictionaries.
    pub codebook: bool,
}

/// A verb match in the sentence.
#[derive(Clone, Debug)]
pub struct Trigger {
    pub start: usize,
    pub end: usize,
    pub block: usize,
    pub code: Option<Code>,
}

/// Tokens that hold a verb form of the dictionary or the codebook (for
/// phrase breaking). Words the learned triggers take for acts break
/// phrases too, else "Switzerland ostracized three Russian diplomats"
/// ("Kenya increased police patrols") would be one actor.
pub fn verb_tokens(view: &View, verbs: &VerbDict) -> Vec<bool> {
    let learned = |i: usize| verbs.learned.as_ref().is_some_and(|m| model::act_at(m, view, verbs, i).is_some());
    (0..view.len())
        .map(|i| {
            let w = view.word(i);
            words::is_auxiliary(w) || verbs.starts_form(w) || model::is_codebook_verb(w) || learned(i)
        })
        .collect()
}

/// Verb matches outside actor phrases, longest first, not overlapping.
pub fn triggers(view: &View, verbs: &VerbDict, phrases: &[Phrase]) -> Vec<Trigger> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < view.len() {
        let candidate = verbs.starts_form(view.word(i)) && !phrases.iter().any(|p| p.start <= i && i < p.end);
        let found = if candidate { verbs.matches(&view.words[i..]).into_iter().next() } else { None };
        match found {
            Some((form, len)) => {
                out.push(Trigger { start: i, end: i + len, block: form.block, code: form.code.clone() });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// Codes every trigger of the sentence; when the dictionaries code no act
/// in it, the verb dictionary's learned complement (`model.rs`) may name
/// the trigger and type they lack ("sought refuge", "ostracized").
pub fn code_sentence(
    view: &View,
    verbs: &VerbDict,
    phrases: &[Phrase],
    triggers: &[Trigger],
    options: Options,
) -> Vec<Coded> {
    let mut out = Vec::new();
    for trigger in triggers {
        out.extend(code_trigger(view, verbs, phrases, trigger, options));
    }
    if options.codebook {
        recode_governed_acts(view, phrases, &mut out);
    }
    // An act the codebook or the learned model names at one word; a
    // refusal reads its own negation.
    let code_word = |at: usize, code: &str| {
        let span = Tokens { start: at, end: at + 1 };
        let refusal = code == REFUSAL;
        code_parties(view, verbs, phrases, span, Code::One(code.to_string()), Binding::default(), refusal, options)
    };
    if options.codebook && options.intents {
        for (at, code) in codebook_intents(view, phrases, &out) {
            out.extend(code_word(at, code));
        }
    }
    // The codebook's verbs before the learned triggers: a table entry is
    // better evidence than weights learned from a hundred sentences.
    let no_act = out.iter().all(|c| c.code.starts_with("01"));
    let table = if options.codebook { codebook_triggers(view, phrases, &out) } else { Vec::new() };
    let learned = || verbs.learned.as_ref().and_then(|model| model::propose(model, view, verbs, phrases));
    let fallback = if table.is_empty() && no_act { learned().into_iter().collect() } else { table };
    for (at, code) in fallback {
        out.extend(code_word(at, code));
    }
    // Last, so that the purpose of a sending may be any act found above.
    purposes_first(view, phrases, &mut out);
    out
}

/// An act in the infinitive complement of a verb no dictionary codes
/// takes the code of the table's row for that verb and the act's root:
/// "declined to resign" is "Decline to yield" (124), not the resigning.
fn recode_governed_acts(view: &View, phrases: &[Phrase], coded: &mut [Coded]) {
    let taken = |i: usize, coded: &[Coded]| {
        phrases.iter().any(|p| p.start <= i && i < p.end) || coded.iter().any(|c| c.start <= i && i < c.end)
    };
    for k in 0..coded.len() {
        let start = coded[k].start;
        if start < 2 || view.word(start - 1) != "TO" || taken(start - 2, coded) {
            continue;
        }
        if let Some(code) = model::codebook_governed(view, start - 2, &coded[k].code) {
            coded[k].code = code.to_string();
        }
    }
}

/// Acts announced with a verb no dictionary codes ("they will release the
/// hostages", "would support the resolution"), which the table's intent rows
/// name: each is an intent beside the sentence's other acts. Announced
/// as not to be done ("will not accept refugees"), the act is refused.
fn codebook_intents(view: &View, phrases: &[Phrase], coded: &[Coded]) -> Vec<(usize, &'static str)> {
    let taken =
        |i: usize| phrases.iter().any(|p| p.start <= i && i < p.end) || coded.iter().any(|c| c.start <= i && i < c.end);
    // The table lookup first: most words are in no intent row, and
    // `announced` reads the words before.
    (0..view.len())
        .filter(|&i| model::is_intent_word(view.word(i)) && !taken(i))
        .filter_map(|i| {
            let refused = refused(view, i);
            if !refused && !announced(view, i) {
                return None;
            }
            let code = model::codebook_intent(view, i, party_follows(view, phrases, i))?;
            Some((i, if refused { REFUSAL } else { code }))
        })
        .collect()
}

/// CAMEO's "Reject, not specified below": what an intent row names, said
/// not to be done.
const REFUSAL: &str = "120";

/// "will not accept", "won't release": a negated future in the verb group.
fn refused(view: &View, start: usize) -> bool {
    let group = view.words[..start]
        .iter()
        .rev()
        .take_while(|w| words::is_auxiliary(w) || w.ends_with("LY") || words::is_negation(w));
    let (mut future, mut negated) = (false, false);
    for w in group {
        future |= matches!(w.as_str(), "WILL" | "'LL" | "WO" | "WOULD" | "SHALL");
        negated |= words::is_negation(w);
    }
    future && negated
}

/// The words outside actor phrases and coded triggers that the codebook's
/// verbs name an act ("praised", "imposed a curfew"), beside the acts the
/// dictionaries code.
fn codebook_triggers(view: &View, phrases: &[Phrase], coded: &[Coded]) -> Vec<(usize, &'static str)> {
    let taken =
        |i: usize| phrases.iter().any(|p| p.start <= i && i < p.end) || coded.iter().any(|c| c.start <= i && i < c.end);
    // The table lookup first: most words are not in it.
    (0..view.len())
        .filter(|&i| model::is_codebook_verb(view.word(i)) && !taken(i))
        .filter_map(|i| model::codebook_act(view, i, party_follows(view, phrases, i)).map(|code| (i, code)))
        .collect()
}

/// Whether an actor phrase is the object of the verb at `i`: it follows
/// the verb, or a determiner after it ("hosted the prime minister").
fn party_follows(view: &View, phrases: &[Phrase], i: usize) -> bool {
    let object = if i + 2 < view.len() && words::is_determiner(view.word(i + 1)) { i + 2 } else { i + 1 };
    phrases.iter().any(|p| p.start == object || p.start == i + 1)
}

/// "sent 21 personnel to Bosnia to investigate": when what is sent is sent
/// to do a coded act, that act is what the sending does, so its events
/// come before the sending's among the sentence's events (the first act of
/// a sentence is the one that represents it); with no party of its own
/// to act on, it acts on where they are sent.
fn purposes_first(view: &View, phrases: &[Phrase], coded: &mut [Coded]) {
    let sending = |w: &str| {
        matches!(w, "SEND" | "SENDS" | "SENT" | "SENDING" | "DISPATCH" | "DISPATCHES" | "DISPATCHED" | "DISPATCHING")
    };
    let mut i = 0;
    while i < coded.len() {
        let act = &coded[i];
        let (start, end) = (act.start, act.end);
        let purpose = start >= 1 && view.word(start - 1) == "TO" && !act.code.starts_with("01");
        let clause = clause_start(view, start);
        let sender = coded[..i].iter().position(|c| c.start >= clause && sending(view.word(c.start)));
        let Some(at) = sender.filter(|_| purpose) else {
            i += 1;
            continue;
        };
        let destination = phrases
            .iter()
            .position(|p| p.start > coded[at].end && p.end < start && view.word(p.start - 1) == "TO")
            .and_then(|d| phrases[d].known_code().map(|code| (d, code.to_string())));
        let last = i + coded[i..].iter().take_while(|c| (c.start, c.end) == (start, end)).count();
        for event in &mut coded[i..last] {
            if event.target.is_none() {
                event.target = destination.clone();
            }
        }
        coded[at..last].rotate_right(last - i);
        i = last;
    }
}

/// Token range of a trigger.
#[derive(Clone, Copy, Debug)]
struct Tokens {
    start: usize,
    end: usize,
}

fn code_trigger(view: &View, verbs: &VerbDict, phrases: &[Phrase], trigger: &Trigger, options: Options) -> Vec<Coded> {
    let block = &verbs.blocks[trigger.block];
    let best = block
        .patterns
        .iter()
        .filter_map(|p| match_pattern(p, verbs, view, phrases, trigger).map(|m| (p, m)))
        // Highest score wins; on a tie, a pattern that reads the negation.
        .fold(None::<(&Pattern, Binding)>, |best, (p, m)| match &best {
            Some((q, b)) if b.score > m.score || (b.score == m.score && (q.negates || !p.negates)) => best,
            _ => Some((p, m)),
        });
    let (code, binding, negation_coded) = match best {
        Some((pattern, binding)) => (pattern.code.clone(), binding, pattern.negates),
        None => (
            verbs.code_of(trigger.code.as_ref(), trigger.block).cloned().unwrap_or(Code::Null),
            Binding::default(),
            false,
        ),
    };
    let code = match code {
        Code::One(c) if options.intents && announced(view, trigger.start) => Code::One(cameo::intent_of(&c)),
        Code::Null => return Vec::new(),
        other => other,
    };
    let span = Tokens { start: trigger.start, end: trigger.end };
    code_parties(view, verbs, phrases, span, code, binding, negation_coded, options)
}

/// The source and target of a trigger with its code and what its pattern
/// bound, as coded events.
#[allow(clippy::too_many_arguments)]
fn code_parties(
    view: &View,
    verbs: &VerbDict,
    phrases: &[Phrase],
    trigger: Tokens,
    code: Code,
    binding: Binding,
    negation_coded: bool,
    options: Options,
) -> Vec<Coded> {
    let first = view.word(trigger.start);
    let reporting = !options.statement_targets && words::is_speech_verb(first);
    let locative_ok = options.locative_targets || !in_families(Some(&code), &["03", "04", "05", "06"]);
    let (mut source, mut target) = (binding.source, binding.target);
    let mut voice_read = false;
    if source.is_none() && target.is_none() {
        if let Some(Passive { agent, patient }) =
            passive(view, phrases, &trigger).filter(|p| p.agent.is_some() || options.agentless_passives)
        {
            voice_read = agent.is_some() || patient.is_some();
            source = agent.or_else(|| state_acts(&code).then(|| venue_state(view, phrases, trigger.end)).flatten());
            target = patient;
        }
    }
    // The subject of a passive is acted on; with no "by" agent the source
    // stays unknown rather than being the victim.
    let agent_named = source.is_some() || adjective_agent(view, phrases, trigger.start).is_some();
    let someone_elses = !agent_named && reacts_to(view, verbs, trigger.start);
    if !voice_read && !someone_elses {
        source =
            source.or_else(|| subject(view, phrases, trigger.start)).or_else(|| of_phrase(view, phrases, trigger.end));
    }
    let asks = in_families(Some(&code), &["02", "10"]);
    let search = ObjectSearch {
        from: trigger.end,
        source,
        reporting,
        locative_ok,
        through_that: options.statement_targets || asks,
    };
    let target = target.or_else(|| object(view, verbs, phrases, search));
    // "Russia said Sudan must return the helicopter": Russia demands it of Sudan.
    let (code, source, target) = match code {
        // An intent one "must" express ("must agree to changes") is demanded too.
        Code::One(c)
            if options.intents
                && obliged(view, trigger.start)
                && (!cameo::is_speech_act(&c) || c.starts_with("03")) =>
        {
            match reporter(view, phrases, clause_start(view, trigger.start)) {
                Some(speaker) => (Code::One(cameo::demand_of(&c)), Some(speaker), source),
                None => (Code::One(c), source, target),
            }
        }
        other => (other, source, target),
    };
    let make = |code: &str, from: Option<usize>, to: Option<usize>| -> Vec<Coded> {
        pairs(phrases, from, to)
            .into_iter()
            .map(|(s, t)| Coded {
                start: trigger.start,
                end: trigger.end,
                code: code.to_string(),
                source: s,
                target: t,
                negation_coded,
            })
            .collect()
    };
    // "%" patterns, and "Gondor and Osgiliath renewed ties" with no other
    // party: the members act on each other.
    let mutual = binding.compound || (target.is_none() && !words::is_speech_verb(first));
    if mutual {
        if let Some(s) = source.filter(|&s| phrases[s].codes.len() > 1) {
            return compound_pairs(&trigger, &code, &phrases[s], s, negation_coded);
        }
    }
    match &code {
        Code::One(c) => make(c, source, target),
        Code::Pair(a, b) => {
            let mut out = make(a, source, target);
            if target.is_some() {
                out.extend(make(b, target, source));
            }
            out
        }
        Code::Null => Vec::new(),
    }
}

/// "condemned the attack", "welcomed the talks": a noun trigger that is
/// the object of praise, an inquiry, disapproval or rejection is
/// someone else's act, not the act of the one reacting to it (unless its
/// agent is named next to it: "condemned the Russian attack").
fn reacts_to(view: &View, verbs: &VerbDict, start: usize) -> bool {
    let mut det = start;
    while det > 0
        && start - det < 3
        && !words::is_determiner(view.word(det - 1))
        && view.word(det - 1).chars().all(char::is_alphabetic)
    {
        det -= 1;
    }
    if det < 2 || !matches!(view.word(det - 1), "THE" | "A" | "AN" | "THIS" | "THESE") {
        return false;
    }
    let Some((form, len)) = verbs.matches(&view.words[det - 2..]).into_iter().next() else { return false };
    len == 1 && in_families(verbs.code_of(form.code.as_ref(), form.block), &["05", "09", "11", "12"])
}

/// Whether `code` is a single CAMEO code of one of the two-digit `families`.
fn in_families(code: Option<&Code>, families: &[&str]) -> bool {
    matches!(code, Some(Code::One(c)) if c.get(..2).is_some_and(|family| families.contains(&family)))
}

/// "will send", "'ll meet", "ready to meet", "promised to provide": an act
/// announced, not done.
fn announced(view: &View, start: usize) -> bool {
    let mut i = start;
    let mut future = false;
    while i > 0
        && (words::is_auxiliary(view.word(i - 1))
            || view.word(i - 1).ends_with("LY")
            || words::is_negation(view.word(i - 1)))
    {
        i -= 1;
        match view.word(i) {
            "WILL" | "'LL" | "WO" | "WOULD" | "SHALL" => future = true,
            // "won't make concessions" stays a (negated) concession.
            w if words::is_negation(w) => return false,
            _ => {}
        }
    }
    if future {
        return true;
    }
    start >= 2
        && view.word(start - 1) == "TO"
        && matches!(
            view.word(start - 2),
            "READY"
                | "WILLING"
                | "PREPARED"
                | "PROMISED"
                | "PROMISES"
                | "PLEDGED"
                | "PLEDGES"
                | "VOWED"
                | "VOWS"
                | "SWORE"
                | "SWORN"
                | "SWEARS"
                | "OFFERED"
                | "OFFERS"
                | "AGREED"
                | "AGREES"
                | "PLANS"
                | "PLANNED"
                | "INTENDS"
                | "DECIDED"
                | "WANTS"
                | "COMMITTED"
                | "SET"
                | "SCHEDULED"
                | "EXPECTED"
                | "DUE"
                | "GOING"
                | "AIMS"
        )
}

/// "must return", "should agree": an obligation put on the subject. It
/// reaches through an infinitive of purpose in the same clause: in "forces
/// must ensure security to allow supplies", allowing them is what is
/// demanded too, not an act the forces announce.
fn obliged(view: &View, start: usize) -> bool {
    let must = |i: usize| matches!(view.word(i), "MUST" | "SHOULD");
    if (start.saturating_sub(3)..start).any(must) {
        return true;
    }
    start >= 1
        && view.word(start - 1) == "TO"
        && (clause_start(view, start).max(start.saturating_sub(OBLIGATION_REACH))..start).any(must)
}

/// How far back an obligation reaches through an infinitive of purpose.
const OBLIGATION_REACH: usize = 8;

/// The speaker of the reporting verb that opens the clause starting at
/// `clause` ("Russia said (that) ...").
fn reporter(view: &View, phrases: &[Phrase], clause: usize) -> Option<usize> {
    let mut verb = clause.checked_sub(1)?;
    if view.word(verb) == "THAT" {
        verb = verb.checked_sub(1)?;
    }
    while verb > 0 && !(words::is_reporting(view.word(verb)) || words::is_claim_cue(view.word(verb))) {
        if clause - verb > 6 {
            return None;
        }
        verb -= 1;
    }
    subject(view, phrases, verb)
}

/// Every source code against every target code.
fn pairs(phrases: &[Phrase], from: Option<usize>, to: Option<usize>) -> Vec<(Side, Side)> {
    let side = |i: Option<usize>| -> Vec<Side> {
        match i {
            Some(i) if !phrases[i].codes.is_empty() => phrases[i].codes.iter().map(|c| Some((i, c.clone()))).collect(),
            Some(i) => vec![Some((i, "---".to_string()))],
            None => vec![None],
        }
    };
    let targets = side(to);
    side(from).into_iter().flat_map(|s| targets.iter().map(move |t| (s.clone(), t.clone()))).collect()
}

/// "Gondor and Osgiliath have delayed their meeting": each member against the others.
fn compound_pairs(trigger: &Tokens, code: &Code, phrase: &Phrase, index: usize, negation_coded: bool) -> Vec<Coded> {
    let code = match code {
        Code::One(c) | Code::Pair(c, _) => c.clone(),
        Code::Null => return Vec::new(),
    };
    let mut out = Vec::new();
    for a in &phrase.codes {
        for b in phrase.codes.iter().filter(|b| *b != a) {
            out.push(Coded {
                start: trigger.start,
                end: trigger.end,
                code: code.clone(),
                source: Some((index, a.clone())),
                target: Some((index, b.clone())),
                negation_coded,
            });
        }
    }
    out
}

/// What a matched pattern binds.
#[derive(Clone, Debug, Default)]
struct Binding {
    score: usize,
    source: Option<usize>,
    target: Option<usize>,
    compound: bool,
}

/// How far from the verb pattern words may be.
const LEFT_WINDOW: usize = 8;
const RIGHT_WINDOW: usize = 12;

fn match_pattern(
    pattern: &Pattern,
    verbs: &VerbDict,
    view: &View,
    phrases: &[Phrase],
    trigger: &Trigger,
) -> Option<Binding> {
    let verb_at = pattern.verb_at();
    let mut binding = Binding { score: 1, ..Binding::default() };
    // Left of the verb, right to left; `pos` is the exclusive right bound.
    let mut pos = trigger.start;
    let floor = trigger.start.saturating_sub(LEFT_WINDOW);
    for k in (0..verb_at).rev() {
        let glued = pattern.glued[k];
        pos = match_left(&pattern.items[k], glued, pos, floor, verbs, view, phrases, &mut binding)?;
    }
    // Right of the verb; `pos` is the inclusive left bound.
    let mut pos = trigger.end;
    let ceiling = (trigger.end + RIGHT_WINDOW).min(view.len());
    for k in verb_at + 1..pattern.items.len() {
        let glued = pattern.glued[k - 1];
        pos = match_right(&pattern.items[k], glued, pos, ceiling, verbs, view, phrases, &mut binding)?;
    }
    Some(binding)
}

/// Word sequences an item can match (`None` for slots).
fn alternatives<'a>(
    item: &'a Item,
    verbs: &'a VerbDict,
    single: &'a mut Vec<Vec<String>>,
) -> Option<&'a [Vec<String>]> {
    match item {
        Item::Word(w) => {
            *single = vec![vec![w.clone()]];
            Some(single.as_slice())
        }
        Item::Synset(s) => Some(verbs.synsets[*s].as_slice()),
        _ => None,
    }
}

fn words_at(view: &View, at: usize, alt: &[String]) -> bool {
    at + alt.len() <= view.len() && alt.iter().enumerate().all(|(k, w)| view.word(at + k) == w)
}

#[allow(clippy::too_many_arguments)]
fn match_left(
    item: &Item,
    glued: bool,
    pos: usize,
    floor: usize,
    verbs: &VerbDict,
    view: &View,
    phrases: &[Phrase],
    binding: &mut Binding,
) -> Option<usize> {
    let mut single = Vec::new();
    if let Some(alts) = alternatives(item, verbs, &mut single) {
        let lowest = if glued { pos.saturating_sub(alts.iter().map(Vec::len).max().unwrap_or(1)) } else { floor };
        for start in (lowest..pos).rev() {
            if let Some(alt) = alts.iter().find(|alt| start + alt.len() <= pos && words_at(view, start, alt)) {
                if glued && start + alt.len() != pos {
                    continue;
                }
                binding.score += alt.len();
                return Some(start);
            }
        }
        return None;
    }
    match item {
        Item::Skip => pos.checked_sub(1),
        Item::Compound => {
            binding.compound = true;
            Some(pos)
        }
        Item::Source | Item::Target => {
            let (index, phrase) =
                phrases.iter().enumerate().rev().find(|(_, p)| p.end <= pos && p.end + 3 >= pos && p.start >= floor)?;
            if *item == Item::Source {
                binding.source = Some(index)
            } else {
                binding.target = Some(index)
            }
            Some(phrase.start)
        }
        _ => Some(pos),
    }
}

#[allow(clippy::too_many_arguments)]
fn match_right(
    item: &Item,
    glued: bool,
    pos: usize,
    ceiling: usize,
    verbs: &VerbDict,
    view: &View,
    phrases: &[Phrase],
    binding: &mut Binding,
) -> Option<usize> {
    let mut single = Vec::new();
    if let Some(alts) = alternatives(item, verbs, &mut single) {
        let highest = if glued { pos + 1 } else { ceiling };
        for start in pos..highest.min(view.len()) {
            if let Some(alt) = alts.iter().find(|alt| words_at(view, start, alt)) {
                binding.score += alt.len();
                return Some(start + alt.len());
            }
        }
        return None;
    }
    match item {
        Item::Skip => Some(pos + 1),
        Item::Compound => {
            binding.compound = true;
            Some(pos)
        }
        Item::Source | Item::Target => {
            let (index, phrase) =
                phrases.iter().enumerate().find(|(_, p)| p.start >= pos && p.start <= pos + 3 && p.start < ceiling)?;
            if *item == Item::Source {
                binding.source = Some(index)
            } else {
                binding.target = Some(index)
            }
            Some(phrase.end)
        }
        _ => Some(pos),
    }
}

/// Start of the clause holding token `at`: after the nearest subordinator,
/// clause punctuation or reporting verb to its left.
pub fn clause_start(view: &View, at: usize) -> usize {
    (0..at)
        .rev()
        .find(|&i| {
            let w = view.word(i);
            (words::is_subordinator(w) && !matches!(w, "AS" | "AFTER" | "BEFORE" | "SINCE" | "UNTIL"))
                || words::is_clause_punctuation(w)
                || words::is_reporting(w)
                || words::is_claim_cue(w)
                || ends_dateline(view, i)
        })
        .map_or(0, |i| i + 1)
}

/// Whether token `i` is the hyphen that ends a wire dateline ("SEOUL,
/// South Korea (CNN) - A court ...", "BOSTON - ..."): the place there is
/// where the story was filed, not a party to what follows. (A dash of
/// two hyphens or an em dash ends a clause anywhere already.)
fn ends_dateline(view: &View, i: usize) -> bool {
    view.word(i) == "-" && (1..=12).contains(&i) && (view.word(i - 1) == ")" || i <= 2)
}

/// The subject of the verb at `verb`: the first actor phrase of its clause
/// (not one inside a prepositional phrase); for a relative clause with no
/// subject, its antecedent; else the nearest actor phrase before.
fn subject(view: &View, phrases: &[Phrase], verb: usize) -> Option<usize> {
    // ", a senior official said": a speaker stands next to the verb.
    if words::is_speech_verb(view.word(verb)) {
        let next_to = |p: &Phrase| {
            p.end <= verb && (p.end..verb).all(|i| words::is_auxiliary(view.word(i)) || view.word(i).ends_with("LY"))
        };
        if let Some(i) = phrases.iter().rposition(|p| next_to(p) && !p.place) {
            return Some(i);
        }
    }
    // "Russia's pledge": the owner of a noun trigger is its agent; so is the
    // one accused "of" a gerund ("accused Kyiv of shelling the plant").
    let owned = |before: &str| matches!(before, "'S" | "'") || (before == "OF" && view.word(verb).ends_with("ING"));
    if verb >= 2 && owned(view.word(verb - 1)) {
        if let Some(i) = phrases.iter().position(|p| p.end == verb - 1 && !p.place) {
            return Some(i);
        }
    }
    if let Some(i) = adjective_agent(view, phrases, verb) {
        return Some(i);
    }
    let start = clause_start(view, verb);
    // Places ("Kupiansk sits on supply routes") are not agents.
    let usable = |p: &Phrase| p.end <= verb && !p.place && !after_preposition(view, p) && !reports(view, p, verb);
    if let Some(i) = phrases.iter().position(|p| p.start >= start && usable(p)) {
        return Some(i);
    }
    // A relative clause without a subject of its own ("forces, which were
    // formed"): the antecedent.
    let verb_follows = (start..verb)
        .all(|i| words::is_auxiliary(view.word(i)) || words::is_negation(view.word(i)) || view.word(i).ends_with("LY"));
    if start > 0 && matches!(view.word(start - 1), "WHO" | "WHICH" | "THAT") && verb_follows {
        let boundary = start - 1;
        return phrases.iter().rposition(|p| p.end <= boundary && p.end + 2 >= boundary);
    }
    // "Italy announced a suspension of air links": a noun right after a
    // reporting verb is its speaker's act.
    let boundary = start.checked_sub(1)?;
    let w = view.word(boundary);
    let noun_object = (start..verb)
        .all(|i| words::is_determiner(view.word(i)) || (verb - start <= 3 && !words::is_auxiliary(view.word(i))));
    if (words::is_reporting(w) || words::is_claim_cue(w)) && noun_object && verb - start <= 3 && boundary > 0 {
        return subject(view, phrases, boundary);
    }
    None
}

/// "the Russian attack", "a U.S. strike": an actor between a determiner
/// and a noun trigger is its agent.
fn adjective_agent(view: &View, phrases: &[Phrase], noun: usize) -> Option<usize> {
    phrases
        .iter()
        .position(|p| p.end == noun && p.start > 0 && matches!(view.word(p.start - 1), "THE" | "A" | "AN") && !p.place)
}

/// "a meeting of national security advisors": the participants of a noun
/// trigger with no subject.
fn of_phrase(view: &View, phrases: &[Phrase], end: usize) -> Option<usize> {
    if view.word(end) != "OF" {
        return None;
    }
    phrases.iter().position(|p| p.start > end && p.start <= end + 3 && !p.place)
}

/// Whether the phrase is the subject of a reporting or claim verb lying
/// between it and `verb` ("what it claimed was an attempt to attack").
fn reports(view: &View, phrase: &Phrase, verb: usize) -> bool {
    (phrase.end..verb.min(phrase.end + 4)).any(|i| {
        words::is_reporting(view.word(i)) || words::is_claim_cue(view.word(i)) || words::is_denial_cue(view.word(i))
    })
}

fn after_preposition(view: &View, phrase: &Phrase) -> bool {
    preposition_before(view, phrase).is_some_and(|w| !matches!(w, "OF" | "FROM" | "THAN" | "AS" | "LIKE"))
}

/// The preposition governing a phrase ("in northeastern Ukraine"), if any.
fn preposition_before<'v>(view: &'v View, phrase: &Phrase) -> Option<&'v str> {
    let mut i = phrase.start;
    let mut modifiers = 0;
    while i > 0 {
        let w = view.word(i - 1);
        if words::is_determiner(w) {
            i -= 1;
        } else if modifiers < 2 && w.ends_with("ERN") {
            // "in northeastern Ukraine"

            modifiers += 1;
            i -= 1;
        } else {
            break;
        }
    }
    (i > 0 && words::is_preposition(view.word(i - 1))).then(|| view.word(i - 1))
}

/// What the search for a trigger's target needs to know.
#[derive(Clone, Copy)]
struct ObjectSearch {
    /// Token right after the trigger.
    from: usize,
    source: Option<usize>,
    /// A reporting verb: only "told X" has a target.
    reporting: bool,
    /// A place after "in/at" may be the target.
    locative_ok: bool,
    /// "that" does not end the search: PETRARCH's statement targets, and
    /// appeals and demands, whose target is the subject of what is asked
    /// ("its demand that Israel ease restrictions").
    through_that: bool,
}

/// The first actor phrase after the verb, inside its clause.
fn object(view: &View, verbs: &VerbDict, phrases: &[Phrase], search: ObjectSearch) -> Option<usize> {
    let ObjectSearch { from, source, reporting, locative_ok, through_that } = search;
    let limit = (from + RIGHT_WINDOW).min(view.len());
    let stop = (from..limit)
        .find(|&i| {
            let w = view.word(i);
            (i > from && words::is_subordinator(w) && !matches!(w, "AS" | "WHAT") && !(through_that && w == "THAT"))
                || words::is_clause_punctuation(w)
                || words::is_reporting(w)
                || matches!(w, "," | "BUT")
                || (w == "AND" && starts_clause(view, verbs, phrases, i + 1))
        })
        .unwrap_or(limit);
    // Only "told X" gives a reporting verb a target; "said it ..." does not.
    let reach = if reporting {
        if matches!(view.word(from - 1), "TOLD" | "TELL" | "TELLS" | "TELLING") {
            from + 2
        } else {
            from
        }
    } else {
        stop
    };
    let candidates = |p: &&Phrase| {
        p.start >= from
            && p.start < reach.min(stop)
            && Some(p.start) != source.map(|s| phrases[s].start)
            // Nominative pronouns are subjects of a following clause.
            && !(p.end == p.start + 1 && matches!(view.word(p.start), "HE" | "SHE" | "IT" | "THEY" | "WE" | "I"))
            // "what Moscow calls": the subject of another verb.
            && !(words::is_reporting(view.word(p.end)) || words::is_claim_cue(view.word(p.end)))
            && (locative_ok || !matches!(preposition_before(view, p), Some("IN" | "AT" | "NEAR" | "INSIDE")))
    };
    let first = phrases.iter().position(|p| candidates(&p))?;
    // "continue military aid to Mozambique": a role word of no country
    // that modifies a noun is not the party acted on; the actor the noun
    // phrase leads to is. "sent drones to Russia": what is sent is not the
    // target; whom it is sent to is.
    let head = &phrases[first];
    if head.known_code().is_none() && head.entity.is_none() {
        let modifier = attributive(view, head);
        let better = |p: &Phrase| p.known_code().is_some() && (modifier || preposition_before(view, p) == Some("TO"));
        if let Some(k) = phrases.iter().skip(first + 1).position(|p| candidates(&p) && better(p)) {
            return Some(first + 1 + k);
        }
    }
    Some(first)
}

/// Whether the clause goes on with a new subject or verb at token `i`
/// (after "and"): "attacked Kharkiv and Russia said ..." ends the object,
/// "weapons inspectors and aid workers from Iraq" does not.
fn starts_clause(view: &View, verbs: &VerbDict, phrases: &[Phrase], i: usize) -> bool {
    let w = view.word(i);
    words::is_auxiliary(w)
        || verbs.starts_form(w)
        || words::pronoun(w).is_some()
        || words::is_subordinator(w)
        || phrases.iter().any(|p| p.start == i)
}

/// A phrase of role words with no country used as a noun modifier
/// ("military aid", "official contact", "army reservists", "a military
/// offensive": the noun may be a trigger too).
fn attributive(view: &View, phrase: &Phrase) -> bool {
    let next = view.word(phrase.end);
    next.chars().all(char::is_alphabetic)
        && !next.is_empty()
        && !words::is_preposition(next)
        && !words::is_conjunction(next)
        && !words::is_subordinator(next)
        && !words::is_auxiliary(next)
}

/// The parties of a passive verb group.
struct Passive {
    /// The "by" agent, if any.
    agent: Option<usize>,
    /// The grammatical subject: the party acted on.
    patient: Option<usize>,
}

/// "X was attacked by Y": Y is the source, X the target; "X was arrested"
/// has X as target and no known source.
fn passive(view: &View, phrases: &[Phrase], trigger: &Tokens) -> Option<Passive> {
    let word = view.word(trigger.end - 1);
    let participle = word.ends_with("ED") || word.ends_with("EN") || word.ends_with('T') || word.ends_with("WN");
    // ("'s" is far more often a possessive than "is" here.)
    let be =
        (trigger.start.saturating_sub(3)..trigger.start).any(|i| words::is_be(view.word(i)) && view.word(i) != "'S");
    if !participle || !be {
        return None;
    }
    let by = (trigger.end..(trigger.end + 6).min(view.len())).find(|&i| view.word(i) == "BY");
    let agent = by.and_then(|by| phrases.iter().position(|p| p.start > by && p.start <= by + 3));
    // Without an agent, only a plain "was arrested" is trusted to be
    // passive: not "is about to depart", nor the adjectival "is committed
    // to", "is opposed to", whose subject acts.
    let plain = (word.ends_with("ED") || word.ends_with("EN"))
        && be_next_to(view, trigger.start)
        && view.word(trigger.end) != "TO";
    if agent.is_none() && !plain {
        return None;
    }
    Some(Passive { agent, patient: subject(view, phrases, trigger.start) })
}

/// Acts only a state's authorities do (investigations, arrests, curfews,
/// bans: CAMEO 09 and 17), whose unnamed agent is the state where they
/// happen: "a missionary was arrested in Lebanon" is Lebanon's arrest.
fn state_acts(code: &Code) -> bool {
    in_families(Some(code), &["09", "17"])
}

/// The country phrase of an "in" right after a passive verb's own words
/// ("was arrested in Lebanon for ..."), within its clause: a country or a
/// capital, not a town (which has no code).
fn venue_state(view: &View, phrases: &[Phrase], from: usize) -> Option<usize> {
    let stop = (from..view.len()).find(|&i| words::is_clause_punctuation(view.word(i))).unwrap_or(view.len());
    let venue = phrases.iter().position(|p| p.start > from && p.start < stop && view.word(p.start - 1) == "IN")?;
    let phrase = &phrases[venue];
    let state = phrase.known_code().is_some_and(|c| !phrase.person && cameo::alpha2(c).is_some());
    (state && phrase.start <= from + 4).then_some(venue)
}

/// A form of "be" right before the verb, auxiliaries, negations and
/// adverbs aside ("has not yet been arrested").
fn be_next_to(view: &View, verb: usize) -> bool {
    let mut i = verb;
    while i > 0 {
        let w = view.word(i - 1);
        if words::is_be(w) && w != "'S" {
            return true;
        }
        if !(words::is_auxiliary(w) || words::is_negation(w) || w.ends_with("LY") || w == "YET") {
            return false;
        }
        i -= 1;
    }
    false
}
