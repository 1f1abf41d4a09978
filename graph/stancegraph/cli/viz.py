"""``stancegraph viz [SOURCE] -o FILE.html``: one interactive, offline view of the analysis."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import (
    EndpointKindOption,
    EndpointOption,
    SidesOption,
    VocabOption,
    endpoint_kind,
    err_console,
    reporting_errors,
)
from stancegraph.defaults import DEFAULT_MAX_NODES


class ViewChoice(StrEnum):
    """The views ``viz`` can draw."""

    divergence = "divergence"
    actors = "actors"
    issues = "issues"


def viz_command(
    source: Annotated[
        Path | None, typer.Argument(help="Store folder or RDF file (default: out/store).")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "out/divergence.html"
    ),
    view: Annotated[
        ViewChoice, typer.Option("--view", help="divergence, actors or issues.")
    ] = ViewChoice.divergence,
    sides: SidesOption = None,
    max_nodes: Annotated[
        int,
        typer.Option("--max-nodes", min=1, help="Keep at most this many nodes, the most claimed."),
    ] = DEFAULT_MAX_NODES,
    endpoint: EndpointOption = None,
    endpoint_kind_: EndpointKindOption = None,
    vocab: VocabOption = None,
) -> None:
    """Draw the analysis as one self-contained HTML page (offline; opens in any browser)."""
    from stancegraph.pipeline.viz import viz
    from stancegraph.store.open import using_endpoint_kind

    with reporting_errors(), using_endpoint_kind(endpoint_kind(endpoint_kind_)):
        result = viz(
            source,
            output,
            endpoint=endpoint,
            view=view.value,
            sides=sides,
            max_nodes=max_nodes,
            vocab=vocab or (),
        )
    err_console.print(
        f"wrote {result.output} ({result.view} view): {result.nodes} node(s), "
        f"{result.edges} edge(s)",
        markup=False,
    )
    if result.note:
        err_console.print(result.note, markup=False)
