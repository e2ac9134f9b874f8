"""The CLI end to end: real files, the real model, a real DuckDB file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import CORPUS
from conftest import run_cli as run

ARTICLE = (
    "Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry in Moscow. "
    "The two sides held talks on the conflict.\n\nTurkey condemned Russia over the incident.\n"
)
REQUIRED = {"event_id", "article_id", "sentence", "start", "end", "evidence", "source", "target",
            "cameo", "cameo_root", "quad_class", "goldstein", "plover_type", "plover_mode",
            "negated", "modality", "claimed_by", "event_date", "date_precision", "date_basis",
            "place", "confidence", "mentions"}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE)
    (d / "sub" / "b.txt").write_text("Iran praised Iraq for its help.\n")
    (d / "README.md").write_text("not an article")
    (d / "manifest.jsonl").write_text(
        json.dumps({"file": "a.txt", "outlet": "Test Wire", "published": "2015-05-07",
                    "title": "Talks"}) + "\n")
    return d


def test_code_directory_writes_db_and_out(corpus: Path, tmp_path: Path) -> None:
    db, out = tmp_path / "x.duckdb", tmp_path / "events.jsonl"
    result = run("code", str(corpus), "--manifest", str(corpus / "manifest.jsonl"),
                 "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "2 coded" in result.output and str(db.resolve()) in result.output
    con = duckdb.connect(str(db), read_only=True)
    ids = sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall())
    assert ids == ["a", "sub/b"]
    assert con.execute("SELECT outlet, published FROM articles WHERE article_id='a'"
                       ).fetchall()[0] == ("Test Wire", "2015-05-07")
    con.close()
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert events and all(e.keys() >= REQUIRED for e in events)
    meet = [e for e in events if e["cameo_root"] == "04"]
    assert {(e["source"]["country"], e["target"]["country"]) for e in meet} >= {("RUS", "USA")}
    for e in events:  # offsets point into the raw text
        text = ARTICLE if e["article_id"] == "a" else "Iran praised Iraq for its help.\n"
        assert e["source"]["text"] == text[e["source"]["start"]:e["source"]["end"]]


def test_rerun_adds_nothing_and_force_recodes(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    assert run("code", str(corpus), "--db", db).exit_code == 0
    before = duckdb.connect(db, read_only=True).execute("SELECT count(*) FROM events").fetchall()[0]
    second = run("code", str(corpus), "--db", db)
    assert "2 unchanged" in second.output
    third = run("code", str(corpus), "--db", db, "--force")
    assert "2 coded" in third.output
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchall()[0] == before
    assert con.execute("SELECT count(*) FROM runs").fetchall()[0][0] == 3
    con.close()
    dyadic = run("code", str(corpus), "--db", db, "--dyadic-only")  # other options: re-coded
    assert "2 coded" in dyadic.output
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM events WHERE target IS NULL").fetchall()[0][0] == 0
    con.close()


def test_bad_inputs_are_named_and_the_rest_is_coded(tmp_path: Path) -> None:
    d = tmp_path / "bad"
    d.mkdir()
    (d / "good.txt").write_text("Iran praised Iraq for its help.\n")
    (d / "empty.txt").write_text("  \n")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (d / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    (d / "long.txt").write_text("Iran praised Iraq. " * 20)
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text('{"id": "j1", "text": "Iran praised Iraq."}\nnot json\n{"id": "j3"}\n')
    db = str(tmp_path / "x.duckdb")
    result = run("code", str(d), str(jsonl), str(tmp_path / "missing.txt"), "--db", db,
                 "--max-chars", "100")
    assert result.exit_code == 1
    out = result.output
    for name in ("empty.txt", "binary.txt", "latin1.txt", "long.txt", "batch.jsonl:2",
                 "batch.jsonl:3", "missing.txt"):
        assert name in out, f"{name} not reported:\n{out}"
    ids = {r[0] for r in duckdb.connect(db, read_only=True).execute(
        "SELECT article_id FROM articles").fetchall()}
    assert ids == {"good", "j1"}


def test_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    result = run("code", "-", "--db", db, input="Iran praised Iraq for its help.\n")
    assert result.exit_code == 0, result.output
    (aid,) = duckdb.connect(db, read_only=True).execute(
        "SELECT article_id FROM articles").fetchall()[0]
    assert aid.startswith("sha1:") and len(aid) == len("sha1:") + 16


def test_events_filters_and_json(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    run("code", str(corpus), "--manifest", str(corpus / "manifest.jsonl"), "--db", db)
    rows = [json.loads(x) for x in run("events", "--db", db, "--json").stdout.splitlines()]
    assert rows and all(r.keys() >= REQUIRED for r in rows)
    rus = [json.loads(x) for x in
           run("events", "--db", db, "--source", "RUS", "--json").stdout.splitlines()]
    assert rus and all(r["source"]["country"] == "RUS" for r in rus)
    assert len(rus) < len(rows)
    roots = {json.loads(x)["cameo_root"] for x in
             run("events", "--db", db, "--root", "11", "--json").stdout.splitlines()}
    assert roots == {"11"}
    table = run("events", "--db", db)
    assert table.exit_code == 0 and "events" in table.output


def test_export_formats(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    run("code", str(corpus), "--db", db)
    for fmt in ("jsonl", "csv", "parquet", "icews", "gdelt", "plover"):
        target = tmp_path / f"e.{fmt}"
        result = run("export", "--db", db, "--format", fmt, "--out", str(target))
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0
        unit = "merged events" if fmt in ("gdelt", "plover") else "reports"
        assert unit in result.output
    assert "source_code" in (tmp_path / "e.csv").read_text().splitlines()[0]
    bad = run("export", "--db", db, "--format", "xml", "--out", "x")
    assert bad.exit_code == 2 and "gdelt" in bad.output and "Traceback" not in bad.output
    for where, why in ((tmp_path / "no" / "such" / "x.csv", "does not exist"),
                       (tmp_path, "is a directory")):
        result = run("export", "--db", db, "--format", "csv", "--out", str(where))
        assert result.exit_code == 1 and why in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_eval_reports_scores(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(u) for u in [
        {"id": "1", "text": "Turkey condemned Russia over the incident.",
         "events": [{"source": "TUR", "target": "RUS", "cameo": "111"}]},
        {"id": "2", "text": "The weather was mild in Ankara on Sunday.", "events": []},
    ]) + "\n")
    result = run("eval", str(gold), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["root"]["recall"] == 1.0
    assert report["no_event_false_positive_rate"] == 0.0
    assert "precision" in run("eval", str(gold)).output


def test_console_script_exit_status(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("legation")
    result = subprocess.run([str(exe), "code", str(tmp_path / "nothing.txt"),
                             "--db", str(tmp_path / "x.duckdb")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "nothing.txt" in result.stderr
    usage = subprocess.run([str(exe), "events", "--root"], capture_output=True, text=True)
    assert usage.returncode == 2


def test_actor_command_json_and_batch(tmp_path: Path) -> None:
    one = run("actor", "Kerry", "--date", "2010-05-01", "--json")
    assert one.exit_code == 0, one.output
    record = json.loads(one.output)
    assert set(record) == {"code", "country", "sector", "name", "kb_id", "rule"}
    assert (record["code"], record["rule"]) == ("USALEG", "person:Senator")
    batch = tmp_path / "mentions.jsonl"
    lines = [{"mention": "Kerry", "date": "2015-05-01"}, {"mention": "Russian warships"},
             {"mention": "Zorblat Quenthwick"}, {"mention": "yesterday", "date": None}]
    batch.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = run("actor", "--batch", str(batch), "--json")
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.output.splitlines()]
    assert [x["mention"] for x in out] == [x["mention"] for x in lines]  # in order, one each
    assert [x["code"] for x in out] == ["USAGOV", "RUSMIL", None, None]
    assert [x["sector"] for x in out[2:]] == ["UNK", "JNK"]
    assert all(x["rule"] == "unresolved" for x in out[2:])
    assert run("actor", "Kerry", "--batch", str(batch)).exit_code == 2


@pytest.mark.parametrize("content, where", [
    ('{"mention": "Kerry"}\nnot json\n', "line 2"),
    ('{"mention": "Kerry", "date": "2015-13-45"}\n', "line 1"),
])
def test_actor_batch_names_a_bad_line(tmp_path: Path, content: str, where: str) -> None:
    batch = tmp_path / "bad.jsonl"
    batch.write_text(content, encoding="utf-8")
    result = run("actor", "--batch", str(batch))
    assert result.exit_code == 2 and where in result.output
    assert run("actor", "Kerry", "--date", "2015-02-30").exit_code == 2


def test_explain_shows_the_chosen_target_and_why() -> None:
    shelled = run("explain", "Russian forces shelled Kharkiv overnight.", "--date", "2022-03-01")
    assert shelled.exit_code == 0, shelled.output
    assert "RUSMIL (Russian forces) 194 UKR (Kharkiv)" in shelled.output
    assert "target: UKR (Kharkiv): the country of the place the event is aimed at" in (
        " ".join(shelled.output.split()))
    met = run("explain", "Germany condemned Iran.", "--json")
    record = json.loads(met.output)
    assert [(e["source"]["code"], e["cameo"], e["target"]["code"], e["target_rule"])
            for e in record["events"]] == [("DEU", "111", "IRN", "country")]
    lone = run("explain", "Rebels attacked in the night.")
    assert "target: none" in lone.output


def test_eval_scores_place_gold(tmp_path: Path) -> None:
    gold = tmp_path / "places.jsonl"
    text = "Protesters gathered in Nairobi on Monday."
    gold.write_text(json.dumps({"id": "p", "text": text, "published": "2024-01-01", "places": [
        {"start": 23, "end": 30, "name": "Nairobi", "lat": -1.283, "lon": 36.817}]}) + "\n")
    result = run("eval", str(gold), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["acc_161"] == 1.0
    assert "Acc@161 km: 1.000" in run("eval", str(gold)).output


def test_standard_input_is_json_lines_when_every_line_is_an_article() -> None:
    lines = [{"id": "q1", "text": '"We will talk again," Lavrov told reporters.',
              "published": "2013-05-07"},
             {"id": "q2", "text": "Kerry said the talks would resume.", "published": "2013-05-07"}]
    result = run("quotes", "-", "--json", input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["article_id"] for line in result.stdout.splitlines()} == {"q1", "q2"}
    # plain text stays one article, even with a line that happens to be JSON
    text = 'Lavrov said the talks would resume.\n{"text": "not an article"}\n'
    result = run("quotes", "-", "--json", input=text)
    assert len({json.loads(line)["article_id"] for line in result.stdout.splitlines()}) == 1


def test_eval_scores_time_gold(tmp_path: Path) -> None:
    gold = tmp_path / "times.jsonl"
    text = "Protesters gathered in Nairobi on Monday."
    gold.write_text(json.dumps({"id": "t", "text": text, "published": "2024-01-10", "times": [
        {"start": 34, "end": 40, "value": "2024-01-08", "type": "DATE"}]}) + "\n")
    result = run("eval", str(gold), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["value"]["f1"] == 1.0
    assert "value: precision 1.000  recall 1.000  f1 1.000" in run("eval", str(gold)).output


def test_runs_are_recorded_whole_and_recode_redoes_what_changed(corpus: Path,
                                                                tmp_path: Path) -> None:
    import duckdb

    db = str(tmp_path / "r.duckdb")
    first = run("code", str(corpus), "--db", db)
    assert first.exit_code == 0 and "run R-" in first.output
    assert "no coded article has a publication date" in first.stderr  # no --manifest given
    listed = run("runs", "--db", db, "--json")
    record = json.loads(listed.output.splitlines()[0])
    assert record["run_id"] in first.output and record["command"] == "code"
    assert record["coded"] == record["inputs"] > 0 and record["failures"] == []
    assert record["input_paths"] == [str(corpus)] and record["options"]["one_sided"] is True
    assert record["model"] and record["knowledge_hash"] and record["coder_version"]
    nothing = run("recode", "--db", db)
    assert nothing.exit_code == 0 and "nothing to re-code" in nothing.output
    with duckdb.connect(db) as con:  # as if one article had been coded by older knowledge
        con.execute("UPDATE articles SET knowledge_hash = 'old' WHERE article_id = "
                    "(SELECT min(article_id) FROM articles)")
    again = run("recode", "--changed", "--db", db)
    assert again.exit_code == 0 and "1 read, 1 coded" in again.output, again.output
    records = [json.loads(x) for x in run("runs", "--db", db, "--json").output.splitlines()]
    assert [(r["command"], r["coded"]) for r in records] == [  # newest first
        ("recode", 1), ("recode", 0), ("code", 2)]
    assert "recode" in run("runs", "--db", db).output


def test_dyad_prints_a_continuous_series_and_draws_it(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "d.duckdb")
    run("code", str(CORPUS), "--db", db, "--manifest", str(CORPUS / "manifest.jsonl"))
    lines = run("dyad", "USA", "RUS", "--db", db, "--json").output.splitlines()
    series = [json.loads(x) for x in lines]
    months = [r["period"] for r in series if r["direction"] == "a→b"]
    assert len(months) == len(set(months)) > 2 and months == sorted(months)
    assert any(r["events"] == 0 for r in series) and any(r["events"] > 0 for r in series)
    assert all(r["count"] == "merged" for r in series)
    table = run("dyad", "USA", "RUS", "--db", db, "--interval", "week")
    assert table.exit_code == 0 and "USA→RUS" in table.output and "-W" in table.output
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".html", b"<!doctype")):
        plot = tmp_path / f"dyad{suffix}"
        result = run("dyad", "USA", "RUS", "--db", db, "--plot", str(plot))
        assert result.exit_code == 0, result.output
        assert plot.read_bytes().startswith(magic) and plot.stat().st_size > 10_000
    assert b"<svg" in (tmp_path / "dyad.html").read_bytes()
    for bad in (("--interval", "year"), ("--plot", str(tmp_path / "x.gif")),
                ("--since", "soon"), ("--count", "all")):
        result = run("dyad", "USA", "RUS", "--db", db, *bad)
        assert result.exit_code == 2, (bad, result.output)


def test_user_strings_are_not_markup_and_surrogates_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text('{"id": "[/]", "outlet": "[bold]Wire", "text": "Russia condemned Turkey."}\n'
                    '{"id": "s", "text": "Iran praised \\ud800 Iraq on Monday."}\n')
    db = tmp_path / "o.duckdb"
    result = run("code", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "[/]" in result.output and "[bold]Wire" in result.output
    with duckdb.connect(str(db), read_only=True) as con:
        texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    assert set(texts) == {"[/]", "s"} and "\ufffd" in texts["s"]
    assert len(texts["s"]) == len("Iran praised \ud800 Iraq on Monday.")  # offsets hold


def test_a_file_name_that_is_not_utf8_is_coded(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.txt"), "w") as f:
        f.write("Russia condemned Turkey on Monday.\n")
    db = tmp_path / "f.duckdb"
    result = run("code", str(folder), "--db", str(db))
    assert result.exit_code == 0 and result.exception is None, result.output
    with duckdb.connect(str(db), read_only=True) as con:
        (source,) = con.execute("SELECT source FROM articles").fetchall()[0]
    assert source.endswith("bad\ufffdname.txt")
