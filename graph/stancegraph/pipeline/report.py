"""The run report: what was coded, per side, per issue and per topic, as Markdown."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from stancegraph.claims.io import ArticleClaims
from stancegraph.markdown import markdown_cell
from stancegraph.vocab.model import Vocabulary

__all__ = ["CodingSummary", "render_report", "summarize_claims"]


@dataclass(frozen=True)
class CodingSummary:
    """Counts over a set of coded articles."""

    articles: int
    claims: int
    claims_per_side: dict[str, int]
    issues_per_side: dict[str, tuple[str, ...]]
    claims_per_topic_side: dict[str, dict[str, int]]
    stances_per_side: dict[str, dict[str, int]]


def summarize_claims(articles: Sequence[ArticleClaims], vocabulary: Vocabulary) -> CodingSummary:
    """Count claims per side, issues per side, and claims per topic and side."""
    per_side: Counter[str] = Counter()
    issues: defaultdict[str, set[str]] = defaultdict(set)
    per_topic: defaultdict[str, Counter[str]] = defaultdict(Counter)
    stances: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for claim in article.data.claims:
            per_side[claim.side] += 1
            issues[claim.side].add(claim.issue)
            per_topic[vocabulary.topic_of(claim.issue)][claim.side] += 1
            stances[claim.side][claim.stance] += 1
    return CodingSummary(
        articles=len(articles),
        claims=sum(per_side.values()),
        claims_per_side=dict(sorted(per_side.items())),
        issues_per_side={s: tuple(sorted(v)) for s, v in sorted(issues.items())},
        claims_per_topic_side={t: dict(sorted(c.items())) for t, c in sorted(per_topic.items())},
        stances_per_side={s: dict(sorted(c.items())) for s, c in sorted(stances.items())},
    )


def _label(vocabulary: Vocabulary, kind: str, key: str) -> str:
    table = vocabulary.sides if kind == "side" else vocabulary.issues
    item = table.get(key)
    return markdown_cell(item.label) if item is not None else markdown_cell(key)


def render_report(
    summary: CodingSummary,
    vocabulary: Vocabulary,
    *,
    titles: Sequence[str] = (),
    sections: Sequence[str] = (),
    warnings: Sequence[str] = (),
) -> str:
    """The Markdown report of *summary*, its *warnings* (one line each, shown first),
    followed by any extra *sections*."""
    sides = list(summary.claims_per_side)
    lines = ["# stancegraph report", ""]
    lines.append(f"{summary.articles} article(s), {summary.claims} claim(s).")
    lines.append("")
    for warning in warnings:
        lines += [f"> **Warning**: {markdown_cell(warning)}", ""]
    for title in titles:
        lines.append(f"- {markdown_cell(title)}")
    if titles:
        lines.append("")
    lines += [
        "## Claims per side",
        "",
        "| side | claims | issues | support | oppose |",
        "|---|---:|---:|---:|---:|",
    ]
    for side in sides:
        st = summary.stances_per_side.get(side, {})
        lines.append(
            f"| {_label(vocabulary, 'side', side)} | {summary.claims_per_side[side]} | "
            f"{len(summary.issues_per_side.get(side, ()))} | {st.get('support', 0)} | "
            f"{st.get('oppose', 0)} |"
        )
    lines += ["", "## Issues per side", ""]
    for side in sides:
        labels = ", ".join(
            _label(vocabulary, "issue", i) for i in summary.issues_per_side.get(side, ())
        )
        lines.append(f"- **{_label(vocabulary, 'side', side)}**: {labels}")
    lines += ["", "## Claims per topic", ""]
    header = "| topic | " + " | ".join(_label(vocabulary, "side", s) for s in sides) + " |"
    lines += [header, "|---|" + "---:|" * len(sides)]
    for topic, counts in summary.claims_per_topic_side.items():
        cells = " | ".join(str(counts.get(s, 0)) for s in sides)
        lines.append(f"| {_label(vocabulary, 'issue', topic)} | {cells} |")
    for section in sections:
        lines += ["", section.rstrip()]
    return "\n".join(lines) + "\n"
