//! Learning the story similarity weights, as Miranda et al. (2018) learn
//! theirs: a logistic regression over (document, story) pairs. The pairs
//! come from streaming the training documents in corpus order into their
//! gold stories: each document is compared with every gold story of two
//! documents or more so far that the linker's blocking keys would offer
//! it, and the pair is positive when the story is the document's own.
//! A story of one document is left out: the linker joins it under its own
//! threshold (the founding margin, tuned after the weights), and one
//! report against one runs lower cosines than a report against the mean
//! of several, so its pairs would bend the one linear score toward a
//! decision the margin already makes.

use std::collections::HashMap;

use newsgraph_linking::stories::{StoryFeatures, StoryProfile, StoryWeights};
use newsgraph_linking::{story_vectors, Article, LinkConfig, Linker, MemoryCorpus};

use crate::ecb::EcbDocument;
use crate::EvalError;

/// Gradient steps, step size and L2 penalty of the regression: the pairs
/// are few thousand and the features few, so plain batch descent
/// converges well within the steps.
const STEPS: usize = 3000;
const STEP_SIZE: f32 = 1.0;
const L2: f32 = 1e-4;

/// One (document, story) pair.
#[derive(Clone, Debug)]
pub struct Example {
    pub features: StoryFeatures,
    /// True when the story is the document's gold story.
    pub same: bool,
}

/// The training pairs of `members` (indices in corpus order), linked
/// with `config` for entities and document frequencies.
pub fn examples(
    documents: &[EcbDocument],
    articles: &[Article],
    members: &[usize],
    config: &LinkConfig,
) -> Result<Vec<Example>, EvalError> {
    let linker = Linker::new(config.clone());
    let mut corpus = MemoryCorpus::default();
    let mut gold: HashMap<&str, StoryProfile> = HashMap::new();
    let mut out = Vec::new();
    let fail = |e: newsgraph_linking::LinkError| EvalError::Load(e.to_string());
    for &i in members {
        let article = &articles[i];
        let linked = linker.link(article, &corpus).map_err(fail)?;
        let (vectors, _) = story_vectors(article, &linked.entities, &corpus).map_err(fail)?;
        let keys = vectors.feature_keys();
        let story = documents[i].story.as_str();
        for (label, profile) in gold.iter().filter(|(_, profile)| profile.documents > 1) {
            if profile.keys().iter().any(|k| keys.contains(k)) {
                out.push(Example { features: profile.features(&vectors), same: *label == story });
            }
        }
        match gold.get_mut(story) {
            Some(profile) => profile.absorb(&vectors),
            None => {
                gold.insert(story, StoryProfile::found(&article.id, &vectors));
            }
        }
        corpus.apply(&linked);
    }
    Ok(out)
}

/// Story weights fitted to `examples`, scaled so that the content weights
/// (terms and entities) sum to one, which keeps thresholds comparable.
/// `days` is kept from `base`: the corpora have no publication dates.
pub fn fit(examples: &[Example], base: &StoryWeights) -> StoryWeights {
    let (weights, _bias) = logistic_regression(examples);
    let scale = weights[0] + weights[1];
    let scale = if scale > 0.0 { scale } else { 1.0 };
    StoryWeights::from_values(weights.map(|w| w / scale), base.days)
}

/// Weights and bias of a logistic regression, by batch gradient descent.
fn logistic_regression(examples: &[Example]) -> ([f32; StoryFeatures::COUNT], f32) {
    let mut weights = [0.0f32; StoryFeatures::COUNT];
    let mut bias = 0.0f32;
    let n = examples.len().max(1) as f32;
    for _ in 0..STEPS {
        let mut gradient = [0.0f32; StoryFeatures::COUNT];
        let mut gradient_bias = 0.0f32;
        for example in examples {
            let x = example.features.values();
            let z = bias + weights.iter().zip(x).map(|(w, f)| w * f).sum::<f32>();
            let error = 1.0 / (1.0 + (-z).exp()) - if example.same { 1.0 } else { 0.0 };
            gradient.iter_mut().zip(x).for_each(|(g, f)| *g += error * f);
            gradient_bias += error;
        }
        for (w, g) in weights.iter_mut().zip(gradient) {
            *w -= STEP_SIZE * (g / n + L2 * *w);
        }
        bias -= STEP_SIZE * gradient_bias / n;
    }
    (weights, bias)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(terms: f32, dates: f32, numbers: f32, same: bool) -> Example {
        Example { features: StoryFeatures { terms, entities: terms, dates, numbers, ..Default::default() }, same }
    }

    #[test]
    fn pairs_only_with_stories_of_two_documents_or_more() {
        let document = |name: &str, story: &str| EcbDocument {
            name: name.into(),
            topic: 1,
            story: story.into(),
            split: String::new(),
            text: String::new(),
            mentions: Vec::new(),
            entities: Vec::new(),
        };
        let article = |id: &str| Article {
            id: id.into(),
            terms: ["quake", "tsunami", "coast", id].map(String::from).to_vec(),
            ..Default::default()
        };
        let stories = [("a", "x"), ("b", "y"), ("c", "x"), ("d", "x")];
        let documents: Vec<EcbDocument> = stories.iter().map(|(name, story)| document(name, story)).collect();
        let articles: Vec<Article> = stories.iter().map(|(name, _)| article(name)).collect();
        let pairs = examples(&documents, &articles, &[0, 1, 2, 3], &LinkConfig::default()).unwrap();
        // Only d meets a story of two (a and c, its own); b and c met
        // one-document stories, which the founding margin decides.
        assert_eq!(pairs.len(), 1);
        assert!(pairs[0].same);
    }

    #[test]
    fn learns_that_shared_dates_and_numbers_join() {
        let examples = [
            example(0.6, 1.0, 0.5, true),
            example(0.5, 0.0, 0.6, true),
            example(0.6, 0.0, 0.0, false),
            example(0.1, 0.0, 0.0, false),
            example(0.2, 0.0, 0.1, false),
            example(0.7, 0.8, 0.0, true),
        ];
        let base = LinkConfig::default().story;
        let weights = fit(&examples, &base);
        assert!(weights.dates > 0.0 && weights.numbers > 0.0, "{weights:?}");
        assert!((weights.terms + weights.entities - 1.0).abs() < 1e-4);
    }
}
