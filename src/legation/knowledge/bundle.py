"""Everything the coder knows, loaded once: actors, verb patterns, and their provenance hash.

Pure data: extraction builds what it needs from it (``extract.actors.actor_resolver``), so the
knowledge layer imports nothing of the extractors, and the bundle pickles (Dask ships it to
workers).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from legation.knowledge.actors import ActorKB, load_actor_kb
from legation.knowledge.patterns import (
    ModalityCodes,
    PatternSet,
    default_patterns,
    load_patterns,
    modality_codes,
)
from legation.knowledge.words import (
    CoderWords,
    Cues,
    PlaceWords,
    coder_words,
    load_cues,
    place_words,
)

DATA_SUFFIXES = (".tsv", ".yaml")  # the data files; their README is not knowledge


@dataclass(frozen=True)
class Knowledge:
    """Everything extraction reads, with the hash of the files it came from."""

    actors: ActorKB
    patterns: PatternSet
    words: CoderWords
    place_words: PlaceWords
    cues: Cues
    modality: ModalityCodes
    hash: str


def _files_hash(actor_files: tuple[Path, ...], pattern_files: tuple[Path, ...]) -> str:
    """SHA-1 over every knowledge data file, stored with each coded article for provenance."""
    digest = hashlib.sha1()
    data = resources.files("legation.knowledge") / "data"
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        if item.is_file() and item.name.endswith(DATA_SUFFIXES):
            digest.update(item.name.encode() + item.read_bytes())
    for kind, paths in (("actors", actor_files), ("patterns", pattern_files)):
        for path in paths:
            digest.update(kind.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def load_knowledge(actor_files: tuple[Path, ...] = (), pattern_files: tuple[Path, ...] = ()
                   ) -> Knowledge:
    """Load (once per set of user files) the packaged knowledge plus the user's actor and
    pattern files; the hash covers the user's files too."""
    patterns = load_patterns(pattern_files) if pattern_files else default_patterns()
    return Knowledge(load_actor_kb(actor_files), patterns, coder_words(), place_words(),
                     load_cues(), modality_codes(), _files_hash(actor_files, pattern_files))
