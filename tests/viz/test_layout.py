"""Layouts put sides apart and issues between them, deterministically."""

from __future__ import annotations

import random

from stancegraph.viz.layout import cluster_layout, divergence_layout
from stancegraph.viz.model import VizNode


def _nodes() -> list[VizNode]:
    nodes = [VizNode(f"actor/a{i}", f"A{i}", "actor", side="a", weight=i) for i in range(5)]
    nodes += [VizNode(f"actor/b{i}", f"B{i}", "actor", side="b") for i in range(3)]
    nodes += [VizNode("actor/c", "C", "actor", side="c")]
    nodes += [VizNode(f"issue/a{i}", f"only a {i}", "issue", lean=-1.0) for i in range(4)]
    nodes += [VizNode(f"issue/s{i}", f"shared {i}", "issue", lean=(i - 2) / 3) for i in range(5)]
    nodes += [VizNode(f"issue/b{i}", f"only b {i}", "issue", lean=1.0) for i in range(30)]
    nodes += [VizNode("issue/none", "neither", "issue", lean=None)]
    return nodes


def test_divergence_layout_orders_sides_and_issues_left_to_right() -> None:
    placed = {n.key: n for n in divergence_layout(_nodes(), "a", "b")}
    xs = {
        prefix: [n.x for k, n in placed.items() if k.startswith(prefix)]
        for prefix in ("actor/a", "issue/a", "issue/s", "issue/b", "actor/b")
    }
    assert max(xs["actor/a"]) < min(xs["issue/a"])
    assert max(xs["issue/a"]) < min(xs["issue/s"])
    assert max(xs["issue/s"]) < min(xs["issue/b"])
    assert max(xs["issue/b"]) < min(xs["actor/b"])
    assert abs(sum(n.x for n in placed.values() if n.y <= 0)) < 5000
    bottom = max(n.y for k, n in placed.items() if k not in ("actor/c", "issue/none"))
    assert placed["actor/c"].y > bottom and placed["issue/none"].y > bottom
    assert placed["issue/s0"].x < placed["issue/s4"].x


def test_divergence_layout_has_no_overlaps_and_ignores_input_order() -> None:
    nodes = _nodes()
    first = divergence_layout(nodes, "a", "b")
    random.Random(7).shuffle(nodes)
    assert divergence_layout(nodes, "a", "b") == first
    assert len({(n.x, n.y) for n in first}) == len(first)


def test_cluster_layout_keeps_groups_apart() -> None:
    nodes = [VizNode(f"n{g}{i}", f"{g}{i}", "actor", group=g) for g in "abc" for i in range(20)]
    placed = cluster_layout(nodes)
    centres = {}
    for g in "abc":
        members = [n for n in placed if n.group == g]
        centres[g] = (sum(n.x for n in members) / 20, sum(n.y for n in members) / 20)
    for g in "abc":
        for n in (n for n in placed if n.group == g):
            own = (n.x - centres[g][0]) ** 2 + (n.y - centres[g][1]) ** 2
            assert all(
                own < (n.x - c[0]) ** 2 + (n.y - c[1]) ** 2 for h, c in centres.items() if h != g
            )
    assert len({(n.x, n.y) for n in placed}) == 60
    assert cluster_layout(reversed(nodes)) == placed
