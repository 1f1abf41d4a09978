"""Attributions of a whole article: who said what where, by offsets into the article text.

:func:`find_attributions` parses the body paragraphs (clutter excluded, long
paragraphs chunked) with one ``nlp.pipe`` stream, finds the attributions of
each paragraph (:mod:`stancegraph.extract.speech`) and resolves their speakers
in text order (:mod:`stancegraph.extract.speakers`), carrying the speaker of a
quote into the paragraphs that continue it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from stancegraph.extract.actors import ActorIndex, Referent, normalize_name
from stancegraph.extract.clutter import body_paragraphs, clutter_spans
from stancegraph.extract.nesting import fold_nested
from stancegraph.extract.quotes import find_quotes
from stancegraph.extract.rules import Rules
from stancegraph.extract.speakers import Mention, Resolver, speaker_mentions
from stancegraph.extract.speech import Found, FoundKind, attributions_in_doc, subject_of

__all__ = ["Attribution", "SpeakerRef", "find_attributions", "outermost"]

log = logging.getLogger(__name__)

_KIND_CONFIDENCE: dict[str, float] = {
    "quote": 0.9,
    "reported": 0.85,
    "according": 0.8,
    "continued": 0.7,
    "colon": 0.6,
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
        if found.subject is None:
            return ()
        mentions: list[Mention] = speaker_mentions(doc[found.subject])
        position = offset + (found.cue or found.content)[0]
        refs: list[SpeakerRef] = []
        plural = False
        for mention in mentions:
            span = (
                offset + doc[mention.start].idx,
                offset + doc[mention.end - 1].idx + len(doc[mention.end - 1].text),
            )
            plural = plural or mention.plural
            if normalize_name(mention.text) in self.group_words:
                refs.extend(self._groups(span, reporters))
                continue
            for referent in self.resolver.resolve([mention], position):
                via = (
                    f"'{mention.text}' resolved to {referent.name}"
                    if mention.pronoun
                    or normalize_name(mention.text) != normalize_name(referent.name)
                    else None
                )
                refs.append(SpeakerRef(span, referent, via=via))
        unique = tuple({r.referent.actor: r for r in refs}.values())
        self.resolver.record(position, tuple(r.referent for r in unique), plural)
        return unique


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


def _paragraph_docs(
    nlp: Any, text: str, paragraphs: list[tuple[int, int]]
) -> Iterator[tuple[int, Any]]:
    texts = (text[s:e] for s, e in paragraphs)
    for (start, _), doc in zip(paragraphs, nlp.pipe(texts, batch_size=64), strict=True):
        yield start, doc


def find_attributions(
    text: str,
    nlp: Any,
    rules: Rules,
    index: ActorIndex,
    *,
    excluded: tuple[tuple[int, int], ...] = (),
) -> list[Attribution]:
    """Every attribution in the article *text*, in text order."""
    paragraphs = body_paragraphs(text, clutter_spans(text, rules, excluded))
    state = _Article(index, rules)
    out: list[Attribution] = []
    for offset, doc in _paragraph_docs(nlp, text, paragraphs):
        quotes = find_quotes(doc.text)
        if any(not q.closed for q in quotes):
            log.info("unbalanced quotation mark in the paragraph at offset %d", offset)
        state.resolver.observe(doc, offset)
        found_here = attributions_in_doc(doc, quotes, rules)
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
                )
            )
            if speakers:
                last = speakers
        out += fold_nested(doc, offset, here)
        state.previous = _introducer(state, doc, offset) or last
    return sorted(out, key=lambda a: (a.content, a.cue or (0, 0)))


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
