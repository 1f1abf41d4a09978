"""Flat rows (lists of dicts of plain Python values) of claims, query results and analyses.

For spreadsheets and any table library. The package does not need pandas: every
function here returns plain values; :mod:`stancegraph.frames` turns each into a
pandas DataFrame with proper dtypes (``claim_frame``, ``issue_frame``, ...).
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

from rdflib import Literal

from stancegraph.analysis.divergence import ScopedIndexes, SideStance
from stancegraph.analysis.result import Analysis
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import AnalysisError
from stancegraph.queries.results import short_term
from stancegraph.store.base import SelectResult
from stancegraph.store.terms import RDFTerm

__all__ = [
    "centrality_rows",
    "claim_rows",
    "index_rows",
    "issue_rows",
    "pair_window_rows",
    "result_rows",
    "side_claim_rows",
    "topic_rows",
]

Row = dict[str, Any]
#: What :func:`centrality_rows` ranks.
CentralityOf = typing.Literal["actors", "issues"]


def _value(term: RDFTerm | None, short: bool) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    return short_term(term) if short else str(term)


def result_rows(result: SelectResult, *, short: bool = True) -> list[Row]:
    """The rows of a SELECT result: literals as Python values, IRIs as ``prefix:name``
    (``short=False``: full IRIs)."""
    return [{k: _value(v, short) for k, v in row.items()} for row in result.records()]


def claim_rows(articles: Iterable[ArticleClaims]) -> list[Row]:
    """One row per claim, in file order: for reviewing claims files as a table."""
    rows = []
    for article in articles:
        meta = article.data.article
        for claim in article.data.claims:
            rows.append(
                {
                    "article": meta.id,
                    "published": meta.published,
                    "claim": claim.id,
                    "claimant": claim.claimant,
                    "mention": claim.mention.text if claim.mention else None,
                    "side": claim.side,
                    "issue": claim.issue,
                    "stance": claim.stance,
                    "position": claim.position,
                    "cue": claim.cue.text if claim.cue else None,
                    "quote": claim.evidence.text,
                    "start": claim.evidence.start,
                    "end": claim.evidence.end,
                    "target": claim.target,
                    "conditional": claim.conditional,
                    "confidence": claim.confidence,
                    "note": claim.note,
                }
            )
    return rows


def _stance(stance: SideStance | None, lean: float) -> str | None:
    return None if stance is None else stance.lean(lean)


def issue_rows(analysis: Analysis) -> list[Row]:
    """The divergence map: one row per issue, with each side's stance and the verdict."""
    a, b = analysis.side_labels
    lean = analysis.options.lean
    return [
        {
            "issue": v.issue,
            "label": v.label,
            "topic": v.topic,
            "verdict": v.verdict,
            a: _stance(v.a, lean),
            b: _stance(v.b, lean),
            "distance": v.distance,
            "claims": len(v.claims),
        }
        for v in analysis.issues
    ]


def topic_rows(analysis: Analysis) -> list[Row]:
    """The roll-up along ``skos:broader``: one row per topic."""
    a, b = analysis.side_labels
    return [
        {
            "topic": t.topic,
            "label": t.label,
            "verdict": t.verdict,
            "convergent": t.convergent,
            "divergent": t.divergent,
            "mixed": t.mixed,
            f"only {a}": t.only_a,
            f"only {b}": t.only_b,
            "contested": t.contested,
        }
        for t in analysis.topics
    ]


def _index_row(kind: str, scoped: ScopedIndexes) -> Row:
    i = scoped.indexes
    return {
        "scope": kind,
        "name": scoped.scope,
        "first": scoped.first,
        "last": scoped.last,
        "articles": scoped.articles,
        "claims": scoped.claims,
        "issues": i.issues,
        "shared": i.shared,
        "talking_past": i.talking_past,
        "divergence": i.divergence,
    }


def index_rows(analysis: Analysis) -> list[Row]:
    """The talking-past and divergence indexes: the corpus, each article, each window."""
    return [
        _index_row("corpus", analysis.corpus),
        *(_index_row("article", s) for s in analysis.per_article),
        *(_index_row("window", s) for s in analysis.per_window),
    ]


def pair_window_rows(analysis: Analysis) -> list[Row]:
    """The indexes of every pair of sides in each time window (an analysis with a
    window): one row per pair and window, the pairs in the order of ``analysis.pairs``
    (the pair the corpus is most about first), each pair's windows oldest first."""
    labels = {(p.a, p.b): (p.a_label, p.b_label) for p in analysis.pairs}
    rows = []
    for pair in analysis.pair_windows:
        a_label, b_label = labels[(pair.a, pair.b)]
        for scoped in pair.windows:
            row = _index_row("window", scoped)
            del row["scope"]
            rows.append(
                {
                    "a": pair.a,
                    "b": pair.b,
                    "pair": f"{a_label} and {b_label}",
                    "window": row.pop("name"),
                    **row,
                }
            )
    return rows


def side_claim_rows(analysis: Analysis) -> list[Row]:
    """Claims of each side of the pair on each issue of the map: one row per issue (as
    :func:`issue_rows`), a column of claim counts per side."""
    a, b = analysis.side_labels
    return [
        {
            "issue": v.issue,
            "label": v.label,
            a: len(v.a.claims) if v.a else 0,
            b: len(v.b.claims) if v.b else 0,
        }
        for v in analysis.issues
    ]


def centrality_rows(analysis: Analysis, of: CentralityOf = "actors") -> list[Row]:
    """Who bridges: the actors by betweenness in the congruence network, with their side,
    weighted degree and ties to other sides' actors (``of="issues"``: the issues in the
    co-occurrence network, with their topic and ties under other topics); most central
    first."""
    if of == "actors":
        graph, items, group = analysis.networks.congruence, analysis.actor_centrality, "side"
    elif of == "issues":
        graph, items, group = analysis.cooccurrence, analysis.issue_centrality, "topic"
    else:
        raise AnalysisError(f"unknown centrality {of!r}: use 'actors' or 'issues'")
    rows = []
    for c in items:
        data = graph.nodes[c.node] if c.node in graph else {}
        rows.append(
            {
                "node": c.node,
                "label": c.label,
                group: data.get(f"{group}_label", data.get(group)),
                "betweenness": c.betweenness,
                "degree": c.degree,
                f"cross_{group}": c.cross_side,
            }
        )
    return rows
