"""Throughput of the whole ``legation code`` path against a bare spaCy parse, in one run.

Usage: python bench/throughput.py [--sizes 60 600] [--workers 1] [--corpus DIR ...]

For each size, that many distinct articles are written (the sample corpus and the seeds, each
copy made distinct by a closing sentence of its own), then timed three ways in this process:
a bare ``nlp.pipe`` of the same texts with the same pipeline and processes; the whole
``legation code`` path into a fresh database; and the stages apart (reading, parsing,
extraction, storing), so that what costs beyond the parse shows. The ratio bare / whole is the
figure to quote: absolute numbers on a shared machine drift between runs, ratios much less.
The knowledge load happens once per process and is timed apart.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from legation.read import read_inputs
from legation.records import Article
from legation.run import BATCH_SIZE, Coder, code_inputs
from legation.store import Store

REPO = Path(__file__).resolve().parent.parent


def make_corpus(sources: list[Path], size: int, into: Path) -> None:
    """``size`` distinct .txt articles from the .txt/.html files of ``sources``."""
    files = [f for src in sources for f in sorted(src.rglob("*")) if f.suffix in (".txt", ".html")]
    for n in range(size):
        f = files[n % len(files)]
        text = f.read_text(encoding="utf-8")
        (into / f"{n:05d}_{f.stem}.txt").write_text(
            f"{text.rstrip()}\n\nThis is copy number {n} of the article.\n", encoding="utf-8")


def stages(coder: Coder, folder: Path, db: Path, workers: int) -> dict[str, float]:
    """Seconds spent reading, parsing, extracting and storing, each measured on its own."""
    t0 = time.perf_counter()
    articles = [a for a in read_inputs([str(folder)]) if isinstance(a, Article)]
    t1 = time.perf_counter()
    docs = list(coder.nlp.pipe((a.clean for a in articles), batch_size=BATCH_SIZE,
                               n_process=workers))
    t2 = time.perf_counter()
    coded = [coder.extract(a, d) for a, d in zip(articles, docs, strict=True)]
    t3 = time.perf_counter()
    with Store(db) as store:
        for i in range(0, len(coded), BATCH_SIZE):
            store.write_articles(coded[i:i + BATCH_SIZE], coder.provenance)
    t4 = time.perf_counter()
    return {"reading": t1 - t0, "parsing": t2 - t1, "extraction": t3 - t2, "storing": t4 - t3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 600])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--corpus", type=Path, nargs="*",
                        default=[REPO / "examples" / "corpus", REPO.parent / "shared" / "seeds"])
    args = parser.parse_args()
    sources = [p for p in args.corpus if p.exists()]
    t0 = time.perf_counter()
    coder = Coder()
    coder.code_text("Russia met Turkey in Moscow.")  # matcher and gazetteer built: a one-off
    print(f"model + knowledge load, matcher build (once per process): "
          f"{time.perf_counter() - t0:.2f} s; workers={args.workers}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            make_corpus(sources, size, folder)
            texts = [a.clean for a in read_inputs([str(folder)]) if isinstance(a, Article)]
            words = sum(len(t.split()) for t in texts)
            t0 = time.perf_counter()
            for _ in coder.nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=args.workers):
                pass
            bare = time.perf_counter() - t0
            t0 = time.perf_counter()
            with Store(Path(tmp) / "whole.duckdb") as store:
                summary = code_inputs([str(folder)], store, coder, workers=args.workers)
            whole = time.perf_counter() - t0
            split = stages(coder, folder, Path(tmp) / "stages.duckdb", args.workers)
        total = sum(split.values())
        print(f"{size} articles ({words:,} words, {summary.events} events, {summary.failed} "
              f"failed): bare parse {bare:.1f} s, legation code {whole:.1f} s, "
              f"ratio bare/whole {bare / whole:.3f}")
        print("  stages: " + ", ".join(f"{k} {v:.1f} s ({100 * v / total:.0f}%)"
                                       for k, v in split.items()))


if __name__ == "__main__":
    main()
