"""Writes the README's result tables (Markdown) from the files run.sh leaves
in out/: the conlleval-style score reports of both systems and speed.json.

usage: table.py OUT_DIR > OUT_DIR/results.md
"""

import json
import re
import sys
from pathlib import Path

# conlleval report lines: "overall  precision:  70.45%; recall:  59.31%; FB1:  64.40"
SCORE_LINE = re.compile(r"^(\S+)\s+precision:\s*([\d.]+)%;\s*recall:\s*([\d.]+)%;\s*FB1:\s*([\d.]+)")
HEADER_LINE = re.compile(r"processed (\d+) tokens with (\d+) phrases")

CORPORA = [("conll", "CoNLL-2003 dev"), ("gum", "GUM news")]
CONFIG_NAMES = {
    "ner": "spaCy, tokenizer + ner only",
    "full": "spaCy, full en_core_web_sm",
    "ng-ner": "newsgraph extract, text + entities",
    "ng-full": "newsgraph extract, whole pipeline",
}


def read_scores(path):
    """{type: (P, R, F1)} and the (tokens, gold entities) header of a report."""
    scores, header = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := SCORE_LINE.match(line):
            scores[match[1]] = tuple(float(match[i]) for i in (2, 3, 4))
        elif match := HEADER_LINE.search(line):
            header = (int(match[1]), int(match[2]))
    return scores, header


def accuracy_table(out, key, title):
    spacy_file, ours_file = out / f"{key}.spacy.score.txt", out / f"{key}.newsgraph.score.txt"
    if not (spacy_file.exists() and ours_file.exists()):
        return
    theirs, header = read_scores(spacy_file)
    ours, _ = read_scores(ours_file)
    size = f" ({header[0]:,} tokens, {header[1]:,} gold entities)" if header else ""
    print(f"\n{title}{size}:\n")
    print("| type | spaCy P | spaCy R | spaCy F1 | newsgraph P | newsgraph R | newsgraph F1 |")
    print("|---|---|---|---|---|---|---|")
    for kind in ["overall"] + sorted(k for k in theirs.keys() | ours.keys() if k != "overall"):
        a, b = theirs.get(kind, (0, 0, 0)), ours.get(kind, (0, 0, 0))
        name, fa, fb = (f"**{kind}**", f"**{a[2]:.2f}**", f"**{b[2]:.2f}**") if kind == "overall" else (kind, f"{a[2]:.2f}", f"{b[2]:.2f}")
        print(f"| {name} | {a[0]:.2f} | {a[1]:.2f} | {fa} | {b[0]:.2f} | {b[1]:.2f} | {fb} |")
    untrimmed = out / f"{key}.spacy-untrimmed.score.txt"
    if untrimmed.exists():
        raw = read_scores(untrimmed)[0].get("overall", (0, 0, 0))
        print(f"\nspaCy keeping OntoNotes' leading \"the\" in its spans: P {raw[0]:.2f}, R {raw[1]:.2f}, F1 {raw[2]:.2f}")


def speed_table(out):
    path = out / "speed.json"
    if not path.exists():
        return
    rows = json.loads(path.read_text(encoding="utf-8"))
    print("\nSpeed (one core; throughput excludes loading):\n")
    print("| corpus | system, configuration | words/CPU-s | MB/CPU-s | words/s (wall) | MB/s (wall) | import + load s | RSS after load MB | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        load = f"{r['import_s']:.2f} + {r['load_s']:.2f}" if r["import_s"] else f"{r['load_s']:.2f}"
        print(f"| {r['corpus']} ({r['mb']:.2f} MB) | {CONFIG_NAMES.get(r['config'], r['config'])} | "
              f"{r['words_per_cpu_s']:,.0f} | {r['mb'] / r['cpu_s']:.3f} | {r['words_per_s']:,.0f} | {r['mb_per_s']:.3f} | {load} | "
              f"{r['rss_loaded_mb']:,.0f} | {r['rss_peak_mb']:,.0f} |")
    by = {(r["corpus"], r["config"]): r for r in rows}
    for ours, theirs, label in (("ng-ner", "ner", "NER"), ("ng-full", "full", "whole pipeline")):
        a, b = by.get(("articles", ours)), by.get(("articles", theirs))
        if a and b:
            print(f"\n{label}: newsgraph / spaCy per CPU-second on the articles = "
                  f"{a['words_per_cpu_s']:,.0f} / {b['words_per_cpu_s']:,.0f} = "
                  f"{a['words_per_cpu_s'] / b['words_per_cpu_s']:.1f}x")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    out = Path(sys.argv[1])
    for key, title in CORPORA:
        accuracy_table(out, key, title)
    speed_table(out)


if __name__ == "__main__":
    main()
