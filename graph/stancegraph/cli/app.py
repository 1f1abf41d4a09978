"""The ``stancegraph`` Typer application: registers one command per module."""

from __future__ import annotations

from typing import Annotated

import typer

from stancegraph import __version__
from stancegraph.cli.analyze import analyze_command
from stancegraph.cli.build import build_command
from stancegraph.cli.common import configure_logging
from stancegraph.cli.evaluate import evaluate_command
from stancegraph.cli.extract import extract_command
from stancegraph.cli.load import load_command
from stancegraph.cli.query import query_command
from stancegraph.cli.run import run_command
from stancegraph.cli.serve import serve_command
from stancegraph.cli.validate import validate_command
from stancegraph.cli.viz import viz_command

__all__ = ["app", "main"]

app = typer.Typer(
    name="stancegraph",
    help="Turn news articles into an issue-position knowledge graph.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)
app.command("run")(run_command)
app.command("extract", no_args_is_help=True)(extract_command)
app.command("build", no_args_is_help=True)(build_command)
app.command("validate", no_args_is_help=True)(validate_command)
app.command("load", no_args_is_help=True)(load_command)
app.command("query", no_args_is_help=True)(query_command)
app.command("analyze")(analyze_command)
app.command("viz")(viz_command)
app.command("serve")(serve_command)
app.command("evaluate", no_args_is_help=True)(evaluate_command)


def _version(value: bool) -> None:
    if value:
        print(f"stancegraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log details to stderr.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    configure_logging(verbose)


def main() -> None:
    """Console-script entry point."""
    app()
