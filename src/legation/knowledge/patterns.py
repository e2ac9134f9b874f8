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
from typing import Literal

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


def data_path(name: str = "verbs.yaml") -> Path:
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


def read_user_patterns(path: Path) -> tuple[list[Pattern], list[Pattern]]:
    """A user's pattern file: verb entries (``verbs:``, as in verbs.yaml) and noun entries
    (``nouns:``, as in nouns.yaml) in one list; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read pattern file {path}: {exc}") from exc
    if not isinstance(data, list):
        raise KnowledgeError(f"{path}: expected a list of patterns (- code: ..., verbs: [...])")
    lines = [n for n, ln in enumerate(text.splitlines(), 1) if ln.startswith("- ")]
    verbs, nouns = [], []
    for i, raw in enumerate(data):
        where = f"{path.name}:{lines[i] if i < len(lines) else 0}"
        if isinstance(raw, dict) and "nouns" in raw:
            nouns.append(_entry(raw, where, "nouns", "modifier"))
        else:
            verbs.append(_entry(raw, where, "verbs", "object"))
    return verbs, nouns


def load_patterns(paths: Sequence[Path] = ()) -> PatternSet:
    """The packaged patterns after the user's files ``paths`` (whose entries come first)."""
    user = [read_user_patterns(p) for p in paths]
    verbs = [*(p for v, _ in user for p in v), *_read(data_path(), "verbs", "object")]
    nouns = [*(p for _, n in user for p in n),
             *_read(data_path("nouns.yaml"), "nouns", "modifier")]
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
    path = path or data_path("modality.tsv")
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
