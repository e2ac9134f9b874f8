"""``legation check-knowledge``: tell a user file's kind and validate it with the loader that
will read it, so a mistake is found before a long run (the loaders' errors name file and line)."""

from __future__ import annotations

from pathlib import Path

import yaml

from legation.errors import KnowledgeError
from legation.knowledge.actors import load_actor_kb
from legation.knowledge.patterns import read_user_patterns


def check_file(path: Path) -> str:
    """What the file holds ("12 verb patterns, 3 noun patterns", "an actor file") once it is
    valid; KnowledgeError says what is wrong and where."""
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise KnowledgeError(f"cannot read {path}: {exc}") from exc
        if isinstance(data, list) and all(
                isinstance(e, dict) and ("verbs" in e or "nouns" in e) for e in data):
            verbs, nouns = read_user_patterns(path)
            return f"{len(verbs)} verb patterns, {len(nouns)} noun patterns"
    elif path.suffix.lower() != ".tsv":
        raise KnowledgeError(f"{path}: knowledge files are .tsv (countries, agents) or .yaml "
                             "(people, organizations, or a list of patterns)")
    before = load_actor_kb()
    after = load_actor_kb([path])
    added = len(after.people) - len(before.people), len(after.organizations) - len(
        before.organizations)
    return f"an actor file ({added[0]} people, {added[1]} organizations added)"
