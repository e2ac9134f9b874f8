"""The export translation tables: FIPS 10-4 codes and ICEWS sector names."""

from legation.exports.tables import country_names, fips_codes, icews_sectors
from legation.knowledge.actors import SECTORS

NO_FIPS = {"ALA", "BES", "UMI"}  # FIPS 10-4 gives these no country code of their own


def test_every_country_has_one_fips_code() -> None:
    fips = fips_codes()
    assert set(country_names()) - set(fips) == NO_FIPS
    assert all(len(c) == 2 and c.isupper() for c in fips.values())
    assert len(set(fips.values())) == len(fips)  # no two countries share a code
    # where FIPS and ISO differ, as GDELT users know them
    assert (fips["DEU"], fips["GBR"], fips["RUS"], fips["CHN"], fips["IRQ"]) == (
        "GM", "UK", "RS", "CH", "IZ")


def test_every_sector_has_its_icews_names() -> None:
    sectors = icews_sectors()
    assert set(sectors) == set(SECTORS)
    assert sectors["GOV"] == ["Government"] and sectors["UNK"] == []
    assert all(name.strip() == name and name for names in sectors.values() for name in names)
