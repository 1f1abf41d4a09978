"""Benchmark: SHACL validation of a corpus, against the SHACL-core shapes alone.

Replicates the seed's claims under many article ids and times, in one process:

* pySHACL (``validate_graph(..., quick=False)``) with the packaged shapes (core
  constraints plus the span and quote checks, which a SHACL-AF SPARQL target runs
  as one query over the whole graph), against the same shapes without the span
  checks: the baseline, what SHACL core alone costs in pySHACL;
* ``validate_graphs``: pySHACL a chunk of articles at a time, the span target
  asked of Oxigraph first;
* ``ChunkValidator.check`` as ``run`` checks a corpus: the same chunks from their
  N-Triples, by the shapes compiled to SPARQL ``ASK`` queries on Oxigraph, pySHACL
  only for a chunk they find something in;
* ``validate_graph`` as ``validate`` and ``load`` call it: the whole graph written
  as N-Triples for Oxigraph, the same queries.

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
from stancegraph.rdf.build import article_ntriples, claims_to_dataset
from stancegraph.rdf.validate import (
    CHUNK_ARTICLES,
    ChunkValidator,
    load_shapes,
    merge_results,
    validate_graph,
    validate_graphs,
)
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
    full = validate_graph(dataset, vocabulary, shapes=shapes, quick=False)
    full_s = time.perf_counter() - start
    start = time.perf_counter()
    core = validate_graph(dataset, vocabulary, shapes=core_only(shapes), quick=False)
    core_s = time.perf_counter() - start
    names = [str(article_graph_iri(a.data.article.id)) for a in articles]
    start = time.perf_counter()
    chunked = validate_graphs(dataset, names, vocabulary)
    chunked_s = time.perf_counter() - start
    texts = [article_ntriples(a) for a in articles]
    start = time.perf_counter()
    validator = ChunkValidator(vocabulary)
    quick = merge_results(
        [validator.validate_vocabulary()]
        + [
            validator.check(texts[i : i + CHUNK_ARTICLES])
            for i in range(0, len(texts), CHUNK_ARTICLES)
        ]
    )
    quick_s = time.perf_counter() - start
    start = time.perf_counter()
    whole = validate_graph(dataset, vocabulary)
    whole_s = time.perf_counter() - start
    assert full.conforms and core.conforms and chunked.conforms and quick.conforms
    assert whole.conforms
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
    print(
        f"ChunkValidator.check (the same chunks from N-Triples, shapes as SPARQL on "
        f"Oxigraph): {quick_s:.2f}s, {quick_s / core_s:.3f}x core, "
        f"{chunked_s / quick_s:.1f}x faster than validate_graphs"
    )
    print(
        f"validate_graph as `validate` and `load` check a file (the whole graph written "
        f"as N-Triples for Oxigraph, the shapes as SPARQL): {whole_s:.2f}s, "
        f"{whole_s / core_s:.3f}x core, {full_s / whole_s:.1f}x faster than pySHACL"
    )


if __name__ == "__main__":
    main()
