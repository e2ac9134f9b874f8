"""The event coder, one construction at a time, on sentences written for these tests."""

from __future__ import annotations

import pytest

from legation.extract import CodeOptions
from legation.run import Coder

DATE = "2015-10-22"


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def triples(coder: Coder, text: str, **kw: object) -> set[tuple[str | None, str, str | None]]:
    """(source country, root, target country) of every event coded in ``text``."""
    events = coder.code_text(text, published=DATE, **kw).events
    return {((e.source.country if e.source else None), e.cameo_root,
             (e.target.country if e.target else None)) for e in events}


def one(coder: Coder, text: str):
    events = coder.code_text(text, published=DATE).events
    assert len(events) == 1, [(e.source, e.cameo, e.target) for e in events]
    return events[0]


def test_subject_verb_object(coder: Coder) -> None:
    assert triples(coder, "Turkey condemned Russia over the incursion.") == {("TUR", "11", "RUS")}


def test_passive_with_agent(coder: Coder) -> None:
    assert ("USA", "12", "RUS") in triples(
        coder, "Russia's proposal was rejected by Washington, and Russian officials "
               "said they had been rebuffed by Washington.")


def test_coordinated_sources_make_one_event_each(coder: Coder) -> None:
    assert triples(coder, "France and Britain condemned Syria.") == {
        ("FRA", "11", "SYR"), ("GBR", "11", "SYR")}


def test_symmetric_meeting_is_one_event_for_the_pair(coder: Coder) -> None:
    # CONVENTIONS: one event with a reciprocal code, its source the party named first
    assert triples(coder, "Iran and Iraq held talks in Baghdad.") == {("IRN", "04", "IRQ")}
    assert triples(coder, "Peru, Chile and Bolivia signed a trade pact.") == {
        ("PER", "05", "CHL"), ("PER", "05", "BOL"), ("CHL", "05", "BOL")}
    assert triples(coder, "Libyan militias and Chadian troops clashed near the border.") == {
        ("LBY", "19", "TCD")}


def test_light_verb_and_nominal_events(coder: Coder) -> None:
    assert ("USA", "19", "SYR") in triples(coder, "The US launched an offensive against Syria.")
    assert triples(coder, "Talks between Egypt and Israel resumed.") == {("EGY", "04", "ISR")}
    assert ("SYR", "04", "RUS") in triples(coder, "Assad's visit to Moscow surprised analysts.")
    assert ("GBR", "19", "SYR") in triples(
        coder, "The British air strike on Syrian troops near Deir ez-Zor was condemned.")


def test_reported_clause_is_coded_with_its_claimant(coder: Coder) -> None:
    event = one(coder, "Lavrov said that Syria had praised Iran for its help.")
    assert (event.source.country, event.cameo_root, event.target.country) == ("SYR", "05", "IRN")
    assert event.claimed_by is not None and event.claimed_by.country == "RUS"


def test_statement_only_when_nothing_is_embedded(coder: Coder) -> None:
    told = one(coder, "Putin told Erdogan about his plans for the region.")
    assert told.cameo_root == "01" and told.claimed_by is None
    embedded = triples(coder, "Putin told Erdogan that Russia condemned Israel.")
    assert embedded == {("RUS", "11", "ISR")}


def test_same_event_told_twice_is_one_event_with_two_mentions(coder: Coder) -> None:
    events = coder.code_text("Jordan condemned Israel on Monday. Later, Jordan again "
                             "condemned Israel in a statement.", published=DATE).events
    assert len(events) == 1 and events[0].mentions == 2
    assert events[0].start < 20  # the first telling is the evidence


@pytest.mark.parametrize("text, negated", [
    ("Egypt did not condemn Israel.", True),
    ("Egypt refused to condemn Israel.", True),  # no refusal code for 11x: a negated 111
    ("Egypt condemned Israel.", False),
])
def test_negation(coder: Coder, text: str, negated: bool) -> None:
    assert one(coder, text).negated is negated


@pytest.mark.parametrize("text, cameo, negated, modality", [
    ("Iran refused to meet Iraq.", "125", False, "actual"),  # CAMEO's refusal code
    ("Iran is ready to meet Iraq.", "036", False, "intended"),  # CAMEO's intent code
    ("Iran will not meet Iraq.", "125", False, "intended"),  # a stated refusal
    ("Iran did not meet Iraq.", "040", True, "actual"),
])
def test_intent_and_refusal_codes(coder: Coder, text: str, cameo: str, negated: bool,
                                  modality: str) -> None:
    event = next(e for e in coder.code_text(text, published=DATE).events
                 if e.source.country == "IRN")
    assert (event.cameo, event.negated, event.modality) == (cameo, negated, modality)


@pytest.mark.parametrize("text, modality", [
    ("Iran is ready to meet Iraq.", "intended"),
    ("Iran plans to meet Iraq next week.", "intended"),
    ("Iran will meet Iraq next week.", "intended"),
    ("Iran could meet Iraq if the talks go well.", "hypothetical"),
    ("Iran met Iraq.", "actual"),
])
def test_modality(coder: Coder, text: str, modality: str) -> None:
    events = [e for e in coder.code_text(text, published=DATE).events
              if e.source.country == "IRN"]
    assert events and events[0].modality == modality


@pytest.mark.parametrize("text, expected", [
    # an appeal is made by the frame's subject to its addressee, coded by what is asked
    ("The UN urged Iran to meet Iraq.", ("IGO", "026", "IRN")),
    ("Germany called on Turkey to release the detained journalists.", ("DEU", "0253", "TUR")),
    ("France asked Italy to lift its sanctions on the airline.", ("FRA", "0254", "ITA")),
    # a demand: "demanded that X V" is aimed at X
    ("Washington demanded that Hamas renounce its armed struggle.", ("USA", "1056", "PSE")),
    ("Ukraine demanded that Russia withdraw its troops from the border.", ("UKR", "1056", "RUS")),
    ("Opposition leaders in Kenya demanded that the president scrap the new tax law.",
     ("KEN", "1042", None)),
    # a threat is coded by what is threatened, and aimed at whom its condition names
    ("Russia threatened to halt the negotiations if the United States deploys missiles.",
     ("RUS", "134", "USA")),
    ("Iran threatened to attack Israel.", ("IRN", "1384", "ISR")),
    ("Brazil threatened to impose sanctions on Paraguay.", ("BRA", "1312", "PRY")),
    ("Nigeria will cut its aid to Niger unless the junta frees the president.",
     ("NGA", "1311", "NER")),
])
def test_frames_code_what_is_asked_or_threatened(coder: Coder, text: str,
                                                 expected: tuple[str, str, str | None]) -> None:
    events = coder.code_text(text, published=DATE).events
    got = {(e.source.code[:3], e.cameo, e.target and e.target.code[:3]) for e in events}
    src, cameo, tgt = expected
    assert any(g[0] == src and g[1] == cameo and (tgt is None or g[2] == tgt) for g in got), got
    # the frame word is not an event of its own beside the one it frames
    assert not any(e.cameo in ("020", "100", "130") for e in events), got


def test_an_event_in_a_condition_is_hypothetical(coder: Coder) -> None:
    events = coder.code_text("Iran will attack Iraq unless Baghdad accepts its terms.",
                             published=DATE).events
    assert [e.modality for e in events if e.source.country == "IRQ"] in ([], ["hypothetical"])


@pytest.mark.parametrize("text", [
    "The weather in Damascus was mild on Sunday.",
    "Syria has a population of about eighteen million people.",
    "The Russian economy grew by two percent last year.",
    "Talks are expected to be difficult.",
])
def test_no_event_where_nothing_happened(coder: Coder, text: str) -> None:
    assert coder.code_text(text, published=DATE).events == []


def test_one_sided_events_unless_dyadic_only(coder: Coder) -> None:
    text = "Turkey launched an offensive on Monday."
    events = coder.code_text(text, published=DATE).events
    assert [(e.source.country, e.cameo_root, e.target) for e in events] == [("TUR", "19", None)]
    dyadic = Coder(options=CodeOptions(one_sided=False)).code_text(text, published=DATE)
    assert dyadic.events == []


@pytest.mark.parametrize("text", [
    "The delegation arrived late because of the snow.",  # a visit needs a destination
    "The ministry released its annual growth forecast.",  # not a release of people
    "The Indian monsoon arrived early and struck the coast.",  # a monsoon does not act
])
def test_one_sided_events_need_an_actor_and_a_sense(coder: Coder, text: str) -> None:
    assert coder.code_text(text, published=DATE).events == []


def test_scores_and_plover_come_from_the_code_table(coder: Coder) -> None:
    event = one(coder, "Turkey condemned Russia.")
    assert (event.quad_class, event.goldstein) == (3, -2.0)
    assert event.plover_type == "ACCUSE"  # PLOVER draft 0.8 maps 111 (criticize) to ACCUSE
    attack = one(coder, "Russian warplanes bombed Turkish troops.")
    assert attack.quad_class == 4 and attack.goldstein < -9
    assert 0 < attack.confidence <= 1


def test_object_inside_an_amount_and_target_on_a_participle(coder: Coder) -> None:
    assert ("IRL", "07", "PSE") in triples(
        coder, "Ireland provided ten million euros in aid to the Palestinians.")
    assert ("JPN", "08", "IND") in triples(
        coder, "Japan lifted the sanctions imposed on India after the tests.")


def test_rejecting_accusations_is_a_denial_aimed_at_the_accuser(coder: Coder) -> None:
    assert ("ETH", "01", "USA") in triples(
        coder, "Ethiopia rejected accusations by the United States of abuses in the north.")


def test_the_accused_did_it_and_the_accuser_claims_it(coder: Coder) -> None:
    events = coder.code_text("Turkey accused Syria of shelling Turkish troops.",
                             published=DATE).events
    shelling = next(e for e in events if e.cameo_root in ("19", "18"))
    assert (shelling.source.country, shelling.target.country) == ("SYR", "TUR")
    assert shelling.claimed_by is not None and shelling.claimed_by.country == "TUR"
    assert ("TUR", "11", "SYR") in {(e.source.country, e.cameo_root, e.target.country)
                                    for e in events}


def test_blaming_an_attack_does_not_make_the_blamer_its_author(coder: Coder) -> None:
    events = coder.code_text("Moscow and Damascus blamed the attack on Turkey.",
                             published=DATE).events
    assert not [e for e in events if e.cameo_root in ("18", "19")
                and e.source.country in ("RUS", "SYR")]


def test_relative_clause_takes_the_noun_it_hangs_on(coder: Coder) -> None:
    events = coder.code_text("Police arrested the militants who attacked Kenyan troops.",
                             published=DATE).events
    assert {(e.source.code, e.cameo_root, e.target.code) for e in events} == {
        ("COP", "17", "REB"), ("REB", "19", "KENMIL")}


def test_a_refusal_is_coded_once_and_an_inquiry_keeps_its_own_event(coder: Coder) -> None:
    refusal = coder.code_text("Egypt refused to condemn Israel.", published=DATE).events
    assert [(e.cameo, e.target.code) for e in refusal] == [("111", "ISR")]  # no bare 120
    probe = coder.code_text("Belgian prosecutors launched an investigation into whether a "
                            "Swiss bank helped Belgians hide money.", published=DATE).events
    assert ("BELJUD", "090") in {(e.source.code, e.cameo) for e in probe}


@pytest.mark.parametrize("text, expected", [
    # "members of X" act as X; a statement's setting ("during a meeting") is not what was said
    ("During a meeting, members of the Security Council expressed concern about the vote.",
     ("IGOUNOSEC", "012")),
    ("Hundreds of soldiers attacked Kenyan troops.", ("MIL", "190")),
    ("Iran announced the release of two Kuwaiti nationals.", ("IRN", "0841")),
    ("The government declared a ceasefire with the rebels.", ("GOV", "0871")),
    ("Japan decided to lift sanctions on India.", ("JPN", "085")),  # a decision is the act
])
def test_partitives_settings_and_nominal_events(coder: Coder, text: str,
                                                expected: tuple[str, str]) -> None:
    events = coder.code_text(text, published=DATE).events
    assert expected in {(e.source.code, e.cameo[:len(expected[1])]) for e in events}, \
        [(e.source.code, e.cameo) for e in events]


def test_weighing_an_action_is_014_and_the_action_hypothetical(coder: Coder) -> None:
    events = coder.code_text("The South Korean government is considering sending aid to "
                             "North Korea.", published=DATE).events
    by_code = {e.cameo[:2]: e for e in events}
    assert by_code["01"].cameo == "014" and by_code["01"].modality == "actual"
    assert by_code["07"].modality == "hypothetical"  # left out of dyads by default


@pytest.mark.parametrize("text, expected", [
    ("Russian air strikes on Aleppo killed 20 people.", {("RUS", "195", "SYR")}),
    ("An attack by Hamas killed dozens of people.", {("PSE", "190", None)}),
    ("Russia criticized the report on Ukraine.", {("RUS", "111", None)}),  # not its target
    ("Troops returned home after the exercise.", set()),  # no one was handed over
])
def test_review_cases_of_one_sided_coding(coder: Coder, text: str,
                                          expected: set[tuple[str, str, str | None]]) -> None:
    events = coder.code_text(text, published=DATE).events
    got = {(e.source.country, e.cameo, e.target and e.target.country) for e in events}
    assert expected <= got and not any(s == "RUS" for s, _, _ in got - expected), got


def test_critics_of_a_leader_are_not_the_leader(coder: Coder) -> None:
    events = coder.code_text("Critics of Putin condemned the plan.", published=DATE).events
    assert [e.source.code for e in events] == ["RUSOPP"]  # his opponents, not the Kremlin


def test_a_purpose_or_an_outcome_is_part_of_the_event(coder: Coder) -> None:
    assert triples(coder, "Spain's king telephoned the Moroccan king to discuss migration.") == {
        ("ESP", "04", "MAR")}
    assert triples(coder, "Jordan opened its border crossing to allow refugees into Iraq.") == {
        ("JOR", "08", "IRQ")}
    assert triples(coder, "Taxi drivers blocked roads in Lisbon to protest against new fees.") \
        == {("PRT", "14", "PRT")}
    assert triples(coder, "Insurgents attacked a police post in Niger, killing six officers.") == {
        ("NER", "19", "NER")}


def test_a_nominal_event_inside_a_verbs_argument_is_the_verbs_event(coder: Coder) -> None:
    assert triples(coder, "Norway pledged humanitarian aid to Yemen.") == {("NOR", "03", "YEM")}
    coded = coder.code_text("A suicide bomber killed nine people at a bus station in Kano.",
                            published=DATE).events
    assert [e.cameo for e in coded] == ["1831"]  # the noun's finer code, one event
    # a noun that names its own doer stays an event of its own
    assert ("RUS", "19", "UKR") in triples(
        coder, "Poland condemned Russia's attack on Ukraine's power grid.")


def test_a_denial_is_the_event_not_a_negated_deed(coder: Coder) -> None:
    events = coder.code_text("Beijing denied that its coast guard had fired on Philippine sailors.",
                             published=DATE).events
    assert [(e.source.country, e.cameo, e.target.country if e.target else None, e.negated)
            for e in events] == [("CHN", "016", "PHL", False)]
    assert ("IRN", "01", "ISR") in triples(coder, "Iran denied attacking Israeli ships.")


def test_domestic_agents_take_their_partners_country(coder: Coder) -> None:
    assert ("VEN", "03", "VEN") in triples(
        coder, "The Venezuelan government invited the opposition to talks.")
    assert ("KEN", "17", "KEN") in triples(coder, "Kenyan police arrested protesters.")
    events = coder.code_text("Protesters attacked Kenyan police.", published=DATE).events
    assert any(e.source.code == "KENCVL" and "+dyad:KEN" in (e.source.rule or "")
               for e in events)


def test_a_pronoun_in_a_reported_clause_is_the_speaker(coder: Coder) -> None:
    assert ("NGA", "18", "NGA") in triples(
        coder, "The Nigerian army said it had killed 30 bandits in Maiduguri.")


def test_protests_with_no_target_are_aimed_at_home(coder: Coder) -> None:
    assert triples(coder, "Dock workers in Lisbon went on strike on Monday.") == {
        ("PRT", "14", "PRT")}
    assert ("IND", "142", "IND") in {
        (e.source.country, e.cameo, e.target.country if e.target else None) for e in
        coder.code_text("Jailed activists in India began a hunger strike.",
                        published=DATE).events}


def test_light_verbs_of_law_and_protest(coder: Coder) -> None:
    assert ("NLD", "17", "RUS") in triples(
        coder, "A Dutch court issued an arrest warrant for a Russian colonel.")
    assert ("TUR", "14", "TUR") in triples(coder, "Students in Ankara staged a sit-in.")
    assert ("PAK", "175", "PAK") in {
        (e.source.country, e.cameo, e.target.country if e.target else None) for e in
        coder.code_text("Pakistani police fired tear gas at marchers in Lahore.",
                        published=DATE).events}
    assert ("ESP", "12", "XKX") in triples(coder, "Spain refused to recognise Kosovo's statehood.")


def test_welcome_is_a_visit_only_with_a_visitor(coder: Coder) -> None:
    assert ("CAN", "05", None) in triples(coder, "Canada welcomed the ceasefire agreement.")
    assert not [e for e in coder.code_text("Canada welcomed the ceasefire agreement.",
                                           published=DATE).events if e.cameo_root == "04"]
    assert ("EGY", "04", "JOR") in triples(coder, "Egypt's president welcomed the King of Jordan.")


def test_studying_is_weighing_a_policy_only_with_one(coder: Coder) -> None:
    assert not coder.code_text("The envoy, who studied law in Paris, retired in 2010.",
                               published=DATE).events
    assert ("DEU", "01", None) in triples(coder, "Germany is studying the French proposal.")


def test_must_in_a_reported_clause_is_the_speakers_demand(coder: Coder) -> None:
    events = coder.code_text("Jordan's king said Israel must withdraw its troops from Lebanon.",
                             published=DATE).events
    assert [(e.source.country, e.cameo_root, e.target.country, e.modality) for e in events] == [
        ("JOR", "10", "ISR", "demanded")]


def test_domestic_agents_never_take_an_igos_bloc(coder: Coder) -> None:
    codes_seen = {a.code for e in coder.code_text(
        "The UN said the rebels should release the hostages.", published=DATE).events
        for a in (e.source, e.target) if a}
    assert not any(c.startswith("UNO") for c in codes_seen), codes_seen


def test_vowing_to_fight_is_a_threat(coder: Coder) -> None:
    assert ("SRB", "13", "XKX") in triples(coder, "Serbian nationalists swore to fight Kosovo.")


def test_words_that_would_swing_goldstein_the_wrong_way(coder: Coder) -> None:
    """Readings of conflict and high-cooperation verbs that are neither (issue: Goldstein)."""
    for text in ("The president struck a defiant tone in his speech to parliament.",
                 "The government fired the central bank governor.",
                 "The senate killed the bill on Tuesday.",
                 "The ministry provided details of the plan.",
                 "The opposition attacked the government's plan.",
                 "The minister warned that prices would rise."):
        assert not [e for e in coder.code_text(text, published=DATE).events
                    if e.cameo_root >= "14" or e.goldstein > 5], text
    annexed = coder.code_text("Putin signed the annexation treaties in the Kremlin.",
                              published=DATE).events
    assert [e.cameo for e in annexed] == ["192"]
    assert ("RUS", "05", "CHN") in triples(coder, "Russia signed a treaty with China.")
    assert ("MMR", "19", "MMR") in triples(coder, "Troops fired on protesters in Yangon.")


def test_a_warning_of_consequences_is_the_warners_threat(coder: Coder) -> None:
    events = coder.code_text("Iran warned that Israel would bear responsibility for any attack.",
                             published=DATE).events
    assert [(e.source.country, e.cameo_root, e.target.country) for e in events] == [
        ("IRN", "13", "ISR")]
    assert ("PRK", "13", "KOR") in triples(
        coder, "North Korea warned Seoul that it would strike back at any provocation.")


def test_a_response_with_an_event_noun_is_the_responders(coder: Coder) -> None:
    assert ("RUS", "11", "USA") in triples(
        coder, "The Russian foreign ministry answered the US charges with a denunciation.")
    assert ("IRN", "11", "GBR") in triples(
        coder, "Tehran responded to the British statement with a sharp condemnation.")


def test_calling_for_an_event_noun_appeals_for_it(coder: Coder) -> None:
    events = coder.code_text("Kenya's foreign minister called for a ceasefire in Somalia.",
                             published=DATE).events
    assert [(e.source.country, e.cameo, e.target.country) for e in events] == [
        ("KEN", "0256", "SOM")]


def test_cooperation_of_a_kind_and_force(coder: Coder) -> None:
    events = coder.code_text("Peru and Ecuador stepped up military cooperation.",
                             published=DATE).events
    assert [(e.source.country, e.cameo, e.target.country) for e in events] == [
        ("PER", "062", "ECU")]
    assert triples(coder, "Austria and Hungary strengthened their relations.") == {
        ("AUT", "05", "HUN")}
    assert ("CHN", "19", "CHN") in triples(coder, "China used force against protesters in Lhasa.")
    assert not coder.code_text("The government used the opportunity to raise taxes.",
                               published=DATE).events


def test_a_protest_named_by_its_place_is_the_places_civilians(coder: Coder) -> None:
    assert triples(coder, "A march in Lima against the new tax drew thousands.") == {
        ("PER", "14", "PER")}
    assert not coder.code_text("The festival in Lima drew thousands.", published=DATE).events


def test_coming_under_attack_from_someone(coder: Coder) -> None:
    assert ("SOM", "19", "KEN") in triples(
        coder, "Kenyan troops came under attack from Somali militants.")


def test_the_doer_is_no_target_of_its_own_act(coder: Coder) -> None:
    assert triples(coder, "The rebels laid down their arms.") == {(None, "08", None)}
    assert triples(coder, "Ethiopia withdrew its troops from the disputed town.") == {
        ("ETH", "08", None)}


def test_permits_extraditions_and_visas(coder: Coder) -> None:
    assert ("ISR", "08", "PSE") in triples(coder, "Israel let aid trucks into Gaza.")
    assert ("GBR", "02", "RUS") in triples(
        coder, "Britain sought the extradition of the banker from Russia.")
    assert ("CUB", "17", "USA") in triples(coder, "Cuba denied visas to American journalists.")


def test_targets_as_a_compound_object_are_attacked(coder: Coder) -> None:
    assert ("TUR", "19", "IRQ") in triples(coder, "Turkey struck Kurdish targets in Iraq.")
    assert not coder.code_text("The company hit its sales target.", published=DATE).events


def test_an_event_noun_with_its_own_doer_is_its_own_event(coder: Coder) -> None:
    found = triples(coder, "Jordan condemned the Syrian airstrikes on Idlib.")
    assert {("JOR", "11", "SYR"), ("SYR", "19", "SYR")} <= found
    assert ("RUS", "19", None) in triples(coder, "Georgia denounced the Russian invasion.")
    # a sector word that says what kind the aid is names no doer of its own
    assert triples(coder, "France pledged new military aid to Mali.") == {("FRA", "03", "MLI")}


def test_an_answer_with_an_event_noun_is_that_event(coder: Coder) -> None:
    assert {e.cameo for e in coder.code_text(
        "The junta met the strike with a crackdown.", published=DATE).events} == {"175"}


def test_a_purpose_or_a_manner_is_no_second_event(coder: Coder) -> None:
    assert triples(coder, "Scholz telephoned Erdogan to discuss the refugee crisis.") == {
        ("DEU", "04", "TUR")}
    assert ("EGY", "11", "ETH") in triples(
        coder, "Egypt criticised Ethiopia, calling the dam plan reckless.")
    # an accusation after a comma is an act of its own
    found = triples(coder, "China expelled two Canadian diplomats, accusing Ottawa of spying.")
    assert {("CHN", "16", "CAN"), ("CHN", "11", "CAN")} <= found


def test_domestic_agents_take_the_country_of_a_state_at_home_only(coder: Coder) -> None:
    assert ("NGA", "17", "NGA") in triples(coder, "Nigerian police arrested journalists.")
    assert ("UGA", "19", "UGA") in triples(coder, "Protesters clashed with Ugandan police.")
    # facing a foreign state, they stay where they are: unknown
    assert (None, "19", "DEU") in triples(coder, "Protesters attacked the German embassy.")
    assert (None, "14", "USA") in triples(coder, "Students protested against the United States.")
    assert (None, "04", "USA") in triples(
        coder, "Opposition leaders met the American secretary of state.")


def test_a_warning_threatens_only_what_will_be(coder: Coder) -> None:
    assert triples(coder, "Turkey warned that Greece would pay a price.") == {
        ("TUR", "13", "GRC")}
    assert not coder.code_text("Turkey warned that Greece could face trouble.",
                               published=DATE).events
    # a forecast of another's act is no threat by the forecaster
    assert triples(coder, "Greece warned that Turkey would invade Cyprus.") == {
        ("TUR", "19", "CYP")}
    assert not coder.code_text("Doctors warned that the ministry would pay for the deaths.",
                               published=DATE).events


def test_reported_futures_and_denials(coder: Coder) -> None:
    meet = one(coder, "The chancellor said she should meet Xi.")
    assert (meet.cameo_root, meet.modality) == ("03", "intended")
    visit = one(coder, "Lula said he would visit Moscow.")
    assert (visit.source.country, visit.cameo, visit.modality) == ("BRA", "036", "intended")
    denied = one(coder, "The Elysee denied that Macron would meet Putin.")
    assert denied.cameo == "016"
    left = triples(coder, "Serbia said it would leave the talks if Kosovo attacked.")
    assert ("SRB", "13", "XKX") in left


def test_a_crowd_named_only_by_its_place_protests_at_home(coder: Coder) -> None:
    assert triples(coder, "Thousands rallied in Dhaka on Friday.") == {("BGD", "14", "BGD")}
    assert triples(coder, "Kurds protested in Diyarbakir.") == {("TUR", "14", "TUR")}
    assert not coder.code_text("They rallied in Dhaka.", published=DATE).events


def test_mediation_told_as_a_noun(coder: Coder) -> None:
    assert {("KWT", "04", "QAT"), ("KWT", "04", "BHR")} <= triples(
        coder, "Kuwait undertook a mediation mission between Qatar and Bahrain.")


def test_peacekeepers_arriving_are_deployed_not_visiting(coder: Coder) -> None:
    assert triples(coder, "Brazilian peacekeepers arrived in Haiti.") == {("BRA", "07", "HTI")}
    assert triples(coder, "The Brazilian minister arrived in Haiti.") == {("BRA", "04", "HTI")}


def test_meeting_demands_is_yielding(coder: Coder) -> None:
    assert ("COL", "08", "COL") in triples(
        coder, "The Colombian government met the demands of striking miners.")
    assert ("COL", "12", "COL") in triples(
        coder, "The Colombian government refused to meet the demands of striking miners.")
