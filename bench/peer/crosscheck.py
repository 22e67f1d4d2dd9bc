"""Independent entity-level scorer, used only to cross-check the Rust scorer.

Reads `token<TAB>gold<TAB>pred` (BIO, blank line between sentences) and
prints conlleval-style exact-match precision/recall/F1, overall and per
type. The table in README.md comes from `newsgraph eval ner --predictions`;
this script exists so that a disagreement between two implementations is
noticed instead of silently skewing both systems' numbers.

Chunking follows conlleval: an I- tag whose type differs from the open
chunk (or that follows O) starts a new chunk.
"""

import sys
from collections import Counter


def chunks(tags):
    """Set of (start, end, type) spans from a BIO tag list."""
    spans, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if start is not None and not continues:
            spans.add((start, i, kind))
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = i, label
    return spans


def sentences(path):
    gold, pred = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                if gold:
                    yield gold, pred
                gold, pred = [], []
                continue
            gold.append(fields[1])
            pred.append(fields[2])
    if gold:
        yield gold, pred


def prf(correct, guessed, expected):
    p = correct / guessed if guessed else 0.0
    r = correct / expected if expected else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(path):
    correct, guessed, expected = Counter(), Counter(), Counter()
    for gold_tags, pred_tags in sentences(path):
        gold, pred = chunks(gold_tags), chunks(pred_tags)
        for counter, spans in ((expected, gold), (guessed, pred), (correct, gold & pred)):
            for _, _, kind in spans:
                counter[kind] += 1
                counter["overall"] += 1
    kinds = ["overall"] + sorted(k for k in expected | guessed if k != "overall")
    print(f"{'type':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for kind in kinds:
        p, r, f = prf(correct[kind], guessed[kind], expected[kind])
        print(f"{kind:8} {100*p:6.2f} {100*r:6.2f} {100*f:6.2f} {expected[kind]:6} {guessed[kind]:6}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: crosscheck.py TOKEN_GOLD_PRED_FILE")
    main(sys.argv[1])
