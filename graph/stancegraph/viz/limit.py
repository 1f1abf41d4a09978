"""Cutting a view down to ``max_nodes``: the heaviest nodes of each kind, and their edges.

A browser stays responsive up to a few thousand nodes; beyond that a page
must aggregate. The budget is shared between the kinds of node (actors,
issues, ...) in proportion to how many there are, so a corpus with many
issues still shows its actors; within a kind the nodes with the most claims
are kept (ties broken by key, so the cut is deterministic).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stancegraph.errors import AnalysisError
from stancegraph.viz.model import VizEdge, VizNode

__all__ = ["Limited", "limit_nodes"]


@dataclass(frozen=True)
class Limited:
    """The nodes and edges kept, and how many of each were left out."""

    nodes: tuple[VizNode, ...]
    edges: tuple[VizEdge, ...]
    dropped_nodes: int
    dropped_edges: int

    def note(self) -> str | None:
        """A line for the page saying what was left out, or None when nothing was."""
        if not self.dropped_nodes:
            return None
        return (
            f"Showing the {len(self.nodes):,} nodes with the most claims; "
            f"{self.dropped_nodes:,} nodes and {self.dropped_edges:,} edges left out "
            "(raise --max-nodes to see more)."
        )


def _budgets(counts: dict[str, int], max_nodes: int) -> dict[str, int]:
    """Share *max_nodes* between kinds in proportion to *counts* (largest remainders first)."""
    total = sum(counts.values())
    budgets = {kind: (max_nodes * n) // total for kind, n in counts.items()}
    spare = max_nodes - sum(budgets.values())
    for kind in sorted(counts, key=lambda k: (-((max_nodes * counts[k]) % total), k)):
        if spare <= 0:
            break
        if budgets[kind] < counts[kind]:
            budgets[kind] += 1
            spare -= 1
    return budgets


def limit_nodes(
    nodes: Sequence[VizNode], edges: Sequence[VizEdge], max_nodes: int | None
) -> Limited:
    """Keep at most *max_nodes* nodes (None: all) and the edges between kept nodes."""
    if max_nodes is None or len(nodes) <= max_nodes:
        return Limited(tuple(nodes), tuple(edges), 0, 0)
    if max_nodes < 1:
        raise AnalysisError(f"--max-nodes must be at least 1, not {max_nodes}: give a larger limit")
    by_kind: dict[str, list[VizNode]] = {}
    for node in nodes:
        by_kind.setdefault(node.kind, []).append(node)
    budgets = _budgets({k: len(v) for k, v in by_kind.items()}, max_nodes)
    kept: set[str] = set()
    for kind, members in by_kind.items():
        members.sort(key=lambda n: (-n.weight, n.key))
        kept.update(n.key for n in members[: budgets[kind]])
    kept_nodes = tuple(n for n in nodes if n.key in kept)
    kept_edges = tuple(e for e in edges if e.source in kept and e.target in kept)
    return Limited(
        kept_nodes,
        kept_edges,
        len(nodes) - len(kept_nodes),
        len(edges) - len(kept_edges),
    )
