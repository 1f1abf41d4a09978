"""Benchmark: SHACL validation of a corpus, against the SHACL-core shapes alone.

Replicates the seed's claims under many article ids and times, in one process,
``validate_graph`` with the packaged shapes (core constraints plus the span and
quote checks, which a SHACL-AF SPARQL target runs as one query over the whole
graph) against the same shapes without the span checks (the baseline: what
SHACL core alone costs). Usage: ``python benchmarks/bench_validate.py [ARTICLES]``.
"""

from __future__ import annotations

import resource
import sys
import time

from rdflib import Graph
from rdflib.namespace import SH

from bench_build import SEED, copies
from stancegraph.claims.io import load_claims
from stancegraph.rdf.build import claims_to_dataset
from stancegraph.rdf.validate import load_shapes, validate_graph
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
    assert full.conforms and core.conforms
    claims = sum(len(a.data.claims) for a in articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles={n} claims={claims}")
    print(f"validate (all shapes): {full_s:.2f}s ({full_s / n * 1000:.0f} ms per article)")
    print(f"baseline (SHACL core only): {core_s:.2f}s")
    print(f"ratio all / core: {full_s / core_s:.2f}x   peak RSS {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
