"""Claims assembly: attributions -> a claims file (issues, stances, ids, actors, coder).

One claim per speaker and per issue of an attribution. Claim ids come from the
evidence offsets (``x01298-01409``, then ``-2``, ``-3`` ... for further
speakers or issues on the same evidence), so the same text always gives the
same file, byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stancegraph import __version__
from stancegraph.claims.io import sha256_text
from stancegraph.claims.model import Article, Claim, ClaimsFile, Coder, LocalActor, Span
from stancegraph.extract.actors import UNKNOWN_SIDE, ActorIndex
from stancegraph.extract.attribution import Attribution
from stancegraph.extract.issues import IssueIndex, IssueMatch, suggest_label
from stancegraph.extract.rules import Rules
from stancegraph.extract.source import ArticleMeta
from stancegraph.extract.stance import decide_open_stance, decide_stance
from stancegraph.vocab.model import UNCLASSIFIED

__all__ = ["CODER_NAME", "AssembledArticle", "ClaimContext", "assemble_claims"]

CODER_NAME = "stancegraph-extract"
_POSITION_CHARS = 200


@dataclass(frozen=True)
class ClaimContext:
    """What claims assembly needs besides the attributions."""

    rules: Rules
    actors: ActorIndex
    issues: IssueIndex
    model_label: str
    max_issues: int = 1
    #: the sides the article names (speakers' sides, places and parties in the text): a
    #: proposition that concerns other sides does not fit it
    article_sides: frozenset[str] | None = None


def _span(text: str, span: tuple[int, int] | None) -> Span | None:
    if span is None or span[1] <= span[0]:
        return None
    return Span(start=span[0], end=span[1], text=text[span[0] : span[1]])


def _position(evidence: str) -> str:
    flat = " ".join(evidence.split())
    return flat if len(flat) <= _POSITION_CHARS else flat[: _POSITION_CHARS - 1].rstrip() + "\u2026"


def _claims_of(
    text: str, attribution: Attribution, context: ClaimContext
) -> list[tuple[Claim, LocalActor | None]]:
    start, end = attribution.content
    evidence = text[start:end]
    matches: list[IssueMatch | None] = list(
        context.issues.assign(evidence, limit=context.max_issues, sides=context.article_sides)
    )
    if not matches:
        matches = [None]
    tone = context.rules.tone_of(attribution.cue_lemma)
    target_side = context.actors.side_from_words(evidence.split()) if tone == "critical" else None
    out: list[tuple[Claim, LocalActor | None]] = []
    for speaker in attribution.speakers:
        for match in matches:
            notes = [f"extracted ({attribution.kind})"]
            if speaker.via:
                notes.append(speaker.via)
            if speaker.referent.side_evidence:
                notes.append(f"side: {speaker.referent.side_evidence}")
            if attribution.unclosed:
                notes.append("unbalanced quotation mark: the quote runs to the paragraph end")
            if match is None:
                decision = decide_open_stance(
                    evidence,
                    cue=attribution.cue_lemma,
                    tone=tone,
                    negated=attribution.negated,
                    rules=context.rules,
                )
                stance, issue, suggestion = decision.stance, UNCLASSIFIED, suggest_label(evidence)
                if decision.reason:
                    notes.append(f"{decision.stance}: {decision.reason}")
            else:
                decision = decide_stance(
                    evidence,
                    match,
                    tone=tone,
                    negated=attribution.negated,
                    conditional=attribution.conditional,
                    rules=context.rules,
                )
                stance, issue, suggestion = decision.stance, match.issue, None
                if decision.reason:
                    notes.append(f"oppose: {decision.reason}")
            confidence = round(min(attribution.confidence, speaker.referent.confidence), 2)
            claim = Claim(
                id="pending",
                claimant=speaker.referent.actor,
                side=speaker.referent.side,
                issue=issue,
                stance=stance,
                position=_position(evidence),
                evidence=Span(start=start, end=end, text=evidence),
                mention=_span(text, speaker.mention),
                cue=_span(text, attribution.cue),
                target=target_side
                if target_side and target_side != speaker.referent.side
                else None,
                conditional=attribution.conditional,
                confidence=confidence,
                issue_suggestion=suggestion,
                note="; ".join(notes),
            )
            out.append((claim, speaker.referent.local))
    return out


@dataclass(frozen=True)
class AssembledArticle:
    """An article's claims file, and for each unclassified claim what it is about (the
    key phrases and the article's places and parties) to group emergent issues by."""

    data: ClaimsFile
    about: Mapping[str, tuple[str, ...]]
    context: tuple[str, ...]


def assemble_claims(
    text: str,
    text_file: str,
    meta: ArticleMeta,
    attributions: Sequence[Attribution],
    context: ClaimContext,
) -> AssembledArticle:
    """The claims file of an article from its *attributions*."""
    about: dict[str, tuple[str, ...]] = {}
    claims: list[Claim] = []
    actors: dict[str, LocalActor] = {}
    on_evidence: dict[str, int] = {}  # claims so far per evidence span (several attributions)
    for attribution in attributions:
        if attribution.denied:
            continue  # "X did not say when": attributed, but no position taken
        made = _claims_of(text, attribution, context)
        base = f"x{attribution.content[0]:06d}-{attribution.content[1]:06d}"
        for claim, local in made:
            number = on_evidence[base] = on_evidence.get(base, 0) + 1
            claim_id = base if number == 1 else f"{base}-{number}"
            claims.append(claim.model_copy(update={"id": claim_id}))
            if claim.issue == UNCLASSIFIED and attribution.about:
                about[claim_id] = attribution.about
            if local is not None:
                actors.setdefault(local.id, local)
    published: dt.date | None = meta.published
    data = ClaimsFile(
        stancegraph=1,
        article=Article(
            id=meta.id,
            text_file=text_file,
            sha256=sha256_text(text),
            title=meta.title,
            publisher=meta.publisher,
            published=published,
            dateline=meta.dateline,
            url=meta.url,
            authors=meta.authors,
            language=meta.language,
        ),
        coder=Coder(
            kind="software", name=CODER_NAME, version=__version__, model=context.model_label
        ),
        actors=tuple(actors[k] for k in sorted(actors)),
        claims=tuple(claims),
    )
    return AssembledArticle(data=data, about=about, context=_article_context(attributions))


def _article_context(attributions: Sequence[Attribution]) -> tuple[str, ...]:
    """The places and parties the article is about: the names it mentions most, then the
    sides its speakers speak for and its names stand for ("Trump" and "the White House"
    are the United States here), so that two articles on one dispute share a context
    even when one names the leaders and the other the countries."""
    if not attributions:
        return ()
    names = list(attributions[0].context)
    sides = sorted({s for a in attributions for s in a.named_sides} - {UNKNOWN_SIDE})
    return tuple(dict.fromkeys([*names, *(s.replace("-", " ") for s in sides)]))
