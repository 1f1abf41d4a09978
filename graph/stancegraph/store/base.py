"""The one small protocol every store back-end implements.

A store holds named graphs: one per article plus the vocabulary graph. Loading
an article replaces its graph whole, so re-loading never duplicates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from stancegraph.store.terms import RDFTerm

__all__ = ["GraphStore", "SelectResult"]


@dataclass(frozen=True)
class SelectResult:
    """The solutions of a SELECT query: variable names and one tuple of terms per row."""

    variables: tuple[str, ...]
    rows: tuple[tuple[RDFTerm | None, ...], ...]

    def records(self) -> list[dict[str, RDFTerm | None]]:
        """The rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


class GraphStore(Protocol):
    """What stancegraph needs from a quad store."""

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Make named graph *graph* hold exactly the triples of *ntriples* (N-Triples)."""

    def select(self, query: str, bindings: Mapping[str, RDFTerm] | None = None) -> SelectResult:
        """Run a SPARQL SELECT over the union of all graphs, with *bindings* bound (never
        spliced into the text)."""

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs in the store, sorted."""

    def count(self, graph: str | None = None) -> int:
        """The number of quads in *graph*, or in the whole store."""

    def close(self) -> None:
        """Flush and release the store."""
