"""Extraction: one parsed article to records, as pure functions of (Doc, Article, knowledge)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from legation.extract.actors import actor_resolver
from legation.extract.events import find_events, to_events
from legation.extract.places import find_places
from legation.extract.quotes import find_quotes
from legation.extract.times import find_times
from legation.link.profile import article_terms
from legation.records import Article, Coded, Event, Quote

if TYPE_CHECKING:  # the bundle builds its resolver from extract.actors
    from legation.knowledge.bundle import Knowledge


@dataclass(frozen=True)
class CodeOptions:
    """Choices a user makes about what counts as an event."""

    # Keep events whose target is not named ("Russia rejected the plan"), as GDELT and POLECAT
    # do; False keeps only dyadic events, as PETRARCH does.
    one_sided: bool = True

    def tag(self) -> str:
        """How these options mark a coding's provenance ("" for the defaults), so that coding
        again with other options re-codes unchanged articles."""
        return "" if self.one_sided else "+dyadic-only"

    def as_dict(self) -> dict[str, bool]:
        return {"one_sided": self.one_sided}


def code_doc(doc: Doc, article: Article, knowledge: Knowledge,
             options: CodeOptions | None = None) -> Coded:
    """Events (dated, placed, claimed), actor mentions, places and quotes of one article."""
    options = options or CodeOptions()
    actors = actor_resolver(knowledge, doc.vocab).resolve(doc, article.published, article.text)
    places = find_places(doc, actors, article.text, words=knowledge.place_words)
    found = find_events(doc, actors, knowledge.patterns, options.one_sided, places,
                        words=knowledge.words)
    events = to_events(found, doc, article, find_times(doc, article.published), places,
                       modality=knowledge.modality)
    quotes = find_quotes(doc, article.text, actors, knowledge.cues)
    mentions = [a for m in actors.mentions if m.kind != "place" for a in m.actors]
    return Coded(article, [_claimed(e, quotes) for e in events], mentions, places, quotes,
                 article_terms(doc, mentions, places))


def _claimed(event: Event, quotes: list[Quote]) -> Event:
    """An event told inside a quotation is claimed by its speaker (unless a reporting clause
    already names who claims it)."""
    if event.claimed_by is not None:
        return event
    for quote in quotes:
        if quote.speaker is not None and quote.start <= event.start < quote.end:
            return replace(event, claimed_by=quote.speaker)
    return event
