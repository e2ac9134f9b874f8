"""Static text embeddings from the wordllama wheel, read from where pip put it.

wordllama looks for its tokenizer under ``tokenizer/`` but its wheel ships ``tokenizers/``, so
the package directory is given as the cache and downloads are disabled: nothing is fetched.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np


@functools.cache
def _model():
    import wordllama

    return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent,
                                    disable_download=True)


def embed_texts(texts: list[str]) -> np.ndarray:
    """Unit-length 256-dimensional vectors, one a text."""
    return np.asarray(_model().embed(texts, norm=True), dtype=np.float32)
