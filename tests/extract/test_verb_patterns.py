"""verbs.yaml in use: every CAMEO root 01-20 is coded from ordinary news sentences, and
sentences that report no event between actors stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.evaluate import load_gold, score

NO_EVENT = Path(__file__).parent.parent / "data" / "no_event_sentences.jsonl"
DATE = "2016-05-01"

# (expected root, sentence, source country, target country or None for any)
CASES = [
    ("01", "Lavrov told Kerry about the plan.", "RUS", "USA"),
    ("01", "Germany expressed condolences to France.", "DEU", "FRA"),
    ("01", "Russia voiced concern about Turkey.", "RUS", "TUR"),
    ("02", "Germany urged Russia to respect the ceasefire.", "DEU", "RUS"),
    ("02", "France called on Iran to release the detained journalists.", "FRA", "IRN"),
    ("03", "Japan pledged aid to the Philippines after the typhoon.", "JPN", "PHL"),
    ("03", "China offered Pakistan a new loan.", "CHN", "PAK"),
    ("04", "Lavrov met Kerry in Geneva on Monday.", "RUS", "USA"),
    ("04", "Egyptian officials held talks with Israel about the border.", "EGY", "ISR"),
    ("04", "The Indian prime minister visited Japan last week.", "IND", "JPN"),
    ("05", "India praised Japan for its support.", "IND", "JPN"),
    ("05", "Iran signed an agreement with Iraq on trade.", "IRN", "IRQ"),
    ("05", "Sweden recognized Palestine in 2014.", "SWE", "PSE"),
    ("06", "Russia cooperated with Iran on the nuclear plant.", "RUS", "IRN"),
    ("06", "Jordan shared intelligence with Egypt about the militants.", "JOR", "EGY"),
    ("07", "Britain sent humanitarian aid to Nepal after the earthquake.", "GBR", "NPL"),
    ("07", "The United States provided weapons to Ukraine.", "USA", "UKR"),
    ("08", "The European Union lifted sanctions on Iran.", "IGO", "IRN"),
    ("08", "Iran released American sailors on Wednesday.", "IRN", "USA"),
    ("09", "Brazil opened an investigation into Venezuelan officials.", "BRA", "VEN"),
    ("09", "Ukraine investigated Russian hackers last year.", "UKR", "RUS"),
    ("10", "Ukraine demanded the withdrawal of Russian troops.", "UKR", "RUS"),
    ("10", "Mexico demanded an apology from the United States.", "MEX", "USA"),
    ("11", "China condemned Japan over the island dispute.", "CHN", "JPN"),
    ("11", "Turkey accused Syria of shelling its border villages.", "TUR", "SYR"),
    ("12", "Israel rejected France's proposal.", "ISR", "FRA"),
    ("12", "North Korea rebuffed South Korea on Monday.", "PRK", "KOR"),
    ("13", "North Korea threatened South Korea with war.", "PRK", "KOR"),
    ("13", "Russia warned Turkey against sending troops.", "RUS", "TUR"),
    ("14", "Ukrainian activists protested against Russia outside the embassy.", "UKR", "RUS"),
    ("14", "Polish students demonstrated against Russia on Sunday.", "POL", "RUS"),
    ("14", "Palestinian workers boycotted Israel.", "PSE", "ISR"),
    ("15", "Russia deployed troops to Syria.", "RUS", "SYR"),
    ("15", "China sent warships to the Philippines.", "CHN", "PHL"),
    ("16", "Saudi Arabia cut ties with Iran.", "SAU", "IRN"),
    ("16", "The United States imposed sanctions on North Korea.", "USA", "PRK"),
    ("17", "Turkish police arrested Syrian smugglers.", "TUR", "SYR"),
    ("17", "Russia deported Ukrainian migrants.", "RUS", "UKR"),
    ("18", "Syrian rebels kidnapped Lebanese soldiers.", "SYR", "LBN"),
    ("18", "Iraqi militants killed Turkish soldiers.", "IRQ", "TUR"),
    ("19", "Turkish troops attacked Kurdish fighters in Syria.", "TUR", None),
    ("19", "Russia launched airstrikes on Syria.", "RUS", "SYR"),
    ("19", "Israel bombed Gaza on Tuesday.", "ISR", "PSE"),
    ("20", "Serbian forces massacred Bosnian civilians.", "SRB", "BIH"),
    ("20", "Sudanese militias committed a massacre against Chadian villagers.", "SDN", "TCD"),
]

# Constructions that need the coder's rules beyond the data: statements beside events,
# refusals (124 refuse to yield) and intents (035 express intent to yield).
CODER_RULES = [
    ("01", "Germany expressed condolences to France after the attack.", "DEU", "FRA"),
    ("01", "The Islamic State claimed responsibility for the attack on Iraq.", "IMG", "IRQ"),
    ("12", "Russia refused to lift sanctions on Turkey.", "RUS", "TUR"),
    ("03", "Russia agreed to withdraw troops from Syria.", "RUS", "SYR"),
]


@pytest.fixture(scope="module")
def coder():
    from legation.run import Coder

    return Coder()


def _coded(coder, text: str) -> list[tuple[str, str, str]]:
    events = coder.code_text(text, published=DATE).events
    return [(e.source.code if e.source else "", e.cameo, e.target.code if e.target else "")
            for e in events]


@pytest.mark.parametrize("root, text, source, target", CASES + CODER_RULES)
def test_root_is_coded(coder, root: str, text: str, source: str, target: str | None) -> None:
    coded = _coded(coder, text)
    assert any(code[:2] == root and src[:3] == source and (target is None or tgt[:3] == target)
               for src, code, tgt in coded), coded


def test_every_root_has_two_cases() -> None:
    roots = [c[0] for c in CASES]
    assert all(roots.count(f"{r:02d}") >= 2 for r in range(1, 21))


def test_no_event_sentences_stay_quiet(coder) -> None:
    units = load_gold(NO_EVENT)
    assert len(units) >= 60 and all(u.events == () for u in units)
    coded = {u.id: [e.to_dict() for e in coder.code_text(u.text, published=u.published,
                                                           article_id=u.id).events]
             for u in units}
    report = score(units, coded).as_dict()
    assert report["no_event_false_positive_rate"] <= 0.10
