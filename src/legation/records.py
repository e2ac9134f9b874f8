"""The data model: frozen records passed between stages.

Every stage reads and writes these and nothing else, so a stage can be tested alone and the
store, exports and interfaces agree on one shape (see CONVENTIONS.md, "The event record").
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
Modality = Literal["actual", "intended", "hypothetical", "demanded"]


@dataclass(frozen=True)
class Article:
    """One input text with what is known about it.

    ``text`` is the text as given: offsets everywhere refer to it. ``clean`` is the repaired text
    the parser reads; repairs never change length (they replace characters one for one and blank
    removed parts with spaces), so an offset in ``clean`` is the same offset in ``text``.
    """

    id: str
    text: str
    clean: str
    source: str
    content_hash: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    published_precision: Precision | None = None
    published_basis: Literal["given", "text"] | None = None

    def __post_init__(self) -> None:
        if len(self.clean) != len(self.text):
            raise ValueError(f"article {self.id}: repaired text must keep the raw length")


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be read: which one and why, so the batch can go on."""

    source: str
    reason: str


@dataclass(frozen=True)
class Actor:
    """A coded actor as it appears in one place of one article."""

    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    kb_id: str | None = None
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The event-record shape (CONVENTIONS.md): without the resolution rule. Built field
        by field: ``asdict`` deep-copies and costs more than the rest of storing."""
        return {"code": self.code, "country": self.country, "sector": self.sector,
                "name": self.name, "text": self.text, "start": self.start, "end": self.end,
                "kb_id": self.kb_id}


@dataclass(frozen=True)
class Place:
    """A resolved place; ``basis`` says whether the event's text states it or we inferred it."""

    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature: str | None
    basis: Literal["stated", "inferred"] = "stated"


@dataclass(frozen=True)
class Event:
    """One coded event: the row of GDELT/ICEWS/POLECAT-style event data, with its evidence."""

    event_id: str
    article_id: str
    sentence: int
    start: int
    end: int
    evidence: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    negated: bool = False
    modality: Modality = "actual"
    claimed_by: Actor | None = None
    event_date: str | None = None
    date_precision: Precision | None = None
    date_basis: Literal["stated", "inferred", "publication"] | None = None
    place: Place | None = None
    confidence: float = 0.5
    mentions: int = 1
    reciprocal: bool = False  # its pattern is symmetric: "A and B met" is also B meeting A
    rule: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines record: every field present, unknown values null."""
        d = {name: getattr(self, name) for name in EVENT_FIELDS}
        for key in ("source", "target", "claimed_by"):
            actor = d[key]
            d[key] = actor.to_dict() if actor else None
        if self.place is not None:
            d["place"] = {name: getattr(self.place, name) for name in PLACE_FIELDS}
        return d


EVENT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "rule")
PLACE_FIELDS = tuple(f.name for f in fields(Place))


@dataclass(frozen=True)
class PlaceMention:
    """A place as the text names it and the GeoNames entry it resolved to (or None)."""

    start: int
    end: int
    text: str
    head: int  # token index of the name's head, to attach places to events
    name: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature: str | None
    rule: str

    def record(self, article_id: str) -> dict[str, object]:
        """The ``legation places`` / places-table shape (CONVENTIONS.md)."""
        return {"article_id": article_id, "start": self.start, "end": self.end,
                "text": self.text, "name": self.name, "geonames_id": self.geonames_id,
                "lat": self.lat, "lon": self.lon, "country": self.country,
                "feature": self.feature, "rule": self.rule}


@dataclass(frozen=True)
class Quote:
    """What was said (a span of the raw text), by whom, and through whom."""

    start: int
    end: int
    content: str
    direct: bool
    cue: str | None
    speaker: Actor | None
    relay: Actor | None

    def record(self, article_id: str) -> dict[str, Any]:
        """The ``legation quotes`` / quotes-table shape (CONVENTIONS.md)."""
        return {"article_id": article_id, "start": self.start, "end": self.end,
                "content": self.content, "direct": self.direct, "cue": self.cue,
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "relay": self.relay.to_dict() if self.relay else None}


@dataclass(frozen=True)
class Coded:
    """Everything extracted from one article: what the store writes in one transaction."""

    article: Article
    events: list[Event]
    mentions: list[Actor]
    places: list[PlaceMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    terms: dict[str, int] = field(default_factory=dict)  # what it is about (link.profile)
