"""Benchmark: the full divergence analysis of a synthetic corpus, against a plain NetworkX build.

Generates (deterministically, seed 0) a corpus over the packaged issue scheme
and actor registry: every side of the registry gets its registry actors plus
synthetic ones, articles pit two sides against each other, and each side leans
one way on each issue (80 %) so the verdicts and networks have structure. Then,
in one process, it times :func:`analyze_records` (bipartite and side graphs,
verdicts, roll-up, indexes per article and per month, DNA networks with the
default backbone, balance, centrality) and, as the baseline, a plain NetworkX
build of the weighted bipartite graph from the same records; it prints both,
their ratio and the peak RSS.

Usage: ``python benchmarks/bench_analysis.py [CLAIMS] [ACTORS_PER_SIDE]``
(defaults 100000 and 100).
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import time

import networkx as nx

from stancegraph.analysis.networks import ProjectionOptions
from stancegraph.analysis.result import AnalysisOptions, analyze_records
from stancegraph.analysis.source import ClaimRecord
from stancegraph.vocab.model import Vocabulary, load_vocabulary

CLAIMS_PER_ARTICLE = 20


def synthetic_records(
    vocabulary: Vocabulary, claims: int, actors_per_side: int, seed: int = 0
) -> list[ClaimRecord]:
    """*claims* claim records over the vocabulary's issues and sides."""
    rng = random.Random(seed)
    sides = sorted(set(vocabulary.sides) - vocabulary.generated_sides)  # the registry's
    issues = sorted(i for i, issue in vocabulary.issues.items() if not issue.top and issue.broader)
    actors: dict[str, list[str]] = {s: [] for s in sides}
    for actor in sorted(vocabulary.actors.values(), key=lambda a: a.id):
        held = actor.sides_at(None)
        if held and held[0] in actors:
            actors[held[0]].append(actor.id)
    for side in sides:
        actors[side] += [f"{side}-actor-{i}" for i in range(actors_per_side - len(actors[side]))]
    leaning = {(s, i): rng.choice((1, -1)) for s in sides for i in issues}
    start = dt.date(2022, 1, 1)
    records = []
    for n in range(claims):
        article = n // CLAIMS_PER_ARTICLE
        art_rng = random.Random(seed * 1_000_003 + article)
        pair = art_rng.sample(sides, 2)
        side = pair[rng.randrange(2)]
        issue = rng.choice(issues)
        polarity = leaning[(side, issue)] * (1 if rng.random() < 0.8 else -1)
        claimant = rng.choice(actors[side])
        records.append(
            ClaimRecord(
                article=f"article-{article:06d}",
                published=start + dt.timedelta(days=article % 730),
                claim=f"c{n % CLAIMS_PER_ARTICLE:02d}",
                claimant=claimant,
                claimant_name=claimant,
                side=side,
                issue=issue,
                stance="support" if polarity > 0 else "oppose",
                polarity=polarity,
                position=f"position {n}",
                quote=f"quote {n}",
                start=(n % CLAIMS_PER_ARTICLE) * 100,
                end=(n % CLAIMS_PER_ARTICLE) * 100 + 50,
                confidence=rng.choice((0.6, 0.8, 0.9, 1.0)),
            )
        )
    return records


def baseline(records: list[ClaimRecord]) -> nx.Graph:
    """A plain weighted bipartite actor-issue graph, one add_edge per record."""
    graph = nx.Graph()
    for r in records:
        u, v = f"actor/{r.claimant}", f"issue/{r.issue}"
        if graph.has_edge(u, v):
            graph[u][v]["weight"] += 1
        else:
            graph.add_edge(u, v, weight=1)
    return graph


def main() -> None:
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    per_side = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    vocabulary = load_vocabulary()
    records = synthetic_records(vocabulary, claims, per_side)
    start = time.perf_counter()
    plain = baseline(records)
    base_s = time.perf_counter() - start
    options = AnalysisOptions(window="month", projection=ProjectionOptions())
    start = time.perf_counter()
    analysis = analyze_records(records, vocabulary, options)
    full_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ix = analysis.corpus.indexes
    print(
        f"claims={len(records):,} articles={analysis.corpus.articles:,} "
        f"actors={analysis.networks.congruence.number_of_nodes():,} issues={ix.issues} "
        f"bipartite edges={analysis.bipartite.number_of_edges():,} "
        f"congruence ties={analysis.networks.congruence.number_of_edges():,} "
        f"signed triangles={analysis.balance.triangles:,}"
    )
    print(
        f"sides {analysis.side_a} vs {analysis.side_b}: talking-past {ix.talking_past:.2f}, "
        f"divergence {ix.divergence if ix.divergence is None else round(ix.divergence, 2)}"
    )
    print(
        f"baseline plain networkx bipartite build: {base_s:.2f}s "
        f"({plain.number_of_edges():,} edges)"
    )
    print(f"full analysis: {full_s:.2f}s ({len(records) / full_s:,.0f} claims/s)")
    print(f"ratio full analysis / baseline: {full_s / base_s:.1f}x   peak RSS {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
