"""``stancegraph run``: the whole pipeline on seeds/, into out/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stancegraph.analysis.coverage import unresolved_text
from stancegraph.cli.common import SidesOption, VocabOption, err_console, reporting_errors
from stancegraph.pipeline.run import run


def run_command(
    articles: Annotated[
        Path, typer.Option("--articles", help="Folder of articles and claims files.")
    ] = Path("seeds"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write outputs to.")] = Path(
        "out"
    ),
    sides: SidesOption = None,
    vocab: VocabOption = None,
) -> None:
    """Run everything: claims -> RDF -> validation -> store -> report."""
    with reporting_errors(), err_console.status("running") as status:
        result = run(articles, out, vocab=vocab or (), sides=sides, progress=status.update)
    err_console.print(
        f"{result.articles} article(s), {result.claims} claim(s) -> {result.rdf}, {result.store} "
        f"({result.quads_in_store} quads), {result.analysis}, {result.report}, "
        f"{', '.join(str(v) for v in result.views)}",
        markup=False,
    )
    err_console.print(result.comparison, markup=False)
    err_console.print(unresolved_text(result.coverage), markup=False)
    for warning in result.warnings:
        err_console.print(f"warning: {warning}", markup=False)
