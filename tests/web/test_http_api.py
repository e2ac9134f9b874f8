"""The HTTP API over a real server, the Python API, and serving vs. coding the same file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import legation
from legation.web.server import serving


def counted(e: dict[str, Any]) -> bool:
    """What analysis counts by default: neither negated nor hypothetical."""
    return not e["negated"] and e["modality"] != "hypothetical"


def _free_port() -> int:
    """A loopback port nobody listens on, for the server started as a subprocess."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def db(corpus_db: Path) -> Path:
    return corpus_db


@pytest.fixture(scope="module")
def api(db: Path) -> Iterator[httpx.Client]:
    """The API as clients meet it, over real HTTP on loopback."""
    with serving(db) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield client


def get(api: httpx.Client, url: str, **params: Any) -> Any:
    r = api.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def all_events(api: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    """Every page of /api/events, so that counts can be checked against the analyses."""
    items: list[dict[str, Any]] = []
    while True:
        page = get(api, "/api/events", limit=7, offset=len(items), **params)
        items += page["items"]
        if len(items) >= page["total"]:
            return items


def is_actor(actor: dict[str, Any] | None, want: str) -> bool:
    return bool(actor) and (actor["country"] == want or (actor["code"] or "").startswith(want))


def test_events_are_paged_in_an_envelope(api: httpx.Client) -> None:
    first = get(api, "/api/events", limit=5)
    assert set(first) == {"items", "total", "limit", "offset"}
    assert first["limit"] == 5 and first["offset"] == 0 and len(first["items"]) == 5
    second = get(api, "/api/events", limit=5, offset=5)
    assert second["total"] == first["total"]
    assert not {e["event_id"] for e in first["items"]} & {e["event_id"] for e in second["items"]}
    assert len(all_events(api)) == first["total"]
    assert {"event_id", "source", "target", "cameo", "goldstein", "place", "claimed_by"} <= set(
        first["items"][0])


def test_event_filters_match_the_records(api: httpx.Client) -> None:
    rus = all_events(api, source="rus")
    assert rus and all(is_actor(e["source"], "RUS") for e in rus)
    dyad = all_events(api, source="USA", target="RUS", root="4")
    assert dyad and all(e["cameo_root"] == "04" and is_actor(e["target"], "RUS") for e in dyad)
    dated = all_events(api, since="2018", until="2018-12-31")
    assert dated and all(e["event_date"].startswith("2018") for e in dated)
    one = all_events(api, article="02_afrin-offensive")
    assert one and {e["article_id"] for e in one} == {"02_afrin-offensive"}


def test_event_detail_carries_evidence_and_article(api: httpx.Client) -> None:
    item = get(api, "/api/events", limit=1)["items"][0]
    detail = get(api, f"/api/events/{item['event_id']}")
    assert detail["evidence"] == item["evidence"] and detail["evidence"]
    assert detail["article"]["article_id"] == item["article_id"]


def test_missing_ids_are_404_with_detail(api: httpx.Client) -> None:
    for url in ("/api/events/nope", "/api/articles/nope"):
        r = api.get(url)
        assert r.status_code == 404 and "nope" in r.json()["detail"]


@pytest.mark.parametrize(("url", "params", "field"), [
    ("/api/events", {"limit": 0}, "limit"),
    ("/api/events", {"limit": 1001}, "limit"),
    ("/api/events", {"offset": -1}, "offset"),
    ("/api/events", {"since": "notadate"}, "since"),
    ("/api/events", {"until": "2015-13"}, "until"),
    ("/api/events", {"source": "RUS'; DROP TABLE events"}, "source"),
    ("/api/dyad", {"a": "USA", "b": "RUS", "interval": "year"}, "interval"),
    ("/api/dyad", {"a": "USA"}, "b"),
    ("/api/network", {"level": "planet"}, "level"),
    ("/api/quotes", {"limit": 0}, "limit"),
])
def test_bad_parameters_are_422_with_reasons(api: httpx.Client, url: str,
                                             params: dict[str, Any], field: str) -> None:
    r = api.get(url, params=params)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert any(d["loc"][-1] == field and d["msg"] for d in detail), detail


def test_articles_list_counts_and_detail_spans(api: httpx.Client) -> None:
    page = get(api, "/api/articles", limit=100)
    assert page["total"] == 12 and len(page["items"]) == 12
    row = next(a for a in page["items"] if a["article_id"] == "01_geneva-chemical-weapons")
    assert "text" not in row
    detail = get(api, "/api/articles/01_geneva-chemical-weapons")
    for part in ("events", "quotes", "places", "mentions"):
        assert len(detail[part]) == row[part], part
    text = detail["text"]
    assert detail["mentions"] and all(text[m["start"]:m["end"]] == m["text"]
                                      for m in detail["mentions"])
    assert all(text[p["start"]:p["end"]] == p["text"] for p in detail["places"])
    assert all(text[q["start"]:q["end"]] == q["content"] for q in detail["quotes"])
    assert all(text[e["start"]:e["end"]] in e["evidence"] for e in detail["events"])


def test_actors_search_and_actor_events(api: httpx.Client) -> None:
    found = get(api, "/api/actors", q="rus")["items"]
    assert found and all("rus" in (a["code"] + (a["name"] or "")).lower() for a in found)
    events = all_events(api)
    rusgov = next(a for a in found if a["code"] == "RUSGOV")
    assert rusgov["events"] == sum(
        1 for e in events if "RUSGOV" in ((e["source"] or {}).get("code"),
                                          (e["target"] or {}).get("code")))
    of_rus = get(api, "/api/actors", code="rus", limit=1000)
    assert of_rus["code"] == "RUS"
    assert of_rus["total"] == sum(1 for e in events if is_actor(e["source"], "RUS")
                                  or is_actor(e["target"], "RUS"))


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_dyad_counts_match_the_events(api: httpx.Client, interval: str) -> None:
    body = get(api, "/api/dyad", a="usa", b="RUS", interval=interval)
    assert body["excluded"] == ["negated", "hypothetical"] and "not counted" in body["note"]
    precise = 10 if interval in ("day", "week") else 7
    want: Counter[str] = Counter()
    gold: dict[str, float] = Counter()
    for direction, (a, b) in (("a→b", ("USA", "RUS")), ("b→a", ("RUS", "USA"))):
        for e in all_events(api, source=a, target=b):
            if counted(e) and e["event_date"] and len(e["event_date"]) >= precise:
                want[direction] += 1
                want[f"{direction} quad{e['quad_class']}"] += 1
                gold[direction] += e["goldstein"]
    got: Counter[str] = Counter()
    for row in body["items"]:
        got[row["direction"]] += row["events"]
        assert row["events"] == sum(row[f"quad{q}"] for q in range(1, 5))
        for q in range(1, 5):
            got[f"{row['direction']} quad{q}"] += row[f"quad{q}"]
        gold[row["direction"]] -= row["goldstein"]
    assert want["a→b"] > 0 and got == +want
    assert all(abs(v) < 1e-9 for v in gold.values())


def test_dyad_period_filter_and_include_all(api: httpx.Client) -> None:
    body = get(api, "/api/dyad", a="USA", b="RUS", since="2022-01", until="2022-01")
    assert body["items"] and {r["period"] for r in body["items"]} == {"2022-01"}
    everything = get(api, "/api/dyad", a="USA", b="RUS", include_all=True)
    assert everything["excluded"] == []
    assert sum(r["events"] for r in everything["items"]) >= sum(
        r["events"] for r in get(api, "/api/dyad", a="USA", b="RUS")["items"])


def test_network_edges_match_the_events(api: httpx.Client) -> None:
    body = get(api, "/api/network", count="reports")
    assert body["level"] == "country" and body["excluded"] == ["negated", "hypothetical"]
    assert body["count"] == "reports"
    want: Counter[tuple[str, str]] = Counter()
    for e in all_events(api, include_undated=True):
        if counted(e) and e["source"] and e["target"]:
            want[(e["source"]["country"] or e["source"]["code"],
                  e["target"]["country"] or e["target"]["code"])] += 1
    assert {(x["source"], x["target"]): x["events"] for x in body["edges"]} == dict(want)
    usa_rus = next(x for x in body["edges"] if (x["source"], x["target"]) == ("USA", "RUS"))
    assert -10 <= usa_rus["goldstein_mean"] <= 10
    nodes = {n["id"]: n["events"] for n in body["nodes"]}
    assert set(nodes) == {x["source"] for x in body["edges"]} | {x["target"]
                                                                  for x in body["edges"]}
    by_code = get(api, "/api/network", level="code", count="reports")
    assert sum(x["events"] for x in by_code["edges"]) == sum(want.values())
    assert any(len(x["source"]) > 3 for x in by_code["edges"])


def test_network_counts_merged_events_by_default(api: httpx.Client) -> None:
    merged = get(api, "/api/network")
    assert merged["count"] == "merged"
    counted_merged = [m for m in get(api, "/api/merged", limit=1000)["items"]
                      if counted(m) and m["source"] and m["target"]]
    assert sum(x["events"] for x in merged["edges"]) == len(counted_merged)
    reports = get(api, "/api/network", count="reports")
    assert sum(x["events"] for x in merged["edges"]) <= sum(x["events"]
                                                            for x in reports["edges"])


def test_stories_merged_and_compare_endpoints(api: httpx.Client) -> None:
    stories = get(api, "/api/stories", limit=1000)
    assert stories["total"] == len(stories["items"]) > 0
    ids = [a for s in stories["items"] for a in s["article_ids"]]
    assert len(ids) == len(set(ids)) == get(api, "/api/articles", limit=1000)["total"]
    one = get(api, f"/api/stories/{stories['items'][0]['story_id']}")
    assert {m["merged_id"] for m in one["merged"]} == set(one["merged_ids"])
    merged = get(api, "/api/merged", limit=1000)["items"]
    assert sum(m["num_reports"] for m in merged) == get(api, "/api/events", limit=1,
                                                         include_undated=True)["total"]
    told = get(api, f"/api/compare/{merged[0]['merged_id']}")
    assert told["outlets"] and all("tone" in o and "loaded_terms" in o for o in told["outlets"])
    assert api.get("/api/compare/M-nothing").status_code == 404
    assert api.get("/api/stories/S-nothing").status_code == 404


def test_quotes_filter_and_page(api: httpx.Client) -> None:
    page = get(api, "/api/quotes", limit=3)
    assert page["total"] > 3 and len(page["items"]) == 3
    usa = get(api, "/api/quotes", speaker="usa", limit=1000)
    assert usa["items"] and all(is_actor(q["speaker"], "USA") for q in usa["items"])
    one = get(api, "/api/quotes", article="09_gaza-ceasefire", limit=1000)["items"]
    assert one and {q["article_id"] for q in one} == {"09_gaza-ceasefire"}


def test_places_have_coordinates_and_event_counts(api: httpx.Client) -> None:
    page = get(api, "/api/places", limit=1000)
    assert page["items"] and all(p["lat"] is not None and p["lon"] is not None
                                 for p in page["items"])
    events = all_events(api, include_undated=True)
    for p in page["items"]:
        assert p["events"] == sum(1 for e in events if e["place"]
                                  and e["place"]["geonames_id"] == p["geonames_id"]
                                  and e["place"]["lat"] == p["lat"])


def test_openapi_lists_every_route(api: httpx.Client) -> None:
    paths = set(get(api, "/openapi.json")["paths"])
    assert paths == {"/api/events", "/api/events/{event_id}", "/api/articles",
                     "/api/articles/{article_id}", "/api/actors", "/api/dyad", "/api/network",
                     "/api/quotes", "/api/places", "/api/stories", "/api/stories/{story_id}",
                     "/api/merged", "/api/compare/{item_id}", "/api/timeline", "/api/codes"}


def test_timeline_and_codes(api: httpx.Client) -> None:
    series = get(api, "/api/timeline", source="RUS")
    assert series["items"] and all(r["direction"] == "all" for r in series["items"])
    assert sum(r["events"] for r in series["items"]) <= get(api, "/api/events",
                                                           source="RUS")["total"]
    weekly = get(api, "/api/timeline", interval="week", since="2016-01-01", until="2016-03-01")
    assert weekly["items"][0]["period"] == "2015-W53" and len(weekly["items"]) == 10
    labels = {c["code"]: c["label"] for c in get(api, "/api/codes")["items"]}
    assert labels["042"] == "Make a visit" and len(labels) > 300
    assert api.get("/api/timeline", params={"since": "soon"}).status_code == 422


def test_python_api_answers_like_the_http_api(db: Path, api: httpx.Client) -> None:
    with legation.open(db) as lg:
        rus = lg.events(source="RUS").to_arrow_table()
        assert rus.num_rows == get(api, "/api/events", source="RUS")["total"]
        assert set(rus.column("source").to_pylist()[0]) >= {"code", "country"}
        dyad = lg.dyad("USA", "RUS").fetchall()
        assert len(dyad) == get(api, "/api/dyad", a="USA", b="RUS")["total"]
        edges = lg.network().aggregate("sum(events)").fetchall()[0][0]
        assert edges == sum(x["events"] for x in get(api, "/api/network")["edges"])
        assert lg.network(level="code").columns == ["source", "target", "events",
                                                    "goldstein_mean"]
        assert len(lg.quotes(speaker="USA").fetchall()) == get(
            api, "/api/quotes", speaker="USA")["total"]
        frame = lg.dyad("USA", "RUS").df()  # pandas comes with the dev extra
        assert len(frame) == len(dyad) and {"period", "direction", "quad2"} <= set(frame.columns)


def test_coding_into_a_served_database_is_refused(db: Path, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    cli = [str(Path(sys.executable).with_name("legation"))]
    server = subprocess.Popen([*cli, "serve", "--db", str(db), "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, server.communicate()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1").is_success:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "legation serve did not start"
            time.sleep(0.1)
        article = tmp_path / "a.txt"
        article.write_text("Russia condemned the United States on Monday.", encoding="utf-8")
        run = subprocess.run([*cli, "code", str(article), "--db", str(db)], env=env,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run.stdout + run.stderr
        message = " ".join(run.stderr.split())
        # the holder is named by its command line: the server, or this test process, which
        # serves the same file in-process too
        assert "Another process (PID" in message and "code into another file" in message
        assert ("is serving" in message) == ("legation serve" in message)
        assert "Traceback" not in run.stderr
    finally:
        server.terminate()
        server.communicate(timeout=10)
