//! BILOU labels over the four CoNLL classes the tagger predicts, and
//! conversions between labels and spans.

/// Classes of the statistical tagger (CoNLL-2003); `types` refines them.
pub const CLASS_NAMES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
pub const CLASSES: usize = CLASS_NAMES.len();
/// O plus B, I, L, U of each class.
pub const LABELS: usize = 1 + 4 * CLASSES;

/// 0 is O; otherwise `1 + class * 4 + position` with B=0, I=1, L=2, U=3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Label(pub u8);

const B: u8 = 0;
const I: u8 = 1;
const L: u8 = 2;
const U: u8 = 3;

impl Label {
    pub const O: Label = Label(0);
    /// Label before the first token of a sentence.
    pub const START: Label = Label(LABELS as u8);

    fn new(class: usize, position: u8) -> Label {
        Label(1 + class as u8 * 4 + position)
    }

    pub fn class(self) -> Option<usize> {
        (self.0 >= 1 && (self.0 as usize) < LABELS).then(|| (self.0 as usize - 1) / 4)
    }

    fn position(self) -> Option<u8> {
        self.class().map(|_| (self.0 - 1) % 4)
    }

    /// Whether an entity is still open after this label.
    fn open(self) -> bool {
        matches!(self.position(), Some(B) | Some(I))
    }

    /// Whether `self` may follow `prev`; `last` says it ends the sentence.
    pub fn may_follow(self, prev: Label, last: bool) -> bool {
        let continues = matches!(self.position(), Some(I) | Some(L));
        let ok = if prev.open() { continues && self.class() == prev.class() } else { !continues };
        ok && !(last && self.open())
    }
}

/// An entity as a token range and class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TokenSpan {
    pub start: usize,
    pub end: usize,
    pub class: usize,
}

/// BILOU labels of a sentence of `len` tokens holding `spans`.
pub fn labels_from_spans(len: usize, spans: &[TokenSpan]) -> Vec<Label> {
    let mut labels = vec![Label::O; len];
    for span in spans {
        if span.end - span.start == 1 {
            labels[span.start] = Label::new(span.class, U);
            continue;
        }
        for (k, label) in labels[span.start..span.end].iter_mut().enumerate() {
            let position = match k {
                0 => B,
                k if k + 1 == span.end - span.start => L,
                _ => I,
            };
            *label = Label::new(span.class, position);
        }
    }
    labels
}

/// Spans of a BILOU label sequence (tolerant of ill-formed sequences).
pub fn spans_from_labels(labels: &[Label]) -> Vec<TokenSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, label) in labels.iter().enumerate() {
        let (class, position) = match (label.class(), label.position()) {
            (Some(c), Some(p)) => (c, p),
            _ => {
                if let Some((start, class)) = open.take() {
                    spans.push(TokenSpan { start, end: i, class });
                }
                continue;
            }
        };
        let continues = matches!(position, I | L) && open.is_some_and(|(_, c)| c == class);
        if !continues {
            if let Some((start, class)) = open.take() {
                spans.push(TokenSpan { start, end: i, class });
            }
            open = Some((i, class));
        }
        if matches!(position, L | U) {
            let (start, class) = open.take().unwrap_or((i, class));
            spans.push(TokenSpan { start, end: i + 1, class });
        }
    }
    if let Some((start, class)) = open {
        spans.push(TokenSpan { start, end: labels.len(), class });
    }
    spans
}

/// Index of a CoNLL class name (PER, ORG, LOC, MISC).
pub fn class_index(name: &str) -> Option<usize> {
    CLASS_NAMES.iter().position(|&c| c == name)
}

/// Spans of IOB1 or BIO tags (`B-X`/`I-X`/`O`), conlleval's chunking rule:
/// an entity starts at B, or at I of another class than the one before.
pub fn spans_from_iob<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, kind) = tag.split_once('-').unwrap_or((tag, ""));
        let inside = (prefix == "I" || prefix == "B") && !kind.is_empty();
        let continues = prefix == "I" && open.as_ref().is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((start, kind)) = open.take() {
                spans.push((start, i, kind));
            }
            if inside {
                open = Some((i, kind.to_string()));
            }
        }
    }
    if let Some((start, kind)) = open {
        spans.push((start, tags.len(), kind));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip() {
        let spans = vec![TokenSpan { start: 0, end: 2, class: 0 }, TokenSpan { start: 3, end: 4, class: 2 }];
        let labels = labels_from_spans(5, &spans);
        assert_eq!(spans_from_labels(&labels), spans);
    }

    #[test]
    fn transitions_are_checked() {
        let b_per = Label::new(0, B);
        assert!(!Label::new(1, I).may_follow(b_per, false));
        assert!(Label::new(0, L).may_follow(b_per, true));
        assert!(!b_per.may_follow(Label::O, true));
        assert!(Label::new(2, U).may_follow(Label::START, false));
    }

    #[test]
    fn iob1_chunks_like_conlleval() {
        let tags = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"];
        let spans = spans_from_iob(&tags);
        assert_eq!(spans.len(), 4);
        assert_eq!(spans[0], (0, 2, "PER".to_string()));
        assert_eq!(spans[2], (4, 5, "LOC".to_string()));
    }
}
