"""``stancegraph load FILE... [--store DIR | --endpoint URL]``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import (
    EndpointKindOption,
    EndpointOption,
    StoreOption,
    VocabOption,
    endpoint_kind,
    err_console,
    reporting_errors,
)


def load_command(
    files: Annotated[list[Path], typer.Argument(help="RDF files to load.")],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    endpoint_kind_: EndpointKindOption = None,
    vocab: VocabOption = None,
    no_validate: Annotated[
        bool,
        typer.Option(
            "--no-validate",
            help="Load without checking the SHACL shapes first (a corpus validated already).",
        ),
    ] = False,
) -> None:
    """Load RDF into the embedded store or an endpoint, all files checked against the
    shapes first; an article loaded again replaces its graph, so an interrupted load is
    finished by running it again."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeRemainingColumn,
    )

    from stancegraph.pipeline.load import load_files
    from stancegraph.store.open import using_endpoint_kind

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with (
        reporting_errors(),
        using_endpoint_kind(endpoint_kind(endpoint_kind_)),
        Progress(*columns, console=err_console.console, transient=True) as bar,
    ):
        tasks: dict[str, TaskID] = {}

        def advance(stage: str, path: Path, done: int, total: int) -> None:
            if stage not in tasks:
                label = "checking" if stage == "check" else "loading"
                tasks[stage] = bar.add_task(label, total=total)
            bar.update(tasks[stage], completed=done, description=f"{stage} {path.name}")

        result = load_files(
            files,
            store=store,
            endpoint=endpoint,
            vocab=vocab or (),
            progress=advance,
            validate=not no_validate,
        )
    err_console.print(
        f"loaded {len(result.graphs)} graph(s), {result.triples} triples, into {result.store} "
        f"({result.quads_in_store} quads in the store)",
        markup=False,
    )
