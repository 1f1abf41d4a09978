"""``stancegraph serve [--store DIR] [--port N] [--host H] [--allow-update]``."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from stancegraph.cli.common import err_console, reporting_errors
from stancegraph.defaults import DEFAULT_STORE


def serve_command(
    store: Annotated[Path, typer.Option("--store", help="Embedded store folder.")] = DEFAULT_STORE,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 7878,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    allow_update: Annotated[
        bool,
        typer.Option("--allow-update", help="Serve read-write: SPARQL update and graph store."),
    ] = False,
) -> None:
    """Serve the store as a SPARQL endpoint with a query page in the browser (Ctrl-C stops)."""
    from stancegraph.pipeline.serve import start_server

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with reporting_errors():
        server = start_server(store, host=host, port=port, allow_update=allow_update)
        try:
            err_console.print(
                f"serving {store} {'read-write' if allow_update else 'read-only'}: query page "
                f"{server.url}, SPARQL endpoint {server.query_url} (Ctrl-C to stop)",
                markup=False,
            )
            code = server.wait()
        finally:
            server.stop()
    if code not in (0, -15):
        raise typer.Exit(1)
