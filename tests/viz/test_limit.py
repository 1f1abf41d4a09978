"""Cutting a view to --max-nodes keeps the heaviest nodes of each kind."""

from __future__ import annotations

import pytest

from stancegraph.errors import AnalysisError
from stancegraph.viz.limit import limit_nodes
from stancegraph.viz.model import VizEdge, VizNode


def test_budget_is_shared_between_kinds_and_heaviest_kept() -> None:
    actors = [VizNode(f"actor/{i}", str(i), "actor", weight=i) for i in range(10)]
    issues = [VizNode(f"issue/{i}", str(i), "issue", weight=100 - i) for i in range(30)]
    edges = [VizEdge(a.key, s.key, "support") for a in actors for s in issues]
    limited = limit_nodes(actors + issues, edges, 8)
    kept = {n.key for n in limited.nodes}
    assert kept == {"actor/9", "actor/8", *(f"issue/{i}" for i in range(6))}
    assert len(limited.edges) == 12 and limited.dropped_nodes == 32
    assert limited.dropped_edges == 300 - 12
    assert limited.note() is not None and "32 nodes" in limited.note()  # type: ignore[operator]


def test_no_limit_keeps_everything() -> None:
    nodes = [VizNode("a", "a", "actor")]
    limited = limit_nodes(nodes, [], None)
    assert limited.nodes == tuple(nodes) and limited.note() is None
    with pytest.raises(AnalysisError, match="at least 1"):
        limit_nodes(nodes * 2, [], 0)
