"""The event coder: verb patterns applied to the dependency parse.

For each verb with a pattern, find its source (subject, or passive agent), its target (the
pattern's slots), negation, modality and who claims it (the subject of a governing speech verb).
Actors come from ``extract.actors``; codes, scores and PLOVER from ``knowledge``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from legation.extract.actors import ArticleActors, with_country
from legation.extract.frames import (
    Governed,
    addressees,
    condition_subjects,
    framed_code,
    governed,
    has_to,
    warned_subjects,
)
from legation.extract.places import PlaceIndex
from legation.extract.settings import clause_country, home_target, place_crowd, place_target
from legation.extract.when_where import TimeLike, When, event_place, event_when
from legation.knowledge import codes
from legation.knowledge.patterns import ModalityCodes, Pattern, PatternSet
from legation.knowledge.words import CoderWords
from legation.nlp import sent_index, sent_of
from legation.records import Actor, Article, Event, PlaceMention

RELATIVE_PRONOUNS = {"who", "which", "that"}
REPORTED_PRONOUNS = {"it", "they", "we", "he", "she"}
PERSONAL = {"he", "she"}
INSTITUTIONS = {"ORG", "GPE", "NORP", "FAC"}  # entity types no "he" or "she" stands for
NESTED = {"on", "against"}  # the target of an event noun inside a target slot
OWNER_PREPS = {"of", "for", "by"}  # a target that is no actor names one through these
ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj")  # where a nominal event is the verb's own
SAID_DEPS = ("ccomp", "xcomp", "dobj", "dative", "prep", "parataxis", "advcl", "conj")


@dataclass(frozen=True)
class Found:
    """An event found in a sentence, before it is numbered and merged."""

    pattern: Pattern
    trigger: Token
    source: Actor | None
    target: Actor | None
    event_object: Token | None  # the light verb's object ("held talks"), if any
    negated: bool
    refused: bool
    governed: Governed
    claimed_by: Actor | None

    @property
    def modality(self) -> str:
        return self.governed.modality


def _children(token: Token, dep: str) -> list[Token]:
    return [c for c in token.children if c.dep_ == dep]


def _governor_chain(verb: Token) -> Iterator[Token]:
    """Verbs that govern ``verb`` through xcomp/ccomp/conj/advcl links, nearest first."""
    tok = verb
    while tok.dep_ in ("xcomp", "ccomp", "conj", "advcl", "acomp", "pcomp", "prep",
                       "dobj") and tok.head.i != tok.i:
        tok = tok.head
        yield tok


def _source_tokens(verb: Token, *, words: CoderWords) -> list[Token]:
    """Subject of the verb, climbing through "agreed to meet", "X and then met" …; the noun a
    relative clause hangs on for "the militia that attacked" (and for a relative clause the
    parser made of a main one)."""
    agents = [p for c in _children(verb, "agent") for p in _children(c, "pobj")]
    if agents or _children(verb, "nsubjpass"):  # a passive without "by X" has no source
        return agents
    subj = _children(verb, "nsubj")
    if verb.dep_ == "relcl" and (not subj or subj[0].lower_ in RELATIVE_PRONOUNS):
        return [verb.head]
    if subj:
        return subj
    for gov in _governor_chain(verb):
        if verb.dep_ == "xcomp" and gov.i == verb.head.i and _children(gov, "dobj"):
            return _children(gov, "dobj")  # "urged Iran to meet Iraq": Iran would meet
        if (verb.dep_ == "pcomp" and gov.lemma_ in words.accusing
                and _children(gov, "dobj")):  # "accused Moscow of targeting …": Moscow did
            return _children(gov, "dobj")
        subj = _children(gov, "nsubj")
        if subj:
            return subj
        if gov.dep_ not in ("xcomp", "conj", "acomp", "prep", "pcomp", "dobj"):
            break
    return []


def _reported_speaker(verb: Token, *, words: CoderWords) -> list[Token]:
    """For a pronoun subject no actor stands for, in a clause a speech verb reports, the
    speaker: "the Malian army said it had killed dozens of militants"."""
    subj = _children(verb, "nsubj")
    if not subj or subj[0].lower_ not in REPORTED_PRONOUNS:
        return []
    for gov in _governor_chain(verb):
        if gov.lemma_ in words.speech:  # "he", "she" stand for a person, not "the Kremlin"
            return [s for s in _children(gov, "nsubj") if subj[0].lower_ not in PERSONAL
                    or s.ent_type_ not in INSTITUTIONS]
        if gov.dep_ not in ("ccomp", "xcomp", "conj"):
            break
    return []


def _slot_tokens(verb: Token, obj: Token | None, slot: str, *, words: CoderWords
                 ) -> list[Token]:
    """Tokens heading the target phrase of a pattern slot (see verbs.yaml / nouns.yaml)."""
    if slot == "dobj":
        passive = _children(verb, "nsubjpass")
        if not passive and _children(verb, "auxpass"):  # "… but were rebuffed by Washington"
            passive = next((_children(g, "nsubj") or _children(g, "nsubjpass")
                            for g in _governor_chain(verb) if verb.dep_ == "conj"), [])
        return _children(verb, "dobj") or passive
    if slot == "dative":
        return _children(verb, "dative")
    if slot == "warned":
        return warned_subjects(verb, words)
    if slot == "poss":
        owner = obj or next(iter(_children(verb, "dobj") + _children(verb, "nsubjpass")), None)
        return _children(owner, "poss") if owner is not None else []
    heads = [verb] if obj is None else [verb, obj,
                                        *(c for c in obj.children if c.dep_ == "acl")]
    # "lifted sanctions imposed on India": the participle's "on"
    preps = [p for head in heads for p in head.children]
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":
        # "condemned the airstrikes on Gaza", parsed with "on Gaza" on the verb
        preps += [p for p in verb.head.children if p.i == verb.right_edge.i + 1]
    return [o for p in preps if p.dep_ in ("prep", "dative", "agent") and p.lower_ == slot
            for o in _children(p, "pobj")]


def _targets(actors: ArticleActors, head: Token, obj: Token | None, pattern: Pattern,
             patterns: PatternSet, *, words: CoderWords) -> tuple[list[Actor], str | None]:
    """Actors of the first pattern slot that yields any, and that slot; "X+place" also
    takes places."""
    for slot in pattern.target:
        prep = slot.removesuffix("+place")
        places = prep != slot
        tokens = _slot_tokens(head, obj, prep, words=words)
        found = [a for t in tokens for a in actors.actors_for(t, places=places)]
        if not found:  # "inspectors of the IAEA", "a camp for Congolese refugees"
            found = _owners(tokens, actors)
        if not found:  # "responsibility for the attack on Iraq": the attack's target
            found = [a for t in tokens if patterns.noun_candidates(t.lemma_.lower())
                     for p in _children(t, "prep") if p.lower_ in NESTED
                     for o in _children(p, "pobj") for a in actors.actors_for(o)]
        if found:
            return found, prep
    if obj is not None and (owners := _owners([obj], actors)):
        return owners, "of"  # "expelled inspectors of the IAEA": the object's owner
    return [], None


def _owners(tokens: list[Token], actors: ArticleActors) -> list[Actor]:
    """Actors that phrases which are no actors name through of/for/by or a possessor
    ("Ukraine's power grid"; not "its troops", which are the doer's own)."""
    named = [o for t in tokens for p in _children(t, "prep") if p.lower_ in OWNER_PREPS
             for o in _children(p, "pobj")]
    owners = [p for t in tokens for p in _children(t, "poss") if p.pos_ != "PRON"]
    return [a for o in named + owners for a in actors.actors_for(o)]


def _pairs(sources: list[Actor], targets: list[Actor], slot: str | None, pattern: Pattern
           ) -> list[tuple[Actor | None, Actor | None]]:
    """Source-target pairs; a mutual event among several parties is one event a pair, its
    source the party named first (CONVENTIONS: one event with a reciprocal code)."""
    if pattern.symmetric and not targets and len(sources) > 1:
        return _each_pair(sources)
    if pattern.symmetric and slot == "between" and not sources:  # "talks between A and B"
        return _each_pair(targets)
    pairs = [(s, t) for s in sources or [None] for t in targets or [None]]
    if pattern.symmetric:  # "Germany and France strengthened their ties": one pair, once
        keys = [(_key(s), _key(t)) for s, t in pairs]
        pairs = [p for n, p in enumerate(pairs) if keys[n][::-1] not in keys[:n]]
    return pairs


def _each_pair(parties: list[Actor]) -> list[tuple[Actor | None, Actor | None]]:
    return [(s, t) for n, s in enumerate(parties) for t in parties[n + 1:] if s != t]


def _negated(verb: Token, *, words: CoderWords) -> tuple[bool, bool]:
    """(negated, by a refusal): "did not meet" is negated; "refused to meet" is a refusal."""
    if _children(verb, "neg"):
        return True, False
    for gov in _governor_chain(verb):
        if gov.lemma_ in words.refusal and not _children(gov, "neg"):
            return True, True
        if gov.lemma_ in words.negating or _children(gov, "neg"):
            return True, False
        if gov.dep_ != "xcomp":
            break
    return False, False


def _claimant(verb: Token, actors: ArticleActors, *, words: CoderWords) -> Actor | None:
    """Who reports the event: the subject of a governing speech verb, or of an accusation
    ("Zelensky accused Moscow of targeting civilians": Zelensky claims the strike)."""
    for gov in _governor_chain(verb):
        if gov.lemma_ in words.speech | words.accusing and verb.dep_ != "conj":
            subj = _children(gov, "nsubj")
            found = actors.actors_for(subj[0]) if subj else []
            return found[0] if found else None
        if gov.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "prep"):
            break
    return None


def _objects(verb: Token, *, words: CoderWords) -> list[Token]:
    """The verb's objects, and the noun an amount or a kind stands for: "provided €10
    million in aid", "sent a convoy of aid" (the aid is what the pattern asks about)."""
    direct = _children(verb, "dobj") + _children(verb, "nsubjpass")
    if verb.lemma_ in words.on_state:  # "went on strike"
        direct += [o for p in _children(verb, "prep") if p.lower_ == "on"
                   for o in _children(p, "pobj")]
    inner = [p for o in direct for prep in _children(o, "prep") if prep.lower_ in ("in", "of")
             for p in _children(prep, "pobj")]
    return direct + inner


def _object_forms(obj: Token) -> set[str]:
    """An object's lemma and its hyphenated compound ("hunger strike" → hunger-strike, "tear
    gas", which the parser may call an adjective, → tear-gas)."""
    lemma = obj.lemma_.lower()
    return {lemma, *(f"{c.lower_}-{lemma}" for c in obj.children
                     if c.dep_ in ("compound", "amod"))}


def _match(verb: Token, patterns: PatternSet, *, words: CoderWords
           ) -> tuple[Pattern, Token | None] | None:
    objects = _objects(verb, words=words)
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    forms = {form for obj in objects for form in _object_forms(obj)}
    for pattern in patterns.candidates(verb.lemma_.lower()):
        if pattern.particles and not pattern.particles & particles:
            continue  # "beat up" is an assault, "beat" a score
        if pattern.unless & forms:
            continue  # "struck a defiant tone" is no attack
        if pattern.subjects and not pattern.subjects & {
                f for s in _children(verb, "nsubj") for f in _object_forms(s)}:
            continue  # "peacekeepers arrived" is a deployment, "the minister arrived" a visit
        if not pattern.objects:
            return pattern, None
        for obj in objects:
            if _object_forms(obj) & pattern.objects:
                return pattern, obj
    return None


def find_events(doc: Doc, actors: ArticleActors, patterns: PatternSet,
                one_sided: bool = True, places: Sequence[PlaceMention] = (), *,
                words: CoderWords) -> list[Found]:
    """Every pattern match in ``doc`` with its arguments resolved."""
    found: list[Found] = []
    consumed: set[int] = set()  # objects of light verbs: their noun patterns add nothing
    by_head = PlaceIndex(p for p in places if p.country)
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT":
            continue
        hit = _match(verb, patterns, words=words)
        if hit is None:
            continue
        pattern, obj = hit
        if obj is not None:
            consumed.add(obj.i)
        sources = [a for t in _source_tokens(verb, words=words) for a in actors.actors_for(t)]
        if not sources:  # "the army said it had killed …": the speaker
            sources = [a for t in _reported_speaker(verb, words=words)
                       for a in actors.actors_for(t)]
        if not sources and any(s.pos_ != "PRON" for s in _children(verb, "nsubj")) and (
                crowd := place_crowd(verb, pattern.code, by_head)) is not None:
            sources = [crowd]  # "thousands marched in Nairobi"
        targets, slot = _targets(actors, verb, obj, pattern, patterns,
                                 words=words)
        how = governed(verb, words)
        sources, targets = _framed_actors(verb, how, actors, sources, targets, words=words)
        found += _found(pattern, verb, obj, sources, targets, slot, actors, by_head, how,
                        words=words)
    for noun in doc:
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i in consumed:
            continue  # "launched an offensive" is already the verb's event
        pattern = _noun_match(noun, patterns)
        if pattern is not None:
            sources = _noun_sources(noun, actors, pattern, words=words)
            participle = next((c for c in noun.children if c.dep_ == "acl"), None)
            targets, slot = _targets(actors, noun, participle, pattern,
                                     patterns, words=words)
            if not targets and (response := _response(noun, words=words)) is not None:
                targets = [a for t in response[1] for a in
                           actors.actors_for(t) or _modifier_actors(t, actors)]
            if not targets and (undergoer := _undergoer(noun)) is not None:
                targets = [a for t in _children(undergoer, "nsubj") for a in actors.actors_for(t)]
            if not sources and (crowd := place_crowd(noun, pattern.code, by_head)) is not None:
                sources = [crowd]
            how = governed(noun, words)
            sources, targets = _framed_actors(noun, how, actors, sources, targets, words=words)
            found += _found(pattern, noun, None, sources, targets, slot, actors, by_head, how,
                            words=words)
    found = [f for f in found
             if f.source is not None and _can_act(f) and not _forecast(f, words=words)
             and (f.target is not None or (one_sided and _may_stand_alone(f)))]
    kept = _drop_frame_words(_drop_embedding_statements(found, words=words))
    return _fold_nominals(_fold_purposes(kept), words=words)


def _framed_actors(verb: Token, how: Governed, actors: ArticleActors, sources: list[Actor],
                   targets: list[Actor], *, words: CoderWords) -> tuple[list[Actor], list[Actor]]:
    """An appeal or a demand is made by the frame word's subject to its addressee ("the UN
    urged Iran to meet Iraq": the UN appeals to Iran); a threat with no target is aimed at
    whoever its condition names ("… if the United States deploys missiles")."""
    word = how.word
    warned = how.frame == "threatened" and word is not None and word.lemma_ in words.warning
    if word is not None and (how.frame in ("appealed", "demanded", "denied") or warned):
        by = [a for t in _source_tokens(word, words=words) for a in actors.actors_for(t)] or sources
        if how.frame == "denied":  # "Moscow denied that its jets …": aimed where they were
            return by, targets
        to = [a for t in addressees(word, verb) for a in actors.actors_for(t)]
        return by, to or targets
    if how.frame == "threatened" and not targets:
        return sources, [a for t in condition_subjects(verb) for a in actors.actors_for(t)]
    return sources, targets


def _drop_frame_words(found: list[Found]) -> list[Found]:
    """The frame word's own event ("urged" 020, "threatened" 130, "agreed" 030) gives way to
    the event it frames, which carries the frame in its code."""
    frames = {f.governed.word.i for f in found if f.governed.word is not None}
    return [f for f in found if f.trigger.i not in frames]


def _fold_purposes(found: list[Found]) -> list[Found]:
    """An event's purpose or outcome is not a second event: "telephoned Macron to discuss the
    crisis" is the call, "opened the crossing to allow aid into Gaza" the opening, aimed at
    Gaza, and "ambushed a convoy, killing four soldiers" the ambush."""
    kept: list[Found] = []
    folded: dict[int, Found] = {}  # trigger index of the purpose's event → the purpose
    by_trigger: dict[int, list[Found]] = {}
    for f in found:
        by_trigger.setdefault(f.trigger.i, []).append(f)
    for f in found:
        verb = f.trigger
        # the purpose's doer is the host's ("telephoned Macron to discuss": the two discuss)
        host = next((g for g in by_trigger.get(verb.head.i, ()) if g is not f
                     and (_same_mention(g.source, f.source)
                          or _same_mention(g.target, f.source))), None)
        purpose = verb.dep_ in ("advcl", "xcomp") and has_to(verb)
        # ", killing four soldiers" tells a violent act's toll, ", calling its words reckless" an
    # act's manner; ", accusing Washington of …" is an act of its own
        outcome = (verb.dep_ == "advcl" and verb.tag_ == "VBG" and host is not None
                   and (codes.is_assault(host.pattern.code) or f.target is None))
        if host is not None and (purpose or outcome) and f.governed.word is None:
            folded.setdefault(host.trigger.i, f)
        else:
            kept.append(f)
    return [replace(f, target=folded[f.trigger.i].target)
            if f.target is None and f.trigger.i in folded else f for f in kept]


def _fold_nominals(found: list[Found], *, words: CoderWords) -> list[Found]:
    """A nominal event inside the subject or object of a coded verb, done by that verb's own
    subject, is that verb's event ("pledged military aid", "a suicide bomber killed"), when
    both tell one kind of act or the verb is an intent (03x: "agreed a ceasefire"). Under one
    root the noun's more specific code wins. A noun with a doer of its own is an event of its
    own ("condemned the Israeli airstrikes"), and a verb answering "with" a noun gives way to
    it ("met the protest with a crackdown" is the crackdown)."""
    answered = {r[0].i for f in found if (r := _response(f.trigger, words=words)) is not None}
    found = [f for f in found if f.trigger.i not in answered]
    verbs = [f for f in found if f.trigger.pos_ in ("VERB", "AUX")]
    inside: dict[int, list[Found]] = {}
    for g in verbs:
        args = [c for c in g.trigger.children if c.dep_ in ARGUMENT_DEPS]
        for t in {t.i for a in args for t in a.subtree}:
            inside.setdefault(t, []).append(g)
    kept: list[Found] = []
    better: dict[int, Pattern] = {}  # host trigger → the finer code of a noun it holds
    for f in found:
        noun = f.trigger
        root = codes.root(f.pattern.code)
        hosts = [g for g in inside.get(noun.i, []) if noun.pos_ in ("NOUN", "PROPN")
                 and (_same_mention(g.source, f.source) or _kind_only(f))
                 and (codes.root(g.pattern.code) == root or codes.is_intent(g.pattern.code))]
        if not hosts or _children(noun, "poss") or any(
                p.lower_ == "by" for p in _children(noun, "prep")):
            kept.append(f)
            continue
        for g in hosts:
            if codes.root(g.pattern.code) == root and len(
                    f.pattern.code) >= len(g.pattern.code) and f.pattern.code[-1] != "0":
                better[g.trigger.i] = f.pattern
    return [replace(f, pattern=better[f.trigger.i]) if f.trigger.i in better else f
            for f in kept]


def _kind_only(f: Found) -> bool:
    """Is a noun's doer only a sector word saying what kind it is ("military aid"), no
    country or body of its own?"""
    actor, noun = f.source, f.trigger
    return (actor is not None and (actor.rule or "").startswith("agent")
            and actor.start is not None and actor.end is not None
            and actor.start <= noun.idx < actor.end)


def _of_a_state(actor: Actor) -> bool:
    """A state's actor, not a bloc's or an IGO's (IGOUNO's country field is its bloc, UNO)."""
    return actor.country is not None and actor.code.startswith(actor.country)


def _same_mention(a: Actor | None, b: Actor | None) -> bool:
    """The same words of the text, whatever country each event gave them."""
    return (a is None) == (b is None) and (a is None or (a.start, a.end) == (b.start, b.end))


def _can_act(f: Found) -> bool:
    """A country read off an adjective or a place before a word that names no actor ("the
    Indian monsoon arrived") does not act; "Russian warships" do, and so do "Russian air
    strikes", where the noun is the event and the adjective its doer."""
    actor = f.source
    return (actor is not None and (actor.sector is not None or f.trigger.pos_ != "VERB"
                                   or actor.rule not in ("adjective", "place")))


def _forecast(f: Found, *, words: CoderWords) -> bool:
    """A warning by those who forecast rather than threaten ("doctors warned that the
    government would pay for the collapse") is no threat."""
    word = f.governed.word if f.governed.frame == "threatened" else None
    warning = f.trigger.lemma_ in words.warning or (
        word is not None and word.lemma_ in words.warning)
    return warning and f.source is not None and (f.source.sector or "").lower() in \
        words.forecasting


def _may_stand_alone(f: Found) -> bool:
    """Whether an event may stand without a target, as GDELT and POLECAT code them: unless
    its pattern says not (``one_sided: false``: "arrived late" is no visit)."""
    return f.pattern.one_sided


def _found(pattern: Pattern, trigger: Token, obj: Token | None, sources: list[Actor],
           targets: list[Actor], slot: str | None, actors: ArticleActors,
           by_head: PlaceIndex, how: Governed, *, words: CoderWords) -> list[Found]:
    negated, refused = _negated(trigger, words=words)
    claimed = _claimant(trigger, actors, words=words)
    mutual = pattern.symmetric and len(sources) > 1  # "Iran and Iraq met": each the other's
    if (not targets and not mutual
            and (place := place_target(trigger, pattern.code, by_head, obj)) is not None):
        targets = [place]
    if (country := clause_country(trigger, pattern.code, by_head, targets)) is not None:
        sources = [with_country(a, country, "sentence") for a in sources]
        targets = [with_country(a, country, "sentence") for a in targets]
    pairs = [(_at_home(s, t, acts=True, words=words), _at_home(t, s, words=words))
             for s, t in _pairs(sources, targets, slot, pattern)]
    # the doer is no target of its own act ("laid down their arms"): one-sided, if it may be
    pairs = [(s, None if _same_actor(s, t) else t) for s, t in pairs
             if not _same_actor(s, t) or pattern.one_sided]
    return [Found(pattern, trigger, s, t or home_target(pattern.code, s), obj, negated, refused,
                  how, claimed) for s, t in dict.fromkeys(pairs)]


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and (a.code, a.name) == (b.code, b.name)


def _at_home(agent: Actor | None, partner: Actor | None, acts: bool = False, *,
             words: CoderWords) -> Actor | None:
    """An agent of a domestic sector named without a country (the opposition, protesters,
    police) takes the country of the state that acts on it ("Kenyan police arrested
    journalists"), or, when the agent acts (``acts``), of a domestic body it acts on
    ("protesters clashed with Kenyan police"); never of an army, which fights abroad as often
    as at home, nor of a foreign state it faces ("students protested against China",
    "protesters attacked the French embassy")."""
    if (agent is None or partner is None or not _of_a_state(partner)
            or (agent.sector or "").lower() not in words.domestic or partner.sector == "MIL"
            or (acts and (partner.sector or "").lower() not in words.domestic)):
        return agent
    return with_country(agent, partner.country, "dyad")


def _noun_match(noun: Token, patterns: PatternSet) -> Pattern | None:
    candidates = patterns.noun_candidates(noun.lemma_.lower())
    if not candidates:
        return None
    words = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    for pattern in candidates:
        if not pattern.objects or words & pattern.objects:
            return pattern
    return None


def _noun_sources(noun: Token, actors: ArticleActors, pattern: Pattern, *, words: CoderWords
                  ) -> list[Actor]:
    """Who did what a noun tells: possessor, "by" phrase, modifiers, or the verb's subject."""
    for dep in ("poss",):
        owners = [a for t in _children(noun, dep) for a in actors.actors_for(t)]
        if owners:
            return owners
    by = [a for p in _children(noun, "prep") if p.lower_ == "by"
          for t in _children(p, "pobj") for a in actors.actors_for(t)]
    if by:
        return by
    own = [a for a in actors.actors_for(noun) if a.start is not None and a.start < noun.idx]
    first = min([noun.i, *(c.i for c in noun.lefts)])
    if noun.dep_ == "conj" and all(t.is_punct or t.dep_ == "cc"
                                   for t in noun.doc[noun.head.i + 1:first]):
        # "the US-UK, Australian air attack", parsed as "UK" and "attack" coordinated
        own += [a for a in actors.actors_for(noun.head) if a not in own]
    if own:  # "Russian air strikes", "the US-UK air attack"
        return own
    for verb in (c for c in noun.children if c.dep_ == "acl"):  # "the offensive launched by"
        by = [a for t in _source_tokens(verb, words=words) for a in actors.actors_for(t)]
        if by:
            return by
    if (undergoer := _undergoer(noun)) is not None:  # "came under attack from rebels"
        return [a for t in (noun, undergoer) for p in _children(t, "prep") if p.lower_ == "from"
                for o in _children(p, "pobj") for a in actors.actors_for(o)]
    # "Moscow answered … with a denunciation"
    if (response := _response(noun, words=words)) is not None:
        return [a for t in _source_tokens(response[0], words=words) for a in actors.actors_for(t)]
    if noun.dep_ in ("dobj", "attr") and noun.head.lemma_ in words.support:
        # "Assad made a trip", "held talks"; not "blamed the attack on rebels"
        return [a for t in _source_tokens(noun.head, words=words) for a in actors.actors_for(t)]
    if (noun.dep_ == "pobj" and noun.head.lower_ in words.setting_preps
            and noun.head.head.pos_ in ("VERB", "AUX") and codes.is_consultation(pattern.code)):
        # "Kerry said at a meeting with Lavrov", "Assad spent hours in talks with Putin";
        # not "the states which remain in the deal"
        return [a for t in _source_tokens(noun.head.head, words=words)
                for a in actors.actors_for(t)]
    return []


def _undergoer(noun: Token) -> Token | None:
    """The verb of "X came under attack (from Y)": X is the target, Y the source."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "under" and prep.head.lemma_ in ("come", "be"):
        return prep.head
    return None


def _response(noun: Token, *, words: CoderWords) -> tuple[Token, list[Token]] | None:
    """The verb of a response made "with" an event noun, and what it answers: "answered the
    US charges with a denunciation of its own" (answered; the charges)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with":
        return None
    verb = prep.head if prep.head.dep_ != "dobj" else prep.head.head  # "answered X with"
    if verb.lemma_ not in words.response:
        return None
    return verb, _children(verb, "dobj") or [
        o for p in _children(verb, "prep") if p.lower_ == "to" for o in _children(p, "pobj")]


def _modifier_actors(token: Token, actors: ArticleActors) -> list[Actor]:
    """Actors named in a thing's modifiers: "the US charges" were the United States'."""
    return [a for c in token.children if c.dep_ in ("compound", "amod", "poss")
            for a in actors.actors_for(c)]


def _drop_embedding_statements(found: list[Found], *, words: CoderWords) -> list[Found]:
    """A statement (a bare 01x verb: "said") whose reported clause holds a coded event is not
    itself an event ("claimed responsibility for the attack" is one: 015). Nor is a one-sided
    event whose clause holds one ("refused to condemn Israel" is the refusal coded on the
    condemnation, not also a bare 120), unless it weighs it ("is considering sending aid":
    014, and the aid is hypothetical)."""
    def embeds(f: Found, deps: tuple[str, ...]) -> bool:
        kids = [c for c in f.trigger.children if c.dep_ in deps
                and not (c.dep_ == "prep" and c.lower_ in words.setting_preps)]
        inner = {t.i for c in kids for t in c.subtree}
        return any(g.trigger.i in inner for g in found if g is not f)

    def gives_way(f: Found) -> bool:
        if f.trigger.lemma_ in words.considering:
            return False
        statement = codes.is_statement(f.pattern.code) and not f.pattern.objects
        # what was said: the clause, the object, its prepositions; not "during a meeting"
        return ((statement and embeds(f, SAID_DEPS))
                or (f.target is None and embeds(f, ("xcomp", "ccomp"))))

    return [f for f in found if not gives_way(f)]


def to_events(found: list[Found], doc: Doc, article: Article,
              times: Sequence[TimeLike] = (), places: Sequence[PlaceMention] = (), *,
              modality: ModalityCodes) -> list[Event]:
    """Number, score, date, place and merge found events: one event told twice is one."""
    merged: dict[tuple, Event] = {}
    earlier: When | None = None
    by_head = PlaceIndex(places)
    for f in sorted(found, key=lambda f: f.trigger.i):
        sent = sent_of(f.trigger)
        key = (_modal_code(f, modality=modality), _key(f.source), _key(f.target), f.negated,
               f.modality)
        if key in merged:
            prev = merged[key]
            merged[key] = replace(prev, mentions=prev.mentions + 1)
            continue
        code = codes.lookup(_modal_code(f, modality=modality))
        when = event_when(f.trigger, times, earlier, article.published,
                          article.published_precision)
        earlier = when if when.basis in ("stated", "inferred") else earlier
        spans = [(f.trigger.idx, f.trigger.idx + len(f.trigger))]
        spans += [(a.start, a.end) for a in (f.source, f.target) if a and a.start is not None]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        event_id = hashlib.sha1(
            f"{article.id}|{start}|{end}|{code.code}|{key[1]}|{key[2]}".encode()
        ).hexdigest()[:16]
        merged[key] = Event(
            event_id=event_id, article_id=article.id, sentence=sent_index(f.trigger),
            start=start, end=end, evidence=article.text[sent.start_char:sent.end_char].strip(),
            source=f.source, target=f.target, cameo=code.code, cameo_root=codes.root(code.code),
            quad_class=code.quad_class, goldstein=code.goldstein,
            plover_type=code.plover_type, plover_mode=code.plover_mode,
            # a refusal code ("refused to meet": 125) is itself the event, not a negation
            negated=f.negated and not (codes.is_rejection(code.code)
                                       and code.code != f.pattern.code),
            modality=f.modality, claimed_by=f.claimed_by,
            event_date=when.value, date_precision=when.precision, date_basis=when.basis,
            place=event_place(f.trigger, code.code, by_head, f.event_object),
            confidence=_confidence(f), reciprocal=f.pattern.symmetric, rule=f.pattern.rule,
        )
    return list(merged.values())


def _modal_code(f: Found, *, modality: ModalityCodes) -> str:
    """The code of the event under its frame (extract/frames.py, modality.tsv)."""
    return framed_code(f.pattern.code, f.governed, f.refused, f.negated, modality)


def _key(actor: Actor | None) -> tuple[str | None, str | None]:
    return (actor.code, actor.kb_id or actor.name) if actor else (None, None)


def _confidence(f: Found) -> float:
    """Evidence-weighted: specific pattern, actors from named entries, a target found."""
    score = 0.4
    score += 0.15 if f.pattern.objects else 0.05
    for actor in (f.source, f.target):
        if actor is not None:
            score += 0.15 if actor.kb_id or (actor.rule or "").startswith(("person", "org")) \
                else 0.1
    return round(min(score, 0.95), 2)
