"""How each outlet told a merged event or a story: its sentences, its loaded words, the words
only it uses, its quotations, whom it names as doers and as targets, and its tone.

Tone is defined by the lexicon (``knowledge/data/evaluative.tsv``) so that a reader can check
it: (positive − negative evaluative terms) per 100 words of the outlet's sentences, with the
terms listed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from legation.errors import KnowledgeError

WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
MIN_DISTINCT_LENGTH = 4  # shorter words are rarely what sets an outlet apart


@functools.cache
def evaluative_terms() -> dict[str, str]:
    """evaluative.tsv: term → "+" or "-"."""
    text = resources.files("legation.knowledge").joinpath("data/evaluative.tsv").read_text(
        encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not rows or rows[0] != ["term", "polarity"]:
        raise KnowledgeError("evaluative.tsv: want a term/polarity header")
    bad = [r for r in rows[1:] if len(r) != 2 or r[1] not in ("+", "-")]
    if bad:
        raise KnowledgeError(f"evaluative.tsv: rows need a term and + or -: {bad[:3]}")
    return {term: polarity for term, polarity in rows[1:]}


def _lexicon_form(word: str, lexicon: dict[str, str]) -> str | None:
    """The lexicon entry a word is a form of: itself, or without a plural or verb ending."""
    for form in (word, word[:-1] if word.endswith("s") else "", word[:-2]
                 if word.endswith(("es", "ed")) else "", word[:-1] if word.endswith("d") else ""):
        if form and form in lexicon:
            return form
    return None


def tone(sentences: list[str]) -> float:
    """(positive − negative evaluative terms) per 100 words of ``sentences`` (0 when empty)."""
    words = _words(sentences)
    loaded = _loaded(words, evaluative_terms())
    return _tone(words, loaded, evaluative_terms())


def _loaded(words: list[str], lexicon: dict[str, str]) -> Counter[str]:
    return Counter(f for w in words if (f := _lexicon_form(w, lexicon)))


def _tone(words: list[str], loaded: Counter[str], lexicon: dict[str, str]) -> float:
    positive = sum(n for f, n in loaded.items() if lexicon[f] == "+")
    negative = sum(n for f, n in loaded.items() if lexicon[f] == "-")
    return round(100 * (positive - negative) / len(words), 2) if words else 0.0


@dataclass
class OutletTelling:
    """What one outlet's articles say about the happening."""

    outlet: str
    article_ids: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    doers: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


def _words(sentences: list[str]) -> list[str]:
    return [w.lower() for s in sentences for w in WORD.findall(s)]


def compare(tellings: list[OutletTelling]) -> list[dict[str, Any]]:
    """One record an outlet: sentences, loaded terms (``only_here`` when no other outlet uses
    them), distinct words, quotes, doers, targets and tone with the terms behind it."""
    lexicon = evaluative_terms()
    words = {t.outlet: _words(t.sentences) for t in tellings}
    vocab = {o: set(ws) for o, ws in words.items()}
    out = []
    for telling in tellings:
        mine = words[telling.outlet]
        others = set().union(*(v for o, v in vocab.items() if o != telling.outlet))
        others_loaded = {f for w in others if (f := _lexicon_form(w, lexicon))}
        loaded = _loaded(mine, lexicon)
        positive = sum(n for f, n in loaded.items() if lexicon[f] == "+")
        negative = sum(n for f, n in loaded.items() if lexicon[f] == "-")
        distinct = sorted({w for w in mine if w not in others and w not in STOP_WORDS
                           and len(w) >= MIN_DISTINCT_LENGTH}) if len(tellings) > 1 else []
        out.append({
            "outlet": telling.outlet, "article_ids": telling.article_ids,
            "sentences": telling.sentences,
            "loaded_terms": [{"term": f, "polarity": lexicon[f], "count": n,
                              "only_here": len(tellings) > 1 and f not in others_loaded}
                             for f, n in sorted(loaded.items())],
            "distinct_words": distinct,
            "quotes": telling.quotes,
            "doers": sorted(Counter(telling.doers), key=lambda d: (-telling.doers.count(d), d)),
            "targets": sorted(Counter(telling.targets),
                              key=lambda d: (-telling.targets.count(d), d)),
            "words": len(mine),
            "tone": _tone(mine, loaded, lexicon),
            "tone_terms": {"positive": positive, "negative": negative},
        })
    return out
