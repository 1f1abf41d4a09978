"""Loading RDF into a store: each article's graph replaced whole, the vocabulary beside it."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from stancegraph.namespaces import VOCABULARY_GRAPH
from stancegraph.store.base import GraphStore

__all__ = ["LoadReport", "load_dataset", "load_vocabulary_graph"]


@dataclass(frozen=True)
class LoadReport:
    """What a load did: the graphs it replaced and the triples it wrote."""

    graphs: tuple[str, ...]
    triples: int


def _ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt")


def load_dataset(store: GraphStore, dataset: Dataset) -> LoadReport:
    """Replace, in *store*, every named graph of *dataset* with its content there."""
    names = []
    total = 0
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID or not isinstance(graph.identifier, URIRef):
            continue
        if len(graph) == 0:
            continue
        store.replace_graph(str(graph.identifier), _ntriples(graph))
        names.append(str(graph.identifier))
        total += len(graph)
    return LoadReport(graphs=tuple(names), triples=total)


def load_vocabulary_graph(store: GraphStore, graph: Graph) -> LoadReport:
    """Replace the store's vocabulary graph with *graph* (ontology, schemes, registry)."""
    store.replace_graph(str(VOCABULARY_GRAPH), _ntriples(graph))
    return LoadReport(graphs=(str(VOCABULARY_GRAPH),), triples=len(graph))
