"""Loading RDF into a store: each article's graph replaced whole, the vocabulary beside it.

Loading is two steps so that a bad file changes nothing: :func:`prepare_rdf_file`
parses and checks a file without touching any store, :func:`load_prepared`
writes it. N-Quads and TriG files whose quads are all in named graphs take the
fast path: Oxigraph parses them (a streaming pass to check them and find their
graphs) and the store bulk-loads them, rdflib never sees them. Other files
(Turtle, N-Triples, JSON-LD, or quads in the default graph) go through rdflib,
and triples outside a named graph are read back as claims and regrouped by
article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from stancegraph.errors import InputError, RDFError, first_line
from stancegraph.namespaces import GRAPH, VOCABULARY_GRAPH
from stancegraph.rdf.build import claims_to_dataset
from stancegraph.rdf.files import format_for, read_rdf
from stancegraph.rdf.parse import graph_to_claims
from stancegraph.store.base import GraphStore
from stancegraph.vocab.model import vocabulary_from_graph

__all__ = [
    "LoadReport",
    "PreparedFile",
    "as_article_graphs",
    "drop_other_articles",
    "file_graph_iri",
    "load_dataset",
    "load_prepared",
    "load_vocabulary_graph",
    "prepare_rdf_file",
]

_FAST_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


@dataclass(frozen=True)
class LoadReport:
    """What a load did: the graphs it replaced and the triples it wrote."""

    graphs: tuple[str, ...]
    triples: int


@dataclass(frozen=True)
class PreparedFile:
    """An RDF file parsed and checked, ready to load: on the fast path (no *dataset*) or
    as an rdflib dataset with one named graph per article."""

    path: Path
    fmt: str
    graphs: tuple[str, ...]
    triples: int
    dataset: Dataset | None = None


def _ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt")


def file_graph_iri(path: Path) -> URIRef:
    """The named graph that keeps what a Turtle or N-Triples file holds besides claims
    (loading the same file again replaces it)."""
    return GRAPH["file/" + quote(Path(path).name, safe="-._~")]


def as_article_graphs(dataset: Dataset, *, rest: URIRef | None = None) -> Dataset:
    """*dataset* with one named graph per article: triples in the default graph (from a
    Turtle or N-Triples file) are read back as claims and regrouped by article. The
    triples no article graph takes (other data in the file) go to the graph *rest*
    instead of being lost (with no *rest*, they are dropped)."""
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    if len(default) == 0:
        return dataset
    # the sides and emergent issues the file describes go back into the article graphs
    described = vocabulary_from_graph(default)
    regrouped = claims_to_dataset(
        graph_to_claims(dataset),
        sides=described.sides,
        issues={i: described.issues[i] for i in described.generated_issues},
    )
    if rest is not None:
        kept = {_same(t) for *t, _ in regrouped.quads((None, None, None, None))}
        others = regrouped.graph(rest)
        for triple in default:
            if _same(triple) not in kept:
                others.add(triple)
    return regrouped


def _same(triple: Any) -> tuple[object, ...]:
    """A triple compared by value: Turtle's "1.0" and the build's "1" are one decimal."""
    s, p, o = triple
    if isinstance(o, Literal) and o.datatype is not None:
        return (s, p, o.datatype, o.toPython())
    return (s, p, o)


def _scan_quads(path: Path, fmt: str) -> tuple[tuple[str, ...], int, bool]:
    """The named graphs of a quad file, its quad count, and whether any quad is in the
    default graph; a syntax error becomes an :class:`RDFError`. Oxigraph parses it
    strictly; only each quad's graph name is looked at, and that by C code."""
    try:
        names = Counter(
            map(
                attrgetter("graph_name"),
                ox.parse(
                    path=str(path), format=_FAST_FORMATS[fmt], base_iri=path.resolve().as_uri()
                ),
            )
        )
    except SyntaxError as exc:
        raise RDFError(
            f"{path} is not valid {fmt} ({first_line(exc)}): fix the file or its extension"
        ) from exc
    except OSError as exc:
        raise InputError(f"RDF file {path} cannot be read: {exc.strerror or exc}") from exc
    graphs = sorted(name.value for name in names if isinstance(name, ox.NamedNode))
    in_default = len(graphs) < len(names)
    return tuple(graphs), sum(names.values()), in_default


def _dataset_graphs(dataset: Dataset) -> tuple[tuple[str, ...], int]:
    names, total = [], 0
    for graph in dataset.graphs():
        named = isinstance(graph.identifier, URIRef)
        if named and graph.identifier != DATASET_DEFAULT_GRAPH_ID and len(graph):
            names.append(str(graph.identifier))
            total += len(graph)
    return tuple(sorted(names)), total


def prepare_rdf_file(path: Path, fmt: str | None = None) -> PreparedFile:
    """Parse and check the RDF file *path* (format by extension unless *fmt*) without
    touching any store."""
    path = Path(path)
    name = format_for(path, fmt)
    if name in _FAST_FORMATS:
        if not path.is_file():
            what = "is a directory: give a file" if path.is_dir() else "does not exist"
            raise InputError(f"RDF file {path} {what}: check the path")
        if path.stat().st_size == 0:
            raise InputError(f"RDF file {path} is empty: give a file with RDF in it")
        graphs, count, in_default = _scan_quads(path, name)
        if not in_default:
            return PreparedFile(path=path, fmt=name, graphs=graphs, triples=count)
    dataset = as_article_graphs(read_rdf(path, name), rest=file_graph_iri(path))
    graphs, count = _dataset_graphs(dataset)
    return PreparedFile(path=path, fmt=name, graphs=graphs, triples=count, dataset=dataset)


def load_prepared(store: GraphStore, prepared: PreparedFile) -> LoadReport:
    """Write *prepared* into *store*, each of its graphs replaced whole."""
    if prepared.dataset is None:
        store.replace_graphs(prepared.path, prepared.fmt, prepared.graphs)
        return LoadReport(graphs=prepared.graphs, triples=prepared.triples)
    return load_dataset(store, prepared.dataset)


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


def drop_other_articles(store: GraphStore, keep: Iterable[str]) -> tuple[str, ...]:
    """Remove the article graphs of *store* that are not in *keep* (graph IRIs), and
    return them: the store of a run holds exactly the articles that run reports."""
    prefix = str(GRAPH["article/"])
    kept = set(keep)
    gone = tuple(g for g in store.graph_names() if g.startswith(prefix) and g not in kept)
    for graph in gone:
        store.replace_graph(graph, "")
    return gone


def load_vocabulary_graph(
    store: GraphStore, graph: Graph, *, ntriples: str | None = None
) -> LoadReport:
    """Replace the store's vocabulary graph with *graph* (ontology, schemes, registry),
    whose N-Triples are *ntriples* when the caller has them already."""
    store.replace_graph(str(VOCABULARY_GRAPH), _ntriples(graph) if ntriples is None else ntriples)
    return LoadReport(graphs=(str(VOCABULARY_GRAPH),), triples=len(graph))
