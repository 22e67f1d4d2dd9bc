//! Every construction the stage handles, on sentences of the seed articles
//! (shared/seeds). Entities come from a small fixture (exact names, as the
//! entities stage would group them) so that speaker resolution is tested
//! on its own; the last tests run without any entity, and the gender
//! tests at the end use a fixture of their own.

use newsgraph_attribution::AttributionStage;
use newsgraph_core::{Document, Entity, EntityType, Mention, Quote, QuoteKind, Span, Stage};

type Fixture<'a> = &'a [(EntityType, &'a [&'a str])];

/// Seed people, places and organisations, fullest name first.
const SEED_ENTITIES: Fixture = &[
    (EntityType::Person, &["Sergey Ryabkov", "Ryabkov"]),
    (EntityType::Person, &["Dmitry Peskov", "Peskov"]),
    (EntityType::Person, &["Volodymyr Zelensky", "Zelensky"]),
    (EntityType::Person, &["Valery Gerasimov", "Gerasimov"]),
    (EntityType::Person, &["Vladimir Putin", "Putin"]),
    (EntityType::Person, &["Donald Trump", "Trump"]),
    (EntityType::Org, &["Kremlin"]),
    (EntityType::Gpe, &["Russia", "Moscow"]),
    (EntityType::Gpe, &["Ukraine", "Kyiv"]),
    (EntityType::Gpe, &["Washington"]),
];

/// Runs text + fixture entities + attribution over `text`.
fn run(text: &str, entities: Fixture) -> Document {
    let mut doc = Document::new("seed", "seed", text);
    newsgraph_text::TextStage::new().annotate(&mut doc);
    for (i, (kind, names)) in entities.iter().enumerate() {
        let mut mentions: Vec<Mention> = Vec::new();
        for name in names.iter() {
            for (at, _) in text.match_indices(name) {
                let span = Span::new(at, at + name.len());
                let taken =
                    doc.entities.iter().flat_map(|e| &e.mentions).chain(&mentions).any(|m| m.span().overlaps(span));
                if !taken {
                    mentions.push(Mention::new(text, span));
                }
            }
        }
        if mentions.is_empty() {
            continue;
        }
        mentions.sort_by_key(|m| m.start);
        doc.entities.push(Entity {
            id: format!("e{i}"),
            kind: *kind,
            name: names[0].to_string(),
            mentions,
            actor: None,
            country: None,
        });
    }
    AttributionStage::load().unwrap().annotate(&mut doc);
    doc
}

/// The quote whose content starts with `prefix`.
fn quote<'d>(doc: &'d Document, prefix: &str) -> &'d Quote {
    doc.quotes.iter().find(|q| q.text.starts_with(prefix)).unwrap_or_else(|| {
        let found: Vec<&str> = doc.quotes.iter().map(|q| q.text.as_str()).collect();
        panic!("no quote starting with {prefix:?}; found {found:?}")
    })
}

/// Name of the entity the quote is attributed to.
fn speaker<'d>(doc: &'d Document, q: &Quote) -> Option<&'d str> {
    let id = q.speaker.as_ref()?;
    doc.entities.iter().find(|e| &e.id == id).map(|e| e.name.as_str())
}

fn check(doc: &Document, prefix: &str, kind: QuoteKind, cue: &str, who: Option<&str>) {
    let q = quote(doc, prefix);
    assert_eq!((q.kind, q.cue.as_str(), speaker(doc, q)), (kind, cue, who), "{prefix:?}");
    assert_eq!(&doc.text[q.start..q.end], q.text);
    if kind == QuoteKind::Direct {
        assert!(!q.text.starts_with(['"', '\u{201C}']) && !q.text.ends_with(['"', '\u{201D}', ',']), "{:?}", q.text);
    }
}

#[test]
fn direct_quote_split_by_its_attribution() {
    let doc = run(
        "But Deputy Foreign Minister Sergey Ryabkov drew hard lines during a television interview.\n\"We are open to discussing possible solutions,\" Ryabkov said. \"However, we are not prepared in any way to support or agree to or even accept any NATO forces presence on Ukrainian territory.\"",
        SEED_ENTITIES,
    );
    check(&doc, "We are open to discussing possible solutions", QuoteKind::Direct, "said", Some("Sergey Ryabkov"));
    check(&doc, "However, we are not prepared", QuoteKind::Direct, "said", Some("Sergey Ryabkov"));
    let first = quote(&doc, "We are open");
    assert_eq!(first.text, "We are open to discussing possible solutions");
    assert_eq!(first.cue_span, quote(&doc, "However").cue_span, "one attribution for both halves");
}

#[test]
fn curly_marks_and_quotes_over_sentences_and_paragraphs() {
    let doc = run(
        "\u{201C}We are open. We will talk to anyone.\n\n\u{201C}However, we are not prepared to accept NATO forces,\u{201D} Ryabkov said.",
        SEED_ENTITIES,
    );
    check(&doc, "We are open. We will talk to anyone.", QuoteKind::Direct, "said", Some("Sergey Ryabkov"));
    check(&doc, "However, we are not prepared", QuoteKind::Direct, "said", Some("Sergey Ryabkov"));
}

#[test]
fn direct_quote_introduced_by_a_colon() {
    let doc = run(
        "Regarding the possibility of American forces being present in Ukraine as part of security guarantees, Zelensky told media in a conversation via the \"WhatsApp\" app: \"Ukraine is committed to continuing talks on how to end the war with Russia.\"",
        SEED_ENTITIES,
    );
    check(&doc, "Ukraine is committed to continuing talks", QuoteKind::Direct, "told", Some("Volodymyr Zelensky"));
}

#[test]
fn possessive_answer_resolves_to_the_previous_speaker() {
    let doc = run(
        "\"We are open to discussing possible solutions,\" Ryabkov said.\nWhen asked specifically about European forces outside NATO's framework, his answer was blunt: \"No, no, and again no.\"",
        SEED_ENTITIES,
    );
    let q = quote(&doc, "No, no, and again no.");
    assert_eq!(
        (q.cue.as_str(), q.speaker_text.as_deref(), speaker(&doc, q)),
        ("answer", Some("his"), Some("Sergey Ryabkov"))
    );
}

#[test]
fn indirect_speech_with_and_without_that() {
    let doc = run(
        "The Kremlin made its position clear through two key officials. Spokesman Dmitry Peskov said Russia seeks long-term peace, not short-term fixes.\n\nGerasimov announced that Russian forces are making progress in northeastern Ukraine.\n\nZelensky noted that senior officials from Ukraine and Western countries will meet in Kyiv in early January.",
        SEED_ENTITIES,
    );
    check(
        &doc,
        "Russia seeks long-term peace, not short-term fixes",
        QuoteKind::Indirect,
        "said",
        Some("Dmitry Peskov"),
    );
    check(&doc, "Russian forces are making progress", QuoteKind::Indirect, "announced", Some("Valery Gerasimov"));
    check(&doc, "senior officials from Ukraine", QuoteKind::Indirect, "noted", Some("Volodymyr Zelensky"));
    assert_eq!(quote(&doc, "Russia seeks").speaker_text.as_deref(), Some("Spokesman Dmitry Peskov"));
}

#[test]
fn pronoun_subject_continues_the_last_speaker() {
    let doc = run(
        "Zelensky wrote on the \"Telegram\" app that a meeting of national security advisors is scheduled for January 3.\n\nHe added that leaders of countries are set to meet in France on January 6.",
        SEED_ENTITIES,
    );
    check(&doc, "a meeting of national security advisors", QuoteKind::Indirect, "wrote", Some("Volodymyr Zelensky"));
    check(&doc, "leaders of countries are set to meet", QuoteKind::Indirect, "added", Some("Volodymyr Zelensky"));
}

#[test]
fn told_claimed_and_announced() {
    let doc = run(
        "Zelensky told media that Kyiv will discuss security guarantees with Washington.\n\nMeanwhile, Ukrainian President Volodymyr Zelensky claims he's reached a deal with the US for legally binding security guarantees.\n\nThis comes as Russia announced it captured the strategic city of Kupiansk in northeastern Ukraine.",
        SEED_ENTITIES,
    );
    check(&doc, "Kyiv will discuss security guarantees", QuoteKind::Indirect, "told", Some("Volodymyr Zelensky"));
    check(&doc, "he's reached a deal", QuoteKind::Indirect, "claims", Some("Volodymyr Zelensky"));
    check(&doc, "it captured the strategic city", QuoteKind::Indirect, "announced", Some("Russia"));
}

#[test]
fn relative_that_after_the_content_start_is_not_a_complementizer() {
    let doc = run(
        "Russia claimed it captured Kupiansk, a strategic city that's changed hands multiple times during the war.",
        SEED_ENTITIES,
    );
    check(
        &doc,
        "it captured Kupiansk, a strategic city that's changed hands",
        QuoteKind::Indirect,
        "claimed",
        Some("Russia"),
    );
}

#[test]
fn gerund_takes_the_speaker_of_the_main_clause() {
    let doc = run(
        "Gerasimov's statements come in the wake of Russia's pledge to respond to what it claimed, without evidence, was an attempt to attack Putin's headquarters, which Kyiv denied, stating that the allegations aim to obstruct peace talks as the war approaches its fourth anniversary.",
        SEED_ENTITIES,
    );
    check(&doc, "the allegations aim to obstruct peace talks", QuoteKind::Indirect, "stating", Some("Ukraine"));
    assert_eq!(quote(&doc, "the allegations").speaker_text.as_deref(), Some("Kyiv"));
    check(&doc, "was an attempt to attack", QuoteKind::Indirect, "claimed", Some("Russia"));
}

#[test]
fn mixed_quote_inside_reported_speech() {
    let doc = run(
        "For his part, Ukrainian President Volodymyr Zelensky said that Kyiv will discuss with Washington the possibility of American forces being present in Ukraine, adding that his country is committed to continuing talks, and that he is ready to meet with Russian President Vladimir Putin \"in any form.\"",
        SEED_ENTITIES,
    );
    check(&doc, "Kyiv will discuss with Washington", QuoteKind::Indirect, "said", Some("Volodymyr Zelensky"));
    check(&doc, "his country is committed", QuoteKind::Mixed, "adding", Some("Volodymyr Zelensky"));
}

#[test]
fn according_to_before_and_after_the_content() {
    let doc = run(
        "Russia captured the strategic city of Kupiansk, according to the Russian news agency.\n\nAccording to the Kremlin, talks will resume in January.",
        SEED_ENTITIES,
    );
    let q = quote(&doc, "Russia captured the strategic city of Kupiansk");
    assert_eq!(
        (q.cue.as_str(), q.speaker_text.as_deref(), q.speaker.as_deref()),
        ("according to", Some("the Russian news agency"), None)
    );
    check(&doc, "talks will resume in January", QuoteKind::Indirect, "According to", Some("Kremlin"));
}

#[test]
fn titles_resolve_to_the_person_named_with_them_earlier() {
    let doc = run(
        "The Chief of the General Staff of the Russian Army, General Valery Gerasimov, inspected the North forces.\n\nThe Chief of Staff said that Russian forces are making progress.\n\nSpokesman Dmitry Peskov met reporters. The spokesman said Russia seeks long-term peace.",
        SEED_ENTITIES,
    );
    check(&doc, "Russian forces are making progress", QuoteKind::Indirect, "said", Some("Valery Gerasimov"));
    check(&doc, "Russia seeks long-term peace", QuoteKind::Indirect, "said", Some("Dmitry Peskov"));
}

#[test]
fn content_before_an_inverted_or_trailing_frame() {
    let doc = run(
        "Russia wants to keep the land it has taken, the Kremlin said.\n\nMoscow will not make any concessions, said Ryabkov.",
        SEED_ENTITIES,
    );
    check(&doc, "Russia wants to keep the land it has taken", QuoteKind::Indirect, "said", Some("Kremlin"));
    check(&doc, "Moscow will not make any concessions", QuoteKind::Indirect, "said", Some("Sergey Ryabkov"));
}

#[test]
fn speakers_that_are_not_entities_keep_their_text() {
    let doc = run(
        "The Russian news agency reported that the Chief of Staff inspected a gathering of the \"North\" forces.",
        &[],
    );
    let q = quote(&doc, "the Chief of Staff inspected");
    assert_eq!(
        (q.kind, q.cue.as_str(), q.speaker_text.as_deref(), q.speaker.as_deref()),
        (QuoteKind::Mixed, "reported", Some("The Russian news agency"), None)
    );
    let speaker_span = q.speaker_span.unwrap();
    assert_eq!(speaker_span.slice(&doc.text), "The Russian news agency");
}

/// Whole seed articles: every statement with its speaker (cue, speaker
/// entity), in text order. Skips when the seeds folder is absent.
#[test]
fn seed_articles_every_statement_with_its_speaker() {
    let expected: [(&str, &[(&str, &str)]); 2] = [
        (
            "seeds/000_859ad4c5640c5e89.txt",
            &[
                ("stated", "Valery Gerasimov"),
                ("announced", "Valery Gerasimov"),
                ("reported", ""),
                ("claimed", "Russia"),
                ("stating", "Ukraine"),
                ("said", "Volodymyr Zelensky"),
                ("adding", "Volodymyr Zelensky"),
                ("noted", "Volodymyr Zelensky"),
                ("wrote", "Volodymyr Zelensky"),
                ("added", "Volodymyr Zelensky"),
                ("told", "Volodymyr Zelensky"),
            ],
        ),
        (
            "seeds/004_64b5038d761421c2.txt",
            &[
                ("says", "Russia"),
                ("claims", "Volodymyr Zelensky"),
                ("announced", "Russia"),
                ("said", "Dmitry Peskov"),
                ("said", "Sergey Ryabkov"),
                ("said", "Sergey Ryabkov"),
                ("answer", "Sergey Ryabkov"),
                ("said", "Sergey Ryabkov"),
                ("announced", "Volodymyr Zelensky"),
                ("said", "Volodymyr Zelensky"),
                ("promised", "Donald Trump"),
                ("claimed", "Russia"),
                ("said", ""),
                ("wants", "Russia"),
            ],
        ),
    ];
    for (path, statements) in expected {
        let Some(file) = newsgraph_core::shared::require(path, concat!(file!(), ":", line!())) else {
            eprintln!("SKIP: {path} not found");
            continue;
        };
        let raw = std::fs::read_to_string(file).unwrap();
        // The seed's leading `date YYYY-MM-DD` is metadata the reader strips.
        let text = raw.trim_start().strip_prefix("date ").map_or(raw.as_str(), |rest| &rest[10..]);
        let doc = run(text, SEED_ENTITIES);
        let mut by_cue: Vec<&Quote> = doc.quotes.iter().collect();
        by_cue.sort_by_key(|q| (q.cue_span.map(|s| s.start), q.start));
        let got: Vec<(String, String)> =
            by_cue.iter().map(|q| (q.cue.clone(), speaker(&doc, q).unwrap_or("").to_string())).collect();
        let want: Vec<(String, String)> = statements.iter().map(|(c, s)| (c.to_string(), s.to_string())).collect();
        assert_eq!(got, want, "{path}");
    }
}

#[test]
fn relative_who_is_shown_and_resolved_through_its_antecedent() {
    let doc = run(
        "Moscow sent Deputy Foreign Minister Sergey Ryabkov, who said Russia will not accept NATO forces in Ukraine.",
        SEED_ENTITIES,
    );
    let q = quote(&doc, "Russia will not accept NATO forces");
    assert_eq!((q.speaker_text.as_deref(), speaker(&doc, q)), (Some("who"), Some("Sergey Ryabkov")));
}

#[test]
fn coordinated_reporting_verbs_split_the_content() {
    let doc = run("Zelensky promised to continue the talks and said he would meet Putin in any form.", SEED_ENTITIES);
    check(&doc, "to continue the talks", QuoteKind::Indirect, "promised", Some("Volodymyr Zelensky"));
    assert_eq!(quote(&doc, "to continue the talks").text, "to continue the talks");
    check(&doc, "he would meet Putin in any form", QuoteKind::Indirect, "said", Some("Volodymyr Zelensky"));
}

#[test]
fn gerund_before_a_colon_speaks_for_the_main_clause() {
    let doc = run(
        "\"We are open to discussing possible solutions,\" Ryabkov said.\n\nSpokesman Dmitry Peskov warned that Moscow would respond, adding: \"Our patience is not unlimited.\"",
        SEED_ENTITIES,
    );
    check(&doc, "Our patience is not unlimited.", QuoteKind::Direct, "adding", Some("Dmitry Peskov"));
}

/// People of the gender tests: one woman and one man by given name, one
/// man by title only.
const GENDER_ENTITIES: Fixture = &[
    (EntityType::Person, &["Hillary Clinton", "Clinton"]),
    (EntityType::Person, &["Donald Trump", "Trump"]),
    (EntityType::Person, &["Grassley"]),
];

#[test]
fn she_skips_the_closer_man() {
    let doc = run("Hillary Clinton met Donald Trump on Monday.\n\nShe said the talks had gone well.", GENDER_ENTITIES);
    check(&doc, "the talks had gone well", QuoteKind::Indirect, "said", Some("Hillary Clinton"));
}

#[test]
fn he_skips_the_last_speaker_of_the_other_gender() {
    let doc = run(
        "Hillary Clinton said the vote would be close. Mr. Grassley was in Iowa.\n\nHe said the farmers wanted a new bill.",
        GENDER_ENTITIES,
    );
    check(&doc, "the farmers wanted a new bill", QuoteKind::Indirect, "said", Some("Grassley"));
}

#[test]
fn a_role_is_held_by_the_person_named_as_its_holder_only() {
    // A person only mentioned near the noun does not hold it ("a letter
    // from Trump" does not make "the letter" Trump).
    let doc = run(
        "Ryabkov read a letter from Donald Trump on Monday.\n\nThe letter said that the talks would resume.",
        SEED_ENTITIES,
    );
    check(&doc, "the talks would resume", QuoteKind::Indirect, "said", None);
}

#[test]
fn first_person_pronouns_take_no_name() {
    let doc = run("I met Donald Trump in Ohio.\n\nI said that the crowd was small.", SEED_ENTITIES);
    let q = quote(&doc, "the crowd was small");
    assert_eq!((q.speaker_text.as_deref(), speaker(&doc, q)), (Some("I"), None));
}

#[test]
fn plural_pronouns_take_a_party_and_singular_ones_a_place() {
    let entities: Fixture = &[(EntityType::Norp, &["Democrats"]), (EntityType::Gpe, &["Russia"])];
    let doc = run("The Democrats held a meeting about Russia.\n\nThey said the vote would be close.", entities);
    check(&doc, "the vote would be close", QuoteKind::Indirect, "said", Some("Democrats"));
    let doc = run("Russia hosted a meeting of Democrats.\n\nIt said the talks would go on.", entities);
    check(&doc, "the talks would go on", QuoteKind::Indirect, "said", Some("Russia"));
}
