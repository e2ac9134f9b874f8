"""verbs.yaml: every entry loads, names a real code, and malformed files say where."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.errors import KnowledgeError
from legation.knowledge import codes
from legation.knowledge.patterns import default_patterns, load_patterns, modality_codes
from legation.knowledge.words import coder_words, place_words


def test_every_pattern_names_a_known_code_and_has_a_target_or_is_symmetric() -> None:
    patterns = default_patterns()
    entries = {p for ps in patterns.by_verb.values() for p in ps}
    assert len(entries) >= 20
    for p in entries:
        assert codes.lookup(p.code).code == p.code
        assert p.target or p.symmetric, p.rule


def test_light_verb_entries_precede_bare_verbs() -> None:
    """"beat up" and "hold talks" must be tried before any bare "beat" or "hold" entry: phrasal
    verbs first, then verbs with objects or subjects, then bare verbs."""
    for verb, entries in default_patterns().by_verb.items():
        ranks = [0 if p.particles else (1 if p.objects or p.subjects else 2) for p in entries]
        assert ranks == sorted(ranks), f"{verb}: {[p.rule for p in entries]}"


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


def test_modality_table_names_the_root_of_each_frame() -> None:
    table = modality_codes()
    roots = {"intended": ("03", "13"), "refused": ("12",), "appealed": ("02",),
             "demanded": ("10",), "threatened": ("13",)}
    for frame, allowed in roots.items():
        assert table.tables[frame], frame
        for base, code in table.tables[frame].items():
            if base != "*":
                codes.lookup(base)
            assert code[:2] in allowed, (frame, base, code)
    assert table.when_intended("0874") == "0356"  # the longest listed prefix wins
    assert table.code("demanded", "0832") == "1042"
    assert table.code("appealed", "0841") == "0253"
    assert table.code("threatened", "164") == "134"
    assert table.when_refused("111") is None
    assert table.frame_default("appealed") == "020"


def test_modality_table_rejects_a_wrong_header(tmp_path: Path) -> None:
    bad = tmp_path / "modality.tsv"
    bad.write_text("code\tintended\trefused\n04\t036\t125\n")
    with pytest.raises(KnowledgeError, match="header"):
        modality_codes(bad)


def test_coder_word_classes_load_and_malformed_files_say_what_is_missing(tmp_path: Path) -> None:
    words = coder_words()
    assert "say" in words.speech and "refuse" in words.refusal and "make" in words.support
    assert all(getattr(words, name) for name in words.__dataclass_fields__)
    bad = tmp_path / "words.yaml"
    bad.write_text("speech: [say]\n")
    with pytest.raises(KnowledgeError, match="missing or not a list: accusing"):
        coder_words(bad)


def test_place_word_classes_load_and_malformed_files_say_what_is_missing(tmp_path: Path) -> None:
    words = place_words()
    assert "near" in words.locative and "region" in words.place_nouns and "border" in \
        words.border_nouns
    bad = tmp_path / "places.yaml"
    bad.write_text("locative: [in]\n")
    with pytest.raises(KnowledgeError, match="missing or not a list: place_nouns"):
        place_words(bad)


def test_an_unquoted_yaml_boolean_is_named_not_read_as_false(tmp_path: Path) -> None:
    assert "off" in place_words().locative and "false" not in place_words().locative
    bad = tmp_path / "places.yaml"
    bad.write_text("locative: [in, off]\nplace_nouns: [region]\nborder_nouns: [border]\n")
    with pytest.raises(KnowledgeError, match="locative: False is not a word; quote it"):
        place_words(bad)
