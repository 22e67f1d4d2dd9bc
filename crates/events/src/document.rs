//! Document-level glue: codes entities, resolves pronoun subjects across
//! sentences, codes each sentence's events and gives them status, date,
//! place and attribution.

use std::collections::HashMap;

use newsgraph_core::{Document, EntityType, Event, EventStatus, Mention, Participant, Span, TimexType};

use crate::cameo;
use crate::coder::{self, Coded};
use crate::dict::{actors::code_on, Dictionaries, EntryKind};
use crate::phrases::{self, EntityMention, Phrase};
use crate::status::{self, Cues, Judgement, Voucher};
use crate::words::{self, View};

/// Sentences back that "the claim could not be verified" reaches.
const UNVERIFIED_REACH: usize = 3;

pub fn annotate(dicts: &Dictionaries, keep_unknown: bool, doc: &mut Document) {
    doc.events.clear();
    let date = doc.anchor().and_then(date_number);
    code_entities(dicts, doc, date);
    let located = Located::of(doc);
    let mut memory = Memory::default();
    let mut events = Vec::new();
    for index in 0..doc.sentences.len() {
        let (mut found, remark) = code_sentence(dicts, doc, &located, index, date, &mut memory, keep_unknown);
        if remark && found.iter().all(|e| e.status != EventStatus::Unverified) {
            reach_back(&mut events, index);
        }
        events.append(&mut found);
    }
    for (i, event) in events.iter_mut().enumerate() {
        event.id = format!("ev{i}");
    }
    doc.events = events;
}

/// Where the document's mentions, places, time expressions and quotes sit,
/// so that each sentence finds its own by binary search: scanning them all
/// for every sentence made a long document quadratic.
struct Located {
    /// Mentions of actor-like entities; each keyed by its position in
    /// `mention_of`, which is (entity, mention) order.
    mentions: SpanIndex,
    mention_of: Vec<(usize, usize)>,
    places: SpanIndex,
    timexes: SpanIndex,
    quotes: SpanIndex,
    /// `entities[].id` to its index.
    entities: HashMap<String, usize>,
}

impl Located {
    fn of(doc: &Document) -> Located {
        let mention_of: Vec<(usize, usize)> = (doc.entities.iter().enumerate())
            .filter(|(_, entity)| is_actorish(entity.kind))
            .flat_map(|(e, entity)| (0..entity.mentions.len()).map(move |m| (e, m)))
            .collect();
        Located {
            mentions: SpanIndex::new(mention_of.iter().map(|&(e, m)| doc.entities[e].mentions[m].span())),
            mention_of,
            places: SpanIndex::new(doc.places.iter().map(|p| Span::new(p.start, p.end))),
            timexes: SpanIndex::new(doc.timexes.iter().map(|t| Span::new(t.start, t.end))),
            quotes: SpanIndex::new(doc.quotes.iter().map(|q| Span::new(q.start, q.end))),
            entities: doc.entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect(),
        }
    }

    /// The actor-like entity mentions inside `outer` as (entity, mention)
    /// index pairs, in entity order as the coder has always seen them.
    fn mentions_in(&self, outer: Span) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.mentions.inside(outer).into_iter().map(|k| self.mention_of[k])
    }

    fn entity<'d>(&self, doc: &'d Document, id: &str) -> Option<&'d newsgraph_core::Entity> {
        self.entities.get(id).map(|&i| &doc.entities[i])
    }
}

fn is_actorish(kind: EntityType) -> bool {
    matches!(kind, EntityType::Person | EntityType::Org | EntityType::Gpe | EntityType::Norp)
}

/// Spans sorted by start, each with its position in the original list.
struct SpanIndex {
    spans: Vec<(Span, usize)>,
    /// Length of the longest span: how far back a span holding a point
    /// can start.
    longest: usize,
}

impl SpanIndex {
    fn new(spans: impl Iterator<Item = Span>) -> SpanIndex {
        let mut spans: Vec<(Span, usize)> = spans.enumerate().map(|(i, s)| (s, i)).collect();
        spans.sort_unstable_by_key(|&(s, i)| (s.start, i));
        let longest = spans.iter().map(|(s, _)| s.end.saturating_sub(s.start)).max().unwrap_or(0);
        SpanIndex { spans, longest }
    }

    /// Original positions of the spans inside `outer`, ascending.
    fn inside(&self, outer: Span) -> Vec<usize> {
        let from = self.spans.partition_point(|(s, _)| s.start < outer.start);
        let to = self.spans.partition_point(|(s, _)| s.start < outer.end);
        let mut found: Vec<usize> =
            self.spans[from..to].iter().filter(|(s, _)| s.end <= outer.end).map(|&(_, i)| i).collect();
        found.sort_unstable();
        found
    }

    /// Original position of the first listed span holding all of `inner`.
    fn first_holding(&self, inner: Span) -> Option<usize> {
        let from = self.spans.partition_point(|(s, _)| s.start < inner.start.saturating_sub(self.longest));
        let to = self.spans.partition_point(|(s, _)| s.start <= inner.start);
        self.spans[from..to].iter().filter(|(s, _)| inner.end <= s.end).map(|&(_, i)| i).min()
    }
}

/// `yyyy-mm-dd` to `yyyymmdd`.
fn date_number(date: &str) -> Option<u32> {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// Fills `actor` and `country` of entities the actor dictionary knows by
/// their name or one of their mentions.
fn code_entities(dicts: &Dictionaries, doc: &mut Document, date: Option<u32>) {
    for entity in &mut doc.entities {
        if entity.actor.is_some() {
            continue;
        }
        let names = std::iter::once(entity.name.as_str()).chain(entity.mentions.iter().map(|m| m.text.as_str()));
        let code = names.filter_map(|name| whole_phrase_code(dicts, name, date)).next();
        if let Some(code) = code {
            entity.country = entity.country.take().or_else(|| cameo::alpha2(&code).map(str::to_string));
            entity.actor = Some(code);
        }
    }
}

/// The actor code of a name when a dictionary actor covers all its words
/// (after a leading "the").
fn whole_phrase_code(dicts: &Dictionaries, name: &str, date: Option<u32>) -> Option<String> {
    let mut words: Vec<String> = name
        .split_whitespace()
        .flat_map(|w| {
            let upper = w.to_uppercase().replace('\u{2019}', "'");
            match upper.strip_suffix("'S") {
                Some(stem) if !stem.is_empty() => vec![stem.to_string(), "'S".to_string()],
                _ => vec![upper],
            }
        })
        .collect();
    if words.first().is_some_and(|w| w == "THE") {
        words.remove(0);
    }
    let (entry, len) = dicts.actors.longest_match(&words)?;
    match &entry.kind {
        EntryKind::Actor(codes) if len == words.len() => code_on(codes, date).map(str::to_string),
        _ => None,
    }
}

/// The last person and group actors seen, for pronouns; how often each
/// country has been named, for bare roles.
#[derive(Default)]
struct Memory {
    person: Option<Phrase>,
    group: Option<Phrase>,
    countries: Vec<(String, usize)>,
}

impl Memory {
    fn remember(&mut self, phrase: &Phrase) {
        if phrase.person {
            self.person = Some(phrase.clone());
        } else {
            self.group = Some(phrase.clone());
        }
    }
}

/// The sentence's events, and whether it is an "it could not be verified"
/// remark about earlier claims.
fn code_sentence(
    dicts: &Dictionaries,
    doc: &mut Document,
    located: &Located,
    index: usize,
    date: Option<u32>,
    memory: &mut Memory,
    keep_unknown: bool,
) -> (Vec<Event>, bool) {
    let view = View::of_sentence(doc, index);
    if view.is_empty() {
        return (Vec::new(), false);
    }
    let breaks = coder::verb_tokens(&view, &dicts.verbs);
    let mentions = entity_mentions(doc, located, &view);
    let mut phrases = phrases::find(&view, &doc.text, &dicts.actors, &mentions, &breaks, date);
    if !keep_unknown {
        locate_ethnic_groups(&view, &mut phrases, &memory.countries);
        infer_countries(&mut phrases, &mut memory.countries);
    }
    add_pronouns(doc, located, &view, &mut phrases, memory);
    let triggers = coder::triggers(&view, &dicts.verbs, &phrases);
    let options = coder::Options {
        intents: !keep_unknown,
        locative_targets: keep_unknown,
        statement_targets: keep_unknown,
        agentless_passives: !keep_unknown,
        codebook: !keep_unknown,
    };
    let coded = coder::code_sentence(&view, &dicts.verbs, &phrases, &triggers, options);
    share_codes_with_entities(doc, located, &phrases);
    let mut out: Vec<Event> = Vec::new();
    for event in coded {
        let Some(built) = build_event(doc, located, index, &view, &phrases, &event, keep_unknown) else { continue };
        if !out.iter().any(|e| same_event(e, &built) || coordinated_twin(&doc.text, e, &built)) {
            out.push(built);
        }
    }
    (out, anaphoric_unverified(&view))
}

pub fn status_of_token(dicts: &Dictionaries, doc: &Document, index: usize, token: usize) -> EventStatus {
    let view = View::of_sentence(doc, index);
    if token >= view.len() {
        return EventStatus::Asserted;
    }
    let breaks = coder::verb_tokens(&view, &dicts.verbs);
    let mentions = entity_mentions(doc, &Located::of(doc), &view);
    let phrases =
        phrases::find(&view, &doc.text, &dicts.actors, &mentions, &breaks, doc.anchor().and_then(date_number));
    let cues = Cues {
        view: &view,
        phrases: &phrases,
        start: token,
        end: token + 1,
        negation_coded: false,
        verbal: words::is_reporting(view.word(token)),
        speech_act: false,
        source: None,
        quoted_by: None,
    };
    status::judge(&cues).status
}

/// Entity mentions and geocoded places inside the sentence, as token ranges.
fn entity_mentions(doc: &Document, located: &Located, view: &View) -> Vec<EntityMention> {
    let Some(span) = view.spans.first().map(|f| Span::new(f.start, view.spans[view.len() - 1].end)) else {
        return Vec::new();
    };
    // Tokens are sorted and disjoint: binary search keeps a long sentence linear.
    let tokens_of = |s: Span| -> Option<(usize, usize)> {
        let start = view.spans.partition_point(|t| t.end <= s.start);
        let end = view.spans.partition_point(|t| t.start < s.end);
        (start < end).then_some((start, end))
    };
    let mut out = Vec::new();
    for (e, m) in located.mentions_in(span) {
        let entity = &doc.entities[e];
        if let Some((start, end)) = tokens_of(entity.mentions[m].span()) {
            let person = entity.kind == EntityType::Person;
            let place = matches!(entity.kind, EntityType::Gpe | EntityType::Loc) && entity.actor.is_none();
            out.push(EntityMention {
                start,
                end,
                id: Some(entity.id.clone()),
                actor: entity.actor.clone(),
                person,
                place,
            });
        }
    }
    for place in located.places.inside(span).into_iter().map(|i| &doc.places[i]) {
        let covered =
            out.iter().any(|m| view.spans[m.start].start <= place.start && place.end <= view.spans[m.end - 1].end);
        let actor = place.country.as_deref().and_then(cameo::alpha3).map(str::to_string);
        if let (false, Some((start, end))) = (covered, tokens_of(Span::new(place.start, place.end))) {
            let is_place = actor.is_none() || place.kind != newsgraph_core::PlaceKind::Country;
            out.push(EntityMention { start, end, id: place.entity.clone(), actor, person: false, place: is_place });
        }
    }
    out
}

/// A role with no country ("President Levy Mwanawasa", "workers") takes
/// the country of the sentence when the sentence names exactly one: local
/// officials and groups are rarely introduced with their nationality when
/// the story is about their own country. When the sentence names none ("the
/// minister said"), or several of which one is the story's, it takes the
/// story's: the country the earlier sentences name most (`seen`, a tally
/// this updates; the first named wins a tie, as a story's lead names its
/// country first). When the sentence names several and none is the
/// story's, the role stays without a country: taking the one events
/// happen "in" won one PLOVER record and coded "leaders of countries are
/// set to meet in France" and "President Trump" in a seed as French.
fn infer_countries(phrases: &mut [Phrase], seen: &mut Vec<(String, usize)>) {
    let mut countries: Vec<&str> = Vec::new();
    for country in named_countries(phrases) {
        if !countries.contains(&country) {
            countries.push(country);
        }
    }
    let country = match (countries.len(), most_named(seen, None)) {
        (1, _) => Some(countries[0].to_string()),
        (0, story) => story,
        (_, Some(story)) if countries.contains(&story.as_str()) => Some(story),
        _ => None,
    };
    for c in countries {
        count_country(seen, c);
    }
    let Some(country) = country else { return };
    for phrase in phrases.iter_mut() {
        if !phrase.codes.is_empty() && phrase.codes.iter().all(|c| c.starts_with("---") && c.len() > 3) {
            phrase.codes = phrase.codes.iter().map(|c| format!("{country}{}", &c[3..])).collect();
        }
    }
}

/// "ethnic Albanians" are coded, as CAMEO codes ethnic groups, by the
/// country they live in, not the one their name comes from: the other
/// country the sentence names most ("ethnic Albanians demonstrated in
/// Serbia" are `SRBETH`; the first named wins a tie), else the story's.
/// With neither, the group keeps its name's country.
fn locate_ethnic_groups(view: &View, phrases: &mut [Phrase], seen: &[(String, usize)]) {
    let ethnic = |p: &Phrase| {
        p.start > 0 && view.word(p.start - 1) == "ETHNIC" && p.codes.len() == 1 && cameo::alpha2(&p.codes[0]).is_some()
    };
    for k in 0..phrases.len() {
        if !ethnic(&phrases[k]) {
            continue;
        }
        let own = phrases[k].codes[0][..3].to_string();
        let mut named: Vec<(String, usize)> = Vec::new();
        for country in named_countries(phrases) {
            count_country(&mut named, country);
        }
        if let Some(home) = most_named(&named, Some(&own)).or_else(|| most_named(seen, Some(&own))) {
            phrases[k].codes = vec![format!("{home}ETH")];
        }
    }
}

/// The country part of every country actor code of the sentence's
/// phrases, in order, repeats included.
fn named_countries(phrases: &[Phrase]) -> impl Iterator<Item = &str> {
    phrases.iter().flat_map(|p| p.codes.iter()).filter(|c| cameo::alpha2(c).is_some()).map(|c| &c[..3])
}

/// Adds one naming of `country` to a tally kept in first-named order.
fn count_country(tally: &mut Vec<(String, usize)>, country: &str) {
    match tally.iter_mut().find(|(name, _)| name == country) {
        Some(entry) => entry.1 += 1,
        None => tally.push((country.to_string(), 1)),
    }
}

/// The country named most in `tally`, other than `except`; the first
/// named wins a tie.
fn most_named(tally: &[(String, usize)], except: Option<&str>) -> Option<String> {
    tally
        .iter()
        .filter(|(c, _)| Some(c.as_str()) != except)
        .fold(None::<&(String, usize)>, |best, c| if best.is_some_and(|b| b.1 >= c.1) { best } else { Some(c) })
        .map(|c| c.0.clone())
}

/// Pronoun subjects become phrases standing for their antecedent: the last
/// person ("he") or group ("it", "they") actor seen; "we" and "I" in a
/// quote stand for its speaker.
fn add_pronouns(doc: &Document, located: &Located, view: &View, phrases: &mut Vec<Phrase>, memory: &mut Memory) {
    let mut added = Vec::new();
    let mut owned: Vec<(usize, String)> = Vec::new();
    let mut next = 0;
    for i in 0..view.len() {
        while next < phrases.len() && phrases[next].end <= i {
            memory.remember(&phrases[next]);
            next += 1;
        }
        let w = view.word(i);
        let Some(person) = words::pronoun(w) else { continue };
        if matches!(w, "HIS" | "HER" | "ITS" | "THEIR" | "OUR") {
            // "their forces": the role word takes the owner's country.
            let owner = if person { memory.person.as_ref().or(memory.group.as_ref()) } else { memory.group.as_ref() };
            let country = owner.and_then(Phrase::known_code).map(|c| c.chars().take(3).collect::<String>());
            if let (Some(country), Some(k)) = (country, phrases.iter().position(|p| p.start == i + 1)) {
                owned.push((k, country));
            }
            continue;
        }
        let antecedent = match w {
            "WE" | "I" => speaker_phrase(doc, located, view, i, phrases).or_else(|| memory.group.clone()),
            // With no person seen yet, "he" may be the only actor named
            // ("U.N. Secretary-General Kofi Annan ... he").
            _ if person => memory.person.clone().or_else(|| memory.group.clone()),
            _ => memory.group.clone(),
        };
        if let Some(mut phrase) = antecedent {
            phrase.start = i;
            phrase.end = i + 1;
            added.push(phrase);
        }
    }
    while next < phrases.len() {
        memory.remember(&phrases[next]);
        next += 1;
    }
    for (k, country) in owned {
        let phrase = &mut phrases[k];
        if phrase.codes.iter().all(|c| c.starts_with("---")) {
            phrase.start -= 1;
            phrase.codes = phrase.codes.iter().map(|c| format!("{country}{}", &c[3..])).collect();
        }
    }
    phrases.extend(added);
    phrases.sort_by_key(|p| p.start);
}

/// The speaker of the quote holding token `i`, as a phrase.
fn speaker_phrase(doc: &Document, located: &Located, view: &View, i: usize, phrases: &[Phrase]) -> Option<Phrase> {
    let at = view.spans[i].start;
    let quote = &doc.quotes[located.quotes.first_holding(Span::new(at, at + 1))?];
    let speaker = quote.speaker.as_ref()?;
    if let Some(p) = phrases.iter().find(|p| p.entity.as_ref() == Some(speaker)) {
        return Some(p.clone());
    }
    let entity = located.entity(doc, speaker)?;
    let person = entity.kind == EntityType::Person;
    Some(Phrase {
        start: i,
        end: i + 1,
        codes: entity.actor.iter().cloned().collect(),
        entity: Some(speaker.clone()),
        entity_is_head: true,
        person,
        place: false,
    })
}

/// An entity heading a coded phrase gets the phrase's code ("Ukrainian
/// President Volodymyr Zelensky" makes Zelensky `UKRGOV`).
fn share_codes_with_entities(doc: &mut Document, located: &Located, phrases: &[Phrase]) {
    for phrase in phrases.iter().filter(|p| p.entity_is_head) {
        let (Some(id), Some(code)) = (&phrase.entity, phrase.known_code()) else { continue };
        let Some(&index) = located.entities.get(id) else { continue };
        let entity = &mut doc.entities[index];
        if entity.actor.is_none() {
            entity.country = entity.country.take().or_else(|| cameo::alpha2(code).map(str::to_string));
            entity.actor = Some(code.to_string());
        }
    }
}

fn build_event(
    doc: &Document,
    located: &Located,
    index: usize,
    view: &View,
    phrases: &[Phrase],
    coded: &Coded,
    keep_unknown: bool,
) -> Option<Event> {
    let wanted = match &coded.source {
        Some((s, _)) => !coded.code.starts_with("01") || speaker_next_to(view, &phrases[*s], coded),
        None => coded.target.is_some() && cameo::needs_no_source(&coded.code),
    };
    if !wanted {
        return None;
    }
    let plover = cameo::plover(&coded.code).map(str::to_string).unwrap_or_default();
    let trigger_span = view.span(coded.start, coded.end);
    let cues = Cues {
        view,
        phrases,
        start: coded.start,
        end: coded.end,
        negation_coded: coded.negation_coded,
        verbal: cameo::is_verbal(&coded.code),
        speech_act: cameo::is_speech_act(&coded.code),
        source: coded.source.as_ref().map(|s| s.0),
        quoted_by: located.quotes.first_holding(trigger_span).and_then(|q| doc.quotes[q].speaker.clone()),
    };
    let Judgement { status, by } = status::judge(&cues);
    let participant = |side: &Option<(usize, String)>| {
        side.as_ref().map(|(i, code)| participant(doc, view, &phrases[*i], code, keep_unknown))
    };
    Some(Event {
        id: String::new(),
        sentence: index,
        trigger: Mention::new(&doc.text, trigger_span),
        cameo: coded.code.clone(),
        plover,
        source: participant(&coded.source),
        target: participant(&coded.target),
        date: event_date(doc, located, view, coded, status),
        place: event_place(doc, located, view, coded),
        status,
        attributed_to: by.and_then(|v| match v {
            Voucher::Phrase(i) => phrases[i].entity.clone(),
            Voucher::Entity(id) => Some(id),
        }),
    })
}

/// A statement's speaker stands right before the verb (auxiliaries and
/// adverbs aside) or right after it ("said Ryabkov"); anything else is a
/// noun use ("territorial claims") or a misparse.
fn speaker_next_to(view: &View, speaker: &Phrase, coded: &Coded) -> bool {
    if speaker.start >= coded.end {
        return speaker.start <= coded.end + 1;
    }
    (speaker.end..coded.start).all(|i| {
        let w = view.word(i);
        words::is_auxiliary(w) || words::is_negation(w) || w.ends_with("LY") || w == ","
    })
}

fn participant(doc: &Document, view: &View, phrase: &Phrase, code: &str, keep_unknown: bool) -> Participant {
    let mut start = phrase.start;
    while start + 1 < phrase.end && words::is_determiner(view.word(start)) {
        start += 1;
    }
    let span = view.span(start, phrase.end);
    let actor = (keep_unknown || !code.starts_with("---")).then(|| code.to_string());
    Participant {
        text: span.slice(&doc.text).to_string(),
        entity: phrase.entity.clone(),
        actor,
        start: span.start,
        end: span.end,
    }
}

fn same_event(a: &Event, b: &Event) -> bool {
    a.trigger == b.trigger
        && a.cameo == b.cameo
        && a.source.as_ref().map(|s| &s.actor) == b.source.as_ref().map(|s| &s.actor)
        && a.target.as_ref().map(|s| &s.actor) == b.target.as_ref().map(|s| &s.actor)
}

/// One act named by coordinated verbs ("not prepared to support or agree
/// to or even accept"): the same code and parties, with only conjunctions
/// and particles between the triggers. Counted once, as a reader counts
/// it, not once per verb; the first verb's status stands for both (they
/// share the cue that governs them).
fn coordinated_twin(text: &str, a: &Event, b: &Event) -> bool {
    let (first, second) = if a.trigger.start <= b.trigger.start { (a, b) } else { (b, a) };
    let Some(between) = text.get(first.trigger.end..second.trigger.start) else {
        return false;
    };
    let joined = between.split_whitespace().any(|w| matches!(w, "or" | "and" | "nor"))
        && between
            .split(|c: char| c.is_whitespace() || c == ',')
            .all(|w| matches!(w, "" | "or" | "and" | "nor" | "to" | "even" | "also" | "then" | "either" | "neither"));
    let parties = |e: &Event| {
        let ids = |p: &Option<Participant>| p.as_ref().map(|p| (p.actor.clone(), p.entity.clone()));
        (ids(&e.source), ids(&e.target))
    };
    joined && a.cameo == b.cameo && parties(a) == parties(b)
}

/// The nearest dated time expression of the sentence; else, for reported
/// past events and statements, the article's date.
fn event_date(doc: &Document, located: &Located, view: &View, coded: &Coded, status: EventStatus) -> Option<String> {
    let sentence = view.span(0, view.len());
    let at = view.spans[coded.start].start;
    // A plan happens after the article, a reported fact before it.
    let anchor = doc.anchor().unwrap_or("");
    let fits = |value: &str| match status {
        _ if anchor.is_empty() => true,
        EventStatus::Planned => {
            value.get(..anchor.len().min(value.len())) >= anchor.get(..value.len().min(anchor.len()))
        }
        EventStatus::Hypothetical => true,
        _ => value.get(..anchor.len().min(value.len())) <= anchor.get(..value.len().min(anchor.len())),
    };
    let nearest = located
        .timexes
        .inside(sentence)
        .into_iter()
        .map(|i| &doc.timexes[i])
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
        .filter(|t| t.value.chars().next().is_some_and(|c| c.is_ascii_digit()) && fits(&t.value))
        // A statement is dated by a day ("on Tuesday"), not by the period it talks about.
        .filter(|t| !coded.code.starts_with("01") || t.value.len() >= 10)
        .min_by_key(|t| t.start.abs_diff(at));
    if let Some(timex) = nearest {
        return Some(timex.value.clone());
    }
    let reported =
        matches!(status, EventStatus::Asserted | EventStatus::Claimed | EventStatus::Denied | EventStatus::Unverified);
    let word = view.word(coded.end - 1);
    let past = word.ends_with("ED")
        || is_irregular_past(word)
        || (coded.start > 0 && matches!(view.word(coded.start - 1), "HAS" | "HAVE" | "HAD"));
    let statement = coded.code.starts_with("01");
    (reported && (past || statement)).then(|| doc.anchor().map(str::to_string)).flatten()
}

fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "SAID"
            | "TOLD"
            | "WROTE"
            | "MET"
            | "LEFT"
            | "HELD"
            | "SOUGHT"
            | "FOUGHT"
            | "TOOK"
            | "GAVE"
            | "BEGAN"
            | "STRUCK"
            | "SHOT"
            | "SENT"
            | "SPOKE"
            | "MADE"
            | "WON"
            | "LOST"
            | "KEPT"
            | "BROKE"
            | "SEIZED"
            | "STOOD"
            | "FLED"
            | "HIT"
            | "LED"
            | "DREW"
            | "BLEW"
            | "SHOOK"
            | "OVERRAN"
            | "FORBADE"
            | "SOLD"
            | "BOUGHT"
            | "BROUGHT"
            | "WENT"
            | "CAME"
            | "RAN"
    )
}

/// The place the sentence locates the event in: a place after "in/at/near"
/// following the trigger, else the nearest place of the sentence.
fn event_place(doc: &Document, located: &Located, view: &View, coded: &Coded) -> Option<usize> {
    let sentence = view.span(0, view.len());
    let at = view.spans[coded.start].start;
    let inside = located.places.inside(sentence);
    let after_preposition = inside.iter().copied().find(|&i| {
        let place = &doc.places[i];
        place.start > at
            && view
                .spans
                .binary_search_by_key(&place.start, |t| t.start)
                .is_ok_and(|k| k > 0 && matches!(view.word(k - 1), "IN" | "AT" | "NEAR" | "OUTSIDE"))
    });
    after_preposition.or_else(|| inside.into_iter().min_by_key(|&i| doc.places[i].start.abs_diff(at)))
}

/// "The claim couldn't be independently verified": an unverified remark
/// whose subject points back at earlier claims.
fn anaphoric_unverified(view: &View) -> bool {
    if !status::unverified(view) {
        return false;
    }
    let first = view.word(0);
    let second = view.word(1);
    matches!(first, "THIS" | "THAT" | "IT" | "THESE" | "THOSE" | "SUCH" | "NEITHER")
        || (matches!(first, "THE" | "THESE" | "THOSE" | "THIS" | "HIS" | "HER" | "THEIR" | "ITS")
            && matches!(
                second,
                "CLAIM"
                    | "CLAIMS"
                    | "REPORT"
                    | "REPORTS"
                    | "ASSERTION"
                    | "STATEMENT"
                    | "ACCOUNT"
                    | "ALLEGATION"
                    | "ALLEGATIONS"
                    | "FIGURES"
                    | "DEAL"
                    | "BREAKTHROUGH"
            ))
}

/// Marks the claimed events of the few sentences before `index` unverified.
fn reach_back(events: &mut [Event], index: usize) {
    for event in events.iter_mut().rev() {
        if event.sentence + UNVERIFIED_REACH < index {
            break;
        }
        if event.status == EventStatus::Claimed {
            event.status = EventStatus::Unverified;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_index_agrees_with_a_scan() {
        let spans = [Span::new(10, 30), Span::new(12, 14), Span::new(40, 45), Span::new(12, 20), Span::new(0, 5)];
        let index = SpanIndex::new(spans.iter().copied());
        for start in 0..50 {
            for end in start + 1..52 {
                let probe = Span::new(start, end);
                let inside: Vec<usize> = (0..spans.len()).filter(|&i| probe.contains(spans[i])).collect();
                assert_eq!(index.inside(probe), inside, "{probe:?}");
                let holding = (0..spans.len()).find(|&i| spans[i].start <= probe.start && probe.end <= spans[i].end);
                assert_eq!(index.first_holding(probe), holding, "{probe:?}");
            }
        }
    }
}
