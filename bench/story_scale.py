"""Time streaming story assignment at growing corpus sizes, to show it grows well below n².

Usage: python bench/story_scale.py [--sizes 1000 10000 50000]

Synthetic articles over 30 days: each tells one of n/5 happenings; a happening has a kind (one
of 40, with its kind words), two actors drawn from a Zipf distribution over 2,000 names (so
blocks are uneven: a few actors are in many stories), six detail words of its own (names of
people and places, figures) and a day. Each article takes some of these and 25 words of common
vocabulary.
Prints, per size, the seconds, the seconds per article, the ratio to the smallest size's time
scaled by n (1.0: linear; n/n0: quadratic) and the pairwise F1 against the happening.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from datetime import date, timedelta

from legation.gold_stories import pairwise_f1
from legation.link.stories import StoryIndex

KINDS, NAMES, NOISE = 40, 2000, 5000


def corpus(n: int, seed: int = 7) -> list[tuple[dict[str, int], date, str]]:
    rng = random.Random(seed)
    zipf = [1 / (r + 1) for r in range(NAMES)]
    happenings = []
    for h in range(max(1, n // 5)):
        kind = rng.randrange(KINDS)
        actors = rng.choices(range(NAMES), weights=zipf, k=2)
        happenings.append((h, kind, actors, date(2024, 1, 1) + timedelta(days=rng.randrange(30)),
                           [f"~{h}x{i}" for i in range(6)]))
    out = []
    for _ in range(n):
        h, kind, actors, day, own = rng.choice(happenings)
        terms: Counter[str] = Counter()
        terms.update(f"kind{kind}w{i}" for i in rng.sample(range(8), 5))
        terms.update(f"~name{a}" for a in actors for _ in range(2))
        terms.update(rng.sample(own, 4))
        terms.update(f"noise{rng.randrange(NOISE)}" for _ in range(25))
        out.append((dict(terms), day + timedelta(days=rng.randrange(2)), str(h)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    args = parser.parse_args()
    base: tuple[int, float] | None = None
    print(f"{'articles':>9} {'seconds':>9} {'ms/article':>11} {'growth/n':>9} {'pairwise F1':>12}")
    for n in args.sizes:
        articles = corpus(n)
        index = StoryIndex()
        started = time.perf_counter()
        pred = [index.add(str(i), t, d) for i, (t, d, _) in enumerate(articles)]
        seconds = time.perf_counter() - started
        base = base or (n, seconds)
        growth = (seconds / base[1]) / (n / base[0])
        f1 = pairwise_f1(pred, [h for _, _, h in articles])
        print(f"{n:>9} {seconds:>9.2f} {1000 * seconds / n:>11.3f} {growth:>9.2f} {f1:>12.3f}")


if __name__ == "__main__":
    main()
