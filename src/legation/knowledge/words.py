"""Word classes the extractors read the parse with (coder_words.yaml, place_words.yaml,
cues.yaml), loaded into the knowledge bundle so that extraction reads them from what it is given.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from legation.errors import KnowledgeError
from legation.knowledge.patterns import data_path


@dataclass(frozen=True)
class CoderWords:
    """coder_words.yaml: the word classes the coder reads the parse with."""

    speech: frozenset[str]
    accusing: frozenset[str]
    negating: frozenset[str]
    refusal: frozenset[str]
    intent: frozenset[str]
    ready: frozenset[str]
    demand: frozenset[str]
    appeal: frozenset[str]
    threat: frozenset[str]
    warning: frozenset[str]
    warning_aux: frozenset[str]
    undergo: frozenset[str]
    forecasting: frozenset[str]
    denial: frozenset[str]
    transparent: frozenset[str]
    considering: frozenset[str]
    hypothetical_aux: frozenset[str]
    obligation_aux: frozenset[str]
    future_aux: frozenset[str]
    support: frozenset[str]
    response: frozenset[str]
    on_state: frozenset[str]
    domestic: frozenset[str]
    setting_preps: frozenset[str]


@functools.cache
def coder_words(path: Path | None = None) -> CoderWords:
    """Load coder_words.yaml; every class must be present and a list of words."""
    path = path or data_path("coder_words.yaml")
    return _word_classes(path, CoderWords)



_T = TypeVar("_T")


@dataclass(frozen=True)
class PlaceWords:
    """place_words.yaml: the word classes the place extractor reads the parse with."""

    locative: frozenset[str]
    place_nouns: frozenset[str]
    border_nouns: frozenset[str]


@functools.cache
def place_words(path: Path | None = None) -> PlaceWords:
    """Load place_words.yaml; every class must be present and a list of words."""
    path = path or data_path("place_words.yaml")
    return _word_classes(path, PlaceWords)


def _word_classes(path: Path, cls: type[_T]) -> _T:
    """A YAML file of word lists as ``cls``: every field a list, lower-cased."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read {path}: {exc}") from exc
    names = list(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    missing = [n for n in names if not isinstance(data.get(n), list)]
    if missing:
        raise KnowledgeError(f"{path.name}: missing or not a list: {', '.join(missing)}")
    for n in names:
        # YAML reads a bare off, on, no or yes as a boolean: a word lost without a word said
        odd = [w for w in data[n] if not isinstance(w, str)]
        if odd:
            raise KnowledgeError(f"{path.name}: {n}: {odd[0]!r} is not a word; quote it "
                                 "(YAML reads off, on, no and yes unquoted as true or false)")
    return cls(**{n: frozenset(w.lower() for w in data[n]) for n in names})


@dataclass(frozen=True)
class Cues:
    """Cue words (knowledge/data/cues.yaml)."""

    verbs: frozenset[str]
    that_verbs: frozenset[str]
    phrasal: frozenset[tuple[str, str]]
    relay: frozenset[str]
    charges: frozenset[tuple[str, str]]


@functools.cache
def load_cues() -> Cues:
    """The packaged cue list, read once."""
    data = yaml.safe_load(data_path("cues.yaml").read_text(encoding="utf-8"))
    phrasal = (tuple(p.split()) for p in data["phrasal"])
    charges = (tuple(p.split()) for p in data["charges"])
    return Cues(frozenset(data["verbs"]), frozenset(data["that_verbs"]),
                frozenset((v, p) for v, p in phrasal), frozenset(data["relay"]),
                frozenset((v, p) for v, p in charges))
