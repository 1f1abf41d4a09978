"""Attributions carried by a noun: "his warning that ...", "Pence's call for ...".

A cue noun (from the rules: statement, warning, call, promise ...) names an
act of saying; its content is its 'that'-clause, its 'to'-infinitive or the
object of one of its prepositions ("a call for a special prosecutor"). The
speaker is the noun's possessor ("his", "Pence's"), or the subject of the
verb it is the object of ("Trump made an assertion that ..."). A cue noun that
is itself the object of a cue verb ("repeated accusations that ...") is left
to that verb.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from stancegraph.extract.rules import Rules

__all__ = ["NounFound", "noun_attributions"]

_CLAUSES = ("acl", "ccomp", "relcl", "advcl")


@dataclass(frozen=True)
class NounFound:
    """A noun attribution by token indices: cue noun, content tokens, speaker token."""

    cue: int
    first: int
    last: int
    speaker: int | None
    upto: int | None = None


def _content(noun: Any, preps: tuple[str, ...]) -> tuple[int, int, int | None] | None:
    for child in noun.rights:
        if child.dep_ in _CLAUSES:
            marks = [c for c in child.children if c.dep_ in ("mark", "aux")]
            if marks and marks[0].text.lower() in ("that", "to") and marks[0].i < child.i:
                return marks[0].i + (marks[0].text.lower() == "that"), child.right_edge.i, None
    for child in noun.rights:
        if child.dep_ == "prep" and child.text.lower() in preps:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0].left_edge.i, objects[0].right_edge.i, child.i
    return None


def _speaker(noun: Any) -> int | None:
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    if possessors:
        return int(possessors[0].i)
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ not in ("WDT", "WP"):
                return int(child.i)
    return None


def noun_attributions(doc: Any, rules: Rules) -> Iterable[NounFound]:
    """The noun attributions of the parsed paragraph *doc*."""
    for token in doc:
        cue = rules.noun_cue_by_lemma.get(token.lemma_.lower())
        if cue is None or token.pos_ != "NOUN":
            continue
        if token.dep_ == "dobj" and token.head.lemma_.lower() in rules.cue_by_lemma:
            continue
        found = _content(token, cue.preps)
        if found is None:
            continue
        first, last, upto = found
        yield NounFound(token.i, first, last, _speaker(token), upto)
