"""Quotations on sentences written for these tests, and every quotation of the named seeds."""

from __future__ import annotations

import pytest
from conftest import shared_path

from legation.extract.actors import actor_resolver
from legation.extract.quotes import Quote, find_quotes
from legation.knowledge.bundle import load_knowledge
from legation.read import read_inputs, read_text


@pytest.fixture(scope="module")
def quotes(nlp):
    resolver = actor_resolver(load_knowledge(), nlp.vocab)

    def run(text: str) -> list[Quote]:
        article = read_text(text, published="2015-10-22")
        doc = nlp(article.clean)
        found = find_quotes(doc, article.text,
                            resolver.resolve(doc, article.published, article.text),
                            load_knowledge().cues)
        assert all(q.content == text[q.start:q.end] for q in found)
        return found

    return run


def direct(found: list[Quote]) -> list[Quote]:
    return [q for q in found if q.direct]


def said_by(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


@pytest.mark.parametrize("text, content, cue", [
    ("‘We will not accept this plan,’ Lavrov said on Monday.",
     "We will not accept this plan,", "say"),
    ("Lavrov told reporters: “The talks were useful and we will meet again.”",
     "The talks were useful and we will meet again.", "tell"),
    ("«Our soldiers will stay in Syria for as long as needed», Lavrov said.",
     "Our soldiers will stay in Syria for as long as needed", "say"),
    ('Lavrov said of the plan: "It is a step in the right direction."',
     "It is a step in the right direction.", "say"),
    ("‘We can’t let the US’ allies decide Syria’s future,’ Lavrov said.",
     "We can’t let the US’ allies decide Syria’s future,", "say"),
])
def test_direct_quote_and_its_speaker(quotes, text: str, content: str, cue: str) -> None:
    [quote] = direct(quotes(text))
    assert (quote.content, quote.cue) == (content, cue)
    assert "Lavrov" in said_by(quote)
    assert quote.speaker.country == "RUS"


def test_pronoun_speaker_goes_through_the_actors_module(quotes) -> None:
    [quote] = direct(quotes("Putin arrived in Damascus on Monday. He stressed that "
                            "‘Russia will stand with its friends in the region.’"))
    assert quote.cue == "stress"
    assert "Putin" in said_by(quote) and quote.speaker.text == "He"


def test_split_quote_has_one_speaker(quotes) -> None:
    found = direct(quotes("‘We can’t wait forever,’ Putin said, ‘and we will not wait for "
                          "the West to decide.’"))
    assert [q.content for q in found] == ["We can’t wait forever,",
                                          "and we will not wait for the West to decide."]
    assert all("Putin" in said_by(q) for q in found)


def test_next_quote_in_the_paragraph_keeps_the_speaker(quotes) -> None:
    found = direct(quotes("“We disagree with the whole strategy,” Kerry said. "
                          "“That has not changed at all.”"))
    assert [said_by(q) for q in found] == ["John Kerry", "John Kerry"]


def test_quote_over_several_paragraphs(quotes) -> None:
    text = ("Lavrov spoke for an hour.\n\n‘Our position has not changed at all since the "
            "spring.\n\n‘We still believe the talks in Geneva must include the government,’ "
            "he said.\n\nThe meeting ended late.")
    found = direct(quotes(text))
    assert [q.content for q in found] == [
        "Our position has not changed at all since the spring.",
        "We still believe the talks in Geneva must include the government,"]
    assert all("Lavrov" in said_by(q) for q in found)


def test_quote_over_three_paragraphs_after_its_cue(quotes) -> None:
    text = ("Putin told the forum:\n‘Terrorism is a threat to every one of us here.\n"
            "‘Nobody can fight it alone, whatever they claim.\n‘We will keep working with "
            "our partners in the region.’\nThe forum closed on Friday.")
    found = direct(quotes(text))
    assert len(found) == 3 and all("Putin" in said_by(q) for q in found)
    assert found[1].content == "Nobody can fight it alone, whatever they claim."


def test_scare_quotes_are_not_quotations(quotes) -> None:
    text = ("The ‘moderate’ rebels and their ‘foreign partners’ met in Ankara. Putin called "
            "them ‘so-called moderates’ in the West.")
    assert direct(quotes(text)) == []


def test_short_whole_utterance_is_a_quotation(quotes) -> None:
    [quote] = direct(quotes("‘Never,’ Lavrov said."))
    assert quote.content == "Never,"


@pytest.mark.parametrize("text", [
    "‘We will fight on, Lavrov said.",
    "“Mixed marks here’ Putin said.",
    "’ A stray closing mark and ” another.",
    "He said ‘ and then nothing.",
    '"',
    "«»",
    "‘Open\n\n‘still open\n\n‘and never closed",
])
def test_unbalanced_and_mixed_marks_never_raise(quotes, text: str) -> None:
    assert direct(quotes(text)) == []


def test_garbled_marks_never_raise(quotes) -> None:
    assert len(quotes("Lavrov said ‘no” and left. ‘Yes’’ ‘‘ ’’ « ” »")) <= 2


def test_stray_mark_yields_at_most_a_shorter_quote(quotes) -> None:
    found = direct(quotes("‘We will win this war,’ Putin said, ‘and the stray mark never "
                          "closes."))
    assert [q.content for q in found] == ["We will win this war,"]


@pytest.mark.parametrize("text, content, cue, name", [
    ("Lavrov said that the talks in Geneva had failed.", "the talks in Geneva had failed",
     "say", "Lavrov"),
    ("Peskov admitted on Tuesday that the ceasefire had collapsed.",
     "the ceasefire had collapsed", "admit", "Peskov"),
    ("Kerry told reporters the deal was dead.", "the deal was dead", "tell", "Kerry"),
    ("Kerry warned that sanctions would follow.", "sanctions would follow", "warn", "Kerry"),
    ("The talks will resume next week, Kerry said.", "The talks will resume next week", "say",
     "Kerry"),
])
def test_reported_speech(quotes, text: str, content: str, cue: str, name: str) -> None:
    [quote] = quotes(text)
    assert (quote.direct, quote.content, quote.cue) == (False, content, cue)
    assert name in said_by(quote)


def test_mixed_quote_is_reported_and_quoted(quotes) -> None:
    found = quotes("Lavrov said the conference must begin ‘as soon as it is possible’ in "
                   "Geneva.")
    assert [(q.direct, q.content) for q in found] == [
        (False, "the conference must begin ‘as soon as it is possible’ in Geneva"),
        (True, "as soon as it is possible")]
    assert all("Lavrov" in said_by(q) for q in found)


def test_according_to(quotes) -> None:
    [quote] = quotes("According to Sputnik, the Russian army has left Palmyra.")
    assert (quote.direct, quote.cue, quote.content) == (
        False, "according to", "the Russian army has left Palmyra")
    assert said_by(quote) == "Sputnik"


def test_relay_of_reported_speech(quotes) -> None:
    [quote] = quotes("Sputnik reports Lavrov saying that the talks had failed.")
    assert quote.content == "the talks had failed"
    assert "Lavrov" in said_by(quote) and quote.relay.name == "Sputnik"


def test_relay_of_a_quotation(quotes) -> None:
    [quote] = quotes("Sputnik reports Lavrov saying: ‘The talks have failed completely.’")
    assert quote.direct and "Lavrov" in said_by(quote) and quote.relay.name == "Sputnik"


def test_cue_words_inside_a_quotation_are_quoted_not_reported(quotes) -> None:
    [quote] = quotes("Dunford related to reporters: ‘I said it would be hard to help them.’")
    assert quote.direct and quote.cue == "relate" and "Dunford" in said_by(quote)


# -- seeds ------------------------------------------------------------------------------------

# (seed, speaker name, country, one or two words of each of that speaker's quotations)
SEED_QUOTES = [
    ("004", "Peskov", "RUS", ["hope", "concerns", "arsenals", "terrorists"]),
    ("001", "Putin", "RUS", ["alone", "decisive", "4,000", "permit"]),
    ("000", "Lavrov", "RUS", ["negotiating table", "individual"]),
    ("003", "Lavrov", "RUS", ["remove Assad", "china shop"]),
    ("000", "Kerry", "USA", ["communique"]),
    ("001", "Assad", "SYR", ["only aim"]),
    ("001", "Dunford", "USA", ["support"]),
    ("002", "Cook", "USA", ["agree", "changed"]),
]


@pytest.fixture(scope="module")
def seed_quotes(nlp) -> dict[str, tuple[str, list[Quote]]]:
    seeds = shared_path("seeds")
    resolver = actor_resolver(load_knowledge(), nlp.vocab)
    out = {}
    for article in read_inputs([str(seeds)], seeds / "manifest.jsonl"):
        doc = nlp(article.clean)
        actors = resolver.resolve(doc, article.published, article.text)
        out[article.id[:3]] = (article.text, find_quotes(doc, article.text, actors,
                                                           load_knowledge().cues))
    return out


def _by(quote: Quote, name: str) -> bool:
    speaker = quote.speaker
    return speaker is not None and name in f"{speaker.name} {speaker.text}"


@pytest.mark.parametrize("seed, name, country, words", SEED_QUOTES)
def test_seed_quotations_have_their_speaker(seed_quotes, seed: str, name: str, country: str,
                                            words: list[str]) -> None:
    raw, found = seed_quotes[seed]
    assert all(q.content == raw[q.start:q.end] for q in found)
    theirs = [q for q in found if q.direct and _by(q, name)]
    assert all(q.speaker.country == country for q in theirs)
    for word in words:
        assert word in raw, f"seed {seed} changed: {word!r} is gone"
        assert any(word in q.content for q in theirs), f"{name}: no quotation with {word!r}"


def test_seed_relayed_quotations(seed_quotes) -> None:
    _, found = seed_quotes["003"]
    relayed = [q for q in found if q.direct and _by(q, "Lavrov")]
    assert relayed and all(q.relay and q.relay.name == "Sputnik" for q in relayed)


def test_seed_scare_quotes_are_not_quotations(seed_quotes) -> None:
    for _, found in seed_quotes.values():
        assert all(len(q.content.split()) > 3 for q in found if q.direct)


def test_charges_are_reported_with_the_accused(quotes) -> None:
    [quote] = quotes("Kenya accused Somalia of arming the rebels in Gedo.")
    assert (quote.direct, quote.cue, quote.content) == (
        False, "accuse", "Somalia of arming the rebels in Gedo")
    assert quote.speaker.country == "KEN"


def test_quoted_as_saying_names_the_speaker_and_the_relay(quotes) -> None:
    found = quotes("Iran's oil minister, Javad Owji, met reporters. IRNA quoted him "
                   "as saying that exports had doubled.")
    [quote] = [q for q in found if "exports" in q.content]
    assert quote.speaker.country == "IRN" and quote.relay is not None


def test_a_statement_speaks_for_whoever_issued_it(quotes) -> None:
    found = quotes("Peru's foreign ministry protested in a statement on Monday. “We expect an "
                   "apology,” the statement said.")
    assert [q.speaker.code for q in direct(found)] == ["PERGOV"]


def test_a_surname_is_the_person_not_a_town_of_that_name(quotes) -> None:
    # Ibarra is also a city in Ecuador
    found = quotes("Mexico's economy minister, Raquel Ibarra, spoke on Tuesday. “We will "
                   "appeal,” Ibarra said.")
    assert [q.speaker.code for q in direct(found)] == ["MEXGOV"]


def test_the_dateline_agency_is_never_the_speaker(quotes) -> None:
    [quote] = quotes("MOSCOW (AP) — The Kremlin on Monday dismissed the report, saying it was "
                     "based on rumours.")
    assert quote.content == "it was based on rumours" and quote.speaker.country == "RUS"
    assert "AP" not in quote.speaker.text
