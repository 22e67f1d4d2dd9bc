//! Learned event decisions: an averaged perceptron over string features,
//! with `NONE` (no event) and the PLOVER types as labels, used two ways.
//!
//! - Learned triggers ([`propose`]): where the verb dictionary codes no act
//!   in a sentence, the word most likely to trigger one and its type, from
//!   the word, its neighbours, what follows it and what the dictionary
//!   makes of it. Rules written one sentence at a time cover the sentences
//!   they were written for; this is the part meant to carry over to verbs
//!   they lack. Set with `EventStage::with_trigger_model`.
//! - Retyping ([`retype`]): the dictionaries' events given the type the
//!   model picks from the trigger and the dictionaries' proposal, which
//!   starts with a prior ([`PRIOR`]) so the model learns corrections.
//!   Set with `EventStage::with_type_model`.
//!
//! Both are trained by [`train`] on examples `newsgraph eval events`
//! gathers (`train --out FILE` writes the learned triggers: one feature a
//! line, then its non-zero weights as `TYPE=weight`). Neither runs by
//! default: on the held-out PLOVER folds (`--folds K`) retyping lowers the
//! type accuracy and learned triggers add little, while on unseen news
//! (ECB+) most of the events they add are wrong (docs/events.md).

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use newsgraph_core::rng::XorShift;
use newsgraph_core::{fnv1a, Document, Event};

use crate::cameo;
use crate::dict::verbs::word_forms;
use crate::dict::{Code, VerbDict};
use crate::phrases::Phrase;
use crate::words::{self, View};

/// Every PLOVER type the coder can give, with the CAMEO code an event gets
/// when the model moves it to that type (the type's root code, so that
/// `cameo` and `plover` keep agreeing through [`cameo::plover`]).
/// `NONE` (no event) is the first: a token that triggers nothing.
const TYPES: [(&str, &str); 18] = [
    ("NONE", ""),
    ("STATEMENT", "010"),
    ("AGREE", "030"),
    ("CONSULT", "040"),
    ("SUPPORT", "050"),
    ("COOPERATE", "060"),
    ("AID", "070"),
    ("CONCEDE", "080"),
    ("RETREAT", "087"),
    ("ACCUSE", "110"),
    ("REQUEST", "100"),
    ("REJECT", "120"),
    ("THREATEN", "130"),
    ("PROTEST", "140"),
    ("MOBILIZE", "150"),
    ("SANCTION", "160"),
    ("COERCE", "170"),
    ("ASSAULT", "190"),
];

const N: usize = TYPES.len();

/// Score the dictionaries' own type starts with: the model learns
/// corrections to the dictionaries, not types from nothing, so a trigger it
/// knows little about keeps its dictionary type.
/// (8 measured best on the PLOVER folds among 0.5 to 24: lower lets the
/// model overrule the dictionaries where it should not.)
const PRIOR: f32 = 8.0;

/// Scores of the types before any feature: the prior on the proposed type.
fn start_scores(proposed: Option<usize>) -> [f32; N] {
    let mut scores = [0.0; N];
    if let Some(p) = proposed {
        scores[p] = PRIOR;
    }
    scores
}

/// Index of a PLOVER type in [`TYPES`].
pub fn type_index(name: &str) -> Option<usize> {
    TYPES.iter().position(|(t, _)| *t == name)
}

/// Feature weights per PLOVER type.
#[derive(Clone, Debug, Default)]
pub struct TypeModel {
    weights: HashMap<String, [f32; N]>,
}

/// Why a model file could not be read.
#[derive(Debug)]
pub struct ModelError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "event type model, line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ModelError {}

impl TypeModel {
    pub fn parse(text: &str) -> Result<Self, ModelError> {
        let mut weights = HashMap::new();
        for (k, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let error = |message: String| ModelError { line: k + 1, message };
            let (feature, rest) = line.split_once('\t').ok_or_else(|| error("no tab after the feature".into()))?;
            let mut row = [0.0; N];
            for pair in rest.split_whitespace() {
                let (name, value) =
                    pair.split_once('=').ok_or_else(|| error(format!("`{pair}` is not TYPE=weight")))?;
                let index = type_index(name).ok_or_else(|| error(format!("unknown type `{name}`")))?;
                row[index] = value.parse().map_err(|_| error(format!("bad weight `{value}`")))?;
            }
            weights.insert(feature.to_string(), row);
        }
        Ok(TypeModel { weights })
    }

    /// The model file: features sorted, weights rounded to 1/1000 (the
    /// same data and seed give the same bytes).
    pub fn to_text(&self, header: &str) -> String {
        let mut rows: Vec<(&String, &[f32; N])> = self.weights.iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::new();
        for line in header.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        for (feature, row) in rows {
            let cells: Vec<String> = TYPES
                .iter()
                .zip(row)
                .map(|((name, _), w)| (name, (w * 1000.0).round() / 1000.0))
                .filter(|(_, w)| *w != 0.0)
                .map(|(name, w)| format!("{name}={w}"))
                .collect();
            if !cells.is_empty() {
                out.push_str(&format!("{feature}\t{}\n", cells.join(" ")));
            }
        }
        out
    }

    pub fn features_known(&self) -> usize {
        self.weights.len()
    }

    fn scores(&self, features: &[String], proposed: Option<usize>) -> [f32; N] {
        let mut scores = start_scores(proposed);
        for row in features.iter().filter_map(|f| self.weights.get(f)) {
            for (s, w) in scores.iter_mut().zip(row) {
                *s += w;
            }
        }
        scores
    }

    /// The best type's index for an event the dictionaries typed
    /// `proposed`; none when nothing speaks for any type.
    pub fn predict(&self, features: &[String], proposed: Option<usize>) -> Option<usize> {
        let scores = self.scores(features, proposed);
        let best = best_type(&scores);
        (scores[best] != 0.0).then_some(best)
    }
}

/// The highest score's type, no-event and statements aside (whether a
/// verb is a statement is the dictionaries' and the speaker test's
/// decision, not a type to learn); ties go to the earlier type.
fn best_type(scores: &[f32; N]) -> usize {
    (FIRST_ACT + 1..N).fold(FIRST_ACT, |best, i| if scores[i] > scores[best] { i } else { best })
}

/// Index of the first type that is an act (after `NONE` and `STATEMENT`).
const FIRST_ACT: usize = 2;

/// Whether a type index is an act (neither no-event nor a statement).
pub fn is_act(index: usize) -> bool {
    index >= FIRST_ACT
}

/// The guess while training: the best act or no event.
fn best_label(scores: &[f32; N]) -> usize {
    let act = best_type(scores);
    if scores[0] >= scores[act] {
        0
    } else {
        act
    }
}

/// Gives every event of the document the type the model picks, with that
/// type's root CAMEO code when the type changes.
pub fn retype(model: &TypeModel, doc: &mut Document) {
    let mut view: Option<(usize, View)> = None;
    for k in 0..doc.events.len() {
        let sentence = doc.events[k].sentence;
        if !matches!(&view, Some((s, _)) if *s == sentence) {
            view = Some((sentence, View::of_sentence(doc, sentence)));
        }
        let Some((_, view)) = &view else { continue };
        let proposed = type_index(&doc.events[k].plover);
        if proposed.is_none_or(|p| p < FIRST_ACT) {
            continue;
        }
        let features = features(view, &doc.events[k]);
        let Some(best) = model.predict(&features, proposed) else {
            continue;
        };
        let event = &mut doc.events[k];
        let (name, code) = TYPES[best];
        if event.plover != name {
            event.plover = name.to_string();
            event.cameo = code.to_string();
            debug_assert_eq!(cameo::plover(code), Some(name));
        }
    }
}

/// Words reduced to a crude stem, so that "urged", "urges" and "urging"
/// share their weights.
fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                return stem.to_string();
            }
        }
    }
    lower
}

/// Features of an event: the dictionaries' proposal, the trigger words and
/// the word after them. (Context words, the parties' sectors, the CAMEO code
/// and the status were tried too: each lowered the held-out figures.)
pub fn features(view: &View, event: &Event) -> Vec<String> {
    let start = view.spans.iter().position(|s| s.end > event.trigger.start).unwrap_or(view.len());
    let end = view.spans.iter().rposition(|s| s.start < event.trigger.end).map_or(start, |e| e + 1).max(start);
    let word = |i: usize| stem(view.word(i));
    let trigger: Vec<String> = (start..end).map(word).collect();
    let trigger = trigger.join("_");
    let proposed = &event.plover;
    vec![
        "bias".to_string(),
        format!("d={proposed}"),
        format!("t={trigger}"),
        format!("t={trigger}|d={proposed}"),
        format!("t={trigger}|r1={}", word(end)),
    ]
}

/// Whether token `i` may trigger an event the dictionaries do not know:
/// a word, not a closed-class one, not a reporting verb (statements stay
/// the dictionaries' and the speaker test's).
pub fn is_candidate(view: &View, i: usize) -> bool {
    let w = view.word(i);
    w.len() >= 3
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !words::is_determiner(w)
        && !words::is_preposition(w)
        && !words::is_auxiliary(w)
        && !words::is_conjunction(w)
        && !words::is_subordinator(w)
        && !words::is_negation(w)
        && words::pronoun(w).is_none()
        && !words::is_reporting(w)
        && !words::is_calendar_name(w)
}

/// Features of token `i` as a trigger the dictionaries may lack: the word,
/// its ending, its neighbours, the words of what follows (the object:
/// "imposed sanctions", "sought refuge") and what the verb dictionary
/// makes of it.
pub fn token_features(view: &View, verbs: &VerbDict, i: usize) -> Vec<String> {
    let word = |k: usize| stem(view.word(k));
    let before = if i > 0 { word(i - 1) } else { "<s>".to_string() };
    let dictionary = verbs
        .matches(&view.words[i..])
        .first()
        .map(|(form, _)| match verbs.code_of(form.code.as_ref(), form.block) {
            Some(Code::One(c)) => cameo::plover(c).unwrap_or("OTHER").to_string(),
            Some(Code::Pair(..)) => "PAIR".to_string(),
            _ => "NULL".to_string(),
        })
        .unwrap_or_else(|| "ABSENT".to_string());
    let mut out = vec![
        "bias".to_string(),
        format!("w={}", word(i)),
        format!("l1={before}"),
        format!("r1={}", word(i + 1)),
        format!("w={}|r1={}", word(i), word(i + 1)),
        format!("dict={dictionary}"),
        format!("pos={}", (i * 4 / view.len().max(1)).min(3)),
    ];
    let alphabetic = |k: &usize| view.word(*k).chars().all(char::is_alphabetic) && !view.word(*k).is_empty();
    out.extend((i + 1..(i + 6).min(view.len())).filter(alphabetic).map(|k| format!("r={}", word(k))));
    out.extend(shape_features(view.word(i)));
    out.extend(codebook_features(view, i));
    out
}

/// A row of the codebook: its CAMEO code and PLOVER type, and the words
/// that must follow a generic verb for it to name the act (none: the verb
/// alone does).
#[derive(Clone)]
struct Row {
    code: String,
    kind: &'static str,
    objects: Vec<String>,
    /// The verb leading the description: support verbs' rows are read
    /// by their nouns.
    verb: &'static str,
    /// An object is itself an act the table names ("Host a visit"), so
    /// the party doing it stands for it: "hosted the prime minister".
    party: bool,
}

/// The verbs of the CAMEO2PLOVER table's descriptions, by inflected form.
/// Every token of a sentence is looked up (phrase breaks), so the map
/// hashes with FNV-1a, several times faster than SipHash on short words.
type Codebook = HashMap<String, Vec<Row>, BuildHasherDefault<Fnv>>;

/// FNV-1a: no protection against chosen keys, which a fixed table of
/// verbs does not need.
#[derive(Default)]
struct Fnv(u64);

/// The state is core's `fnv1a` seed, so each `write` goes on from the
/// hash so far.
impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(self.0, bytes) ^ FNV_OFFSET;
    }

    fn finish(&self) -> u64 {
        self.0 ^ FNV_OFFSET
    }
}

/// FNV-1a's offset basis, which `fnv1a` mixes into its seed.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Built by `newsgraph eval events codebook` from the table alone, so the
/// words it knows owe nothing to any coded sentence.
const CODEBOOK_VERBS: &str = include_str!("../data/codebook_verbs.tsv");

/// The table's rows, each with the verb that leads its description and
/// the whole words of the rest.
fn codebook_lines() -> impl Iterator<Item = (&'static str, Row, Vec<&'static str>)> {
    CODEBOOK_VERBS.lines().filter(|l| !l.starts_with('#')).filter_map(|line| {
        let mut cells = line.split('\t');
        let (verb, code) = (cells.next()?, cells.next()?);
        let kind = cameo::plover(code)?;
        let words: Vec<&str> = cells.next().unwrap_or("").split_whitespace().collect();
        let objects = words.iter().flat_map(|w| with_role_words(w)).map(|w| prefix(&w)).collect();
        Some((verb, Row { code: code.to_string(), kind, objects, verb, party: false }, words))
    })
}

/// The roles of the armed services, which the table names by one
/// collective word ("mobilize or increase armed forces", "increase police
/// power"). Other role words of the descriptions are abstract there
/// ("change leadership", "change institutions, regime"), not the parties.
const ARMED_ROLES: [&str; 2] = ["MIL", "COP"];

/// A word of a description and, when it names an armed service, every
/// word of the agent dictionary for that service: "mobilize forces" is
/// also "mobilized the army", "mobilized troops".
fn with_role_words(word: &str) -> Vec<String> {
    static ROLES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let roles = ROLES.get_or_init(crate::dict::builtin_roles);
    let role = roles.iter().find(|(w, code)| w == word && ARMED_ROLES.contains(&code.as_str())).map(|(_, code)| code);
    let mut out = vec![word.to_string()];
    out.extend(roles.iter().filter(|(w, code)| Some(code) == role && w != word).map(|(w, _)| w.clone()));
    out
}

fn codebook() -> &'static Codebook {
    static CODEBOOK: OnceLock<Codebook> = OnceLock::new();
    CODEBOOK.get_or_init(|| {
        let mut out: Codebook = HashMap::default();
        for (verb, row, _) in codebook_lines() {
            for form in word_forms(verb) {
                out.entry(form).or_default().push(row.clone());
            }
        }
        for (verb, row) in noun_verbs(&out) {
            for form in word_forms(&verb) {
                out.entry(form).or_default().push(row.clone());
            }
        }
        let acts: BTreeSet<String> =
            out.iter().filter(|(_, rows)| rows.iter().any(|r| r.objects.is_empty())).map(|(w, _)| prefix(w)).collect();
        for row in out.values_mut().flatten() {
            // Intents (03) name what is intended, not an act on a party.
            let intent = row.code.starts_with("03");
            row.party = !intent && !SUPPORT_VERBS.contains(&row.verb) && row.objects.iter().any(|o| acts.contains(o));
        }
        out
    })
}

/// English support verbs: with them the noun names the act ("make a
/// visit", "engage in mediation", "conduct a strike").
const SUPPORT_VERBS: [&str; 6] = ["MAKE", "ENGAGE", "CONDUCT", "CARRY", "GIVE", "BRING"];

/// The rows of a support verb and one noun, read as the noun's own verb
/// naming the act alone: "Make a visit" (042) is also "visited", "Engage
/// in mediation" (045) "mediated". Nouns in "-ation" give the verb in
/// "-ate"; nouns that are verbs of the table already keep their own rows.
fn noun_verbs(table: &Codebook) -> Vec<(String, Row)> {
    let verb_of = |noun: &str| match noun.strip_suffix("ATION") {
        Some(stem) => format!("{stem}ATE"),
        None => noun.to_string(),
    };
    codebook_lines()
        .filter(|(verb, _, words)| SUPPORT_VERBS.contains(verb) && words.len() == 1)
        .map(|(_, row, words)| (verb_of(words[0]), Row { objects: Vec::new(), ..row }))
        .filter(|(verb, _)| !table.contains_key(verb))
        .collect()
}

/// The intent rows of the table (CAMEO root 03: "Express intent to meet
/// or negotiate", "... to release persons or property"), by the inflected
/// forms of the words of their descriptions: what they name is what one
/// announces.
fn intent_rows() -> &'static Codebook {
    static INTENTS: OnceLock<Codebook> = OnceLock::new();
    INTENTS.get_or_init(|| {
        let mut out: Codebook = HashMap::default();
        for (_, row, words) in codebook_lines().filter(|(_, row, _)| row.code.starts_with("03")) {
            for form in words.iter().flat_map(|w| word_forms(w)) {
                out.entry(form).or_default().push(row.clone());
            }
        }
        out
    })
}

/// Whether a word is a form of a codebook verb.
pub fn is_codebook_verb(word: &str) -> bool {
    codebook().contains_key(word)
}

/// The first five letters: "sanctions" meets "sanction".
fn prefix(word: &str) -> String {
    word.chars().take(5).collect()
}

/// The codebook rows token `i` leads, each with whether it names an act
/// here: the verb alone does, or one of the row's objects follows within
/// five words of its phrase ("imposed a curfew"), or the party doing the
/// act a row's object names is its object (`party`: an actor phrase
/// follows); a generic verb with none of them ("provided details") does
/// not.
fn codebook_rows(view: &View, i: usize, party: bool) -> Vec<(&'static Row, bool)> {
    let Some(rows) = codebook().get(view.word(i)) else { return Vec::new() };
    let next = following_words(view, i);
    let named =
        |row: &Row| row.objects.is_empty() || row.objects.iter().any(|w| next.contains(w)) || (party && row.party);
    rows.iter().map(|row| (row, named(row))).collect()
}

/// The prefixes of the five words after token `i` in its own phrase: an
/// infinitive ("used to harbor ... violence") or clause punctuation starts
/// another.
fn following_words(view: &View, i: usize) -> Vec<String> {
    (i + 1..(i + 6).min(view.len()))
        .take_while(|&k| view.word(k) != "TO" && !words::is_clause_punctuation(view.word(k)))
        .map(|k| prefix(view.word(k)))
        .collect()
}

/// What the codebook makes of token `i`, as features: `cb=TYPE` where a
/// row names the act, `cbo=TYPE` for a generic verb without its object.
fn codebook_features(view: &View, i: usize) -> Vec<String> {
    let feature = |(row, named): (&Row, bool)| format!("{}={}", if named { "cb" } else { "cbo" }, row.kind);
    codebook_rows(view, i, false).into_iter().map(feature).collect::<BTreeSet<_>>().into_iter().collect()
}

/// The act the codebook names at token `i`, as its CAMEO code: a verb
/// form, not a noun after a determiner ("the release"), whose named rows
/// agree on one type (the most specific row's code, the longest, wins).
pub fn codebook_act(view: &View, i: usize, party: bool) -> Option<&'static str> {
    // The table lookup first: most words are not in it, and the word-class
    // tests are slower.
    if !is_codebook_verb(view.word(i)) || !is_candidate(view, i) || (i > 0 && words::is_determiner(view.word(i - 1))) {
        return None;
    }
    let named: Vec<&Row> =
        codebook_rows(view, i, party).into_iter().filter(|(_, named)| *named).map(|(r, _)| r).collect();
    let first = named.first()?;
    if named.iter().any(|r| r.kind != first.kind) {
        return None;
    }
    let best = named.iter().filter(|r| !r.objects.is_empty()).max_by_key(|r| r.code.len()).unwrap_or(first);
    Some(best.code.as_str())
}

/// The rows of the table that read a verb with an act as its complement,
/// by the inflected forms of the verb: "124 Decline to yield" names YIELD,
/// which leads the bare row "080 Yield", so a yielding act (CAMEO root 08)
/// declined is 124. Each entry: the complement's root and the row's code;
/// of several rows for one root, the one of fewest words ("Decline to
/// yield" before "Decline to release persons or property").
fn governing_rows() -> &'static HashMap<String, Vec<(String, String)>> {
    static GOVERNING: OnceLock<HashMap<String, Vec<(String, String)>>> = OnceLock::new();
    GOVERNING.get_or_init(|| {
        let bare_root = |word: &str| {
            codebook().get(word)?.iter().find(|row| row.objects.is_empty()).map(|row| row.code[..2].to_string())
        };
        let mut rows: Vec<(&str, String, String, usize)> = codebook_lines()
            .flat_map(|(verb, row, words)| {
                let roots: Vec<String> = words.iter().filter_map(|w| bare_root(w)).collect();
                roots.into_iter().map(move |root| (verb, root, row.code.clone(), words.len()))
            })
            .collect();
        rows.sort_by_key(|&(_, _, _, length)| length);
        let mut out: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for (verb, root, code, _) in rows {
            for form in word_forms(verb) {
                let entries = out.entry(form).or_default();
                if !entries.iter().any(|(r, _)| *r == root) {
                    entries.push((root.clone(), code.clone()));
                }
            }
        }
        out
    })
}

/// The code of an act in the infinitive complement of token `verb`
/// ("declined to resign") when the table reads that verb with acts of its
/// root ("Decline to yield": 124, REJECT).
pub fn codebook_governed(view: &View, verb: usize, act: &str) -> Option<&'static str> {
    let root = act.get(..2)?;
    governing_rows().get(view.word(verb))?.iter().find(|(r, _)| r == root).map(|(_, code)| code.as_str())
}

/// Whether a word is a form of a word of the table's intent rows.
pub fn is_intent_word(word: &str) -> bool {
    intent_rows().contains_key(word)
}

/// The intent a verb names when it is announced ("will release the
/// hostages", "will support the resolution"), as its CAMEO code: of the
/// intent rows whose descriptions hold the word, the one with most of its
/// other words in the verb's phrase, the most general on a tie. A generic
/// verb, one whose own rows of the table all need an object ("bring a
/// lawsuit", "provide aid"), needs one of the intent's other words too
/// ("will bring reform", not "will bring him"), or, unless it is a
/// support verb, a party as its object (`party`: "would meet the U.N.
/// mediator" is 036). The caller checks that the act is announced.
pub fn codebook_intent(view: &View, i: usize, party: bool) -> Option<&'static str> {
    let rows = intent_rows().get(view.word(i))?;
    if !is_candidate(view, i) {
        return None;
    }
    let phrase = following_words(view, i);
    let found = |row: &Row| row.objects.iter().filter(|w| phrase.contains(w)).count();
    let (best, words) =
        rows.iter().map(|row| (row, found(row))).max_by_key(|&(row, n)| (n, std::cmp::Reverse(row.code.len())))?;
    let own = codebook().get(view.word(i)).map_or(&[][..], Vec::as_slice);
    let generic = !own.is_empty() && own.iter().all(|row| !row.objects.is_empty());
    let support = own.iter().any(|row| SUPPORT_VERBS.contains(&row.verb));
    let met = party && !support;
    (words > 0 || !generic || met).then_some(best.code.as_str())
}

/// Features of a word by itself: its ending ("-ed", "-ing": verb forms).
/// (Brown clusters of the word, and the verb dictionary's forms as
/// examples by their clusters, were tried too: no held-out gain.)
fn shape_features(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let ending: String = lower.chars().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
    vec![format!("end={ending}")]
}

/// The act token `i` triggers by the model and its margin over no event,
/// if it is a candidate and some act beats no event.
pub fn act_at(model: &TypeModel, view: &View, verbs: &VerbDict, i: usize) -> Option<(usize, f32)> {
    if !is_candidate(view, i) {
        return None;
    }
    let scores = model.scores(&token_features(view, verbs, i), None);
    let act = best_type(&scores);
    let margin = scores[act] - scores[0];
    (margin > 0.0).then_some((act, margin))
}

/// The token most likely to trigger an act the dictionaries missed, and
/// its type's CAMEO code: the token outside actor phrases whose best act
/// beats no event by the widest margin, if any does.
pub fn propose(model: &TypeModel, view: &View, verbs: &VerbDict, phrases: &[Phrase]) -> Option<(usize, &'static str)> {
    let inside = |i: usize| phrases.iter().any(|p| p.start <= i && i < p.end);
    (0..view.len())
        .filter(|&i| !inside(i))
        .filter_map(|i| act_at(model, view, verbs, i).map(|(act, margin)| (i, act, margin)))
        .fold(None::<(usize, usize, f32)>, |best, c| if best.is_some_and(|b| b.2 >= c.2) { best } else { Some(c) })
        .map(|(i, act, _)| (i, TYPES[act].1))
}

/// One training example: an event's features, the dictionaries' type and
/// its gold PLOVER type.
#[derive(Clone, Debug)]
pub struct Example {
    pub features: Vec<String>,
    pub proposed: Option<usize>,
    pub label: usize,
}

/// Averaged perceptron over `examples`, visited in an order shuffled by
/// `seed` each epoch (same data and seed, same model).
pub fn train(examples: &[Example], epochs: usize, seed: u64) -> TypeModel {
    let mut weights: HashMap<&str, [f32; N]> = HashMap::new();
    // Sums of the weights after every example, kept lazily: `totals` holds
    // the sum up to `stamps`, the time of the weight's last change.
    let mut totals: HashMap<&str, ([f32; N], [u32; N])> = HashMap::new();
    let mut now: u32 = 0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut shuffler = XorShift::new(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    for _ in 0..epochs {
        shuffler.shuffle(&mut order);
        for &e in &order {
            let example = &examples[e];
            now += 1;
            let mut scores = start_scores(example.proposed);
            for f in &example.features {
                if let Some(row) = weights.get(f.as_str()) {
                    for (s, w) in scores.iter_mut().zip(row) {
                        *s += w;
                    }
                }
            }
            let guess = best_label(&scores);
            if guess == example.label && scores[guess] > 0.0 {
                continue;
            }
            // A right guess with no evidence yet only rewards the truth.
            let changes: &[(usize, f32)] =
                if guess == example.label { &[(guess, 1.0)] } else { &[(example.label, 1.0), (guess, -1.0)] };
            for f in &example.features {
                let row = weights.entry(f.as_str()).or_insert([0.0; N]);
                let (total, stamp) = totals.entry(f.as_str()).or_insert(([0.0; N], [0; N]));
                for &(label, delta) in changes {
                    total[label] += (now - stamp[label]) as f32 * row[label];
                    stamp[label] = now;
                    row[label] += delta;
                }
            }
        }
    }
    let now = now.max(1);
    let weights = weights
        .into_iter()
        .map(|(f, row)| {
            let (total, stamp) = totals.get(f).copied().unwrap_or(([0.0; N], [0; N]));
            let averaged: [f32; N] =
                std::array::from_fn(|l| (total[l] + (now - stamp[l]) as f32 * row[l]) / now as f32);
            (f.to_string(), averaged)
        })
        .collect();
    TypeModel { weights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_code_maps_back_to_its_type() {
        for (name, code) in TYPES.into_iter().skip(1) {
            assert_eq!(cameo::plover(code), Some(name));
        }
    }

    #[test]
    fn learns_and_round_trips() {
        let example = |f: &[&str], label: &str| Example {
            features: f.iter().map(|s| s.to_string()).collect(),
            proposed: None,
            label: type_index(label).unwrap(),
        };
        let examples = vec![
            example(&["bias", "t=attack"], "ASSAULT"),
            example(&["bias", "t=meet"], "CONSULT"),
            example(&["bias", "t=attack", "r=talk"], "ASSAULT"),
        ];
        let model = train(&examples, 5, 7);
        let read = TypeModel::parse(&model.to_text("test")).unwrap();
        let predict =
            |f: &[&str]| read.predict(&f.iter().map(|s| s.to_string()).collect::<Vec<_>>(), None).map(|i| TYPES[i].0);
        assert_eq!(predict(&["bias", "t=attack"]), Some("ASSAULT"));
        assert_eq!(predict(&["bias", "t=meet"]), Some("CONSULT"));
        assert_eq!(predict(&["unknown"]), None);
    }

    #[test]
    fn bad_lines_are_errors_not_panics() {
        assert!(TypeModel::parse("feature ASSAULT=1").is_err());
        assert!(TypeModel::parse("f\tNOTATYPE=1").is_err());
        assert!(TypeModel::parse("f\tASSAULT=x").is_err());
    }
}
