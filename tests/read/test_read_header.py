"""Title, byline and dateline at the top of a text: found, used, and blanked from clean text.

Expected values for the seeds come from the seeds' own manifest, read at test time.
"""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from legation.read import find_header, normalise_chars, parse_published, read_text
from legation.read.dates import parse_written_date

BODY = ("Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry in Vienna "
        "on Friday.\n\nThe talks lasted four hours, officials said.\n")


def seed_and_row(name: str) -> tuple[str, dict]:
    raw = shared_path("seeds", name).read_text(encoding="utf-8")
    manifest = shared_path("seeds", "manifest.jsonl").read_text(encoding="utf-8")
    rows = {r["file"]: r for r in map(json.loads, manifest.splitlines()) if r}
    return raw, rows[name]


@pytest.mark.parametrize("name", ["002_0db74194c65406c3.txt", "003_2692df5b955f32a0.txt"])
def test_seed_byline_and_date_from_the_text(name: str) -> None:
    raw, row = seed_and_row(name)
    article = read_text(raw, name)  # no manifest: the text alone
    assert article.author == row["author"]
    assert (article.published, article.published_precision, article.published_basis) == (
        row["published"], "day", "text")
    assert normalise_chars(article.title or "") == normalise_chars(row["title"])
    # the byline is blanked, so it cannot glue into the first sentence
    assert row["author"] not in article.clean
    assert len(article.clean) == len(raw)
    # the title stays, as its own line
    title_at = article.clean.index(normalise_chars(row["title"]))
    assert article.clean[title_at + len(row["title"])] == "\n"


@pytest.mark.parametrize("name", ["002_0db74194c65406c3.txt", "003_2692df5b955f32a0.txt"])
def test_seed_given_metadata_wins_and_byline_is_still_blanked(name: str) -> None:
    raw, row = seed_and_row(name)
    article = read_text(raw, name, author="Someone Else", published="2001-01",
                        title=row["title"])
    assert (article.author, article.published, article.published_basis) == (
        "Someone Else", "2001-01", "given")
    assert row["author"] not in article.clean


def test_seed_003_body_starts_a_new_paragraph_after_the_byline() -> None:
    raw, _ = seed_and_row("003_2692df5b955f32a0.txt")
    header = find_header(normalise_chars(raw))
    [*_, last] = header.blank
    clean = read_text(raw).clean
    after = clean[last[1]:].lstrip(" \n")
    before = clean[: header.blank[0][0]].rstrip(" \n")
    assert after[0].isupper()  # the body's first sentence is not glued to the byline
    assert before.endswith(".")
    assert header.keep  # the title line's newline is kept through reflow


@pytest.mark.parametrize(("top", "author", "published"), [
    ("John Smith\n22 October 2015\n", "John Smith", "2015-10-22"),
    ("By John Smith\nOctober 22, 2015\n", "John Smith", "2015-10-22"),
    ("2015-10-22\nBy Maria de la Cruz\n", "Maria de la Cruz", "2015-10-22"),
    ("John Smith\n26\nJuly, 2016\n", "John Smith", "2016-07-26"),
    ("John Smith\n26\nJuly\n2016\n", "John Smith", "2016-07-26"),
    ("Jane Roe 26 July, 2016\n", "Jane Roe", "2016-07-26"),
    ("By Jane Roe | Thursday, Oct. 22, 2015\n", "Jane Roe", "2015-10-22"),
    ("Posted on 22nd October 2015\n", None, "2015-10-22"),
    ("By Jane Roe\n", "Jane Roe", None),
])
def test_byline_forms(top: str, author: str | None, published: str | None) -> None:
    text = "Talks in Vienna\n\n" + top + "\n" + BODY
    article = read_text(text)
    assert article.author == author
    assert article.published == published
    assert article.title == "Talks in Vienna"
    top_start = text.index(top)
    assert article.clean[top_start: top_start + len(top)].strip() == ""
    assert article.clean.endswith(normalise_chars(BODY))


@pytest.mark.parametrize("top", [
    "The Duran\nsays Lavrov met Kerry.\n",  # a capitalised phrase, no date next to it
    "Vladimir Putin\n",  # a name alone, no "By", no date
    "The talks ended on 22 October 2015 without a deal.\n",  # a date inside a sentence
    "26\nSyrian soldiers were killed.\n",  # a number that is no date
])
def test_not_a_byline(top: str) -> None:
    text = top + "\n" + BODY
    article = read_text(text)
    assert article.author is None and article.published is None
    assert article.clean == normalise_chars(text)


def test_capitalised_phrase_next_to_a_date_is_not_an_author() -> None:
    article = read_text("The Duran\n22 October 2015\n\n" + BODY)
    assert article.author is None and article.published == "2015-10-22"
    assert article.clean.startswith("The Duran\n")


def test_title_rules() -> None:
    title = "Lavrov Meets Kerry in Vienna"
    assert read_text(title + "\n\n" + BODY).title == title
    assert read_text("Talks fail again\n\n" + BODY).title == "Talks fail again"
    # a sentence is no title, nor a capitalised first line that the next line continues
    assert read_text("The talks failed.\n\n" + BODY).title is None
    assert read_text("Russian President Vladimir Putin\nsaid the talks failed.\n").title is None
    # only the first line
    assert read_text(BODY).title is None


def test_title_line_stays_apart_in_wrapped_text() -> None:
    wrapped = ("Lavrov Publicly Rejects Kerry Offer\nAs\nwe reported, the Russians rejected\n"
               "the offer of\na place in a coalition\nled by the\nUS.\n")
    clean = read_text(wrapped).clean
    assert clean.startswith("Lavrov Publicly Rejects Kerry Offer\nAs we reported, the Russians")


def test_given_title_matches_the_first_line_with_other_quotes() -> None:
    text = "Kerry Calls In ‘Help’ On Syria\nAs\nwe reported on\nTuesday, the\nUS asked for help.\n"
    article = read_text(text, title="Kerry Calls In 'Help' On Syria")
    assert article.title == "Kerry Calls In 'Help' On Syria"
    assert article.clean.startswith("Kerry Calls In 'Help' On Syria\nAs we reported")


@pytest.mark.parametrize(("text", "value"), [
    ("22 October 2015", "2015-10-22"),
    ("October 22, 2015", "2015-10-22"),
    ("Oct 22 2015", "2015-10-22"),
    ("Thursday 22nd of October, 2015", "2015-10-22"),
    ("2015-10-22", "2015-10-22"),
    ("2015/10/22", "2015-10-22"),
])
def test_written_dates(text: str, value: str) -> None:
    parsed = parse_written_date(text)
    assert parsed is not None and parsed.value == value and parsed.precision == "day"


@pytest.mark.parametrize("text", ["31 February 2015", "Octember 22, 2015", "22 October",
                                  "in 2015", "2015-13-01"])
def test_not_dates(text: str) -> None:
    assert parse_written_date(text) is None
    assert parse_published(text) is None
