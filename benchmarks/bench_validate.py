"""Benchmark: SHACL validation of a corpus, against the SHACL-core shapes alone.

Replicates the seed's claims under many article ids and times, in one process,
``validate_graph`` with the packaged shapes (core constraints plus the span and
quote checks, which a SHACL-AF SPARQL target runs as one query over the whole
graph) against the same shapes without the span checks (the baseline: what
SHACL core alone costs), and ``validate_graphs`` as ``run`` checks a corpus (a
chunk of articles at a time, the span target asked of Oxigraph first).
Usage: ``python benchmarks/bench_validate.py [ARTICLES]``.
"""

from __future__ import annotations

import resource
import sys
import time

from rdflib import Graph
from rdflib.namespace import SH

from bench_build import SEED, copies
from stancegraph.claims.io import load_claims
from stancegraph.namespaces import article_graph_iri
from stancegraph.rdf.build import claims_to_dataset
from stancegraph.rdf.validate import load_shapes, validate_graph, validate_graphs
from stancegraph.vocab.model import load_vocabulary


def core_only(shapes: Graph) -> Graph:
    """*shapes* without the SPARQL-based span checks."""
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    vocabulary = load_vocabulary()
    articles = copies(load_claims(SEED), n)
    dataset = claims_to_dataset(articles)
    shapes = load_shapes()
    start = time.perf_counter()
    full = validate_graph(dataset, vocabulary, shapes=shapes)
    full_s = time.perf_counter() - start
    start = time.perf_counter()
    core = validate_graph(dataset, vocabulary, shapes=core_only(shapes))
    core_s = time.perf_counter() - start
    names = [str(article_graph_iri(a.data.article.id)) for a in articles]
    start = time.perf_counter()
    chunked = validate_graphs(dataset, names, vocabulary)
    chunked_s = time.perf_counter() - start
    assert full.conforms and core.conforms and chunked.conforms
    claims = sum(len(a.data.claims) for a in articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles={n} claims={claims}")
    print(f"validate (all shapes): {full_s:.2f}s ({full_s / n * 1000:.0f} ms per article)")
    print(f"baseline (SHACL core only): {core_s:.2f}s")
    print(f"ratio all / core: {full_s / core_s:.2f}x   peak RSS {peak_mb:,.0f} MB")
    print(
        f"validate_graphs (50 articles a chunk, Oxigraph pre-check of the span target, "
        f"the vocabulary each chunk reaches): {chunked_s:.2f}s, {chunked_s / core_s:.2f}x core"
    )


if __name__ == "__main__":
    main()
