"""The CAMEO table: internally consistent, and equal to the published references in ../shared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import shared_path

from legation.errors import KnowledgeError
from legation.knowledge.codes import HEADER, load_codes, lookup, root

CODES = load_codes()

# PLOVER draft 0.8 drops CAMEO 01 and 02 (comments and appeals); 08 is split between CONCEDE
# and RETREAT, and its root takes CONCEDE like 080 "Yield".
ROOT_TYPES = {
    "01": None, "02": None, "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE",
    "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
    "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
# The 2021 map lists two codes that CAMEO 1.1b3 (and GDELT) do not have.
MAP_ONLY = {"1213", "1214"}
# The map puts the context pro_autocracy in the mode column of 175; we leave the mode empty.
MODE_EXCEPTIONS = {"175": None}


def _reference(name: str) -> list[str]:
    """Lines of a reference file after its header (the files have CRLF endings)."""
    text = shared_path("reference", name).read_text(encoding="latin-1")
    return text.splitlines()[1:]


def _plover_map() -> dict[str, set[tuple[str, str | None]]]:
    """Code → (type, mode) pairs from CAMEO2PLOVER: ``code: TYPE, mode, context # comment``.

    A code can appear twice (08 under CONCEDE and RETREAT, 175 repeated), hence a set.
    """
    mapping: dict[str, set[tuple[str, str | None]]] = {}
    text = shared_path("reference", "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        match = re.match(r"(\d{2,4}):([^#]*)", line)
        if match:
            fields = [f.strip() for f in match.group(2).split(",")]
            mode = fields[1] if len(fields) > 1 and fields[1] else None
            mapping.setdefault(match.group(1), set()).add((fields[0], mode))
    return mapping


def test_every_code_has_score_and_quad_class() -> None:
    assert len(CODES) == 311
    for code, entry in CODES.items():
        assert entry.code == code and entry.label
        assert isinstance(entry.goldstein, float) and -10 <= entry.goldstein <= 10
        assert entry.quad_class in (1, 2, 3, 4)


def test_quad_class_follows_root() -> None:
    bounds = {1: (1, 5), 2: (6, 8), 3: (9, 13), 4: (14, 20)}
    for entry in CODES.values():
        low, high = bounds[entry.quad_class]
        assert low <= int(root(entry.code)) <= high, entry


def test_every_root_has_its_plover_type_or_none() -> None:
    roots = {code: entry.plover_type for code, entry in CODES.items() if len(code) == 2}
    assert roots == ROOT_TYPES


def test_lookup_and_root() -> None:
    assert lookup("0211").label == "Appeal for economic cooperation"
    assert lookup("042").plover_mode == "visit"
    assert root("0211") == "02"
    with pytest.raises(KnowledgeError, match="unknown CAMEO event code '42'"):
        lookup("42")


def test_code_set_equals_reference() -> None:
    """GDELT's list has 106 glued onto the 1056 line ("...engagement106:[-5.0] ...")."""
    reference = set()
    for line in _reference("CAMEO.eventcodes.txt"):
        code, _, label = line.partition("\t")
        reference.add(code)
        reference.update(re.findall(r"(\d{2,4}):\[", label))
    assert "106" in reference
    print("missing:", sorted(reference - CODES.keys()), "extra:", sorted(CODES.keys() - reference))
    assert reference == CODES.keys()


def test_goldstein_equals_gdelt() -> None:
    reference = dict(line.split("\t") for line in _reference("CAMEO.goldsteinscale.txt"))
    assert reference.keys() == CODES.keys()
    wrong = {c: (CODES[c].goldstein, float(s)) for c, s in reference.items()
             if CODES[c].goldstein != float(s)}
    print("ours vs GDELT:", wrong)
    assert not wrong


def test_plover_types_and_modes_agree_with_map() -> None:
    mapping = _plover_map()
    assert mapping.keys() - CODES.keys() == MAP_ONLY
    wrong_type = {c: (CODES[c].plover_type, pairs) for c, pairs in mapping.items()
                  if c in CODES and CODES[c].plover_type not in {t for t, _ in pairs}}
    wrong_mode = {c: (CODES[c].plover_mode, pairs) for c, pairs in mapping.items()
                  if c in CODES and c not in MODE_EXCEPTIONS
                  and (CODES[c].plover_type, CODES[c].plover_mode) not in pairs}
    print("type disagreements:", wrong_type, "\nmode disagreements:", wrong_mode)
    assert not wrong_type and not wrong_mode
    assert all(CODES[c].plover_mode == mode for c, mode in MODE_EXCEPTIONS.items())
    unmapped = {c for c, e in CODES.items() if e.plover_type is None}
    assert unmapped == CODES.keys() - mapping.keys()


@pytest.mark.parametrize(("row", "message"), [
    ("040\tConsult", "expected 6 tab-separated fields"),
    ("40\tConsult\t1.0\t1\t\t", "not a CAMEO code"),
    ("040\tConsult\tone\t1\t\t", "not a number"),
    ("040\tConsult\t11.0\t1\t\t", "outside"),
    ("040\tConsult\t1.0\t3\t\t", "does not match root 04"),
    ("0411\tPhone\t1.0\t1\t\t", "no parent code 041"),
    ("04\tConsult again\t1.0\t1\t\t", "repeats line 2"),
])
def test_malformed_table_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "cameo.tsv"
    path.write_text("\t".join(HEADER) + "\n04\tConsult\t1.0\t1\tCONSULT\t\n" + row + "\n")
    with pytest.raises(KnowledgeError, match=message) as err:
        load_codes(path)
    assert f"{path}:3:" in str(err.value)


def test_bad_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cameo.tsv"
    path.write_text("code\tlabel\n")
    with pytest.raises(KnowledgeError, match=r"cameo\.tsv:1: header"):
        load_codes(path)


def test_kinds_of_code_come_from_the_table() -> None:
    from legation.knowledge import codes

    assert [c for c in ("042", "046", "036", "110") if codes.is_consultation(c)] == ["042", "046"]
    assert [c for c in ("180", "193", "202", "173") if codes.is_assault(c)] == ["180", "193",
                                                                              "202"]
    assert codes.is_statement("012") and not codes.is_statement("020")
    assert [c for c in ("0311", "036", "057", "040") if codes.is_intent(c)] == ["0311", "036"]
    assert [c for c in ("125", "1241", "111", "130") if codes.is_rejection(c)] == ["125", "1241"]
