"""Scores of a story clustering against gold stories: pairwise and B-cubed F1.

Pairwise counts pairs of articles put together (precision) and pairs the gold puts together
(recall); B-cubed averages, per article, the share of its predicted story that is in its gold
story and the converse, so that one big wrong cluster cannot hide behind many small right ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise_f1(pred: Sequence[str], gold: Sequence[str]) -> float:
    """F1 over article pairs in one story, from the contingency counts (no n² loop)."""
    both = Counter(zip(pred, gold, strict=True))
    pairs = sum(n * (n - 1) // 2 for n in both.values())
    pred_pairs = sum(n * (n - 1) // 2 for n in Counter(pred).values())
    gold_pairs = sum(n * (n - 1) // 2 for n in Counter(gold).values())
    return _f1(pairs / pred_pairs if pred_pairs else 1.0, pairs / gold_pairs if gold_pairs else 1.0)


def bcubed_f1(pred: Sequence[str], gold: Sequence[str]) -> float:
    """B-cubed F1: per-article precision and recall of its story, averaged."""
    both = Counter(zip(pred, gold, strict=True))
    size_p, size_g = Counter(pred), Counter(gold)
    n = len(pred)
    if not n:
        return 0.0
    p = sum(both[(a, b)] / size_p[a] for a, b in zip(pred, gold, strict=True)) / n
    r = sum(both[(a, b)] / size_g[b] for a, b in zip(pred, gold, strict=True)) / n
    return _f1(p, r)
