"""Throughput of the whole ``legation code`` path against a bare spaCy parse, in one run.

Usage: python bench/throughput.py [--copies 20] [--workers 1] [--corpus DIR ...]

Both paths parse the same texts with the same model in the same process; the ratio (whole /
bare) is the figure to quote, since absolute numbers on a shared machine drift between runs.
The knowledge load is timed apart (it happens once per process, not per article).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from legation.extract.actors import actor_resolver
from legation.knowledge import gazetteer
from legation.nlp import load_model
from legation.read import read_inputs
from legation.records import Article
from legation.run import Coder, code_inputs
from legation.store import Store

REPO = Path(__file__).resolve().parent.parent


def make_corpus(sources: list[Path], copies: int, into: Path) -> list[Path]:
    """``copies`` copies of every .txt/.html article of ``sources`` (distinct file names)."""
    files = [f for src in sources for f in sorted(src.rglob("*")) if f.suffix in (".txt", ".html")]
    out = []
    for n in range(copies):
        for f in files:
            dest = into / f"{n:03d}_{f.name}"
            shutil.copyfile(f, dest)
            out.append(dest)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--corpus", type=Path, nargs="*",
                        default=[REPO / "examples" / "corpus", REPO.parent / "shared" / "seeds"])
    args = parser.parse_args()
    sources = [p for p in args.corpus if p.exists()]

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "in").mkdir()
        make_corpus(sources, args.copies, tmpdir / "in")
        articles = [a for a in read_inputs([str(tmpdir / "in")]) if isinstance(a, Article)]
        words = sum(len(a.clean.split()) for a in articles)
        nlp = load_model()

        t0 = time.perf_counter()
        coder = Coder()
        actor_resolver(coder.knowledge, coder.nlp.vocab)  # build the matcher: a one-off cost
        gazetteer.index()
        t_load = time.perf_counter() - t0

        t0 = time.perf_counter()
        for _ in nlp.pipe((a.clean for a in articles), batch_size=16, n_process=args.workers):
            pass
        t_bare = time.perf_counter() - t0

        resolver = actor_resolver(coder.knowledge, nlp.vocab)
        t0 = time.perf_counter()
        for article, doc in zip(articles, nlp.pipe((a.clean for a in articles), batch_size=16,
                                                   n_process=args.workers), strict=True):
            resolver.resolve(doc, article.published, article.text)
        t_actors = time.perf_counter() - t0

        t0 = time.perf_counter()
        with Store(tmpdir / "bench.duckdb") as store:
            summary = code_inputs([str(tmpdir / "in")], store, coder, workers=args.workers,
                                  force=True)
        t_whole = time.perf_counter() - t0

    n = len(articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {n} articles, {words:,} words ({args.copies} copies of {len(sources)} dirs), "
          f"workers={args.workers}")
    print(f"knowledge load + matcher build (once): {t_load:.2f} s")
    print(f"bare nlp.pipe:      {n / t_bare:8.1f} docs/s {words / t_bare:10.0f} words/s")
    print(f"parse + actors:     {n / t_actors:8.1f} docs/s {words / t_actors:10.0f} words/s "
          f"(resolution adds {100 * (t_actors / t_bare - 1):.1f}% to the parse)")
    print(f"legation code path: {n / t_whole:8.1f} docs/s {words / t_whole:10.0f} words/s "
          f"({summary.events} events, {summary.failed} failed)")
    print(f"ratio whole/bare:   {t_bare / t_whole:.3f}")
    print(f"peak RSS:           {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
