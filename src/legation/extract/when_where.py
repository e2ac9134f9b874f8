"""The day and the place of each event, and how we know them.

Date: the time expression of the event's clause, else one in a clause of its sentence that
governs it (stated); else the day or month of a dated event in the last few sentences of its
paragraph, which it continues, or the day of the sentence just before (inferred); a year is
never inherited; else the publication date (publication).
Place: the event's own "in/at/near X" (or, for visits, where to), stated; else the
sentence's place, inferred; else none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Token

from legation.extract.places import PlaceIndex
from legation.nlp import doc_text, sent_index, sent_of, sentences
from legation.records import Place, PlaceMention

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION = {4: "year", 7: "month", 10: "day"}
EVENT_PLACE_PREPS = {"in", "at", "near", "outside", "inside", "around"}
VISIT_CODES = ("042", "043", "036")  # a visit happens where it goes
CONTINUATION_SENTENCES = 2  # an undated event continues a dated one this close before it
# Only a day or a month carries over to an event that continues it, within its paragraph: a
# year is background ("since 1979"), not the date of what follows.
INHERITED = ("day", "month")
PARAGRAPH_BREAK = "\n\n"


class TimeLike(Protocol):
    """What the coder needs of a time expression (extract.times.TimeExpression)."""

    value: str | None
    anchor_token: int


@dataclass(frozen=True)
class When:
    """An event's date, its precision, how it was found, and the sentence that gave it."""

    value: str | None
    precision: str | None
    basis: str | None
    sentence: int | None = None





def _same_paragraph(token: Token, sentence: int) -> bool:
    """Is sentence number ``sentence`` of the token's document in the token's paragraph?"""
    doc = token.doc
    sents = sentences(doc)
    start = sents[sentence].start_char if 0 <= sentence < len(sents) else token.idx
    return PARAGRAPH_BREAK not in doc_text(doc)[start:token.idx]


def _clause_verb(token: Token) -> Token:
    """The verb heading the clause a token is in (the token itself when it is one)."""
    tok = token
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def event_when(trigger: Token, times: Sequence[TimeLike], earlier: When | None,
               published: str | None, published_precision: str | None) -> When:
    """The date of the event triggered at ``trigger`` (see the module docstring)."""
    dated = [t for t in times if t.value and DATE_VALUE.match(t.value)]
    doc = trigger.doc
    clause = _clause_verb(trigger)
    governing = {clause.i, *(a.i for a in clause.ancestors)}
    # a nominal event's own clause includes its participle ("the offensive launched on Monday")
    own_clauses = {clause.i, *(c.i for c in trigger.children if c.dep_ == "acl")}
    own = [t for t in dated if _clause_verb(doc[t.anchor_token]).i in own_clauses]
    # In the sentence, only a clause that governs the event dates it: "the campaign it began
    # on September 30" does not date "Assad praised the government".
    sentence = [t for t in dated if sent_index(doc[t.anchor_token]) == sent_index(trigger)
                and _clause_verb(doc[t.anchor_token]).i in governing]
    for pool in (own, sentence):
        if pool:
            best = min(pool, key=lambda t: abs(t.anchor_token - trigger.i))
            return When(best.value, PRECISION[len(best.value)], "stated",  # type: ignore[arg-type]
                        sent_index(trigger))
    if (earlier is not None and earlier.basis in ("stated", "inferred")
            and earlier.sentence is not None and earlier.precision in INHERITED
            and sent_index(trigger) - earlier.sentence <= CONTINUATION_SENTENCES
            and _same_paragraph(trigger, earlier.sentence)):
        return When(earlier.value, earlier.precision, "inferred")
    previous = sent_index(trigger) - 1
    # the sentence just before may end the paragraph before: wire paragraphs are often one
    # sentence long ("… Kerry said yesterday.⏎⏎ … Kerry said at a meeting with Lavrov")
    before = [t for t in dated if previous >= 0 and sent_index(doc[t.anchor_token]) == previous
              and (PRECISION[len(t.value)] == "day"  # type: ignore[arg-type]
                   or (PRECISION[len(t.value)] in INHERITED  # type: ignore[arg-type]
                       and _same_paragraph(trigger, previous)))]
    if before:  # "… Kerry said yesterday. … Kerry said at a meeting with Lavrov …"
        last = max(before, key=lambda t: t.anchor_token)
        return When(last.value, PRECISION[len(last.value)], "inferred")  # type: ignore[arg-type]
    if published:
        return When(published, published_precision or PRECISION.get(len(published)),
                    "publication")
    return When(None, None, None)


def _place(mention: PlaceMention, basis: str) -> Place:
    return Place(mention.name or mention.text, mention.geonames_id, mention.lat, mention.lon,
                 mention.country, mention.feature, basis)  # type: ignore[arg-type]


def event_place(trigger: Token, cameo: str, by_head: PlaceIndex,
                event_object: Token | None = None) -> Place | None:
    """The place of the event triggered at ``trigger`` (see the module docstring), among the
    article's places by head token; ``event_object`` is the object that carries a light
    verb's event ("held talks in X")."""
    preps = set(EVENT_PLACE_PREPS) | ({"to"} if cameo.startswith(VISIT_CODES) else set())
    heads = [trigger, *(c for c in trigger.children if c.dep_ == "acl")]
    heads += [event_object] if event_object is not None else []
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in by_head:
                        return _place(by_head[obj.i], "stated")
    if cameo.startswith(VISIT_CODES):
        for obj in (c for c in trigger.children if c.dep_ == "dobj"):  # "visited Moscow"
            if obj.i in by_head:
                return _place(by_head[obj.i], "stated")
    sent = sent_of(trigger)
    inside = [p for p in by_head.within(sent.start, sent.end) if p.feature == "city"]
    if inside:
        return _place(min(inside, key=lambda p: abs(p.head - trigger.i)), "inferred")
    return None
