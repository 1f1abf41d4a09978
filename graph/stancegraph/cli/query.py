"""``stancegraph query NAME|FILE|- [--param k=v ...] [--store | --endpoint | --file]``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from stancegraph.cli.common import (
    EndpointKindOption,
    EndpointOption,
    FileStoreOption,
    StoreOption,
    VocabOption,
    endpoint_kind,
    err_console,
    out_console,
    reporting_errors,
)
from stancegraph.defaults import DEFAULT_TIMEOUT, MAX_ROWS, RESULT_FORMATS
from stancegraph.errors import QueryError

if TYPE_CHECKING:
    from stancegraph.store.base import QueryResult

#: A table result of at most this many rows, to a terminal, is laid out by rich (wrapped to
#: the screen); a longer one, or one written to a pipe or a file, as plain columns.
RICH_ROWS = 200


def _print_catalog(everything: bool = False) -> None:
    from rich.table import Table

    from stancegraph.queries.catalog import list_queries

    table = Table("query", "parameters", "what it answers", show_lines=False)
    internal = []
    for query in list_queries():
        if query.internal and not everything:
            internal.append(query.name)
            continue
        params = " ".join(
            f"[{p.name}={p.type}]" if p.optional else f"{p.name}={p.type}" for p in query.params
        )
        table.add_row(query.name, params, query.title, end_section=False)
    out_console.print(table, markup=False)
    if internal:
        out_console.print(
            f"Also {len(internal)} queries the tool runs itself: {', '.join(internal)} "
            "(--list --all shows them).",
            markup=False,
        )


def query_command(
    source: Annotated[
        str | None,
        typer.Argument(help="A named query (see --list), a .rq file, or - for stdin."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="name=value (repeatable). Typed by the query's header: actor=wang-yi, "
            'issue=foreign-trade; or <IRI>, prefix:name, "text", "text"@en, 3, true.',
        ),
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    endpoint_kind_: EndpointKindOption = None,
    file: FileStoreOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, tsv, json or markdown.")
    ] = "table",
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Allow a SPARQL update to change the store.")
    ] = False,
    allow_remote: Annotated[
        bool,
        typer.Option("--allow-remote", help="Allow SERVICE clauses that ask other servers."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            help="Seconds the query may run (0: no limit); Ctrl-C also ends it.",
            min=0,
        ),
    ] = DEFAULT_TIMEOUT,
    max_rows: Annotated[
        int,
        typer.Option(
            "--max-rows",
            help="Most rows held in memory for table, json and markdown (csv and tsv "
            "stream, with no limit).",
            min=1,
        ),
    ] = MAX_ROWS,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    all_: Annotated[
        bool, typer.Option("--all", help="With --list: also the queries the tool runs itself.")
    ] = False,
    vocab: VocabOption = None,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store, read-only."""
    from stancegraph.pipeline.query import write_query
    from stancegraph.store.open import using_endpoint_kind

    with reporting_errors(), using_endpoint_kind(endpoint_kind(endpoint_kind_)):
        if list_:
            _print_catalog(all_)
            return
        if source is None:
            raise QueryError("no query given: name one (see --list), give a .rq file, or -")
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"unknown format {fmt!r}: use one of {', '.join(RESULT_FORMATS)}")
        stdin = sys.stdin.read() if source == "-" else None
        if fmt == "table":
            out: TextIO | None = None
        else:
            out = sys.stdout
        run = write_query(
            source,
            param or (),
            out,
            fmt,
            store=store,
            endpoint=endpoint,
            file=file,
            vocab=vocab or (),
            allow_update=allow_update,
            allow_remote=allow_remote,
            stdin=stdin,
            timeout=timeout or None,
            max_rows=max_rows,
        )
    if run.rows is not None:
        err_console.print(f"{run.rows} row(s)", markup=False)
        return
    if run.result is None:
        if run.bound.form == "UPDATE":
            err_console.print(f"update {run.query.name} done", markup=False)
        return
    if fmt != "table":
        return
    _print_table(run.result)


def _print_table(result: QueryResult) -> None:
    """*result* as a table: rich's, wrapped to the screen, for a short one on a terminal;
    plain aligned columns otherwise."""
    from stancegraph.aligned import aligned_lines
    from stancegraph.queries.results import format_result, result_table
    from stancegraph.store.base import GraphResult

    if isinstance(result, GraphResult):
        sys.stdout.write(format_result(result, "table"))
        return
    header, rows = result_table(result)
    if len(rows) <= RICH_ROWS and sys.stdout.isatty():
        from rich.table import Table

        table = Table()
        for name in header:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*row)
        out_console.print(table)
    else:
        # longer than a screen, or into a pipe or a file: plain columns, at csv's speed
        write = sys.stdout.write
        for line in aligned_lines(header, rows):
            write(line + "\n")
        sys.stdout.flush()
    err_console.print(f"{len(rows)} row(s)", markup=False)
