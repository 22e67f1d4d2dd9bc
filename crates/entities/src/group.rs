//! Groups the mentions of one referent within a document and picks its
//! canonical name: exact repeats, surname to full name ("Putin" ->
//! "Vladimir Putin"), acronym to expansion ("NATO" -> "North Atlantic
//! Treaty Organization"), known aliases ("U.S." -> "United States").
//! Titles and possessives are stripped from mentions and names.

use std::collections::{BTreeSet, HashMap};

use newsgraph_core::words::countries::countries;
use newsgraph_core::{Document, Entity, EntityType, Mention, Span};

use crate::lexicon::{list, phrase_key, Lexicon};
use crate::rules::is_role_word;

/// A tagged mention: global token range (end exclusive) and type.
#[derive(Clone, Copy, Debug)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// A mention after trimming, with its words.
struct Item {
    span: Span,
    kind: EntityType,
    words: Vec<String>,
    key: String,
}

struct Group {
    kind: EntityType,
    /// Words of the fullest mention.
    words: Vec<String>,
    keys: Vec<String>,
    items: Vec<usize>,
    /// Where its mentions start, for "the one mentioned last before".
    starts: BTreeSet<usize>,
    name: String,
}

/// The groups made so far, indexed by what `find_group` asks of them: each
/// mention looks up its few candidates instead of testing every group,
/// which made documents with many names quadratic.
#[derive(Default)]
struct Groups {
    list: Vec<Group>,
    /// Mention key to the groups holding it.
    by_key: HashMap<String, Vec<usize>>,
    /// Canonical key of a held key's alias to the groups holding that key.
    by_alias: HashMap<String, Vec<usize>>,
    /// Lower-case last word of a person group's fullest name, ascending.
    by_surname: HashMap<String, Vec<usize>>,
    /// Initials of names of two words or more, ascending.
    by_initials: HashMap<String, Vec<usize>>,
}

impl Groups {
    fn create(&mut self, group: Group, lexicon: &Lexicon) {
        let g = self.list.len();
        if group.kind == EntityType::Person {
            if let Some(last) = group.words.last() {
                self.by_surname.entry(last.to_lowercase()).or_default().push(g);
            }
        }
        if let Some(initials) = initials(&group.words) {
            self.by_initials.entry(initials).or_default().push(g);
        }
        for key in &group.keys {
            index_key(&mut self.by_key, &mut self.by_alias, g, key, lexicon);
        }
        self.list.push(group);
    }

    fn join(&mut self, g: usize, item: &Item, index: usize, lexicon: &Lexicon) {
        index_key(&mut self.by_key, &mut self.by_alias, g, &item.key, lexicon);
        let group = &mut self.list[g];
        group.keys.push(item.key.clone());
        group.items.push(index);
        group.starts.insert(item.span.start);
    }
}

fn index_key(
    by_key: &mut HashMap<String, Vec<usize>>,
    by_alias: &mut HashMap<String, Vec<usize>>,
    g: usize,
    key: &str,
    lexicon: &Lexicon,
) {
    let add = |map: &mut HashMap<String, Vec<usize>>, key: String| {
        let groups = map.entry(key).or_default();
        if !groups.contains(&g) {
            groups.push(g);
        }
    };
    add(by_key, key.to_string());
    if let Some(alias) = lexicon.alias(key) {
        add(by_alias, phrase_key(alias));
    }
}

const ACRONYM_SKIP: [&str; 6] = ["of", "the", "and", "for", "&", "de"];

/// Builds the document's entities from tagged mentions.
pub fn group(doc: &Document, found: &[Found], lexicon: &Lexicon) -> Vec<Entity> {
    let items: Vec<Item> = found.iter().filter_map(|f| trim(doc, *f, lexicon)).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (usize::MAX - items[i].words.len(), items[i].span.start));
    let mut groups = Groups::default();
    for i in order {
        match find_group(&groups, &items, i, lexicon) {
            Some(g) => groups.join(g, &items[i], i, lexicon),
            None => groups.create(new_group(doc, &items[i], i, lexicon), lexicon),
        }
    }
    to_entities(doc, groups.list, &items)
}

fn new_group(doc: &Document, item: &Item, index: usize, lexicon: &Lexicon) -> Group {
    let text = item.span.slice(&doc.text);
    let name = match lexicon.alias(&item.key) {
        Some(canonical) if canonical.len() > text.len() => canonical.to_string(),
        // "(Donald) Trump" is named "Donald Trump".
        _ if text.contains(['(', ')']) => item.words.join(" "),
        _ => text.to_string(),
    };
    Group {
        kind: item.kind,
        words: item.words.clone(),
        keys: vec![item.key.clone()],
        items: vec![index],
        starts: BTreeSet::from([item.span.start]),
        name,
    }
}

/// Cuts titles and "the" off the front and possessives off the end.
fn trim(doc: &Document, found: Found, lexicon: &Lexicon) -> Option<Item> {
    let tokens = doc.tokens.get(found.start..found.end)?;
    let text = |i: usize| doc.token_text(&tokens[i]);
    let (mut first, mut last) = (0, tokens.len());
    while last > first + 1 && matches!(text(last - 1), "'s" | "'" | "’s" | "’") {
        last -= 1;
    }
    let mut kind = found.kind;
    while first + 1 < last {
        let lower = text(first).to_lowercase();
        let title = lexicon.word(&lower) & list::TITLE != 0;
        // "Chief of Staff Valery Gerasimov": the whole job title goes.
        let role = is_role_word(&lower, lexicon) || first > 0 && lower == "of";
        if text(first) == "the" || (title || role) && kind == EntityType::Person {
            first += 1;
        } else if (title || is_role_word(&lower, lexicon))
            && names_a_person(&(first + 1..last).map(text).collect::<Vec<_>>(), lexicon)
        {
            // "General Valery Gerasimov", "Staff Valery Gerasimov" (of
            // "Chief of Staff") tagged as one organisation.
            kind = EntityType::Person;
            first += 1;
        } else {
            break;
        }
    }
    let words: Vec<String> = (first..last)
        .filter(|&i| !matches!(text(i), "(" | ")"))
        .map(|i| {
            let word = text(i);
            word.strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .filter(|w| !w.is_empty())
                .unwrap_or(word)
                .to_string()
        })
        .collect();
    let span = Span::new(tokens[first].start, tokens[last - 1].end);
    let key = phrase_key(&words.join(" "));
    Some(Item { span, kind, words, key })
}

/// Whether the words after a title look like a person's name: two or
/// more capitalised words, none of them a word of organisation or place
/// names ("General Electric Company" is no person).
fn names_a_person(words: &[&str], lexicon: &Lexicon) -> bool {
    let marks = list::ORG_WORD | list::LOC_WORD | list::FAC_WORD | list::DEMONYM;
    words.len() >= 2
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                && lexicon.word(&w.to_lowercase()) & marks == 0
        })
}

fn find_group(groups: &Groups, items: &[Item], i: usize, lexicon: &Lexicon) -> Option<usize> {
    let item = &items[i];
    let canonical = lexicon.alias(&item.key).map(phrase_key);
    // Same name: a group holding this key, or one whose keys (or their
    // aliases) share this key's canonical alias; the earliest group wins.
    let holding =
        |map: &HashMap<String, Vec<usize>>, key: &str| map.get(key).into_iter().flatten().copied().collect::<Vec<_>>();
    let mut named = holding(&groups.by_key, &item.key);
    if let Some(canonical) = &canonical {
        named.extend(holding(&groups.by_key, canonical));
        named.extend(holding(&groups.by_alias, canonical));
    }
    if let Some(g) = named.into_iter().filter(|&g| compatible(groups.list[g].kind, item.kind)).min() {
        return Some(g);
    }
    if let Some(g) = person_match(groups, item, lexicon) {
        return Some(g);
    }
    let letters = acronym_letters(&item.words)?;
    groups.by_initials.get(&letters)?.first().copied()
}

/// Whether one name may carry both types in one document. Places keep
/// apart from organisations and other names ("Chicago" the city and the
/// team are two referents); persons merge with anything, and the mentions
/// then vote on the type ("Kyiv" tagged once as a person, twice as a city).
fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b || a == EntityType::Person || b == EntityType::Person || !a.is_place() && !b.is_place()
}

/// Whether the words are one of a country's names ("Iran", "Jordan").
fn names_a_country(words: &[String]) -> bool {
    let name = words.join(" ");
    countries().iter().any(|country| country.names.iter().any(|n| n.eq_ignore_ascii_case(&name)))
}

/// A shorter name of a person already seen: the surname alone, or first
/// and last names without the middle.
fn person_match(groups: &Groups, item: &Item, lexicon: &Lexicon) -> Option<usize> {
    // A surname that is also a place name ("Montalvo") still names the
    // person once the full name is in the document; demonyms never do.
    if item.kind == EntityType::Norp {
        return None;
    }
    // A country's name tagged as a place is the surname only of a person
    // whose name opens with a given name ("Bill Holland" ... "Holland"),
    // not of a byline run into the text ("By Trend Iran's mutual trade").
    let country = item.kind.is_place() && names_a_country(&item.words);
    let given_name = |g: &Group| lexicon.word(&g.words[0].to_lowercase()) & list::FIRST != 0;
    let lower: Vec<String> = item.words.iter().map(|w| w.to_lowercase()).collect();
    let candidates = groups.by_surname.get(lower.last()?)?;
    // The surname matched by the index; a longer name must match first names too.
    let matches = |g: &Group| {
        g.words.len() > lower.len()
            && (lower.len() == 1 || g.words[0].to_lowercase() == lower[0])
            && (!country || given_name(g))
    };
    // Two people may share a surname: take the one mentioned last before.
    candidates
        .iter()
        .copied()
        .filter(|&g| matches(&groups.list[g]))
        .max_by_key(|&g| groups.list[g].starts.range(..item.span.start).next_back().copied())
}

/// The letters of a one-word acronym ("NATO", "U.N."), if the mention is one.
fn acronym_letters(short: &[String]) -> Option<String> {
    let [word] = short else { return None };
    let letters: String = word.chars().filter(|c| *c != '.').collect();
    (letters.chars().count() >= 2 && letters.chars().all(char::is_uppercase)).then_some(letters)
}

/// The initials an acronym of a name of two words or more would have
/// ("North Atlantic Treaty Organization": "NATO").
fn initials(long: &[String]) -> Option<String> {
    if long.len() < 2 {
        return None;
    }
    let initials = long
        .iter()
        .filter(|w| !ACRONYM_SKIP.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    Some(initials)
}

/// The group's type: the majority of its mentions' types (a person
/// named once stays a person: surname matches only join person groups);
/// ties go to the fullest mention's type.
fn vote(group: &Group, items: &[Item]) -> EntityType {
    let mut counts: Vec<(EntityType, usize)> = Vec::new();
    for &i in &group.items {
        match counts.iter_mut().find(|(k, _)| *k == items[i].kind) {
            Some(entry) => entry.1 += 1,
            None => counts.push((items[i].kind, 1)),
        }
    }
    // A full name of a person outweighs any number of bare surnames the
    // tagger took for places ("Daniel Montalvo" ... "Montalvo").
    if group.kind == EntityType::Person && group.words.len() >= 2 {
        return EntityType::Person;
    }
    let best = counts.iter().map(|c| c.1).max().unwrap_or(0);
    if counts.iter().any(|&(k, n)| k == group.kind && n == best) {
        return group.kind;
    }
    counts.iter().find(|c| c.1 == best).map_or(group.kind, |c| c.0)
}

fn to_entities(doc: &Document, mut groups: Vec<Group>, items: &[Item]) -> Vec<Entity> {
    for group in &mut groups {
        group.kind = vote(group, items);
        group.items.sort_by_key(|&i| items[i].span.start);
        group.items.dedup_by_key(|i| items[*i].span);
    }
    groups.sort_by_key(|g| g.items.first().map(|&i| items[i].span.start));
    groups
        .into_iter()
        .enumerate()
        .map(|(n, g)| Entity {
            id: format!("e{n}"),
            kind: g.kind,
            name: g.name,
            mentions: g.items.iter().map(|&i| Mention::new(&doc.text, items[i].span)).collect(),
            actor: None,
            country: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Sentence, Token};

    /// A one-sentence document from space-separated tokens.
    fn doc(text: &str) -> Document {
        let mut doc = Document::new("t", "t", text);
        let mut at = 0;
        for word in text.split(' ') {
            doc.tokens.push(Token { start: at, end: at + word.len() });
            at += word.len() + 1;
        }
        doc.sentences.push(Sentence { start: 0, end: text.len(), first_token: 0, end_token: doc.tokens.len() });
        doc
    }

    fn found(start: usize, end: usize, kind: EntityType) -> Found {
        Found { start, end, kind }
    }

    #[test]
    fn a_country_tagged_as_a_place_is_the_surname_only_of_a_person_with_a_given_name() {
        let d = doc("By Trend Iran 's trade grew . Iran exports oil");
        let spans = [found(1, 3, EntityType::Person), found(7, 8, EntityType::Gpe)];
        let entities = group(&d, &spans, &Lexicon::embedded());
        assert_eq!(entities.len(), 2, "{entities:?}");
        assert_eq!(entities[1].kind, EntityType::Gpe);
        let d = doc("reporter Bill Holland spoke . Holland recalled");
        let spans = [found(1, 3, EntityType::Person), found(5, 6, EntityType::Gpe)];
        let entities = group(&d, &spans, &Lexicon::embedded());
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].kind, EntityType::Person);
    }

    #[test]
    fn surname_and_possessive_join_full_name() {
        let d = doc("President Vladimir Putin met Zelensky . Putin 's aide spoke");
        let found = [found(0, 3, EntityType::Person), found(4, 5, EntityType::Person), found(6, 8, EntityType::Person)];
        let entities = group(&d, &found, &Lexicon::embedded());
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].name, "Vladimir Putin");
        assert_eq!(entities[0].mentions.len(), 2);
        assert_eq!(entities[0].mentions[1].text, "Putin");
        assert_eq!(entities[1].name, "Zelensky");
    }

    #[test]
    fn job_title_before_a_name_is_cut_and_makes_a_person() {
        let d = doc("Chief of Staff Valery Gerasimov said . Staff Valery Gerasimov left");
        let found = [found(0, 5, EntityType::Person), found(7, 10, EntityType::Org)];
        let entities = group(&d, &found, &Lexicon::embedded());
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].name, "Valery Gerasimov");
        assert_eq!(entities[0].kind, EntityType::Person);
        assert_eq!(entities[0].mentions.len(), 2);
    }

    #[test]
    fn bracketed_given_name_is_part_of_the_name() {
        let d = doc("President ( Donald ) Trump 's team met Trump");
        let found = [found(1, 5, EntityType::Person), found(8, 9, EntityType::Person)];
        let entities = group(&d, &found, &Lexicon::embedded());
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].name, "Donald Trump");
        assert_eq!(entities[0].mentions[0].text, "( Donald ) Trump");
    }

    #[test]
    fn acronym_joins_expansion() {
        let d = doc("North Atlantic Treaty Organization ( NATO ) allies");
        let found = [found(0, 4, EntityType::Org), found(5, 6, EntityType::Org)];
        let entities = group(&d, &found, &Lexicon::embedded());
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].name, "North Atlantic Treaty Organization");
    }

    #[test]
    fn aliases_share_a_canonical_name() {
        let d = doc("U.S. troops left the United States");
        let found = [found(0, 1, EntityType::Gpe), found(4, 6, EntityType::Gpe)];
        let entities = group(&d, &found, &Lexicon::embedded());
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].name, "United States");
        assert_eq!(entities[0].mentions[1].text, "United States");
    }
}
