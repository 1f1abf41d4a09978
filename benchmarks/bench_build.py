"""Benchmark: claims -> RDF (build + TriG serialisation) against rdflib parsing the same RDF.

Replicates the seed's claims under many article ids and reports, in one process,
claims/s of ``claims_to_dataset`` + ``serialize_rdf`` and the ratio to rdflib
parsing the resulting N-Quads (a baseline on the same machine, same run), plus
peak memory. Usage: ``python benchmarks/bench_build.py [ARTICLES]``.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from rdflib import Dataset

from stancegraph.claims.io import ArticleClaims, load_claims
from stancegraph.rdf.build import claims_to_dataset
from stancegraph.rdf.files import serialize_rdf

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_1358605536fd3371.claims.yaml"


def copies(article: ArticleClaims, n: int) -> list[ArticleClaims]:
    out = []
    for i in range(n):
        meta = article.data.article.model_copy(update={"id": f"{article.data.article.id}-{i}"})
        out.append(
            ArticleClaims(data=article.data.model_copy(update={"article": meta}), text=article.text)
        )
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    articles = copies(load_claims(SEED), n)
    claims = sum(len(a.data.claims) for a in articles)
    start = time.perf_counter()
    dataset = claims_to_dataset(articles)
    trig = serialize_rdf(dataset, "trig")
    build_s = time.perf_counter() - start
    nquads = serialize_rdf(dataset, "nquads")
    start = time.perf_counter()
    Dataset().parse(data=nquads, format="nquads")
    parse_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles={n} claims={claims} quads={len(nquads.splitlines())} trig_bytes={len(trig)}")
    print(f"build+trig: {build_s:.2f}s ({claims / build_s:,.0f} claims/s)")
    print(f"baseline rdflib parse of the same N-Quads: {parse_s:.2f}s")
    print(f"ratio build / baseline parse: {build_s / parse_s:.2f}x   peak RSS {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
