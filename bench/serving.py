"""Shared by the bench scripts: a coded sample database, and the app served in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from legation.run import Coder, code_inputs
from legation.store import Store
from legation.web.api import create_app

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def code_sample(db: Path) -> Path:
    """The bundled sample corpus coded into ``db``: what a new user sees first."""
    with Store(db) as store:
        summary = code_inputs([str(CORPUS)], store, Coder(), manifest=CORPUS / "manifest.jsonl")
    if summary.failed:
        raise SystemExit(f"{summary.failed} sample articles failed to code")
    return db


@contextmanager
def running(db: Path) -> Iterator[str]:
    """The app over ``db`` on a free loopback port; yields its base URL, stops on exit."""
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=0,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
