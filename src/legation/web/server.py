"""The app served in a background thread, for tests and bench scripts.

``legation serve`` runs uvicorn in the foreground; code that needs the real HTTP server beside
it (browser tests, latency benches) uses :func:`serving`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from legation.web.http_api import create_app

START_TIMEOUT = 30.0


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over ``db`` on a free loopback port; yields its base URL, stops on exit."""
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=0,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the server for {db} did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
