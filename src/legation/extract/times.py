"""Time expressions in an article, normalised against its publication date.

Events are dated by the expressions that govern their verbs, and news states most dates
relative to the day it was written ("on Tuesday", "last month"), so each expression is
resolved against ``published`` to a TimeML-style value. Direction for weekdays and bare month
names comes from the tense of the governing verb. Never today's date: an undated article
leaves relative values ``None``.

Rules are token patterns tried at each position (the longest match wins); spaCy DATE
entities that no rule explains are kept, unresolved, so that nothing the model saw is lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from legation.knowledge.calendar import MONTHS, WEEKDAY_NAMES
from legation.knowledge.calendar import WEEKDAYS as ALL_WEEKDAYS
from legation.nlp import sent_of

WORDS_KEY = "legation.times.words"
# Weekdays by full name only: "sat", "sun" and "wed" are words too.
WEEKDAYS = {name: n for name, n in ALL_WEEKDAYS.items() if name in WEEKDAY_NAMES}
NUMBERS = {word: n for n, word in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve"])}
NUMBERS |= {"a": 1, "an": 1, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
            "fifty": 50, "hundred": 100}
VAGUE = {"several", "few", "many", "some", "couple"}
# unit → (TimeML letter, is a clock unit, multiplier)
UNITS = {"second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
         "day": ("D", False, 1), "week": ("W", False, 1), "month": ("M", False, 1),
         "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100)}
UNIT_FORMS = {form: unit for unit in UNITS for form in (unit, unit + "s")} | {
    "centuries": "century"}
# Entity types that make a month name part of a name ("Theresa May").
NAMES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "EVENT", "LOC", "PRODUCT"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}
REF_WORDS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
             "recently": "PAST_REF", "lately": "PAST_REF", "soon": "FUTURE_REF"}
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
               "annually": "P1Y", "yearly": "P1Y"}
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
           "winter": ("WI", 12)}  # TimeML season code, first month
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}
CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?$")
MERIDIEM = {"a.m": 0, "am": 0, "p.m": 12, "pm": 12}
# Told relative to a day the story has named: "the following day", "the day before".
NEXT_DAY_WORDS = {"following", "next"}
PREVIOUS_DAY_WORDS = {"previous", "before", "preceding"}
# Prepositions before a bare plural unit that make it a vague duration ("for weeks").
VAGUE_DURATION_PREPS = {"for", "within", "over"}
DIRECTIONS = {"last": "last", "past": "last", "previous": "last", "next": "next",
              "coming": "next", "this": "this"}
# Words before a bare month or year that make it a date ("in June", "since 2011").
DATE_PREPS = {"in", "since", "by", "until", "till", "before", "after", "from", "to", "through",
              "during", "throughout", "of", "early", "late", "mid", "between", "and"}
MAY_PREPS = {"in", "since", "until", "till", "during", "throughout", "early", "late", "mid"}
# Modifiers kept inside the expression without changing its value ("end of this month").
PREFIXES = [("end", "of"), ("beginning", "of"), ("start", "of"),
            ("middle", "of"), ("early",), ("earlier",), ("late",), ("later",), ("mid",), ("the",)]
FUTURE_MODALS = {"will", "shall", "'ll", "wo", "would", "may", "might", "should", "must"}
# "is to meet", "plans to visit", "is scheduled for": the event lies ahead.
FUTURE_HEADS = {"be", "plan", "intend", "expect", "schedule", "set", "due", "go", "aim", "hope",
                "prepare", "want", "seek", "decide", "agree", "promise", "vow", "slate"}
# Which months away from publication a direction allows; the nearest allowed one is chosen.
MONTH_DIRECTIONS: dict[str, Callable[[int], bool]] = {
    "last": lambda d: d < 0, "past": lambda d: d <= 0, "next": lambda d: d > 0,
    "future": lambda d: d >= 0, "present": lambda d: True}
HORIZON = dt.timedelta(days=183)
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
DAY_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?$")
YEAR_NUMBER = re.compile(r"(?:mid-)?(1[0-9]{3}|20[0-9]{2}|21[0-9]{2})$")
DECADE = re.compile(r"(1[0-9]{2}|20[0-9])0s$")
PREFIX_FIRST_WORDS = {prefix[0] for prefix in PREFIXES}


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: where it is, what it means, and which rule said so.

    ``precision`` is the grain the expression names ("Tuesday": day) even when ``value`` is
    None for want of a publication date; ``anchor_token`` is the expression's own head token,
    from which the coder walks up to the governing verb.
    """

    start: int
    end: int
    text: str
    value: str | None
    type: str
    precision: str | None
    rule: str
    anchor_token: int


@dataclass(frozen=True)
class Anchor:
    """The publication date relative expressions count from, at the precision it is known."""

    date: dt.date
    precision: str

    def at(self, precision: str) -> dt.date | None:
        """The date when it is known at least as finely as ``precision`` needs."""
        known = PRECISION_RANK[self.precision] <= PRECISION_RANK[precision]
        return self.date if known else None


@dataclass(frozen=True)
class Hit:
    """A rule's match starting at a given token: where it ends and what it means."""

    end: int
    rule: str
    type: str
    value: str | None
    precision: str | None
    # resolved against a day the story names, not publication: ("stated", days, suffix) counts
    # from the latest stated day ("two days later"), ("latest", 0, suffix) is the latest day
    # named ("that evening"), ("clock", 0, "T15:00") the day a clock time falls on
    narrative: tuple[str, int, str] | None = None


Rule = Callable[[Doc, int, Anchor | None], Hit | None]


def find_times(doc: Doc, published: str | None) -> list[TimeExpression]:
    """Every time expression in ``doc``, resolved against ``published`` (ISO date or month)."""
    anchor = parse_anchor(published)
    found = _narrate(doc, list(_scan(doc, anchor)), anchor)
    taken = {c for t in found for c in range(t.start, t.end)}
    found += [_expression(span, Hit(span.end, "entity", "DATE", None, None))
              for span in _leftover_entities(doc, taken)]
    return sorted(found, key=lambda t: t.start)


def parse_anchor(published: str | None) -> Anchor | None:
    """``2015-10-22`` (day), ``2015-10`` (month) or ``2015`` (year); anything else is no anchor."""
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published or "")
    if not match:
        return None
    year, month, day = match.groups()
    precision = "day" if day else "month" if month else "year"
    try:
        return Anchor(dt.date(int(year), int(month or 1), int(day or 1)), precision)
    except ValueError:  # "2015-13-40"
        return None


def tense(token: Token) -> str:
    """``past``, ``present`` or ``future`` of the verb governing ``token``; ``present`` if none."""
    verb = _governing_verb(token)
    if verb is None:
        return "present"
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_MODALS for a in aux) or _planned(verb, aux):
        return "future"
    if any(a.lower_ == "to" for a in aux) or (verb.tag_ == "VBG" and not aux):
        return _head_tense(verb)
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if verb.tag_ == "VBN":
        return "present" if any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP")
                                for a in aux) else "past"
    return "present"


def _governing_verb(token: Token) -> Token | None:
    """The first verb or auxiliary at or above ``token``."""
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
    return token


def _planned(verb: Token, aux: list[Token]) -> bool:
    """"is to meet", "plans to meet", "is scheduled for": the event is ahead."""
    if any(a.lower_ == "to" for a in aux) and verb.dep_ == "xcomp":
        return verb.head.lemma_ in FUTURE_HEADS
    present_passive = any(a.tag_ in ("VBZ", "VBP") for a in aux)
    return verb.lemma_ in FUTURE_HEADS - {"be"} and verb.tag_ == "VBN" and present_passive


def _head_tense(verb: Token) -> str:
    """An infinitive or bare participle takes the tense of the clause it hangs from."""
    return "present" if verb.head.i == verb.i else tense(verb.head)


# --- scanning --------------------------------------------------------------------------------


def _scan(doc: Doc, anchor: Anchor | None) -> Iterator[tuple[TimeExpression, Hit]]:
    """Left to right, the longest rule match at each token, a kept prefix included."""
    i = 0
    while i < len(doc):
        skip = _prefix_length(doc, i)
        hit = (_best(doc, i + skip, anchor) if skip else None) or _best(doc, i, anchor)
        if hit is None:
            i += 1
            continue
        yield _expression(doc[i:hit.end], hit), hit
        i = hit.end


def _narrate(doc: Doc, found: list[tuple[TimeExpression, Hit]], anchor: Anchor | None
             ) -> list[TimeExpression]:
    """Give narrative expressions their day: "two days later" counts from the latest day the
    story stated before it, "that evening" is the latest day named, "at 3 p.m." falls on the
    latest day of its own or the previous sentence, else on the publication day."""
    out: list[TimeExpression] = []
    stated: str | None = None  # the latest day told without the narrative
    named: tuple[str, int] | None = None  # the latest day of any kind, and its sentence
    pub = anchor.at("day") if anchor else None
    for expr, hit in found:
        sentence = sent_of(doc[expr.anchor_token]).start
        if hit.narrative is not None:
            kind, days, suffix = hit.narrative
            if kind == "stated":
                base = stated
            elif kind == "latest":
                base = named[0] if named else None
            else:  # a clock time: a day nearby, else the day of publication
                base = named[0] if named and named[1] >= _previous_sentence(doc, sentence) \
                    else (pub.isoformat() if pub else None)
            day = base and (dt.date.fromisoformat(base) + dt.timedelta(days=days)).isoformat()
            expr = dataclasses.replace(expr, value=day and day + suffix)
        day = expr.value[:10] if expr.value and DAY_VALUE.match(expr.value) else None
        if day:
            named = (day, sentence)
            stated = day if hit.narrative is None or hit.narrative[0] == "clock" else stated
        out.append(expr)
    return out


def _previous_sentence(doc: Doc, start: int) -> int:
    """The first token of the sentence before the one starting at ``start``."""
    return sent_of(doc[start - 1]).start if start > 0 else 0


def _best(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """The longest match of any rule at token ``i``."""
    word = _word(doc, i)
    if word not in START_WORDS and not word[:1].isdigit() and not word.startswith("mid-"):
        return None  # no rule can start here: most tokens of an article
    hits = [h for rule in RULES if (h := rule(doc, i, anchor)) is not None]
    return max(hits, key=lambda h: h.end, default=None)


def _prefix_length(doc: Doc, i: int) -> int:
    """How many tokens of a kept modifier ("end of", "early") start at ``i``."""
    if _word(doc, i) not in PREFIX_FIRST_WORDS:
        return 0
    for prefix in PREFIXES:
        if tuple(_word(doc, i + k) for k in range(len(prefix))) == prefix:
            return len(prefix)
    return 0


def _expression(span: Span, hit: Hit) -> TimeExpression:
    return TimeExpression(span.start_char, span.end_char, span.text, hit.value, hit.type,
                          hit.precision, hit.rule, span.root.i)


def _leftover_entities(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """spaCy DATE entities no rule covered (``taken``: characters), trimmed, naming a time."""
    for ent in doc.ents:
        if ent.label_ != "DATE" or taken.intersection(range(ent.start_char, ent.end_char)):
            continue
        span = _trim(ent)
        if span is not None and any(_is_time_word(t) for t in span):
            yield span


def _trim(span: Span) -> Span | None:
    """Drop leading prepositions and determiners and trailing function words."""
    start, end = span.start, span.end
    while start < end and span.doc[start].pos_ in ("ADP", "DET", "PUNCT", "CCONJ"):
        start += 1
    while end > start and span.doc[end - 1].pos_ in ("ADP", "DET", "PUNCT", "CCONJ", "PART"):
        end -= 1
    return span.doc[start:end] if end > start else None


def _is_time_word(token: Token) -> bool:
    """A unit or a year; a month or weekday name the rules passed over is not a date."""
    word = token.lower_.rstrip(".")
    return word in UNIT_FORMS or bool(YEAR_NUMBER.match(word))


# --- token tests -----------------------------------------------------------------------------


def _word(doc: Doc, i: int) -> str:
    """The lower-case word at ``i`` without an abbreviation's dot; "" outside the doc.

    The rules ask for words hundreds of thousands of times per article batch; they are
    computed once per doc (building spaCy tokens is what costs).
    """
    words = doc.user_data.get(WORDS_KEY)
    if words is None:
        words = doc.user_data[WORDS_KEY] = [t.lower_.rstrip(".") for t in doc]
    return words[i] if 0 <= i < len(words) else ""


def _month(doc: Doc, i: int) -> int | None:
    """The month a capitalised proper noun names; not "may" the modal, not "the March"."""
    if not 0 <= i < len(doc) or _word(doc, i) not in MONTHS:
        return None
    tok = doc[i]
    if not tok.text[0].isupper() or tok.tag_ not in ("NNP", "NNPS") or tok.ent_type_ in NAMES:
        return None
    article = any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in tok.children)
    if article and _day(doc, i + 1) is None:
        return None
    return MONTHS[_word(doc, i)]


def _day(doc: Doc, i: int) -> int | None:
    match = DAY_NUMBER.match(doc[i].text) if 0 <= i < len(doc) else None
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def _year(doc: Doc, i: int) -> int | None:
    match = YEAR_NUMBER.match(doc[i].text) if 0 <= i < len(doc) else None
    return int(match.group(1)) if match else None


def _quantity(doc: Doc, i: int) -> tuple[int | None, int] | None:
    """A count before a unit: (number or None when vague, index after it)."""
    word = _word(doc, i)
    if word == "a" and _word(doc, i + 1) in VAGUE:  # "a few", "a couple of"
        i, word = i + 1, _word(doc, i + 1)
    if word in VAGUE:
        return None, i + 2 if _word(doc, i + 1) == "of" else i + 1
    if word in NUMBERS:
        return NUMBERS[word], i + 1
    if word.isdigit() and len(word) < 4:
        return int(word), i + 1
    return None


def _unit(doc: Doc, i: int) -> str | None:
    return UNIT_FORMS.get(_word(doc, i))


# --- values ----------------------------------------------------------------------------------


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _duration(count: int | None, unit: str) -> str | None:
    """TimeML duration ("P2Y", "PT3H"); None for a vague count."""
    if count is None:
        return None
    letter, clock, multiplier = UNITS[unit]
    return f"P{'T' if clock else ''}{count * multiplier}{letter}"


def _month_in_direction(month: int, anchor: Anchor | None, direction: str) -> str | None:
    """The month named, in the year that puts it ``last``/``next``/``this`` or by tense."""
    pub = anchor.at("month") if anchor else None
    if pub is None:
        year = anchor.at("year") if anchor and direction == "this" else None
        return _iso_month(year.year, month) if year else None
    if direction == "this":
        return _iso_month(pub.year, month)
    allowed = MONTH_DIRECTIONS[direction]
    distance = {y: y * 12 + month - (pub.year * 12 + pub.month) for y in range(pub.year - 1,
                                                                              pub.year + 2)}
    chosen = min((y for y, d in distance.items() if allowed(d)), key=lambda y: abs(distance[y]))
    return _iso_month(chosen, month)


def _weekday_in_direction(weekday: int, anchor: Anchor | None, direction: str) -> str | None:
    """The weekday named. A bare one told in the past is the latest on or before publication,
    in the future the earliest on or after it ("on Wednesday" in a Wednesday's story is that
    day); "last" and "next" skip the publication day itself."""
    pub = anchor.at("day") if anchor else None
    if pub is None:
        return None
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if direction == "present":
        offset = -back if back <= ahead else ahead
    elif direction == "last":
        offset = -(back or 7)
    elif direction == "next":
        offset = ahead or 7
    else:
        offset = -back if direction == "past" else ahead
    return (pub + dt.timedelta(days=offset)).isoformat()


def _month_day(month: int, day: int, anchor: Anchor | None, when: str) -> str | None:
    """A day without a year: the publication year, a year back when that is months ahead."""
    pub = anchor.at("year") if anchor else None
    if pub is None:
        return None
    try:
        date = dt.date(pub.year, month, day)
        if date - pub > HORIZON and when != "future":
            date = date.replace(year=pub.year - 1)
        elif pub - date > HORIZON and when == "future":
            date = date.replace(year=pub.year + 1)
    except ValueError:  # 29 February in a common year, 31 April
        return None
    return date.isoformat()


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _when(doc: Doc, start: int, end: int) -> str:
    return tense(doc[start:end].root)


# --- rules: absolute dates -------------------------------------------------------------------


def day_month(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"22 October 2015", "22 October", "22nd of October"."""
    day = _day(doc, i)
    j = i + 2 if _word(doc, i + 1) == "of" else i + 1
    month = _month(doc, j) if day else None
    if month is None or day is None:
        return None
    year = _year(doc, j + 1)
    if year is not None:
        return Hit(j + 2, "day-month-year", "DATE", _valid_day(year, month, day), "day")
    return Hit(j + 1, "day-month", "DATE",
               _month_day(month, day, anchor, _when(doc, i, j + 1)), "day")


def month_day(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"October 22, 2015", "October 22", "September 30"."""
    month = _month(doc, i)
    day = _day(doc, i + 1) if month else None
    if month is None or day is None:
        return None
    j = i + 3 if _word(doc, i + 2) == "," else i + 2
    year = _year(doc, j)
    if year is not None:
        return Hit(j + 1, "month-day-year", "DATE", _valid_day(year, month, day), "day")
    return Hit(i + 2, "month-day", "DATE",
               _month_day(month, day, anchor, _when(doc, i, i + 2)), "day")


def month_year(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"July 2013", "July of 2013": month precision."""
    month = _month(doc, i)
    j = i + 2 if _word(doc, i + 1) == "of" else i + 1
    year = _year(doc, j) if month else None
    if month is None or year is None:
        return None
    return Hit(j + 1, "month-year", "DATE", _iso_month(year, month), "month")


def month_name(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"last June", "next June", "this June", or a bare "in June" directed by tense."""
    direction = DIRECTIONS.get(_word(doc, i))
    j = i + 1 if direction else i
    month = _month(doc, j)
    if month is None:
        return None
    if direction:
        rule = f"{direction}-month-name"
        return Hit(j + 1, rule, "DATE", _month_in_direction(month, anchor, direction), "month")
    if not _bare_month_is_date(doc, i):
        return None
    when = _when(doc, i, i + 1)
    return Hit(i + 1, f"month-{when}", "DATE", _month_in_direction(month, anchor, when), "month")


def _bare_month_is_date(doc: Doc, i: int) -> bool:
    """A lone month name is a date after a date word or in a DATE entity; "May" needs "in"."""
    if _word(doc, i) == "may":  # "spoke to May", "by May": the prime minister as often
        return _word(doc, i - 1) in MAY_PREPS
    return _word(doc, i - 1) in DATE_PREPS or doc[i].ent_type_ == "DATE"


def year(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"in 2011", "since 2011", "mid-2015": a year only after a word that makes it a date."""
    value = _year(doc, i)
    if value is None:
        return None
    mid = doc[i].lower_.startswith("mid-")
    if not mid and (doc[i].dep_ == "nummod" or _word(doc, i - 1) not in DATE_PREPS):
        return None
    if _word(doc, i + 1) in ("-", "–") and (_day(doc, i + 2) or _year(doc, i + 2)):
        return Hit(i + 3, "year-range", "DATE", None, None)
    return Hit(i + 1, "year", "DATE", f"{value:04d}", "year")


def decade(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"the 1990s": TimeML writes a decade as its first three digits."""
    match = DECADE.match(doc[i].text)
    return Hit(i + 1, "decade", "DATE", match.group(1), None) if match else None


# --- rules: relative to publication ----------------------------------------------------------


def weekday(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"Tuesday", "last Tuesday", "Tuesday night": direction from the modifier or the tense."""
    direction = DIRECTIONS.get(_word(doc, i))
    j = i + 1 if direction else i
    day = WEEKDAYS.get(_word(doc, j))
    if day is None:
        return None
    if direction:
        rule = f"{direction}-weekday"
        direction = direction if direction != "this" else _when(doc, i, j + 1)
    else:
        direction = _when(doc, i, j + 1)
        rule = f"weekday-{direction}"
    value = _weekday_in_direction(day, anchor, direction)
    part = PARTS_OF_DAY.get(_word(doc, j + 1))
    return _day_hit(j + 1 if part else j, rule, value, part)


def day_word(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"yesterday", "today", "tomorrow", "tonight", "last night", "this morning"."""
    word, pub = _word(doc, i), anchor.at("day") if anchor else None
    part = PARTS_OF_DAY.get(_word(doc, i + 1))
    if word in DAY_WORDS:
        days = DAY_WORDS[word]
        value = pub and (pub + dt.timedelta(days=days)).isoformat()
        if word == "tonight":
            return _day_hit(i, word, value, "NI")
        return _day_hit(i + 1 if part else i, word, value, part)
    if (word == "this" and part) or (word == "last" and part == "NI"):
        value = pub and (pub - dt.timedelta(days=int(word == "last"))).isoformat()
        return _day_hit(i + 1, f"{word}-{_word(doc, i + 1)}", value, part)
    return None


def _day_hit(last: int, rule: str, value: str | None, part: str | None) -> Hit:
    """A day ending at token ``last``; a TIME ("2015-10-20TNI") when a part of day is named."""
    if part is None:
        return Hit(last + 1, rule, "DATE", value, "day")
    return Hit(last + 1, rule, "TIME", value and f"{value}T{part}", "day")


def unit_relative(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"last week", "this month", "next year": the unit before, of or after publication."""
    direction = DIRECTIONS.get(_word(doc, i))
    unit = _word(doc, i + 1)
    if direction is None or unit not in ("week", "month", "year"):
        return None
    if _word(doc, i) == "past" and _word(doc, i - 1) == "the":  # "over the past week": a span
        return Hit(i + 2, f"past-{unit}", "DURATION", _duration(1, unit), None)
    by = {"last": -1, "this": 0, "next": 1}[direction]
    rule = f"{direction}-{unit}"
    if unit == "week":
        pub = anchor.at("day") if anchor else None
        value = pub and _iso_week(pub + dt.timedelta(weeks=by))
    elif unit == "month":
        pub = anchor.at("month") if anchor else None
        value = pub and _iso_month(*_shift_month(pub.year, pub.month, by))
    else:
        pub = anchor.at("year") if anchor else None
        value = pub and f"{pub.year + by:04d}"
    return Hit(i + 2, rule, "DATE", value, unit)


def reference(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"now", "recently", "soon", "in recent weeks", "in the coming days": TimeML *_REF."""
    word = _word(doc, i)
    if word in REF_WORDS and doc[i].pos_ == "ADV" and _word(doc, i - 1) != "as":
        if word == "now" and _word(doc, i + 1) == "that":
            return None
        return Hit(i + 1, word, "DATE", REF_WORDS[word], None)
    if word in ("past", "future") and _word(doc, i - 1) == "the" and doc[i].pos_ == "NOUN":
        return Hit(i + 1, f"the-{word}", "DATE", f"{word.upper()}_REF", None)  # "in the past"
    refs = {"recent": "PAST_REF", "coming": "FUTURE_REF"}
    unit = _word(doc, i + 1)
    if word in refs and unit.endswith("s") and unit in UNIT_FORMS:
        return Hit(i + 2, f"{word}-{unit}", "DATE", refs[word], None)
    return None


def counted(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"three weeks ago", "two days later", "five years after", "for two years" (duration)."""
    lead = 1 if DIRECTIONS.get(_word(doc, i)) in ("last", "next") else 0
    count = _quantity(doc, i + lead)
    if count is None:
        return None
    number, j = count
    j += 1 if _word(doc, j) == "-" else 0  # "five-year"
    unit = _unit(doc, j)
    if unit is None:
        return None
    after = _word(doc, j + 1)
    if after == "ago" and not lead:
        return Hit(j + 2, "ago", "DATE", *_offset(number, unit, -1, anchor))
    if after == "from" and _word(doc, j + 2) == "now" and not lead:
        return Hit(j + 3, "from-now", "DATE", *_offset(number, unit, 1, anchor))
    if after in ("later", "earlier") and not lead:
        days = {"day": 1, "week": 7}.get(unit)  # months and years: too coarse to count days
        story = ("stated", (days if after == "later" else -days) * number, "") \
            if days and number else None
        return Hit(j + 2, f"offset-{after}", "DATE", None, "day" if story else None, story)
    if after in ("after", "before") and not lead:
        return Hit(j + 1, f"offset-{after}", "DATE", None, None)
    return Hit(j + 1, "duration", "DURATION", _duration(number, unit), None)


def _offset(number: int | None, unit: str, sign: int,
            anchor: Anchor | None) -> tuple[str | None, str | None]:
    """The date ``number`` units before or after publication, at the unit's precision."""
    if number is None or anchor is None or unit in ("decade", "century"):
        return None, None
    if unit == "year":
        pub = anchor.at("year")
        return (pub and f"{pub.year + sign * number:04d}"), "year"
    if unit == "month":
        pub = anchor.at("month")
        return (pub and _iso_month(*_shift_month(pub.year, pub.month, sign * number))), "month"
    pub = anchor.at("day")
    if unit == "week":
        return (pub and _iso_week(pub + dt.timedelta(weeks=sign * number))), "week"
    days = sign * number if unit == "day" else 0  # hours or minutes: the same day
    return (pub and (pub + dt.timedelta(days=days)).isoformat()), "day"


# --- rules: sets -----------------------------------------------------------------------------


def every(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"every week", "each year", "every two years", "every Tuesday", "on Tuesdays"."""
    word = _word(doc, i)
    if word.endswith("s") and word[:-1] in WEEKDAYS:
        return Hit(i + 1, "weekday-set", "SET", f"XXXX-WXX-{WEEKDAYS[word[:-1]] + 1}", None)
    if word not in ("every", "each"):
        return None
    if _word(doc, i + 1) in WEEKDAYS:
        return Hit(i + 2, "every-weekday", "SET",
                   f"XXXX-WXX-{WEEKDAYS[_word(doc, i + 1)] + 1}", None)
    if _word(doc, i + 1) == "quarter":
        return Hit(i + 2, "every-quarter", "SET", "P3M", None)
    count = _quantity(doc, i + 1) if _unit(doc, i + 1) is None else (1, i + 1)
    unit = _unit(doc, count[1]) if count else None
    if count is None or unit is None:
        return None
    return Hit(count[1] + 1, "every", "SET", _duration(count[0], unit), None)


def frequency(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"weekly", "annually", "twice a year", "three times a month"."""
    word = _word(doc, i)
    if word in SET_ADVERBS and doc[i].pos_ in ("ADV", "ADJ") and doc[i].text.islower():
        return Hit(i + 1, word, "SET", SET_ADVERBS[word], None)
    if word in ("once", "twice"):
        j = i + 1
    elif (word in NUMBERS or word.isdigit()) and _word(doc, i + 1) == "times":
        j = i + 2
    else:
        return None
    unit = _unit(doc, j + 1) if _word(doc, j) in ("a", "an", "per", "every") else None
    return Hit(j + 2, "frequency", "SET", _duration(1, unit), None) if unit else None


# --- rules: seasons, quarters, clock times, narrative days ------------------------------------


def season(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"this summer", "last winter", "the spring", "in autumn": TimeML's YYYY-SU."""
    direction = DIRECTIONS.get(_word(doc, i))
    j = i + 1 if direction else i
    name = _word(doc, j)
    if name not in SEASONS or doc[j].pos_ != "NOUN":
        return None
    if not direction and _word(doc, i - 1) not in DATE_PREPS | {"the"}:
        return None  # "summer heat" is no date
    code, first = SEASONS[name]
    when = direction if direction else _when(doc, j, j + 1)
    return Hit(j + 1, f"{direction or when}-season", "DATE", _season(code, first, anchor, when),
               None)


def _season(code: str, first: int, anchor: Anchor | None, when: str) -> str | None:
    """The year of the season meant: told "last", the latest one over; "next", the first not
    begun; in the past, the latest begun; in the future, the first not over; else this year's
    (the winter of January is the one that began in December)."""
    pub = anchor.at("month") if anchor else None
    if pub is None:
        return None
    now = pub.year * 12 + pub.month - 1
    spans = {y: (y * 12 + first - 1, y * 12 + first + 1) for y in range(pub.year - 2,
                                                                        pub.year + 2)}
    picks = {"last": max((y for y, (_, end) in spans.items() if end < now), default=None),
             "next": min((y for y, (start, _) in spans.items() if start > now), default=None),
             "past": max((y for y, (start, _) in spans.items() if start <= now), default=None),
             "future": min((y for y, (_, end) in spans.items() if end >= now), default=None)}
    year = picks.get(when, pub.year - (code == "WI" and pub.month <= 2))
    return f"{year:04d}-{code}" if year is not None else None


def quarter(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"the first quarter", "the third quarter of 2024", "last quarter": YYYY-Qn."""
    word, pub = _word(doc, i), anchor.at("month") if anchor else None
    if _word(doc, i + 1) != "quarter" or (word not in ORDINALS and word not in DIRECTIONS):
        return None
    if word in DIRECTIONS:
        by = {"last": -1, "this": 0, "next": 1}[DIRECTIONS[word]]
        if pub is None:
            return Hit(i + 2, f"{word}-quarter", "DATE", None, None)
        index = pub.year * 4 + (pub.month - 1) // 3 + by
        return Hit(i + 2, f"{word}-quarter", "DATE", f"{index // 4:04d}-Q{index % 4 + 1}", None)
    end, year = i + 2, anchor.at("year").year if anchor and anchor.at("year") else None
    if _word(doc, end) == "of" and _year(doc, end + 1) is not None:
        end, year = end + 2, _year(doc, end + 1)
    elif _word(doc, end) == "of" and _word(doc, end + 2) == "year" and year is not None:
        by = {"last": -1, "this": 0, "next": 1}.get(DIRECTIONS.get(_word(doc, end + 1), ""))
        end, year = (end + 3, year + by) if by is not None else (end, year)
    value = f"{year:04d}-Q{ORDINALS[word]}" if year is not None else None
    return Hit(end, "quarter", "DATE", value, None)


def clock(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"3 p.m.", "11:30 am": a time of day on the day nearby (see ``_narrate``)."""
    match = CLOCK.match(doc[i].text) if 0 <= i < len(doc) else None
    meridiem = MERIDIEM.get(_word(doc, i + 1))
    if match is None or meridiem is None or not 1 <= int(match.group(1)) <= 12:
        return None
    hour, minute = int(match.group(1)) % 12 + meridiem, int(match.group(2) or 0)
    return Hit(i + 2, "clock", "TIME", None, "day", ("clock", 0, f"T{hour:02d}:{minute:02d}"))


def narrative_day(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"the following day", "the next morning", "the day before," (from the latest day the
    story stated) and "that evening" (the latest day it named)."""
    word, after = _word(doc, i), _word(doc, i + 1)
    part = PARTS_OF_DAY.get(after)
    suffix = f"T{part}" if part else ""
    kind = "TIME" if part else "DATE"
    if word == "that" and (after == "day" or part):
        return Hit(i + 2, f"that-{after}", kind, None, "day", ("latest", 0, suffix))
    if _word(doc, i - 1) != "the":
        return None
    if word in NEXT_DAY_WORDS | PREVIOUS_DAY_WORDS and (after == "day" or part):
        days = 1 if word in NEXT_DAY_WORDS else -1
        return Hit(i + 2, f"{word}-{after}", kind, None, "day", ("stated", days, suffix))
    if word == "day" and after in ("before", "after") and (
            i + 2 >= len(doc) or doc[i + 2].is_punct):  # "the day before the vote": no day named
        return Hit(i + 2, f"day-{after}", "DATE", None, "day",
                   ("stated", 1 if after == "after" else -1, ""))
    return None


def vague_duration(doc: Doc, i: int, anchor: Anchor | None) -> Hit | None:
    """"for weeks", "within days", "over months": a duration of no stated length."""
    word = _word(doc, i)
    unit = UNIT_FORMS.get(word)
    if unit is None or word == unit or _word(doc, i - 1) not in VAGUE_DURATION_PREPS:
        return None
    if doc[i].pos_ != "NOUN" or _word(doc, i + 1) in ("ago", "later", "earlier", "of"):
        return None
    letter, is_clock, _ = UNITS[unit]
    return Hit(i + 1, "vague-duration", "DURATION", f"P{'T' if is_clock else ''}X{letter}", None)


RULES: list[Rule] = [day_month, month_day, month_year, month_name, year, decade, weekday,
                     day_word, unit_relative, reference, counted, every, frequency, season,
                     quarter, clock, narrative_day, vague_duration]
# Every rule starts at one of these words (or at a number): a cheap test before the rules.
START_WORDS = (set(MONTHS) | set(WEEKDAYS) | {d + "s" for d in WEEKDAYS} | set(DIRECTIONS)
               | set(DAY_WORDS) | set(REF_WORDS) | set(SET_ADVERBS) | set(NUMBERS) | VAGUE
               | set(SEASONS) | set(ORDINALS) | set(UNIT_FORMS) | NEXT_DAY_WORDS
               | PREVIOUS_DAY_WORDS | {"a", "every", "each", "once", "twice", "that", "day",
                                       "future"})
