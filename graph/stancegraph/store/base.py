"""The one small protocol every store back-end implements.

A store holds named graphs: one per article plus the vocabulary graph. Loading
an article replaces its graph whole, so re-loading never duplicates.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["GraphStore"]


class GraphStore(Protocol):
    """What stancegraph needs from a quad store."""

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Make named graph *graph* hold exactly the triples of *ntriples* (N-Triples)."""

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs in the store, sorted."""

    def count(self, graph: str | None = None) -> int:
        """The number of quads in *graph*, or in the whole store."""

    def close(self) -> None:
        """Flush and release the store."""
