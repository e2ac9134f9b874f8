"""Actor knowledge: countries, organizations, office holders and agent nouns, as data.

The facts live in plain files under ``knowledge/data/`` (TSV and YAML, documented in that
directory's README.md) so that users can read, review and extend them without touching code;
this module only reads, validates and indexes them. Everything is immutable once loaded, so one
``ActorKB`` can be shared by every worker of a run.

>>> kb = load_actor_kb()
>>> kb.country("SYR").name
'Syria'
>>> [(s.kind, s.entry.country.iso3, s.entry.sector) for s in kb.lookup("the Pentagon")]
[('metonym', 'USA', 'MIL')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple

import yaml

from legation.errors import KnowledgeError

# The sector codes an actor may carry. CAMEO's, with the conventions of the NGEC/POLECAT actor
# coder where the two differ (MED is medical, JRN is the media; PRM/UAF/PRE split armed actors).
SECTORS: Mapping[str, str] = MappingProxyType({
    "GOV": "government, executive, ministries, diplomats, state media",
    "MIL": "military: armed forces, their units, weapons platforms and officers",
    "COP": "police and other law enforcement, border guards",
    "SPY": "intelligence and state security services",
    "JUD": "courts, judges, prosecutors, lawyers",
    "LEG": "legislatures and legislators",
    "PTY": "political parties, politicians, candidates",
    "OPP": "political opposition, dissidents",
    "REB": "rebels, insurgents, militants, jihadists",
    "PRM": "paramilitaries and militias",
    "UAF": "unidentified armed force: gunmen, mercenaries, attackers",
    "PRE": "partially recognized or breakaway entity",
    "CVL": "civilians: residents, protesters, activists, prisoners",
    "REF": "refugees, migrants, displaced people",
    "HRI": "human rights groups and defenders",
    "ENV": "environmental groups and activists",
    "NGO": "non-governmental and humanitarian organizations",
    "IGO": "intergovernmental organizations",
    "MED": "medical: doctors, medics, hospitals, ambulances (not the media: see JRN)",
    "JRN": "journalists and news media",
    "BUS": "business: companies, executives, traders",
    "CRM": "criminals: gangs, cartels, smugglers, thieves",
    "EDU": "education and expertise: students, academics, analysts, think tanks",
    "REL": "religious leaders and institutions",
    "LAB": "labour: workers and unions",
    "AGR": "agriculture: farmers, herders, fishermen",
    "ELI": "elites: oligarchs, celebrities, former officials",
    "BUD": "Buddhists",
    "CHR": "Christians",
    "HIN": "Hindus",
    "JEW": "Jews",
    "MOS": "Muslims",
    "SIK": "Sikhs",
    "UNK": "an actor of unknown kind",
    "JNK": "not an actor (a mention wrongly taken for one)",
})
ORG_TYPES = frozenset({"igo", "ngo", "armed", "party", "media", "company", "other"})
# Pseudo-countries reported for organizations with no state of their own (NGEC's convention).
BLOCS: Mapping[str, str] = MappingProxyType({
    "UNO": "the United Nations system",
    "EUR": "the institutions of the European Union",
})
# Code prefixes that stand for "international" instead of a country.
INTERNATIONAL_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC"})
AGENT_KINDS = frozenset({"group", "person", "title", "thing"})
GENDERS = frozenset({"m", "f"})
# When several roles are in force on one day, the one a news story most likely means.
ROLE_PRECEDENCE = ("GOV", "IGO", "MIL", "SPY", "COP", "JUD", "LEG", "PTY", "OPP", "REB")
EXTRA_COUNTRY_CODES = frozenset({"XKX"})  # Kosovo: user-assigned, used by the EU and the IMF

COUNTRY_COLUMNS = ("iso3", "name", "aliases", "adjectives", "demonyms", "capitals", "metonyms")
AGENT_COLUMNS = ("term", "sector", "kind")
AGENT_OPTIONAL = ("country",)
# Packaged files and their formats; equipment.tsv is agents that also say whose they are.
PACKAGED_FILES = {"countries.tsv": "countries", "organizations.yaml": "organizations",
                  "people.yaml": "people", "agents.tsv": "agents", "equipment.tsv": "agents"}
SURFACE_KINDS = ("country", "adjective", "demonym", "capital", "metonym", "org", "person",
                 "agent")

_CODE_RE = re.compile(r"^[A-Z0-9]{3,15}$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_AS_OF_RE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


# -- records --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Country:
    """A state or territory and the words news uses for it and for its government.

    ``metonyms`` are (term, sector) pairs; sector ``None`` means the government (GOV).
    ``actor`` is False for places nobody acts for (Antarctica): they are kept so that every
    ISO code resolves, but they are not offered as surface forms.
    """

    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: tuple[tuple[str, str | None], ...] = ()
    actor: bool = True


@dataclass(frozen=True)
class Metonym:
    """A place name standing for part of a state ("the Kremlin", "the Pentagon" → MIL)."""

    term: str
    country: Country
    sector: str = "GOV"


@dataclass(frozen=True)
class Period:
    """A span of time in which an organization acts in another sector (Taliban → GOV)."""

    sector: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Organization:
    """An international body or non-state actor with its CAMEO-style code.

    ``country`` is the home state (ISO3) or None; ``bloc`` the pseudo-country reported for
    bodies of the UN system (UNO) or the EU (EUR).
    """

    code: str
    name: str
    sector: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    kb_id: str | None = None
    bloc: str | None = None
    periods: tuple[Period, ...] = ()

    @property
    def reported_country(self) -> str | None:
        """What the ``country`` field of a coded actor shows: state, bloc or IGO/NGO/IMG."""
        if self.country or self.bloc:
            return self.country or self.bloc
        prefix = self.code[:3]
        return prefix if prefix in INTERNATIONAL_PREFIXES else None

    def sector_on(self, day: dt.date | None = None) -> str:
        """The sector in force on ``day``; without a day, the current one (open period)."""
        for period in reversed(self.periods):
            if (period.end is None if day is None else period.covers(day)):
                return period.sector
        return self.sector


@dataclass(frozen=True)
class Role:
    """One office a person held: where, as what, from when to when (``end`` None: still)."""

    office: str
    sector: str
    country: str | None = None
    org: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    former: bool = False  # True for the "former office holder" role derived by role_on

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    """An office holder, with every role so that a mention is coded as of the event's date."""

    name: str
    roles: tuple[Role, ...]
    kb_id: str | None = None
    aliases: tuple[str, ...] = ()
    gender: str | None = None

    def role_on(self, day: dt.date | None = None) -> Role | None:
        """The role in force on ``day``.

        Several roles in force: the highest in ``ROLE_PRECEDENCE`` (state office before party
        office), then the latest started. No role in force but some already ended: a derived
        *former* role (sector ELI, country of the role that ended last), because a former
        president acts as an elite, not as the government. Before the first role: None.
        ``day`` None means "as things stand": the open roles, else the former role.
        """
        if day is None:
            current = [r for r in self.roles if r.end is None]
        else:
            current = [r for r in self.roles if r.covers(day)]
        if current:
            return min(current, key=_role_rank)
        ended = [r for r in self.roles if r.end is not None and (day is None or r.end < day)]
        if not ended:
            return None
        last = max(ended, key=lambda r: r.end or dt.date.min)
        return Role(office=f"former {last.office}", sector="ELI", country=last.country,
                    start=(last.end or dt.date.min) + dt.timedelta(days=1), former=True)


    def characteristic_role(self) -> Role | None:
        """For a mention with no date: the role held now, else the most senior ever held
        ("Tony Blair" undated is the prime minister, not the former envoy)."""
        open_roles = [r for r in self.roles if r.end is None]
        return min(open_roles or self.roles, key=_role_rank, default=None)


def _role_rank(role: Role) -> tuple[int, int]:
    rank = (ROLE_PRECEDENCE.index(role.sector) if role.sector in ROLE_PRECEDENCE
            else len(ROLE_PRECEDENCE))
    return rank, -(role.start or dt.date.min).toordinal()


@dataclass(frozen=True)
class Agent:
    """A generic noun marking a sector ("troops" → MIL). One per surface form; ``lemma`` is the
    first form of its row, so that "soldier" and "soldiers" can be told to be one noun."""

    term: str
    sector: str
    kind: str
    lemma: str
    country: str | None = None  # a ship class or weapon only one state has ("Arleigh Burke-class")


Entry = Country | Metonym | Organization | Person | Agent


class Surface(NamedTuple):
    """One string the matcher should find, what kind of name it is, and what it names."""

    text: str
    kind: str
    entry: Entry


@dataclass(frozen=True)
class Source:
    """One file the KB was read from: its label for messages and its bytes for the hash."""

    label: str
    data: bytes = field(repr=False)


# -- the knowledge base ---------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class ActorKB:
    """Everything known about actors, with an index from lower-cased surface form to entries."""

    countries: Mapping[str, Country]
    organizations: tuple[Organization, ...]
    people: tuple[Person, ...]
    agents: tuple[Agent, ...]
    sources: tuple[Source, ...] = ()
    people_as_of: dt.date | None = None
    _index: Mapping[str, tuple[Surface, ...]] = field(init=False, repr=False)
    _orgs: Mapping[str, Organization] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "countries", MappingProxyType(dict(self.countries)))
        index: dict[str, list[Surface]] = {}
        for surface in self.surface_forms():
            bucket = index.setdefault(surface.text.lower(), [])
            if surface not in bucket:
                bucket.append(surface)
        object.__setattr__(self, "_index",
                           MappingProxyType({k: tuple(v) for k, v in index.items()}))
        object.__setattr__(self, "_orgs",
                           MappingProxyType({o.code: o for o in self.organizations}))

    def __reduce__(self) -> tuple[type[ActorKB], tuple[object, ...]]:
        """Pickle by the fields, the indexes are rebuilt: read-only views do not pickle, and
        Dask ships the knowledge base to its workers."""
        return ActorKB, (dict(self.countries), self.organizations, self.people, self.agents,
                         self.sources, self.people_as_of)

    def __repr__(self) -> str:
        return (f"ActorKB({len(self.countries)} countries, {len(self.organizations)} "
                f"organizations, {len(self.people)} people, {len(self.agents)} agent forms, "
                f"from {', '.join(s.label for s in self.sources)})")

    @property
    def index(self) -> Mapping[str, tuple[Surface, ...]]:
        """Lower-cased surface form → every (text, kind, entry) it may name."""
        return self._index

    def lookup(self, text: str) -> tuple[Surface, ...]:
        """What ``text`` may name, case-insensitively; empty when unknown."""
        return self._index.get(text.lower(), ())

    def country(self, iso3: str) -> Country | None:
        return self.countries.get(iso3)

    def organization(self, code: str) -> Organization | None:
        return self._orgs.get(code)

    def surface_forms(self) -> Iterator[Surface]:
        """Every surface form with its kind and entry, to build one matcher pass from.

        Countries marked ``actor: no`` are left out: their names are places, never actors.
        """
        for c in self.countries.values():
            if not c.actor:
                continue
            for text in (c.name, *c.aliases):
                yield Surface(text, "country", c)
            for kind, texts in (("adjective", c.adjectives), ("demonym", c.demonyms),
                                ("capital", c.capitals)):
                for text in texts:
                    yield Surface(text, kind, c)
            for term, sector in c.metonyms:
                yield Surface(term, "metonym", Metonym(term, c, sector or "GOV"))
        for org in self.organizations:
            for text in (org.name, *org.aliases):
                yield Surface(text, "org", org)
        for person in self.people:
            for text in (person.name, *person.aliases):
                yield Surface(text, "person", person)
        for agent in self.agents:
            yield Surface(agent.term, "agent", agent)

    def version_hash(self) -> str:
        """SHA-1 over the bytes of every file read, in order: provenance for coded records."""
        digest = hashlib.sha1()
        for source in self.sources:
            digest.update(len(source.data).to_bytes(8, "big"))
            digest.update(source.data)
        return digest.hexdigest()


# -- loading --------------------------------------------------------------------------------------

def load_actor_kb(extra: Sequence[Path | str] = ()) -> ActorKB:
    """The packaged actor knowledge plus the user's files ``extra``, validated.

    A user file is a ``.tsv`` in the countries or agents format (told apart by its header) or a
    ``.yaml``/``.yml`` mapping with ``organizations:`` and/or ``people:`` lists. User entries
    are applied after the packaged ones: see README.md for how they merge. The default call
    (no user files) is cached.
    """
    if not extra:
        return _default_kb()
    return _build([*_packaged_sources(), *(_user_source(Path(p)) for p in extra)])


@functools.cache
def _default_kb() -> ActorKB:
    return _build(_packaged_sources())


def _packaged_sources() -> list[tuple[Source, str]]:
    data = resources.files("legation.knowledge") / "data"
    out = []
    for name in PACKAGED_FILES:
        item = data / name
        if item.is_file():  # people.yaml may not exist in a minimal install
            out.append((Source(f"knowledge/data/{name}", item.read_bytes()),
                        PACKAGED_FILES[name]))
    return out


def _user_source(path: Path) -> tuple[Source, str]:
    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(f"{label}: cannot read the actor file ({exc.strerror}).") from exc
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return Source(label, data), "yaml"
    if suffix == ".tsv":
        first = next((ln for ln in _decode(data, label).splitlines()
                      if ln.strip() and not ln.startswith("#")), "")
        column = first.split("\t")[0].strip()
        if column == "iso3":
            return Source(label, data), "countries"
        if column == "term":
            return Source(label, data), "agents"
        raise KnowledgeError(f"{label}, line 1: a .tsv actor file must start with the countries "
                             f"header ({'/'.join(COUNTRY_COLUMNS)}) or the agents header "
                             f"({'/'.join(AGENT_COLUMNS)}); found {first[:60]!r}.")
    raise KnowledgeError(f"{label}: unknown actor file type {suffix!r}; use .tsv (countries or "
                         "agents) or .yaml (organizations/people), see knowledge/data/README.md.")


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{label}: not UTF-8 text (byte {exc.start}); save it as UTF-8."
                             ) from exc


def _item_lines(text: str) -> dict[tuple[str, int], str]:
    """(list name, item number) → ", line N" for the entries of a user's actor YAML file: a
    mapping of lists, or one bare list (counted as both kinds, as either may be meant)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    out: dict[tuple[str, int], str] = {}
    if isinstance(root, yaml.SequenceNode):
        for i, node in enumerate(root.value, 1):
            out[("people", i)] = out[("organizations", i)] = f", line {node.start_mark.line + 1}"
    elif isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(value, yaml.SequenceNode):
                for i, node in enumerate(value.value, 1):
                    out[(key.value, i)] = f", line {node.start_mark.line + 1}"
    return out


class _Builder:
    """Accumulates entries file by file; later (user) files extend or override earlier ones."""

    def __init__(self) -> None:
        self.valid_iso3 = _iso3_codes()
        self.countries: dict[str, Country] = {}
        self.orgs: dict[str, tuple[Organization, str]] = {}
        self.people: dict[str, tuple[Person, str]] = {}
        self.agents: dict[str, Agent] = {}
        self.as_of: dt.date | None = None

    # countries ---------------------------------------------------------------------------------
    def add_countries(self, text: str, label: str) -> None:
        rows = _tsv_rows(text, label, COUNTRY_COLUMNS, optional=("actor",))
        seen: set[str] = set()
        for lineno, row in rows:
            where = f"{label}, line {lineno}"
            iso3 = row["iso3"]
            if not _ISO3_RE.match(iso3) or iso3 not in self.valid_iso3:
                raise KnowledgeError(f"{where}: unknown ISO 3166 alpha-3 code {iso3!r}; use a "
                                     "code from ISO 3166-1 (or XKX for Kosovo).")
            if iso3 in seen:
                raise KnowledgeError(f"{where}: {iso3} is listed twice in this file; merge the "
                                     "two rows.")
            seen.add(iso3)
            if not row["name"]:
                raise KnowledgeError(f"{where}: {iso3} has no name.")
            actor = row.get("actor", "").lower() or "yes"
            if actor not in ("yes", "no"):
                raise KnowledgeError(f"{where}: column 'actor' must be yes or no, not {actor!r}.")
            metonyms = tuple(_metonym(m, where) for m in _split(row["metonyms"]))
            country = Country(iso3, row["name"], _split(row["aliases"]),
                              _split(row["adjectives"]), _split(row["demonyms"]),
                              _split(row["capitals"]), metonyms, actor == "yes")
            old = self.countries.get(iso3)
            self.countries[iso3] = country if old is None else _merge_country(old, country)

    # agents ------------------------------------------------------------------------------------
    def add_agents(self, text: str, label: str) -> None:
        seen: set[str] = set()
        iso3 = _iso3_codes()
        for lineno, row in _tsv_rows(text, label, AGENT_COLUMNS, AGENT_OPTIONAL):
            where = f"{label}, line {lineno}"
            sector = _sector(row["sector"], where)
            country = row.get("country") or None
            if country is not None and country not in iso3:
                raise KnowledgeError(f"{where}: country {country!r} is not an ISO 3166 "
                                     "alpha-3 code.")
            kind = row["kind"]
            if kind not in AGENT_KINDS:
                raise KnowledgeError(f"{where}: kind must be one of {sorted(AGENT_KINDS)}, "
                                     f"not {kind!r}.")
            forms = _split(row["term"])
            if not forms:
                raise KnowledgeError(f"{where}: empty term.")
            for form in forms:
                key = form.lower()
                if key in seen:
                    raise KnowledgeError(f"{where}: {form!r} is already listed in this file.")
                seen.add(key)
                self.agents[key] = Agent(form, sector, kind, forms[0], country)

    # YAML: organizations and people ------------------------------------------------------------
    def add_yaml(self, text: str, label: str, fmt: str) -> None:
        """``fmt``: organizations or people (a packaged list), yaml (a user file)."""
        try:
            doc = yaml.load(text, Loader=_YamlLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f", line {mark.line + 1}" if mark else ""
            raise KnowledgeError(f"{label}{line}: not valid YAML ({exc}).") from exc
        if doc is None:
            return
        if fmt == "yaml" and isinstance(doc, list):
            # a user file in the packaged list format: what it lists decides which list it is
            fmt = ("organizations" if all(isinstance(i, dict) and "code" in i for i in doc)
                   else "people" if all(isinstance(i, dict) and "roles" in i for i in doc)
                   else fmt)
        if fmt in ("organizations", "people") and isinstance(doc, list):
            doc = {fmt: doc}
        if not isinstance(doc, dict) or not set(doc) <= {"organizations", "people"}:
            raise KnowledgeError(f"{label}: an actor YAML file must be a mapping with the keys "
                                 "'organizations' and/or 'people', each a list (or one such "
                                 "list, as in the packaged files).")
        stated = _as_of(text) if doc.get("people") else None
        if stated:  # several people files: the data covers up to the earliest stated date
            self.as_of = min(stated, self.as_of) if self.as_of else stated
        orgs, people = doc.get("organizations") or [], doc.get("people") or []
        for key, items in (("organizations", orgs), ("people", people)):
            if not isinstance(items, list):
                raise KnowledgeError(f"{label}: '{key}' must be a list.")
        seen: set[str] = set()
        # a user's file gets line numbers in its messages (packaged files are checked by tests)
        lines = _item_lines(text) if fmt == "yaml" else {}
        for i, item in enumerate(orgs, 1):
            where = f"{label}{lines.get(('organizations', i), '')}, organization #{i}"
            org = _organization(item, where)
            if org.code in seen:
                raise KnowledgeError(f"{where}: code {org.code} is used twice in this file.")
            seen.add(org.code)
            self.orgs[org.code] = (org, f"{label}, organization #{i} ({org.code})")
        mine: dict[str, tuple[Person, str]] = {}
        for i, item in enumerate(people, 1):
            where = f"{label}{lines.get(('people', i), '')}, person #{i}"
            person = _person(item, where)
            key = person.kb_id or person.name
            if key in mine:
                raise KnowledgeError(f"{where}: {key} is listed twice in this file.")
            mine[key] = (person, f"{label}, person #{i} ({person.name})")
        # an entry replaces those of earlier files with the same QID, or the same name
        qids = {p.kb_id for p, _ in mine.values() if p.kb_id}
        names = {p.name for p, _ in mine.values()}
        self.people = {k: v for k, v in self.people.items()
                       if v[0].name not in names and v[0].kb_id not in qids}
        self.people.update(mine)

    # cross-references --------------------------------------------------------------------------
    def build(self, sources: tuple[Source, ...]) -> ActorKB:
        for org, where in self.orgs.values():
            if org.country is not None and org.country not in self.countries:
                raise KnowledgeError(f"{where}: unknown country {org.country!r}; use an ISO3 "
                                     "code from countries.tsv, or null.")
        for person, where in self.people.values():
            for role in person.roles:
                if role.country is not None and role.country not in self.countries:
                    raise KnowledgeError(f"{where}: role {role.office!r} names unknown "
                                         f"country {role.country!r}.")
                if role.org is not None and role.org not in self.orgs:
                    raise KnowledgeError(f"{where}: role {role.office!r} names unknown "
                                         f"organization code {role.org!r}; add it to "
                                         "organizations.yaml or fix the code.")
        return ActorKB(dict(self.countries),
                       tuple(o for o, _ in self.orgs.values()),
                       tuple(p for p, _ in self.people.values()),
                       tuple(self.agents.values()), sources, self.as_of)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _YamlLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The C loader when libyaml is present (the packaged files load in milliseconds), with
    dates left as text so that ``_date`` alone parses them and names the entry on error."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


def _build(sources: Iterable[tuple[Source, str]]) -> ActorKB:
    builder = _Builder()
    items = list(sources)
    # countries first, so organizations and people in any file can refer to them
    for source, fmt in items:
        if fmt == "countries":
            builder.add_countries(_decode(source.data, source.label), source.label)
    for source, fmt in items:
        text = _decode(source.data, source.label)
        if fmt == "agents":
            builder.add_agents(text, source.label)
        elif fmt != "countries":
            builder.add_yaml(text, source.label, fmt)
    return builder.build(tuple(s for s, _ in items))


# -- parsing helpers ------------------------------------------------------------------------------

@functools.cache
def _iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_COUNTRY_CODES


def _tsv_rows(text: str, label: str, columns: tuple[str, ...],
              optional: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data line; '#' lines and blank lines are skipped."""
    header: list[str] | None = None
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            allowed = (list(columns), [*columns, *optional])
            if cells not in allowed:
                raise KnowledgeError(f"{label}, line {lineno}: the header must be the "
                                     f"tab-separated columns {', '.join(columns)}"
                                     f"{' [' + ', '.join(optional) + ']' if optional else ''}; "
                                     f"found {', '.join(cells)}.")
            header = cells
            continue
        if len(cells) > len(header):
            raise KnowledgeError(f"{label}, line {lineno}: {len(cells)} columns, the header has "
                                 f"{len(header)}; separate values within a column with '|'.")
        cells += [""] * (len(header) - len(cells))
        rows.append((lineno, dict(zip(header, cells, strict=True))))
    if header is None:
        raise KnowledgeError(f"{label}: empty file; it needs at least the header line.")
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _sector(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in SECTORS:
        raise KnowledgeError(f"{where}: unknown sector {value!r}; use one of "
                             f"{', '.join(SECTORS)} (see knowledge/data/README.md).")
    return value


def _metonym(value: str, where: str) -> tuple[str, str | None]:
    if ":" not in value:
        return value, None
    term, _, sector = value.rpartition(":")
    return term.strip(), _sector(sector.strip(), f"{where}, metonym {value!r}")


def _merge_country(old: Country, new: Country) -> Country:
    """A user row for a known code adds its names to the packaged ones (nothing is lost)."""
    def union(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[Any, ...]:
        return a + tuple(x for x in b if x not in a)

    aliases = union(old.aliases, ((new.name,) if new.name != old.name else ()) + new.aliases)
    return Country(old.iso3, old.name, aliases, union(old.adjectives, new.adjectives),
                   union(old.demonyms, new.demonyms), union(old.capitals, new.capitals),
                   union(old.metonyms, new.metonyms), new.actor and old.actor)


def _date(value: Any, where: str, *, end: bool = False) -> dt.date | None:
    """A date from YAML: a date, or 'YYYY-MM-DD' / 'YYYY-MM' / 'YYYY' (an ``end`` that gives
    only a month or year means its last day)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE_RE.match(str(value).strip())
    if match:
        year = int(match.group(1))
        month = int(match.group(2) or (12 if end else 1))
        try:
            last = calendar.monthrange(year, month)[1]
            day = int(match.group(3) or (last if end else 1))
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise KnowledgeError(f"{where}: {value!r} is not a date; write YYYY-MM-DD (or YYYY-MM, "
                         "YYYY).")


def _span(start: Any, end: Any, where: str) -> tuple[dt.date | None, dt.date | None]:
    s, e = _date(start, where), _date(end, where, end=True)
    if s and e and s > e:
        raise KnowledgeError(f"{where}: start {s} is after end {e}.")
    return s, e


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError(f"{where}: '{key}' must be a list of non-empty strings "
                             "(quote names YAML would read as numbers or booleans).")
    return tuple(v.strip() for v in value)


def _mapping(item: Any, where: str, required: set[str], allowed: set[str]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise KnowledgeError(f"{where}: expected a mapping with keys {sorted(required)}.")
    missing = required - set(item)
    if missing:
        raise KnowledgeError(f"{where}: missing {', '.join(sorted(missing))}.")
    unknown = set(item) - allowed
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
                             f"allowed: {', '.join(sorted(allowed))}.")
    return item


def _kb_id(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _QID_RE.match(value):
        raise KnowledgeError(f"{where}: kb_id must be a Wikidata QID like Q1065, or null.")
    return value


def _name(value: Any, where: str, key: str = "name") -> str:
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}: '{key}' must be a non-empty string.")
    return value.strip()


def _organization(item: Any, where: str) -> Organization:
    d = _mapping(item, where, {"code", "name", "sector", "type"},
                 {"code", "name", "aliases", "country", "bloc", "sector", "type", "kb_id",
                  "periods"})
    code = d["code"]
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise KnowledgeError(f"{where}: code {code!r} must be 3-15 capital letters or digits.")
    where = f"{where} ({code})"
    country = d.get("country")
    if country is not None and (not isinstance(country, str) or not _ISO3_RE.match(country)):
        raise KnowledgeError(f"{where}: country must be an ISO3 code or null, not {country!r}.")
    bloc = d.get("bloc")
    if bloc is not None and bloc not in BLOCS:
        raise KnowledgeError(f"{where}: bloc must be one of {', '.join(BLOCS)} or null.")
    org_type = d["type"]
    if org_type not in ORG_TYPES:
        raise KnowledgeError(f"{where}: type must be one of {', '.join(sorted(ORG_TYPES))}.")
    periods_raw = d.get("periods") or []
    if not isinstance(periods_raw, list):
        raise KnowledgeError(f"{where}: 'periods' must be a list.")
    periods = []
    for j, p in enumerate(periods_raw, 1):
        pw = f"{where}, period #{j}"
        p = _mapping(p, pw, {"sector"}, {"sector", "start", "end"})
        periods.append(Period(_sector(p["sector"], pw), *_span(p.get("start"), p.get("end"), pw)))
    periods.sort(key=lambda p: p.start or dt.date.min)
    return Organization(code, _name(d["name"], where), _sector(d["sector"], where), org_type,
                        _strings(d.get("aliases"), where, "aliases"), country,
                        _kb_id(d.get("kb_id"), where), bloc, tuple(periods))


def _person(item: Any, where: str) -> Person:
    d = _mapping(item, where, {"name", "roles"},
                 {"name", "kb_id", "aliases", "gender", "roles"})
    name = _name(d["name"], where)
    where = f"{where} ({name})"
    gender = d.get("gender")
    if gender is not None and gender not in GENDERS:
        raise KnowledgeError(f"{where}: gender must be m, f or null, not {gender!r}.")
    roles_raw = d["roles"]
    if not isinstance(roles_raw, list) or not roles_raw:
        raise KnowledgeError(f"{where}: 'roles' must be a non-empty list.")
    roles = []
    for j, r in enumerate(roles_raw, 1):
        rw = f"{where}, role #{j}"
        r = _mapping(r, rw, {"office", "sector"},
                     {"country", "org", "office", "sector", "start", "end"})
        country, org = r.get("country"), r.get("org")
        if country is None and org is None:
            raise KnowledgeError(f"{rw}: give the role a country (ISO3) or an org code.")
        if country is not None and (not isinstance(country, str) or not _ISO3_RE.match(country)):
            raise KnowledgeError(f"{rw}: country must be an ISO3 code or null, not {country!r}.")
        if org is not None and not isinstance(org, str):
            raise KnowledgeError(f"{rw}: org must be an organization code or null.")
        roles.append(Role(_name(r["office"], rw, "office"), _sector(r["sector"], rw), country,
                          org, *_span(r.get("start"), r.get("end"), rw)))
    return Person(name, tuple(roles), _kb_id(d.get("kb_id"), where),
                  _strings(d.get("aliases"), where, "aliases"), gender)


def _as_of(text: str) -> dt.date | None:
    """The date stated in the header comment of people.yaml (the last day the data covers)."""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        found = _AS_OF_RE.findall(line)
        if found:  # "Data covers: 2000-01-01 to 2025-06-30": the last date is the end
            try:
                return dt.date.fromisoformat(found[-1])
            except ValueError:
                return None
    return None
