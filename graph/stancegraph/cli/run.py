"""``stancegraph run``: the whole pipeline on seeds/, into out/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import SidesOption, VocabOption, err_console, reporting_errors
from stancegraph.cli.extract import ColumnsOption, SchedulerOption


def run_command(
    articles: Annotated[
        Path,
        typer.Option(
            "--articles",
            help="Folder tree of articles, exports and claims files, or one export "
            "(.jsonl, .csv, .parquet).",
        ),
    ] = Path("seeds"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write outputs to.")] = Path(
        "out"
    ),
    sides: SidesOption = None,
    vocab: VocabOption = None,
    score: Annotated[
        bool | None,
        typer.Option(
            "--score/--no-score",
            help="Score the extractor against the hand-coded claims files (loads the spaCy "
            "model); default: when the run extracts articles anyway.",
            show_default=False,
        ),
    ] = None,
    columns: ColumnsOption = None,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Processes to extract with.")] = 1,
    scheduler: SchedulerOption = None,
    regroup: Annotated[
        bool,
        typer.Option(
            "--regroup",
            help="Group the emergent issues of the whole corpus afresh instead of keeping "
            "those of the last run for its unchanged articles.",
        ),
    ] = False,
) -> None:
    """Run everything: claims -> RDF -> validation -> store -> report."""
    from stancegraph.analysis.coverage import unresolved_text
    from stancegraph.pipeline.corpus import parse_columns
    from stancegraph.pipeline.run import run

    with reporting_errors(), err_console.steps("running") as step:
        result = run(
            articles,
            out,
            vocab=vocab or (),
            sides=sides,
            progress=step,
            score=score,
            columns=parse_columns(columns or []),
            workers=workers,
            scheduler=scheduler,
            regroup=regroup,
        )
    err_console.print(
        f"{result.articles} article(s), {result.claims} claim(s) -> {result.rdf}, {result.store} "
        f"({result.quads_in_store} quads), {result.analysis}, {result.report}, "
        f"{', '.join(str(v) for v in result.views)}",
        markup=False,
    )
    unchanged = [
        f"{n} {what}"
        for n, what in (
            (result.reused, "article(s) not extracted again"),
            (result.articles - result.loaded, "article graph(s) not checked or loaded again"),
        )
        if n
    ]
    if unchanged:
        err_console.print(f"unchanged since the last run: {', '.join(unchanged)}", markup=False)
    err_console.print(result.comparison, markup=False)
    err_console.print(unresolved_text(result.coverage), markup=False)
    for warning in result.warnings:
        err_console.print(f"warning: {warning}", markup=False)
