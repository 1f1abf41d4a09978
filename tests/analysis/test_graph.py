"""The bipartite actor-issue graph and the side-level graph."""

from __future__ import annotations

from stancegraph.analysis.graph import actor_issue_graph, side_issue_graph
from stancegraph.vocab.model import Vocabulary
from tests.analysis.records import rec

R, F = "ruritania", "freedonia"


def test_signed_weighted_bipartite_graph_keeps_evidence(mini_vocab: Vocabulary) -> None:
    records = [
        rec("rudolf-rassendyll", R, "tariffs-justified", 1),
        rec("rudolf-rassendyll", R, "tariffs-justified", 1),
        rec("rufus-firefly", F, "tariffs-justified", -1),
        rec("rufus-firefly", F, "tariffs-justified", 1),
        rec("rupert", R, "tariffs-justified", 1),
    ]
    graph = actor_issue_graph(records, mini_vocab)
    edge = graph.edges["actor/rudolf-rassendyll", "issue/tariffs-justified"]
    assert (edge["weight"], edge["support"], edge["oppose"], edge["sign"]) == (2, 2, 0, 1)
    assert [c.claim for c in edge["claims"]] == [records[0].claim, records[1].claim]
    mixed = graph.edges["actor/rufus-firefly", "issue/tariffs-justified"]
    assert (mixed["sign"], mixed["polarity"]) == (0, 0.0)
    actor = graph.nodes["actor/rufus-firefly"]
    assert (actor["kind"], actor["bipartite"], actor["side"], actor["side_label"]) == (
        "actor",
        0,
        F,
        "Freedonia",
    )
    issue = graph.nodes["issue/tariffs-justified"]
    assert (issue["label"], issue["topic"], issue["topic_label"], issue["claims"]) == (
        "Tariffs are justified",
        "foreign-trade",
        "Foreign trade",
        5,
    )
    sides = side_issue_graph(records, mini_vocab)
    r_edge = sides.edges["side/ruritania", "issue/tariffs-justified"]
    assert (r_edge["weight"], r_edge["sign"]) == (3, 1)
    assert sides.nodes["side/freedonia"]["label"] == "Freedonia"
    assert sorted(sides.nodes) == ["issue/tariffs-justified", "side/freedonia", "side/ruritania"]
