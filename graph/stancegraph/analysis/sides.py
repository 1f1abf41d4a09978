"""Which two sides a divergence map compares, and the map of every pair that shares an issue.

Without ``--sides`` the map compares the pair the corpus is about: the two sides with
the most claims on the issues both of them raise. Only classified issues count
(``unclassified`` is no issue sides share), and the unknown side
(:data:`~stancegraph.extract.actors.UNKNOWN_SIDE`: speakers whom neither the registry
nor the text gave a side) is never picked. Ties go to the pair sharing more issues,
then to the pair with more claims, then by side ids, so the choice is deterministic.
When no two sides share an issue, the two sides with the most claims are compared
(they talk past each other); when one side only has claims, the map is one-sided.
Within a pair, the side with more claims on classified issues comes first.
"""

from __future__ import annotations

import difflib
import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stancegraph.analysis.divergence import (
    DEFAULT_LEAN,
    PairIndexes,
    side_stances,
    stance_indexes,
)
from stancegraph.analysis.graph import side_label
from stancegraph.analysis.source import ClaimRecord, classified_records
from stancegraph.errors import AnalysisError
from stancegraph.extract.actors import UNKNOWN_SIDE
from stancegraph.vocab.model import Vocabulary

__all__ = [
    "SIDES_LISTED",
    "UNKNOWN_SIDE",
    "PairSummary",
    "SidePair",
    "choose_sides",
    "side_pairs",
]

#: How many sides an error message lists.
SIDES_LISTED = 8


@dataclass(frozen=True)
class SidePair:
    """The sides a map compares (*b* is None for a one-sided map), and why these."""

    a: str
    b: str | None
    reason: str

    @property
    def one_sided(self) -> bool:
        """Whether the map has one side only."""
        return self.b is None


@dataclass(frozen=True)
class PairSummary:
    """One pair of sides that shares an issue: its claims on shared issues and indexes."""

    a: str
    b: str
    a_label: str
    b_label: str
    shared_claims: int
    indexes: PairIndexes


@dataclass(frozen=True)
class _Activity:
    """Claims per side (all, and per classified issue) of a set of records."""

    claims: Counter[str]
    per_issue: Mapping[str, Counter[str]]

    def classified(self, side: str) -> int:
        return sum(self.per_issue.get(side, Counter()).values())

    def order(self, sides: Sequence[str]) -> list[str]:
        """*sides*, most claims on classified issues first, then most claims, then by id."""
        return sorted(sides, key=lambda s: (-self.classified(s), -self.claims[s], s))

    def shared(self, a: str, b: str) -> tuple[int, int]:
        """(claims of *a* and *b* on the issues both raise, how many such issues)."""
        ia, ib = self.per_issue.get(a, Counter()), self.per_issue.get(b, Counter())
        common = ia.keys() & ib.keys()
        return sum(ia[i] + ib[i] for i in common), len(common)


def _activity(records: Sequence[ClaimRecord]) -> _Activity:
    per_issue: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for record in classified_records(records):
        per_issue[record.side][record.issue] += 1
    return _Activity(claims=Counter(r.side for r in records), per_issue=per_issue)


def _ranked_pairs(activity: _Activity) -> list[tuple[str, str, int, int]]:
    """Pairs of known sides sharing an issue, as (a, b, shared claims, shared issues),
    the pair the corpus is most about first."""
    known = activity.order([s for s in activity.per_issue if s != UNKNOWN_SIDE])
    pairs = []
    for a, b in itertools.combinations(known, 2):
        claims, issues = activity.shared(a, b)
        if issues:
            pairs.append((a, b, claims, issues))
    return sorted(
        pairs,
        key=lambda p: (
            -p[2],
            -p[3],
            -(activity.classified(p[0]) + activity.classified(p[1])),
            min(p[0], p[1]),
            max(p[0], p[1]),
        ),
    )


def _listed(sides: Sequence[str]) -> str:
    shown = ", ".join(sides[:SIDES_LISTED])
    more = len(sides) - SIDES_LISTED
    return shown + (f" (and {more} more)" if more > 0 else "")


def _resolve_side(value: str, vocabulary: Vocabulary, active: Sequence[str]) -> str:
    wanted = value.strip()
    names = {s: s for s in active}
    for s in active:
        known = vocabulary.sides.get(s)
        for label in (side_label(vocabulary, s), *(known.alt_labels if known else ())):
            names.setdefault(label.casefold(), s)
    side = names.get(wanted) or names.get(wanted.casefold())
    if side is not None:
        return side
    close = difflib.get_close_matches(wanted.casefold(), list(names), n=6, cutoff=0.5)
    suggested = list(dict.fromkeys(names[c] for c in close))[:3]
    hint = f" (did you mean {', '.join(repr(s) for s in suggested)}?)" if suggested else ""
    in_vocabulary = wanted in vocabulary.sides or any(
        s.label.casefold() == wanted.casefold() for s in vocabulary.sides.values()
    )
    what = f"side {value!r} has no claims here" if in_vocabulary else f"unknown side {value!r}"
    raise AnalysisError(
        f"{what}{hint}: give a side id or label of the sides with claims here: {_listed(active)}"
    )


def _unknown_note(activity: _Activity) -> str:
    unknown = activity.claims[UNKNOWN_SIDE]
    return f"; the {unknown} claim(s) of unknown side are never compared" if unknown else ""


def _reason_for_pair(ranked: Sequence[tuple[str, str, int, int]], activity: _Activity) -> str:
    _, _, claims, issues = ranked[0]
    others = (
        f"; {len(ranked) - 1} other pair(s) share an issue (see the table of pairs)"
        if len(ranked) > 1
        else ""
    )
    return (
        f"the two sides with the most claims on issues both raise ({claims} claim(s) on "
        f"{issues} shared issue(s)){others}{_unknown_note(activity)}"
    )


def choose_sides(
    records: Sequence[ClaimRecord],
    vocabulary: Vocabulary,
    requested: Sequence[str] | None = None,
) -> SidePair:
    """The pair of sides to compare: *requested* (ids or labels), or the pair the corpus
    is about (see the module's docstring)."""
    activity = _activity(records)
    active = activity.order(list(activity.claims))
    if not active:
        raise AnalysisError(
            "there are no claims to analyse: load articles first (`stancegraph run` or "
            "`stancegraph load`), or lower --min-confidence"
        )
    if requested:
        if len(requested) != 2:
            raise AnalysisError(f"--sides takes two sides, not {len(requested)}: e.g. --sides A B")
        a, b = (_resolve_side(s, vocabulary, active) for s in requested)
        if a == b:
            raise AnalysisError(f"--sides names {a!r} twice: give two different sides")
        return SidePair(a, b, "chosen with --sides")
    ranked = _ranked_pairs(activity)
    if ranked:
        return SidePair(ranked[0][0], ranked[0][1], _reason_for_pair(ranked, activity))
    known = [s for s in active if s != UNKNOWN_SIDE]
    if len(known) >= 2:
        return SidePair(
            known[0],
            known[1],
            "no two sides raise a common issue, so the map compares the two sides with the "
            f"most claims: they talk past each other{_unknown_note(activity)}",
        )
    if known:
        return SidePair(
            known[0],
            None,
            f"only one side ({side_label(vocabulary, known[0])}) has claims"
            + (" besides the unknown side" if activity.claims[UNKNOWN_SIDE] else "")
            + ": the map is one-sided, with no shared issue and no divergence index",
        )
    raise AnalysisError(
        f"every claim ({activity.claims[UNKNOWN_SIDE]}) has the unknown side, so there are "
        "no sides to compare: add the speakers to an actor file given with --vocab"
    )


def side_pairs(
    records: Sequence[ClaimRecord],
    vocabulary: Vocabulary,
    *,
    lean: float = DEFAULT_LEAN,
) -> tuple[PairSummary, ...]:
    """Every pair of known sides that shares an issue, with its indexes; the pair the
    corpus is most about first (the pair :func:`choose_sides` picks by default)."""
    activity = _activity(records)
    stances = side_stances(records)
    return tuple(
        PairSummary(
            a=a,
            b=b,
            a_label=side_label(vocabulary, a),
            b_label=side_label(vocabulary, b),
            shared_claims=claims,
            indexes=stance_indexes(stances[a], stances[b], lean=lean),
        )
        for a, b, claims, _ in _ranked_pairs(activity)
    )
