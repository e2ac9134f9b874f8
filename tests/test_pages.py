"""Dashboard pages over HTTP without a browser: routes, static files, and the vendor notice."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from legation.store import Store
from legation.web import pages
from legation.web.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """An empty store served by uvicorn in a thread: pages must not need any data to load."""
    db = tmp_path_factory.mktemp("pages") / "empty.duckdb"
    Store(db).close()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=0,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
        yield http
    server.should_exit = True
    thread.join(10)


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
