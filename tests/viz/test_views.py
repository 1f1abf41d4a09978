"""Views built from a real analysis: the seed's divergence map, the mini article's networks."""

from __future__ import annotations

import pytest

from stancegraph.analysis.result import Analysis, AnalysisOptions, analyze_records
from stancegraph.analysis.source import records_from_claims
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import AnalysisError
from stancegraph.viz.views import (
    SIDE_A_COLOR,
    VERDICT_COLORS,
    actors_view,
    build_view,
    context_from_claims,
    divergence_view,
    issues_view,
)
from stancegraph.vocab.model import UNCLASSIFIED, Vocabulary
from tests.analysis.records import rec


@pytest.fixture(scope="module")
def seed_analysis(seed: ArticleClaims, seed_vocab: Vocabulary) -> Analysis:
    return analyze_records(records_from_claims([seed], seed_vocab), seed_vocab)


def test_divergence_view_of_the_seed(seed: ArticleClaims, seed_analysis: Analysis) -> None:
    view = divergence_view(seed_analysis, context_from_claims([seed]))
    assert len(view.nodes) == seed_analysis.bipartite.number_of_nodes()
    assert len(view.edges) == seed_analysis.bipartite.number_of_edges()
    a, b = seed_analysis.side_a, seed_analysis.side_b
    left = max(n.x for n in view.nodes if n.kind == "actor" and n.side == a)
    right = min(n.x for n in view.nodes if n.kind == "actor" and n.side == b)
    assert all(left < n.x < right for n in view.nodes if n.kind == "issue" and n.lean is not None)
    verdicts = {v.issue: v.verdict for v in seed_analysis.issues}
    for node in view.nodes:
        if node.kind == "issue":
            assert node.color == VERDICT_COLORS[verdicts[node.key.removeprefix("issue/")]]
        elif node.side == a:
            assert node.color == SIDE_A_COLOR
    claims = sum(len(e.evidence) for e in view.edges)
    assert claims == len(seed.data.claims)
    assert sum(1 for e in view.edges for ev in e.evidence if ev.cue) > 20
    assert view.articles[0].title == seed.data.article.title
    assert [m.label for m in view.metrics][:2] == ["talking-past index", "divergence index"]


def test_max_nodes_cuts_the_view_and_says_so(seed_analysis: Analysis) -> None:
    view = divergence_view(seed_analysis, max_nodes=10)
    assert len(view.nodes) == 10
    assert view.limit_note is not None and "left out" in view.limit_note
    keys = {n.key for n in view.nodes}
    assert all(e.source in keys and e.target in keys for e in view.edges)


def test_actor_and_issue_views(mini: ArticleClaims, mini_vocab: Vocabulary) -> None:
    analysis = analyze_records(records_from_claims([mini], mini_vocab), mini_vocab)
    actors = actors_view(analysis)
    assert {n.key for n in actors.nodes} == {"actor/rudolf-rassendyll", "actor/rufus-firefly"}
    assert {e.category for e in actors.edges} == {"conflict"}
    issues = issues_view(analysis, context_from_claims([mini]))
    assert {n.key for n in issues.nodes} == {
        "issue/tariffs-justified",
        "issue/dialogue-should-continue",
    }
    tariffs = next(n for n in issues.nodes if n.key == "issue/tariffs-justified")
    assert dict(tariffs.facets)["verdict"] == "divergent" and len(tariffs.evidence) == 2
    with pytest.raises(AnalysisError, match="unknown view 'map'"):
        build_view(analysis, "map")


def test_views_of_a_pair_aggregate_or_leave_out_the_other_sides(mini_vocab: Vocabulary) -> None:
    records = [
        rec("rudolf", "ruritania", "tariffs-justified", 1),
        rec("rudolf", "ruritania", "dialogue-should-continue", 1),
        rec("rufus", "freedonia", "tariffs-justified", -1),
        rec("rufus", "freedonia", "dialogue-should-continue", 1),
        # china: three actors on a pair issue, one on an issue the pair never raises
        *(rec(f"envoy-{i}", "china", "tariffs-justified", -1) for i in range(3)),
        rec("envoy-0", "china", "open-trade", 1),
        rec("envoy-1", "china", "open-trade", 1),
        rec("envoy-0", "china", UNCLASSIFIED, 1),
    ]
    analysis = analyze_records(
        records, mini_vocab, AnalysisOptions(sides=("ruritania", "freedonia"))
    )
    view = divergence_view(analysis)
    actors = {n.key for n in view.nodes if n.kind == "actor"}
    assert actors == {"actor/rudolf", "actor/rufus"}
    (china,) = [n for n in view.nodes if n.kind == "side"]
    assert china.key == "side/china" and china.label == "China (3 actors)"
    assert {n.key for n in view.nodes if n.kind == "issue"} == {
        "issue/tariffs-justified",
        "issue/dialogue-should-continue",
    }
    (tie,) = [e for e in view.edges if e.source == "side/china"]
    assert (tie.target, tie.category, len(tie.evidence)) == ("issue/tariffs-justified", "oppose", 3)
    notes = " ".join(view.notes)
    assert "Sides compared: Ruritania and Freedonia, chosen with --sides." in notes
    assert "Other sides are aggregated" in notes and ": China." in notes
    assert "1 issue(s) that only other sides raise are left out" in notes
    assert any(entry.shape == "diamond" for entry in view.legend)
    network = actors_view(analysis)
    assert {n.key for n in network.nodes} == {"actor/rudolf", "actor/rufus"}
    assert "3 actor(s) of other sides are left out" in " ".join(network.notes)
    issues = issues_view(analysis)
    assert "issue/open-trade" not in {n.key for n in issues.nodes}
    assert "1 issue(s) that only other sides raise are left out" in " ".join(issues.notes)


def test_one_sided_view(mini_vocab: Vocabulary) -> None:
    records = [rec("rudolf", "ruritania", "tariffs-justified", 1)]
    analysis = analyze_records(records, mini_vocab)
    view = divergence_view(analysis)
    assert view.title.startswith("Ruritania: a one-sided map")
    assert [e.label for e in view.legend if e.shape == "dot"] == ["Ruritania actor"]
    (issue,) = [n for n in view.nodes if n.kind == "issue"]
    (actor,) = [n for n in view.nodes if n.kind == "actor"]
    assert actor.x < issue.x and dict(issue.facets)["verdict"] == "one-sided"
