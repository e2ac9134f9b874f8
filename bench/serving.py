"""Shared by the bench scripts: the sample corpus coded into a database."""

from __future__ import annotations

from pathlib import Path

from legation.run import Coder, code_inputs
from legation.store import Store

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def code_sample(db: Path) -> Path:
    """The bundled sample corpus coded into ``db``: what a new user sees first."""
    with Store(db) as store:
        summary = code_inputs([str(CORPUS)], store, Coder(), manifest=CORPUS / "manifest.jsonl")
    if summary.failed:
        raise SystemExit(f"{summary.failed} sample articles failed to code")
    return db
