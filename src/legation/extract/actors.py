"""Actor resolution: every actor mention in a parsed article, resolved to a coded actor.

One PhraseMatcher pass finds dictionary surface forms; each match is attached to the noun
phrase it modifies, and the phrase is resolved as a whole ("Russian Foreign Minister Sergei
Lavrov" → the person; "Russian warships" → RUS + MIL; "Moscow rejected" → RUS government, "in
Moscow" → a place). This module also owns within-article reference (surnames, pronouns, "the
group"), so that the coder and the quotes extractor see the same actors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from legation.knowledge.actors import ActorKB, Agent, Country, Organization, Person
from legation.records import Actor

# Dependency labels by which a modifier belongs to the noun phrase of its head.
NP_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "npadvmod"}
# Prepositions after which a capital is a place, not an actor ("in Moscow").
PLACE_PREPS = {"in", "at", "to", "from", "near", "into", "across", "outside", "inside",
               "around", "toward", "towards", "via", "through", "over", "on", "off", "between"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_NOUNS = {"group", "organisation", "organization", "movement", "militia"}

# What a dictionary match is, in order of precedence when several cover a phrase's head.
KIND_RANK = {"person": 0, "org": 1, "metonym": 2, "capital": 3, "country": 4, "demonym": 5,
             "adjective": 6, "agent": 7}


@dataclass(frozen=True)
class Entry:
    """One dictionary surface form and what it names."""

    kind: str
    value: Person | Organization | Country | Agent
    sector: str | None = None  # metonyms may carry a sector ("the Pentagon" → MIL)


@dataclass(frozen=True)
class Mention:
    """A resolved noun phrase: token span, head token and the actors it names (may be empty)."""

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    kind: str


def actor_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style code: country then sector; a sector alone when there is no country."""
    return ((country or "") + (sector or "")) or None


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    parts = [int(p) for p in value[:10].split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


class ArticleActors:
    """The mentions of one article, indexed by token, with coordination expansion."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self._by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self._by_token.setdefault(i, m)
            self._by_token[m.head] = m

    def at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def actors_for(self, token: Token) -> list[Actor]:
        """Actors named by the phrase headed at ``token`` and by phrases coordinated with it."""
        found: list[Actor] = []
        for tok in [token, *_conjuncts(token)]:
            mention = self.at(tok)
            if mention:
                found.extend(a for a in mention.actors if a not in found)
        return found


def _conjuncts(token: Token) -> list[Token]:
    out, stack = [], list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ == "conj":
            out.append(child)
            stack.extend(child.children)
    return sorted(out, key=lambda t: t.i)


class ActorResolver:
    """Builds the matcher from the knowledge once; resolves any number of documents."""

    def __init__(self, kb: ActorKB, vocab: Vocab) -> None:
        self.kb = kb
        self.entries: dict[str, list[Entry]] = {}
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        for surface, entry in _surface_entries(kb):
            self.entries.setdefault(surface.lower(), []).append(entry)
        from spacy.lang.en import English

        tokenizer = English(vocab=vocab).tokenizer
        lower_pats, exact_pats = [], []
        for surface in {s for s, _ in _surface_entries(kb)}:
            (exact_pats if _needs_exact(surface) else lower_pats).append(tokenizer(surface))
        self.lower.add("ACTOR", lower_pats)
        self.exact.add("ACTOR", exact_pats)

    # -- matching -----------------------------------------------------------------------------

    def _matches(self, doc: Doc) -> list[tuple[Span, list[Entry]]]:
        spans = [doc[s:e] for _, s, e in [*self.lower(doc), *self.exact(doc)]]
        # Longest match first; a token belongs to one match only.
        spans.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
        taken: set[int] = set()
        out = []
        for sp in spans:
            if taken.isdisjoint(range(sp.start, sp.end)):
                entries = self.entries.get(sp.text.lower())
                if entries:
                    taken.update(range(sp.start, sp.end))
                    out.append((sp, entries))
        return sorted(out, key=lambda m: m[0].start)

    # -- resolution ---------------------------------------------------------------------------

    def resolve(self, doc: Doc, date: str | dt.date | None = None) -> ArticleActors:
        """All actor mentions of ``doc`` on the article's ``date``, in text order."""
        day = _as_date(date)
        groups: dict[int, list[tuple[Span, list[Entry]]]] = {}
        for span, entries in self._matches(doc):
            groups.setdefault(_np_head(span.root).i, []).append((span, entries))
        mentions = [m for head, ms in sorted(groups.items())
                    if (m := self._resolve_np(doc[head], ms, day))]
        mentions = self._add_references(doc, mentions)
        return ArticleActors(doc, sorted(mentions, key=lambda m: m.start))

    def _resolve_np(self, head: Token, matches: list[tuple[Span, list[Entry]]],
                    day: dt.date | None) -> Mention | None:
        start = min(s.start for s, _ in matches)
        end = max(s.end for s, _ in matches)
        start, end = min(start, _np_start(head)), max(end, head.i + 1)
        text_span = head.doc[start:end]
        covering = [(s, e) for s, es in matches for e in es if s.start <= head.i < s.end]
        best = min(covering, key=lambda se: KIND_RANK[se[1].kind]) if covering else None
        countries = _countries(matches, head)
        title = next((e.value for _, es in matches for e in es
                      if e.kind == "agent" and e.value.kind in ("title", "person")), None)
        if best and best[1].kind == "person":
            actors = self._person(best[1].value, best[0], day)  # type: ignore[arg-type]
        elif best and best[1].kind == "org":
            actors = [self._org(best[1].value, best[0], day)]  # type: ignore[arg-type]
        elif best and best[1].kind in ("metonym", "capital"):
            if best[1].kind == "capital" and _is_place(head):
                return None
            country: Country = best[1].value  # type: ignore[assignment]
            actors = [_make(country.iso3, best[1].sector or "GOV", country.name, best[0],
                            best[1].kind)]
        elif best and best[1].kind == "agent":
            sector = best[1].value.sector  # type: ignore[union-attr]
            actors = ([_make(c.iso3, sector, c.name, text_span, f"{k}+agent")
                       for c, k in countries]
                      or [_make(None, sector, best[0].text, text_span, "agent")])
        elif best or countries or title:
            # A title in the phrase gives the sector of a name the KB does not know
            # ("Foreign Minister Park Jin", "Russian Foreign Minister X").
            sector = title.sector if title else None
            rule = "+title" if title else ""
            actors = ([_make(c.iso3, sector, c.name, text_span, k + rule) for c, k in countries]
                      or [_make(None, sector, head.text, text_span, "title")])
        else:
            person = _person_in(matches)
            if person is None:
                return None
            actors = self._person(person[1], person[0], day)
        if not actors:
            return None
        actors = [replace(a, text=text_span.text, start=text_span.start_char,
                          end=text_span.end_char) for a in actors]
        return Mention(start, end, head.i, tuple(actors), best[1].kind if best else "country")

    def _person(self, person: Person, span: Span, day: dt.date | None) -> list[Actor]:
        role = person.role_on(day)
        if role is None:
            return []
        if role.org:
            org = self.kb.organization(role.org)
            country = role.org[:3]
            code = role.org
            name = f"{person.name} ({org.name if org else role.org})"
        else:
            country, code, name = role.country, actor_code(role.country, role.sector), person.name
        return [Actor(code, country, role.sector, name, span.text, span.start_char,
                      span.end_char, person.kb_id, f"person:{role.office}")]

    def _org(self, org: Organization, span: Span, day: dt.date | None) -> Actor:
        return Actor(org.code, org.reported_country, org.sector_on(day), org.name, span.text,
                     span.start_char, span.end_char, org.kb_id, f"org:{org.type}")

    def _add_references(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Pronouns ("he") and "the group" take the actor of the most recent fitting mention."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        people = [m for m in mentions if m.kind == "person"]
        groups = [m for m in mentions if m.kind == "org" and m.actors[0].sector in ("REB",)]
        out = list(mentions)
        for tok in doc:
            if tok.i in taken:
                continue
            pool: list[Mention] = []
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                gender = PRONOUNS[tok.lower_]
                fitting = [m for m in people if m.head < tok.i
                           and self._gender(m) in (gender, None)]
                # The most recent person who was a subject, else the most recent person.
                pool = [m for m in fitting if doc[m.head].dep_ in SUBJECT_DEPS] or fitting
            elif tok.lower_ in GROUP_NOUNS and any(c.lower_ == "the" for c in tok.children):
                pool = [m for m in groups if m.head < tok.i]
            if pool:
                ante = pool[-1]
                actors = tuple(replace(a, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                       rule=f"reference:{a.name}") for a in ante.actors)
                out.append(Mention(tok.i, tok.i + 1, tok.i, actors, "reference"))
        return out

    def _gender(self, mention: Mention) -> str | None:
        kb_id = mention.actors[0].kb_id
        name = mention.actors[0].name
        for person in self.kb.people:
            if (kb_id and person.kb_id == kb_id) or person.name == name:
                return person.gender
        return None

    def resolve_phrase(self, doc: Doc, date: str | dt.date | None = None) -> Actor | None:
        """The actor a whole short text names (``legation actor``): the mention at its root."""
        found = self.resolve(doc, date)
        roots = [t for t in doc if t.dep_ == "ROOT"]
        for root in roots:
            mention = found.at(root)
            if mention and mention.actors:
                return mention.actors[0]
        return found.mentions[0].actors[0] if found.mentions else None


def _surface_entries(kb: ActorKB) -> Iterable[tuple[str, Entry]]:
    for country in kb.countries.values():
        if not country.actor:
            continue
        for name in (country.name, *country.aliases):
            yield name, Entry("country", country)
        for adj in country.adjectives:
            yield adj, Entry("adjective", country)
        for dem in country.demonyms:
            yield dem, Entry("demonym", country)
        for cap in country.capitals:
            yield cap, Entry("capital", country)
        for met, sector in country.metonyms:
            yield met, Entry("metonym", country, sector)
    for org in kb.organizations:
        for name in (org.name, *org.aliases):
            yield name, Entry("org", org)
    for person in kb.people:
        for name in (person.name, *person.aliases):
            yield name, Entry("person", person)
    for agent in kb.agents:
        yield agent.term, Entry("agent", agent)


def _needs_exact(surface: str) -> bool:
    """Acronyms ("US", "IS", "UN") must match case-sensitively or "us" becomes America."""
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def _np_head(token: Token) -> Token:
    """Climb from a modifier to the head of its noun phrase ("Russian" → "warships")."""
    while token.dep_ in NP_DEPS or (token.dep_ == "conj" and token.head.dep_ in NP_DEPS):
        if token.head.i == token.i:
            break
        token = token.head
    return token


def _np_start(head: Token) -> int:
    left = [t.i for t in head.lefts if t.dep_ in NP_DEPS and t.dep_ != "det"]
    return min([head.i, *left])


def _is_place(head: Token) -> bool:
    return head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS


def _countries(matches: list[tuple[Span, list[Entry]]], head: Token
               ) -> list[tuple[Country, str]]:
    out: list[tuple[Country, str]] = []
    for span, entries in matches:
        for e in entries:
            if e.kind in ("country", "adjective", "demonym", "capital") and isinstance(
                    e.value, Country) and all(c.iso3 != e.value.iso3 for c, _ in out):
                if e.kind == "capital" and span.root.i == head.i and _is_place(head):
                    continue
                out.append((e.value, e.kind))
                break
    return out


def _person_in(matches: list[tuple[Span, list[Entry]]]) -> tuple[Span, Person] | None:
    for span, entries in matches:
        for e in entries:
            if e.kind == "person":
                return span, e.value  # type: ignore[return-value]
    return None


def _make(country: str | None, sector: str | None, name: str | None, span: Span,
          rule: str) -> Actor:
    return Actor(actor_code(country, sector), country, sector, name, span.text,
                 span.start_char, span.end_char, None, rule)
