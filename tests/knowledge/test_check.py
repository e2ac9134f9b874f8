"""User knowledge: --patterns changes what is coded; check-knowledge validates with lines."""

from pathlib import Path

import pytest

from legation.errors import KnowledgeError
from legation.knowledge.check import check_file

PATTERNS = '- code: "040"\n  verbs: [huddle]\n  target: [with]\n- code: "0231"\n  nouns: [huddle]\n'


def test_a_pattern_file_is_told_apart_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(PATTERNS)
    assert check_file(path) == "1 verb patterns, 1 noun patterns"


def test_errors_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('- code: "040"\n  verbs: [meet]\n- code: "999"\n  verbs: [greet]\n')
    with pytest.raises(KnowledgeError, match=r"bad\.yaml:3"):
        check_file(bad)
    people = tmp_path / "people.yaml"
    people.write_text("people:\n  - name: A B\n    roles: []\n")
    with pytest.raises(KnowledgeError, match=r"line 2, person #1"):
        check_file(people)
    with pytest.raises(KnowledgeError, match=r"\.tsv .* or \.yaml"):
        check_file(tmp_path / "notes.txt")


def test_patterns_option_codes_with_the_users_patterns(tmp_path: Path) -> None:
    from conftest import run_cli

    path = tmp_path / "mine.yaml"
    path.write_text(PATTERNS)
    sentence = "Russia huddled with Turkey on Monday."
    plain = run_cli("explain", sentence, "--json")
    mine = run_cli("explain", sentence, "--json", "--patterns", str(path))
    assert '"040"' not in plain.output and '"cameo": "040"' in mine.output
    checked = run_cli("check-knowledge", str(path))
    assert checked.exit_code == 0 and "1 verb patterns" in checked.output
    (tmp_path / "bad.yaml").write_text('- code: "999"\n  verbs: [x]\n')
    refused = run_cli("check-knowledge", str(path), str(tmp_path / "bad.yaml"))
    assert refused.exit_code == 1 and "bad.yaml:1" in refused.stderr
