"""The HTTP API: JSON over a coded database opened read-only, one DuckDB cursor per request.

Routes and shapes are fixed by CONVENTIONS.md ("HTTP API"): lists return
``{items, total, limit, offset}``, errors ``{detail}`` (404 for a missing id, 422 for a bad
parameter). Queries come from ``store`` and ``analyze``, shared with the CLI and Python API.
The dashboard pages (``pages``) are mounted on the same app and read these routes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import AfterValidator
from starlette.middleware.trustedhost import TrustedHostMiddleware

from legation import __version__, analyze
from legation.analyze import EXCLUDED, Count, Interval, Level
from legation.errors import StoreError
from legation.knowledge import codes
from legation.link.framing import compare
from legation.read.dates import filter_date
from legation.series import continuous
from legation.store import (
    ARTICLE_META,
    EventFilter,
    Store,
    select_articles,
    select_event,
    select_events,
    select_merged,
    select_quotes,
    select_stories,
    select_tellings,
)
from legation.web import pages


def _date(value: str | None) -> str | None:
    """Accept the precisions events are stored at, and only real dates (as the CLI does)."""
    return None if value is None else filter_date(value)


Cursor = duckdb.DuckDBPyConnection
DateQ = Annotated[str | None, Query(description="Event date, YYYY[-MM[-DD]]."),
                  AfterValidator(_date)]
ActorQ = Annotated[str | None, Query(description="A country or code prefix: RUS, USAGOV.",
                                     pattern=r"^[A-Za-z]{1,15}$")]
LimitQ = Annotated[int, Query(ge=1, le=1000, description="Page size (1-1000).")]
MAX_OFFSET = 2 ** 53  # beyond any table here; DuckDB's OFFSET is a signed 64-bit number
OffsetQ = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
AllQ = Annotated[bool, Query(description="Also count negated and hypothetical events.")]


def _cursor(request: Request) -> Iterator[Cursor]:
    """A cursor per request: DuckDB connections are not shared across threads, cursors are."""
    cur = request.app.state.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


Con = Annotated[Cursor, Depends(_cursor)]


def _rows(rel: duckdb.DuckDBPyRelation) -> list[dict[str, Any]]:
    cols = rel.columns
    return [dict(zip(cols, row, strict=True)) for row in rel.fetchall()]


def _page(rel: duckdb.DuckDBPyRelation, limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    total = rel.aggregate("count(*)").fetchall()[0][0]
    return {**extra, "items": _rows(rel.limit(limit, offset)), "total": total, "limit": limit,
            "offset": offset}


def _exclusion(include_all: bool) -> dict[str, Any]:
    """What the counts leave out, said in every analysis response (CONVENTIONS.md)."""
    if include_all:
        return {"excluded": [], "note": "all events are counted, negated and hypothetical too"}
    return {"excluded": list(EXCLUDED),
            "note": "negated and hypothetical events are not counted; include_all=true counts them"}


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
# Our pages load only our own script, style and data: an injected script has nowhere to run.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def create_app(db: Path, hosts: Sequence[str] = ()) -> FastAPI:
    """The API over ``db``, opened read-only now, so that a missing or locked file fails early.

    Requests must name one of ``hosts`` (the bound address and ``--allow-host`` names) or a
    loopback name in their Host header: a page elsewhere that rebinds its DNS name to
    127.0.0.1 cannot read a local server."""
    store = Store(db, read_only=True)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    # /docs is served from the npm-installed swagger-ui-dist, not a CDN: it works offline
    app = FastAPI(title="Legation", version=__version__, lifespan=lifespan,
                  description="Political event data coded from news, read-only.",
                  docs_url=None, redoc_url=None)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="Legation API",
            swagger_js_url=f"{pages.SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{pages.SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{pages.SWAGGER}/favicon-32x32.png")
    app.state.con = store.con
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=[*LOCAL_HOSTS, *hosts])

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if response.headers.get("content-type", "").startswith("text/html") and \
                request.url.path != "/docs":  # Swagger UI starts itself with an inline script
            response.headers["Content-Security-Policy"] = PAGE_CSP
        return response

    @app.exception_handler(StoreError)
    def _store_error(_: Request, exc: StoreError) -> JSONResponse:
        """A database that cannot answer (an older schema) says why, not 500."""
        return JSONResponse({"detail": str(exc)}, status_code=409)

    @app.get("/api/events")
    def events(con: Con, source: ActorQ = None, target: ActorQ = None,
               root: Annotated[str | None, Query(pattern=r"^\d{1,2}$",
                                                 description="CAMEO root: 04.")] = None,
               since: DateQ = None, until: DateQ = None, article: str | None = None,
               include_undated: bool = False, limit: LimitQ = 100, offset: OffsetQ = 0
               ) -> dict[str, Any]:
        """Events, filtered as by ``legation events``."""
        flt = EventFilter(source, target, root, since, until, article, include_undated)
        return _page(select_events(con, flt), limit, offset)

    @app.get("/api/events/{event_id}")
    def event(con: Con, event_id: str) -> dict[str, Any]:
        """One event with its evidence sentence and the article that tells it."""
        found = _rows(select_event(con, event_id))
        if not found:
            raise HTTPException(404, f"no event {event_id!r}")
        article = _rows(select_articles(con, found[0]["article_id"], ARTICLE_META))
        return {**found[0], "article": article[0] if article else None}

    @app.get("/api/articles")
    def articles(con: Con, limit: LimitQ = 100, offset: OffsetQ = 0) -> dict[str, Any]:
        """Articles with how many events, quotes, places and actor mentions each gave."""
        return _page(analyze.articles(con), limit, offset)

    @app.get("/api/articles/{article_id:path}")  # ids of files in subfolders hold a "/"
    def article(con: Con, article_id: str) -> dict[str, Any]:
        """An article's text with everything coded from it, each as a character span."""
        found = _rows(select_articles(con, article_id))
        if not found:
            raise HTTPException(404, f"no article {article_id!r}")
        return {**found[0],
                "events": _rows(select_events(con, EventFilter(article=article_id))),
                "quotes": _rows(select_quotes(con, article=article_id)),
                "places": _rows(analyze.article_rows(con, "places", article_id)),
                "mentions": _rows(analyze.article_rows(con, "mentions", article_id))}

    @app.get("/api/actors")
    def actors(con: Con, q: str | None = None, code: ActorQ = None, limit: LimitQ = 100,
               offset: OffsetQ = 0) -> dict[str, Any]:
        """Actors seen in events (search codes and names with ``q``), or with ``code`` the
        events of one actor (a country or code prefix) on either side."""
        if code:
            return _page(analyze.actor_events(con, code), limit, offset, code=code.upper())
        return _page(analyze.actors(con, q), limit, offset)

    @app.get("/api/dyad")
    def dyad(con: Con,
             a: Annotated[str, Query(pattern=r"^[A-Za-z]{1,15}$", description="Actor A.")],
             b: Annotated[str, Query(pattern=r"^[A-Za-z]{1,15}$", description="Actor B.")],
             interval: Interval = "month", since: DateQ = None, until: DateQ = None,
             include_all: AllQ = False, count: Count = "merged",
             fill: Annotated[bool, Query(description="Every period in the span, quiet ones as "
                                                     "zeros (a continuous time axis).")] = False
             ) -> dict[str, Any]:
        """Counts per period and direction (a→b, b→a): per QuadClass and summed Goldstein."""
        items = _rows(analyze.dyad(con, a, b, interval, since, until, include_all, count))
        if fill:
            items = continuous(items, interval, since, until)
        return {"a": a.upper(), "b": b.upper(), "interval": interval, "since": since,
                "until": until, "count": count, **_exclusion(include_all), "items": items,
                "total": len(items)}

    @app.get("/api/timeline")
    def timeline(con: Con, source: ActorQ = None, target: ActorQ = None,
                 root: Annotated[str | None, Query(pattern=r"^\d{1,2}$")] = None,
                 since: DateQ = None, until: DateQ = None, interval: Interval = "month"
                 ) -> dict[str, Any]:
        """Reports per period on a continuous axis (every period, quiet ones as zeros), per
        QuadClass and summed Goldstein, filtered like /api/events."""
        flt = EventFilter(source, target, root, since, until)
        items = continuous(_rows(analyze.timeline(con, flt, interval)), interval, since, until,
                           directions=("all",))
        return {"interval": interval, "since": since, "until": until, "count": "reports",
                "items": items, "total": len(items)}

    @app.get("/api/codes")
    def cameo_codes() -> dict[str, Any]:
        """CAMEO codes with their labels, QuadClass and Goldstein score (for labels on pages)."""
        return {"items": [{"code": c.code, "label": c.label, "quad_class": c.quad_class,
                           "goldstein": c.goldstein} for c in codes.load_codes().values()]}

    @app.get("/api/network")
    def network(con: Con, since: DateQ = None, until: DateQ = None, level: Level = "country",
                include_all: AllQ = False, count: Count = "merged") -> dict[str, Any]:
        """Actors as nodes, source → target event counts and mean Goldstein as edges."""
        edges = analyze.network(con, since, until, level, include_all, count)
        known = analyze.countries(con)
        nodes = [{**n, "country": n["id"][:3] in known and (level == "code" or n["id"] in known)}
                 for n in _rows(analyze.network_nodes(edges))]
        return {"level": level, "since": since, "until": until, "count": count,
                **_exclusion(include_all), "nodes": nodes, "edges": _rows(edges)}

    @app.get("/api/stories")
    def stories(con: Con, limit: LimitQ = 100, offset: OffsetQ = 0) -> dict[str, Any]:
        """Stories: the articles about one happening, with their outlets and merged events."""
        items = select_stories(con)
        return {"items": items[offset:offset + limit], "total": len(items), "limit": limit,
                "offset": offset}

    @app.get("/api/stories/{story_id}")
    def story(con: Con, story_id: str) -> dict[str, Any]:
        """One story, with its merged events."""
        found = select_stories(con, story_id)
        if not found:
            raise HTTPException(404, f"no story {story_id!r}")
        return {**found[0], "merged": select_merged(con, EventFilter(), None, 1, story_id)}

    @app.get("/api/merged")
    def merged(con: Con, min_reports: Annotated[int, Query(ge=1)] = 1, limit: LimitQ = 100,
               offset: OffsetQ = 0) -> dict[str, Any]:
        """Merged events with their reports and disagreements."""
        items = select_merged(con, min_reports=min_reports)
        return {"items": items[offset:offset + limit], "total": len(items), "limit": limit,
                "offset": offset}

    @app.get("/api/compare/{item_id}")
    def compare_outlets(con: Con, item_id: str) -> dict[str, Any]:
        """Outlet by outlet, how a merged event or a story was told."""
        try:
            head, tellings = select_tellings(con, item_id)
        except StoreError as exc:
            raise HTTPException(404, str(exc)) from None
        return {"id": item_id, "item": head, "outlets": compare(tellings)}

    @app.get("/api/quotes")
    def quotes(con: Con, speaker: ActorQ = None, article: str | None = None,
               limit: LimitQ = 100, offset: OffsetQ = 0) -> dict[str, Any]:
        """Quotations with their resolved speakers."""
        return _page(select_quotes(con, speaker, article), limit, offset)

    @app.get("/api/places")
    def places(con: Con, limit: LimitQ = 100, offset: OffsetQ = 0) -> dict[str, Any]:
        """Places with coordinates, with how many events happened there."""
        return _page(analyze.places(con), limit, offset)

    pages.mount(app)
    return app
