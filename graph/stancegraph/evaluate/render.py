"""Score tables: one row per metric, rendered as a table, CSV, JSON or Markdown."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from stancegraph.evaluate.scoring import ClaimScores, SpanScores

__all__ = ["ScoreTable", "claim_table", "render_scores", "span_table"]


@dataclass(frozen=True)
class ScoreTable:
    """A titled list of (metric, value) rows and the counts behind them."""

    title: str
    rows: tuple[tuple[str, float], ...]
    counts: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "scores": {k: round(v, 4) for k, v in self.rows},
            "counts": dict(self.counts),
        }


def claim_table(title: str, scores: ClaimScores) -> ScoreTable:
    """The rows of a claims-vs-claims evaluation."""
    c = scores.counts
    return ScoreTable(
        title,
        (
            ("claim precision", c.precision),
            ("claim recall", c.recall),
            ("claim F1", c.f1),
            ("actor accuracy", scores.accuracy("actor")),
            ("side accuracy", scores.accuracy("side")),
            ("issue accuracy", scores.accuracy("issue")),
            ("stance accuracy", scores.accuracy("stance")),
        ),
        (("matched", c.matched), ("predicted", c.predicted), ("gold", c.gold)),
    )


def span_table(
    title: str, scores: SpanScores, problems: dict[str, int] | None = None
) -> ScoreTable:
    """The rows of an evaluation against BRAT attribution data."""
    c = scores.counts
    counts = [
        ("articles", scores.articles),
        ("matched", c.matched),
        ("predicted", c.predicted),
        ("gold", c.gold),
        ("speaker scored", scores.speaker_scored),
    ]
    counts += sorted((problems or {}).items())
    return ScoreTable(
        title,
        (
            ("content precision", c.precision),
            ("content recall", c.recall),
            ("content F1", c.f1),
            ("speaker accuracy", scores.speaker_accuracy),
        ),
        tuple(counts),
    )


def render_scores(tables: list[ScoreTable], fmt: str = "table") -> str:
    """*tables* as ``table`` (plain text), ``markdown``, ``csv`` or ``json``."""
    if fmt == "json":
        return json.dumps([t.as_dict() for t in tables], indent=2, sort_keys=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["evaluation", "metric", "value"])
        for t in tables:
            for k, v in t.rows:
                writer.writerow([t.title, k, f"{v:.4f}"])
            for k, n in t.counts:
                writer.writerow([t.title, k, n])
        return buffer.getvalue()
    lines: list[str] = []
    for t in tables:
        if fmt == "markdown":
            lines += [f"**{t.title}**", "", "| metric | value |", "|---|---:|"]
            lines += [f"| {k} | {v:.3f} |" for k, v in t.rows]
            lines += [f"| {k} | {n} |" for k, n in t.counts]
        else:
            lines.append(t.title)
            width = max(len(k) for k, _ in (*t.rows, *t.counts))
            lines += [f"  {k:<{width}}  {v:6.3f}" for k, v in t.rows]
            lines += [f"  {k:<{width}}  {n:6d}" for k, n in t.counts]
        lines.append("")
    return "\n".join(lines)
