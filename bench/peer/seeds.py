"""What spaCy en_core_web_sm finds in the seed articles.

Runs the full pipeline on each seed text as a user would (spaCy's own
tokenizer, whole article as one Doc) and prints, as Markdown:
  1. per file, every distinct entity string with its OntoNotes label(s),
     the CoNLL type it maps to and how often it was found;
  2. for each name of the watch list (--watch), how every occurrence in the
     text was labelled, including occurrences spaCy did not tag at all.
"""

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy

from spacy_ner import MODEL, ONTONOTES_TO_CONLL

DEFAULT_WATCH = ["Sumy", "Kyiv", "Kharkiv", "Kupiansk", "Zelensky", "Putin", "Gerasimov",
                 "Peskov", "Ryabkov", "Donbas", "Crimea", "Novorossiya", "Kremlin", "NATO"]


def entity_table(name, doc):
    counts = Counter((ent.text, ent.label_) for ent in doc.ents)
    print(f"\n### {name}: {len(doc.ents)} entities, {len(counts)} distinct\n")
    print("| entity | spaCy label | CoNLL | count |")
    print("|---|---|---|---|")
    for (text, label), count in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        text = text.replace("|", "\\|").replace("\n", " ")
        print(f"| {text} | {label} | {ONTONOTES_TO_CONLL.get(label, 'O')} | {count} |")


def occurrence_labels(doc, word):
    """Label of each occurrence of `word` (whole word, case-sensitive)."""
    labels = []
    for match in re.finditer(rf"\b{re.escape(word)}\b", doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        ent = next((e for e in doc.ents if span is not None and e.start <= span.start < e.end), None)
        labels.append(f"{ent.label_} ({ent.text})" if ent is not None else "untagged")
    return labels


def watch_table(docs, watch):
    print("\n### Watch list: label of every occurrence\n")
    print("| name | occurrences | labels (count) |")
    print("|---|---|---|")
    for word in watch:
        labels = Counter()
        for doc in docs:
            labels.update(occurrence_labels(doc, word))
        if labels:
            shown = ", ".join(f"{label} x{n}" for label, n in labels.most_common())
            print(f"| {word} | {sum(labels.values())} | {shown} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", help="folder of seed .txt files")
    parser.add_argument("--watch", nargs="*", default=DEFAULT_WATCH)
    args = parser.parse_args()
    files = sorted(Path(args.seeds).glob("*.txt"))
    if not files:
        sys.exit(f"seeds.py: no .txt files in {args.seeds}")
    nlp = spacy.load(MODEL)
    print(f"spaCy {spacy.__version__}, {MODEL} {nlp.meta['version']}, full pipeline, raw text")
    docs = []
    for path in files:
        doc = nlp(path.read_text(encoding="utf-8"))
        docs.append(doc)
        entity_table(path.name, doc)
    watch_table(docs, args.watch)


if __name__ == "__main__":
    main()
