"""The embedded Oxigraph store (pyoxigraph), on disk or in memory.

Opening a store another process holds (say, ``oxigraph serve --location``)
fails with a :class:`~stancegraph.errors.StoreLockedError` that says so and
how to get around it, instead of RocksDB's lock-file message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from stancegraph.errors import QueryError, StoreError, StoreLockedError
from stancegraph.store.base import SelectResult
from stancegraph.store.terms import RDFTerm, from_oxigraph, to_oxigraph

__all__ = ["EmbeddedStore"]


class EmbeddedStore:
    """A pyoxigraph store at *path* (``None``: in memory), read-write unless *read_only*."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        try:
            if self.path is None:
                self.store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(
                        f"no store at {self.path}: run `stancegraph load` or `stancegraph run` "
                        "first"
                    )
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreLockedError(
                    f"the store {self.path} is in use by another process (e.g. `stancegraph "
                    "serve`): stop that process, or query it through its endpoint"
                ) from exc
            raise StoreError(
                f"cannot open the store {self.path}: {message.splitlines()[0]}"
            ) from exc

    def __enter__(self) -> EmbeddedStore:
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
            raise StoreError(f"cannot write graph {graph} to the store: {exc}") from exc

    def select(self, query: str, bindings: Mapping[str, RDFTerm] | None = None) -> SelectResult:
        """Run SELECT *query* over the union of all graphs; *bindings* are substituted as
        RDF terms by the engine (a bound variable must be in the projection)."""
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()
        }
        try:
            result = self.store.query(
                query, use_default_graph_as_union=True, substitutions=substitutions or None
            )
        except SyntaxError as exc:
            raise QueryError(f"the SPARQL query is malformed: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the SPARQL query failed: {exc}") from exc
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(from_oxigraph(s[v]) for v in variables) for s in result)
        return SelectResult(variables=variables, rows=rows)

    def graph_names(self) -> list[str]:
        """The named graphs in the store, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        """The number of quads in *graph*, or in the whole store."""
        name = None if graph is None else ox.NamedNode(graph)
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, name))

    def close(self) -> None:
        """Flush pending writes (the store is released when garbage collected)."""
        if self.path is not None and not self.read_only:
            with contextlib.suppress(OSError):
                self.store.flush()
