"""Hostile inputs mixed with good articles: the run finishes, every bad input is named with
its reason, every good article is stored, the summary equals what the database holds; and a
run killed with kill -9 leaves no half-stored article, and a rerun ends where an uninterrupted
run does."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import CORPUS, run_cli

from legation.store import Store

GOOD = {"good1.txt": "Russia condemned Turkey over the border incident on Monday.\n",
        "good2.txt": "Iran praised Iraq for its help in the talks on Tuesday.\n"}


def hostile(folder: Path) -> dict[str, str]:
    """Write the bad inputs; returns each one's name → a word its failure reason must hold."""
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "huge.txt").write_text("word " * 20_000)  # over --max-chars below
    (folder / "deep.html").write_text("<div>" * 1000 + "x" + "</div>" * 1000)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    paragraphs = "".join(f"<p>Egypt hosted talks with Qatar on Sunday about the border, and "
                         f"officials of both said the meeting number {n} went well.</p>"
                         for n in range(6))
    (folder / "good1.html").write_text(f"<html><head><title>Talks</title></head><body>"
                                       f"<article>{paragraphs}</article></body></html>")
    lines = [{"id": "same", "text": "China met India on Friday."},
             {"id": "same", "text": "Chad accused Sudan on Friday."}]
    (folder / "lines.jsonl").write_bytes(
        "\n".join(json.dumps(x) for x in lines).encode() + b'\n{"text": "bad \xff"}\n')
    return {"binary.txt": "binary", "latin1.txt": "UTF-8", "empty.txt": "empty",
            "huge.txt": "max-chars", "deep.html": "", "pipe.txt": "FIFO",
            "zero.txt": "device", "loop.txt": "loop", "good1.txt": "already read",
            "lines.jsonl:2": "already read", "lines.jsonl:3": "UTF-8"}


def test_a_hostile_batch_names_every_bad_input_and_stores_every_good_one(tmp_path: Path
                                                                        ) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text)
    (folder / "emoji.txt").write_text("😀" * 20_000)  # coded, not stuck
    (folder / "quotes.txt").write_text('"' * 20_000)
    (folder / "[bold]markup.txt").write_text("Syria accused Israel on Monday.\n")
    bad = hostile(folder)
    db = tmp_path / "h.duckdb"
    result = run_cli("code", str(folder), str(folder / "lines.jsonl"), "--db", str(db),
                     "--max-chars", "50000")  # a folder holds articles; JSONL is given apart
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr + result.output
    flat = " ".join(result.stderr.split())  # Rich wraps long lines
    failures = [f.strip() for f in flat.split("failed: ")[1:]]
    for name, why in bad.items():
        line = next((f for f in failures if f.split(": ", 1)[0].endswith(f"/{name}")), None)
        assert line is not None, (name, [f.split(": ", 1)[0].rsplit("/", 1)[-1] for f in failures])
        assert why in line, (name, line)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
    # good1.html is read first (path order), so good1.txt is the named one; the first "same"
    assert {"good2", "good1", "emoji", "quotes", "[bold]markup", "same"} <= stored
    assert f"{len(stored)} coded" in result.output and "[bold]markup" in result.output


def test_kill_9_mid_run_leaves_a_whole_store_and_a_rerun_ends_as_one_run(
        tmp_path: Path, corpus_db: Path) -> None:
    db = tmp_path / "k.duckdb"
    cmd = [str(Path(sys.executable).parent / "legation"), "code", str(CORPUS), "--manifest",
           str(CORPUS / "manifest.jsonl"), "--db", str(db)]
    run = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not db.exists() and time.monotonic() < deadline:  # killed once it has begun writing
        time.sleep(0.1)
    time.sleep(1.5)
    run.send_signal(signal.SIGKILL)
    run.wait()
    with duckdb.connect(str(db)) as con:  # no half-stored article: every one is whole
        articles = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        for table in ("events", "stories", "article_terms"):
            held = {r[0] for r in con.execute(f"SELECT DISTINCT article_id FROM {table}")
                    .fetchall()}
            assert held <= articles, table
        assert len(con.execute("SELECT * FROM stories").fetchall()) == len(articles)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr

    def export(path: Path) -> list[str]:
        with Store(path, read_only=True) as store:
            return sorted(json.dumps(r, sort_keys=True, default=str)
                          for r in store.iter_events())

    assert export(db) == export(corpus_db)


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
