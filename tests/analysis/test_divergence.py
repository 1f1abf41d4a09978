"""Verdict rules, roll-up and indexes, on small hand-made records."""

from __future__ import annotations

import datetime as dt

from stancegraph.analysis.divergence import (
    contested_issues,
    indexes_by_article,
    indexes_by_window,
    issue_verdicts,
    pair_indexes,
    period_of,
    roll_up,
)
from stancegraph.vocab.model import Vocabulary
from tests.analysis.records import rec

R, F = "ruritania", "freedonia"


def verdict_of(records, vocab, issue="tariffs-justified", lean=0.5):  # type: ignore[no-untyped-def]
    (v,) = [v for v in issue_verdicts(records, vocab, R, F, lean=lean) if v.issue == issue]
    return v


def test_same_stance_converges_opposite_diverges(mini_vocab: Vocabulary) -> None:
    same = [rec("rudolf", R, "tariffs-justified", 1), rec("rufus", F, "tariffs-justified", 1)]
    assert verdict_of(same, mini_vocab).verdict == "convergent"
    assert verdict_of(same, mini_vocab).distance == 0.0
    both_oppose = [
        rec("rudolf", R, "tariffs-justified", -1),
        rec("rufus", F, "tariffs-justified", -1),
    ]
    assert verdict_of(both_oppose, mini_vocab).verdict == "convergent"
    opposite = [rec("rudolf", R, "tariffs-justified", 1), rec("rufus", F, "tariffs-justified", -1)]
    v = verdict_of(opposite, mini_vocab)
    assert v.verdict == "divergent" and v.distance == 1.0
    assert [c.claimant for c in v.claims] == ["rudolf", "rufus"]


def test_one_sided_and_mixed(mini_vocab: Vocabulary) -> None:
    only = [rec("rudolf", R, "tariffs-justified", 1)]
    v = verdict_of(only, mini_vocab)
    assert v.verdict == "one-sided" and v.b is None and v.distance is None
    split = [
        rec("rudolf", R, "tariffs-justified", 1),
        rec("rupert", R, "tariffs-justified", -1),
        rec("rufus", F, "tariffs-justified", 1),
    ]
    v = verdict_of(split, mini_vocab)
    assert v.verdict == "mixed"
    assert v.a is not None and v.a.score == 0.0 and v.a.lean() == "mixed"
    assert v.distance == 0.5


def test_lean_threshold_decides_when_a_majority_leans(mini_vocab: Vocabulary) -> None:
    three_to_one = [rec(f"r{i}", R, "tariffs-justified", 1) for i in range(3)]
    three_to_one += [
        rec("r9", R, "tariffs-justified", -1),
        rec("rufus", F, "tariffs-justified", -1),
    ]
    assert verdict_of(three_to_one, mini_vocab).verdict == "divergent"  # score 0.5 >= 0.5
    assert verdict_of(three_to_one, mini_vocab, lean=0.6).verdict == "mixed"


def test_repeated_claims_count_once_but_stay_as_evidence(mini_vocab: Vocabulary) -> None:
    records = [rec("rudolf", R, "tariffs-justified", 1) for _ in range(5)]
    records += [rec("rudolf", R, "tariffs-justified", -1), rec("rufus", F, "tariffs-justified", 1)]
    v = verdict_of(records, mini_vocab)
    assert v.a is not None and (v.a.support, v.a.oppose) == (1, 1)
    assert len(v.a.claims) == 6
    assert v.verdict == "mixed"
    # the same repetition in another article is another stance unit
    records.append(rec("rudolf", R, "tariffs-justified", 1, article="a2"))
    v = verdict_of(records, mini_vocab)
    assert v.a is not None and (v.a.support, v.a.oppose) == (2, 1)


def test_roll_up_rules(seed_vocab: Vocabulary, mini_vocab: Vocabulary) -> None:
    # foreign trade: both sides, different propositions, targeting each other
    records = [
        rec("rudolf", R, "trade-restrictions-justified", 1, target=F),
        rec("rufus", F, "open-trade", 1, target=R),
        # defense: one side only
        rec("rudolf", R, "arms-control", 1),
        # international affairs: one shared convergent, one shared divergent -> mixed
        rec("rudolf", R, "keep-communication-open", 1),
        rec("rufus", F, "keep-communication-open", 1),
        rec("rudolf", R, "sanctions-legitimate", 1),
        rec("rufus", F, "sanctions-legitimate", -1),
        # education: shared and divergent only -> divergent, contested
        rec("rudolf", R, "student-exchange", -1),
        rec("rufus", F, "student-exchange", 1),
    ]
    verdicts = issue_verdicts(records, seed_vocab, R, F)
    topics = {t.topic: t for t in roll_up(verdicts, seed_vocab, R, F)}
    assert set(topics) == {"foreign-trade", "defense", "international-affairs", "education"}
    trade = topics["foreign-trade"]
    assert trade.verdict == "talking-past" and trade.engaged_by == (R, F)
    assert trade.mutual_targeting and trade.contested
    assert (trade.only_a, trade.only_b) == (1, 1)
    assert topics["defense"].verdict == "one-sided" and not topics["defense"].contested
    assert topics["international-affairs"].verdict == "mixed"
    assert topics["international-affairs"].contested
    assert topics["education"].verdict == "divergent"
    converge = [rec("rudolf", R, "student-exchange", 1), rec("rufus", F, "student-exchange", 1)]
    (edu,) = roll_up(issue_verdicts(converge, seed_vocab, R, F), seed_vocab, R, F)
    assert edu.verdict == "convergent" and not edu.contested


def test_indexes(mini_vocab: Vocabulary, seed_vocab: Vocabulary) -> None:
    records = [
        rec("rudolf", R, "tariffs-justified", 1),
        rec("rufus", F, "tariffs-justified", -1),
        rec("rudolf", R, "dialogue-should-continue", 1),
        rec("rufus", F, "dialogue-should-continue", 1),
        rec("rudolf", R, "open-trade", 1),
        rec("rufus", F, "arms-control", 1),
    ]
    vocab = mini_vocab
    ix = pair_indexes(issue_verdicts(records, vocab, R, F))
    assert (ix.issues, ix.shared, ix.only_a, ix.only_b) == (4, 2, 1, 1)
    assert ix.talking_past == 0.5
    assert ix.divergence == 0.5
    none_shared = pair_indexes(issue_verdicts(records[4:], vocab, R, F))
    assert none_shared.talking_past == 1.0 and none_shared.divergence is None
    assert pair_indexes(()).talking_past is None


def test_per_article_and_windows(mini_vocab: Vocabulary) -> None:
    april, may = dt.date(2024, 4, 30), dt.date(2024, 5, 2)
    records = [
        rec("rudolf", R, "tariffs-justified", 1, article="x", published=april),
        rec("rufus", F, "tariffs-justified", -1, article="x", published=april),
        rec("rudolf", R, "dialogue-should-continue", 1, article="y", published=may),
        rec("rufus", F, "tariffs-justified", 1, article="z", published=None),
    ]
    per_article = {s.scope: s for s in indexes_by_article(records, mini_vocab, R, F)}
    assert per_article["x"].indexes.divergence == 1.0
    assert per_article["y"].indexes.talking_past == 1.0
    months = indexes_by_window(records, mini_vocab, R, F, "month")
    assert [m.scope for m in months] == ["2024-04", "2024-05", "undated"]
    quarters = indexes_by_window(records, mini_vocab, R, F, "quarter")
    assert [q.scope for q in quarters] == ["2024-Q2", "undated"]
    assert quarters[0].articles == 2 and quarters[0].first == april and quarters[0].last == may
    assert period_of(dt.date(2024, 12, 30), "week") == "2025-W01"
    assert period_of(dt.date(2024, 12, 30), "year") == "2024"


def test_contested_issues_rank_by_conflicting_pairs(mini_vocab: Vocabulary) -> None:
    records = [
        rec("a", R, "tariffs-justified", 1),
        rec("b", R, "tariffs-justified", 1),
        rec("c", F, "tariffs-justified", -1),
        rec("a", R, "dialogue-should-continue", 1),
        rec("c", F, "dialogue-should-continue", -1),
        rec("a", R, "open-trade", 1),
    ]
    contests = contested_issues(records, mini_vocab)
    assert [(c.issue, c.conflict_pairs) for c in contests] == [
        ("tariffs-justified", 2),
        ("dialogue-should-continue", 1),
    ]


def test_the_indexes_of_each_scope_are_those_of_its_verdicts(mini_vocab: Vocabulary) -> None:
    import random

    rng = random.Random(3)
    records = [
        rec(
            f"actor-{rng.randrange(9)}",
            rng.choice(["ruritania", "freedonia", "china"]),
            rng.choice(["open-trade", "tariffs-justified", "unclassified"]),
            rng.choice((1, 1, -1)),
            article=f"a{rng.randrange(20)}",
            published=rng.choice([dt.date(2024, 4, 2), dt.date(2024, 7, 9), None]),
        )
        for _ in range(400)
    ]
    for a, b in (("ruritania", "freedonia"), ("china", None), ("ruritania", "atlantis")):
        for scoped in (
            indexes_by_article(records, mini_vocab, a, b),
            indexes_by_window(records, mini_vocab, a, b, "quarter"),
        ):
            assert scoped
            for one in scoped:
                own = [
                    r
                    for r in records
                    if one.scope in (r.article, period_of(r.published, "quarter"))
                ]
                assert one.claims == len(own)
                assert one.indexes == pair_indexes(issue_verdicts(own, mini_vocab, a, b))
