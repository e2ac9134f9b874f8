"""Quotations: who said what, in quoted words or reported ("said that …"), and who relays it.

Direct quotes are found from the marks of the raw text, because the repaired text the parser
reads has lost the curly marks that tell an opening quote from an apostrophe. Speakers come from
the cue words of the parse and are resolved through the actors module, which owns
within-article reference ("he", "the spokesman", surnames).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from legation.extract.actors import ArticleActors
from legation.knowledge.words import Cues
from legation.nlp import doc_text, sent_of
from legation.records import Actor, Quote

__all__ = ["Quote", "find_quotes"]

OPENING = {"“": "double", "«": "guillemet", "‘": "single"}
CLOSING = {"”": "double", "»": "guillemet", "’": "single"}
STRAIGHT = {'"': "double", "'": "single"}
# Characters after which a straight mark opens a quotation rather than closes one.
BEFORE_OPENING = "([{—–-/"
# A quotation of at most this many words is a scare quote unless it is a whole utterance.
SCARE_WORDS = 3
UTTERANCE_END = ".,!?…"
UTTERANCE_START = ":,.!?"
ACCORDING = "according to"
# Clauses that carry a participle's or coordinated verb's subject down to it.
INHERITS_SUBJECT = {"advcl", "conj", "xcomp"}
RELAYED = {"ccomp", "xcomp", "advcl"}
# A reported clause has a subject of its own ("said the talks failed").
CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}



# -- quote marks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A quote mark that may open or close a quotation."""

    pos: int
    kind: str
    opens: bool
    possessive: bool = False  # "the US’ allies": closes only when nothing later can


@dataclass(frozen=True)
class Part:
    """One quoted stretch; a quote over several paragraphs has one part per paragraph."""

    start: int
    end: int
    mark: int  # position of the opening mark
    paragraph: int
    continues: bool  # carries on the quote left open at the end of the previous paragraph


def _mark(raw: str, pos: int) -> Mark | None:
    """Read the mark at ``pos``; apostrophes (can’t, Syria’s, ’90s) are not marks."""
    ch = raw[pos]
    prev = raw[pos - 1] if pos else " "
    nxt = raw[pos + 1] if pos + 1 < len(raw) else " "
    kind = OPENING.get(ch) or CLOSING.get(ch) or STRAIGHT.get(ch)
    if kind is None or (kind == "single" and prev.isalnum() and nxt.isalpha()):
        return None
    opening = ch in OPENING or (ch in STRAIGHT and (prev.isspace() or prev in BEFORE_OPENING))
    if opening:
        return None if nxt.isspace() else Mark(pos, kind, True)
    if prev.isspace():
        return None
    possessive = (kind == "single" and prev in "sS" and raw[pos + 1:pos + 2] == " "
                  and raw[pos + 2:pos + 3].isalnum())
    return Mark(pos, kind, False, possessive)


def _is_apostrophe(mark: Mark, rest: list[Mark]) -> bool:
    """A possessive-looking mark is an apostrophe when a later mark can close the quote."""
    if not mark.possessive:
        return False
    for later in rest:
        if later.kind == mark.kind:
            return not later.opens
    return False


def _pair(marks: list[Mark]) -> tuple[list[tuple[Mark, Mark]], list[Mark]]:
    """Outermost (open, close) pairs, and the marks still open at the end.

    A closing mark of a kind that is not open is stray and ignored; one that closes an outer
    quote drops the inner quotes still open.
    """
    stack: list[Mark] = []
    pairs = []
    for i, mark in enumerate(marks):
        if mark.opens:
            stack.append(mark)
        elif any(m.kind == mark.kind for m in stack) and not _is_apostrophe(mark, marks[i + 1:]):
            opened = stack.pop()
            while opened.kind != mark.kind:
                opened = stack.pop()
            if not stack:
                pairs.append((opened, mark))
    return pairs, stack


def _paragraphs(clean: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", clean) if m.group().strip()]


def _marks(raw: str, clean: str, start: int, end: int) -> list[Mark]:
    return [m for pos in range(start, end) if clean[pos] in "\"'" and (m := _mark(raw, pos))]


def _trimmed(raw: str, mark: int, end: int, paragraph: int, continues: bool) -> Part | None:
    text = raw[mark + 1:end]
    start = mark + 1 + len(text) - len(text.lstrip())
    text = text.strip()
    return Part(start, start + len(text), mark, paragraph, continues) if text else None


def _is_scare(raw: str, part: Part, para_start: int) -> bool:
    """One to three words inside a sentence ("the ‘partner’") are not a quotation; "‘No,’ he
    said" (a whole utterance) is."""
    content = raw[part.start:part.end]
    if len(content.split()) > SCARE_WORDS:
        return False
    before = raw[para_start:part.mark].rstrip()
    return not (content[-1] in UTTERANCE_END and (not before or before[-1] in UTTERANCE_START))


def direct_parts(raw: str, clean: str) -> list[Part]:
    """Every quoted stretch; a quote running on over paragraphs gives one part per paragraph,
    kept only when a later paragraph closes it."""
    paragraphs = _paragraphs(clean)
    marks = [_marks(raw, clean, s, e) for s, e in paragraphs]
    parts: list[Part] = []
    pending: list[Part] = []  # parts of a quote left open at the end of their paragraph
    carried = False  # this paragraph's first mark carries on the quote left open
    for n, (start, end) in enumerate(paragraphs):
        first = marks[n][0] if carried else None
        pending = pending if carried else []
        pairs, still_open = _pair(marks[n])
        for opened, closed in pairs:
            part = _trimmed(raw, opened.pos, closed.pos, n, opened is first)
            if part and part.continues:
                parts.extend(pending)
                pending = []
            if part and (part.continues or not _is_scare(raw, part, start)):
                parts.append(part)
        carried = bool(still_open) and n + 1 < len(paragraphs) and _opens_with(
            marks[n + 1], raw, paragraphs[n + 1][0], still_open[0].kind)
        if carried:
            part = _trimmed(raw, still_open[0].pos, end, n, still_open[0] is first)
            pending = [*pending, part] if part else pending
    return parts


def _opens_with(marks: list[Mark], raw: str, start: int, kind: str) -> bool:
    """Does the paragraph begin with an opening mark of ``kind`` (a quote running on)?"""
    return bool(marks) and marks[0].opens and marks[0].kind == kind and not raw[
        start:marks[0].pos].strip()


# -- cues and speakers ------------------------------------------------------------------------


def _according_object(tok: Token) -> Token | None:
    """"according to X": X."""
    if tok.lower_ != "according":
        return None
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
        to = [tok.nbor(1)]
    return next((g for t in to for g in t.children if g.dep_ == "pobj"), None)


def _has_that_clause(tok: Token) -> bool:
    return any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that"
                                         for g in c.children) for c in tok.children)


def cue_of(tok: Token, cues: Cues) -> str | None:
    """The cue a token is ("say", "point out", "according to"), or None."""
    if _according_object(tok) is not None:
        return ACCORDING
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    if lemma in cues.verbs or (lemma in cues.that_verbs and _has_that_clause(tok)):
        return lemma
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"
                     and (lemma, c.lower_) in cues.phrasal), None)
    return f"{lemma} {particle}" if particle else None


def _cue_above(node: Token, cues: Cues, inside: set[int]) -> Token | None:
    """``node`` or its nearest ancestor that is an unquoted cue."""
    while node.i in inside or not cue_of(node, cues):
        if node.head.i == node.i:
            return None
        node = node.head
    return node


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _speaker_token(verb: Token, cues: Cues, inside: set[int]) -> Token | None:
    """The cue's subject; a participle takes its noun ("Lavrov saying") or the subject of the
    verb it hangs on ("…, adding"), or the object of a relay verb ("reports him saying").

    The parser may hang "adding" on a verb of the quotation before it: that verb's subject is
    not the speaker, so the climb passes over quoted words.
    """
    subject = _subject(verb)
    if subject is not None or verb.head.i == verb.i:
        return subject
    if verb.dep_ == "acl":
        return verb.head
    relay = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else None
    if relay is not None and relay.lemma_.lower() in cues.relay:  # "quoted her as saying"
        return next((c for c in relay.children if c.dep_ == "dobj"), None)
    if verb.dep_ not in INHERITS_SUBJECT:
        return None
    head = verb.head
    if head.i in inside:  # "‘…,’ adding": the cue above the quotation speaks
        head = _cue_above(head, cues, inside)
        return _speaker_token(head, cues, inside) if head is not None else None
    if head.lemma_.lower() in cues.relay:
        return next((c for c in head.children if c.dep_ == "dobj"), None)
    return _speaker_token(head, cues, inside)


def _inner_cue(verb: Token, cues: Cues) -> Token | None:
    """The cue a relay verb passes on: "reports Lavrov saying", "reports him saying"."""
    if verb.lemma_.lower() not in cues.relay:
        return None
    for child in verb.children:
        if child.dep_ in RELAYED and child.tag_ == "VBG" and cue_of(child, cues):
            return child
        if child.dep_ == "prep" and child.lower_ == "as":  # "quoted her as saying"
            found = next((g for g in child.children if g.dep_ == "pcomp" and cue_of(g, cues)),
                         None)
            if found is not None:
                return found
        if child.dep_ == "dobj":
            found = next((g for g in child.children if g.dep_ == "acl" and cue_of(g, cues)), None)
            if found is not None:
                return found
    return None


def _relay_token(verb: Token, cues: Cues) -> Token | None:
    """Who passes the cue's words on: a relay verb above it, or "according to" beside it."""
    above = verb.head.head if verb.dep_ in ("acl", "pcomp") else verb.head
    if verb.dep_ in ({"acl", "pcomp"} | RELAYED) and above.lemma_.lower() in cues.relay:
        return _subject(above)
    return next((o for c in verb.children if (o := _according_object(c)) is not None), None)


@dataclass(frozen=True)
class Attribution:
    cue: str | None
    speaker: Actor | None
    relay: Actor | None


NOBODY = Attribution(None, None, None)


def _actor(tok: Token | None, actors: ArticleActors) -> Actor | None:
    found = actors.actors_for(tok) if tok is not None else []
    return found[0] if found else None


def attribute(tok: Token, actors: ArticleActors, cues: Cues, inside: set[int]) -> Attribution:
    """Cue, speaker and relay of the cue token ``tok``."""
    if (obj := _according_object(tok)) is not None:
        return Attribution(ACCORDING, _actor(obj, actors), None)
    inner = _inner_cue(tok, cues)
    if inner is not None:
        return Attribution(cue_of(inner, cues), _actor(_speaker_token(inner, cues, inside), actors),
                           _actor(_subject(tok), actors))
    return Attribution(cue_of(tok, cues), _actor(_speaker_token(tok, cues, inside), actors),
                       _actor(_relay_token(tok, cues), actors))


# -- direct quotes ----------------------------------------------------------------------------


def _span(doc: Doc, start: int, end: int) -> Span:
    return doc.char_span(start, end, alignment_mode="expand")


def _governing_cue(quoted: Span, inside: set[int], cues: Cues) -> Token | None:
    """The nearest cue above the quotation in the parse ("He stressed that ‘…’")."""
    for tok in quoted:
        if not quoted.start <= tok.head.i < quoted.end:
            found = _cue_above(tok.head, cues, inside)
            if found is not None:
                return found
    return None


def _region(doc: Doc, part: Part, inside: set[int]) -> list[Token]:
    """Tokens that may attribute a quotation: its own sentences, the sentence before when it
    ends in a colon, and the sentence right after ("‘…now.’ Peskov said.") when unquoted."""
    span = _span(doc, part.start, part.end)
    sents = [sent_of(span[0]), sent_of(span[-1])]
    before = doc_text(doc)[:part.mark].rstrip()
    if before.endswith(":"):
        sents.append(sent_of(doc.char_span(len(before) - 1, len(before),
                                          alignment_mode="expand")[0]))
    after = len(doc_text(doc)) - len(doc_text(doc)[part.end + 1:].lstrip())
    if after < len(doc_text(doc)) and not doc_text(doc)[part.end:after].count("\n"):
        nxt = sent_of(doc.char_span(after, after + 1, alignment_mode="expand")[0])
        if not inside.intersection(range(nxt.start, nxt.end)):
            sents.append(nxt)
    return [t for s in {(s.start, s.end): s for s in sents}.values() for t in s]


def _nearest_cue(doc: Doc, part: Part, inside: set[int], cues: Cues) -> Token | None:
    found = [t for t in _region(doc, part, inside) if t.i not in inside and cue_of(t, cues)]
    if not found:
        return None
    return min(found, key=lambda t: part.start - t.idx if t.idx < part.start
               else t.idx - part.end)


def _chains(parts: list[Part]) -> list[list[Part]]:
    """Parts of one quotation (running on over paragraphs) together."""
    chains: list[list[Part]] = []
    for part in parts:
        if part.continues and chains:
            chains[-1].append(part)
        else:
            chains.append([part])
    return chains


def _direct_quotes(doc: Doc, raw: str, parts: list[Part], inside: set[int],
                   actors: ArticleActors, cues: Cues) -> list[Quote]:
    """A quote takes the speaker of its cue; without one, the speaker of the quote before it in
    the same paragraph ("‘…,’ Cook said. ‘…’")."""
    out: list[Quote] = []
    previous: tuple[int, Attribution] | None = None
    for chain in _chains(parts):
        found = NOBODY
        for part in chain:
            quoted = _span(doc, part.start, part.end)
            cue = (_governing_cue(quoted, inside, cues)
                   or _nearest_cue(doc, part, inside, cues))
            if cue is not None:
                found = attribute(cue, actors, cues, inside)
                break
        if found is NOBODY and previous and previous[0] == chain[0].paragraph:
            found = previous[1]
        out.extend(Quote(p.start, p.end, raw[p.start:p.end], True, found.cue, found.speaker,
                         found.relay) for p in chain)
        previous = (chain[-1].paragraph, found)
    return out


# -- reported speech --------------------------------------------------------------------------


def _edges(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens first..last without edge punctuation or a leading "that"."""
    while first <= last and (doc[first].is_punct or doc[first].is_space
                             or (doc[first].dep_ == "mark" and doc[first].lower_ == "that")):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last - first < 1:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def _according_content(tok: Token, cues: Cues) -> tuple[int, int] | None:
    """The clause "according to X" attaches to, on the other side of the phrase."""
    head = tok.head
    if head.i == tok.i or (cue_of(head, cues) and _subject(head) is not None):
        return None  # "According to Sputnik, Lavrov said …": Sputnik relays Lavrov
    sent = sent_of(tok)
    left, right = tok.left_edge.i, tok.right_edge.i
    if left - sent.start > sent.end - 1 - right:
        return _edges(tok.doc, sent.start, left - 1)
    return _edges(tok.doc, right + 1, sent.end - 1)


def _complement(tok: Token, cues: Cues) -> tuple[int, int] | None:
    """The clause reported by a cue verb: its complement, or what comes before ", X said"."""
    if _inner_cue(tok, cues) is not None:
        return None
    comp = next((c for c in tok.children if c.dep_ == "ccomp"
                 and any(g.dep_ in CLAUSE_SUBJECTS for g in c.children)), None)
    if comp is not None:
        return _edges(tok.doc, comp.left_edge.i, comp.right_edge.i)
    return _charge(tok, cues) or _before_tail(tok)


def _charge(tok: Token, cues: Cues) -> tuple[int, int] | None:
    """"accused Pakistan of violating the ceasefire": the accused and the charge."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    prep = next((c for c in tok.children if c.dep_ == "prep"
                 and (tok.lemma_.lower(), c.lower_) in cues.charges), None)
    if obj is None or prep is None or not any(c.dep_ in ("pcomp", "pobj") for c in prep.children):
        return None
    return _edges(tok.doc, obj.left_edge.i, prep.right_edge.i)


def _before_tail(tok: Token) -> tuple[int, int] | None:
    """"…, Kerry said yesterday.": the parser may not make the clause before the cue's
    complement, so a cue clause that ends the sentence after a comma reports what precedes."""
    subject = _subject(tok)
    if subject is None:
        return None
    doc, sent = tok.doc, sent_of(tok)
    left = min(tok.left_edge.i, subject.left_edge.i)
    tail = doc[tok.right_edge.i + 1:sent.end]
    if left <= sent.start or doc[left - 1].text != "," or any(
            not (t.is_punct or t.is_space) for t in tail):
        return None
    return _edges(doc, sent.start, left - 1)


def _cut_at_colon(raw: str, span: tuple[int, int], parts: list[Part]) -> tuple[int, int]:
    """"Peskov said the conditions are simple: ‘…’": the reported part ends at the colon."""
    start, end = span
    for part in parts:
        before = raw[start:part.mark].rstrip()
        if start < part.mark < end and before.endswith(":"):
            return start, start + len(before[:-1].rstrip())
    return span


def _covered(span: tuple[int, int], parts: list[Part]) -> bool:
    """Mostly inside a direct quote: the quotation already reports it."""
    start, end = span
    overlap = sum(max(0, min(end, p.end) - max(start, p.start)) for p in parts)
    return overlap * 2 > end - start


def _reported(doc: Doc, raw: str, parts: list[Part], inside: set[int],
              actors: ArticleActors, cues: Cues) -> list[Quote]:
    """"X said that …", "…, X said", "according to X, …": the clause, as X's."""
    out = []
    for tok in doc:
        cue = cue_of(tok, cues) if tok.i not in inside else None
        if cue is None:
            continue
        span = _according_content(tok, cues) if cue == ACCORDING else _complement(tok, cues)
        if span is None:
            continue
        start, end = _cut_at_colon(raw, span, parts)
        if end - start > 1 and not _covered((start, end), parts):
            found = attribute(tok, actors, cues, inside)
            out.append(Quote(start, end, raw[start:end], False, found.cue, found.speaker,
                             found.relay))
    return out


def find_quotes(doc: Doc, raw: str, actors: ArticleActors, cues: Cues) -> list[Quote]:
    """Direct and reported quotations of an article, in text order.

    ``doc`` is the parse of the repaired text and ``raw`` the text as given (same length);
    offsets and content refer to ``raw``.
    """
    parts = direct_parts(raw, doc_text(doc))
    inside = {t.i for p in parts for t in _span(doc, p.start, p.end)}
    quotes = (_direct_quotes(doc, raw, parts, inside, actors, cues)
              + _reported(doc, raw, parts, inside, actors, cues))
    return sorted(quotes, key=lambda q: (q.start, q.end))

