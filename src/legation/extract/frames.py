"""Frames: the word that governs an event and what it makes of it.

"Iran plans to meet Iraq" is an intended meeting (036), "the UN urged Iran to release the
sailors" an appeal (0253) by the UN to Iran, "Washington demanded that Hamas renounce violence"
a demand (1056) to Hamas, "Russia threatened to halt the talks" a threat (134). The frame word
and its subject come from the parse; what each frame makes of a code is modality.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from legation.knowledge.patterns import Frame, ModalityCodes
from legation.knowledge.words import CoderWords
from legation.records import Modality

# Links by which a governed event hangs on its frame word: "plans to meet" (xcomp), "demanded
# that X renounce" (ccomp), "demanded X to allow" (a to-clause the parser calls advcl).
FRAME_LINKS = ("xcomp", "acomp", "ccomp", "advcl")
SELF = {"i", "we", "he", "she"}  # "said he should meet Putin": the speaker's own intent
CONDITIONS = {"if", "unless"}  # "will withdraw … unless X": a threat aimed at X


@dataclass(frozen=True)
class Governed:
    """How an event is governed: its modality, the frame (if one changes its code) and the
    frame word, whose subject then does the event and whose addressee receives it."""

    modality: Modality
    frame: Frame | None = None
    word: Token | None = None


def _children(token: Token, dep: str) -> list[Token]:
    return [c for c in token.children if c.dep_ == dep]


def has_to(token: Token) -> bool:
    """Is this a to-infinitive ("to meet")?"""
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)


def _chain(verb: Token) -> list[Token]:
    """The words governing ``verb`` through frame links, nearest first. A clause joins only
    by "that" or none (a ccomp), a to-clause or a complement, not a "because" clause."""
    out, tok = [], verb
    while tok.dep_ in FRAME_LINKS and tok.head.i != tok.i:
        if tok.dep_ == "advcl" and not has_to(tok):
            break
        if tok.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ != "that"
                                       for c in tok.children):
            break
        tok = tok.head
        out.append(tok)
    return out


def governed(verb: Token, words: CoderWords) -> Governed:
    """The modality and frame of the event triggered at ``verb`` (or at an event noun: "called
    for a ceasefire" appeals for the ceasefire)."""
    if verb.dep_ == "pobj" and verb.head.lower_ == "for" and verb.head.head.i != verb.i:
        asker = verb.head.head
        if asker.lemma_.lower() in words.appeal:
            return Governed("demanded", "appealed", asker)
        if asker.lemma_.lower() in words.demand:
            return Governed("demanded", "demanded", asker)
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    chain = _chain(verb)
    if chain and chain[0].lemma_.lower() in words.warning and _threatens(verb, aux, words):
        return Governed("intended", "threatened", chain[0])
    if chain and chain[0].lemma_.lower() in words.denial:  # "denied that X would meet Y"
        return Governed("actual", "denied", chain[0])
    if _reported_future(verb, aux, chain, words):  # "Macron said he would visit Beijing"
        # "said it would leave the talks if Kyiv …": a threat, as "will leave … if"
        return Governed("intended", "threatened" if condition_subjects(verb) else "intended")
    if aux & words.hypothetical_aux or (verb.dep_ == "advcl" and _is_condition(verb)):
        return Governed("hypothetical")  # "… unless Baghdad accepts": not happened
    if (speaker := _obliging_speaker(verb, chain, words)) is not None:
        if any(s.lower_ in SELF for s in _children(verb, "nsubj")):
            return Governed("intended", "intended", speaker)  # "said he should meet Putin"
        return Governed("demanded", "demanded", speaker)
    for gov in chain:
        lemma = gov.lemma_.lower()
        if lemma in words.considering:
            return Governed("hypothetical")
        if lemma in words.appeal:
            return Governed("demanded", "appealed", gov)
        if lemma in words.demand:
            return Governed("demanded", "demanded", gov)
        if lemma in words.threat:
            return Governed("intended", "threatened", gov)
        if lemma in words.denial:
            return Governed("actual", "denied", gov)
        if lemma in words.intent or lemma in words.ready:
            return Governed("intended", "intended", gov)
        if gov.dep_ not in FRAME_LINKS or (gov.pos_ == "VERB" and lemma not in words.transparent):
            break  # "agreed to convince the rebels to accept": the nearest verb frames it
    if verb.dep_ in ("advcl", "xcomp") and has_to(verb) and verb.head.i != verb.i:
        purpose = governed(verb.head, words)  # "are to meet … to discuss": shares its modality
        if purpose.modality != "actual":
            return Governed(purpose.modality,
                            "intended" if purpose.modality == "intended" else None)
    if any(_future(tok, words) for tok in [verb, *chain]):
        if condition_subjects(verb):  # "will withdraw its force unless X …": a threat
            return Governed("intended", "threatened", None)
        return Governed("intended", "intended", None)
    return Governed("actual")


def _reported_future(verb: Token, aux: set[str], chain: list[Token], words: CoderWords) -> bool:
    """"would" reported by a speech verb is the speaker's "will", unless the speech is a
    warning (a forecast)."""
    return ("would" in aux and bool(chain) and chain[0].lemma_.lower() in words.speech
            and chain[0].lemma_.lower() not in words.warning)


def _threatens(verb: Token, aux: set[str], words: CoderWords) -> bool:
    """Does a warning's clause threaten? "… that Israel would pay" (the subject will suffer)
    and "… that it would strike back" (the warner will act) do; "… that Israel would attack"
    (a forecast of another's act) and "… that it could" do not."""
    if not aux & words.warning_aux:
        return False
    subject = next(iter(_children(verb, "nsubj")), None)
    return verb.lemma_.lower() in words.undergo or (
        subject is not None and subject.pos_ == "PRON")


def warned_subjects(verb: Token, words: CoderWords) -> list[Token]:
    """The subject of a warning's clause that says it will suffer: "warned that Israel would
    pay a heavy price" (Israel)."""
    return [s for c in _children(verb, "ccomp") if c.lemma_.lower() in words.undergo
            and {a.lower_ for a in _children(c, "aux")} & words.warning_aux
            for s in _children(c, "nsubj")]


def _obliging_speaker(verb: Token, chain: list[Token], words: CoderWords) -> Token | None:
    """The speech verb reporting that someone must or should do the event: "Egypt said the US
    must be ready to mediate" is Egypt's demand on the US (108)."""
    for n, tok in enumerate([verb, *chain]):
        if {c.lower_ for c in tok.children if c.dep_ == "aux"} & words.obligation_aux:
            return next((g for g in chain[n:] if g.lemma_ in words.speech), None)
    return None


def _is_condition(clause: Token) -> bool:
    """Is this clause an "if"/"unless" clause?"""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children)


def _future(tok: Token, words: CoderWords) -> bool:
    """"will meet", "are to meet": announced, not done."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & words.future_aux) or (tok.dep_ == "xcomp" and tok.head.lemma_ == "be")


def condition_subjects(verb: Token) -> list[Token]:
    """Subjects of an "if"/"unless" clause on ``verb`` or its frame word: whom a threat is
    aimed at ("threatened to halt the talks if the United States deploys missiles")."""
    for tok in [verb, *_chain(verb)]:
        for clause in _children(tok, "advcl"):
            if _is_condition(clause) and (subj := _children(clause, "nsubj")):
                return subj
    return []


def addressees(frame_word: Token, governed_verb: Token) -> list[Token]:
    """Whom an appeal or a demand is made to: the frame's object ("urged Iran to"), "on X"
    ("called on Iran to"), "of/from X", else the subject of the governed clause ("demanded
    that Hamas renounce")."""
    direct = _children(frame_word, "dobj")
    if direct and direct[0].i != governed_verb.i:
        return direct
    for prep in _children(frame_word, "prep"):
        if prep.lower_ in ("on", "upon", "of", "from"):
            objs = _children(prep, "pobj")
            if objs:
                return objs
    for tok in [governed_verb, *_chain(governed_verb)]:  # "said the US must be ready to …"
        if tok.i == frame_word.i:
            break
        if subj := _children(tok, "nsubj") or _children(tok, "nsubjpass"):
            return subj
    return []


def framed_code(code: str, governed_by: Governed, refused: bool, negated: bool,
                table: ModalityCodes) -> str:
    """The CAMEO code of an event under its frame: refused ("refused to meet": 125),
    appealed for, demanded, threatened or intended; the base code where the table has none."""
    if refused or (negated and governed_by.modality == "intended"):
        return table.code("refused", code) or code
    frame = governed_by.frame
    if frame in ("appealed", "demanded", "threatened", "denied"):
        return table.code(frame, code) or table.frame_default(frame) or code
    if frame == "intended":
        return table.code("intended", code) or code
    return code
