"""The actor knowledge files load, are complete and consistent, and reject malformed input."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from legation.errors import KnowledgeError
from legation.knowledge.actors import (
    BLOCS,
    INTERNATIONAL_PREFIXES,
    ORG_TYPES,
    SECTORS,
    SURFACE_KINDS,
    ActorKB,
    Country,
    Metonym,
    Organization,
    _build,
    _packaged_sources,
    load_actor_kb,
)

DATA = resources.files("legation.knowledge") / "data"
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_actor_kb()


def _kinds(kb: ActorKB, text: str) -> dict[str, object]:
    return {s.kind: s.entry for s in kb.lookup(text)}


# -- the packaged files ---------------------------------------------------------------------------

def test_packaged_files_load(kb: ActorKB) -> None:
    assert len(kb.countries) >= 250
    assert len(kb.organizations) >= 300
    assert len(kb.agents) >= 500
    assert kb.sources and all(s.data for s in kb.sources)


def test_every_iso3_code_is_present(kb: ActorKB) -> None:
    assert set(kb.countries) == ISO3


def test_no_duplicate_iso3_rows() -> None:
    lines = (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]
    codes = [ln.split("\t")[0] for ln in lines if ln.strip()]
    assert len(codes) == len(set(codes))


def test_no_surface_form_names_two_countries(kb: ActorKB) -> None:
    for text, surfaces in kb.index.items():
        isos = {s.entry.iso3 for s in surfaces if isinstance(s.entry, Country)}
        assert len(isos) <= 1, (text, isos)


@pytest.mark.parametrize(("text", "iso3"), [
    ("Burma", "MMR"), ("Ivory Coast", "CIV"), ("U.S.", "USA"), ("America", "USA"),
    ("Britain", "GBR"), ("Türkiye", "TUR"), ("DRC", "COD"), ("Kosovo", "XKX"),
    ("Republika Srpska", "BIH"), ("Gaza", "PSE"),
])
def test_country_names(kb: ActorKB, text: str, iso3: str) -> None:
    assert _kinds(kb, text)["country"].iso3 == iso3  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "kind", "iso3"), [
    ("Russian", "adjective", "RUS"), ("Saudi", "adjective", "SAU"), ("American", "adjective",
                                                                      "USA"),
    ("Britons", "demonym", "GBR"), ("Turks", "demonym", "TUR"), ("Saudis", "demonym", "SAU"),
    ("Damascus", "capital", "SYR"), ("Tehran", "capital", "IRN"), ("Canberra", "capital", "AUS"),
    ("Prishtina", "capital", "XKX"),
])
def test_adjectives_demonyms_capitals(kb: ActorKB, text: str, kind: str, iso3: str) -> None:
    assert _kinds(kb, text)[kind].iso3 == iso3  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "iso3", "sector"), [
    ("the Kremlin", "RUS", "GOV"), ("White House", "USA", "GOV"), ("the Pentagon", "USA", "MIL"),
    ("Downing Street", "GBR", "GOV"), ("Élysée", "FRA", "GOV"), ("Zhongnanhai", "CHN", "GOV"),
    ("Knesset", "ISR", "LEG"), ("Riigikogu", "EST", "LEG"),
])
def test_metonyms_carry_a_sector(kb: ActorKB, text: str, iso3: str, sector: str) -> None:
    metonym = _kinds(kb, text)["metonym"]
    assert isinstance(metonym, Metonym)
    assert (metonym.country.iso3, metonym.sector) == (iso3, sector)


def test_places_without_actors_are_not_surface_forms(kb: ActorKB) -> None:
    assert kb.country("ATA") is not None and not kb.country("ATA").actor  # type: ignore[union-attr]
    assert kb.lookup("Antarctica") == ()


def test_organizations_are_consistent(kb: ActorKB) -> None:
    codes = [o.code for o in kb.organizations]
    assert len(codes) == len(set(codes))
    for org in kb.organizations:
        assert org.country is None or org.country in ISO3, org.code
        assert org.bloc is None or org.bloc in BLOCS, org.code
        assert org.sector in SECTORS and org.type in ORG_TYPES, org.code
        # the code starts with what the organization is coded as: state, IGO/NGO/IMG or sector
        prefix = org.code[:3]
        if org.country:
            assert prefix == org.country, org.code
        else:
            assert prefix in INTERNATIONAL_PREFIXES or prefix == org.sector, org.code


def test_no_surface_form_names_two_organizations(kb: ActorKB) -> None:
    for text, surfaces in kb.index.items():
        orgs = {s.entry.code for s in surfaces if isinstance(s.entry, Organization)}
        assert len(orgs) <= 1, (text, orgs)


@pytest.mark.parametrize(("text", "code", "reported", "sector"), [
    ("UN", "IGOUNO", "UNO", "IGO"), ("Security Council", "IGOUNOSEC", "UNO", "IGO"),
    ("EU", "IGOEUREEC", "EUR", "IGO"), ("European Parliament", "IGOEURPAR", "EUR", "LEG"),
    ("NATO", "IGOWSTNAT", "IGO", "IGO"), ("CSTO", "IGOASACST", "IGO", "IGO"),
    ("IMF", "IGOIMF", "IGO", "IGO"), ("Red Crescent Society", "NGORCS", "NGO", "NGO"),
    ("Daesh", "IMGMOSISI", "IMG", "REB"), ("Hezbollah", "LBNREBHEZ", "LBN", "REB"),
    ("Houthis", "YEMREBHTH", "YEM", "REB"), ("Northern Fleet", "RUSMILNFL", "RUS", "MIL"),
    ("FSB", "RUSSPYFSB", "RUS", "SPY"), ("CIA", "USASPYCIA", "USA", "SPY"),
    ("the PRI", None, "MEX", "PTY"), ("PAN", "MEXPTYPAN", "MEX", "PTY"),
    ("Los Zetas", "MEXCRMZET", "MEX", "CRM"), ("SOHR", "SYRNGOSOH", "SYR", "NGO"),
    ("Muslim Brotherhood", "PTYMBR", None, "PTY"), ("Abkhazia", "GEOPREABK", "GEO", "PRE"),
    ("Hashd al-Shaabi", "IRQMILPMF", "IRQ", "MIL"), ("LinkedIn", "USABUSLNK", "USA", "BUS"),
])
def test_organizations(kb: ActorKB, text: str, code: str | None, reported: str | None,
                       sector: str) -> None:
    org = _kinds(kb, text if code else text.removeprefix("the "))["org"]
    assert isinstance(org, Organization)
    assert (org.code if code else None, org.reported_country, org.sector) == (code, reported,
                                                                              sector)


def test_organization_sector_follows_dated_periods(kb: ActorKB) -> None:
    taliban = kb.organization("AFGREBTAL")
    assert taliban is not None
    assert taliban.sector_on(dt.date(2010, 1, 1)) == "REB"
    assert taliban.sector_on(dt.date(2000, 1, 1)) == "GOV"
    assert taliban.sector_on(dt.date(2022, 5, 1)) == "GOV"
    assert taliban.sector_on(None) == "GOV"
    assert kb.organization("LBNREBHEZ").sector_on(None) == "REB"  # type: ignore[union-attr]


def test_agent_sectors_are_documented(kb: ActorKB) -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for agent in kb.agents:
        assert agent.sector in SECTORS, agent
    for code in SECTORS:
        assert f"`{code}`" in readme, f"sector {code} is not documented in data/README.md"


@pytest.mark.parametrize(("text", "sector"), [
    ("soldier", "MIL"), ("troops", "MIL"), ("warplanes", "MIL"), ("national guard", "MIL"),
    ("general", "MIL"), ("destroyer", "MIL"), ("defence ministry", "GOV"),
    ("defense minister", "GOV"), ("authorities", "GOV"), ("ministry", "GOV"),
    ("spokesman", "GOV"), ("central bank", "GOV"), ("state news agency", "GOV"),
    ("police", "COP"), ("cyber police", "COP"), ("police station", "COP"),
    ("security forces", "COP"), ("rebels", "REB"), ("jihadis", "REB"), ("militants", "REB"),
    ("militia", "PRM"), ("paramilitary organization", "PRM"), ("gunmen", "UAF"),
    ("mercenaries", "UAF"), ("opposition", "OPP"), ("hopeful", "PTY"), ("lawmakers", "LEG"),
    ("legislature", "LEG"), ("court", "JUD"), ("attorney", "JUD"), ("high court", "JUD"),
    ("intelligence agency", "SPY"), ("secret services", "SPY"), ("civilians", "CVL"),
    ("protester", "CVL"), ("netizen", "CVL"), ("tourists", "CVL"),
    ("political prisoners", "CVL"), ("refugees", "REF"), ("displaced", "REF"),
    ("medic", "MED"), ("ambulances", "MED"), ("journalists", "JRN"), ("companies", "BUS"),
    ("criminals", "CRM"), ("thieves", "CRM"), ("gang", "CRM"), ("gangster", "CRM"),
    ("students", "EDU"), ("experts", "EDU"), ("cleric", "REL"), ("Buddhists", "BUD"),
    ("workers", "LAB"), ("farmers", "AGR"), ("oligarchs", "ELI"), ("aid workers", "NGO"),
    ("breakaway region", "PRE"),
])
def test_agents(kb: ActorKB, text: str, sector: str) -> None:
    assert _kinds(kb, text)["agent"].sector == sector  # type: ignore[union-attr]


def test_agent_forms_share_a_lemma(kb: ActorKB) -> None:
    soldiers = _kinds(kb, "soldiers")["agent"]
    assert soldiers.lemma == "soldier" and soldiers.kind == "person"  # type: ignore[union-attr]


def test_equipment_names_one_state_and_is_military(kb: ActorKB) -> None:
    owned = [a for a in kb.agents if a.country]
    assert len(owned) >= 50
    assert all(a.sector == "MIL" and a.kind == "thing" and kb.country(a.country) for a in owned)
    assert _kinds(kb, "Arleigh Burke-class")["agent"].country == "USA"  # type: ignore[union-attr]
    assert all(a.country is None for a in kb.agents if a.term in ("destroyer", "troops"))


def test_user_agents_may_name_their_country(tmp_path: Path) -> None:
    agents = tmp_path / "fleet.tsv"
    agents.write_text("term\tsector\tkind\tcountry\nNordvik-class\tMIL\tthing\tNOR\n"
                      "coastwatchers\tCOP\tgroup\t\n", encoding="utf-8")
    mine = load_actor_kb([agents])
    assert _kinds(mine, "Nordvik-class")["agent"].country == "NOR"  # type: ignore[union-attr]
    assert _kinds(mine, "coastwatchers")["agent"].country is None  # type: ignore[union-attr]


def test_surface_forms_have_known_kinds(kb: ActorKB) -> None:
    kinds = {s.kind for s in kb.surface_forms()}
    assert kinds <= set(SURFACE_KINDS)
    assert {"country", "adjective", "demonym", "capital", "metonym", "org", "agent"} <= kinds
    text, kind, entry = next(iter(kb.surface_forms()))  # a plain 3-tuple as well
    assert isinstance(text, str) and kind == "country" and isinstance(entry, Country)


def test_packaged_people_are_valid_when_present(kb: ActorKB) -> None:
    if not (DATA / "people.yaml").is_file():
        pytest.skip("people.yaml not written yet")
    assert kb.people, "people.yaml is present but lists nobody"
    assert kb.people_as_of is not None, "people.yaml must state the date it covers up to"
    for person in kb.people:
        assert person.roles and all(r.sector in SECTORS for r in person.roles)


def test_loading_is_cached() -> None:
    """Loaded once per process (its time is printed by bench/throughput.py, not tested)."""
    assert load_actor_kb() is load_actor_kb()


def test_version_hash_is_a_stable_sha1(kb: ActorKB) -> None:
    assert len(kb.version_hash()) == 40
    assert kb.version_hash() == _build(_packaged_sources()).version_hash()


# -- people and their roles -----------------------------------------------------------------------

PEOPLE = """\
# Office holders; data covers events up to 2024-06-30.
people:
  - name: Ana Example
    kb_id: Q999999991
    aliases: [Ana Ex]
    gender: f
    roles:
      - {country: ESP, office: Member of Parliament, sector: LEG, start: 2010-01-01,
         end: 2019-12-31}
      - {country: ESP, office: Party leader, sector: PTY, start: 2015-03-01, end: null}
      - {country: ESP, office: Prime Minister, sector: GOV, start: 2016-06-01,
         end: 2020-05-31}
  - name: Ben Example
    roles:
      - {org: IGOUNO, office: Secretary-General, sector: IGO, start: 2001-01-01,
         end: 2006-12-31}
"""


@pytest.fixture
def people_kb(tmp_path: Path) -> ActorKB:
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return load_actor_kb([path])


def test_role_on_picks_the_role_in_force(people_kb: ActorKB) -> None:
    ana = _kinds(people_kb, "ana ex")["person"]
    assert people_kb.people_as_of == dt.date(2024, 6, 30)
    assert ana.role_on(dt.date(2005, 1, 1)) is None  # type: ignore[union-attr]
    assert ana.role_on(dt.date(2012, 1, 1)).sector == "LEG"  # type: ignore[union-attr]
    # several in force: state office, then legislature, then party office
    assert ana.role_on(dt.date(2015, 6, 1)).sector == "LEG"  # type: ignore[union-attr]
    assert ana.role_on(dt.date(2017, 1, 1)).office == "Prime Minister"  # type: ignore[union-attr]
    assert ana.role_on(dt.date(2021, 1, 1)).sector == "PTY"  # type: ignore[union-attr]
    assert ana.role_on(None).office == "Party leader"  # type: ignore[union-attr]


def test_role_on_after_the_last_role_is_a_former_office_holder(people_kb: ActorKB) -> None:
    ben = _kinds(people_kb, "Ben Example")["person"]
    assert ben.role_on(dt.date(2003, 1, 1)).org == "IGOUNO"  # type: ignore[union-attr]
    for day in (dt.date(2010, 1, 1), None):
        role = ben.role_on(day)  # type: ignore[union-attr]
        assert role is not None and role.former
        assert (role.sector, role.office) == ("ELI", "former Secretary-General")


# -- user files -----------------------------------------------------------------------------------

def test_user_files_extend_the_kb(tmp_path: Path, kb: ActorKB) -> None:
    countries = tmp_path / "my_countries.tsv"
    countries.write_text("iso3\tname\taliases\tadjectives\tdemonyms\tcapitals\tmetonyms\n"
                         "FRA\tFrance\tHexagone\t\t\t\tBeauvau:COP\n", encoding="utf-8")
    agents = tmp_path / "my_agents.tsv"
    agents.write_text("term\tsector\tkind\nmilitia|militias\tREB\tgroup\n"
                      "carabinieri\tCOP\tgroup\n", encoding="utf-8")
    orgs = tmp_path / "my_actors.yaml"
    orgs.write_text("organizations:\n"
                    "  - {code: FRAREBXYZ, name: Front Exemple, aliases: [FEX], country: FRA,"
                    " sector: REB, type: armed, kb_id: null}\n"
                    "people:\n"
                    "  - {name: Jean Exemple, roles: [{org: FRAREBXYZ, office: leader,"
                    " sector: REB, start: 2020-01-01}]}\n", encoding="utf-8")
    mine = load_actor_kb([countries, agents, orgs])
    assert _kinds(mine, "Hexagone")["country"].iso3 == "FRA"  # type: ignore[union-attr]
    assert _kinds(mine, "Paris")["capital"].iso3 == "FRA"  # packaged forms are kept
    assert _kinds(mine, "Beauvau")["metonym"].sector == "COP"  # type: ignore[union-attr]
    assert _kinds(mine, "militias")["agent"].sector == "REB"  # user row overrides
    assert _kinds(mine, "carabinieri")["agent"].sector == "COP"  # type: ignore[union-attr]
    assert mine.organization("FRAREBXYZ").name == "Front Exemple"  # type: ignore[union-attr]
    assert _kinds(mine, "Jean Exemple")["person"].role_on(None).org == "FRAREBXYZ"
    assert len(mine.organizations) == len(kb.organizations) + 1
    assert mine.version_hash() != kb.version_hash()
    assert _kinds(load_actor_kb(), "militias")["agent"].sector == "PRM"  # default untouched


def test_user_yaml_may_be_a_plain_list(tmp_path: Path) -> None:
    path = tmp_path / "orgs.yml"
    path.write_text("- {code: NGOXYZ, name: Example Relief, sector: NGO, type: ngo}\n",
                    encoding="utf-8")
    assert load_actor_kb([path]).organization("NGOXYZ") is not None


MALFORMED = [
    ("c.tsv", "iso3\tname\taliases\tadjectives\tdemonyms\tcapitals\tmetonyms\n"
              "XYZ\tNowhere\t\t\t\t\t\n", "line 2", "XYZ"),
    ("c.tsv", "iso3\tname\n", "line 1", "header"),
    ("c.tsv", "iso3\tname\taliases\tadjectives\tdemonyms\tcapitals\tmetonyms\n"
              "FRA\tFrance\t\t\t\t\tElysee:XXX\n", "line 2", "sector"),
    ("a.tsv", "term\tsector\tkind\ntroops\tARMY\tgroup\n", "line 2", "ARMY"),
    ("a.tsv", "term\tsector\tkind\ntroops\tMIL\tgadget\n", "line 2", "kind"),
    ("a.tsv", "term\tsector\tkind\tcountry\nfrigates\tMIL\tthing\tXYZ\n", "line 2", "XYZ"),
    ("x.tsv", "foo\tbar\n", "line 1", "header"),
    ("o.yaml", "organizations:\n  - {code: ABCREBXYZ, name: X, country: ABC, sector: REB,"
               " type: armed}\n", "organization #1", "ABC"),
    ("o.yaml", "organizations:\n  - {code: FRAREBXYZ, name: X, country: FRA, sector: REB,"
               " type: army}\n", "organization #1", "type"),
    ("o.yaml", "organizations:\n  - {code: FRAREBXYZ, name: X, sector: REB, type: armed,"
               " colour: red}\n", "organization #1", "colour"),
    ("o.yaml", "organizations:\n  - {code: FRAREBXYZ, name: X, sector: REB, type: armed,"
               " kb_id: 42}\n", "organization #1", "QID"),
    ("p.yaml", "people:\n  - {name: X, roles: [{country: FRA, office: PM, sector: GOV,"
               " start: 2020-01-01, end: 2019-01-01}]}\n", "person #1", "after"),
    ("p.yaml", "people:\n  - {name: X, roles: [{country: FRA, office: PM, sector: GOV,"
               " start: 2020-13-45}]}\n", "person #1", "not a date"),
    ("p.yaml", "people:\n  - {name: X, roles: [{org: IGOXXX, office: head, sector: IGO}]}\n",
     "person #1", "IGOXXX"),
    ("p.yaml", "people:\n  - {name: X, roles: [{country: QQQ, office: PM, sector: GOV}]}\n",
     "person #1", "QQQ"),
    ("p.yaml", "people:\n  - {name: X, gender: x, roles: [{country: FRA, office: PM,"
               " sector: GOV}]}\n", "person #1", "gender"),
    ("p.yaml", "people: [\n", "line", "YAML"),
    ("p.yaml", "persons: []\n", "p.yaml", "'people'"),
    ("p.json", "{}", "p.json", ".json"),
]


@pytest.mark.parametrize(("name", "content", "where", "why"), MALFORMED)
def test_malformed_files_name_the_file_and_place(tmp_path: Path, name: str, content: str,
                                                 where: str, why: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_actor_kb([path])
    message = str(err.value)
    assert str(path) in message and where in message and why in message, message


def test_missing_user_file_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        load_actor_kb([tmp_path / "nope.yaml"])
