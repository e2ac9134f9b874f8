"""Actor resolution: every actor mention in a parsed article, resolved to a coded actor.

One PhraseMatcher pass finds dictionary surface forms; each match is attached to the noun
phrase it modifies, and the phrase is resolved as a whole ("Russian Foreign Minister Sergei
Lavrov" → the person; "Russian warships" → RUS + MIL; "Moscow rejected" → RUS government, "in
Moscow" → a place). This module also owns within-article reference (surnames, pronouns, "the
group"), so that the coder and the quotes extractor see the same actors.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from legation.extract.dateline import dateline_of
from legation.knowledge import gazetteer
from legation.knowledge.actors import (
    ActorKB,
    Agent,
    Country,
    Metonym,
    Organization,
    Person,
    Role,
    Surface,
)
from legation.knowledge.bundle import Knowledge
from legation.knowledge.gazetteer import Candidate, Region
from legation.nlp import doc_text
from legation.records import Actor

# Dependency labels by which a modifier belongs to the noun phrase of its head.
NP_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "npadvmod"}
# Prepositions after which a capital is a place, not an actor ("in Moscow").
PLACE_PREPS = {"in", "at", "to", "from", "near", "into", "across", "outside", "inside",
               "around", "toward", "towards", "via", "through", "over", "on", "off", "between"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Prepositions by which a phrase names where an agent belongs ("police in Senegal").
AGENT_PLACE_PREPS = {"in", "of", "from", "to", "for", "across", "inside"}
PLURAL_PRONOUNS = {"they", "them", "their"}
# A dateline counts as this many mentions of its country when finding a story's home country.
HOME_DATELINE_WEIGHT = 2
HOME_MIN_MENTIONS = 3  # fewer make a sentence's country, not a story's
# Sectors of bodies that belong to no country: a story's home country is not theirs.
STATELESS_SECTORS = {"IGO", "NGO", "MNC", "IMG", "REF", None}
PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_NOUNS = {"group", "organisation", "organization", "movement", "militia"}
# Documents that "say" what their issuer said: "the statement said".
DOCUMENT_NOUNS = {"statement", "communique", "communiqué", "declaration", "letter", "report"}
# Words for part of a group, whose "of" complement names the actor ("members of X").
PARTITIVES = {"member", "thousand", "hundred", "dozen", "score", "million", "number", "some",
              "many", "most", "all", "rest", "majority", "part", "unit", "contingent"}

# What a dictionary match is, in order of precedence when several cover a phrase's head.
KIND_RANK = {"person": 0, "org": 1, "metonym": 2, "capital": 3, "country": 4, "demonym": 5,
             "adjective": 6, "place": 7, "agent": 8}
ACTOR_TOWN = 15_000  # the smallest town whose name gives an actor a country
LONE_WORD_MIN_POPULATION = 100_000
LONE_VARIANT_MIN_POPULATION = 1_000_000
NOT_ACTOR_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "central", "coast", "far", "middle", "upper", "lower"}
PLACE_SUFFIXES = {"state", "province", "city", "region", "governorate", "district", "county"}


@dataclass(frozen=True)
class Entry:
    """One dictionary surface form and what it names."""

    kind: str
    value: Person | Organization | Country | Agent | Candidate | Region
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

    def __init__(self, doc: Doc, mentions: list[Mention],
                 links: dict[int, list[int]] | None = None) -> None:
        self.doc = doc
        self.mentions = mentions
        self.links = links or {}  # head → heads coordinated with it that the parse missed
        self._by_token: dict[int, Mention] = {}
        self._over: dict[int, list[Mention]] = {}  # token → every mention over it
        for m in mentions:
            for i in range(m.start, m.end):
                self._by_token.setdefault(i, m)
                self._over.setdefault(i, []).append(m)
            self._by_token[m.head] = m

    def at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def over(self, start: int, end: int) -> list[Mention]:
        """The mentions that share a token with tokens ``start`` to ``end`` (exclusive)."""
        found = {id(m): m for i in range(start, end) for m in self._over.get(i, ())}
        return list(found.values())

    def actors_for(self, token: Token, places: bool = False) -> list[Actor]:
        """Actors named by the phrase headed at ``token`` and by phrases coordinated with it.

        A place used as a place ("in Moscow") counts, as its country, only with ``places``.
        """
        found: list[Actor] = []
        mention = self.at(token)
        if mention is None and (part := _partitive_of(token)) is not None and self.at(part):
            token, mention = part, self.at(part)  # "members of the Security Council"
        head = self.doc[mention.head] if mention else token
        # "Turkish President Recep Tayyip Erdogan and Saudi King Salman": the apposition
        # names the person, and what is coordinated with it counts too.
        appos = [c for c in head.children if c.dep_ == "appos" and self.at(c)
                 and self.at(c).kind != "place"] if not mention or mention.kind != "person" else []
        if appos:
            token, head = appos[0], appos[0]
        extra = [self.doc[i] for i in self.links.get(head.i, ())]
        for tok in [token, *extra, *_conjuncts(head)]:
            mention = self.at(tok)
            if mention and (places or mention.kind != "place"):
                found.extend(a for a in mention.actors if a not in found)
        return found


NAME_KINDS = {"person", "org", "country", "capital", "metonym"}


def _split_coordinated(doc: Doc, groups: dict[int, list[tuple[Span, list[Entry]]]]
                       ) -> dict[int, list[int]]:
    """A name cut off from its head by "and" is its own mention, coordinated with the head.

    The parser sometimes hangs "A and Russian President B" all on B; adjectives stay with their
    head ("Turkish and Saudi counterparts").
    """
    links: dict[int, list[int]] = {}
    for head in list(groups):
        first = min(m.start for m, _ in groups[head])
        ccs = [i for i in range(first, head) if doc[i].dep_ == "cc"]
        if not ccs:
            continue
        before = [(m, es) for m, es in groups[head] if m.end <= ccs[-1]]
        names = [m for m, es in before if any(e.kind in NAME_KINDS for e in es)]
        if not names:
            continue
        new_head = names[-1].root.i
        groups.setdefault(new_head, []).extend(before)
        groups[head] = [(m, es) for m, es in groups[head] if m.end > ccs[-1]]
        links.setdefault(head, []).append(new_head)
    for head in [h for h, ms in groups.items() if not ms]:
        del groups[head]
    return links


def _with_conjuncts(doc: Doc, mention: Mention, mentions: list[Mention]) -> Mention:
    """The mention with the actors of the mentions coordinated with its head added."""
    heads = {t.i for t in _conjuncts(doc[mention.head])}
    extra = [a for m in mentions if m.head in heads for a in m.actors]
    return replace(mention, actors=mention.actors + tuple(extra)) if extra else mention


def _partitive_of(token: Token) -> Token | None:
    """The "of" complement of a word for part of a group: "members of the Security Council",
    "thousands of protesters", "two of the soldiers" (not "critics of Putin")."""
    if token.tag_ != "CD" and token.lemma_.lower() not in PARTITIVES:
        return None
    return next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"), None)


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
        self.genders = {key: p.gender for p in kb.people for key in (p.kb_id, p.name) if key}
        # nouns that name one person ("minister", "spokeswoman"): "he" may refer back to them
        self.individuals = {a.term for a in kb.agents
                            if a.kind in ("title", "person") and " " not in a.term}
        self.entries: dict[str, list[Entry]] = {}
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        surfaces: set[str] = set()
        for surface in kb.surface_forms():
            surfaces.add(surface.text)
            self.entries.setdefault(surface.text.lower(), []).append(_entry(surface))
        from spacy.lang.en import English

        tokenizer = English(vocab=vocab).tokenizer
        lower_pats, exact_pats = [], []
        for surface in surfaces:
            (exact_pats if _needs_exact(surface) else lower_pats).append(tokenizer(surface))
        self.lower.add("ACTOR", lower_pats)
        self.exact.add("ACTOR", exact_pats)

    # -- matching -----------------------------------------------------------------------------

    def _matches(self, doc: Doc) -> list[tuple[Span, list[Entry]]]:
        spans = [doc[s:e] for _, s, e in [*self.lower(doc), *self.exact(doc)]]
        # Leftmost-longest: a token belongs to one match only, and of overlapping names the
        # one that starts first wins ("Prince Bandar bin Sultan bin Abdulaziz" is Bandar).
        spans.sort(key=lambda sp: (sp.start, -(sp.end - sp.start)))
        taken: set[int] = set()
        out = []
        for sp in spans:
            if taken.isdisjoint(range(sp.start, sp.end)):
                entries = [e for e in self.entries.get(sp.text.lower(), ())
                           if not (e.kind == "person" and (_other_first_name(sp)
                                                          or not sp[0].text[:1].isupper()))
                           and not (e.kind == "country" and _first_name(sp))]
                if entries:
                    taken.update(range(sp.start, sp.end))
                    out.append((sp, entries))
        for run in _name_runs(doc, taken):  # places the dictionary does not know
            found = _place_in(run)
            if found:
                taken.update(range(found[0].start, found[0].end))
                out.append((found[0], [found[1]]))
        return sorted(out, key=lambda m: m[0].start)

    # -- resolution ---------------------------------------------------------------------------

    def resolve(self, doc: Doc, date: str | dt.date | None = None,
                raw: str | None = None) -> ArticleActors:
        """All actor mentions of ``doc`` on the article's ``date``, in text order.

        ``raw`` is the text as given when ``doc`` was parsed from its repaired form: actor
        ``text`` is then taken from it, so that it matches the reported offsets.
        """
        day = _as_date(date)
        groups: dict[int, list[tuple[Span, list[Entry]]]] = {}
        for span, entries in self._matches(doc):
            groups.setdefault(_np_head(span.root).i, []).append((span, entries))
        for head in list(groups):  # "Assad's visit": the possessor is its own phrase
            if not any(sp.start <= head < sp.end for sp, _ in groups[head]):
                for sp, es in [m for m in groups[head] if m[0].root.dep_ == "poss"]:
                    groups[head].remove((sp, es))
                    groups.setdefault(sp.root.i, []).append((sp, es))
                if not groups[head]:
                    del groups[head]
        for head in sorted(groups):  # "the Prime Minister of Estonia": one phrase
            tok = doc[head]
            gov = tok.head.head.i
            if (tok.dep_ == "pobj" and tok.head.lower_ == "of" and gov in groups
                    and any(e.kind == "agent" for _, es in groups[gov] for e in es)):
                groups[gov].extend(groups.pop(head))
        if (line := dateline_of(doc)) is not None:  # "KYIV (Reuters) —": no actors
            groups = {h: ms for h, ms in groups.items() if doc[h].idx >= line.end}
        links = _split_coordinated(doc, groups)
        mentions = [m for head, ms in sorted(groups.items())
                    if (m := self._resolve_np(doc[head], ms, day))]
        mentions = _placed_agents(doc, mentions)
        mentions = _definite_references(doc, mentions)
        mentions = _at_home(doc, mentions, self._home_country(doc, mentions))
        mentions = self._add_references(doc, mentions)
        if raw is not None:
            mentions = [replace(m, actors=tuple(replace(a, text=raw[a.start:a.end])
                                                for a in m.actors)) for m in mentions]
        return ArticleActors(doc, sorted(mentions, key=lambda m: m.start), links)

    def _resolve_np(self, head: Token, matches: list[tuple[Span, list[Entry]]],
                    day: dt.date | None) -> Mention | None:
        """Resolve one phrase from the dictionary matches inside it (see the module doc)."""
        start = min([_np_start(head), *(s.start for s, _ in matches)])
        end = max([head.i + 1, *(s.end for s, _ in matches)])
        phrase = head.doc[start:end]
        covering = [(s, e) for s, es in matches for e in es if s.start <= head.i < s.end]
        best = (min(covering, key=lambda se: (KIND_RANK[se[1].kind], _person_rank(se[1], day)))
                if covering else None)
        kind = best[1].kind if best else None
        person = _person_in(matches, day)
        if (best and kind == "agent" and person and best[1].value.kind in ("title", "person")
                and person[0].root.dep_ != "pobj" and person[0].start > best[0].start):
            # "spokesman Zhao Lijian", "the head of X, Y"; not "critics of Y", "Y supporters"
            best, kind = (person[0], Entry("person", person[1])), "person"
        member_of = _member_of(head, matches, best)
        if member_of is not None:  # "Hamas officials", "a NATO spokesman": the body itself
            best, kind = member_of, "org"
        if best and kind == "person":
            actors = self._person(best[1].value, best[0], day)  # type: ignore[arg-type]
        elif best and kind == "org":
            actors = [self._org(best[1].value, best[0], day)]  # type: ignore[arg-type]
        elif best and kind in ("capital", "place") and _is_place(head):
            # "in Moscow": a place, not an actor; kept for patterns that want a place's country
            value = best[1].value
            code = value.iso3 if isinstance(value, Country) else value.country  # type: ignore[union-attr]
            actors = [_make(code, None, value.name, phrase, "place")]
            return Mention(start, end, head.i, tuple(actors), "place")
        elif best and kind in ("metonym", "capital"):
            country: Country = best[1].value  # type: ignore[assignment]
            actors = [_make(country.iso3, best[1].sector or "GOV", country.name, phrase, kind)]
        else:
            actors = self._composed(head, phrase, matches, best, day)
            if not actors and person:
                actors = self._person(person[1], person[0], day)
        if not actors:
            return None
        former = _is_former(phrase)
        actors = [replace(a, text=phrase.text, start=phrase.start_char, end=phrase.end_char,
                          **({"sector": "ELI", "code": actor_code(a.country, "ELI"),
                              "rule": f"{a.rule}+former"} if former else {}))
                  for a in actors]
        return Mention(start, end, head.i, tuple(actors), kind or "composed")

    def _composed(self, head: Token, phrase: Span, matches: list[tuple[Span, list[Entry]]],
                  best: tuple[Span, Entry] | None, day: dt.date | None) -> list[Actor]:
        """Countries from the modifiers, sector from the head agent (or a modifying agent)."""
        agents = [e.value for _, es in matches for e in es if e.kind == "agent"]
        if best and best[1].kind == "agent":
            agent: Agent | None = best[1].value  # type: ignore[assignment]
        else:  # a title or agent modifying an unknown head: "Foreign Minister Park Jin"
            agent = next(iter(agents), None)
        sector = agent.sector if agent else None
        rule = "+agent" if agent else ""
        if not agent and best and best[1].kind == "demonym" and _described_people(head):
            sector, rule = "CVL", "+people"  # "ordinary Kazakhs", not "the Kazakhs"
        # A place names the country of an agent ("Shanghai authorities") or of itself, but
        # not of a thing ("the Geneva roadmap").
        countries = [c for c in _countries(matches, head)
                     if c[2] != "place" or agent is not None or best is not None]
        for _, entries in matches:  # "the Assad regime", "Putin's government"
            role = next((self._role(e.value, day) for e in entries
                         if isinstance(e.value, Person)), None)
            if agent and role and role.country and all(c[0] != role.country for c in countries):
                countries.append((role.country, role.country, "person"))
        owner = next((a.country for a in agents if a.country), None)
        if owner and not countries:  # "an Arleigh Burke-class destroyer": only the US has them
            country = self.kb.country(owner)
            countries.append((owner, country.name if country else owner, "equipment"))
        orgs = [e.value for _, es in matches for e in es if isinstance(e.value, Organization)]
        if orgs and agent is None:  # "a UN-brokered deal": the body itself, with its own code
            return [self._org(orgs[0], phrase, day)]
        if orgs and agent is not None and orgs[0].country is None and sector not in (None, "GOV"):
            # "NATO troops", "African Union troops": the body's code with the agent's sector
            # ("EU member states" are the bloc's governments: EURGOV)
            org = orgs[0]
            return [Actor(org.code + sector, org.reported_country, sector, org.name, phrase.text,
                          phrase.start_char, phrase.end_char, org.kb_id, "org+agent")]
        if countries:
            return [_make(c, sector, name, phrase, k + rule) for c, name, k in countries]
        if sector:
            return [_make(None, sector, agent.term if agent else None, phrase, "agent")]
        return []

    @staticmethod
    def _role(person: Person, day: dt.date | None) -> Role | None:
        return person.role_on(day) if day else person.characteristic_role()

    def _person(self, person: Person, span: Span, day: dt.date | None) -> list[Actor]:
        role = self._role(person, day)
        if role is None:
            return []
        if role.org:
            org = self.kb.organization(role.org)
            country = org.reported_country if org else role.org[:3]  # the UN's: UNO
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
        # people named, and people a title names ("Prime Minister Daniel Whitfield", "the
        # ministry's spokeswoman"), whom the knowledge base need not know
        people = [m for m in mentions if m.kind == "person" or self._individual(doc, m)]
        groups = [m for m in mentions if (m.actors[0].rule or "").startswith(
            ("org:armed", "org:party", "org:other", "org+"))]
        out = list(mentions)
        # a lone name read as a town may be a surname told before ("Ibarra said")
        towns = {m.start: m for m in mentions if m.kind == "place" and m.end - m.start == 1}
        names = [(m, _names(doc, m)) for m in people]
        by_head = {m.head: m for m in mentions}
        by_lemma: dict[str, list[int]] | None = None  # built if a document noun needs it
        for tok in doc:
            if tok.i in taken and tok.i not in towns:
                continue
            pool: list[Mention] = []
            if tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper() and tok.dep_ != "compound" \
                    and any(tok.text in known for _, known in names):
                # "Whitfield told reporters" after "Prime Minister Daniel Whitfield said"
                pool = [m for m, known in names if m.head < tok.i and tok.text in known]
                if pool and tok.i in towns:
                    out.remove(towns[tok.i])
            elif tok.i in taken:
                continue
            elif tok.lower_ in DOCUMENT_NOUNS and any(c.lower_ == "the" for c in tok.children):
                # "… in a statement. The statement said"
                by_lemma = by_lemma if by_lemma is not None else _lemma_positions(doc)
                pool = _issuer(doc, tok, by_head, by_lemma)
            elif tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                gender = PRONOUNS[tok.lower_]
                fitting = [m for m in people if m.head < tok.i
                           and self._gender(m) in (gender, None)]
                # The most recent person who was a subject, else the most recent person.
                pool = [m for m in fitting if doc[m.head].dep_ in SUBJECT_DEPS] or fitting
            elif tok.lower_ in PLURAL_PRONOUNS and tok.pos_ == "PRON":
                # "Russian officials said they …", "Kerry and Lavrov … they": the last plural
                # subject before it, with what is coordinated with it
                pool = [_with_conjuncts(doc, m, mentions) for m in mentions
                        if m.head < tok.i and m.kind != "place"
                        and doc[m.head].dep_ in SUBJECT_DEPS]
                pool = [m for m in pool if len(m.actors) > 1
                        or doc[m.head].morph.get("Number") == ["Plur"]]
            elif tok.lower_ in GROUP_NOUNS and any(c.lower_ == "the" for c in tok.children):
                pool = [m for m in groups if m.head < tok.i]
            elif tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children):
                # "The agency said" after "The United Nations refugee agency warned"
                pool = [m for m in mentions if m.head < tok.i and m.kind != "place" and any(
                    t.lemma_.lower() == tok.lemma_.lower() and t.pos_ in ("NOUN", "PROPN")
                    for t in doc[m.start:m.end])]
            if pool:
                ante = pool[-1]
                actors = tuple(replace(a, text=tok.text, start=tok.idx, end=tok.idx + len(tok),
                                       rule=f"reference:{a.name}") for a in ante.actors)
                out.append(Mention(tok.i, tok.i + 1, tok.i, actors, "reference"))
        return out

    def _home_country(self, doc: Doc, mentions: list[Mention]) -> str | None:
        """The country a story is about: the one its dateline, actors and places name most,
        when one leads clearly enough to be a story's and not a sentence's (a story about
        Kenya and Uganda in equal parts has none; nor has "Protesters attacked the German
        embassy")."""
        counts = Counter(a.country for m in mentions for a in m.actors
                         if a.country and self.kb.country(a.country) is not None)
        line = dateline_of(doc)
        if line is not None:
            where = doc_text(doc)[slice(*(line.area or line.place))]
            found = gazetteer.lookup(where) or gazetteer.lookup(where.title())
            if found:
                counts[found[0].country] += HOME_DATELINE_WEIGHT
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < HOME_MIN_MENTIONS or (
                len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def _individual(self, doc: Doc, mention: Mention) -> bool:
        head = doc[mention.head]
        return mention.kind in ("agent", "composed") and head.tag_ in ("NN", "NNP") and (
            head.ent_type_ == "PERSON"
            or any(t.lower_ in self.individuals for t in doc[mention.start:mention.end]))

    def _gender(self, mention: Mention) -> str | None:
        actor = mention.actors[0]
        return self.genders.get(actor.kb_id or "") or self.genders.get(actor.name or "")

    def resolve_phrase(self, doc: Doc, date: str | dt.date | None = None) -> Actor:
        """The actor a whole short text names (``legation actor``): the mention at its root.

        A mention standing alone describes one actor, so what the rest of it says counts:
        "Muslim leaders in France" are French, and when the parse splits "Burkina Faso's
        displaced" the country of one part and the sector of the other make the actor.
        As in POLECAT's actor cases, a mention whose country is known but whose kind is not
        ("a Syrian island") has sector UNK, and so has an unknown one ("he"); a time or an
        amount ("yesterday") is not an actor: JNK. Both leave ``code`` without a sector.
        """
        found = self.resolve(doc, date)
        root = next((found.at(t) for t in doc if t.dep_ == "ROOT" and found.at(t)), None)
        head = root.actors[0] if root and root.actors else None
        others = [a for m in found.mentions if m is not root for a in m.actors]
        if head is None:
            head = next((a for a in others if a.sector), None) or next(iter(others), None)
            if head is None:
                return _unresolved(doc)
        if head.country is None and head.sector:
            country = next((a.country for a in others if a.country and not a.sector), None)
            if country:
                return replace(head, country=country, code=actor_code(country, head.sector),
                               rule=f"{head.rule}+{country}")
        if head.sector is None and (root is None or root.kind == "composed"):
            return replace(head, sector="UNK", rule=f"{head.rule}+unknown-kind")
        return head


def _at_home(doc: Doc, mentions: list[Mention], home: str | None) -> list[Mention]:
    """A generic agent with no country of its own ("the foreign minister", "protesters",
    "the army") is the home country's, as a reader of the story takes it; international
    bodies and aid groups are nobody's."""
    if home is None:
        return mentions
    out = []
    for m in mentions:
        if m.kind in ("agent", "composed") and all(
                a.country is None and a.sector not in STATELESS_SECTORS for a in m.actors):
            m = replace(m, actors=tuple(replace(a, country=home, code=actor_code(home, a.sector),
                                                rule=f"{a.rule}+home")
                                        for a in m.actors))
        out.append(m)
    return out


def _first_name(span: Span) -> bool:
    """A country's name that opens a person's ("Jordan Bardella", "Chad Smith")."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return (nxt is not None and span[0].ent_type_ == "PERSON" and nxt.ent_type_ == "PERSON"
            and span[-1].dep_ == "compound" and nxt.pos_ == "PROPN")


def _names(doc: Doc, mention: Mention) -> set[str]:
    """The personal names of a mention and of the apposition to its head ("Colombia's foreign
    minister, Lucía Montoya"), by which a later surname refers back; not its places."""
    head = doc[mention.head]
    tokens = [*doc[mention.start:mention.end],
              *(t for c in head.children if c.dep_ == "appos" for t in c.subtree)]
    return {t.text for t in tokens if t.pos_ == "PROPN" and t.ent_type_ == "PERSON"}


def _lemma_positions(doc: Doc) -> dict[str, list[int]]:
    """Token positions by lower-cased lemma, in order."""
    found: dict[str, list[int]] = {}
    for t in doc:
        found.setdefault(t.lemma_.lower(), []).append(t.i)
    return found


def _issuer(doc: Doc, document: Token, by_head: dict[int, Mention],
            by_lemma: dict[str, list[int]]) -> list[Mention]:
    """Who issued the latest earlier document of the same kind ("X said in a statement",
    "X issued a statement"): the subject of the verb it hangs on (``by_head``: the
    mentions by head token; ``by_lemma``: token positions by lower-cased lemma)."""
    positions = by_lemma.get(document.lemma_.lower(), [])
    before = bisect.bisect_left(positions, document.i)
    if not before:
        return []
    earlier = doc[positions[before - 1]]
    verb = earlier.head.head if earlier.dep_ == "pobj" else earlier.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    found = by_head.get(subject.i) if subject is not None else None
    return [found] if found is not None and found.kind != "place" else []


def _definite_references(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the ministry", "the commission" with no country of their own are the latest mention
    with the same head noun that has one ("Brazil's foreign ministry")."""
    out: list[Mention] = []
    for m in mentions:
        head = doc[m.head]
        bare = (m.kind in ("agent", "composed") and all(a.country is None for a in m.actors)
                and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children))
        ante = next((a for a in reversed(out) if bare and a.head < m.head
                     and doc[a.head].lemma_.lower() == head.lemma_.lower()
                     and any(x.country for x in a.actors)), None)
        if ante is not None:
            span = doc[m.start:m.end]
            m = replace(m, kind="reference", actors=tuple(
                replace(a, text=span.text, start=span.start_char, end=span.end_char,
                        rule=f"reference:{a.name}") for a in ante.actors))
        out.append(m)
    return out


def _placed_agents(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An agent with no country takes the one its phrase names after it: "police in Senegal",
    "parties to the conflict in Iraq", "workers of a Tehran company", or its possessor
    ("Iran's religious leader"), or the phrase it stands in apposition to. Only the phrase's
    own modifiers count, never the sentence."""
    by_head = {m.head: m for m in mentions}
    out = []
    for m in mentions:
        actors = m.actors
        if m.kind != "place" and actors and all(a.country is None and a.sector
                                                for a in actors):
            country = _country_below(doc[m.head], by_head, depth=3)
            if country:
                actors = tuple(with_country(a, country, "in") for a in actors)
        out.append(replace(m, actors=actors) if actors is not m.actors else m)
    return out


def _country_below(head: Token, by_head: dict[int, Mention], depth: int) -> str | None:
    """The first country named by a possessor or an in/of/from/to/for phrase under ``head``."""
    if depth == 0:
        return None
    if head.dep_ == "appos" and (found := _country_of(by_head.get(head.head.i))):
        return found  # "Iran's leader, Ayatollah X"
    for child in head.children:
        if child.dep_ == "poss" and (found := _country_of(by_head.get(child.i))):
            return found
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in AGENT_PLACE_PREPS:
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if found := (_country_of(by_head.get(obj.i))
                         or _country_below(obj, by_head, depth - 1)):
                return found
    return None


def _country_of(mention: Mention | None) -> str | None:
    return next((a.country for a in mention.actors if a.country), None) if mention else None


def with_country(actor: Actor, country: str, why: str) -> Actor:
    """An agent named without a country ("the military government") takes ``country``; the
    rule says where it came from ("in": its own phrase, "sentence": the sentence's places)."""
    if actor.country is not None or not actor.sector:
        return actor
    return replace(actor, country=country, code=actor_code(country, actor.sector),
                   rule=f"{actor.rule}+{why}:{country}")


def _entry(surface: Surface) -> Entry:
    """The resolver's view of a KB surface form: a metonym stands for its country."""
    if isinstance(surface.entry, Metonym):
        return Entry("metonym", surface.entry.country, surface.entry.sector)
    return Entry(surface.kind, surface.entry)  # type: ignore[arg-type]


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
    """First token of the phrase: the left edge of its modifiers (not its determiner)."""
    left = [t.left_edge.i if t.left_edge.dep_ != "det" else t.left_edge.i + 1
            for t in head.lefts if t.dep_ in NP_DEPS and t.dep_ != "det"]
    start = min([head.i, *left])
    cut = [t.i + 1 for t in head.doc[start:head.i] if t.dep_ == "cc"]  # not across "and"
    return max([start, *cut])


def _name_runs(doc: Doc, taken: set[int]) -> list[Span]:
    """Runs of names outside person names and dictionary matches: place candidates. A
    capitalised word the parser calls a noun or adjective counts (unknown names often are)."""
    runs, start = [], None
    for tok in [*doc, None]:
        ok = (tok is not None and tok.i not in taken
              and (tok.pos_ == "PROPN"
                   or (tok.pos_ in ("NOUN", "ADJ") and tok.text[:1].isupper()))
              and tok.ent_type_ not in ("PERSON", "DATE", "TIME"))
        if ok and start is None:
            start = tok.i
        elif not ok and start is not None:
            runs.append(doc[start:tok.i if tok is not None else len(doc)])
            start = None
    return runs


# Place names are short: the tries of a run of names stop there, so a run of thousands of
# tokens the parser took for names (emoji, a garbled table) costs linear time, not quadratic.
PLACE_NAME_TOKENS = 8


def _place_in(run: Span) -> tuple[Span, Entry] | None:
    """The place a run of names starts with ("Madras High Court" → Madras), else a region
    it ends with ("… Services Alliance Northern Territory" → the Australian one); a name made
    of compass words only ("Middle East", "East Coast") is no region."""
    doc = run.doc
    for end in range(min(run.end, run.start + PLACE_NAME_TOKENS), run.start, -1):
        cands = _place_candidates(doc[run.start:end])
        if cands:
            return doc[run.start:end], Entry("place", cands[0])
    # a region ending the run: "… Alliance Northern Territory"
    for size in range(min(len(run), PLACE_NAME_TOKENS), 0, -1):
        sub = doc[run.end - size:run.end]
        after = doc[sub.end] if sub.end < len(doc) else None
        if ((size > 1 or sub[0].ent_type_ in ("GPE", "LOC", "NORP")
             or (after is not None and after.lower_ in PLACE_SUFFIXES))
                and not all(t.lower_ in COMPASS | PLACE_SUFFIXES for t in sub)
                and (region := gazetteer.lookup_region(sub.text))):
            return sub, Entry("place", region)
    return None


def _place_candidates(ent: Span) -> tuple[Candidate, ...]:
    """Gazetteer candidates for a name; a lone word needs the parser's place tag or a large
    city behind it ("Kano" yes, "Alliance" of "… Services Alliance" no), and a word the parser
    took for a noun or adjective a very large one ("Dehli police")."""
    words = ent.text.removeprefix("the ").split()
    found = gazetteer.lookup(" ".join(words))
    if not found and len(words) > 1 and words[-1].lower() in PLACE_SUFFIXES:
        found = gazetteer.lookup(" ".join(words[:-1]))
    # a town too small to name an actor's country ("Queensland officials" are not of the
    # Canadian hamlet); the place extractor still finds it
    found = tuple(c for c in found if c.feature != "city" or c.population >= ACTOR_TOWN)
    if len({c.country for c in found if c.feature == "region"}) > 1:  # "Punjab": IND or PAK
        found = tuple(c for c in found if c.feature != "region")
    if len(ent) == 1 and ent[0].ent_type_ not in ("GPE", "LOC"):
        found = tuple(c for c in found if c.population >= LONE_WORD_MIN_POPULATION)
    if len(ent) == 1:  # a lone variant name ("Madras") only for a big city ("The Duran": no)
        found = tuple(c for c in found if gazetteer.fold(c.name) == gazetteer.fold(ent.text)
                      or c.population >= LONE_VARIANT_MIN_POPULATION)
    if any(t.pos_ in ("NOUN", "ADJ") for t in ent):
        found = tuple(c for c in found if c.population >= LONE_VARIANT_MIN_POPULATION)
    return found


def _is_place(head: Token) -> bool:
    return head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS


def _countries(matches: list[tuple[Span, list[Entry]]], head: Token
               ) -> list[tuple[str, str, str]]:
    """(iso3, name, kind) of every country a phrase's modifiers name, in text order."""
    out: list[tuple[str, str, str]] = []
    for span, entries in matches:
        for e in entries:
            if e.kind == "capital" and span.root.i == head.i and _is_place(head):
                continue
            if isinstance(e.value, Country) and e.kind != "person":
                code, name = e.value.iso3, e.value.name
            elif isinstance(e.value, Organization) and e.value.reported_country:
                code, name = e.value.reported_country, e.value.name
            elif isinstance(e.value, Candidate | Region):
                code, name = e.value.country, e.value.name
            else:
                continue
            if all(c != code for c, _, _ in out):
                out.append((code, name, e.kind))
            break
    return out


def _member_of(head: Token, matches: list[tuple[Span, list[Entry]]],
               best: tuple[Span, Entry] | None) -> tuple[Span, Entry] | None:
    """The organization whose officials a phrase names: an organization modifying the head
    directly, when the head is a government-like agent (officials, spokesman, delegation) or
    no actor word at all ("the PKK leadership"); not "the Hamas-run ministry", where the body
    modifies "run", nor "Hezbollah fighters", whose sector the noun says."""
    if best is not None and not (best[1].kind == "agent" and best[1].value.sector == "GOV"
                                 and best[1].value.kind in ("person", "group", "title")):
        return None
    return next(((span, e) for span, entries in matches for e in entries
                 if e.kind == "org" and span.root.head.i == head.i and span.root.i != head.i),
                None)


def _described_people(head: Token) -> bool:
    """A plural demonym counted or described ("two Russians", "young Iranians") names people,
    where a bare one ("the Russians", "Palestinians") stands for the nation's side."""
    return (head.tag_ == "NNPS" or head.morph.get("Number") == ["Plur"]) and any(
        c.dep_ in ("amod", "nummod", "compound") for c in head.lefts)


def _other_first_name(span: Span) -> bool:
    """"Peter Cook" is not Robin Cook: a surname match preceded by another given name."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return (len(span) == 1 and prev is not None and prev.pos_ == "PROPN"
            and prev.ent_type_ == "PERSON" and prev.head.i == span.root.i)


def _person_rank(entry: Entry, day: dt.date | None) -> int:
    """Among namesakes ("Assad"), prefer the one in office on the day, then one with a role."""
    if not isinstance(entry.value, Person):
        return 0
    role = entry.value.role_on(day) if day else entry.value.characteristic_role()
    return 2 if role is None else (1 if role.former else 0)


def _is_former(phrase: Span) -> bool:
    """"former President X", "an ex-minister": the person no longer holds the office."""
    return any(t.lower_ in ("former", "ex") or t.lower_.startswith("ex-") for t in phrase)


def _person_in(matches: list[tuple[Span, list[Entry]]], day: dt.date | None
               ) -> tuple[Span, Person] | None:
    people = [(span, e) for span, entries in matches for e in entries if e.kind == "person"]
    if not people:
        return None
    span, entry = min(people, key=lambda se: _person_rank(se[1], day))
    return span, entry.value  # type: ignore[return-value]


def _unresolved(doc: Doc) -> Actor:
    """No actor found: JNK when the text is a time or an amount, else an actor we cannot
    identify (UNK)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    junk = root is None or root.ent_type_ in NOT_ACTOR_ENTITIES
    return Actor(code=None, country=None, sector="JNK" if junk else "UNK", name=None,
                 text=doc_text(doc), start=0, end=len(doc_text(doc)), kb_id=None, rule="unresolved")


def _make(country: str | None, sector: str | None, name: str | None, span: Span,
          rule: str) -> Actor:
    return Actor(actor_code(country, sector), country, sector, name, span.text,
                 span.start_char, span.end_char, None, rule)


_RESOLVERS: dict[tuple[int, int], ActorResolver] = {}


def actor_resolver(knowledge: Knowledge, vocab: Vocab) -> ActorResolver:
    """The resolver for ``knowledge``'s actors on ``vocab``, built once: its phrase matchers
    cost seconds. The cache holds both objects, so their ids are not reused."""
    key = (id(knowledge.actors), id(vocab))
    if key not in _RESOLVERS:
        _RESOLVERS[key] = ActorResolver(knowledge.actors, vocab)
    return _RESOLVERS[key]
