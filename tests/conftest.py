"""Shared test fixtures: the model is loaded once; ../shared is required under CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = REPO / "examples" / "corpus"


def run_cli(*args: str, input: str | None = None):
    """Run ``legation ARGS`` in-process (Typer's runner) with a wide terminal."""
    from typer.testing import CliRunner

    from legation.cli import app

    return CliRunner().invoke(app, list(args), input=input, env={"COLUMNS": "200"})


def shared_path(*parts: str) -> Path:
    """A path under ../shared; fail (never skip) under CI when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the checkout")
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def nlp():
    from legation.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus coded once into a DuckDB file, for the API and page tests."""
    from legation.run import Coder, code_inputs
    from legation.store import Store

    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    with Store(path) as store:
        summary = code_inputs([str(CORPUS)], store, Coder(), manifest=CORPUS / "manifest.jsonl")
    assert summary.failed == 0 and summary.events > 10
    return path


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """The five seed articles coded together into one DuckDB file (stories, merged events)."""
    from legation.run import Coder, code_inputs
    from legation.store import Store

    path = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with Store(path) as store:
        summary = code_inputs([str(seeds_dir)], store, Coder(),
                              manifest=seeds_dir / "manifest.jsonl")
    assert summary.failed == 0 and summary.coded == 5
    return path
