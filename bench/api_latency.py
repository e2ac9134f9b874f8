"""Latency of every HTTP endpoint over a store of 100,000 synthetic events.

Usage: python bench/api_latency.py [--events 100000] [--requests 30]

The data are generated inside DuckDB (``range``), not coded, so the run takes seconds; they have
the shapes the coder writes (nested actors and places, dates at three precisions, negated and
hypothetical events, mentions and quotes per article) so that every query does its real work.
Requests go to 127.0.0.1 only, a bounded number per endpoint. Prints the median and p95 per
endpoint; exits 1 if any p95 is over the 200 ms budget.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from legation.store import Store
from legation.web.server import serving

BUDGET_MS = 200
COUNTRIES = "['USA','RUS','UKR','SYR','TUR','IRN','ISR','PSE','CHN','FRA','GBR','DEU','POL'," \
            "'IRQ','EGY','IND','PAK','JPN','KOR','BRA']"
SECTORS = "[NULL,'GOV','MIL','REB','CVL','OPP','MED']"
# CAMEO code, QuadClass and Goldstein, aligned by position.
CAMEO = "['010','020','036','042','051','057','112','130','173','190','193']"
QUAD = "[1,1,1,1,2,2,3,3,4,4,4]"
GOLD = "[0.0,3.0,4.0,1.9,3.4,8.0,-2.0,-4.4,-5.0,-10.0,-10.0]"

ACTOR = """{{'code': {c}[1 + ({i}) % 20] || coalesce({s}[1 + ({i}) % 7], ''),
  'country': {c}[1 + ({i}) % 20], 'sector': {s}[1 + ({i}) % 7], 'name': NULL, 'text': 'them',
  'start': 0, 'end': 4, 'kb_id': NULL}}"""


def generate(db: Path, n_events: int) -> tuple[str, str]:
    """``n_events`` events over n/50 articles in a new store; returns one event and article id."""
    n_articles = max(1, n_events // 50)
    with Store(db) as store:
        con = store.con
        con.execute(f"""INSERT INTO articles BY NAME
            SELECT 'a' || i AS article_id, 'md5:' || i AS content_hash, 'Synthetic Wire' AS outlet,
                   'Article ' || i AS title, strftime(DATE '2000-01-01' + (i % 9000)::INT,
                   '%Y-%m-%d') AS published, 'day' AS published_precision,
                   repeat('Officials met in the capital and said they agreed. ', 40) AS text
            FROM range({n_articles}) t(i)""")
        source = ACTOR.format(c=COUNTRIES, s=SECTORS, i="i")
        target = ACTOR.format(c=COUNTRIES, s=SECTORS, i="i * 7 + 3")
        con.execute(f"""INSERT INTO events BY NAME
            SELECT 'e' || i AS event_id, 'a' || (i % {n_articles}) AS article_id,
                   (i % 40) AS sentence, (i % 40) * 51 AS "start", (i % 40) * 51 + 50 AS "end",
                   'Officials met in the capital and said they agreed.' AS evidence,
                   {source} AS source, {target} AS target,
                   {CAMEO}[1 + i % 11] AS cameo, left({CAMEO}[1 + i % 11], 2) AS cameo_root,
                   {QUAD}[1 + i % 11] AS quad_class, {GOLD}[1 + i % 11] AS goldstein,
                   i % 17 = 0 AS negated,
                   CASE WHEN i % 13 = 0 THEN 'hypothetical' ELSE 'actual' END AS modality,
                   CASE WHEN i % 29 = 0 THEN NULL
                        ELSE left(strftime(DATE '2000-01-01' + (i % 9000)::INT, '%Y-%m-%d'),
                                  CASE WHEN i % 10 = 0 THEN 7 ELSE 10 END) END AS event_date,
                   CASE WHEN i % 29 = 0 THEN NULL WHEN i % 10 = 0 THEN 'month' ELSE 'day' END
                       AS date_precision,
                   CASE WHEN i % 3 = 0 THEN NULL ELSE {{'name': 'Place ' || (i % 50),
                       'geonames_id': 1000 + i % 50, 'lat': (i % 50) * 3 - 70.0,
                       'lon': (i % 50) * 7 - 170.0, 'country': {COUNTRIES}[1 + i % 20],
                       'feature': 'city', 'basis': 'stated'}} END AS place,
                   0.5 + (i % 50) / 100 AS confidence, 1 AS mentions
            FROM range({n_events}) t(i)""")
        con.execute(f"""INSERT INTO mentions BY NAME
            SELECT 'a' || (i % {n_articles}) AS article_id, (i % 40) * 51 AS "start",
                   (i % 40) * 51 + 9 AS "end", 'Officials' AS text, {COUNTRIES}[1 + i % 20] AS code,
                   {COUNTRIES}[1 + i % 20] AS country, 'synthetic' AS rule
            FROM range({n_events}) t(i)""")
        con.execute(f"""INSERT INTO quotes BY NAME
            SELECT 'a' || i AS article_id, 20 AS "start", 50 AS "end", 'the capital' AS content,
                   false AS direct, 'said' AS cue, {source} AS speaker
            FROM range({n_articles}) t(i)""")
        con.execute(f"""INSERT INTO places BY NAME
            SELECT 'a' || i AS article_id, 20 AS "start", 31 AS "end", 'the capital' AS text,
                   'Place ' || (i % 50) AS name, 1000 + i % 50 AS geonames_id,
                   (i % 50) * 3 - 70.0 AS lat, (i % 50) * 7 - 170.0 AS lon,
                   {COUNTRIES}[1 + i % 20] AS country, 'city' AS feature, 'synthetic' AS rule
            FROM range({n_articles}) t(i)""")
    return "e12345", "a123"


def endpoints(event_id: str, article_id: str, n_events: int) -> list[str]:
    """Each route, with the filters people use most, the deepest page, and the dashboard's
    1,000-event page."""
    return ["/api/events", "/api/events?limit=1000", "/api/events?source=RUS&target=USA&root=04",
            "/api/events?since=2010-01&until=2010-12",
            f"/api/events?offset={max(0, n_events - 100)}", f"/api/events/{event_id}",
            "/api/articles", f"/api/articles/{article_id}", "/api/actors", "/api/actors?q=rus",
            "/api/actors?code=RUS", "/api/dyad?a=USA&b=RUS", "/api/dyad?a=USA&b=RUS&interval=day",
            "/api/network", "/api/network?level=code", "/api/quotes", "/api/places",
            "/", "/dyad?a=USA&b=RUS", "/network", "/map", f"/articles/{article_id}"]


def measure(client: httpx.Client, url: str, requests: int) -> list[float]:
    """Milliseconds per request, after one warm-up (the first query plans and caches)."""
    client.get(url).raise_for_status()
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        client.get(url).raise_for_status()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="Per endpoint (max 200).")
    args = parser.parse_args()
    requests = min(args.requests, 200)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "synthetic.duckdb"
        t0 = time.perf_counter()
        ids = generate(db, args.events)
        print(f"{args.events:,} events generated in {time.perf_counter() - t0:.1f} s; "
              f"{requests} requests per endpoint")
        over = []
        with serving(db) as base, httpx.Client(base_url=base, timeout=30) as client:
            print(f"{'endpoint':52} {'median ms':>10} {'p95 ms':>8}")
            for url in endpoints(*ids, args.events):
                times = measure(client, url, requests)
                median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
                flag = "  OVER BUDGET" if p95 > BUDGET_MS else ""
                print(f"{url:52} {median:10.1f} {p95:8.1f}{flag}")
                if flag:
                    over.append(url)
    if over:
        raise SystemExit(f"{len(over)} endpoints over {BUDGET_MS} ms at p95: {', '.join(over)}")
    print(f"every endpoint under {BUDGET_MS} ms at p95")


if __name__ == "__main__":
    main()
