"""Attributions inside another attribution's content: kept, folded into it, or dropped.

"Blinken said both sides wanted to increase that number": *wanted* is an
attribution inside what Blinken said. What the text asserts is Blinken's
statement; the sides' wish is reported at one remove. Per paragraph,
outermost first, an attribution whose cue lies inside another's content is

- dropped when it has no speaker, or only speakers of the outer statement
  ("he said he wants ..."): the outer claim's evidence already holds it;
- folded into the outer statement when its cue heads the outer content (the
  outer speaker reports the inner one's position: "both sides wanted ..."):
  the inner speakers get a claim on the outer evidence, at lower confidence,
  noted as reported by the outer speaker;
- kept on its own content, at lower confidence, when its speakers speak for
  another side than the outer speaker's (the outer speaker reports another
  party's position: "following what Israel described as a direct attack");
- otherwise dropped: a report buried in a clause of the outer statement
  ("after the agency reported ...", "critics who oppose ...") is background
  the outer speaker mentions, part of the outer claim's evidence.

An attribution whose cue lies outside the other's content is a separate
statement and is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from stancegraph.extract.actors import UNKNOWN_SIDE

if TYPE_CHECKING:
    from stancegraph.extract.attribution import Attribution

__all__ = ["REPORTED_CONFIDENCE", "fold_nested"]

#: The confidence of a position reported at one remove (the outer speaker's report of it).
REPORTED_CONFIDENCE = 0.6


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _heads(doc: Any, offset: int, content: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Is the cue's first word the syntactic head of *content* (paragraph offsets shifted)?"""
    span = doc.char_span(content[0] - offset, content[1] - offset, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.idx == cue[0] - offset


def _other_party(inner: Attribution, outer: Attribution) -> bool:
    """Whether *inner*'s speakers all speak for known sides other than *outer*'s: the
    outer speaker reports another party's position ("He said the session was held at
    the request of Israel, following what it described as an attack by Iran")."""
    outer_sides = {s.referent.side for s in outer.speakers}
    inner_sides = {s.referent.side for s in inner.speakers}
    return bool(inner_sides) and UNKNOWN_SIDE not in inner_sides and not inner_sides & outer_sides


def _reported(inner: Attribution, outer: Attribution, *, own_content: bool = False) -> Attribution:
    by = outer.speakers[0].referent.name if outer.speakers else "the outer speaker"
    speakers = tuple(
        replace(s, via="; ".join(v for v in (s.via, f"reported by {by}") if v))
        for s in inner.speakers
    )
    return replace(
        inner,
        content=inner.content if own_content else outer.content,
        speakers=speakers,
        confidence=min(inner.confidence, REPORTED_CONFIDENCE),
    )


def fold_nested(doc: Any, offset: int, found: Sequence[Attribution]) -> list[Attribution]:
    """The attributions of one paragraph (*doc* at *offset* in the article), nesting resolved."""
    kept: list[Attribution] = []
    for item in sorted(found, key=lambda a: (a.content[0] - a.content[1], a.content)):
        enclosing = [
            k
            for k in kept
            if _inside(item.content, k.content)
            and item.cue is not None
            and k.content[0] <= item.cue[0] < k.content[1]
        ]
        if not enclosing:
            kept.append(item)
            continue
        assert item.cue is not None
        outer = min(enclosing, key=lambda k: k.content[1] - k.content[0])
        actors = {s.referent.actor for s in item.speakers}
        if not actors or actors <= {s.referent.actor for s in outer.speakers}:
            continue
        if _heads(doc, offset, outer.content, item.cue):
            kept.append(_reported(item, outer))
        elif _other_party(item, outer):
            kept.append(_reported(item, outer, own_content=True))
    return kept
