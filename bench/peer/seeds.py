"""What spaCy en_core_web_sm finds in the seed articles.

Runs the full pipeline on each seed text as a user would (spaCy's own
tokenizer, whole article as one Doc) and prints, as Markdown:
  1. per file, every distinct entity string with its OntoNotes label(s),
     the CoNLL type it maps to and how often it was found;
  2. for each name of the watch list (--watch), how every occurrence in the
     text was labelled, including occurrences that were not tagged at all;
     with --newsgraph BIN, newsgraph's labels (`newsgraph extract`, whole
     pipeline) are shown beside spaCy's.
"""

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
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


def occurrences(text, word):
    """(start, end) of every whole-word, case-sensitive occurrence."""
    return [m.span() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]


def spacy_labels(doc, word):
    """spaCy's label of each occurrence of `word`."""
    labels = []
    for start, end in occurrences(doc.text, word):
        span = doc.char_span(start, end, alignment_mode="expand")
        ent = next((e for e in doc.ents if span is not None and e.start <= span.start < e.end), None)
        labels.append(f"{ent.label_} ({ent.text})" if ent is not None else "untagged")
    return labels


def newsgraph_labels(record, word):
    """newsgraph's label of each occurrence of `word` in one output record.

    Output offsets are code points into record["text"], which is what Python
    string indices are.
    """
    mentions = [(m["start"], m["end"], e["type"], m["text"])
                for e in record.get("entities", []) for m in e.get("mentions", [])]
    labels = []
    for start, _ in occurrences(record["text"], word):
        hit = next((m for m in mentions if m[0] <= start < m[1]), None)
        labels.append(f"{hit[2]} ({hit[3]})" if hit is not None else "untagged")
    return labels


def run_newsgraph(binary, files):
    out = subprocess.run([binary, "extract", "--format", "jsonl", *map(str, files)],
                         check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def summary(labels):
    return ", ".join(f"{label} x{n}" for label, n in labels.most_common()) or "-"


def watch_table(docs, records, watch):
    print("\n### Watch list: label of every occurrence\n")
    if records is None:
        print("| name | occurrences in spaCy's text | spaCy labels (count) |")
        print("|---|---|---|")
    else:
        print("| name | occurrences in spaCy's text | spaCy labels (count) | newsgraph labels (count) |")
        print("|---|---|---|---|")
    for word in watch:
        ours, theirs = Counter(), Counter()
        for doc in docs:
            theirs.update(spacy_labels(doc, word))
        for record in records or []:
            ours.update(newsgraph_labels(record, word))
        if not theirs and not ours:
            continue
        row = f"| {word} | {sum(theirs.values())} | {summary(theirs)} |"
        print(row if records is None else f"{row} {summary(ours)} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", help="folder of seed .txt files")
    parser.add_argument("--watch", nargs="*", default=DEFAULT_WATCH)
    parser.add_argument("--newsgraph", help="newsgraph binary, to show its labels beside spaCy's")
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
    records = run_newsgraph(args.newsgraph, files) if args.newsgraph else None
    watch_table(docs, records, args.watch)


if __name__ == "__main__":
    main()
