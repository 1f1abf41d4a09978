"""Attitudes carried by an adjective: "Republicans critical of the deal", "she is sure that".

An adjective of attitude (from the rules: critical, skeptical, proud,
confident, worried ...) gives its holder's view of its content: its
'that'-clause, or the object of one of its prepositions. The holder is the
subject of the verb the adjective complements ("she is confident", "voters
who are skeptical of"), or the noun it follows and modifies ("Republicans
critical of the deal"). With no holder there is no attribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from stancegraph.extract.rules import Rules

__all__ = ["AdjectiveFound", "adjective_attributions"]

_COMPLEMENT = frozenset({"acomp", "oprd"})
_POSTNOMINAL = frozenset({"amod", "acl"})


@dataclass(frozen=True)
class AdjectiveFound:
    """An adjective attribution by token indices: the adjective, content tokens, holder."""

    cue: int
    first: int
    last: int
    holder: int
    upto: int | None = None


def _content(adjective: Any, preps: tuple[str, ...]) -> tuple[int, int, int | None] | None:
    for child in adjective.rights:
        if child.dep_ == "ccomp":
            marks = [c for c in child.children if c.dep_ == "mark" and c.i < child.i]
            first = (
                marks[0].i + 1 if marks and marks[0].text.lower() == "that" else child.left_edge.i
            )
            return first, child.right_edge.i, None
    for child in adjective.rights:
        if child.dep_ == "prep" and child.text.lower() in preps:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0].left_edge.i, objects[0].right_edge.i, child.i
    return None


def _holder(adjective: Any, subject_of: Callable[[Any], Any | None]) -> Any | None:
    head = adjective.head
    if adjective.dep_ in _COMPLEMENT and head.pos_ in ("VERB", "AUX"):
        return subject_of(head)
    if adjective.dep_ in _POSTNOMINAL and head.pos_ in ("NOUN", "PROPN") and head.i < adjective.i:
        return head
    return None


def adjective_attributions(
    doc: Any, rules: Rules, subject_of: Callable[[Any], Any | None]
) -> Iterable[AdjectiveFound]:
    """The adjective attributions of the parsed paragraph *doc*; *subject_of* finds a verb's."""
    for token in doc:
        cue = rules.adjective_cue_by_word.get(token.text.lower())
        if cue is None or token.pos_ not in ("ADJ", "VERB"):
            continue
        found = _content(token, cue.preps)
        if found is None:
            continue
        holder = _holder(token, subject_of)
        if holder is None:
            continue
        first, last, upto = found
        yield AdjectiveFound(token.i, first, last, holder.i, upto)
