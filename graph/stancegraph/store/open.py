"""Opening the store a command works on: embedded (default), a file in memory, or an
endpoint. ``load``, ``query``, ``analyze`` and ``viz`` all go through :func:`open_store`.

The kind of endpoint server (``--endpoint-kind``) reaches :func:`open_store` either as
its *endpoint_kind* argument or, for the pipeline functions that do not take one, from
:func:`using_endpoint_kind` around the call (what the commands do).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from stancegraph.defaults import DEFAULT_STORE
from stancegraph.errors import InputError, StoreError
from stancegraph.store.base import GraphStore
from stancegraph.store.embedded import EmbeddedStore

__all__ = ["DEFAULT_STORE", "open_source", "open_store", "using_endpoint_kind"]

_ENDPOINT_KIND: ContextVar[str | None] = ContextVar("stancegraph_endpoint_kind", default=None)


@contextmanager
def using_endpoint_kind(kind: str | None) -> Iterator[None]:
    """Within this block, an endpoint :func:`open_store` opens without an explicit
    *endpoint_kind* is of *kind* (``None``: from the environment or the URL)."""
    token = _ENDPOINT_KIND.set(kind)
    try:
        yield
    finally:
        _ENDPOINT_KIND.reset(token)


def open_store(
    store_dir: Path | None = None,
    endpoint: str | None = None,
    file: Path | None = None,
    *,
    read_only: bool,
    vocab: Sequence[Path] = (),
    endpoint_kind: str | None = None,
) -> GraphStore:
    """The store named by at most one of *store_dir* (embedded, on disk), *endpoint* (a
    SPARQL 1.1 query URL) or *file* (an RDF file, loaded in memory with the vocabulary
    and *vocab*); none: the embedded store at :data:`DEFAULT_STORE`.

    *read_only* opens an embedded store read-only (so a served store can be read) and
    makes every store refuse updates. *endpoint_kind* (default: the one
    :func:`using_endpoint_kind` set, else the environment's or the URL's) names the
    kind of endpoint server; it is an error without *endpoint*.
    """
    given = [
        name
        for name, value in (("--store", store_dir), ("--endpoint", endpoint), ("--file", file))
        if value is not None
    ]
    if len(given) > 1:
        raise StoreError(f"{' and '.join(given)} were given together: give only one store")
    kind = endpoint_kind if endpoint_kind is not None else _ENDPOINT_KIND.get()
    # each kind of store imports what it needs when it is opened: a query on the
    # embedded store does not pay for the HTTP client or the RDF file readers
    if endpoint is not None:
        from stancegraph.store.endpoint import EndpointStore

        return EndpointStore.from_url(endpoint, read_only=read_only, kind=kind)
    if kind is not None:
        raise StoreError(f"--endpoint-kind {kind} was given without --endpoint: give both")
    if file is not None:
        from stancegraph.store.memory import open_file_store

        store = open_file_store(Path(file), vocab=vocab)
        store.read_only = read_only
        return store
    return EmbeddedStore(Path(store_dir or DEFAULT_STORE), read_only=read_only)


def open_source(
    source: Path | None = None, endpoint: str | None = None, *, vocab: Sequence[Path] = ()
) -> GraphStore:
    """A read-only store for commands that read claims (``analyze``, ``viz``): *source*
    is an embedded store folder or an RDF file (default :data:`DEFAULT_STORE`), or
    *endpoint* a SPARQL 1.1 query URL."""
    if endpoint is not None:
        if source is not None:
            raise StoreError("a SOURCE and --endpoint were given together: give only one")
        return open_store(endpoint=endpoint, read_only=True)
    path = Path(source) if source is not None else DEFAULT_STORE
    if path.is_dir():
        return open_store(store_dir=path, read_only=True)
    if not path.exists():
        raise InputError(
            f"{path} does not exist: give an RDF file or a store folder (run `stancegraph run` "
            "to make out/store)"
        )
    return open_store(file=path, read_only=True, vocab=vocab)
