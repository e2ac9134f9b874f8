"""Property: every repair keeps the length, so offsets in clean text are offsets in raw text."""

from __future__ import annotations

import random

import pytest
from conftest import shared_path

from legation.read import (
    drop_footer,
    mend_split_paragraphs,
    normalise_chars,
    read_inputs,
    read_text,
    reflow,
    repair_text,
)
from legation.records import Article

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "      \n\n\n\r\t.,;:!?'\"-()[]"
    "‘’“”«»‹›–—―−\u00a0\u202f\u2028\ufeff…é\x00\x07"
)
WORDS = ["Lavrov", "Kerry", "said", "the", "talks", "failed.", "By", "John", "Smith", "22",
         "October", "2015", "July,", "2016", "“We", "agree,”", "‘no’", "–", "Comments",
         "Post a Comment", "Share this:", "To contact", "No comments:", "Mr.", "U.S."]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", " \u00a0"]


def random_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 400)))
    parts = []
    for _ in range(rng.randint(1, 120)):
        parts += [rng.choice(WORDS), rng.choice(SEPARATORS)]
    return "".join(parts)


def test_every_seed_keeps_its_length() -> None:
    items = list(read_inputs([str(shared_path("seeds"))]))
    assert len(items) == 5
    for article in items:
        assert isinstance(article, Article)
        assert len(article.clean) == len(article.text)
        assert article.clean != article.text  # every seed needs some repair


@pytest.mark.parametrize("seed", range(20))
def test_random_texts_keep_their_length(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        text = random_text(rng)
        for repair in (normalise_chars, drop_footer, reflow, mend_split_paragraphs):
            assert len(repair(text)) == len(text), (repair.__name__, text)
        clean, _ = repair_text(text)
        assert len(clean) == len(text)
        # the parser sees only ASCII quotes and dashes
        assert not set(clean) & set("‘’“”«»–—")
        if text.strip():
            assert len(read_text(text).clean) == len(text)


def test_repairs_only_replace_or_blank() -> None:
    """A clean character is the raw one, its ASCII form, or whitespace."""
    rng = random.Random(7)
    for _ in range(200):
        text = random_text(rng)
        clean, _ = repair_text(text)
        normal = normalise_chars(text)
        for raw_char, norm_char, clean_char in zip(text, normal, clean, strict=True):
            assert clean_char in (raw_char, norm_char) or clean_char.isspace()
