"""calendar.yaml: one list of month and weekday names for every date reader."""

from legation.extract.dateline import find_dateline
from legation.knowledge.calendar import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, alternation
from legation.read.dates import parse_written_date


def test_months_and_weekdays_number_in_calendar_order() -> None:
    assert MONTHS["january"] == MONTHS["jan"] == 1 and MONTHS["sept"] == MONTHS["sep"] == 9
    assert MONTHS["may"] == 5 and "may" not in MONTH_ABBREVIATIONS
    assert WEEKDAYS["monday"] == 0 and WEEKDAYS["thurs"] == WEEKDAYS["thursday"] == 3
    assert len(set(MONTHS.values())) == 12 and len(set(WEEKDAYS.values())) == 7


def test_alternation_tries_longer_names_first() -> None:
    alt = alternation({"sep": 9, "sept": 9}).split("|")
    assert alt.index("sept") < alt.index("sep")


def test_every_reader_knows_the_abbreviations() -> None:
    for text in ("Thurs., Sept. 14, 2023", "14 Sept 2023", "Sept 14, 2023"):
        parsed = parse_written_date(text)
        assert parsed is not None and parsed.value == "2023-09-14", text
    text = "GENEVA, Sept 14 (Reuters) - Talks resumed."
    line = find_dateline(text)
    assert line is not None and text[slice(*line.place)] == "GENEVA"
    assert text[line.end:].startswith("Talks")
