"""``serve``: the embedded store as a SPARQL endpoint with a browser query page.

Runs the ``oxigraph`` server (PyPI package ``oxigraph``, the same version as
pyoxigraph) on the store, bound to 127.0.0.1 unless told otherwise, with the
union of the named graphs as the default graph, as every stancegraph query
expects. By default the server is read-only (``oxigraph serve-read-only``) and
this process holds the store's write lock while it runs, so nothing else can
write the store under it; a browser page elsewhere cannot change it either.
``allow_update`` serves it read-write (SPARQL update and Graph Store Protocol:
``stancegraph load --endpoint`` works). On Linux the server ends when the process
that started it dies, however it dies (kill -9 included): it never outlives ``serve``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from stancegraph.errors import StoreError, StoreLockedError
from stancegraph.store.embedded import EmbeddedStore

__all__ = ["Server", "find_oxigraph", "start_server"]

STARTUP_SECONDS = 20.0
_PR_SET_PDEATHSIG = 1


def find_oxigraph() -> Path:
    """The ``oxigraph`` server binary: beside this Python first, then on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError(
            "the oxigraph server is not installed: pip install 'stancegraph[server]' "
            "(or oxigraph==0.5.13)"
        )
    return Path(found)


def _check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise StoreError(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}): choose another "
                "--port or --host"
            ) from None


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Server:
    """A running ``oxigraph`` server; stop it with :meth:`stop` (or use ``with``)."""

    process: subprocess.Popen[bytes]
    host: str
    port: int
    log: IO[bytes]
    holder: EmbeddedStore | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The browser query page."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        """The SPARQL query service (what ``--endpoint`` takes)."""
        return self.url + "query"

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        return self.process.wait()

    def stop(self) -> None:
        """Stop the server and release the store."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        if self.holder is not None:
            self.holder.close()
            self.holder = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _failure(log: IO[bytes], store: Path) -> StoreError:
    log.seek(0)
    text = log.read().decode("utf-8", "replace").strip()
    if "lock" in text.lower():
        return StoreLockedError(
            f"the store {store} is in use by another process: stop it, or serve a copy"
        )
    first = text.splitlines()[-1][:200] if text else "no message"
    return StoreError(f"the oxigraph server did not start: {first}")


def _ending_with(parent: int) -> Callable[[], None] | None:
    """What the child runs before the server: Linux sends it SIGTERM when its *parent*
    dies (``prctl(PR_SET_PDEATHSIG)``), and if the parent died already, it ends.

    libc is found and loaded here, in the parent: between fork and exec the child may
    only make system calls (``find_library`` would start ``ldconfig`` from there)."""
    try:
        prctl = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def end_with_parent() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:
            os._exit(1)

    return end_with_parent


def start_server(
    store: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    allow_update: bool = False,
) -> Server:
    """Start serving the embedded store at *store* on *host*:*port*; return once it
    accepts connections."""
    store = Path(store)
    if not store.is_dir():
        raise StoreError(f"no store at {store}: run `stancegraph load` or `stancegraph run` first")
    binary = find_oxigraph()
    _check_port(host, port)
    holder = None
    if not allow_update:
        holder = EmbeddedStore(store)
    command = [
        str(binary),
        "serve" if allow_update else "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
    ]
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by Server.stop)
    process = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=_ending_with(os.getpid()) if sys.platform == "linux" else None,
    )
    server = Server(process=process, host=host, port=port, log=log, holder=holder)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = _failure(log, store)
            server.stop()
            raise error
        if _accepts(host, port):
            return server
        time.sleep(0.05)
    server.stop()
    raise StoreError(f"the oxigraph server did not start within {STARTUP_SECONDS:g} s")
