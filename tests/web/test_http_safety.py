"""The server under hostile requests: huge offsets are 422, a foreign Host is refused, pages
carry nosniff and a CSP, and articles whose id holds a "/" are reachable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from legation.web.server import serving


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from legation.run import Coder, code_inputs
    from legation.store import Store

    folder = tmp_path_factory.mktemp("nested")
    (folder / "sub").mkdir()
    (folder / "sub" / "clash.txt").write_text("Russia condemned Turkey on 2 March 2016.\n")
    db = folder / "n.duckdb"
    with Store(db) as store:
        code_inputs([str(folder)], store, Coder())
    with serving(db) as url:
        yield url


@pytest.mark.parametrize("path", ["/api/events", "/api/articles", "/api/quotes", "/api/places",
                                  "/api/stories", "/api/merged"])
def test_huge_offsets_are_refused_not_crashing(base: str, path: str) -> None:
    for offset in (2 ** 63, 2 ** 64, -1):
        r = httpx.get(base + path, params={"offset": offset})
        assert r.status_code == 422, (path, offset, r.text)
    assert httpx.get(base + path, params={"offset": 10 ** 9}).status_code == 200


def test_a_foreign_host_header_is_refused(base: str) -> None:
    assert httpx.get(base + "/api/events", headers={"Host": "evil.example"}).status_code == 400
    assert httpx.get(base + "/api/events", headers={"Host": "localhost"}).status_code == 200


def test_pages_carry_nosniff_and_a_content_security_policy(base: str) -> None:
    page = httpx.get(base + "/")
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert httpx.get(base + "/api/events").headers["x-content-type-options"] == "nosniff"


def test_an_article_id_with_a_slash_is_reachable(base: str) -> None:
    ids = [a["article_id"] for a in httpx.get(base + "/api/articles").json()["items"]]
    assert ids == ["sub/clash"]
    for url in (f"{base}/api/articles/sub/clash", f"{base}/api/articles/sub%2Fclash"):
        found = httpx.get(url)
        assert found.status_code == 200 and found.json()["article_id"] == "sub/clash", url
    assert httpx.get(f"{base}/articles/sub/clash").status_code == 200


def test_allow_host_admits_the_names_it_is_given(corpus_db: Path) -> None:
    from fastapi.testclient import TestClient

    from legation.web.http_api import create_app

    app = create_app(corpus_db, ["news.example"])
    assert TestClient(app, base_url="http://news.example").get("/api/events").status_code == 200
    assert TestClient(app, base_url="http://other.example").get("/api/events").status_code == 400
