"""Every command the README shows, and the bad option values users have tried, ends in output or
a clear message: never an unhandled exception (a traceback)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_cli

BAD_VALUES = [
    ["events", "--since", "garbage"],
    ["events", "--until", "2015-13-01"],
    ["export", "--format", "csv", "--out", "/nonexistent/x.csv"],
    ["export", "--format", "xml", "--out", "x.xml"],
    ["explain", "Russia rejected the plan.", "--date", "yesterday"],
    ["times", "story.txt", "--published", "March"],
    ["dyad", "USA", "RUS", "--interval", "fortnight"],
    ["dyad", "USA", "RUS", "--plot", "plot.gif"],
    ["compare", "M-000000000000"],
    ["recode", "--db", "missing.duckdb"],
    ["check-knowledge", "story.txt"],
    ["code", "story.txt", "--max-chars", "2000000"],
    ["code", "empty"],
    ["code", "story.txt", "--manifest", "bad_manifest.jsonl"],
    ["code", "story.txt", "--scheduler", "nowhere"],
    ["code", "story.txt", "--scheduler", "local:0"],
]


def readme_commands() -> list[list[str]]:
    """The ``legation …`` lines of the README's shell blocks, without comments and pipes."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split(" #")[0].strip()
            if "legation " not in line or line.startswith(("python", ".venv", "cd ")):
                continue
            words = shlex.split(line.split("| ", 1)[-1])
            if words[0].endswith("legation") and words[1] != "serve":  # serve blocks
                out.append(words[1:])
    return out


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory, corpus_db: Path) -> Path:
    """A folder with news.duckdb (the sample corpus) and a story.txt, as the README assumes."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copy(corpus_db, folder / "news.duckdb")
    (folder / "story.txt").write_text("Russia rejected the US offer on Tuesday.\n")
    (folder / "empty").mkdir()
    (folder / "bad_manifest.jsonl").write_text('{"file": "story.txt"\n')
    return folder


def test_the_readme_shows_commands() -> None:
    names = {c[0] for c in readme_commands()}
    assert {"code", "events", "export", "dyad", "stories", "compare", "eval", "explain",
            "runs", "recode"} <= names


@pytest.mark.parametrize("args", readme_commands() + BAD_VALUES, ids=" ".join)
def test_no_traceback(args: list[str], workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("LEGATION_DB", str(workdir / "news.duckdb"))
    result = run_cli(*args, input="")
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}")
    assert "Traceback" not in result.output + (result.stderr or "")
    if args in BAD_VALUES:
        assert result.exit_code in (1, 2) and (result.stderr or result.output).strip()
