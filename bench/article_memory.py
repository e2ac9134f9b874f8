"""Peak memory and time of coding one long article, up to the largest ``--max-chars`` accepts.

Usage: python bench/article_memory.py [--sizes 10000 100000 1000000]

Writes one distinct synthetic article of each size (short paragraphs, one a line, each with
its own number), codes it alone into a fresh database in its own process, and prints the peak
resident set size (``/usr/bin/time -v``) and the wall time of that run. The parser sees a
long text in pieces of ``legation.nlp.CHUNK_CHARS`` characters, so its share stays bounded;
what grows is the doc and extraction over it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from memory import article, peak_mb


def long_article(size: int, rng: random.Random) -> dict[str, str]:
    """One article of exactly ``size`` characters, made of numbered synthetic paragraphs."""
    lines: list[str] = []
    length = n = 0
    while length < size:
        lines.append(article(n, rng)["text"])
        length += len(lines[-1]) + 1
        n += 1
    text = "\n".join(lines)[:size - 1].rstrip() + "."
    return {"id": f"long-{size}", "text": text, "published": "2016-05-01", "outlet": "Wire"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            corpus = Path(tmp) / f"{size}.jsonl"
            corpus.write_text(json.dumps(long_article(size, rng)) + "\n", encoding="utf-8")
            began = time.perf_counter()
            db = Path(tmp) / f"{size}.duckdb"
            mb = peak_mb(corpus, db, workers=1)
            with duckdb.connect(str(db), read_only=True) as con:
                (events,) = con.execute("SELECT count(*) FROM events").fetchone()
            if not events:
                sys.exit(f"the {size:,}-character article was not coded")
            print(f"{size:>10,} characters: peak RSS {mb:6.0f} MB, "
                  f"{time.perf_counter() - began:6.1f} s, {events:,} events", flush=True)


if __name__ == "__main__":
    main()
