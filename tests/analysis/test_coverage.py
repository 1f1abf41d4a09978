"""Claims of unknown side and with no issue: counted, named, and warned about."""

from __future__ import annotations

from stancegraph.analysis.coverage import (
    WARN_SHARE,
    Coverage,
    coverage_of,
    coverage_warnings,
    unresolved_text,
)
from stancegraph.analysis.sides import UNKNOWN_SIDE
from stancegraph.vocab.model import UNCLASSIFIED
from tests.analysis.records import rec


def test_counts_and_most_frequent_unresolved_speakers() -> None:
    records = [
        *(rec("ann", UNKNOWN_SIDE, "open-trade", 1) for _ in range(3)),
        *(rec(name, UNKNOWN_SIDE, "open-trade", 1) for name in ("bo", "cy", "di", "ed", "fay")),
        rec("bo", UNKNOWN_SIDE, UNCLASSIFIED, 1),
        rec("rudolf", "ruritania", UNCLASSIFIED, 1),
        rec("rufus", "freedonia", "open-trade", 1),
    ]
    coverage = coverage_of(records)
    assert (coverage.claims, coverage.unknown_side, coverage.unclassified) == (11, 9, 2)
    # top 5 by claims, ties by name: "Fay" (1 claim) is the sixth
    assert coverage.unresolved == (("Ann", 3), ("Bo", 2), ("Cy", 1), ("Di", 1), ("Ed", 1))
    assert unresolved_text(coverage) == (
        "unknown side: 82% of claims (9 of 11); most frequent unresolved speakers: "
        "Ann (3), Bo (2), Cy (1), Di (1), Ed (1)"
    )
    (unknown,) = coverage_warnings(coverage)
    assert unknown.startswith("82% of claims (9 of 11) have an unknown side")
    assert unknown.endswith("add the speakers to an actor file given with --vocab")


def test_warnings_only_above_the_threshold() -> None:
    assert WARN_SHARE == 0.2
    at = Coverage(claims=10, unknown_side=2, unclassified=2, unresolved=(("Ann", 2),))
    assert coverage_warnings(at) == ()
    above = Coverage(claims=10, unknown_side=0, unclassified=3, unresolved=())
    (line,) = coverage_warnings(above)
    assert "30% of claims (3 of 10) have no issue (unclassified)" in line
    assert line.endswith("add propositions to a SKOS file given with --vocab")
    assert "\n" not in line
    empty = coverage_of(())
    assert coverage_warnings(empty) == () and empty.unknown_share == 0.0
    assert unresolved_text(empty) == "unknown side: no claims"
