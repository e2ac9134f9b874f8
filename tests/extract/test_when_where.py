"""Event dates and places: sentences written for these tests, the seeds, and the commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from legation.cli import app
from legation.extract.actors import actor_resolver
from legation.read import read_inputs
from legation.records import Article
from legation.run import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def events(coder: Coder, text: str, published: str | None = "2015-10-22"):
    return coder.code_text(text, published=published).events


def test_date_from_the_events_own_clause(coder: Coder) -> None:
    (e,) = events(coder, "Iran condemned Iraq on Tuesday.")
    assert (e.event_date, e.date_precision, e.date_basis) == ("2015-10-20", "day", "stated")


def test_future_tense_looks_forward(coder: Coder) -> None:
    (e,) = [x for x in events(coder, "Iran will meet Iraq on Tuesday.")
            if x.source.country == "IRN"]
    assert e.event_date == "2015-10-27"


def test_month_precision_and_other_clauses(coder: Coder) -> None:
    (e,) = events(coder, "In July 2013 Iran condemned Iraq.")
    assert (e.event_date, e.date_precision) == ("2013-07", "month")
    # the date of a clause that does not govern the event does not date it
    (praise,) = events(coder, "Iran praised Iraq for the campaign it began on September 30.")
    assert praise.event_date != "2015-09-30"


def test_continuation_and_publication(coder: Coder) -> None:
    found = events(coder, "Iran condemned Iraq on Monday. Iran also accused Kuwait of lying.")
    accuse = next(e for e in found if e.target.country == "KWT")
    assert (accuse.event_date, accuse.date_basis) == ("2015-10-19", "inferred")
    (plain,) = events(coder, "Iran condemned Iraq.")
    assert (plain.event_date, plain.date_basis) == ("2015-10-22", "publication")


def test_undated_article_is_not_given_today(coder: Coder) -> None:
    (e,) = events(coder, "Iran condemned Iraq on Tuesday.", published=None)
    assert (e.event_date, e.date_precision, e.date_basis) == (None, None, None)


def test_stated_and_inferred_places(coder: Coder) -> None:
    (e,) = [x for x in events(coder, "Putin held talks with Erdogan in Sochi.")
            if x.source.country == "RUS"]
    assert (e.place.name, e.place.country, e.place.basis) == ("Sochi", "RUS", "stated")
    assert e.place.lat == pytest.approx(43.6, abs=0.1)
    (visit,) = events(coder, "Assad made a surprise trip to Moscow.")
    assert (visit.place.name, visit.place.basis) == ("Moscow", "stated")
    found = events(coder, "Fighting went on in Homs, where Syrian troops shelled rebels.")
    assert found and found[0].place.name == "Homs" and found[0].place.country == "SYR"


def test_ambiguous_and_transliterated_places(coder: Coder) -> None:
    from legation.extract.places import find_places

    nlp = coder.nlp
    resolver = actor_resolver(coder.knowledge, nlp.vocab)

    def places(text: str) -> dict[str, tuple[str | None, str | None]]:
        doc = nlp(text)
        return {p.text: (p.name, p.country)
                for p in find_places(doc, resolver.resolve(doc, "2016-01-01"),
                                         words=coder.knowledge.place_words)}

    assert places("Syrian troops advanced near Homs.")["Homs"] == ("Homs", "SYR")
    assert places("Shelling went on near Dayr al Zahr and Aleppo.")["Dayr al Zahr"] == \
        ("Deir ez-Zor", "SYR")
    assert places("Lavrov flew to Moscow.")["Moscow"][1] == "RUS"
    # context from US actors does not turn a capital into a small US town of the same name
    assert places("Kerry and US officials met in GENEVA.")["GENEVA"] == ("Geneva", "CHE")
    # names of operations are not places; lower-case words are no transliteration
    found = places("Turkish troops took part in Operation Olive Branch in west Syria.")
    assert not any(country == "USA" for _, country in found.values()), found
    # an unknown name costs only itself
    found = places("Troops entered Qzwyrtx and then Aleppo.")
    assert "Qzwyrtx" not in found and found["Aleppo"][1] == "SYR"


@pytest.fixture(scope="module")
def places_of(coder: Coder):
    from legation.extract.places import find_places

    resolver = actor_resolver(coder.knowledge, coder.nlp.vocab)

    def run(text: str) -> dict[str, tuple[str, float, float]]:
        doc = coder.nlp(text)
        return {p.text: (p.country, p.lat, p.lon)
                for p in find_places(doc, resolver.resolve(doc, "2024-01-01"), text,
                                         words=coder.knowledge.place_words)}
    return run


@pytest.mark.parametrize("text, name, country", [
    ("Farmers marched in the Tigray region on Monday.", "Tigray", "ETH"),  # name of a place noun
    ("Fires burned across Bavaria and Saxony.", "Bavaria", "DEU"),         # English region name
    ("Shells fell in the Sumy and Chernihiv regions.", "Chernihiv", "UKR"),  # conjunct region
    ("Gunmen struck villages near the frontier with Chad.", "Chad", "TCD"),  # border with X
    ("Boats sank off the coast of Gujarat's Kutch district.", "Gujarat", "IND"),  # possessor
    ("Teachers struck in neighbouring Oaxaca.", "Oaxaca", "MEX"),  # inside a longer NER span
])
def test_the_grammar_of_place_finds_places(places_of, text: str, name: str, country: str) -> None:
    found = places_of(text)
    assert name in found and found[name][0] == country, found


def test_context_and_dateline_choose_among_namesakes(places_of) -> None:
    # a sizeable city in the country the story is about beats its larger namesake
    found = places_of("Clashes in Tripoli left three dead. Lebanon's army deployed in the city.")
    assert found["Tripoli"][0] == "LBN"
    # the dateline's country settles its place
    found = places_of("SAN JOSE, Costa Rica (AP) - Officials met on Monday.")
    assert found["SAN JOSE"][0] == "CRI"
    # and a capital read as an actor is no context for its own name
    found = places_of("Tripoli said the talks in Tripoli would go on. Beirut stayed silent.")
    assert all(country in ("LBN", "LBY") for country, _, _ in found.values())


def test_acting_capital_is_an_actor_not_a_place(coder: Coder) -> None:
    (e,) = events(coder, "Washington condemned Moscow.")
    assert (e.source.code, e.target.code) == ("USAGOV", "RUSGOV")
    assert e.place is None


SEED_CASES = [  # (seed, source, root, target, date, precision, place)
    ("000", "USA", "04", "RUS", "2013-05-07", "day", "Moscow"),
    ("001", "SYR", "04", "RUS", "2015-10-20", "day", "Moscow"),
    ("002", "SYR", "04", "RUS", "2015-10-20", "day", "Moscow"),
    ("002", "USA", "03", "TUR", "2015-10-23", "day", "Vienna"),
    ("003", "SAU", "04", "RUS", "2013-07", "month", None),
    ("004", "SYR", "19", "SYR", "2016-09-19", "day", "Aleppo"),
    ("004", "USA", "19", "SYR", None, None, "Deir ez-Zor"),
]


@pytest.fixture(scope="module")
def seed_events(coder: Coder, seeds_dir: Path) -> dict[str, list]:
    articles = [a for a in read_inputs([str(seeds_dir)], manifest=seeds_dir / "manifest.jsonl")
                if isinstance(a, Article)]
    return {r.article.id[:3]: r.events for r in coder.code(articles)}


@pytest.mark.parametrize("seed, src, root, tgt, date, precision, place", SEED_CASES)
def test_seed_dates_and_places(seed_events, seed, src, root, tgt, date, precision,
                               place) -> None:
    candidates = [e for e in seed_events[seed] if e.cameo_root == root
                  and e.target and {e.source.country, e.target.country} == {src, tgt}]
    assert candidates, f"no {src} {root} {tgt} event in seed {seed}"
    ok = [e for e in candidates
          if (date is None or (e.event_date, e.date_precision) == (date, precision))
          and (place is None or (e.place and e.place.name == place))]
    assert ok, [(e.event_date, e.place and e.place.name) for e in candidates]


runner = CliRunner()


def test_times_and_places_commands(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text("Kerry met Lavrov in Moscow on Tuesday. They meet again tomorrow.\n")
    out = runner.invoke(app, ["times", str(txt), "--published", "2015-10-22", "--json"])
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert {(r["text"], r["value"]) for r in rows} >= {("Tuesday", "2015-10-20"),
                                                       ("tomorrow", "2015-10-23")}
    assert all(txt.read_text()[r["start"]:r["end"]] == r["text"] for r in rows)
    jsonl = tmp_path / "a.jsonl"  # a JSONL line's own date wins
    jsonl.write_text(json.dumps({"id": "j", "text": "They met on Tuesday.",
                                 "published": "2016-09-21"}) + "\n")
    out = runner.invoke(app, ["times", str(jsonl), "--published", "2015-10-22", "--json"])
    assert json.loads(out.stdout.splitlines()[0])["value"] == "2016-09-20"
    out = runner.invoke(app, ["places", str(txt), "--json"])
    (moscow,) = [json.loads(x) for x in out.stdout.splitlines()]
    assert (moscow["name"], moscow["country"], moscow["article_id"]) == ("Moscow", "RUS", "a")
    assert moscow["lat"] == pytest.approx(55.75, abs=0.1)


def test_only_a_day_or_month_carries_over_within_a_paragraph(coder: Coder) -> None:
    text = ("Iran has opposed Washington since 1979. Iran condemned Iraq.\n\n"
            "Iran met Syria on Monday. Iran praised Jordan.\n\nIran criticised Turkey.")
    dates = {(e.target.country if e.target else None): (e.event_date, e.date_basis)
             for e in events(coder, text)}
    assert dates["IRQ"][1] == "publication"  # a year of background is never inherited
    assert dates["SYR"] == ("2015-10-19", "stated")
    assert dates["JOR"] == ("2015-10-19", "inferred")  # continues Monday in its paragraph
    assert dates["TUR"][1] == "publication"  # a new paragraph does not continue Monday


def test_objects_of_strikes_small_towns_and_transliterations(places_of) -> None:
    found = places_of("Drones struck Kramatorsk and Kryvyi Rih. Artillery shelled Afrin. "
                      "Residents of Madaya in Syria said food had run out.")
    assert {name: country for name, (country, _, _) in found.items()} == {
        "Kramatorsk": "UKR", "Kryvyi Rih": "UKR", "Afrin": "SYR", "Madaya": "SYR",
        "Syria": "SYR"}
