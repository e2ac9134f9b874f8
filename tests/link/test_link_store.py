"""Stories, merged events and outlet comparison over the seeds coded together."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CORPUS
from typer.testing import CliRunner

from legation.cli import app
from legation.run import Coder, code_inputs
from legation.store import Store


def _assad_visit(store: Store) -> dict:
    visits = [m for m in store.merged(min_reports=2)
              if m["source"]["country"] == "SYR" and (m["target"] or {}).get("country") == "RUS"
              and m["cameo_root"] == "04" and m["num_outlets"] == 2]
    assert len(visits) >= 1
    return visits[0]


def test_seeds_give_four_stories_and_one_assad_visit_told_by_two_outlets(seeds_db: Path
                                                                         ) -> None:
    with Store(seeds_db, read_only=True) as store:
        stories = store.stories()
        assert len(stories) == 4
        assert sorted(len(s["article_ids"]) for s in stories) == [1, 1, 1, 2]
        visit = _assad_visit(store)
        outlets = {r["outlet"] for r in visit["reports"]}
        assert outlets == {"News Line", "World Socialist Web Site"}
        assert visit["story_id"] in {s["story_id"] for s in stories if len(s["article_ids"]) == 2}


def test_compare_shows_each_outlet_with_its_own_words(seeds_db: Path) -> None:
    with Store(seeds_db, read_only=True) as store:
        visit = _assad_visit(store)
    result = CliRunner().invoke(app, ["compare", visit["merged_id"], "--db", str(seeds_db),
                                      "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    rows = {r["outlet"]: r for r in record["outlets"]}
    assert set(rows) == {"News Line", "World Socialist Web Site"}
    for row in rows.values():
        assert row["sentences"] and row["distinct_words"]
        assert "Bashar al-Assad" in row["doers"]
    nl, ws = rows["News Line"], rows["World Socialist Web Site"]
    assert not set(nl["distinct_words"]) & set(ws["distinct_words"])
    tone = 100 * (nl["tone_terms"]["positive"] - nl["tone_terms"]["negative"]) / nl["words"]
    assert nl["tone"] == round(tone, 2)


def test_story_compare_lists_loaded_terms_only_one_outlet_uses(seeds_db: Path) -> None:
    with Store(seeds_db, read_only=True) as store:
        story = next(s for s in store.stories() if len(s["article_ids"]) == 2)
    result = CliRunner().invoke(app, ["compare", story["story_id"], "--db", str(seeds_db),
                                      "--json"])
    rows = json.loads(result.output)["outlets"]
    assert len(rows) == 2
    assert any(t["only_here"] for r in rows for t in r["loaded_terms"])


def test_stories_and_merged_commands_print_the_conventions_shape(seeds_db: Path) -> None:
    result = CliRunner().invoke(app, ["stories", "--db", str(seeds_db), "--json"])
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert {"story_id", "article_ids", "title", "first_published", "last_published",
            "outlets", "actors", "merged_ids"} <= set(lines[0])
    result = CliRunner().invoke(app, ["merged", "--db", str(seeds_db), "--json",
                                      "--min-reports", "2"])
    merged = [json.loads(x) for x in result.output.splitlines()]
    assert merged and all(m["num_reports"] >= 2 for m in merged)
    assert {"merged_id", "story_id", "reports", "disagreements", "num_articles",
            "num_outlets", "first_published", "last_published"} <= set(merged[0])


def test_unknown_compare_id_is_a_clear_error(seeds_db: Path) -> None:
    result = CliRunner().invoke(app, ["compare", "M-nothing", "--db", str(seeds_db)])
    assert result.exit_code == 1 and "no merged event or story" in result.output


def test_recoding_keeps_stories_and_merged_events_whole(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        code_inputs([str(seeds_dir)], store, Coder(), manifest=seeds_dir / "manifest.jsonl")
        before = (store.stories(), store.merged())
    with Store(db) as store:  # a new process: the story index is loaded from the file
        summary = code_inputs([str(seeds_dir / "002_0db74194c65406c3.txt")], store, Coder(),
                              manifest=seeds_dir / "manifest.jsonl", force=True)
        assert summary.coded == 1
        after = (store.stories(), store.merged())
        reports = store.one("SELECT count(*) FROM merged_reports")[0]
        events = store.one("SELECT count(*) FROM events")[0]
    assert [s["article_ids"] for s in after[0]] == [s["article_ids"] for s in before[0]]
    assert len(after[1]) == len(before[1]) and reports == events


def test_a_database_from_before_stories_says_how_to_build_them(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.con.execute("DROP TABLE merged")
    for command in (["stories"], ["merged"], ["compare", "S-x"]):
        result = CliRunner().invoke(app, [*command, "--db", str(db)])
        assert result.exit_code == 1 and "re-code it" in result.output, result.output


def test_merging_batch_by_batch_equals_merging_the_whole_store(tmp_path: Path, seeds_dir: Path,
                                                               monkeypatch) -> None:
    """Each batch rebuilds only the merge blocks its reports fall in; the merged events equal a
    rebuild of the whole store, also after an article is re-coded."""
    from legation import run as run_module
    from legation.run import Coder, code_inputs
    from legation.store import Store

    monkeypatch.setattr(run_module, "BATCH_SIZE", 1)  # a transaction per article
    coder = Coder()
    with Store(tmp_path / "s.duckdb") as store:
        code_inputs([str(CORPUS), str(seeds_dir)], store, coder, manifest=None)
        code_inputs([str(seeds_dir)], store, coder, manifest=seeds_dir / "manifest.jsonl",
                    force=True)  # re-coded with dates: their reports move between blocks
        merged = "SELECT * FROM merged ORDER BY merged_id"
        links = "SELECT * FROM merged_reports ORDER BY ALL"
        batched = (store.con.execute(merged).fetchall(), store.con.execute(links).fetchall())
        store.con.execute("BEGIN TRANSACTION")
        store.remerge()
        store.con.execute("COMMIT")
        whole = (store.con.execute(merged).fetchall(), store.con.execute(links).fetchall())
        reports = store.one("SELECT count(*) FROM events")[0]
    assert batched == whole and len(whole[1]) == reports
