"""``--article-timeout``: a last resort against an article that runs too long.

What is known to be slow is prevented before the parse (symbol runs broken, long texts parsed
in pieces); this catches the rest. Each article is coded in a worker process forked from the
run, which already holds the model and the knowledge; a worker that has not answered within
the limit is killed, its article reported as failed with that reason, and a new worker takes
the next article. Results come back in input order, as an unsupervised run's do.
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait

from legation.records import Article, Coded, ReadFailure

Result = Coded | ReadFailure
CodeOne = Callable[[Article], Result]


def code_with_timeout(code_one: CodeOne, articles: Iterable[Article], timeout: float,
                      workers: int = 1) -> Iterator[Result]:
    """Code each article with ``code_one`` in one of ``workers`` supervised processes; one
    that takes over ``timeout`` seconds is stopped and comes back as a failure."""
    size = max(1, workers)
    pool: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    done: dict[int, Result] = {}
    todo = enumerate(articles)
    given = shown = 0
    try:
        pool += [_Worker(code_one) for _ in range(size)]
        while True:
            # at most two articles a worker past the first not yet returned: memory stays
            # bounded behind one slow article
            while pool and given - shown < 2 * size and (item := next(todo, None)) is not None:
                worker = pool.pop()
                worker.give(*item, timeout)
                busy[worker.conn] = worker
                given += 1
            if not busy:
                break
            wait_for = max(0.0, min(w.deadline for w in busy.values()) - time.monotonic())
            for conn in wait(list(busy), timeout=wait_for):
                worker = busy.pop(conn)  # type: ignore[arg-type]
                done[worker.seq] = worker.answer()
                pool.append(worker if worker.alive else _Worker(code_one))
            for conn, worker in list(busy.items()):
                if worker.deadline <= time.monotonic():
                    del busy[conn]
                    worker.stop()
                    done[worker.seq] = ReadFailure(worker.article.source, (
                        f"coding took longer than --article-timeout {timeout:g} s; stopped "
                        "(the rest of the run went on)"))
                    pool.append(_Worker(code_one))
            while shown in done:
                yield done.pop(shown)
                shown += 1
    finally:
        for worker in [*pool, *busy.values()]:
            worker.stop()


class _Worker:
    """One forked process coding the articles it is sent, one at a time."""

    def __init__(self, code_one: CodeOne) -> None:
        fork = multiprocessing.get_context("fork")
        self.conn, child = fork.Pipe()
        self.process = fork.Process(
            target=_serve, args=(code_one, child), daemon=True)
        self.process.start()
        child.close()
        self.alive = True
        self.seq = -1
        self.article: Article | None = None
        self.deadline = 0.0

    def give(self, seq: int, article: Article, timeout: float) -> None:
        self.seq, self.article = seq, article
        self.deadline = time.monotonic() + timeout
        try:
            self.conn.send(article)
        except OSError:  # the worker died while idle: answer() reports it
            self.deadline = time.monotonic()

    def answer(self) -> Result:
        try:
            return self.conn.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            self.stop()
            return ReadFailure(self.article.source if self.article else "?",
                               "coding failed: its worker process died")

    def stop(self) -> None:
        if self.alive:
            self.alive = False
            self.process.kill()
            self.process.join()
            self.conn.close()


def _serve(code_one: CodeOne, conn: Connection) -> None:
    while True:
        try:
            article = conn.recv()
        except EOFError:
            return
        conn.send(code_one(article))
