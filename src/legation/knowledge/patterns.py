"""Verb patterns: which verb (with which object) codes which CAMEO event, loaded from YAML.

The coder consults these by lemma; nothing about particular verbs lives in Python.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from legation.errors import KnowledgeError
from legation.knowledge import codes

SLOTS_FIXED = {"dobj", "dative", "poss"}


@dataclass(frozen=True)
class VerbPattern:
    """One entry of verbs.yaml (see the header of that file for the fields)."""

    code: str
    verbs: frozenset[str]
    objects: frozenset[str]
    target: tuple[str, ...]
    symmetric: bool
    line: int

    @property
    def rule(self) -> str:
        obj = f"+{'/'.join(sorted(self.objects))}" if self.objects else ""
        return f"verbs.yaml:{self.line} {'/'.join(sorted(self.verbs))}{obj}→{self.code}"


@dataclass(frozen=True)
class PatternSet:
    """Patterns indexed by verb lemma, in file order within each lemma."""

    by_verb: dict[str, tuple[VerbPattern, ...]]

    def candidates(self, lemma: str) -> tuple[VerbPattern, ...]:
        return self.by_verb.get(lemma, ())


def _default_path() -> Path:
    return Path(str(resources.files("legation.knowledge") / "data" / "verbs.yaml"))


def _entry(raw: object, where: str, line: int) -> VerbPattern:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: an entry must be a mapping")
    code = raw.get("code")
    if not isinstance(code, str):
        raise KnowledgeError(f"{where}: 'code' must be a quoted string such as \"042\"")
    try:
        codes.lookup(code)
    except KnowledgeError as exc:
        raise KnowledgeError(f"{where}: {exc}") from exc
    verbs = raw.get("verbs")
    if not verbs or not all(isinstance(v, str) for v in verbs):
        raise KnowledgeError(f"{where}: 'verbs' must be a non-empty list of lemmas")
    target = tuple(raw.get("target") or ())
    for slot in target:
        if not isinstance(slot, str) or not (slot in SLOTS_FIXED or slot.isalpha()):
            raise KnowledgeError(f"{where}: unknown target slot {slot!r} (quote prepositions "
                                 "YAML reads as booleans: \"on\", \"off\")")
    return VerbPattern(code, frozenset(v.lower() for v in verbs),
                       frozenset(o.lower() for o in raw.get("object") or ()), target,
                       bool(raw.get("symmetric", False)), line)


def load_patterns(paths: Sequence[Path] = ()) -> PatternSet:
    """Load the packaged verbs.yaml followed by any user files (their entries come first)."""
    entries: list[VerbPattern] = []
    for path in [*paths, _default_path()]:
        try:
            text = path.read_text(encoding="utf-8")
            data = yaml.safe_load(text) or []
        except (OSError, yaml.YAMLError) as exc:
            raise KnowledgeError(f"cannot read pattern file {path}: {exc}") from exc
        if not isinstance(data, list):
            raise KnowledgeError(f"{path}: expected a list of patterns")
        lines = [n for n, ln in enumerate(text.splitlines(), 1) if ln.lstrip().startswith("- ")]
        for i, raw in enumerate(data):
            line = lines[i] if i < len(lines) else 0
            entries.append(_entry(raw, f"{path.name}:{line}", line))
    by_verb: dict[str, list[VerbPattern]] = {}
    for entry in entries:
        for verb in entry.verbs:
            by_verb.setdefault(verb, []).append(entry)
    return PatternSet({k: tuple(v) for k, v in by_verb.items()})


@functools.cache
def default_patterns() -> PatternSet:
    return load_patterns()
