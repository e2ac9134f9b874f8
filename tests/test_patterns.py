"""verbs.yaml: every entry loads, names a real code, and malformed files say where."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.errors import KnowledgeError
from legation.knowledge import codes
from legation.knowledge.patterns import (
    coder_words,
    default_patterns,
    load_patterns,
    modality_codes,
)


def test_every_pattern_names_a_known_code_and_has_a_target_or_is_symmetric() -> None:
    patterns = default_patterns()
    entries = {p for ps in patterns.by_verb.values() for p in ps}
    assert len(entries) >= 20
    for p in entries:
        assert codes.lookup(p.code).code == p.code
        assert p.target or p.symmetric, p.rule


def test_light_verb_entries_precede_bare_verbs() -> None:
    """"hold talks" must be tried before any bare "hold" entry, so objects come first."""
    for verb, entries in default_patterns().by_verb.items():
        seen_bare = False
        for p in entries:
            assert not (seen_bare and p.objects), f"{verb}: {p.rule} comes after a bare entry"
            seen_bare = seen_bare or not p.objects


def test_user_patterns_come_first(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('- {code: "0231", verbs: [meet], target: [dobj]}\n')
    assert load_patterns([extra]).candidates("meet")[0].code == "0231"


@pytest.mark.parametrize("body, message", [
    ('- {code: 42, verbs: [meet]}\n', "quoted string"),
    ('- {code: "999", verbs: [meet]}\n', "999"),
    ('- {code: "040", verbs: []}\n', "non-empty list"),
    ('- {code: "040", verbs: [meet], target: ["with me"]}\n', "unknown target slot"),
    ('- {code: "040", verbs: [meet], one-sided: false}\n', "unknown key"),
    ('- {code: "040", verbs: [meet], one_sided: maybe}\n', "one_sided"),
    ("code: 040\n", "expected a list"),
    ("- [unclosed\n", "cannot read"),
])
def test_malformed_pattern_file(tmp_path: Path, body: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body)
    with pytest.raises(KnowledgeError, match=message):
        load_patterns([bad])


def test_modality_table_names_intent_threat_and_refusal_codes() -> None:
    table = modality_codes()
    assert table.intended and table.refused
    for base, code in table.intended.items():
        codes.lookup(base)
        assert code[:2] in ("03", "13"), (base, code)  # intent to cooperate, or a threat
    for base, code in table.refused.items():
        codes.lookup(base)
        assert code[:2] == "12", (base, code)
    assert table.when_intended("0874") == "0356"  # the longest listed prefix wins
    assert table.when_refused("111") is None


def test_coder_word_classes_load_and_malformed_files_say_what_is_missing(tmp_path: Path) -> None:
    words = coder_words()
    assert "say" in words.speech and "refuse" in words.refusal and "make" in words.support
    assert all(getattr(words, name) for name in words.__dataclass_fields__)
    bad = tmp_path / "words.yaml"
    bad.write_text("speech: [say]\n")
    with pytest.raises(KnowledgeError, match="missing or not a list: accusing"):
        coder_words(bad)
