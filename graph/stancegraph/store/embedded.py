"""The embedded Oxigraph store (pyoxigraph), on disk or in memory.

Queries see the union of all graphs as the default graph. Big N-Quads and TriG
files are parsed and bulk-loaded by Oxigraph itself, never through rdflib, in
chunks and in parallel (:mod:`~stancegraph.store.bulk`). Each bulk-loaded chunk
adds its own sorted files to the store and queries slow down two- to threefold
when there are many, so a store that took :data:`COMPACT_AFTER_CHUNKS` chunks or
more is compacted when it is closed (1.2 s per million quads, and queries are
then faster than after one big ``bulk_load``) - unless what was loaded is small
beside the store: compaction rewrites the whole store, and a few articles added
to a big one are left to RocksDB's own background compaction.

Opening a store another process holds (say, ``oxigraph serve --location``)
fails with a :class:`~stancegraph.errors.StoreLockedError` that says so and
how to get around it, instead of RocksDB's lock-file message.
"""

from __future__ import annotations

import contextlib
import errno
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

import pyoxigraph as ox

from stancegraph.errors import QueryError, StoreError, StoreLockedError, first_line
from stancegraph.store.base import AskResult, GraphResult, QueryResult, SelectResult
from stancegraph.store.binding import select_bound
from stancegraph.store.journal import half_finished, unfinished_message
from stancegraph.store.terms import (
    OxTerm,
    RDFTerm,
    rows_from_oxigraph,
    too_many_rows,
    triple_from_oxigraph,
)

logger = logging.getLogger(__name__)

__all__ = ["COMPACT_AFTER_CHUNKS", "COMPACT_MIN_SHARE", "EmbeddedStore", "should_compact"]

#: Bulk-loaded chunks after which closing the store compacts it ...
COMPACT_AFTER_CHUNKS = 4
#: ... if the files loaded are at least this share of the store's size on disk.
COMPACT_MIN_SHARE = 0.25


def should_compact(chunks: int, loaded_bytes: int, store_bytes: int) -> bool:
    """Whether a store that took *chunks* bulk-loaded chunks from files of *loaded_bytes*
    and now takes *store_bytes* on disk is worth compacting."""
    return chunks >= COMPACT_AFTER_CHUNKS and loaded_bytes >= COMPACT_MIN_SHARE * store_bytes


def _size_on_disk(folder: Path) -> int:
    return sum(entry.stat().st_size for entry in folder.glob("*.sst"))


def _refuse_foreign_folder(path: Path) -> None:
    """A store is created in a new or empty folder, or opened where one is: never in an
    ordinary folder, where RocksDB's files would end up among the user's."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store folder: give a folder for the store")
    if path.is_dir() and not (path / "CURRENT").is_file() and any(path.iterdir()):
        raise StoreError(
            f"{path} is a folder with other files in it, not a store: give a new or empty "
            "folder (or an existing store)"
        )


class EmbeddedStore:
    """A pyoxigraph store at *path* (``None``: in memory), read-write unless *read_only*."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        self._chunks_loaded = 0
        self._bytes_loaded = 0
        try:
            if self.path is None:
                self._store: ox.Store | None = ox.Store()
            elif read_only:
                if self.path.is_file():
                    raise StoreError(
                        f"{self.path} is a file, not a store folder: load it with `stancegraph "
                        "load`, or query it with --file (analyze and viz take it as SOURCE)"
                    )
                if not (self.path / "CURRENT").is_file():
                    raise StoreError(
                        f"no store at {self.path}: give a store folder (run `stancegraph load` "
                        "or `stancegraph run` first) or an RDF file"
                    )
                self._store = ox.Store.read_only(str(self.path))
            else:
                _refuse_foreign_folder(self.path)
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"the store {self.path} is in use by another process (e.g. `stancegraph "
                    "serve`): stop that process, or query it through its endpoint"
                ) from exc
            raise StoreError(f"cannot open the store {self.path}: {first_line(exc)}") from exc
        if self.path is not None and read_only:
            note = half_finished(self.path)
            if note is not None:
                logger.warning(unfinished_message(self.path, note))

    @property
    def store(self) -> ox.Store:
        """The pyoxigraph store; an error once :meth:`close` has released it."""
        if self._store is None:
            raise StoreError(f"the store {self.path or '(in memory)'} is closed: open it again")
        return self._store

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Replace named graph *graph* with the triples in *ntriples*."""
        name = ox.NamedNode(graph)
        try:
            self.store.remove_graph(name)
            self.store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=name)
        except (OSError, SyntaxError, ValueError) as exc:
            raise self._write_failure(exc, f"cannot write graph {graph} to the store") from exc

    def replace_graphs(self, path: Path, fmt: str, graphs: Sequence[str]) -> None:
        """Replace *graphs* with the quads of the checked N-Quads or TriG file *path*,
        bulk-loaded by Oxigraph (no rdflib on this path: it is the fast one)."""
        try:
            for graph in graphs:
                self.store.remove_graph(ox.NamedNode(graph))
            from stancegraph.store import bulk  # loading only: queries start faster

            self._chunks_loaded += bulk.bulk_load_checked(self.store, Path(path), fmt)
            self._bytes_loaded += Path(path).stat().st_size
        except (OSError, SyntaxError, ValueError) as exc:
            raise self._write_failure(exc, f"cannot load {path} into the store") from exc

    def replace_graphs_from(self, chunks: Iterable[bytes], graphs: Sequence[str]) -> None:
        """Replace *graphs* with the quads of checked N-Quads that arrive as *chunks*
        (each whole lines; see :func:`~stancegraph.store.bulk.bulk_load_chunks`)."""
        try:
            for graph in graphs:
                self.store.remove_graph(ox.NamedNode(graph))

            def counted() -> Iterator[bytes]:
                for chunk in chunks:
                    self._bytes_loaded += len(chunk)
                    yield chunk

            from stancegraph.store import bulk

            self._chunks_loaded += bulk.bulk_load_chunks(self.store, counted())
        except (OSError, SyntaxError, ValueError) as exc:
            raise self._write_failure(exc, "cannot load the graphs into the store") from exc

    def _write_failure(self, exc: BaseException, what: str) -> StoreError:
        """The one-line error for a write that failed; a full disk said as such."""
        if getattr(exc, "errno", None) == errno.ENOSPC or "no space left" in str(exc).lower():
            return StoreError(
                f"the disk holding the store {self.path or '(in memory)'} is full: free some "
                "space, then run the same load again to finish it"
            )
        return StoreError(f"{what}: {first_line(exc)}")

    def query(self, query: str, *, max_rows: int | None = None) -> QueryResult:
        """Run *query* (already bound) over the union of all graphs; a SELECT of more
        than *max_rows* rows (or a graph of more triples) is a :class:`QueryError`."""
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
            if isinstance(result, ox.QuerySolutions):
                variables = tuple(v.value for v in result.variables)
                return SelectResult(variables=variables, rows=rows_from_oxigraph(result, max_rows))
            if isinstance(result, ox.QueryBoolean):
                return AskResult(value=bool(result))
            triples: list[tuple[RDFTerm, RDFTerm, RDFTerm]] = []
            for triple in result:
                if max_rows is not None and len(triples) == max_rows:
                    raise too_many_rows(max_rows)
                triples.append(triple_from_oxigraph(triple))
            return GraphResult(triples=tuple(triples))
        except SyntaxError as exc:
            raise QueryError(f"the SPARQL query is malformed: {first_line(exc)}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the SPARQL query failed: {first_line(exc)}") from exc

    def iter_select(
        self, query: str
    ) -> tuple[
        tuple[str, ...], Iterator[tuple[ox.NamedNode | ox.Literal | ox.BlankNode | None, ...]]
    ]:
        """The variables of SELECT *query* (already bound) and its rows of pyoxigraph
        terms, as the engine finds them: nothing is held in memory or converted."""
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"the SPARQL query is malformed: {first_line(exc)}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the SPARQL query failed: {first_line(exc)}") from exc
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("only a SELECT query gives rows: use query() for ASK or CONSTRUCT")
        solutions = result

        def rows() -> Iterator[tuple[OxTerm | None, ...]]:
            try:
                for solution in solutions:
                    yield tuple(solution)
            except (OSError, RuntimeError, ValueError) as exc:
                raise QueryError(f"the SPARQL query failed: {first_line(exc)}") from exc

        return tuple(v.value for v in result.variables), rows()

    def select(self, query: str, bindings: Mapping[str, RDFTerm] | None = None) -> SelectResult:
        """Run SELECT *query* over the union of all graphs with *bindings* bound."""
        return select_bound(self, query, bindings)

    def update(self, update: str) -> None:
        """Run the SPARQL *update*; a read-only store refuses it."""
        if self.read_only:
            raise StoreError(
                f"the store {self.path} is open read-only: give --allow-update to change it"
            )
        try:
            self.store.update(update)
        except SyntaxError as exc:
            raise QueryError(f"the SPARQL update is malformed: {first_line(exc)}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the SPARQL update failed: {first_line(exc)}") from exc

    def graph_names(self) -> list[str]:
        """The named graphs in the store, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        """The number of quads in *graph*, or in the whole store."""
        if graph is None:
            return len(self.store)
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def close(self) -> None:
        """Flush pending writes, compact after a big bulk load, and release the store (and
        its lock) now rather than whenever the object is garbage collected."""
        if self._store is None:
            return
        if self.path is not None and not self.read_only:
            with contextlib.suppress(OSError):
                self._store.flush()
                if should_compact(
                    self._chunks_loaded, self._bytes_loaded, _size_on_disk(self.path)
                ):
                    self._store.optimize()
            self._chunks_loaded = self._bytes_loaded = 0
        self._store = None
