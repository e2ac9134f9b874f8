"""Shared test fixtures: the model is loaded once; ../shared is required under CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = REPO / "examples" / "corpus"


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
