"""Event patterns: which verb (with which object) or noun codes which CAMEO event.

Loaded from verbs.yaml and nouns.yaml; the coder consults them by lemma, and nothing about
particular words lives in Python.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal, TypeVar

import yaml

from legation.errors import KnowledgeError
from legation.knowledge import codes

SLOTS_FIXED = {"dobj", "dative", "poss", "warned"}


@dataclass(frozen=True)
class Pattern:
    """One entry of verbs.yaml or nouns.yaml (see the headers of those files for the fields).

    ``objects`` are the required direct-object lemmas of a verb, or the required modifier
    words of a noun.
    """

    code: str
    lemmas: frozenset[str]
    objects: frozenset[str]
    target: tuple[str, ...]
    symmetric: bool
    where: str
    one_sided: bool = True  # may the event stand without a target?
    particles: frozenset[str] = frozenset()  # a phrasal verb's particle: "beat up", "blow up"
    unless: frozenset[str] = frozenset()  # object forms that keep the entry from matching
    subjects: frozenset[str] = frozenset()  # subject forms one of which the verb must have

    @property
    def rule(self) -> str:
        obj = f"+{'/'.join(sorted(self.objects))}" if self.objects else ""
        prt = f" {'/'.join(sorted(self.particles))}" if self.particles else ""
        return f"{self.where} {'/'.join(sorted(self.lemmas))}{prt}{obj}→{self.code}"


@dataclass(frozen=True)
class PatternSet:
    """Patterns indexed by lemma, in file order within each lemma."""

    by_verb: dict[str, tuple[Pattern, ...]]
    by_noun: dict[str, tuple[Pattern, ...]]

    def candidates(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_verb.get(lemma, ())

    def noun_candidates(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_noun.get(lemma, ())


def _default_path(name: str = "verbs.yaml") -> Path:
    return Path(str(resources.files("legation.knowledge") / "data" / name))


def _entry(raw: object, where: str, words: str = "verbs", objects: str = "object") -> Pattern:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: an entry must be a mapping")
    unknown = set(raw) - {"code", words, objects, "target", "symmetric", "one_sided",
                          *(("particle", "unless", "subject") if words == "verbs" else ())}
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {sorted(unknown)}")
    code = raw.get("code")
    if not isinstance(code, str):
        raise KnowledgeError(f"{where}: 'code' must be a quoted string such as \"042\"")
    try:
        codes.lookup(code)
    except KnowledgeError as exc:
        raise KnowledgeError(f"{where}: {exc}") from exc
    lemmas = raw.get(words)
    if not lemmas or not all(isinstance(v, str) for v in lemmas):
        raise KnowledgeError(f"{where}: '{words}' must be a non-empty list of lemmas")
    target = tuple(raw.get("target") or ())
    for slot in target:
        if not isinstance(slot, str) or not (
                slot in SLOTS_FIXED or slot.removesuffix("+place").isalpha()):
            raise KnowledgeError(f"{where}: unknown target slot {slot!r} (quote prepositions "
                                 "YAML reads as booleans: \"on\", \"off\")")
    one_sided = raw.get("one_sided", True)
    if not isinstance(one_sided, bool):
        raise KnowledgeError(f"{where}: 'one_sided' must be true or false")
    particles = raw.get("particle") or []
    if not isinstance(particles, list) or not all(isinstance(p, str) for p in particles):
        raise KnowledgeError(f"{where}: 'particle' must be a list of words such as [up]")
    unless = raw.get("unless") or []
    if not isinstance(unless, list) or not all(isinstance(u, str) for u in unless):
        raise KnowledgeError(f"{where}: 'unless' must be a list of object words such as [tone]")
    subjects = raw.get("subject") or []
    if not isinstance(subjects, list) or not all(isinstance(u, str) for u in subjects):
        raise KnowledgeError(f"{where}: 'subject' must be a list of words such as [peacekeeper]")
    return Pattern(code, frozenset(v.lower() for v in lemmas),
                   frozenset(o.lower() for o in raw.get(objects) or ()), target,
                   bool(raw.get("symmetric", False)), where, one_sided,
                   frozenset(p.lower() for p in particles), frozenset(u.lower() for u in unless),
                   frozenset(u.lower() for u in subjects))


def _read(path: Path, words: str, objects: str) -> list[Pattern]:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or []
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read pattern file {path}: {exc}") from exc
    if not isinstance(data, list):
        raise KnowledgeError(f"{path}: expected a list of patterns")
    lines = [n for n, ln in enumerate(text.splitlines(), 1) if ln.lstrip().startswith("- ")]
    return [_entry(raw, f"{path.name}:{lines[i] if i < len(lines) else 0}", words, objects)
            for i, raw in enumerate(data)]


def _index(entries: list[Pattern]) -> dict[str, tuple[Pattern, ...]]:
    index: dict[str, list[Pattern]] = {}
    for entry in entries:
        for lemma in entry.lemmas:
            index.setdefault(lemma, []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


def load_patterns(paths: Sequence[Path] = (), noun_paths: Sequence[Path] = ()) -> PatternSet:
    """Load the packaged pattern files after any user files (whose entries come first)."""
    verbs = [p for path in [*paths, _default_path()] for p in _read(path, "verbs", "object")]
    nouns = [p for path in [*noun_paths, _default_path("nouns.yaml")]
             for p in _read(path, "nouns", "modifier")]
    return PatternSet(_index(verbs), _index(nouns))


@functools.cache
def default_patterns() -> PatternSet:
    return load_patterns()


Frame = Literal["intended", "refused", "appealed", "demanded", "threatened", "denied"]
FRAMES: tuple[Frame, ...] = ("intended", "refused", "appealed", "demanded", "threatened",
                             "denied")


@dataclass(frozen=True)
class ModalityCodes:
    """modality.tsv: the code an event takes instead of its base code when a word governs it
    (intended, refused, appealed for, demanded, threatened), by the longest listed prefix."""

    tables: dict[str, dict[str, str]]

    def code(self, frame: Frame, code: str) -> str | None:
        """The governed event's code, or None to keep the base code."""
        table = self.tables[frame]
        for n in range(len(code), 1, -1):  # longest listed prefix wins
            if code[:n] in table:
                return table[code[:n]]
        return None

    def frame_default(self, frame: Frame) -> str | None:
        """The frame's own code for a governed event no row lists ("urged X to condemn Y":
        an appeal, 020)."""
        return self.tables[frame].get("*")

    def when_intended(self, code: str) -> str | None:
        return self.code("intended", code)

    def when_refused(self, code: str) -> str | None:
        return self.code("refused", code)


@functools.cache
def modality_codes(path: Path | None = None) -> ModalityCodes:
    """Load modality.tsv, checking its header and that every code it names exists."""
    path = path or _default_path("modality.tsv")
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    header = rows[0].split("\t") if rows else []
    if header != ["code", *FRAMES]:
        raise KnowledgeError(f"{path.name}: header must be code, {', '.join(FRAMES)}")
    tables: dict[str, dict[str, str]] = {frame: {} for frame in FRAMES}
    for n, row in enumerate(rows[1:], 2):
        base, *rest = row.split("\t")
        for frame, value in zip(FRAMES, [*rest, *[""] * len(FRAMES)][:len(FRAMES)],
                                strict=True):
            if value:
                try:
                    codes.lookup(value)
                except KnowledgeError as exc:
                    raise KnowledgeError(f"{path.name}: row {n}: {exc}") from exc
                tables[frame][base] = value
    return ModalityCodes(tables)


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
    path = path or _default_path("coder_words.yaml")
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
    path = path or _default_path("place_words.yaml")
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
    return cls(**{n: frozenset(str(w).lower() for w in data[n]) for n in names})
