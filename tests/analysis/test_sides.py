"""Which pair of sides a map compares, and the table of every pair that shares an issue."""

from __future__ import annotations

import random

import pytest

from stancegraph.analysis.divergence import issue_verdicts, pair_indexes
from stancegraph.analysis.result import analyze_records
from stancegraph.analysis.sides import UNKNOWN_SIDE, choose_sides, side_pairs
from stancegraph.errors import AnalysisError
from stancegraph.extract import actors
from stancegraph.vocab.model import UNCLASSIFIED, Vocabulary
from tests.analysis.records import rec

R, F, C, U = "ruritania", "freedonia", "china", "united-states"


def test_the_unknown_side_is_the_extractors() -> None:
    assert UNKNOWN_SIDE == actors.UNKNOWN_SIDE == "unknown"


def test_requested_sides_by_id_or_label(mini_vocab: Vocabulary) -> None:
    records = [
        rec("a", R, "open-trade", 1),
        rec("b", R, "open-trade", 1),
        rec("c", F, "open-trade", 1),
    ]
    assert (choose_sides(records, mini_vocab).a, choose_sides(records, mini_vocab).b) == (R, F)
    pair = choose_sides(records, mini_vocab, ["Freedonia", "ruritania"])
    assert (pair.a, pair.b, pair.reason) == (F, R, "chosen with --sides")
    by_alt_label = choose_sides(records, mini_vocab, ["zenda", "FREEDONIA"])
    assert (by_alt_label.a, by_alt_label.b) == (R, F)
    with pytest.raises(AnalysisError, match=r"unknown side 'ruritanya' \(did you mean 'ruritania'"):
        choose_sides(records, mini_vocab, ["ruritanya", F])
    with pytest.raises(AnalysisError, match=r"unknown side 'Freedomia' \(did you mean 'freedonia'"):
        choose_sides(records, mini_vocab, [R, "Freedomia"])
    with pytest.raises(AnalysisError, match="side 'china' has no claims here"):
        choose_sides(records, mini_vocab, ["china", F])
    with pytest.raises(AnalysisError, match="twice"):
        choose_sides(records, mini_vocab, [R, R])
    with pytest.raises(AnalysisError, match="no claims to analyse"):
        choose_sides((), mini_vocab)


def test_default_pair_has_most_claims_on_shared_issues(mini_vocab: Vocabulary) -> None:
    records = [
        # china is the most active side, but on issues nobody else raises
        *(rec(f"c{i}", C, "arms-control", 1) for i in range(6)),
        rec("c9", C, "tariffs-justified", 1),
        rec("r1", R, "tariffs-justified", 1),
        rec("r2", R, "dialogue-should-continue", 1),
        rec("r3", R, "dialogue-should-continue", 1),
        rec("f1", F, "dialogue-should-continue", -1),
        rec("f2", F, "dialogue-should-continue", -1),
        rec("f3", F, "open-trade", 1),
    ]
    pair = choose_sides(records, mini_vocab)
    assert (pair.a, pair.b) == (F, R)  # 4 claims on dialogue, against china-ruritania's 2
    assert "4 claim(s) on 1 shared issue(s)" in pair.reason
    assert "1 other pair(s) share an issue" in pair.reason


def test_unknown_side_is_never_picked(mini_vocab: Vocabulary) -> None:
    records = [
        *(rec(f"x{i}", UNKNOWN_SIDE, "tariffs-justified", 1) for i in range(9)),
        rec("r1", R, "tariffs-justified", 1),
        rec("f1", F, "tariffs-justified", -1),
    ]
    pair = choose_sides(records, mini_vocab)
    assert {pair.a, pair.b} == {R, F}
    assert "the 9 claim(s) of unknown side are never compared" in pair.reason
    assert [(p.a, p.b) for p in side_pairs(records, mini_vocab)] == [(F, R)]
    every_claim_unknown = records[:9]
    with pytest.raises(AnalysisError, match="add the speakers to an actor file given with --vocab"):
        choose_sides(every_claim_unknown, mini_vocab)
    # but it may be asked for
    asked = choose_sides(records, mini_vocab, [UNKNOWN_SIDE, R])
    assert (asked.a, asked.b) == (UNKNOWN_SIDE, R)


def test_unclassified_is_no_shared_issue(mini_vocab: Vocabulary) -> None:
    records = [
        *(rec(f"c{i}", C, UNCLASSIFIED, 1) for i in range(5)),
        *(rec(f"u{i}", U, UNCLASSIFIED, 1) for i in range(5)),
        rec("c9", C, "arms-control", 1),
        rec("r1", R, "tariffs-justified", 1),
        rec("f1", F, "tariffs-justified", -1),
    ]
    pair = choose_sides(records, mini_vocab)
    assert {pair.a, pair.b} == {R, F}
    assert [{p.a, p.b} for p in side_pairs(records, mini_vocab)] == [{R, F}]


def test_ties_are_broken_by_id(mini_vocab: Vocabulary) -> None:
    records = [
        rec("r1", R, "tariffs-justified", 1),
        rec("f1", F, "tariffs-justified", -1),
        rec("c1", C, "dialogue-should-continue", 1),
        rec("u1", U, "dialogue-should-continue", -1),
    ]
    for order in (records, records[::-1]):
        pair = choose_sides(order, mini_vocab)
        assert (pair.a, pair.b) == (C, U)  # "china" < "freedonia": same claims, same issues


def test_no_shared_issue_compares_the_most_active(mini_vocab: Vocabulary) -> None:
    records = [
        rec("r1", R, "tariffs-justified", 1),
        rec("r2", R, "open-trade", 1),
        rec("f1", F, "dialogue-should-continue", -1),
        rec("x1", UNKNOWN_SIDE, "dialogue-should-continue", -1),
    ]
    pair = choose_sides(records, mini_vocab)
    assert (pair.a, pair.b) == (R, F) and "talk past each other" in pair.reason
    assert side_pairs(records, mini_vocab) == ()


def test_one_side_only_is_a_one_sided_map(mini_vocab: Vocabulary) -> None:
    records = [
        rec("r1", R, "tariffs-justified", 1),
        rec("r2", R, "open-trade", -1),
        rec("x1", UNKNOWN_SIDE, "tariffs-justified", -1),
    ]
    pair = choose_sides(records, mini_vocab)
    assert pair.one_sided and pair.a == R and pair.b is None
    assert "only one side (Ruritania) has claims besides the unknown side" in pair.reason
    analysis = analyze_records(records, mini_vocab)
    assert analysis.one_sided and analysis.side_b is None
    assert {v.verdict for v in analysis.issues} == {"one-sided"}
    ix = analysis.corpus.indexes
    assert (ix.issues, ix.shared, ix.only_a, ix.only_b) == (2, 0, 2, 0)
    assert ix.talking_past == 1.0 and ix.divergence is None
    assert {t.engaged_by for t in analysis.topics} == {(R,)}


def test_every_pair_that_shares_an_issue(mini_vocab: Vocabulary) -> None:
    records = [
        rec("r1", R, "tariffs-justified", 1),
        rec("r2", R, "tariffs-justified", 1),
        rec("f1", F, "tariffs-justified", -1),
        rec("f2", F, "dialogue-should-continue", 1),
        rec("c1", C, "dialogue-should-continue", 1),
        rec("u1", U, "open-trade", 1),
        rec("x1", UNKNOWN_SIDE, "open-trade", 1),
    ]
    pairs = side_pairs(records, mini_vocab)
    assert [(p.a, p.b, p.shared_claims) for p in pairs] == [(F, R, 3), (F, C, 2)]
    first, second = pairs
    assert (first.a_label, first.b_label) == ("Freedonia", "Ruritania")
    assert first.indexes.divergent == 1 and first.indexes.divergence == 1.0
    assert second.indexes.convergent == 1 and second.indexes.divergence == 0.0
    analysis = analyze_records(records, mini_vocab)
    assert analysis.pairs == pairs
    assert (analysis.side_a, analysis.side_b) == (F, R)


def test_pair_indexes_are_those_of_the_pairs_verdicts(mini_vocab: Vocabulary) -> None:
    rng = random.Random(7)
    sides = (R, F, C, U, UNKNOWN_SIDE)
    issues = ("tariffs-justified", "dialogue-should-continue", "open-trade", UNCLASSIFIED)
    records = [
        rec(
            f"actor-{rng.randrange(12)}", rng.choice(sides), rng.choice(issues), rng.choice((1, -1))
        )
        for _ in range(200)
    ]
    pairs = side_pairs(records, mini_vocab, lean=0.3)
    assert len(pairs) == 6  # every pair of the four known sides
    for pair in pairs:
        verdicts = issue_verdicts(records, mini_vocab, pair.a, pair.b, lean=0.3)
        assert pair.indexes == pair_indexes(verdicts), (pair.a, pair.b)
