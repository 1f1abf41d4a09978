"""``unclassified`` is no issue: never shared, never a verdict, never in an index or network."""

from __future__ import annotations

import datetime as dt

from stancegraph.analysis.divergence import (
    contested_issues,
    indexes_by_article,
    indexes_by_window,
    issue_verdicts,
    pair_indexes,
    roll_up,
)
from stancegraph.analysis.graph import actor_issue_graph, pair_issue_graph, side_issue_graph
from stancegraph.analysis.networks import ProjectionOptions, actor_networks, issue_cooccurrence
from stancegraph.analysis.result import analyze_records
from stancegraph.vocab.model import UNCLASSIFIED, Vocabulary
from tests.analysis.records import rec

R, F = "ruritania", "freedonia"
NODE = f"issue/{UNCLASSIFIED}"


def records():  # type: ignore[no-untyped-def]
    # both sides "agree" on unclassified and clash on it too; their one real issue diverges
    return [
        rec("a", R, UNCLASSIFIED, 1),
        rec("b", R, UNCLASSIFIED, -1),
        rec("c", F, UNCLASSIFIED, 1),
        rec("d", F, UNCLASSIFIED, -1),
        rec("a", R, "tariffs-justified", 1),
        rec("c", F, "tariffs-justified", -1),
    ]


def test_no_verdict_and_no_index_counts_it(mini_vocab: Vocabulary) -> None:
    verdicts = issue_verdicts(records(), mini_vocab, R, F)
    assert [v.issue for v in verdicts] == ["tariffs-justified"]
    ix = pair_indexes(verdicts)
    assert (ix.issues, ix.shared, ix.convergent, ix.divergent, ix.mixed) == (1, 1, 0, 1, 0)
    assert ix.divergence == 1.0 and ix.talking_past == 0.0
    (article,) = indexes_by_article(records(), mini_vocab, R, F)
    assert article.indexes == ix
    (month,) = indexes_by_window(records(), mini_vocab, R, F, "month")
    assert month.indexes == ix and month.first == dt.date(2024, 5, 6)
    assert UNCLASSIFIED not in {t.topic for t in roll_up(verdicts, mini_vocab, R, F)}
    assert [c.issue for c in contested_issues(records(), mini_vocab)] == ["tariffs-justified"]


def test_only_unclassified_claims_leave_nothing_shared(mini_vocab: Vocabulary) -> None:
    only = [r for r in records() if r.issue == UNCLASSIFIED]
    assert issue_verdicts(only, mini_vocab, R, F) == ()
    assert pair_indexes(()).divergence is None


def test_no_graph_or_network_has_it(mini_vocab: Vocabulary) -> None:
    bipartite = actor_issue_graph(records(), mini_vocab)
    assert NODE not in bipartite
    assert {"actor/b", "actor/d"}.isdisjoint(bipartite)  # actors with no classified claim
    assert NODE not in side_issue_graph(records(), mini_vocab)
    assert NODE not in pair_issue_graph(records(), mini_vocab, R, F)
    options = ProjectionOptions(normalization="none")
    networks = actor_networks(records(), bipartite, options)
    # a and c share no concept: unclassified would have made them congruent
    assert networks.congruence.number_of_edges() == 0
    assert [(u, v) for u, v in networks.conflict.edges] == [("actor/a", "actor/c")]
    assert NODE not in issue_cooccurrence(records(), bipartite, options)


def test_the_analysis_counts_what_it_leaves_out(mini_vocab: Vocabulary) -> None:
    analysis = analyze_records(records(), mini_vocab)
    assert analysis.corpus.indexes.shared == 1 and analysis.corpus.claims == 6
    assert analysis.coverage.unclassified == 4 and analysis.coverage.unclassified_share == 4 / 6
    assert len(analysis.records) == 6  # kept as claims, just in no issue
