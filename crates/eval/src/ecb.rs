//! Reader of the ECB+ corpus as laid out in `shared/eval/crossdoc`:
//! `doc_clusters.tsv` (document, topic, subtopic story) and
//! `ECB+/<topic>/<document>` token-level XML with action markables and
//! their coreference relations.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use newsgraph::{Document, Options, Pipeline, Record};
use newsgraph_core::shared::shared_path;
use newsgraph_linking::{Article, LinkConfig, Linked, Linker, MemoryCorpus};

use crate::EvalError;

/// The corpus folder from `--ecb DIR`, else `shared/eval/crossdoc`.
fn corpus_dir(ecb: Option<&str>) -> Option<PathBuf> {
    ecb.map(PathBuf::from).or_else(|| shared_path("eval/crossdoc"))
}

/// The options every ECB+ evaluation takes, `[--ecb DIR] [--folds N]`:
/// the corpus folder, if there is one, and the number of held-out folds.
pub fn parse_args(args: &[String], usage: &str) -> Result<(Option<PathBuf>, u32), EvalError> {
    let (mut ecb, mut folds) = (None, 2u32);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--ecb" => ecb = args.next().cloned(),
            "--folds" => {
                folds = args.next().and_then(|n| n.parse().ok()).ok_or_else(|| EvalError::Usage(usage.into()))?
            }
            _ => return Err(EvalError::Usage(usage.into())),
        }
    }
    Ok((corpus_dir(ecb.as_deref()), folds))
}

/// `FLAG VALUE` taken out of the arguments, the rest left to
/// [`parse_args`]; a flag without its value is a usage error.
pub fn take_option(args: &[String], flag: &str, usage: &str) -> Result<(Vec<String>, Option<String>), EvalError> {
    let mut rest = Vec::with_capacity(args.len());
    let mut value = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == flag {
            value = Some(args.next().cloned().ok_or_else(|| EvalError::Usage(usage.into()))?);
        } else {
            rest.push(arg.clone());
        }
    }
    Ok((rest, value))
}

/// Every document run through the whole pipeline: its output record.
pub fn annotate(documents: &[EcbDocument]) -> Result<Vec<Record>, EvalError> {
    let pipeline = Pipeline::load(Options::default()).map_err(|e| EvalError::Load(e.to_string()))?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut out = Vec::with_capacity(documents.len());
    let inputs = documents
        .iter()
        .map(|d| Ok(newsgraph::Raw::Text(Document::new(d.name.clone(), d.name.clone(), d.text.clone()))));
    let mut failure = None;
    pipeline.run(inputs, threads, |outcome| match outcome {
        Ok(record) => out.push(record),
        Err(error) => failure = Some(EvalError::Load(error.to_string())),
    });
    failure.map_or(Ok(out), Err)
}

/// Links the articles in order into a fresh corpus.
pub fn link_all(articles: &[&Article], config: &LinkConfig) -> Result<(MemoryCorpus, Vec<Linked>), EvalError> {
    let linker = Linker::new(config.clone());
    let mut corpus = MemoryCorpus::default();
    let mut linked = Vec::with_capacity(articles.len());
    for article in articles {
        linked.push(corpus.add(&linker, article).map_err(|e| EvalError::Load(e.to_string()))?);
    }
    Ok((corpus, linked))
}

/// The fold of a topic when topics are split into `folds` parts by number.
pub fn fold_of(topic: u32, folds: u32) -> u32 {
    topic % folds.max(1)
}

/// One ECB+ document rebuilt as plain text, with its gold action mentions.
#[derive(Clone, Debug)]
pub struct EcbDocument {
    /// File name (`1_10ecb.xml`).
    pub name: String,
    pub topic: u32,
    /// Gold story: the subtopic (`1_ecb`, `1_ecbplus`).
    pub story: String,
    /// Part of Cybulska and Vossen's split (`train`, `dev`), if listed.
    pub split: String,
    /// Tokens joined by spaces, sentences by blank lines.
    pub text: String,
    pub mentions: Vec<GoldMention>,
    /// Gold participant and location mentions (people, organisations,
    /// things, places), with their entity chains.
    pub entities: Vec<GoldMention>,
}

/// An action or entity mention: code point span of its tokens and its gold
/// cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Cross-document instance id, `<doc>:r<relation>` for a chain inside
    /// one document, `<doc>:m<markable>` for a singleton.
    pub cluster: String,
    /// The `sentence` number of its first token in the XML.
    pub sentence: u32,
}

impl GoldMention {
    /// Whether a coreference relation holds the mention. ECB+ leaves the
    /// markables of sentences it did not validate out of every relation,
    /// so a mention outside them is not known to be a singleton.
    pub fn in_relation(&self) -> bool {
        !self.cluster.contains(".xml:m")
    }
}

/// The sentences whose coreference the ECB+ authors validated, as
/// `ECBplus_coreference_sentences.csv` of the corpus distribution lists
/// them (`Topic,File,Sentence Number`: `1,10ecbplus,1`). The literature
/// (Cybulska and Vossen 2015 and its successors) scores only the action
/// mentions of these sentences.
#[derive(Clone, Debug, Default)]
pub struct ValidatedSentences(HashSet<(u32, String, u32)>);

impl ValidatedSentences {
    pub fn read(path: &Path) -> Result<Self, EvalError> {
        let csv = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
        let mut listed = HashSet::new();
        for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split(',').map(str::trim).collect();
            let parsed = match fields.as_slice() {
                [topic, file, sentence] => topic.parse().ok().zip(sentence.parse().ok()).map(|(t, s)| (t, *file, s)),
                _ => None,
            };
            let Some((topic, file, sentence)) = parsed else {
                return Err(EvalError::format(path, format!("not `topic,file,sentence`: `{line}`")));
            };
            listed.insert((topic, file.to_string(), sentence));
        }
        Ok(ValidatedSentences(listed))
    }

    /// Keeps only the document's mentions in validated sentences.
    pub fn filter(&self, document: &mut EcbDocument) {
        let stem = document.name.trim_end_matches(".xml");
        let file = stem.split_once('_').map_or(stem, |(_, file)| file).to_string();
        let mut key = (document.topic, file, 0);
        document.mentions.retain(|m| {
            key.2 = m.sentence;
            self.0.contains(&key)
        });
    }
}

/// Reads every document listed in `doc_clusters.tsv` under `dir`, in the
/// file's order (topic by topic).
pub fn read_corpus(dir: &Path) -> Result<Vec<EcbDocument>, EvalError> {
    let listing = dir.join("doc_clusters.tsv");
    let tsv = std::fs::read_to_string(&listing).map_err(|e| EvalError::io(&listing, e))?;
    let mut documents = Vec::new();
    for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(topic), Some(story)) = (fields.first(), fields.get(1), fields.get(2)) else {
            return Err(EvalError::format(&listing, format!("short line `{line}`")));
        };
        let topic: u32 = topic.parse().map_err(|_| EvalError::format(&listing, format!("bad topic in `{line}`")))?;
        let path = dir.join("ECB+").join(topic.to_string()).join(name);
        let xml = std::fs::read_to_string(&path).map_err(|e| EvalError::io(&path, e))?;
        let (text, mentions, entities) = parse(name, &xml).map_err(|reason| EvalError::format(&path, reason))?;
        let split = fields.get(3).map_or_else(String::new, |s| s.to_string());
        let story = story.to_string();
        documents.push(EcbDocument { name: name.to_string(), topic, story, split, text, mentions, entities });
    }
    Ok(documents)
}

/// A tag: its name, its attributes' text, and what follows it up to the
/// next tag.
struct Tag<'a> {
    name: &'a str,
    attributes: &'a str,
    after: &'a str,
}

fn tags(xml: &str) -> impl Iterator<Item = Tag<'_>> {
    xml.split('<').skip(1).filter_map(|chunk| {
        let (inside, after) = chunk.split_once('>')?;
        let inside = inside.trim_end_matches('/');
        let (name, attributes) = inside.split_once(char::is_whitespace).unwrap_or((inside, ""));
        Some(Tag { name, attributes, after })
    })
}

fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!("{name}=\"");
    let start = attributes.find(&pattern)? + pattern.len();
    let rest = &attributes[start..];
    Some(&rest[..rest.find('"')?])
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn is_action(tag: &str) -> bool {
    tag.starts_with("ACTION_") || tag.starts_with("NEG_ACTION_")
}

/// Participants and locations; times are neither.
fn is_entity(tag: &str) -> bool {
    tag.starts_with("HUMAN_PART") || tag.starts_with("NON_HUMAN_PART") || tag.starts_with("LOC_")
}

/// Text, gold action mentions and gold entity mentions of one document.
fn parse(name: &str, xml: &str) -> Result<(String, Vec<GoldMention>, Vec<GoldMention>), String> {
    let mut text = String::new();
    let mut length = 0usize; // in code points
    let mut token_span: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut token_sentence: HashMap<&str, u32> = HashMap::new();
    let mut sentence: Option<&str> = None;
    // Markable id, whether an action, token ids: markables with anchors.
    let mut anchors: Vec<(&str, bool, Vec<&str>)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut cluster_of: HashMap<&str, String> = HashMap::new();
    let mut relation: Option<(String, Vec<&str>)> = None;
    for tag in tags(xml) {
        match tag.name {
            "token" => {
                let id = attribute(tag.attributes, "t_id").ok_or("token without t_id")?;
                let this_sentence = attribute(tag.attributes, "sentence");
                if !text.is_empty() {
                    let separator = if this_sentence == sentence { " " } else { "\n\n" };
                    text.push_str(separator);
                    length += separator.chars().count();
                }
                sentence = this_sentence;
                if let Some(number) = this_sentence.and_then(|s| s.parse().ok()) {
                    token_sentence.insert(id, number);
                }
                let word = unescape(tag.after);
                let start = length;
                length += word.chars().count();
                text.push_str(&word);
                token_span.insert(id, (start, length));
            }
            "token_anchor" => {
                if let (Some(index), Some(id)) = (open, attribute(tag.attributes, "t_id")) {
                    anchors[index].2.push(id);
                }
            }
            "CROSS_DOC_COREF" | "INTRA_DOC_COREF" => {
                let id = match attribute(tag.attributes, "note").filter(|_| tag.name == "CROSS_DOC_COREF") {
                    Some(instance) => instance.to_string(),
                    None => format!("{name}:r{}", attribute(tag.attributes, "r_id").unwrap_or("")),
                };
                relation = Some((id, Vec::new()));
            }
            "source" => {
                if let (Some((_, sources)), Some(m)) = (relation.as_mut(), attribute(tag.attributes, "m_id")) {
                    sources.push(m);
                }
            }
            "/CROSS_DOC_COREF" | "/INTRA_DOC_COREF" => {
                if let Some((id, sources)) = relation.take() {
                    for m in sources {
                        cluster_of.insert(m, id.clone());
                    }
                }
            }
            name if (is_action(name) || is_entity(name)) && !tag.attributes.contains("instance_id") => {
                let m = attribute(tag.attributes, "m_id").ok_or("markable without m_id")?;
                anchors.push((m, is_action(name), Vec::new()));
                open = Some(anchors.len() - 1);
            }
            // A closing tag or any other markable ends the open one.
            _ => open = None,
        }
    }
    let (mut mentions, mut entities) = (Vec::new(), Vec::new());
    for (m, action, tokens) in anchors {
        let spans: Vec<(usize, usize)> = tokens.iter().filter_map(|t| token_span.get(t).copied()).collect();
        let (Some(start), Some(end)) = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max()) else {
            continue;
        };
        let cluster = cluster_of.get(m).cloned().unwrap_or_else(|| format!("{name}:m{m}"));
        let covered: String = text.chars().skip(start).take(end - start).collect();
        let sentence = tokens.first().and_then(|t| token_sentence.get(t)).copied().unwrap_or_default();
        let mention = GoldMention { start, end, text: covered, cluster, sentence };
        if action { &mut mentions } else { &mut entities }.push(mention);
    }
    Ok((text, mentions, entities))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_markables_and_chains() {
        let xml = r#"<Document doc_name="t.xml">
<token t_id="1" sentence="0" number="0">Reid</token>
<token t_id="2" sentence="0" number="1">checked</token>
<token t_id="3" sentence="0" number="2">in</token>
<token t_id="4" sentence="1" number="0">She</token>
<token t_id="5" sentence="1" number="1">entered</token>
<Markables>
<ACTION_OCCURRENCE m_id="10"  >
  <token_anchor t_id="2"/>
  <token_anchor t_id="3"/>
</ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="11"  >
  <token_anchor t_id="5"/>
</ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="12"  >
  <token_anchor t_id="1"/>
</HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="13" RELATED_TO="" TAG_DESCRIPTOR="x" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1" >
  <source m_id="10" />
  <target m_id="13" />
</CROSS_DOC_COREF>
</Relations>
</Document>"#;
        let (text, mentions, entities) = parse("t.xml", xml).unwrap_or_default();
        assert_eq!(text, "Reid checked in\n\nShe entered");
        assert_eq!(mentions.len(), 2);
        assert_eq!((entities.len(), entities[0].text.as_str(), entities[0].cluster.as_str()), (1, "Reid", "t.xml:m12"));
        assert_eq!((mentions[0].text.as_str(), mentions[0].cluster.as_str()), ("checked in", "ACT1"));
        assert_eq!((mentions[1].text.as_str(), mentions[1].cluster.as_str()), ("entered", "t.xml:m11"));
        assert_eq!((mentions[0].sentence, mentions[1].sentence), (0, 1));
    }

    #[test]
    fn only_mentions_of_validated_sentences_are_kept() {
        let dir = std::env::temp_dir().join(format!("ng-validated-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let csv = dir.join("sentences.csv");
        std::fs::write(&csv, "Topic,File,Sentence Number\n1,10ecbplus,1\n1,10ecbplus,3 \n2,10ecbplus,0\n")
            .unwrap_or_default();
        let validated = ValidatedSentences::read(&csv).expect("the listing reads");
        let mention = |sentence| GoldMention { start: 0, end: 1, text: "x".into(), cluster: "c".into(), sentence };
        let mut document = EcbDocument {
            name: "1_10ecbplus.xml".into(),
            topic: 1,
            story: "1_ecbplus".into(),
            split: String::new(),
            text: "x".into(),
            mentions: vec![mention(0), mention(1), mention(2), mention(3)],
            entities: Vec::new(),
        };
        validated.filter(&mut document);
        assert_eq!(document.mentions.iter().map(|m| m.sentence).collect::<Vec<_>>(), vec![1, 3]);
        std::fs::write(&csv, "Topic,File,Sentence Number\n1,10ecbplus\n").unwrap_or_default();
        assert!(matches!(ValidatedSentences::read(&csv), Err(EvalError::Format { .. })));
        std::fs::remove_dir_all(&dir).unwrap_or_default();
    }
}
