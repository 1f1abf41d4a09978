"""An :class:`~stancegraph.analysis.result.Analysis` as Markdown and as JSON-ready data.

Text from articles (quotes, positions) is untrusted: in Markdown it is escaped
so that it can neither break a table nor inject HTML when the report is rendered.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from stancegraph.analysis.coverage import Coverage
from stancegraph.analysis.divergence import IssueVerdict, PairIndexes, ScopedIndexes, SideStance
from stancegraph.analysis.networks import Centrality
from stancegraph.analysis.result import Analysis
from stancegraph.analysis.sides import UNKNOWN_SIDE, PairSummary
from stancegraph.analysis.source import ClaimRecord
from stancegraph.defaults import PAIRS_SHOWN
from stancegraph.markdown import markdown_cell as _md

__all__ = [
    "PAIRS_SHOWN",
    "QUOTES_PER_ISSUE",
    "TOP_CONTESTED",
    "analysis_document",
    "analysis_to_json",
    "analysis_to_markdown",
    "comparison_text",
    "coverage_to_markdown",
    "issue_order",
    "stance_cell",
]

#: How many contested issues the report lists, and how many quotes per side.
TOP_CONTESTED = 5
QUOTES_PER_ISSUE = 3
_VERDICT_ORDER = {"divergent": 0, "mixed": 1, "convergent": 2, "one-sided": 3}


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def stance_cell(stance: SideStance | None, lean: float) -> str:
    """'support (2)', 'oppose (1)', 'mixed (+2/-1)' or '-' for a side's stance."""
    if stance is None:
        return "-"
    way = stance.lean(lean)
    if way == "mixed":
        return f"mixed (+{stance.support}/-{stance.oppose})"
    return f"{way} ({stance.support if way == 'support' else stance.oppose})"


def issue_order(verdict: IssueVerdict) -> tuple[int, int, str]:
    """Shared issues first (divergent, mixed, convergent), then one-sided by side."""
    side = 0 if verdict.a is not None else 1
    return (_VERDICT_ORDER.get(verdict.verdict, 4), side, verdict.label)


def _quote(record: ClaimRecord, side_label: str) -> str:
    return (
        f'> "{_md(record.quote)}" ({_md(record.claimant_name)}, {_md(side_label)}; '
        f"{_md(record.key)})"
    )


def comparison_text(analysis: Analysis) -> str:
    """Which sides the map compares and why: 'A and B: the two sides with ...'."""
    la, lb = analysis.side_labels
    pair = la if analysis.one_sided else f"{la} and {lb}"
    return f"{pair}: {analysis.pair.reason}"


def _index_sentence(analysis: Analysis) -> str:
    ix = analysis.corpus.indexes
    la, lb = analysis.side_labels
    if analysis.one_sided:
        return (
            f"**One-sided map**: only {_md(la)} has claims on the {ix.issues} issue(s) of the "
            "map, so no issue is shared and there is no divergence index."
        )
    return (
        f"**Talking-past index {_num(ix.talking_past)}**: of {ix.issues} issues raised, "
        f"{ix.only_a} only by {_md(la)} and {ix.only_b} only by {_md(lb)}. "
        f"**Divergence index {_num(ix.divergence)}** (mean stance distance, 0 = same stance, "
        f"1 = opposite) over {ix.shared} shared issues: {ix.convergent} convergent, "
        f"{ix.divergent} divergent, {ix.mixed} mixed."
    )


def _scoped_table(title: str, rows: Sequence[ScopedIndexes]) -> list[str]:
    lines = [
        f"### {title}",
        "",
        "| scope | dates | articles | claims | issues | shared | talking-past | divergence |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        dates = (
            "undated"
            if row.first is None
            else f"{row.first}" + ("" if row.last == row.first else f" to {row.last}")
        )
        ix = row.indexes
        lines.append(
            f"| {_md(row.scope)} | {dates} | {row.articles} | {row.claims} | {ix.issues} | "
            f"{ix.shared} | {_num(ix.talking_past)} | {_num(ix.divergence)} |"
        )
    return [*lines, ""]


def coverage_to_markdown(coverage: Coverage, *, unknown_label: str = "Unattributed") -> list[str]:
    """What the map leaves out: claims of unknown side (and who said them), claims with no
    issue; each with the next step."""
    if not coverage.claims:
        return []
    lines = []
    if coverage.unknown_side:
        names = ", ".join(f"{_md(name)} ({n})" for name, n in coverage.unresolved)
        lines.append(
            f"- **Unknown side** ({_md(unknown_label)}): {coverage.unknown_side} of "
            f"{coverage.claims} claims ({coverage.unknown_share:.0%}); they are in no pair of "
            f"sides. Most frequent unresolved speakers: {names}. Add the speakers to an actor "
            "file given with --vocab."
        )
    else:
        lines.append(f"- **Unknown side**: none of the {coverage.claims} claims.")
    if coverage.unclassified:
        lines.append(
            f"- **No issue** (unclassified): {coverage.unclassified} of {coverage.claims} "
            f"claims ({coverage.unclassified_share:.0%}); they are in no issue, index or "
            "network. Add propositions to a SKOS file given with --vocab."
        )
    else:
        lines.append(f"- **No issue** (unclassified): none of the {coverage.claims} claims.")
    return [*lines, ""]


def _pair_rows(pairs: Sequence[PairSummary]) -> list[str]:
    lines = [
        "| sides | claims on shared issues | issues | shared | convergent | divergent | mixed "
        "| talking-past | divergence |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in pairs[:PAIRS_SHOWN]:
        ix = p.indexes
        lines.append(
            f"| {_md(p.a_label)} and {_md(p.b_label)} | {p.shared_claims} | {ix.issues} | "
            f"{ix.shared} | {ix.convergent} | {ix.divergent} | {ix.mixed} | "
            f"{_num(ix.talking_past)} | {_num(ix.divergence)} |"
        )
    if len(pairs) > PAIRS_SHOWN:
        lines += ["", f"{len(pairs) - PAIRS_SHOWN} more pair(s) in the JSON output."]
    return [*lines, ""]


def _pairs_lines(analysis: Analysis, h: str) -> list[str]:
    if len(analysis.sides) <= 2:
        return []
    lines = [f"{h}# Every pair of sides that shares an issue", ""]
    if not analysis.pairs:
        return [*lines, "No two sides raise a common issue.", ""]
    return [*lines, *_pair_rows(analysis.pairs)]


def _centrality_lines(title: str, items: Sequence[Centrality], what: str) -> list[str]:
    lines = [
        f"### {title}",
        "",
        f"| {what} | betweenness | weighted degree | ties across |",
        "|---|---:|---:|---:|",
    ]
    for item in items[:TOP_CONTESTED]:
        lines.append(
            f"| {_md(item.label)} | {item.betweenness:.3f} | {item.degree:.2f} | "
            f"{item.cross_side} |"
        )
    return [*lines, ""]


def analysis_to_markdown(analysis: Analysis, *, heading_level: int = 2) -> str:
    """The divergence map, the indexes, contested issues with quotes, and the networks."""
    h = "#" * heading_level
    la, lb = analysis.side_labels
    labels = analysis.side_names
    lean = analysis.options.lean
    title = f"{_md(la)} only (one-sided)" if analysis.one_sided else f"{_md(la)} and {_md(lb)}"
    lines = [
        f"{h} Divergence: {title}",
        "",
        f"**Sides compared**: {_md(comparison_text(analysis))}.",
        "",
        _index_sentence(analysis),
        "",
        *coverage_to_markdown(
            analysis.coverage, unknown_label=labels.get(UNKNOWN_SIDE, "Unattributed")
        ),
    ]
    if analysis.options.min_confidence > 0:
        lines += [f"Claims with confidence below {analysis.options.min_confidence} left out.", ""]
    lines += _pairs_lines(analysis, h)
    lines += [
        f"{h}# Issue map",
        "",
        f"| issue | topic | verdict | {_md(la)} | {_md(lb)} | distance |",
        "|---|---|---|---|---|---:|",
    ]
    for v in sorted(analysis.issues, key=issue_order):
        topic = analysis.bipartite.nodes[f"issue/{v.issue}"].get("topic_label", v.topic)
        lines.append(
            f"| {_md(v.label)} | {_md(str(topic))} | {v.verdict} | {stance_cell(v.a, lean)} | "
            f"{stance_cell(v.b, lean)} | {_num(v.distance)} |"
        )
    lines += [
        "",
        f"{h}# Topics (roll-up along skos:broader)",
        "",
        f"| topic | verdict | shared: conv / div / mixed | only {_md(la)} | only {_md(lb)} "
        "| contested |",
        "|---|---|---|---:|---:|---|",
    ]
    for t in analysis.topics:
        why = []
        if t.divergent:
            why.append("diverging issue")
        if t.mutual_targeting:
            why.append("each side targets the other")
        lines.append(
            f"| {'&nbsp;' * 2 * t.depth}{_md(t.label)} | {t.verdict} | {t.convergent} / "
            f"{t.divergent} / {t.mixed} | {t.only_a} | {t.only_b} | "
            f"{'yes: ' + ', '.join(why) if why else 'no'} |"
        )
    lines += ["", f"{h}# Most contested issues", ""]
    if not analysis.contested:
        lines += ["No issue has actors on both sides of it.", ""]
    for contest in analysis.contested[:TOP_CONTESTED]:
        lines += [
            f"**{_md(contest.label)}**: {len(contest.supporters)} actor(s) support, "
            f"{len(contest.opponents)} oppose.",
            "",
        ]
        for polarity in (1, -1):
            chosen = [c for c in contest.claims if c.polarity == polarity][:QUOTES_PER_ISSUE]
            for record in chosen:
                lines += [_quote(record, labels.get(record.side, record.side)), ""]
    lines += _scoped_table("Indexes per article", analysis.per_article)
    if analysis.per_window:
        lines += _scoped_table(f"Indexes per {analysis.options.window}", analysis.per_window)
    subtract = analysis.networks.subtract
    balance = analysis.balance
    lines += [
        f"{h}# Actor networks (normalisation: {analysis.options.projection.normalization})",
        "",
        f"{analysis.networks.congruence.number_of_nodes()} actors; "
        f"{analysis.networks.congruence.number_of_edges()} congruence ties, "
        f"{analysis.networks.conflict.number_of_edges()} conflict ties, "
        f"{subtract.number_of_edges()} signed ties after subtraction. Structural balance: "
        f"{balance.balanced} of {balance.triangles} signed triangles balanced "
        f"({_num(balance.share)}).",
        "",
    ]
    lines += _centrality_lines("Who bridges (actors)", analysis.actor_centrality, "actor")
    lines += _centrality_lines("Central issues (co-occurrence)", analysis.issue_centrality, "issue")
    return "\n".join(lines).rstrip() + "\n"


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _stance_json(stance: SideStance | None, lean: float) -> dict[str, Any] | None:
    if stance is None:
        return None
    return {
        "support": stance.support,
        "oppose": stance.oppose,
        "score": _r(stance.score),
        "lean": stance.lean(lean),
        "claims": [c.key for c in stance.claims],
    }


def _indexes_json(ix: PairIndexes) -> dict[str, Any]:
    return {
        "issues": ix.issues,
        "shared": ix.shared,
        "only_a": ix.only_a,
        "only_b": ix.only_b,
        "convergent": ix.convergent,
        "divergent": ix.divergent,
        "mixed": ix.mixed,
        "talking_past": _r(ix.talking_past),
        "divergence": _r(ix.divergence),
    }


def _scoped_json(row: ScopedIndexes) -> dict[str, Any]:
    ix = row.indexes
    return {
        "scope": row.scope,
        "first": row.first.isoformat() if row.first else None,
        "last": row.last.isoformat() if row.last else None,
        "articles": row.articles,
        "claims": row.claims,
        **_indexes_json(ix),
    }


def _centrality_json(items: Sequence[Centrality]) -> list[dict[str, Any]]:
    return [
        {
            "node": c.node,
            "label": c.label,
            "betweenness": _r(c.betweenness),
            "degree": _r(c.degree),
            "cross_side": c.cross_side,
        }
        for c in items
    ]


def _pair_json(pair: PairSummary) -> dict[str, Any]:
    ix = pair.indexes
    return {
        "a": {"id": pair.a, "label": pair.a_label},
        "b": {"id": pair.b, "label": pair.b_label},
        "shared_claims": pair.shared_claims,
        **_indexes_json(ix),
    }


def _coverage_json(coverage: Coverage) -> dict[str, Any]:
    return {
        "claims": coverage.claims,
        "unknown_side": coverage.unknown_side,
        "unknown_share": _r(coverage.unknown_share),
        "unclassified": coverage.unclassified,
        "unclassified_share": _r(coverage.unclassified_share),
        "unresolved_speakers": [{"name": name, "claims": n} for name, n in coverage.unresolved],
    }


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """*analysis* as plain JSON-ready data (claims by key, so every verdict cites them)."""
    document = analysis_document(analysis)
    document["claims"] = dict(document["claims"])
    return document


class _ClaimsJson(Mapping[str, dict[str, Any]]):
    """The claims of an analysis by key, each made JSON-ready when it is asked for."""

    def __init__(self, records: Sequence[ClaimRecord]) -> None:
        self._by_key = {r.key: r for r in records}

    def __getitem__(self, key: str) -> dict[str, Any]:
        return _claim_json(self._by_key[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_key)

    def __len__(self) -> int:
        return len(self._by_key)


def _claim_json(r: ClaimRecord) -> dict[str, Any]:
    return {
        "article": r.article,
        "published": r.published.isoformat() if r.published else None,
        "claimant": r.claimant,
        "claimant_name": r.claimant_name,
        "side": r.side,
        "issue": r.issue,
        "stance": r.stance,
        "position": r.position,
        "quote": r.quote,
        "start": r.start,
        "end": r.end,
        "confidence": r.confidence,
        "target": r.target,
    }


def analysis_document(analysis: Analysis) -> dict[str, Any]:
    """:func:`analysis_to_json` with its ``claims`` a read-only mapping whose records are
    made as they are read (for :func:`~stancegraph.jsontext.json_chunks`, which writes
    them one at a time: the records of a long corpus are never all held as JSON data)."""
    lean = analysis.options.lean
    options = analysis.options
    return {
        "sides": {
            "a": {"id": analysis.side_a, "label": analysis.side_labels[0]},
            "b": None
            if analysis.side_b is None
            else {"id": analysis.side_b, "label": analysis.side_labels[1]},
            "reason": analysis.pair.reason,
            "one_sided": analysis.one_sided,
        },
        "pairs": [_pair_json(p) for p in analysis.pairs],
        "coverage": _coverage_json(analysis.coverage),
        "options": {
            "min_confidence": options.min_confidence,
            "lean": options.lean,
            "window": options.window,
            "normalization": options.projection.normalization,
            "min_weight": options.projection.min_weight,
            "top_k": options.projection.top_k,
        },
        "indexes": {
            "corpus": _scoped_json(analysis.corpus),
            "per_article": [_scoped_json(r) for r in analysis.per_article],
            "per_window": [_scoped_json(r) for r in analysis.per_window],
            "per_pair_window": [
                {
                    "a": pair.a,
                    "b": pair.b,
                    "windows": [_scoped_json(r) for r in pair.windows],
                }
                for pair in analysis.pair_windows
            ],
        },
        "issues": [
            {
                "issue": v.issue,
                "label": v.label,
                "topic": v.topic,
                "verdict": v.verdict,
                "distance": _r(v.distance),
                "a": _stance_json(v.a, lean),
                "b": _stance_json(v.b, lean),
            }
            for v in sorted(analysis.issues, key=issue_order)
        ],
        "topics": [
            {
                "topic": t.topic,
                "label": t.label,
                "depth": t.depth,
                "verdict": t.verdict,
                "engaged_by": list(t.engaged_by),
                "issues": list(t.issues),
                "convergent": t.convergent,
                "divergent": t.divergent,
                "mixed": t.mixed,
                "only_a": t.only_a,
                "only_b": t.only_b,
                "mutual_targeting": t.mutual_targeting,
                "contested": t.contested,
            }
            for t in analysis.topics
        ],
        "contested": [
            {
                "issue": c.issue,
                "label": c.label,
                "supporters": list(c.supporters),
                "opponents": list(c.opponents),
                "conflict_pairs": c.conflict_pairs,
                "claims": [r.key for r in c.claims],
            }
            for c in analysis.contested
        ],
        "networks": {
            "actors": analysis.networks.congruence.number_of_nodes(),
            "congruence_ties": analysis.networks.congruence.number_of_edges(),
            "conflict_ties": analysis.networks.conflict.number_of_edges(),
            "signed_ties": analysis.networks.subtract.number_of_edges(),
            "issue_cooccurrence_ties": analysis.cooccurrence.number_of_edges(),
            "balance": {
                "triangles": analysis.balance.triangles,
                "balanced": analysis.balance.balanced,
                "share": _r(analysis.balance.share),
            },
            "actor_centrality": _centrality_json(analysis.actor_centrality),
            "issue_centrality": _centrality_json(analysis.issue_centrality),
        },
        "claims": _ClaimsJson(analysis.records),
    }
