"""Dashboard pages over HTTP without a browser: routes, static files, and the vendor notice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from legation.store import Store
from legation.web import pages
from legation.web.server import serving


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """An empty store served over HTTP: pages must not need any data to load."""
    db = tmp_path_factory.mktemp("pages") / "empty.duckdb"
    Store(db).close()
    with serving(db) as base, httpx.Client(base_url=base, timeout=10) as http:
        yield http


@pytest.mark.parametrize("path", ["/", "/dyad?a=USA&b=RUS", "/network", "/map",
                                  "/articles/some-id"])
def test_pages_are_html_shells_for_app_js(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert 'src="/static/app.js"' in r.text
    assert client.get("/static/app.js").status_code == 200


def test_map_says_how_to_install_missing_outlines(client: httpx.Client,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "OUTLINES", Path("/nonexistent/countries-110m.json"))
    assert "npm ci --prefix src/legation/web" in client.get("/map").text


def test_outlines_come_from_the_npm_package(client: httpx.Client) -> None:
    r = client.get("/vendor/world-atlas/countries-110m.json")
    assert r.status_code == 200, "run npm ci --prefix src/legation/web"
    assert r.json()["type"] == "Topology"
    assert client.get("/vendor/topojson-client/dist/topojson-client.min.js").status_code == 200
