"""Deterministic node placement: positions are computed here, never by the browser.

Pages open with physics off, so a layout must be good on its own and cheap at
tens of thousands of nodes. Both layouts are pure arithmetic over nodes sorted
by stable keys: the same nodes always get the same coordinates, on any machine,
with no random seed to carry around.

- :func:`divergence_layout`: left to right, the first side's actors, the issues
  only the first side addresses, the shared issues (nudged towards the side
  that raises them more), the issues only the second side addresses, and the
  second side's actors. Everything else (other sides' actors, issues neither
  side addresses) goes in rows underneath.
- :func:`cluster_layout`: one sunflower-spiral cluster per ``group`` (a side,
  a topic), the clusters spaced round a circle: used for the actor and issue
  networks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from stancegraph.viz.model import VizNode

__all__ = ["cluster_layout", "divergence_layout"]

#: Vertical distance between two rows of nodes, in CSS pixels at zoom 1.
ROW = 66.0
#: Width of one column of issue boxes.
COLUMN = 210.0
#: Width of one column of actors.
ACTOR_COLUMN = 150.0
#: Horizontal gap between the regions of the divergence layout.
GAP = 70.0
#: Distance between neighbours in a cluster.
SPACING = 60.0
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))


def _rank(node: VizNode) -> tuple[str, float, str, str]:
    return (node.group, -node.weight, node.label.casefold(), node.key)


def _round(value: float) -> float:
    return round(value, 1) + 0.0


def _columns(count: int, max_rows: int) -> tuple[int, int]:
    """(columns, rows) of a block of *count* items at most *max_rows* high."""
    if count == 0:
        return 0, 0
    columns = math.ceil(count / max_rows)
    return columns, math.ceil(count / columns)


def _block(
    nodes: Sequence[VizNode],
    left: float,
    max_rows: int,
    row: float,
    nudge: Callable[[VizNode], float] = lambda node: 0.0,
    width: float = COLUMN,
) -> tuple[list[VizNode], float]:
    """Place *nodes* in columns *width* wide from x = *left*, centred on y = 0; return them
    and the width of the block."""
    columns, rows = _columns(len(nodes), max_rows)
    placed = []
    for index, node in enumerate(nodes):
        column, line = divmod(index, rows) if rows else (0, 0)
        x = left + width * (column + 0.5) + nudge(node)
        y = (line - (rows - 1) / 2.0) * row
        placed.append(replace(node, x=_round(x), y=_round(y)))
    return placed, width * columns


def divergence_layout(
    nodes: Iterable[VizNode], first: str, second: str | None
) -> tuple[VizNode, ...]:
    """Place actors of *first* left, of *second* right (none in a one-sided map), and
    issues between them by lean."""
    regions: list[list[VizNode]] = [[], [], [], [], []]
    below: list[VizNode] = []
    for node in sorted(nodes, key=_rank):
        if node.kind in ("actor", "side"):
            if node.side == first:
                regions[0].append(node)
            elif second is not None and node.side == second:
                regions[4].append(node)
            else:
                below.append(node)
        elif node.lean is None:
            below.append(node)
        elif node.lean <= -1.0:
            regions[1].append(node)
        elif node.lean >= 1.0:
            regions[3].append(node)
        else:
            regions[2].append(node)
    total = sum(len(r) for r in regions) + len(below)
    max_rows = max(12, math.ceil(math.sqrt(total * 2.0)))
    tallest = max((_columns(len(r), max_rows)[1] for r in regions[1:4]), default=0)
    placed: list[VizNode] = []
    left = 0.0
    for index, region in enumerate(regions):
        if not region:
            continue
        row = ROW
        if index in (0, 4):
            rows = _columns(len(region), max_rows)[1]
            row = min(2.0 * ROW, max(ROW, ROW * tallest / max(rows, 1)))
        nudge = (lambda n: 0.3 * COLUMN * (n.lean or 0.0)) if index == 2 else (lambda n: 0.0)
        column = ACTOR_COLUMN if index in (0, 4) else COLUMN
        block, width = _block(region, left, max_rows, row, nudge, column)
        placed += block
        left += width + GAP
    shift = (left - GAP) / 2.0 if placed else 0.0
    placed = [replace(n, x=_round(n.x - shift)) for n in placed]
    if below:
        top = max((n.y for n in placed), default=0.0) + 2.0 * ROW
        per_row = max(1, math.ceil(math.sqrt(len(below) * 4.0)))
        for index, node in enumerate(below):
            line, column = divmod(index, per_row)
            in_row = min(per_row, len(below) - line * per_row)
            x = (column - (in_row - 1) / 2.0) * COLUMN
            placed.append(replace(node, x=_round(x), y=_round(top + line * ROW)))
    return tuple(sorted(placed, key=lambda n: n.key))


def _spiral(count: int) -> list[tuple[float, float]]:
    return [
        (
            SPACING * 0.62 * math.sqrt(i + 0.5) * math.cos(i * _GOLDEN_ANGLE),
            SPACING * 0.62 * math.sqrt(i + 0.5) * math.sin(i * _GOLDEN_ANGLE),
        )
        for i in range(count)
    ]


def cluster_layout(nodes: Iterable[VizNode]) -> tuple[VizNode, ...]:
    """One spiral cluster per ``group``, the clusters round a circle, heaviest nodes central."""
    groups: dict[str, list[VizNode]] = {}
    for node in sorted(nodes, key=_rank):
        groups.setdefault(node.group, []).append(node)
    radii = {g: SPACING * 0.62 * math.sqrt(len(members)) + SPACING for g, members in groups.items()}
    circumference = sum(2.0 * r for r in radii.values())
    ring = circumference / (2.0 * math.pi) if len(groups) > 1 else 0.0
    placed: list[VizNode] = []
    travelled = 0.0
    for group, members in groups.items():
        radius = radii[group]
        angle = math.pi + 2.0 * math.pi * (travelled + radius) / max(circumference, 1.0)
        travelled += 2.0 * radius
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        for node, (dx, dy) in zip(members, _spiral(len(members)), strict=True):
            placed.append(replace(node, x=_round(cx + dx), y=_round(cy + dy)))
    return tuple(sorted(placed, key=lambda n: n.key))
