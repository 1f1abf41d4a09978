"""How much of a corpus a divergence map can use: claims of unknown side, claims with no issue.

A claim of the unknown side (:data:`~stancegraph.extract.actors.UNKNOWN_SIDE`) is
in no pair of sides; a claim whose issue is ``unclassified`` is in no issue. Both
are kept, but neither counts in the map, so :func:`coverage_of` counts them and
names the speakers left without a side (what to add to an actor file), and
:func:`coverage_warnings` says, with the next step, when either is more than
:data:`WARN_SHARE` of the claims.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from stancegraph.analysis.source import ClaimRecord
from stancegraph.extract.actors import UNKNOWN_SIDE
from stancegraph.vocab.model import UNCLASSIFIED

__all__ = [
    "UNRESOLVED_SHOWN",
    "WARN_SHARE",
    "Coverage",
    "coverage_of",
    "coverage_warnings",
    "unresolved_text",
]

#: Above this share of claims of unknown side, or with no issue, a run warns.
WARN_SHARE = 0.2
#: How many unresolved speakers are named.
UNRESOLVED_SHOWN = 5


@dataclass(frozen=True)
class Coverage:
    """Claims, claims of unknown side, claims with no issue, and the most frequent speakers
    of unknown side (name, claims), most claims first."""

    claims: int
    unknown_side: int
    unclassified: int
    unresolved: tuple[tuple[str, int], ...]

    @property
    def unknown_share(self) -> float:
        """The share of claims of unknown side (0 without claims)."""
        return self.unknown_side / self.claims if self.claims else 0.0

    @property
    def unclassified_share(self) -> float:
        """The share of claims with no issue (0 without claims)."""
        return self.unclassified / self.claims if self.claims else 0.0


def coverage_of(records: Sequence[ClaimRecord], *, shown: int = UNRESOLVED_SHOWN) -> Coverage:
    """The coverage of *records*, naming the *shown* most frequent speakers of unknown side
    (ties by name)."""
    speakers = Counter(r.claimant_name for r in records if r.side == UNKNOWN_SIDE)
    return Coverage(
        claims=len(records),
        unknown_side=speakers.total(),
        unclassified=sum(1 for r in records if r.issue == UNCLASSIFIED),
        unresolved=tuple(sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:shown]),
    )


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%} of claims ({part} of {whole})" if whole else "no claims"


def unresolved_text(coverage: Coverage) -> str:
    """One line: the share of claims of unknown side, and the speakers behind most of them."""
    text = f"unknown side: {_share(coverage.unknown_side, coverage.claims)}"
    if coverage.unresolved:
        names = ", ".join(f"{name} ({n})" for name, n in coverage.unresolved)
        text += f"; most frequent unresolved speakers: {names}"
    return text


def coverage_warnings(coverage: Coverage, *, threshold: float = WARN_SHARE) -> tuple[str, ...]:
    """One line per problem above *threshold*, each with the next step for the user."""
    warnings = []
    if coverage.claims and coverage.unknown_share > threshold:
        warnings.append(
            f"{_share(coverage.unknown_side, coverage.claims)} have an unknown side and are "
            "in no pair of sides: add the speakers to an actor file given with --vocab"
        )
    if coverage.claims and coverage.unclassified_share > threshold:
        warnings.append(
            f"{_share(coverage.unclassified, coverage.claims)} have no issue (unclassified) "
            "and are in no issue of the map: add propositions to a SKOS file given with --vocab"
        )
    return tuple(warnings)
