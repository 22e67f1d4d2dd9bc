//! Language identification on the English that trigram statistics got
//! wrong (one-sentence ledes, results tables, market reports, shipping
//! fixtures, CoNLL-2003 Reuters documents), and on real text in other
//! languages, which must still be told apart.

use newsgraph_core::shared::shared_path;
use newsgraph_text::detect_language;

const LEDES: [&str; 20] = [
    "Gunmen killed five police officers in northern Nigeria on Tuesday, officials said.",
    "Israel and Hamas agreed to extend a truce in Gaza by two days.",
    "Toyota Motor Corp raised its annual profit forecast on Thursday.",
    "Floods in eastern Libya have left thousands missing.",
    "Brazil's central bank cut its benchmark Selic rate by 50 basis points.",
    "Ukrainian drones struck an oil refinery in Russia's Volgograd region overnight.",
    "Kenya's opposition leader Raila Odinga died on Wednesday aged 80.",
    "Argentina's President Javier Milei won a decisive victory in Sunday's midterm elections.",
    "A magnitude 6.2 earthquake hit western Nepal early on Friday.",
    "Dutch police arrested 30 people after riots in The Hague.",
    "Sweden's Volvo Cars cut 3,000 jobs.",
    "Erdogan met Putin in Sochi.",
    "Typhoon Haikui made landfall in Taiwan.",
    "Nvidia shares hit a record high.",
    "Estonian Prime Minister Kaja Kallas resigned.",
    "Fire destroys Notre Dame cathedral roof.",
    "Italian lawmakers approved Giorgia Meloni's budget plan.",
    "Finnish voters elect Alexander Stubb president.",
    "French farmers blocked roads around Paris.",
    "Eurozone inflation eased to 2.4 percent in November.",
];

const SPORTS_RESULTS: [&str; 3] = [
    "SOCCER - DUTCH FIRST DIVISION RESULTS.\n\nAMSTERDAM 1996-08-31\n\nAjax Amsterdam 3 Feyenoord 1\nPSV Eindhoven 2 De Graafschap Doetinchem 0\nVitesse Arnhem 1 NAC Breda 1\nWillem II Tilburg 0 Roda JC Kerkrade 2",
    "Real Madrid 2 Atletico de Madrid 1\nCelta de Vigo 0 Deportivo La Coruna 0\nRacing de Santander 1 Rayo Vallecano 1\nReal Betis 3 Sporting de Gijon 0",
    "Tennis - Results of the Canadian Open in Toronto:\n\nPete Sampras (U.S.) beat Mikael Tillstrom (Sweden) 6-3 6-4\nThomas Enqvist (Sweden) beat Jan Siemerink (Netherlands) 7-6 (7-4) 6-2\nGoran Ivanisevic (Croatia) beat Magnus Larsson (Sweden) 6-4 3-6 6-3",
];

const MARKET_TABLES: [&str; 3] = [
    "Frankfurt stocks close: DAX 2,560.34 up 12.50. Deutsche Bank 72.50, Siemens 80.10, Daimler-Benz 75.30, Bayer 55.05, Hoechst 53.20, Veba 81.40, RWE 58.10, Allianz 2,640.",
    "Copenhagen bourse: KFX 112.45. Novo Nordisk B 963, Den Danske Bank 415, Carlsberg B 381, Tele Danmark B 307, ISS B 138, FLS Industries B 695.",
    "MV Nordic Star 45,000 dwt Santos/Rotterdam grain $12.50 fio 1-10/9 Cargill. MV Kota Jaya 28,000 dwt Jakarta/Chittagong rice $18.75 fio 5-15/9 Glencore.",
];

const SINGLE_SENTENCES: [&str; 4] = [
    "Peskov declined to comment.",
    "Prices rose.",
    "It was not immediately clear who was behind the attack.",
    "Reporting by Anna Ringstrom in Stockholm; Editing by Jan Harvey",
];

const OTHER_LANGUAGES: [(&str, &str); 10] = [
    ("de", "Die Bundesregierung will die Schuldenbremse reformieren. Der Kanzler sagte am Mittwoch, dass es keine Alternative gebe."),
    ("fr", "Le gouvernement a annoncé mercredi de nouvelles mesures pour soutenir les agriculteurs, qui manifestent depuis une semaine."),
    ("es", "El presidente del Gobierno anunció este martes que las elecciones se celebrarán en julio, según fuentes de su partido."),
    ("it", "Il governo ha approvato la legge di bilancio, che prevede un taglio delle tasse per i lavoratori con redditi più bassi."),
    ("pt", "O presidente disse nesta quarta-feira que o governo não vai aumentar os impostos sobre os combustíveis."),
    ("nl", "Het kabinet heeft dinsdag besloten dat de maatregelen nog twee weken van kracht blijven, maar de scholen gaan weer open."),
    ("sv", "Regeringen har beslutat att höja försvarsanslaget och statsministern säger att det är nödvändigt efter kriget i Ukraina."),
    ("pl", "Rząd przyjął w środę projekt ustawy, który ma ograniczyć ceny energii dla gospodarstw domowych."),
    ("zh", "中国国家主席习近平周三在北京会见了来访的法国总统。双方讨论了贸易问题。"),
    ("ru", "Министр иностранных дел заявил, что переговоры будут продолжены на следующей неделе."),
];

fn assert_english(kind: &str, texts: &[&str]) {
    let wrong: Vec<(&str, &str)> =
        texts.iter().map(|t| (detect_language(t), *t)).filter(|(code, _)| *code != "en").collect();
    assert!(wrong.is_empty(), "{kind} not detected as English: {wrong:?}");
}

#[test]
fn short_english_ledes_are_english() {
    assert_english("lede", &LEDES);
}

#[test]
fn single_sentence_documents_are_english() {
    assert_english("sentence", &SINGLE_SENTENCES);
}

#[test]
fn sports_results_are_english() {
    assert_english("results table", &SPORTS_RESULTS);
}

#[test]
fn market_tables_and_shipping_fixtures_are_english() {
    assert_english("market table", &MARKET_TABLES);
}

#[test]
fn other_languages_are_still_told_apart() {
    for (code, text) in OTHER_LANGUAGES {
        assert_eq!(detect_language(text), code, "{text}");
    }
}

/// The CoNLL-2003 development documents (Reuters, English), each a list
/// of sentences; `None` (and a message) when `../shared` is missing.
fn conll2003_dev() -> Option<Vec<Vec<String>>> {
    let Some(path) = shared_path("eval/ner/conll2003.dev") else {
        eprintln!("skipped: ../shared/eval/ner/conll2003.dev is missing");
        return None;
    };
    let data = std::fs::read_to_string(path).expect("readable CoNLL file");
    let documents = data.split("-DOCSTART-").map(|doc| {
        let sentences = doc.split("\n\n").map(|sentence| {
            let words =
                sentence.lines().filter_map(|line| line.split(' ').next()).filter(|w| !w.is_empty() && *w != "-X-");
            words.collect::<Vec<_>>().join(" ")
        });
        sentences.filter(|s| !s.is_empty()).collect::<Vec<_>>()
    });
    Some(documents.filter(|doc| !doc.is_empty()).collect())
}

/// Every CoNLL-2003 development document is English.
#[test]
fn conll2003_dev_documents_are_english() {
    let Some(documents) = conll2003_dev() else {
        return;
    };
    let documents: Vec<String> = documents.iter().map(|sentences| sentences.join("\n")).collect();
    assert!(documents.len() > 200, "{} documents", documents.len());
    let wrong: Vec<(&str, String)> = documents
        .iter()
        .map(|doc| (detect_language(doc), doc.chars().take(120).collect::<String>()))
        .filter(|(code, _)| *code != "en")
        .collect();
    assert!(wrong.is_empty(), "{} of {} not English: {wrong:#?}", wrong.len(), documents.len());
}

/// Each sentence of the CoNLL-2003 development set taken alone, as a short
/// file would be: at least 99% English (the rest are bare names, scores
/// and datelines with no word of any language in them).
#[test]
fn conll2003_dev_sentences_alone_are_english() {
    let Some(documents) = conll2003_dev() else {
        return;
    };
    let sentences: Vec<&String> = documents.iter().flatten().filter(|s| s.split(' ').count() >= 3).collect();
    let wrong: Vec<(&str, &String)> =
        sentences.iter().map(|s| (detect_language(s), *s)).filter(|(code, _)| *code != "en").collect();
    eprintln!("{} of {} sentences not English", wrong.len(), sentences.len());
    assert!(
        wrong.len() * 100 <= sentences.len(),
        "{} of {}: {:?}",
        wrong.len(),
        sentences.len(),
        &wrong[..wrong.len().min(30)]
    );
}
