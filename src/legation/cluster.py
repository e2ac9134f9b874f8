"""``legation code --scheduler``: the same pipeline on a dask.distributed cluster.

The driver reads the inputs as a stream, leaves out what the store already holds, and sends
partitions of articles to the workers; each worker process builds its coder once (model and
knowledge, cached by their spec) and sends back the coded articles. The driver stores them in
transactions in input order, so stories and merged events come out as a local run's do. A
partition whose worker dies is run again elsewhere by the scheduler (its result arrives once,
so nothing is stored twice); only a few partitions are in flight at a time, so memory stays
bounded on the driver.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legation.errors import LegationError
from legation.extract import CodeOptions
from legation.records import Article, Coded, ReadFailure
from legation.run import (
    Coder,
    Progress,
    RunSummary,
    changed_inputs,
    run_options,
    store_results,
)
from legation.store import Store

PARTITION = 16  # articles per task: small enough to retry cheaply, big enough to batch the parse
IN_FLIGHT_PER_WORKER = 2  # partitions submitted ahead of the one being stored, per worker
RETRIES = 3  # times a partition is run again when its worker dies


@dataclass(frozen=True)
class CoderSpec:
    """What a worker needs to build the driver's coder: small, hashable and picklable."""

    model: str | None
    actor_files: tuple[str, ...]
    pattern_files: tuple[str, ...]
    one_sided: bool

    def build(self) -> Coder:
        return Coder(self.model, [Path(p) for p in self.actor_files],
                     CodeOptions(one_sided=self.one_sided), [Path(p) for p in self.pattern_files])


_CODERS: dict[CoderSpec, Coder] = {}  # per worker process: the model loads once


def code_partition(spec: CoderSpec, articles: list[Article]) -> list[Coded | ReadFailure]:
    """Run on a worker: code a partition with this process's coder for ``spec``."""
    coder = _CODERS.get(spec)
    if coder is None:
        coder = _CODERS[spec] = spec.build()
    return list(coder.code(articles))


def connect(scheduler: str) -> tuple[Any, Any]:
    """A client for ``tcp://HOST:PORT`` (an existing scheduler) or ``local:N`` (a LocalCluster
    of N single-threaded worker processes started here); the cluster is None for tcp."""
    from distributed import Client, LocalCluster

    if scheduler.startswith("local:"):
        try:
            n = int(scheduler.removeprefix("local:"))
        except ValueError:
            n = 0
        if n < 1:
            raise LegationError(f"--scheduler {scheduler!r}: local:N wants a number of workers "
                                "of at least 1, such as local:2")
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    if not scheduler.startswith(("tcp://", "tls://")):
        raise LegationError(f"--scheduler {scheduler!r}: give tcp://HOST:PORT of a running "
                            "'dask scheduler', or local:N")
    try:
        return Client(scheduler, timeout="15s"), None
    except OSError as exc:
        raise LegationError(f"cannot reach the scheduler at {scheduler}: {exc}") from exc


def partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_on_cluster(client: Any, spec: CoderSpec, articles: Iterable[Article],
                    partition: int = PARTITION) -> Iterator[Coded | ReadFailure]:
    """Coded articles in input order, computed on the cluster behind ``client``; at most
    ``IN_FLIGHT_PER_WORKER`` partitions per worker are submitted ahead."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    ahead = IN_FLIGHT_PER_WORKER * workers
    queue: deque[tuple[Any, list[str]]] = deque()
    for part in partitions(articles, partition):
        future = client.submit(code_partition, spec, part, retries=RETRIES, pure=False)
        queue.append((future, [a.source for a in part]))
        while len(queue) > ahead:
            yield from _result(*queue.popleft())
    while queue:
        yield from _result(*queue.popleft())


def _result(future: Any, sources: list[str]) -> list[Coded | ReadFailure]:
    """A partition's results; one that failed on every try fails each of its articles by name
    (the run goes on)."""
    try:
        return future.result()
    except Exception as exc:  # the workers kept dying, or the task raised
        why = f"coding failed on the cluster after {RETRIES} retries: {type(exc).__name__}: {exc}"
        return [ReadFailure(source, why) for source in sources]
    finally:
        future.release()


def code_inputs_on_cluster(inputs: list[str], store: Store | None, coder: Coder,
                           spec: CoderSpec, scheduler: str, *, manifest: Path | None = None,
                           max_chars: int = 1_000_000, force: bool = False,
                           on_progress: Progress | None = None,
                           on_article: Callable[[Coded], None] | None = None) -> RunSummary:
    """``run.code_inputs`` with the parse and extraction on the cluster at ``scheduler``."""
    client, cluster = connect(scheduler)
    try:
        summary = RunSummary()
        todo = changed_inputs(inputs, store, coder.provenance, summary, manifest=manifest,
                              max_chars=max_chars, force=force)
        options = run_options(coder, manifest=manifest, max_chars=max_chars, force=force,
                              scheduler=scheduler)
        return store_results(code_on_cluster(client, spec, todo), store, coder.provenance,
                             summary, command="code", inputs=inputs, options=options,
                             on_progress=on_progress, on_article=on_article)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
