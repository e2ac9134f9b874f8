"""Places named in an article, resolved to GeoNames entries with coordinates.

Candidates are spaCy's place entities, the resolver's place-use mentions ("in Moscow") and
names after locative prepositions; each is looked up in the gazetteer (exact names, alternate
names, then transliterations). Among several candidates the one in a country the article
otherwise names wins, then the most populous, so "Homs" in a story about Syria is not Libya's
Al Khums and "Moscow" is not Moscow, Idaho.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from legation.extract.actors import ArticleActors
from legation.extract.dateline import dateline_of
from legation.knowledge import gazetteer
from legation.knowledge.gazetteer import Candidate
from legation.knowledge.words import PlaceWords
from legation.nlp import doc_text
from legation.records import PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACES = {"ORG", "PERSON", "EVENT", "WORK_OF_ART", "NORP", "PRODUCT", "LAW"}
SMALL_TOWN = 100_000
COMPARABLE_SIZE = 0.25  # a candidate under a quarter of the largest one's population loses


def _candidate_spans(doc: Doc, actors: ArticleActors, *, words: PlaceWords) -> list[Span]:
    acting = {i for m in actors.mentions if m.kind in ("capital", "metonym")
              for i in range(m.start, m.end)}  # "Washington condemned …" is an actor
    persons = [(m.start, m.end) for m in actors.mentions if m.kind == "person"]
    spans = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    spans += [doc[m.start:m.end] for m in actors.mentions if m.kind == "place"]
    spans = [s for s in spans if not any(t.ent_type_ in NOT_PLACES for t in s)  # "Operation …"
             and acting.isdisjoint(range(s.start, s.end))]
    # Where the grammar says place ("in eastern Mali", "north of Addis Ababa", "shelled
    # Kharkiv") a gazetteer name is a place whatever the tagger calls it: small models take
    # "Mali" or "Gao" for people and "Bamako" for an organization.
    spans += _locative_spans(doc, acting, words=words)
    spans += _dateline_spans(doc)  # "KYIV (Reuters) —": a place, whatever the tagger says
    # a person inside a longer place name is not the place's owner ("Puerto Cabello")
    spans = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in persons)]
    # a name the gazetteer knows beats a longer span it does not ("neighbouring Oaxaca")
    spans = [s for s in map(_trim, spans) if gazetteer.lookup_loose(s.text)[0]]
    taken: set[int] = set()
    out = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if taken.isdisjoint(range(span.start, span.end)):
            taken.update(range(span.start, span.end))
            out.append(span)
    return out


def _locative_spans(doc: Doc, acting: set[int], *, words: PlaceWords) -> list[Span]:
    """Proper names after a locative preposition (and their conjuncts: "between Gao and
    Ansongo"), and large cities as direct objects ("shelled Kharkiv"; not "condemned
    Moscow", where the capital is an actor)."""
    spans = []
    for prep in doc:
        if prep.dep_ == "prep" and (prep.lower_ in words.locative or (
                prep.lower_ == "with" and prep.head.lemma_.lower() in words.border_nouns)):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                names = [obj, *_conjuncts(obj)]
                if obj.lower_ in words.place_nouns:  # "in the Amhara region", "Beirut's suburbs"
                    names += [n for m in obj.children if m.dep_ in ("compound", "nmod", "poss")
                              and m.pos_ == "PROPN" for n in [m, *_conjuncts(m)]]
                spans += [span for name in names if name.pos_ == "PROPN"
                          and name.text[:1].isupper() for span in _names_at(name)]
    for obj in doc:
        if obj.dep_ == "dobj" and obj.pos_ == "PROPN" and obj.i not in acting:
            spans += [span for name in [obj, *_conjuncts(obj)] if name.i not in acting
                      and _city(span := _names_at(name)[0], SMALL_TOWN)]
    return spans


def _names_at(name: Token) -> list[Span]:
    """The proper name ending at ``name`` with its compound parts ("Puerto Cabello"), and
    with a possessor that may be part of it ("Cox's Bazar")."""
    left = min([name.i, *(t.i for t in name.lefts if t.dep_ == "compound"
                          and t.text[:1].isupper())])
    spans = [name.doc[left:name.i + 1]]
    spans += [name.doc[t.i:name.i + 1] for t in name.lefts if t.dep_ == "poss"
              and t.pos_ == "PROPN" and t.i < left]
    return spans


def _conjuncts(token: Token) -> list[Token]:
    out, stack = [], [c for c in token.children if c.dep_ == "conj"]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack += [c for c in tok.children if c.dep_ == "conj"]
    return out


def _dateline_spans(doc: Doc) -> list[Span]:
    """The place (and the country or state after it) of the story's dateline."""
    found = dateline_of(doc)
    if found is None:
        return []
    parts = [found.place, *([found.area] if found.area else [])]
    return [span for start, end in parts
            if (span := doc.char_span(start, end, alignment_mode="expand")) is not None]


def _dateline_area(doc: Doc) -> tuple[int, set[str]] | None:
    """(start of the dateline's place, the countries its area names), when it has an area."""
    found = dateline_of(doc)
    if found is None or found.area is None:
        return None
    countries = {c.country for c in gazetteer.lookup(doc_text(doc)[found.area[0]:found.area[1]])}
    return (found.place[0], countries) if countries else None


def _city(span: Span, population: int) -> bool:
    """A name of a city of ``population`` or more is a place as the object of a
    verb ("shelled Kramatorsk") even where the parser calls it a person: a tagger slip, not a
    namesake."""
    return any(c.feature == "city" and c.population >= population
               for c in gazetteer.lookup(span.text))


def _trim(span: Span) -> Span:
    """"the Caspian Sea" → "Caspian Sea": names are looked up without the article."""
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def find_places(doc: Doc, actors: ArticleActors, raw: str | None = None, *,
                words: PlaceWords) -> list[PlaceMention]:
    """Every resolvable place in ``doc``; an unknown name is skipped, never fatal."""
    found: list[tuple[Span, tuple[Candidate, ...], str]] = []
    for span in _candidate_spans(doc, actors, words=words):
        cands, rule = gazetteer.lookup_loose(span.text)
        if cands:
            found.append((span, cands, rule))
    totals = Counter(c[0].country for span, c, _ in found
                     if len(c) == 1 and gazetteer.fold(c[0].name) == gazetteer.fold(span.text))
    totals.update(a.country for m in actors.mentions for a in m.actors if a.country)
    text = raw if raw is not None else doc_text(doc)
    under = _dateline_area(doc)
    out = []
    for span, cands, rule in found:
        # the dateline's country decides its place ("SAN JOSE, Costa Rica")
        if under and span.start_char == under[0]:
            cands = tuple(c for c in cands if c.country in under[1]) or cands
        # a name is no context for itself (the capital "Tripoli" read as an actor)
        context = totals - Counter(a.country for m in actors.over(span.start, span.end)
                                   for a in m.actors if a.country)
        # Context chooses among places of comparable size (Homs, Syria vs Al Khums, Libya),
        # not a small town over a capital (Geneva, Illinois in a story about the US).
        floor = max(c.population for c in cands) * COMPARABLE_SIZE
        comparable = [c for c in cands if c.population >= floor]
        if not any(context[c.country] for c in comparable):
            # the big namesake is in no country the article names, a sizeable city in one
            # it does is meant (Tripoli in a story about Lebanon, San José under "Costa Rica")
            # (among small towns any one in such a country: Syria's Madaya, not Myanmar's)
            largest = max(c.population for c in cands)
            comparable += [c for c in cands if context[c.country]
                           and (c.population >= SMALL_TOWN or largest < SMALL_TOWN)]
        best = max(comparable, key=lambda c: (context[c.country], c.population))
        unrelated = context and not context[best.country]
        if unrelated and (gazetteer.fold(best.name) != gazetteer.fold(span.text)
                          or best.population < SMALL_TOWN):
            # "The Duran" (an outlet) is not Durán, Ecuador, and Syria's Madaya is not the
            # Burmese town: a variant name, or a small town, needs the article to be about
            # its country
            continue
        if len(cands) > 1:
            rule += "+context" if context[best.country] else "+population"
        out.append(PlaceMention(span.start_char, span.end_char,
                                text[span.start_char:span.end_char], span.root.i, best.name,
                                best.geonames_id or None, best.lat, best.lon, best.country,
                                best.feature, rule))
    return out


class PlaceIndex(dict[int, PlaceMention]):
    """Place mentions by head token, and those of a token range by bisection: events ask
    for the places of their sentence, and a long article has thousands of both."""

    def __init__(self, places: Iterable[PlaceMention]) -> None:
        super().__init__((p.head, p) for p in places)
        self._heads = sorted(self)

    def within(self, start: int, end: int) -> list[PlaceMention]:
        """The places whose head lies in tokens ``start`` to ``end`` (exclusive)."""
        heads = self._heads[bisect.bisect_left(self._heads, start):
                            bisect.bisect_left(self._heads, end)]
        return [self[h] for h in heads]

