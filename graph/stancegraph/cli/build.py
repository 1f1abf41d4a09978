"""``stancegraph build CLAIMS... -o FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import VocabOption, err_console, reporting_errors


def build_command(
    claims: Annotated[list[Path], typer.Argument(help="Claims files (*.claims.yaml).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="RDF file to write.")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="trig, turtle, nquads, ntriples or json-ld (default: by extension).",
        ),
    ] = None,
    vocab: VocabOption = None,
) -> None:
    """Build RDF from claims files: one named graph per article, byte-identical every time."""
    from stancegraph.pipeline.build import build_claims

    with reporting_errors():
        result = build_claims(claims, output, fmt=fmt, vocab=vocab or ())
    err_console.print(
        f"wrote {result.output} ({result.format}): {result.articles} article(s), "
        f"{result.claims} claim(s)",
        markup=False,
    )
