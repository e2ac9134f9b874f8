"""Peak memory of ``legation code`` as the corpus grows: it should stay flat (streamed inputs,
batched writes), not grow with the number of articles.

Usage: python bench/memory.py [--sizes 5000 20000] [--workers 1]

Writes that many distinct synthetic short articles (JSON Lines, with dates and outlets) per
size, codes each into a fresh database in its own process, and prints the peak resident set
size of that process and its workers (``/usr/bin/time -v``: the largest of them) and the ratio
of each size to the first, measured in one run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ACTORS = ["Russia", "Turkey", "Iran", "the United States", "France", "Germany", "China",
          "Egypt", "Israel", "Ukraine", "the European Union", "Saudi Arabia", "Qatar", "India"]
ACTS = ["met officials from", "condemned", "praised", "accused", "threatened", "signed a deal "
        "with", "sent aid to", "criticised", "rejected a proposal from", "hosted talks with"]
PLACES = ["Geneva", "Moscow", "Ankara", "Cairo", "Paris", "Berlin", "Doha", "Kyiv", "Tehran"]


def article(n: int, rng: random.Random) -> dict[str, str]:
    """A distinct three-sentence article: its number is written into it."""
    a, b = rng.sample(ACTORS, 2)
    day = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    text = (f"{a} {rng.choice(ACTS)} {b} in {rng.choice(PLACES)} on Tuesday. Officials said "
            f"report number {n} was the {rng.randint(2, 90)}th such statement this year. "
            f"{b} {rng.choice(ACTS)} {a} a day later.")
    return {"id": f"synthetic-{n}", "text": text, "published": day, "outlet": f"Wire {n % 7}"}


def peak_mb(corpus: Path, db: Path, workers: int) -> float:
    """Peak RSS in MB of one ``legation code`` run (the process, or its largest worker)."""
    legation = Path(sys.executable).parent / "legation"
    cmd = ["/usr/bin/time", "-v", str(legation), "code", str(corpus), "--db", str(db),
           "--workers", str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"legation code failed:\n{done.stderr[-2000:]}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if found is None:
        sys.exit("/usr/bin/time -v printed no maximum resident set size")
    return int(found.group(1)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(7)
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            corpus = Path(tmp) / f"{size}.jsonl"
            with corpus.open("w", encoding="utf-8") as sink:
                for n in range(size):
                    sink.write(json.dumps(article(n, rng)) + "\n")
            mb = peak_mb(corpus, Path(tmp) / f"{size}.duckdb", args.workers)
            first = first or mb
            print(f"{size:>8} articles: peak RSS {mb:7.0f} MB  ({mb / first:.2f}× the first size)",
                  flush=True)


if __name__ == "__main__":
    main()
