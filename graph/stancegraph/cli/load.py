"""``stancegraph load FILE... [--store DIR]``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import VocabOption, err_console, reporting_errors
from stancegraph.pipeline.load import DEFAULT_STORE, load_files


def load_command(
    files: Annotated[list[Path], typer.Argument(help="RDF files to load.")],
    store: Annotated[Path, typer.Option("--store", help="Embedded store folder.")] = DEFAULT_STORE,
    vocab: VocabOption = None,
) -> None:
    """Load RDF into the embedded store; an article loaded again replaces its graph."""
    with reporting_errors():
        result = load_files(files, store=store, vocab=vocab or ())
    err_console.print(
        f"loaded {len(result.graphs)} graph(s), {result.triples} triples, into {result.store} "
        f"({result.quads_in_store} quads in the store)",
        markup=False,
    )
