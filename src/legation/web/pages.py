"""The dashboard: HTML shells that our own script in ``static/`` fills from the ``/api/`` routes.

Pages are thin on purpose: every number on them comes from the same JSON API that scripts use,
so the charts cannot disagree with it. Third-party front-end files (country outlines, the
TopoJSON decoder) are served from ``node_modules``, installed by ``npm ci`` (CONVENTIONS.md,
"Front-end code"), never copied into the repository.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

WEB = Path(__file__).parent
VENDOR = WEB / "node_modules"
OUTLINES = VENDOR / "world-atlas" / "countries-110m.json"
SWAGGER = "/vendor/swagger-ui-dist"  # the API docs' script and style, from npm
NAV = (("/", "Timeline"), ("/dyad?a=USA&b=RUS", "Dyad"), ("/network", "Network"),
       ("/map", "Map"), ("/stories", "Stories"))

router = APIRouter(include_in_schema=False)


def _page(name: str, title: str, body: str = "") -> HTMLResponse:
    """One shell for every page; ``data-page`` tells app.js what to draw."""
    nav = " ".join(f'<a href="{href}">{label}</a>' for href, label in NAV)
    return HTMLResponse(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} · Legation</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body data-page="{name}"><header><strong>Legation</strong> <nav>{nav}</nav></header>
<main><h1>{escape(title)}</h1>{body}<div id="status" class="status"></div>
<div id="chart"></div><div id="list"></div></main>
<script src="/static/app.js"></script></body></html>""")


FILTERS = """<form id="filters">
<label>source <input name="source" size="8"></label>
<label>target <input name="target" size="8"></label>
<label>root <input name="root" size="3"></label>
<label>since <input name="since" size="10" placeholder="YYYY-MM"></label>
<label>until <input name="until" size="10" placeholder="YYYY-MM"></label>
<button type="submit">Filter</button></form>"""


@router.get("/", response_class=HTMLResponse)
def timeline() -> HTMLResponse:
    """Events per month, filtered like ``legation events``, with the events below."""
    return _page("timeline", "Events per month", FILTERS)


@router.get("/dyad", response_class=HTMLResponse)
def dyad() -> HTMLResponse:
    """Cooperation above the axis, conflict below, month by month for one pair of actors."""
    form = """<form id="filters"><label>a <input name="a" size="8"></label>
<label>b <input name="b" size="8"></label><button type="submit">Show</button></form>"""
    return _page("dyad", "Dyad", form)


@router.get("/network", response_class=HTMLResponse)
def network() -> HTMLResponse:
    """Who acts on whom: edge width by event count, colour by mean Goldstein."""
    return _page("network", "Actor network")


@router.get("/map", response_class=HTMLResponse)
def map_() -> HTMLResponse:
    """Event places as points on country outlines, or a notice saying how to install them."""
    notice = "" if OUTLINES.exists() else (
        '<p class="warning" id="vendor-missing">Country outlines are not installed: run '
        "<code>npm ci --prefix src/legation/web</code> and restart the server.</p>")
    return _page("map", "Event places", notice)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(article_id: str) -> HTMLResponse:
    """An article's text with its actors, events and quotes marked, and its event table."""
    return _page("article", article_id)


@router.get("/stories", response_class=HTMLResponse)
def stories() -> HTMLResponse:
    """Stories: the articles about one happening, with their outlets."""
    return _page("stories", "Stories")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str) -> HTMLResponse:
    """One story: its reports in time order, then each outlet's telling side by side."""
    return _page("story", story_id)


def mount(app: FastAPI) -> None:
    """Add the pages, our own static files and the npm-installed vendor files to ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    # check_dir=False: without ``npm ci`` the map page says so instead of the app failing.
    app.mount("/vendor", StaticFiles(directory=VENDOR, check_dir=False), name="vendor")
