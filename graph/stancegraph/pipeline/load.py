"""``load``: RDF files into the embedded store, each article's graph replaced whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from stancegraph.rdf.build import claims_to_dataset
from stancegraph.rdf.files import read_rdf
from stancegraph.rdf.parse import graph_to_claims
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.load import load_dataset, load_vocabulary_graph
from stancegraph.vocab.model import load_vocabulary

__all__ = ["DEFAULT_STORE", "LoadResult", "as_article_graphs", "load_files"]

DEFAULT_STORE = Path("out/store")


@dataclass(frozen=True)
class LoadResult:
    """What ``load`` did: the store, the graphs replaced, triples written, quads now held."""

    store: Path
    graphs: tuple[str, ...]
    triples: int
    quads_in_store: int


def as_article_graphs(dataset: Dataset) -> Dataset:
    """*dataset* with one named graph per article: triples in the default graph (from a
    Turtle or N-Triples file) are read back as claims and regrouped by article."""
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    if len(default) == 0:
        return dataset
    return claims_to_dataset(graph_to_claims(dataset))


def load_files(
    paths: Sequence[Path], *, store: Path = DEFAULT_STORE, vocab: Sequence[Path] = ()
) -> LoadResult:
    """Load the RDF files *paths* (and the vocabulary graph) into the store at *store*.

    Every file is parsed before the store is touched, so a bad file changes nothing.
    """
    datasets = [as_article_graphs(read_rdf(Path(p))) for p in paths]
    vocabulary = load_vocabulary(vocab)
    graphs: list[str] = []
    triples = 0
    with EmbeddedStore(Path(store)) as db:
        report = load_vocabulary_graph(db, vocabulary.graph)
        graphs += report.graphs
        triples += report.triples
        for dataset in datasets:
            report = load_dataset(db, dataset)
            graphs += report.graphs
            triples += report.triples
        total = db.count()
    return LoadResult(
        store=Path(store), graphs=tuple(graphs), triples=triples, quads_in_store=total
    )
