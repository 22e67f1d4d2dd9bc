//! Reading CoNLL-2003 style corpora (one token a line, tag in the last
//! column, blank line between sentences, `-DOCSTART-` between documents)
//! and the conlleval entity-level scorer used by training and evaluation.

use std::collections::{BTreeMap, HashSet};

/// A gold sentence: words and their IOB1/BIO tags.
#[derive(Clone, Debug, Default)]
pub struct GoldSentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

/// A gold document.
#[derive(Clone, Debug, Default)]
pub struct GoldDoc {
    pub sentences: Vec<GoldSentence>,
}

impl GoldDoc {
    /// The words of each sentence, borrowed.
    pub fn words(&self) -> Vec<Vec<&str>> {
        self.sentences.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect()
    }
}

/// Parses CoNLL text. Errors name the 1-based line that is not `word ... tag`.
pub fn parse_conll(text: &str) -> Result<Vec<GoldDoc>, String> {
    let mut docs = vec![GoldDoc::default()];
    let mut sentence = GoldSentence::default();
    for (number, line) in text.lines().enumerate() {
        let columns: Vec<&str> = line.split_whitespace().collect();
        if columns.is_empty() {
            flush(&mut docs, &mut sentence);
            continue;
        }
        if columns[0] == "-DOCSTART-" {
            flush(&mut docs, &mut sentence);
            if !docs.last().is_some_and(|d| d.sentences.is_empty()) {
                docs.push(GoldDoc::default());
            }
            continue;
        }
        if columns.len() < 2 {
            return Err(format!("line {}: expected `word ... tag`, found {line:?}", number + 1));
        }
        sentence.words.push(columns[0].to_string());
        sentence.tags.push(columns[columns.len() - 1].to_string());
    }
    flush(&mut docs, &mut sentence);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

fn flush(docs: &mut [GoldDoc], sentence: &mut GoldSentence) {
    if !sentence.words.is_empty() {
        if let Some(doc) = docs.last_mut() {
            doc.sentences.push(std::mem::take(sentence));
        }
    }
}

/// An entity for scoring: sentence number, token range, type.
pub type ScoredSpan = (usize, usize, usize, String);

/// conlleval counts: exact span and type matches, overall and per type.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub tokens: usize,
    /// Per type: (gold, predicted, correct).
    pub by_type: BTreeMap<String, (usize, usize, usize)>,
}

/// Precision, recall, F1 of (gold, predicted, correct).
pub fn prf((gold, found, correct): (usize, usize, usize)) -> (f64, f64, f64) {
    let p = if found > 0 { correct as f64 / found as f64 } else { 0.0 };
    let r = if gold > 0 { correct as f64 / gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

impl Counts {
    /// Adds one sentence's gold and predicted spans.
    pub fn add(&mut self, tokens: usize, gold: &[ScoredSpan], predicted: &[ScoredSpan]) {
        self.tokens += tokens;
        let gold_set: HashSet<&ScoredSpan> = gold.iter().collect();
        for span in gold {
            self.by_type.entry(span.3.clone()).or_default().0 += 1;
        }
        for span in predicted {
            let entry = self.by_type.entry(span.3.clone()).or_default();
            entry.1 += 1;
            entry.2 += gold_set.contains(span) as usize;
        }
    }

    /// Totals over all types.
    pub fn overall(&self) -> (usize, usize, usize) {
        self.by_type.values().fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2))
    }

    /// The conlleval-style report.
    pub fn report(&self) -> String {
        let (gold, found, correct) = self.overall();
        let mut out = format!(
            "processed {} tokens with {gold} phrases; found: {found} phrases; correct: {correct}.\n",
            self.tokens
        );
        let (p, r, f) = prf(self.overall());
        out += &format!(
            "{:<8} precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            "overall",
            p * 100.0,
            r * 100.0,
            f * 100.0
        );
        for (kind, &counts) in &self.by_type {
            let (p, r, f) = prf(counts);
            out += &format!(
                "{kind:<8} precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                p * 100.0,
                r * 100.0,
                f * 100.0,
                counts.1
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\n";
        let docs = parse_conll(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].tags, vec!["I-ORG", "O"]);
    }

    #[test]
    fn scores_exact_matches() {
        let mut counts = Counts::default();
        let gold = vec![(0, 0, 2, "PER".to_string()), (0, 3, 4, "LOC".to_string())];
        let predicted = vec![(0, 0, 2, "PER".to_string()), (0, 3, 4, "ORG".to_string())];
        counts.add(5, &gold, &predicted);
        assert_eq!(counts.overall(), (2, 2, 1));
        assert_eq!(prf(counts.overall()).2, 0.5);
    }
}
