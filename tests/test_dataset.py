"""A store exported as a month-partitioned Parquet dataset answers every query as the database
it came from, read in place (--parquet DIR), in the CLI, the Python API and the HTTP API."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from conftest import run_cli

from legation import analyze
from legation.errors import StoreError
from legation.store import Store, select_merged, select_stories
from legation.web.server import serving


@pytest.fixture(scope="module")
def dataset(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dataset") / "ds"
    result = run_cli("export", "--db", str(seeds_db), "--format", "parquet", "--partition-by",
                     "month", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_reports_are_partitioned_by_month(dataset: Path) -> None:
    months = sorted(p.name for p in (dataset / "events").iterdir())
    assert "month=2015-10" in months and all(m.startswith("month=") for m in months)
    assert (dataset / "articles" / "data.parquet").exists()


def test_the_dataset_answers_as_the_database(dataset: Path, seeds_db: Path) -> None:
    with Store(seeds_db, read_only=True) as db, Store(dataset, read_only=True) as ds:
        for store in (db, ds):
            assert store.con.execute("SELECT count(*) FROM events").fetchall()
        rows = [sorted(json.dumps(r, sort_keys=True, default=str) for r in s.iter_events())
                for s in (db, ds)]
        assert rows[0] == rows[1]
        assert select_stories(db.con) == select_stories(ds.con)
        assert select_merged(db.con) == select_merged(ds.con)
        dyads = [analyze.dyad(s.con, "SYR", "RUS").fetchall() for s in (db, ds)]
        assert dyads[0] == dyads[1] and dyads[0]


def test_cli_and_http_read_it_in_place(dataset: Path, seeds_db: Path) -> None:
    listed = run_cli("events", "--parquet", str(dataset), "--source", "SYR", "--json")
    direct = run_cli("events", "--db", str(seeds_db), "--source", "SYR", "--json")
    assert listed.exit_code == 0 and listed.output == direct.output
    with serving(dataset) as url:
        total = httpx.get(f"{url}/api/events").json()["total"]
        stories = httpx.get(f"{url}/api/stories").json()["total"]
    with serving(seeds_db) as url:
        assert total == httpx.get(f"{url}/api/events").json()["total"]
        assert stories == httpx.get(f"{url}/api/stories").json()["total"] == 4


def test_a_dataset_is_never_written(dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="read in place"):
        Store(dataset)
    refused = run_cli("export", "--db", str(dataset), "--format", "csv", "--partition-by",
                      "month", "--out", str(tmp_path / "x"))
    assert refused.exit_code == 2
