"""``stancegraph evaluate GOLD... [--predicted DIR] [--strict] [--format F]``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import VocabOption, out_console, reporting_errors


class ScoreFormat(StrEnum):
    """Output formats of the score table."""

    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def evaluate_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            help="Hand-coded claims files, or BRAT split folders (text/, attributions/)."
        ),
    ],
    predicted: Annotated[
        Path | None,
        typer.Option(
            "--predicted", help="Folder of extracted claims files (default: extract now)."
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Score only the first N BRAT articles.")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="BRAT: every predicted content span is a unit (embedded ones, each quote).",
        ),
    ] = False,
    fmt: Annotated[ScoreFormat, typer.Option("--format", "-f")] = ScoreFormat.table,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model package.")] = None,
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="Extra extraction rules (repeatable).")
    ] = None,
    vocab: VocabOption = None,
) -> None:
    """Score extraction against gold: claims P/R/F1 and agreement, or BRAT content and speakers."""
    from stancegraph.evaluate.render import render_scores
    from stancegraph.pipeline.evaluate import evaluate_paths

    with reporting_errors():
        tables = evaluate_paths(
            gold,
            predicted=predicted,
            limit=limit,
            model=model,
            rules=rules or (),
            vocab=vocab or (),
            strict=strict,
        )
    out_console.print(render_scores(tables, fmt.value), markup=False, end="")
