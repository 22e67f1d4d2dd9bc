//! Per-fold figures for `--folds K`: document `i` of a corpus (in its
//! file or file-name order) is in fold `i % K`. The quote and geo stages
//! are rules, lexicons and fixed weights with nothing fitted to the
//! evaluation documents, so every fold is held out as it stands; the
//! spread between folds is what over-fitting to a few documents would show,
//! and the lowest fold is the cautious guess for unseen text.

/// A named figure of one fold's scores.
pub(crate) type Figure<S> = (&'static str, fn(&S) -> f64);

/// Prints one line per fold (`size` gives its documents and gold items),
/// then the lowest, mean and highest of each figure, multiplied by `scale`.
pub(crate) fn print_folds<S>(
    indent: &str,
    per_fold: &[S],
    size: fn(&S) -> (usize, usize),
    figures: &[Figure<S>],
    scale: f64,
) {
    let k = per_fold.len();
    println!("{indent}{k} folds (document i in fold i % {k}):");
    for (fold, scores) in per_fold.iter().enumerate() {
        let (documents, gold) = size(scores);
        let values: Vec<String> =
            figures.iter().map(|(name, get)| format!("{name} {:6.3}", scale * get(scores))).collect();
        println!("{indent}  fold {fold}: {documents:>3} documents {gold:>5} gold  {}", values.join("  "));
    }
    for (name, get) in figures {
        let values: Vec<f64> = per_fold.iter().map(|s| scale * get(s)).collect();
        let (low, high) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(*v), h.max(*v)));
        let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
        println!("{indent}  {name:<11} lowest {low:6.3}  mean {mean:6.3}  highest {high:6.3}");
    }
}
