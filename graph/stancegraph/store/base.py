"""The one small protocol every store back-end implements, and the values it returns.

A store holds named graphs: one per article plus the vocabulary graph; queries
see their union as the default graph. Loading an article replaces its graph
whole, so re-loading never duplicates. Three back-ends implement it: the
embedded Oxigraph store on disk (:mod:`~stancegraph.store.embedded`), the same
in memory for a small file (:mod:`~stancegraph.store.memory`) and a remote
SPARQL 1.1 endpoint (:mod:`~stancegraph.store.endpoint`). Query text reaches a
store already bound (:mod:`~stancegraph.store.binding`): stores never see
parameter values apart from the query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from stancegraph.store.terms import RDFTerm

__all__ = ["AskResult", "GraphResult", "GraphStore", "QueryResult", "SelectResult"]


@dataclass(frozen=True)
class SelectResult:
    """The solutions of a SELECT query: variable names and one tuple of terms per row."""

    variables: tuple[str, ...]
    rows: tuple[tuple[RDFTerm | None, ...], ...]

    def records(self) -> list[dict[str, RDFTerm | None]]:
        """The rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class AskResult:
    """The answer of an ASK query."""

    value: bool


@dataclass(frozen=True)
class GraphResult:
    """The triples a CONSTRUCT or DESCRIBE query returned."""

    triples: tuple[tuple[RDFTerm, RDFTerm, RDFTerm], ...]


QueryResult = SelectResult | AskResult | GraphResult


class GraphStore(Protocol):
    """What stancegraph needs from a quad store."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Make named graph *graph* hold exactly the triples of *ntriples* (N-Triples)."""

    def replace_graphs(self, path: Path, fmt: str, graphs: Sequence[str]) -> None:
        """Make each named graph in *graphs* hold exactly its quads in the file *path*
        (``nquads`` or ``trig``; every quad of the file is in one of *graphs*)."""

    def query(self, query: str, *, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over the union of all
        graphs. Parameters are already bound in *query* (see ``store.binding``). More
        than *max_rows* rows or triples is a :class:`~stancegraph.errors.QueryError`."""

    def select(self, query: str, bindings: Mapping[str, RDFTerm] | None = None) -> SelectResult:
        """Run a SPARQL SELECT with *bindings* bound (never spliced as raw text)."""

    def update(self, update: str) -> None:
        """Run a SPARQL update; a store opened read-only refuses it."""

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs in the store, sorted."""

    def count(self, graph: str | None = None) -> int:
        """The number of quads in *graph*, or in the whole store."""

    def close(self) -> None:
        """Flush and release the store."""
