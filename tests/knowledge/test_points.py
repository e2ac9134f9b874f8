"""Points for countries, regions and other toponyms (knowledge/data/*points.tsv, toponyms.tsv)."""

from __future__ import annotations

import pycountry

from legation.gold_places import km
from legation.knowledge import gazetteer, points
from legation.knowledge.actors import load_actor_kb


def test_every_country_has_a_point_inside_its_cities() -> None:
    kb = load_actor_kb()
    table = points.country_points()
    missing = [iso3 for iso3 in kb.countries if iso3 not in table]
    assert not missing
    # a country's point lies within 1,500 km of one of its own cities, where it has any
    cities: dict[str, list[tuple[float, float]]] = {}
    for cands in gazetteer.index().values():
        for c in cands:
            if c.feature == "city" and c.population >= 50_000:
                cities.setdefault(c.country, []).append((c.lat, c.lon))
    far = [iso3 for iso3, (lat, lon) in table.items() if iso3 in cities
           and min(km(lat, lon, a, b) for a, b in cities[iso3]) > 1500]
    assert not far


def test_every_region_code_is_a_first_level_iso_region() -> None:
    for code in points.region_points():
        sub = pycountry.subdivisions.get(code=code)
        assert sub is not None and sub.parent_code is None, code


def test_countries_regions_and_toponyms_have_coordinates() -> None:
    syria = next(c for c in gazetteer.lookup("Syria") if c.feature == "country")
    assert km(syria.lat, syria.lon, 35.0, 38.0) < 161
    gaza = gazetteer.lookup("the Gaza Strip".removeprefix("the "))[0]
    assert (gaza.country, gaza.feature) == ("PSE", "region")
    assert km(gaza.lat, gaza.lon, 31.4, 34.4) < 50
    # a name with a region word finds the region, or the place of that name
    assert gazetteer.lookup("Idlib province")[0].country == "SYR"


def test_english_region_names_have_a_point() -> None:
    placed = points.region_points()
    assert [code for code in points.region_names() if code not in placed] == []


def test_regions_are_found_by_their_news_names() -> None:
    # an English name, a name without its local kind word, a bare ISO name
    for name, country in (("Bavaria", "DEU"), ("Kharkiv region", "UKR"), ("Guangdong", "CHN"),
                          ("Catalonia", "ESP"), ("Kachin", "MMR")):
        found = gazetteer.lookup(name)
        assert found and any(c.feature == "region" and c.country == country for c in found), name
    # a region named by compass words is a direction, not Cameroon's East region
    assert not any(c.feature == "region" for c in gazetteer.lookup("East"))
    # a country found under the name news uses
    assert gazetteer.lookup("Ivory Coast")[0].country == "CIV"
