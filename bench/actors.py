"""Actor resolution against ../shared/eval/actor_cases_dev.jsonl: the share right, and misses.

Usage: python bench/actors.py [--misses]

A case is right when the resolved country and sector equal the expected ones (a null
expectation is not checked), the rule the evaluation data states.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from legation.extract.actors import actor_resolver
from legation.knowledge.bundle import load_knowledge
from legation.nlp import load_model
from legation.read import normalise_chars

CASES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "actor_cases_dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args()
    nlp = load_model()
    resolver = actor_resolver(load_knowledge(), nlp.vocab)
    cases = [json.loads(x) for x in args.cases.read_text().splitlines() if x.strip()]
    right = 0
    for case, doc in zip(cases, nlp.pipe(normalise_chars(c["mention"]) for c in cases),
                         strict=True):
        got = resolver.resolve_phrase(doc, case["date"])
        country, sector = got.country, got.sector
        ok = case["country"] in (None, country) and case["sector"] in (None, sector)
        right += ok
        if args.misses and not ok:
            print(f"miss {case['mention']!r} ({case['date']}): expected "
                  f"{case['country']}/{case['sector']}, got {country}/{sector} "
                  f"({got.rule})")
    print(f"actor cases right (country and sector): {right}/{len(cases)} = "
          f"{right / len(cases):.3f}")


if __name__ == "__main__":
    main()
