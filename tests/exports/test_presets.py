"""Export presets read back and checked against their references in ../shared/reference: the
GDELT codebook's columns, the ICEWS sample's header, the PLOVER manual's field names; and the
seeds' Assad visit as a known merged event in each."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from conftest import shared_path

from legation.exports import export
from legation.store import Store

ASSAD = {"root": "04", "source": "SYR", "target": "RUS",
         "outlets": {"News Line", "World Socialist Web Site"}}


def gdelt_codebook_columns() -> list[str]:
    """The 61 event-table columns in codebook order: it lists Actor1's fields and Actor1Geo's,
    and says they repeat for Actor2 (and Action)."""
    text = shared_path("reference", "GDELT-Event_Codebook-V2.0.md").read_text(encoding="utf-8")
    text = text.split("## MENTIONS TABLE")[0]
    names = [m.group(1).replace("\\", "") for m in
             re.finditer(r"^-[^\w\n]*([A-Za-z][A-Za-z0-9_\\]*)\s*\.\s*\(", text, re.M)]
    actor = [n for n in names if n.startswith("Actor1") and "Geo_" not in n]
    geo = [n for n in names if n.startswith("Actor1Geo_")]
    head = names[:names.index(actor[0])]
    action = names[names.index(actor[-1]) + 1:names.index(geo[0])]
    tail = names[names.index(geo[-1]) + 1:]
    return [*head, *actor, *(n.replace("Actor1", "Actor2") for n in actor), *action, *geo,
            *(n.replace("Actor1", "Actor2") for n in geo),
            *(n.replace("Actor1", "Action") for n in geo), *tail]


@pytest.fixture(scope="module")
def con(seeds_db: Path):
    with Store(seeds_db, read_only=True) as store:
        yield store.con


def test_gdelt_has_the_codebook_columns_and_loads_with_duckdb(con, tmp_path: Path) -> None:
    from legation.exports.gdelt import COLUMNS

    expected = gdelt_codebook_columns()
    assert len(expected) == 61 and list(COLUMNS) == expected
    out = tmp_path / "events.tsv"
    n = export(con, out, "gdelt")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) > 0 and all(len(x.split("\t")) == 61 for x in lines)
    assert not lines[0].startswith("GlobalEventID")  # no header, as GDELT ships it
    codes = {c: "VARCHAR" for c in ("EventCode", "EventBaseCode", "EventRootCode")}
    rows = duckdb.sql(
        f"SELECT * FROM read_csv('{out}', delim='\t', header=false, quote='', "
        f"names={expected!r}, types={codes!r})").fetchall()
    assert len(rows) == n
    rel = duckdb.sql(f"SELECT * FROM read_csv('{out}', delim='\t', header=false, quote='', "
                     f"names={expected!r}, types={codes!r}) WHERE EventRootCode = '04' "
                     "AND Actor1CountryCode = 'SYR' AND Actor2CountryCode = 'RUS'")
    visit = dict(zip(rel.columns, rel.fetchall()[0], strict=True))
    assert visit["NumArticles"] == 2 and visit["NumSources"] == 2
    assert visit["EventCode"] == "042" and visit["QuadClass"] == 1
    assert str(visit["Day"]).startswith("201510") and visit["Year"] == 2015
    assert visit["MonthYear"] == visit["Day"] // 100
    assert visit["ActionGeo_CountryCode"] == "RS"  # FIPS, not ISO: Moscow, Russia
    assert abs(visit["ActionGeo_Lat"] - 55.75) < 0.1
    assert str(visit["DATEADDED"]).isdigit() and len(str(visit["DATEADDED"])) == 14
    assert visit["SOURCEURL"]


def test_icews_has_the_sample_header_and_one_row_per_report(con, tmp_path: Path) -> None:
    sample = shared_path("reference", "icews_events_sample.tab")
    header = sample.read_text(encoding="utf-8").splitlines()[0].split("\t")
    out = tmp_path / "events.tab"
    n = export(con, out, "icews")
    with out.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0][:len(header)] == header and len(rows) == n + 1
    assert rows[0][len(header):] == ["Merged ID", "URL", "Title", "Published"]
    reports = n_reports(con)
    assert n == reports
    by = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    visit = [r for r in by if r["CAMEO Code"] == "042" and r["Source Country"] == "Syria"
             and r["Target Country"] == "Russia"]
    assert {r["Publisher"] for r in visit} >= ASSAD["outlets"]
    assert len({r["Merged ID"] for r in visit if r["Publisher"] in ASSAD["outlets"]}) == 1
    assert all(r["Event Text"] == "Make a visit" for r in visit)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}|NA", r["Event Date"]) for r in by)
    assert all(float(r["Intensity"]) == float(r["Intensity"]) for r in by)


def n_reports(con) -> int:
    return con.execute("SELECT count(*) FROM events").fetchall()[0][0]


def test_plover_records_carry_the_manual_fields(con, tmp_path: Path) -> None:
    manual = shared_path("reference", "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    out = tmp_path / "events.jsonl"
    n = export(con, out, "plover")
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == con.execute("SELECT count(*) FROM merged").fetchall()[0][0]
    for field in ("id", "date", "actor", "recipient", "event", "mode", "context", "event_loc",
                  "event_text", "quad_code", "event_scale", "text", "text_info", "cite_info"):
        assert f"{field.replace('_', chr(92) + '_')} &" in manual  # a field the manual names
        assert all(field in r for r in records), field
    visit = [r for r in records if r["cameo"].startswith("04") and r["num_outlets"] == 2]
    assert visit and visit[0]["event"] == ["CONSULT"]
    assert {a["code"] for a in visit[0]["actor"] + visit[0]["recipient"]} == {"SYR", "RUS"}
    assert visit[0]["event_loc"]["country_code"] == "RUS"
    assert visit[0]["outlet"] in ASSAD["outlets"] and visit[0]["article_id"]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in records if r["date"])


def test_per_report_files_carry_merged_id_article_and_event_day(con, tmp_path: Path) -> None:
    export(con, tmp_path / "e.parquet", "parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert str(table.schema.field("event_day").type) == "date32[day]"
    rows = table.to_pylist()
    assert len(rows) == n_reports(con)
    for r in rows:
        assert {"merged_id", "outlet", "url", "title", "published"} <= r.keys()
        if r["event_date"]:
            assert r["event_day"].isoformat().startswith(r["event_date"])
    export(con, tmp_path / "e.csv", "csv")
    with (tmp_path / "e.csv").open(encoding="utf-8") as f:
        flat = list(csv.DictReader(f))
    assert {"source_country", "event_day", "date_precision", "merged_id", "outlet"} <= \
        flat[0].keys()
    export(con, tmp_path / "e.jsonl", "jsonl")
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert all(r["merged_id"] for r in lines) and "event_day" not in lines[0]


def test_python_api_exports_the_same_presets(seeds_db: Path, tmp_path: Path) -> None:
    import legation

    with legation.open(seeds_db) as lg:
        n = lg.export(tmp_path / "g.tsv", "gdelt", source="SYR")
        events = len(lg.events(source="SYR"))
    rows = [x.split("\t") for x in (tmp_path / "g.tsv").read_text().splitlines()]
    assert n == len(rows) and 0 < n <= events
    assert all(r[7] == "SYR" for r in rows)  # Actor1CountryCode
