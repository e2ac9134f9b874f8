"""Repairs: same length always; reflow, quotes, footers, split paragraphs.

Seed texts are read from ../shared at test time, never copied here.
"""

from __future__ import annotations

import re

import pytest
from conftest import shared_path

from legation.read import (
    drop_footer,
    is_hard_wrapped,
    mend_split_paragraphs,
    normalise_chars,
    read_text,
    reflow,
)
from legation.read.repair import find_footer

SEEDS = [
    "000_f0bab78b58d4b249.txt",
    "001_85c375a1835593a2.txt",
    "002_0db74194c65406c3.txt",
    "003_2692df5b955f32a0.txt",
    "004_f1f7151ede6b885f.txt",
]
FOOTER_LABELS = ("No comments:", "To contact", "Post a Comment", "only a member")


def seed(name: str) -> str:
    return shared_path("seeds", name).read_text(encoding="utf-8")


# --- characters -------------------------------------------------------------------------------


def test_quotes_dashes_and_spaces_map_one_for_one() -> None:
    raw = "‘Yes’ – “no” — «peut-être»\u00a0it’s\u202fover"
    assert normalise_chars(raw) == "'Yes' - \"no\" - \"peut-être\" it's over"
    assert len(normalise_chars(raw)) == len(raw)


def test_line_ends_are_normalised_at_the_same_length() -> None:
    assert normalise_chars("a\r\nb\rc\u2028d") == "a \nb\nc\nd"


# --- reflow -----------------------------------------------------------------------------------


WRAPPED = (
    "Russian Foreign Minister Sergei Lavrov\n"
    "met US Secretary of State\n"
    "John Kerry in Vienna on Friday.\n"
    "The talks lasted four hours and\n"
    "ended without an agreement, officials\n"
    "said.\n"
    "\n"
    "Kerry said:\n"
    '"We will meet\n'
    'again next week."\n'
)


def test_reflow_joins_lines_broken_inside_sentences() -> None:
    clean = reflow(WRAPPED)
    assert len(clean) == len(WRAPPED)
    assert clean == (
        "Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry in "
        "Vienna on Friday.\nThe talks lasted four hours and ended without an agreement, "
        "officials said.\n\nKerry said:\n\"We will meet again next week.\"\n"
    )


def test_reflow_keeps_marked_breaks() -> None:
    title = "Lavrov Meets Kerry\n"
    text = title + WRAPPED
    assert reflow(text, keep={len(title) - 1}).startswith(title + "Russian Foreign Minister")
    assert reflow(text).startswith("Lavrov Meets Kerry Russian")


def test_reflow_leaves_one_line_per_paragraph_alone() -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met John Kerry in Vienna on Friday.\n"
        "Background\n"
        "The two men have met four times this year, most recently in Geneva in September.\n"
        "Kerry said the talks were useful\n"
        "Lavrov did not comment.\n"
    )
    assert reflow(text) == text
    assert not is_hard_wrapped(text)


def test_reflow_does_not_split_at_abbreviations() -> None:
    text = "The U.S.\nenvoy met\nthe Russian\nminister and\nMr.\nLavrov said no.\n"
    assert reflow(text) == "The U.S. envoy met the Russian minister and Mr. Lavrov said no.\n"


def test_reflow_keeps_list_items_apart() -> None:
    text = "Those at\nthe talks\nin Vienna\nwere:\n- Russia\n- the United States\n- Turkey\n"
    items = "- Russia\n- the United States\n- Turkey\n"
    assert reflow(text) == "Those at the talks in Vienna were:\n" + items


def _broken_runs(raw: str, min_lines: int = 3) -> list[str]:
    """Runs of lines in ``raw`` where each break falls inside a sentence (lower-case next)."""
    lines = raw.split("\n")
    runs, run = [], []
    for line, nxt in zip(lines, [*lines[1:], ""], strict=True):
        run.append(line)
        if not (line.strip() and nxt[:1].islower() and not re.search(r"[.!?:]\W*$", line)):
            if len(run) >= min_lines:
                runs.append(" ".join(run))
            run = []
    return runs


def test_seed_003_is_reflowed() -> None:
    raw = seed(SEEDS[3])
    article = read_text(raw, "003")
    assert is_hard_wrapped(normalise_chars(raw))
    assert len(article.clean) == len(raw)
    runs = _broken_runs(normalise_chars(raw))
    assert len(runs) >= 5
    for run in runs:  # a sentence spread over several raw lines is one line in clean
        assert run in article.clean
    assert article.clean.count("\n") < raw.count("\n") / 2


@pytest.mark.parametrize("name", [SEEDS[0], SEEDS[1], SEEDS[4]])
def test_seeds_laid_out_by_paragraph_are_unchanged(name: str) -> None:
    raw = normalise_chars(seed(name))
    assert not is_hard_wrapped(raw)
    assert reflow(raw) == raw
    assert read_text(seed(name)).clean == raw


def test_seed_002_is_not_reflowed_but_split_sentences_are_mended() -> None:
    raw = seed(SEEDS[2])
    article = read_text(raw, "002")
    assert not is_hard_wrapped(normalise_chars(raw))
    # "... part⏎⏎of a ...": a line without final punctuation, a blank line, a lower-case start
    splits = list(re.finditer(r"(?m)^(.*[^.!?:\s\"”])\n\n(?=[a-z])|^(.*,)\n\n(?=\w)", raw))
    assert len(splits) >= 2
    for split in splits:
        assert "\n" not in article.clean[split.start(): split.end() + 1]
    # real paragraph breaks stay
    assert article.clean.count("\n\n") > 10


# --- split paragraphs ---------------------------------------------------------------------------


def test_mend_joins_a_sentence_split_by_a_blank_line() -> None:
    text = "Putin allowed\n\nthat the talks failed.\n\nKerry left,\n\nLavrov stayed.\n"
    assert mend_split_paragraphs(text) == ("Putin allowed  that the talks failed.\n\n"
                                           "Kerry left,  Lavrov stayed.\n")


def test_mend_keeps_real_paragraphs() -> None:
    text = "A Title\n\nThe talks failed.\n\nthe lower-case start after a full stop.\n"
    assert mend_split_paragraphs(text) == text


# --- footers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_footers_are_blanked(name: str) -> None:
    raw = seed(name)
    clean = read_text(raw).clean
    start = find_footer(normalise_chars(raw))
    has_footer = any(label in raw for label in FOOTER_LABELS)
    assert (start is not None) == has_footer
    for label in FOOTER_LABELS:
        assert label not in clean
    if start is not None:
        assert clean[start:].strip() == ""
        assert clean[start:].count("\n") == raw[start:].count("\n")
        assert raw[:start].strip()  # the article itself stays


def test_footer_labels() -> None:
    body = "Lavrov met Kerry in Vienna on Friday, officials said.\n" * 10
    for footer in ("Share this:\nTwitter\nFacebook\n", "Related articles\nA\nB\n",
                   "Comments\n3 replies\n", "To contact the editors write to us.\n",
                   "Posted by Jane Roe at 9:42 PM\nLabels: Iran, Syria\n\nNo comments:\n"):
        text = body + footer
        clean = drop_footer(text)
        assert clean == body + re.sub(r"[^\n]", " ", footer)


def test_footer_label_early_in_the_text_is_kept() -> None:
    text = "Comments\n" + "Lavrov met Kerry in Vienna on Friday, officials said.\n" * 10
    assert drop_footer(text) == text


def test_footer_needs_a_label_line_not_a_sentence() -> None:
    text = ("Lavrov met Kerry in Vienna on Friday, officials said.\n" * 10
            + "To contact the rebels, the UN envoy flew to Aleppo on Saturday and met their "
            "leaders for several hours.\n")
    assert drop_footer(text) == text


def test_long_symbol_runs_are_broken_for_the_tokenizer_only() -> None:
    from legation.read.article import SYMBOL_RUN, break_symbol_runs

    prose = 'He said: "No!" -- and left... (really?!) 10:30, 5% of $3bn; see https://x.org/a?b=c.'
    assert break_symbol_runs(prose) == prose
    for run in ("😀" * 5000, '"' * 3001, "!?" * 999, "=-" * 40 + "x"):
        broken = break_symbol_runs(run)
        assert len(broken) == len(run)  # one character for one: offsets hold
        assert max(len(part) for part in broken.split(" ")) < SYMBOL_RUN + 1


def test_an_article_of_emoji_is_coded_not_stuck() -> None:
    from legation.run import Coder

    coded = Coder().code_text("😀" * 20_000)  # 80 KB: hours of tokenizing before the fix
    assert coded.events == [] and len(coded.article.text) == 20_000
