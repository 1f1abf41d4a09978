"""Matching predicted spans to gold spans, the PolNeAR way.

Two spans match when their overlap is at least half of the shorter one;
pairs are matched one to one, largest overlap first (ties by position).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["Pair", "match_spans", "overlap"]

Pair = tuple[int, int]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by the spans *a* and *b*."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]
) -> list[Pair]:
    """One-to-one (predicted index, gold index) pairs, largest overlap first."""
    candidates: list[tuple[int, int, int]] = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = overlap(p, g)
            shorter = min(p[1] - p[0], g[1] - g[0])
            if shared > 0 and shared * 2 >= shorter:
                candidates.append((-shared, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[Pair] = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)
