"""``stancegraph validate FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import (
    EXIT_NONCONFORMING,
    VocabOption,
    err_console,
    out_console,
    reporting_errors,
)


def validate_command(
    file: Annotated[Path, typer.Argument(help="RDF file to check (TriG, Turtle, N-Quads, ...).")],
    rdf_format: Annotated[
        str | None,
        typer.Option(
            "--rdf-format", help="The file's RDF format: trig, turtle, ... (default: by extension)."
        ),
    ] = None,
    vocab: VocabOption = None,
    legacy_format: Annotated[
        str | None,
        # -f is the *output* format everywhere else; kept, unlisted, for scripts
        typer.Option("--format", "-f", hidden=True),
    ] = None,
) -> None:
    """Check RDF against the SHACL shapes; exit 3 when it does not conform."""
    from stancegraph.pipeline.validate import validate_file

    fmt = rdf_format or legacy_format
    with reporting_errors(), err_console.status(f"checking {file.name} against the shapes"):
        result = validate_file(file, fmt=fmt, vocab=vocab or ())
    if result.conforms:
        out_console.print(f"{file}: conforms to the shapes", markup=False)
        return
    for violation in result.violations:
        out_console.print(f"- {violation.describe()}", markup=False)
    err_console.print(
        f"{file}: does not conform: {len(result.violations)} violation(s)", markup=False
    )
    raise typer.Exit(EXIT_NONCONFORMING)
