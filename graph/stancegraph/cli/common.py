"""What every command shares: exit codes, error reporting, the --vocab and store options."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from stancegraph.errors import NonConformingError, StanceGraphError, first_line
from stancegraph.store.deadline import busy

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "EXIT_ERROR",
    "EXIT_NONCONFORMING",
    "EXIT_OK",
    "EXIT_USAGE",
    "EndpointKind",
    "EndpointKindOption",
    "EndpointOption",
    "FileStoreOption",
    "SidesOption",
    "StoreOption",
    "VocabOption",
    "endpoint_kind",
    "err_console",
    "out_console",
    "reporting_errors",
]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
#: The data does not conform to the SHACL shapes.
EXIT_NONCONFORMING = 3

#: The control characters rich takes out of printed text (it expands tabs to 8 columns).
_RICH_STRIPS = str.maketrans("", "", "\x07\x08\x0b\x0c\r")


class LazyConsole:
    """A rich console for stdout or stderr, made when first needed: a line of plain text
    (``markup=False``, nothing else asked) is written as it is, as rich writes it with
    these settings (except that an emoji code such as ``:x:`` in a file name or a quote
    stays as written), so a command that prints only such lines never imports rich
    (about 30 ms of start-up)."""

    def __init__(self, *, stderr: bool = False) -> None:
        self.stderr = stderr
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        """The rich console (made on first use)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self.stderr, highlight=False, soft_wrap=True)
        return self._console

    @property
    def file(self) -> TextIO:
        """Where it writes now: the current ``sys.stdout`` or ``sys.stderr``."""
        return sys.stderr if self.stderr else sys.stdout

    def print(self, *objects: Any, markup: bool | None = None, **options: Any) -> None:
        """:meth:`rich.console.Console.print`; plain strings with ``markup=False`` and no
        other options are written directly."""
        if markup is False and not options and all(type(o) is str for o in objects):
            file = self.file
            file.write(" ".join(objects).translate(_RICH_STRIPS).expandtabs(8) + "\n")
            file.flush()
            return
        self.console.print(*objects, markup=markup, **options)

    def out(self, *objects: Any, **options: Any) -> None:
        """:meth:`rich.console.Console.out`."""
        self.console.out(*objects, **options)

    def status(self, *args: Any, **options: Any) -> Any:
        """:meth:`rich.console.Console.status`."""
        return self.console.status(*args, **options)

    @contextmanager
    def steps(self, first: str) -> Iterator[Callable[[str], None]]:
        """A status line naming the step a long command is at, redrawn as each starts
        (the function yielded is told the next one). Unlike :meth:`status`, no thread
        redraws it meanwhile: ``run`` hands work to a forked copy of its process only
        where no other thread runs (:mod:`stancegraph.pipeline.forked`)."""
        from rich.live import Live
        from rich.spinner import Spinner

        spinner = Spinner("dots", text=first)
        with Live(spinner, console=self.console, auto_refresh=False, transient=True) as live:

            def step(text: str) -> None:
                spinner.update(text=text)
                live.refresh()

            yield step


out_console = LazyConsole()
err_console = LazyConsole(stderr=True)

VocabOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--vocab",
        help="Extra Turtle file of actors, sides or issues (repeatable).",
        exists=False,
    ),
]

SidesOption = Annotated[
    tuple[str, str] | None,
    typer.Option(
        "--sides",
        help="The two sides to compare (ids or labels); default: the two sides with the "
        "most claims on issues both raise.",
    ),
]

StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="Embedded store folder (default: out/store)."),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="SPARQL 1.1 query URL of a remote store; credentials and timeouts from "
        "STANCEGRAPH_ENDPOINT_* environment variables.",
    ),
]


class EndpointKind(StrEnum):
    """The kinds of endpoint server (those of :mod:`stancegraph.store.endpoint`, not
    imported here so that ``--help`` stays light)."""

    oxigraph = "oxigraph"
    fuseki = "fuseki"
    virtuoso = "virtuoso"
    generic = "generic"


def endpoint_kind(choice: EndpointKind | None) -> str | None:
    """The kind :func:`stancegraph.store.open.using_endpoint_kind` takes."""
    return None if choice is None else choice.value


EndpointKindOption = Annotated[
    EndpointKind | None,
    typer.Option(
        "--endpoint-kind",
        case_sensitive=False,
        help="The --endpoint server's kind, which sets its update and graph store URLs "
        "(default: STANCEGRAPH_ENDPOINT_KIND, else read off the URL: /sparql virtuoso, "
        "/query oxigraph, /ds/sparql fuseki).",
    ),
]
FileStoreOption = Annotated[
    Path | None,
    typer.Option("--file", help="Small RDF file to query in memory, with the vocabulary."),
]


def _exit(code: int) -> typer.Exit:
    """The exit with *code*; at once when a query given up on still runs (a daemon
    thread in native code, perhaps writing to stdout, would break the interpreter's
    shutdown)."""
    if busy():
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    return typer.Exit(code)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn stancegraph errors into one line on stderr and an exit code."""
    try:
        yield
    except NonConformingError as exc:
        err_console.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_NONCONFORMING) from None
    except StanceGraphError as exc:
        err_console.print(f"error: {exc}", markup=False)
        raise _exit(EXIT_ERROR) from None
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, as command-line tools do
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise _exit(EXIT_OK) from None
    except KeyboardInterrupt:
        err_console.print(
            "interrupted: outputs already written are complete; re-run to finish", markup=False
        )
        raise _exit(130) from None
    except MemoryError as exc:
        # pyoxigraph refuses a literal over 16 MiB with a MemoryError, among others
        detail = f" ({first_line(exc)})" if str(exc) else ""
        err_console.print(
            f"error: the input is too large to hold in memory{detail}: split the file, or "
            "shorten its longest values (a literal over 16 MiB is refused)",
            markup=False,
        )
        raise typer.Exit(EXIT_ERROR) from None
    except RecursionError:
        err_console.print("error: the input is nested too deeply to read: flatten it", markup=False)
        raise typer.Exit(EXIT_ERROR) from None


def configure_logging(verbose: bool) -> None:
    """Log to stderr: warnings by default, everything with --verbose."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
