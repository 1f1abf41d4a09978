"""Attributions of a whole article: who said what where, by offsets into the article text.

:func:`find_attributions` parses the body paragraphs (clutter excluded, long
paragraphs chunked) with one ``nlp.pipe`` stream (or takes them parsed), finds the attributions of
each paragraph (:mod:`stancegraph.extract.speech`) and resolves their speakers
in text order (:mod:`stancegraph.extract.speakers`), carrying the speaker of a
quote into the paragraphs that continue it.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from stancegraph.extract.actors import (
    SIDE_FROM_WORDS,
    UNKNOWN_SIDE,
    ActorIndex,
    Referent,
    normalize_name,
)
from stancegraph.extract.clutter import body_paragraphs, clutter_spans, dateline_place
from stancegraph.extract.emergent import issue_context, issue_phrases
from stancegraph.extract.nesting import fold_nested
from stancegraph.extract.quotes import find_quotes
from stancegraph.extract.rules import Rules
from stancegraph.extract.speakers import Mention, Resolver, speaker_mentions
from stancegraph.extract.speech import Found, FoundKind, attributions_in_doc, subject_of
from stancegraph.extract.turns import Turn, find_turns, statement_parties, turn_at

__all__ = ["Attribution", "SpeakerRef", "find_attributions", "outermost"]

log = logging.getLogger(__name__)

_FIRST_PERSON = frozenset({"i", "we"})
_SIDE_ENTS = frozenset({"GPE", "NORP", "ORG", "LOC"})
#: A description names a person introduced at most this many characters after it.
_CATAPHORA_CHARS = 1200
#: The whole text as one turn: a joint statement's voice.
_WHOLE = Turn(label=(0, 0), name="", start=0, end=2**62, claims=True)

_KIND_CONFIDENCE: dict[str, float] = {
    "quote": 0.9,
    "reported": 0.85,
    "according": 0.8,
    "continued": 0.7,
    "colon": 0.6,
    "turn": 0.6,
}


@dataclass(frozen=True)
class SpeakerRef:
    """One speaker of an attribution: where the text names it, and who it is."""

    mention: tuple[int, int] | None
    referent: Referent
    via: str | None = None


@dataclass(frozen=True)
class Attribution:
    """One attributed statement, by absolute offsets into the article text."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    subject: tuple[int, int] | None
    speakers: tuple[SpeakerRef, ...]
    kind: FoundKind
    cue_lemma: str | None
    negated: str | None
    conditional: bool
    unclosed: bool
    denied: bool
    confidence: float
    #: what the content is about (:func:`~stancegraph.extract.emergent.issue_phrases`)
    #: and the places and parties of its article, for grouping emergent issues
    about: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    #: every side the article names (a place, a people, an organisation) or speaks for
    named_sides: frozenset[str] = frozenset()


def _shift(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)


def _flags(doc: Any, content: tuple[int, int], rules: Rules) -> tuple[str | None, bool]:
    """The negated verb of the content's main clause (if any), and whether it is conditional."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None or len(span) == 0 or not doc.has_annotation("DEP"):
        return None, False
    root = span.root
    negated = root.lemma_.lower() if any(c.dep_ == "neg" for c in root.children) else None
    marks = {m.lower() for m in rules.conditional_marks}
    conditional = any(t.text.lower() in marks and t.dep_ == "mark" for t in span)
    return negated, conditional


class _Article:
    """The state of one article's extraction: the resolver and the last speakers."""

    def __init__(self, index: ActorIndex, rules: Rules) -> None:
        self.index = index
        self.rules = rules
        self.resolver = Resolver(index, rules.group_words)
        self.group_words = frozenset(normalize_name(w) for w in rules.group_words)
        self.previous: tuple[SpeakerRef, ...] = ()
        #: who holds the floor: a transcript turn's speaker, or a joint statement's parties
        self.voice: tuple[SpeakerRef, ...] = ()
        #: a joint statement's parties: what its plural subjects ("the Ministers") stand for
        self.parties: tuple[SpeakerRef, ...] = ()
        #: speakers known only by a description ("a senior United Nations official"),
        #: by actor id: where they were described, and as whom
        self.described: dict[str, tuple[int, Referent]] = {}
        #: body paragraphs read so far
        self.paragraphs = 0

    def _describes_someone_new(
        self, doc: Any, mention: Mention, resolved: tuple[Referent, ...]
    ) -> bool:
        """Whether *mention* is a description (a title, no name) that resolved to no one
        met before: the person it stands for may be named next."""
        if mention.pronoun or len(resolved) != 1 or resolved[0].local is None:
            return False
        words = normalize_name(mention.text).split()
        tokens = doc[mention.start : mention.end]
        named = any(t.ent_type_ == "PERSON" for t in tokens)
        owned = any(t.dep_ == "poss" or t.tag_ == "POS" for t in tokens)
        # "a senior United Nations official", not "the president" (one word: a title
        # the resolver already tried), "Trump's envoy" (whose it is says who it is) nor a
        # description no side can be read from; "the ..." only in the lead paragraph
        return (
            len(words) >= 2
            and words[-1] in self.index.titles
            and not named
            and not owned
            and resolved[0].side != UNKNOWN_SIDE
            and (mention.text.lower().startswith(("a ", "an ")) or self.paragraphs <= 1)
        )

    def name_described(self, limit: int) -> dict[str, SpeakerRef]:
        """The people the descriptions stand for: the first person the text names after a
        description, within *limit* characters, who speaks for the same side
        ("A senior UN official condemned ... Khaled Khiari, Assistant Secretary-General,
        told the Council"): cataphora, as news leads and UN coverage write."""
        out: dict[str, SpeakerRef] = {}
        for actor, (position, described) in self.described.items():
            for seen in self.resolver.seen:
                if not position < seen.position <= position + limit:
                    continue
                person = self.resolver.name(seen.name, seen.context, "person")
                if person.side == described.side and person.actor != actor:
                    via = f"'{described.name}' is {person.name}, named next"
                    out[actor] = SpeakerRef(None, person, via=via)
                    break
        return out

    def _groups(self, mention: tuple[int, int], exclude: frozenset[str]) -> tuple[SpeakerRef, ...]:
        counts: Counter[str] = Counter(
            r.side for _, refs in self.resolver.speakers for r in refs if r.side != "unknown"
        )
        refs: list[SpeakerRef] = []
        for side, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]:
            if side in exclude:
                continue
            actor = self.index.group_actor(side)
            label = (
                self.index.vocabulary.sides[side].label
                if side in self.index.vocabulary.sides
                else side
            )
            referent = (
                Referent(actor=actor, side=side, name=actor, kind="group", confidence=0.6)
                if actor
                else self.index.referent(f"{label} officials", [label], kind="group")
            )
            refs.append(
                SpeakerRef(
                    mention,
                    Referent(
                        actor=referent.actor,
                        side=side,
                        name=referent.name,
                        kind="group",
                        confidence=0.6,
                        local=referent.local,
                    ),
                    via="a group word standing for the sides heard so far",
                )
            )
        return tuple(refs)

    def speakers(
        self, doc: Any, offset: int, found: Found, reporters: frozenset[str] = frozenset()
    ) -> tuple[SpeakerRef, ...]:
        """The speakers of *found*; a group word leaves out the *reporters*' sides."""
        if found.kind == "continued":
            return tuple(
                SpeakerRef(None, s.referent, via="quote continued from the previous paragraph")
                for s in self.previous
            )
        if found.kind == "turn":
            if found.subject is not None and self.parties:
                subject = doc[found.subject]
                span = (offset + subject.left_edge.idx, offset + subject.idx + len(subject.text))
                self.voice = self.parties = tuple(replace(p, mention=span) for p in self.parties)
            return self.voice
        if found.subject is None:
            return ()
        mentions: list[Mention] = speaker_mentions(doc[found.subject])
        position = offset + (found.cue or found.content)[0]
        people = [v for v in self.voice if v.referent.kind == "person"]
        refs: list[SpeakerRef] = []
        for mention in mentions:
            span = (
                offset + doc[mention.start].idx,
                offset + doc[mention.end - 1].idx + len(doc[mention.end - 1].text),
            )
            refs.extend(self._mention_speakers(doc, mention, span, position, reporters, people))
        if people and refs and all(r.referent.side == people[0].referent.side for r in refs):
            # a spokesperson at the podium voicing a principal of their own side ("the
            # Secretary determined that ...", "as you've heard Secretary Austin say"):
            # the turn's speaker states it
            names = ", ".join(sorted({r.referent.name for r in refs} - {people[0].referent.name}))
            refs = [
                replace(
                    v, mention=refs[0].mention, via=f"{v.via}; voices {names}" if names else v.via
                )
                for v in people
            ]
        unique = tuple({r.referent.actor: r for r in refs}.values())
        plural = any(m.plural for m in mentions)
        self.resolver.record(position, tuple(r.referent for r in unique), plural)
        return unique

    def _mention_speakers(
        self,
        doc: Any,
        mention: Mention,
        span: tuple[int, int],
        position: int,
        reporters: frozenset[str],
        people: list[SpeakerRef],
    ) -> list[SpeakerRef]:
        """Who one speaker *mention* stands for, given who holds the floor (*people*)."""
        key = normalize_name(mention.text)
        if self.parties and (key in self.group_words or _stands_for_parties(mention, self.rules)):
            if not mention.pronoun or not self.parties[0].mention:
                # the words that name the parties ("the Ministers"), not "their"
                self.voice = self.parties = tuple(replace(p, mention=span) for p in self.parties)
            return [
                replace(p, via=f"'{mention.text}': the statement's parties") for p in self.parties
            ]
        if people and not mention.pronoun and mention.kind != "person":
            side = self.index.side_from_words(mention.text.split())
            if side is not None and all(v.referent.side == side for v in people):
                # "The United States strongly supports ..." in its Secretary's turn
                return [
                    replace(v, via=f"'{mention.text}': the side of the turn's speaker")
                    for v in people
                ]
        if key in self.group_words:
            return list(self._groups(span, reporters))
        if people and key.split()[:1] in (["my"], ["our"]):
            # "my administration proposed ..." in the President's turn
            return [replace(v, via=f"'{mention.text}': the turn's speaker") for v in people]
        holders = tuple(v.referent for v in self.voice)
        resolved = self.resolver.resolve([mention], position, holders)
        if self._describes_someone_new(doc, mention, resolved):
            self.described.setdefault(resolved[0].actor, (position, resolved[0]))
        if self.parties and all(_nobody(r) for r in resolved):
            # "The Declaration recognizes ...", "the Talks will focus on ...": in a joint
            # statement a document or an event speaks for the parties
            return [
                SpeakerRef(span, p.referent, via=f"'{mention.text}': the statement's parties")
                for p in self.parties
            ]
        out = []
        for referent in resolved:
            via = (
                f"'{mention.text}' resolved to {referent.name}"
                if mention.pronoun or key != normalize_name(referent.name)
                else None
            )
            out.append(SpeakerRef(span, referent, via=via))
        return out


def _nobody(referent: Referent) -> bool:
    """A new speaker that no word places, neither a person nor a named side: a document or
    an event as a grammatical subject ("The Declaration", "the Jeddah Talks")."""
    named = referent.side_evidence == SIDE_FROM_WORDS
    return referent.local is not None and referent.kind != "person" and not named


def _stands_for_parties(mention: Mention, rules: Rules) -> bool:
    """A plural subject that names no one else ("the Ministers", "They", "we")."""
    head = normalize_name(mention.text).split()[-1:]
    return mention.plural and (
        mention.pronoun or (mention.kind == "group" and bool(head) and head[0] in rules.party_nouns)
    )


def _group_subject(sent: Any, rules: Rules) -> int | None:
    """The sentence's subject when it names the parties ("The Ministers agreed", "They
    noted"): in a joint statement, the words that name its parties there."""
    subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and subjects[0].lemma_.lower() in rules.party_nouns:
        return int(subjects[0].i)
    return None


def _first_person(doc: Any, found: Found) -> bool:
    """Whether the speaker of *found* is 'I' or 'we': the floor's holder speaking."""
    return found.subject is not None and doc[found.subject].lower_ in _FIRST_PERSON


def _turn_sentences(
    doc: Any,
    offset: int,
    turn: Turn,
    taken: Sequence[Found],
    own: Sequence[Found],
    rules: Rules,
) -> list[Found]:
    """The sentences of a speaker's turn that no other speaker's attribution covers: the
    speaker's own statements, without pleasantries, procedure and questions. A sentence
    in which the speaker reports themself ("we call on them to ...", "what I will say is
    that ...") is one statement, its cue the speaker's verb."""
    out: list[Found] = []
    dropped: list[tuple[int, int]] = []
    for sent in doc.sents:
        first = sent.start
        while first < sent.end and offset + doc[first].idx < turn.start:
            first += 1
        words = [t for t in doc[first : sent.end] if not t.is_punct and not t.is_space]
        lowered = " " + " ".join(t.lower_ for t in words) + " "
        if (
            len(words) < rules.turn_min_words
            or sent.text.rstrip().endswith("?")
            or any(f" {p} " in lowered for p in rules.turn_pleasantries)
        ):
            dropped.append((sent.start, sent.end))
            continue
        start, end = doc[first].idx, doc[sent.end - 1].idx + len(doc[sent.end - 1].text)
        if any(f.content[0] < end and start < f.content[1] for f in taken):
            continue
        span = _trim(doc, first, sent.end - 1)
        if span is None:
            continue
        mine = [f for f in own if f.verb is not None and first <= f.verb < sent.end]
        group = _group_subject(sent, rules)
        if mine:
            out.append(replace(mine[0], content=span, subject=group, kind="turn"))
        else:
            out.append(Found(span, None, group, "turn"))
    for found in own:  # in a sentence another speaker's report covers: its own span
        verb = found.verb if found.verb is not None else -1
        if not any(f.verb == found.verb for f in out) and not any(
            a <= verb < b for a, b in dropped
        ):
            out.append(replace(found, subject=None, kind="turn"))
    return out


def _trim(doc: Any, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space) and doc[last].text != ")":
        last -= 1
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _voice_of(state: _Article, turn: Turn) -> tuple[SpeakerRef, ...]:
    """The speaker a turn's label names, resolved like any name (last name, earlier mention)."""
    referent = state.resolver.name(turn.name, tuple(turn.name.split()), "person")
    return (SpeakerRef(turn.label, referent, via=f"speaker label '{turn.name}'"),)


def _parties_of(state: _Article, title_doc: Any) -> tuple[SpeakerRef, ...]:
    """A joint statement's parties, named in its title, as speakers."""
    title = title_doc.text
    refs: list[SpeakerRef] = []
    for name, entity in statement_parties(title_doc, state.index.gazetteer):
        kind = "organization" if entity else "person"
        context = tuple(title.split()) if entity is None else (name,)
        referent = state.resolver.name(name, _words_before(title, name) or context, kind)
        refs.append(SpeakerRef(None, referent, via="a party to the joint statement"))
    return tuple({r.referent.actor: r for r in refs}.values())


def _words_before(title: str, name: str) -> tuple[str, ...]:
    """The words of *title* from the last comma or 'with' before *name* up to it
    ("Philippine Secretary of National Defense" before "Gilberto Teodoro")."""
    at = title.find(name)
    if at < 0:
        return ()
    before = re.split(r",|\b(?:[Ww]ith|and|for|of the|[Bb]etween)\s", title[:at])[-1]
    return tuple(before.split())


def _introducer(state: _Article, doc: Any, offset: int) -> tuple[SpeakerRef, ...]:
    """Who a paragraph ending in a colon introduces ("Clinton released this statement:"):
    the subject of its last sentence, the speaker of the quote that opens the next one."""
    if not doc.text.rstrip().endswith(":") or not doc.has_annotation("DEP"):
        return ()
    sentence = list(doc.sents)[-1]
    subject = subject_of(sentence.root, fallback=False)
    if subject is None:
        return ()
    content = (sentence.start_char, sentence.end_char)
    return state.speakers(doc, offset, Found(content, None, subject.i, "colon"))


def article_pieces(
    text: str,
    rules: Rules,
    excluded: tuple[tuple[int, int], ...] = (),
    title: str | None = None,
) -> list[tuple[int | None, str]]:
    """What :func:`find_attributions` parses of an article, in order: its *title* (offset
    None) if any, then each body paragraph with its offset. Parsing them in one stream
    with other articles' (:meth:`~stancegraph.extract.extractor.Extractor.extract_many`)
    gives the same docs: spaCy parses each text on its own."""
    paragraphs = body_paragraphs(text, clutter_spans(text, rules, excluded))
    head: list[tuple[int | None, str]] = [(None, title)] if title else []
    return head + [(start, text[start:end]) for start, end in paragraphs]


def _paragraph_docs(
    nlp: Any, pieces: list[tuple[int | None, str]]
) -> Iterator[tuple[int | None, Any]]:
    """Each of *pieces* with its parsed doc: one ``nlp.pipe`` stream."""
    docs = nlp.pipe((piece for _, piece in pieces), batch_size=64)
    yield from zip((at for at, _ in pieces), docs, strict=True)


def find_attributions(
    text: str,
    nlp: Any,
    rules: Rules,
    index: ActorIndex,
    *,
    excluded: tuple[tuple[int, int], ...] = (),
    title: str | None = None,
    dateline: str | None = None,
    parsed: Iterable[tuple[int | None, Any]] | None = None,
) -> list[Attribution]:
    """Every attribution in the article *text*, in text order.

    A transcript's speaker turns (:mod:`stancegraph.extract.turns`) give the
    floor: a question's turn has no claims, and a speaker's sentences are their
    statements. A joint statement (by its *title*) speaks for its parties. The
    *dateline* (else the one opening the text) places a national institution that
    names no country ("BEIJING (AP) — The Foreign Ministry said"). *parsed*: the
    :func:`article_pieces` of the article, each with its doc, when the caller parsed
    them (default: parsed here with *nlp*).
    """
    paragraphs = body_paragraphs(text, clutter_spans(text, rules, excluded))
    place = dateline or dateline_place(text, paragraphs)
    if place:
        side = index.gazetteer.find_in(place.replace(",", " ").split())
        index.place = side if side in index.vocabulary.sides else None
    state = _Article(index, rules)
    turns = find_turns(text, not_claims=rules.turn_not_claims, titles=rules.titles)
    out: list[Attribution] = []
    voices: dict[int, tuple[SpeakerRef, ...]] = {}
    docs: list[Any] = []
    if parsed is None:
        parsed = _paragraph_docs(nlp, article_pieces(text, rules, excluded, title))
    for at, doc in parsed:
        if at is None:  # the title: who it names, and a joint statement's parties
            state.resolver.observe(doc, -len(doc.text) - 1)
            state.parties = () if turns else _parties_of(state, doc)
            continue
        offset = at
        docs.append(doc)
        state.paragraphs += 1
        quotes = find_quotes(doc.text)
        if any(not q.closed for q in quotes):
            log.info("unbalanced quotation mark in the paragraph at offset %d", offset)
        state.resolver.observe(doc, offset)
        turn = turn_at(turns, offset)
        if turn is not None and not turn.claims:
            state.voice = ()
            continue  # a journalist's question, a moderator's procedure
        if turn is not None:
            if turn.start not in voices:
                voices[turn.start] = _voice_of(state, turn)
            state.voice = voices[turn.start]
        else:
            state.voice = state.parties
        found_here = [
            f
            for f in attributions_in_doc(doc, quotes, rules)
            if turn is None or not (turn.label[0] <= offset + (f.cue or f.content)[0] < turn.start)
        ]
        if state.voice:
            own = [f for f in found_here if _first_person(doc, f)]
            others = [f for f in found_here if not _first_person(doc, f)]
            found_here = others + _turn_sentences(doc, offset, turn or _WHOLE, others, own, rules)
        last: tuple[SpeakerRef, ...] = ()
        here: list[Attribution] = []
        done: list[tuple[tuple[int, int], tuple[SpeakerRef, ...]]] = []
        for found in sorted(found_here, key=lambda f: (f.cue or f.content)[0]):
            cue_at = (found.cue or found.content)[0]
            reporters = frozenset(
                s.referent.side for span, refs in done if span[0] <= cue_at < span[1] for s in refs
            )
            speakers = state.speakers(doc, offset, found, reporters)
            done.append((found.content, speakers))
            negated, conditional = _flags(doc, found.content, rules)
            span = doc.char_span(*found.content, alignment_mode="expand")
            lemma = doc[found.verb].lemma_.lower() if found.verb is not None else None
            subject = None
            if found.subject is not None:
                mentions = speaker_mentions(doc[found.subject])
                first, final = mentions[0], mentions[-1]
                subject = (
                    offset + doc[first.start].idx,
                    offset + doc[final.end - 1].idx + len(doc[final.end - 1].text),
                )
            here.append(
                Attribution(
                    content=(offset + found.content[0], offset + found.content[1]),
                    cue=_shift(found.cue, offset),
                    subject=subject,
                    speakers=speakers,
                    kind=found.kind,
                    cue_lemma=lemma,
                    negated=negated,
                    conditional=conditional,
                    unclosed=found.unclosed,
                    denied=found.denied,
                    confidence=_KIND_CONFIDENCE[found.kind],
                    about=issue_phrases(span) if span is not None else (),
                )
            )
            if speakers:
                last = speakers
        out += fold_nested(doc, offset, here)
        state.previous = _introducer(state, doc, offset) or last
    named = state.name_described(_CATAPHORA_CHARS)
    if named:
        out = [_renamed(a, named) for a in out]
    context = issue_context(*docs) if docs and out else ()
    sides = _named_sides(docs, index) | {s.referent.side for a in out for s in a.speakers}
    return sorted(
        (replace(a, context=context, named_sides=sides) for a in out),
        key=lambda a: (a.content, a.cue or (0, 0)),
    )


def _named_sides(docs: Sequence[Any], index: ActorIndex) -> frozenset[str]:
    """The sides the places, peoples and organisations the article names stand for."""
    names = {e.text for doc in docs for e in doc.ents if e.label_ in _SIDE_ENTS}
    return frozenset(s for n in sorted(names) if (s := index.side_from_words(n.split())))


def _renamed(attribution: Attribution, named: dict[str, SpeakerRef]) -> Attribution:
    speakers = tuple(
        replace(named[s.referent.actor], mention=s.mention) if s.referent.actor in named else s
        for s in attribution.speakers
    )
    unique = tuple({s.referent.actor: s for s in speakers}.values())
    return replace(attribution, speakers=unique) if unique != attribution.speakers else attribution


def outermost(attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions whose content is not inside another attribution's content.

    "Blinken said both sides wanted more exchanges": the wanting is embedded in
    what Blinken said. Claims keep embedded attributions (each speaker's
    position); annotation schemes that mark only the outer statement, such as
    PolNeAR's, are compared with these.
    """
    spans = sorted({a.content for a in attributions})
    inside = {
        span
        for span in spans
        for other in spans
        if other != span and other[0] <= span[0] and span[1] <= other[1]
    }
    return [a for a in attributions if a.content not in inside]
