"""A real dask scheduler and two workers on loopback, started as the README says: the stored
result equals a local run's, also when a worker is killed with kill -9 while it codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS, run_cli

from legation.store import Store

DASK = str(Path(sys.executable).parent / "dask")
LEGATION = str(Path(sys.executable).parent / "legation")


def wait_for(check, seconds: float = 60, what: str = "the cluster"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (found := check()):
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[tuple[str, dict[str, subprocess.Popen]]]:
    """``dask scheduler`` and two ``dask worker`` processes (no nanny: kill -9 kills)."""
    from distributed import Client

    info = tmp_path / "scheduler.json"
    log = (tmp_path / "dask.log").open("w")
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(info)],
                              stdout=log, stderr=log)]
    address = wait_for(lambda: info.exists() and json.loads(info.read_text())["address"],
                       what="the scheduler")
    workers = {}
    for name in ("w0", "w1"):
        workers[name] = subprocess.Popen(
            [DASK, "worker", address, "--name", name, "--nthreads", "1", "--no-nanny",
             "--no-dashboard", "--host", "127.0.0.1"], stdout=log, stderr=log)
    procs += workers.values()
    with Client(address, timeout="30s") as client:
        wait_for(lambda: len(client.scheduler_info()["workers"]) == 2, what="two workers")
    try:
        yield address, workers
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
            p.wait()
        log.close()


def exported(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in store.iter_events())


def test_a_cluster_run_stores_what_a_local_run_stores(cluster, corpus_db: Path,
                                                      tmp_path: Path) -> None:
    address, _ = cluster
    db = tmp_path / "cluster.duckdb"
    result = run_cli("code", str(CORPUS), "--manifest", str(CORPUS / "manifest.jsonl"),
                     "--db", str(db), "--scheduler", address)
    assert result.exit_code == 0, result.output
    assert exported(db) == exported(corpus_db)
    with Store(db, read_only=True) as a, Store(corpus_db, read_only=True) as b:
        stories = "SELECT story_id, article_id FROM stories ORDER BY ALL"
        assert a.con.execute(stories).fetchall() == b.con.execute(stories).fetchall()


def test_killing_a_worker_mid_run_loses_nothing(cluster, corpus_db: Path,
                                                tmp_path: Path) -> None:
    from distributed import Client

    address, workers = cluster
    db = tmp_path / "killed.duckdb"
    run = subprocess.Popen([LEGATION, "code", str(CORPUS), "--manifest",
                            str(CORPUS / "manifest.jsonl"), "--db", str(db), "--scheduler",
                            address], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env={**os.environ, "COLUMNS": "200"})
    with Client(address, timeout="30s") as client:
        names = {addr: w["name"] for addr, w in client.scheduler_info()["workers"].items()}
        busy = wait_for(lambda: [names[a] for a, keys in client.processing().items() if keys],
                        what="a worker to start coding")
    workers[busy[0]].send_signal(signal.SIGKILL)  # kill -9 while it holds a partition
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert exported(db) == exported(corpus_db)
    assert "12 read, 12 coded" in out
