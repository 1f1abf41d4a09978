"""The ``stancegraph`` Typer application: one command per module, each loaded when used.

A command's module (its options, and through them its imports) is imported and
its click command built only when that command runs or a help page lists it, so
``stancegraph query ...`` pays for ``query`` alone, not for all ten commands
(click documents the pattern as lazily loaded subcommands).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from stancegraph import __version__
from stancegraph.cli.common import configure_logging

__all__ = ["COMMANDS", "app", "main"]

#: Each command's name, in the order help lists them, and whether it prints its help
#: when given no arguments. ``name`` is ``name_command`` in ``stancegraph.cli.name``.
COMMANDS: dict[str, bool] = {
    "run": False,
    "extract": True,
    "build": True,
    "validate": True,
    "load": True,
    "query": True,
    "analyze": False,
    "viz": False,
    "serve": False,
    "evaluate": True,
}


def build_command(name: str) -> Any:
    """The click command of *name*, from its module's plain function."""
    module = importlib.import_module(f"stancegraph.cli.{name}")
    single = typer.Typer()
    single.command(name, no_args_is_help=COMMANDS[name])(getattr(module, f"{name}_command"))
    return typer.main.get_command(single)


class _Commands(MutableMapping[str, Any]):
    """The commands of the group by name, each built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = build_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter([*COMMANDS, *(n for n in self._built if n not in COMMANDS)])

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built


class _LazyGroup(TyperGroup):
    """A Typer group whose commands are :class:`_Commands`."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()


app = typer.Typer(
    name="stancegraph",
    cls=_LazyGroup,
    help="Turn news articles into an issue-position knowledge graph.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


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
    """Console-script entry point (every command with the cyclic garbage collector run
    less often: see :mod:`stancegraph.collector`)."""
    from stancegraph.collector import rarer_collections

    with rarer_collections():
        app()
