"""What an article is about, as weighted terms: its content words and its names.

Words give the kind of happening ("earthquake", "arrest"); names, the actors and places the
coder resolved tell two happenings of one kind apart (two earthquakes, two arrests of different
people). Term prefixes keep the kinds apart: ``~`` a proper name, ``@`` a resolved actor, ``#`` a
resolved place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from legation.records import Actor, PlaceMention


def article_terms(doc: Doc, mentions: Sequence[Actor] = (),
                  places: Sequence[PlaceMention] = ()) -> dict[str, int]:
    """Term counts of one parsed article."""
    terms: Counter[str] = Counter()
    for token in doc:
        if token.pos_ == "PROPN" and token.is_alpha:
            terms["~" + token.lower_] += 1
        elif token.is_alpha and not token.is_stop and len(token) > 2:
            terms[token.lemma_.lower()] += 1
    for actor in mentions:
        if actor.kb_id:
            terms["@" + actor.kb_id] += 1
    for place in places:
        if place.geonames_id:
            terms[f"#{place.geonames_id}"] += 1
    return dict(terms)
