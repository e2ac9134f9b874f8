"""Places as actors: the country where an event is done stands in for what the text leaves out.

"Russian forces shelled Kharkiv" is aimed at Ukraine, "thousands marched in Nairobi" at Kenya,
"the military government declared a state of siege in Haiti" is Haiti's government: the
place's country is the target an event otherwise lacks, and the country of an agent the text
names without one, as ICEWS and POLECAT code them.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from legation.extract.actors import actor_code
from legation.extract.places import PlaceIndex
from legation.nlp import sent_of
from legation.records import Actor, PlaceMention

# Prepositions by which a place is where an event is aimed or done.
PLACE_PREPS = {"in", "at", "near", "on", "into", "outside", "inside", "around", "across",
               "over", "toward", "towards", "to", "from", "against", "throughout"}
# Roots whose events are said or agreed somewhere: a place on the verb or on its event noun is
# the venue ("rejected the plan in Geneva", "held talks in Baghdad"), and a place a topic is
# about is no target ("criticized the report on Ukraine"); only a place where what was said
# or asked would be done counts ("a call for peacekeepers to be deployed in East Timor").
VENUE_ROOTS = ("01", "02", "03", "04", "05", "10", "11", "12", "13")
# Roots whose object may be a place that stands for its country ("shelled Kharkiv").
PLACE_OBJECT_ROOTS = ("14", "15", "17", "18", "19", "20")
# Protests, strikes and blockades: with no target named they are aimed at the protesters' own
# government, as ICEWS and POLECAT code them ("workers at Chile's largest mine went on strike").
HOME_ROOTS = ("14",)
CROWD_PREPS = {"in", "at", "across", "throughout", "outside"}
# Visits and meetings: an agent there is a visitor, not of the place.
VENUE_PREPS = {"in", "at", "into", "inside", "to", "near"}
VISITING_ROOTS = ("01", "04")
# Links that lead out of the event's own clause.
OTHER_CLAUSE = {"nsubj", "nsubjpass", "csubj", "agent", "relcl", "advcl", "parataxis", "conj"}


def _place_actor(place: PlaceMention) -> Actor:
    return Actor(place.country, place.country, None, place.name, place.text, place.start,
                 place.end, None, "place")


def _located(obj: Token, by_head: dict[int, PlaceMention]) -> PlaceMention | None:
    for name in [obj, *(c for c in obj.children if c.dep_ == "conj")]:
        if name.i in by_head:
            return by_head[name.i]
    return None


def place_target(trigger: Token, code: str, by_head: dict[int, PlaceMention],
                 obj: Token | None = None) -> Actor | None:
    """The country of the place an event is aimed at or done in, nearest the trigger first,
    within the trigger's clause (``obj``: a light verb's event noun, "held talks")."""
    if code.startswith(PLACE_OBJECT_ROOTS):
        for thing in (c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")):
            if (place := _located(thing, by_head)) is not None:
                return _place_actor(place)
    venue = code.startswith(VENUE_ROOTS)
    allowed = VENUE_PREPS if venue else PLACE_PREPS
    own = {trigger.i} | ({obj.i} if obj is not None else set())
    frontier = [trigger]
    while frontier:
        tok = frontier.pop(0)
        for child in tok.children:
            if child.dep_ in OTHER_CLAUSE:
                continue
            if child.dep_ == "prep" and child.lower_ in allowed and not (venue and tok.i in own):
                for name in (c for c in child.children if c.dep_ == "pobj"):
                    if (place := _located(name, by_head)) is not None:
                        return _place_actor(place)
            frontier.append(child)
    return None


def home_target(code: str, source: Actor | None) -> Actor | None:
    """The source's own country as the target of a protest that names none."""
    if (not code.startswith(HOME_ROOTS) or source is None or source.country is None
            or not source.code.startswith(source.country)):  # not a bloc's or an IGO's
        return None
    return Actor(source.country, source.country, None, source.country, "", None, None, None,
                 "home")


def place_crowd(trigger: Token, code: str, by_head: dict[int, PlaceMention]) -> Actor | None:
    """Who protests when a protest names only its place: "a march in Nairobi against the
    tax" and "thousands marched in Nairobi" are Kenya's civilians."""
    if not code.startswith(HOME_ROOTS):
        return None
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in CROWD_PREPS):
        for name in (c for c in prep.children if c.dep_ == "pobj"):
            if (place := _located(name, by_head)) is not None:
                return Actor(actor_code(place.country, "CVL"), place.country, "CVL", place.name,
                             place.text, place.start, place.end, None, "crowd")
    return None


def clause_country(trigger: Token, code: str, by_head: PlaceIndex,
                   targets: Sequence[Actor] = ()) -> str | None:
    """The one country the places of the trigger's sentence lie in, if they agree; none for
    visits and meetings, where an agent is often a visitor. A place that is the event's
    target is where it is aimed, not where it is done ("protested against the United
    States"), unless a preposition says it is done there ("a state of siege in Haiti")."""
    if code.startswith(VISITING_ROOTS):
        return None
    sent = sent_of(trigger)
    aimed = [(a.start, a.end) for a in targets if a.start is not None and a.end is not None]
    doc = trigger.doc
    countries = {p.country for p in by_head.within(sent.start, sent.end)
                 if (doc[p.head].head.lower_ in CROWD_PREPS | {"near", "inside"}
                      or not any(s < p.end and p.start < e for s, e in aimed))}
    return countries.pop() if len(countries) == 1 else None

