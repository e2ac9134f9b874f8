"""Time expressions: found with exact offsets and resolved against the publication date.

Sentences are written for these tests; the seeds are read from ../shared at test time.
"""

from __future__ import annotations

import pytest
from conftest import shared_path

from legation.extract.times import TimeExpression, find_times, parse_anchor, tense
from legation.nlp import load_model
from legation.read import read_inputs
from legation.records import Article

THURSDAY = "2015-10-22"  # a Thursday


@pytest.fixture(scope="module")
def model():
    return load_model()


def times(model, text: str, published: str | None = THURSDAY) -> list[TimeExpression]:
    found = find_times(model(text), published)
    for t in found:
        assert text[t.start:t.end] == t.text, t
    return found


def one(model, text: str, published: str | None = THURSDAY) -> TimeExpression:
    found = times(model, text, published)
    assert len(found) == 1, found
    return found[0]


def value_of(model, text: str, published: str | None = THURSDAY) -> str | None:
    return one(model, text, published).value


@pytest.mark.parametrize("text, value, rule", [
    ("The envoys met in Vienna on 22 October 2014.", "2014-10-22", "day-month-year"),
    ("The envoys met in Vienna on October 22, 2014.", "2014-10-22", "month-day-year"),
    ("Rebels shelled the town on September 30.", "2015-09-30", "month-day"),
    ("Rebels shelled the town on 30 September.", "2015-09-30", "day-month"),
])
def test_absolute_days(model, text: str, value: str, rule: str) -> None:
    found = one(model, text)
    assert (found.value, found.precision, found.rule, found.type) == (value, "day", rule, "DATE")


def test_month_and_year_precision(model) -> None:
    month = one(model, "In March 2012 the army withdrew from the valley.")
    assert (month.text, month.value, month.precision) == ("March 2012", "2012-03", "month")
    year = one(model, "The blockade has lasted since 2009.")
    assert (year.text, year.value, year.precision) == ("2009", "2009", "year")


def test_a_number_is_a_year_only_as_a_date(model) -> None:
    assert [t.value for t in times(model, "Some 1500 troops crossed in 2012.")] == ["2012"]


@pytest.mark.parametrize("text, value", [
    ("Kerry met Lavrov on Tuesday.", "2015-10-20"),
    ("Kerry will meet Lavrov on Tuesday.", "2015-10-27"),
    ("Kerry is to meet Lavrov on Tuesday.", "2015-10-27"),
    ("The envoys plan to meet Tuesday.", "2015-10-27"),
    ("Tuesday's meeting was cancelled.", "2015-10-20"),
    ("Kerry met Lavrov on Thursday.", "2015-10-22"),  # the publication weekday: that day
    ("Kerry will meet Lavrov on Thursday.", "2015-10-22"),
    ("The envoys meet in Geneva on Thursday.", "2015-10-22"),  # present: that very day
    ("Kerry met Lavrov last Thursday.", "2015-10-15"),  # "last" skips the day itself
    ("Kerry will meet Lavrov next Thursday.", "2015-10-29"),
    ("Kerry met Lavrov last Tuesday.", "2015-10-20"),
])
def test_weekday_direction_follows_tense(model, text: str, value: str) -> None:
    found = one(model, text)
    assert (found.text.endswith("day"), found.value, found.precision) == (True, value, "day")


def test_weekday_text_leaves_out_the_preposition(model) -> None:
    text = "Kerry met Lavrov on Tuesday."
    found = one(model, text)
    assert (found.text, found.start) == ("Tuesday", text.index("Tuesday"))
    assert found.rule == "weekday-past"


@pytest.mark.parametrize("text, published, value, rule", [
    ("The truce collapsed last June.", THURSDAY, "2015-06", "last-month-name"),
    ("The truce will be renewed next June.", THURSDAY, "2016-06", "next-month-name"),
    ("The truce expires this December.", THURSDAY, "2015-12", "this-month-name"),
    ("The truce collapsed in June.", THURSDAY, "2015-06", "month-past"),
    ("The truce will be renewed in June.", THURSDAY, "2016-06", "month-future"),
    ("The truce collapsed last December.", "2016-01-05", "2015-12", "last-month-name"),
])
def test_month_names(model, text: str, published: str, value: str, rule: str) -> None:
    found = one(model, text, published)
    assert (found.value, found.precision, found.rule) == (value, "month", rule)


def test_year_rolls_back_for_a_day_months_ahead(model) -> None:
    assert value_of(model, "The ceasefire began on December 28.", "2016-01-05") == "2015-12-28"


def test_a_future_day_months_back_rolls_forward(model) -> None:
    assert value_of(model, "Voters will go to the polls on January 10.", "2015-12-20") == \
        "2016-01-10"


@pytest.mark.parametrize("text, value, precision", [
    ("The minister resigned yesterday.", "2015-10-21", "day"),
    ("The minister resigns today.", "2015-10-22", "day"),
    ("The minister will resign tomorrow.", "2015-10-23", "day"),
    ("The minister resigned last week.", "2015-W42", "week"),
    ("The minister resigned earlier this month.", "2015-10", "month"),
    ("The minister resigned last month.", "2015-09", "month"),
    ("The minister will resign next month.", "2015-11", "month"),
    ("The minister must resign by the end of this month.", "2015-10", "month"),
    ("The minister resigned last year.", "2014", "year"),
    ("The minister resigns this year.", "2015", "year"),
    ("The minister will resign next year.", "2016", "year"),
    ("The minister resigned two days ago.", "2015-10-20", "day"),
    ("The minister resigned three weeks ago.", "2015-W40", "week"),
    ("The minister resigned four months ago.", "2015-06", "month"),
])
def test_relative_to_publication(model, text: str, value: str, precision: str) -> None:
    found = one(model, text)
    assert (found.value, found.precision, found.type) == (value, precision, "DATE")


def test_end_of_month_keeps_its_words_but_not_by_the(model) -> None:
    assert one(model, "The talks must end by the end of this month.").text == \
        "end of this month"


def test_part_of_day_is_a_time(model) -> None:
    found = one(model, "Jets struck the airport on Tuesday night.")
    assert (found.text, found.value, found.type) == ("Tuesday night", "2015-10-20TNI", "TIME")


def test_offset_from_an_event_is_unresolved(model) -> None:
    found = one(model, "Five years after the uprising, the capital is quiet.")
    assert (found.text, found.value, found.rule) == ("Five years", None, "offset-after")


@pytest.mark.parametrize("text, span, value", [
    ("The delegations talked for several hours.", "several hours", None),
    ("The rebels held the pass for two years.", "two years", "P2Y"),
    ("The convoy waited for three hours.", "three hours", "PT3H"),
])
def test_durations(model, text: str, span: str, value: str | None) -> None:
    found = one(model, text)
    assert (found.text, found.value, found.type) == (span, value, "DURATION")


@pytest.mark.parametrize("text, span, value", [
    ("The monitors report every week.", "every week", "P1W"),
    ("The monitors report weekly.", "weekly", "P1W"),
    ("The council meets twice a year.", "twice a year", "P1Y"),
    ("The council meets every Monday.", "every Monday", "XXXX-WXX-1"),
])
def test_sets(model, text: str, span: str, value: str) -> None:
    found = one(model, text)
    assert (found.text, found.value, found.type) == (span, value, "SET")


def test_references(model) -> None:
    found = times(model, "The army recently retook the town and now holds it.")
    assert [(t.text, t.value) for t in found] == [("recently", "PAST_REF"), ("now", "PRESENT_REF")]


def test_undated_article_leaves_relative_values_none(model) -> None:
    text = "The envoys met on Tuesday, after talks last week and in July 2013."
    found = times(model, text, None)
    assert [(t.text, t.value) for t in found] == [
        ("Tuesday", None), ("last week", None), ("July 2013", "2013-07")]


def test_month_precision_publication_resolves_months_not_days(model) -> None:
    found = times(model, "The envoys met on Tuesday and will meet again next month.", "2015-10")
    assert [(t.text, t.value) for t in found] == [("Tuesday", None), ("next month", "2015-11")]


@pytest.mark.parametrize("text", [
    "Officials may meet in Geneva.",
    "May we ask the minister a question?",
    "The march on the capital drew thousands.",
    "The March on the capital drew thousands.",
    "Kerry spoke to May about the sanctions.",
])
def test_no_date(model, text: str) -> None:
    assert times(model, text) == []


def test_a_year_as_a_modifier_is_left_unresolved(model) -> None:
    assert [t.value for t in times(model, "The 2008 crash drove the banks to ruin.")] in (
        [], [None])


@pytest.mark.parametrize("published, anchor", [
    ("2015-10-22T09:30:00Z", ("2015-10-22", "day")),
    ("2015-10", ("2015-10-01", "month")),
    ("2015", ("2015-01-01", "year")),
    ("2015-13-40", None),
    ("last week", None),
])
def test_parse_anchor(published: str, anchor: tuple[str, str] | None) -> None:
    parsed = parse_anchor(published)
    assert (parsed and (parsed.date.isoformat(), parsed.precision)) == anchor


def test_anchor_token_leads_to_the_verb(model) -> None:
    doc = model("Kerry met Lavrov on Tuesday.")
    found = find_times(doc, THURSDAY)[0]
    assert doc[found.anchor_token].text == "Tuesday"
    assert doc[found.anchor_token].head.head.lemma_ == "meet"


@pytest.mark.parametrize("text, word, expected", [
    ("The envoys met on Tuesday.", "Tuesday", "past"),
    ("The envoys have met twice.", "twice", "past"),
    ("The envoys will meet on Tuesday.", "Tuesday", "future"),
    ("The envoys are to meet on Tuesday.", "Tuesday", "future"),
    ("The talks are scheduled for Tuesday.", "Tuesday", "future"),
    ("The envoys meet on Tuesday.", "Tuesday", "present"),
])
def test_tense(model, text: str, word: str, expected: str) -> None:
    doc = model(text)
    assert tense(next(t for t in doc if t.text == word)) == expected


@pytest.fixture(scope="module")
def seeds(model) -> dict[str, tuple[Article, list[TimeExpression]]]:
    folder = shared_path("seeds")
    articles = [a for a in read_inputs([str(folder)], manifest=folder / "manifest.jsonl")
                if isinstance(a, Article)]
    return {a.id[:3]: (a, find_times(model(a.clean), a.published)) for a in articles}


@pytest.mark.parametrize("seed, text, value, precision", [
    ("001", "Tuesday", "2015-10-20", "day"),
    ("002", "Tomorrow", "2015-10-23", "day"),
    ("003", "July 2013", "2013-07", "month"),
    ("004", "Monday", "2016-09-19", "day"),
    ("004", "Tuesday", "2016-09-20", "day"),
])
def test_seed_times(seeds, seed: str, text: str, value: str, precision: str) -> None:
    article, found = seeds[seed]
    resolved = [(t.value, t.precision) for t in found if t.text == text]
    assert (value, precision) in resolved, [(t.text, t.value) for t in found]
    assert all(article.clean[t.start:t.end] == t.text for t in found)


def test_seed_weekdays_keep_their_preposition_outside(seeds) -> None:
    article, found = seeds["001"]
    tuesday = next(t for t in found if t.text == "Tuesday")
    assert article.clean[tuesday.start - 3:tuesday.start] == "on "


@pytest.mark.parametrize("text, span, value", [
    ("Fuel ran short in the camps during the summer.", "the summer", "2015-SU"),
    ("The ministry hopes to open the road this winter.", "this winter", "2015-WI"),
    ("Floods last spring destroyed the harvest.", "last spring", "2015-SP"),
    ("Floods last autumn destroyed the harvest.", "last autumn", "2014-FA"),
    ("The council will vote next summer.", "next summer", "2016-SU"),
])
def test_seasons(model, text: str, span: str, value: str) -> None:
    found = one(model, text)  # published on a Thursday of October 2015
    assert (found.text, found.value) == (span, value)


def test_winter_of_january_began_in_december(model) -> None:
    assert value_of(model, "The militia has been quiet this winter.", "2016-01-14") == "2015-WI"


@pytest.mark.parametrize("text, span, value", [
    ("Exports fell in the third quarter.", "the third quarter", "2015-Q3"),
    ("Exports fell in the first quarter of 2013.", "the first quarter of 2013", "2013-Q1"),
    ("Exports fell last quarter.", "last quarter", "2015-Q3"),
    ("The agency reports every quarter.", "every quarter", "P3M"),
])
def test_quarters(model, text: str, span: str, value: str) -> None:
    assert (one(model, text).text, one(model, text).value) == (span, value)


def test_clock_times_fall_on_the_day_nearby(model) -> None:
    found = times(model, "The envoys will meet on Monday. Talks start at 9 a.m. in the hall.")
    assert [(t.text, t.value, t.type) for t in found] == [
        ("Monday", "2015-10-26", "DATE"), ("9 a.m.", "2015-10-26T09:00", "TIME")]
    assert value_of(model, "The curfew begins at 10:30 pm.") == "2015-10-22T22:30"


def test_narrative_days_count_from_the_day_the_story_states(model) -> None:
    text = ("The strike began on October 3. The next day, the port closed, and the police moved "
            "in that night. Three days later the unions gave in. The day before, talks had failed.")
    assert [(t.text, t.value) for t in times(model, text)] == [
        ("October 3", "2015-10-03"), ("The next day", "2015-10-04"),
        ("that night", "2015-10-04TNI"), ("Three days later", "2015-10-06"),
        ("The day before", "2015-10-02")]
    # with no day stated before it, a narrative day stays unresolved
    assert value_of(model, "Two days later the talks resumed.") is None


@pytest.mark.parametrize("text, span, value, kind", [
    ("The deal could be signed within days.", "days", "PXD", "DURATION"),
    ("The town has been cut off for weeks.", "weeks", "PXW", "DURATION"),
    ("Prices rose over the past month.", "the past month", "P1M", "DURATION"),
    ("In the past, such votes were rare.", "the past", "PAST_REF", "DATE"),
    ("The board will meet more often in the future.", "the future", "FUTURE_REF", "DATE"),
])
def test_vague_spans_and_references(model, text: str, span: str, value: str, kind: str) -> None:
    found = one(model, text)
    assert (found.text, found.value, found.type) == (span, value, kind)
