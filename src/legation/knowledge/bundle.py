"""Everything the coder knows, loaded once: actors, verb patterns, and their provenance hash."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.vocab import Vocab

from legation.extract.actors import ActorResolver
from legation.knowledge.actors import ActorKB, load_actor_kb
from legation.knowledge.patterns import PatternSet, default_patterns


@dataclass
class Knowledge:
    """Actor KB and patterns; the resolver's matcher is built per vocabulary on first use."""

    actors: ActorKB
    patterns: PatternSet
    hash: str
    _resolvers: dict[int, ActorResolver] = field(default_factory=dict, repr=False)

    def resolver(self, vocab: Vocab) -> ActorResolver:
        key = id(vocab)
        if key not in self._resolvers:
            self._resolvers[key] = ActorResolver(self.actors, vocab)
        return self._resolvers[key]


def _files_hash(extra: tuple[Path, ...]) -> str:
    """SHA-1 over every knowledge file, stored with each coded article for provenance."""
    digest = hashlib.sha1()
    data = resources.files("legation.knowledge") / "data"
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        if item.is_file():
            digest.update(item.name.encode() + item.read_bytes())
    for path in extra:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def load_knowledge(actor_files: tuple[Path, ...] = ()) -> Knowledge:
    """Load (once per set of user files) the packaged knowledge plus the user's actor files."""
    return Knowledge(load_actor_kb(actor_files), default_patterns(), _files_hash(actor_files))
