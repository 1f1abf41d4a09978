"""Hand-made claim records for the analysis tests."""

from __future__ import annotations

import datetime as dt
import itertools

from stancegraph.analysis.source import ClaimRecord

_ids = itertools.count(1)


def rec(
    claimant: str,
    side: str,
    issue: str,
    polarity: int,
    *,
    article: str = "a1",
    published: dt.date | None = dt.date(2024, 5, 6),
    target: str | None = None,
    confidence: float = 1.0,
) -> ClaimRecord:
    """A claim record with made-up evidence."""
    n = next(_ids)
    return ClaimRecord(
        article=article,
        published=published,
        claim=f"c{n}",
        claimant=claimant,
        claimant_name=claimant.title(),
        side=side,
        issue=issue,
        stance="support" if polarity > 0 else "oppose",
        polarity=polarity,
        position=f"position {n}",
        quote=f"quote {n}",
        start=n * 10,
        end=n * 10 + 5,
        confidence=confidence,
        target=target,
    )
