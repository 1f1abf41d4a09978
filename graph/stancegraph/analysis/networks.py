"""DNA-style one-mode networks, structural balance and centrality.

As in Leifeld's Discourse Network Analyzer, each actor is the set ``S`` of its
(issue, stance) pairs (stance units, so repetition does not count; classified issues
only, so ``unclassified`` is never a concept two actors share). Two actors are

- **congruent** on the pairs they share: ``|S_i & S_j|`` (same issue, same stance);
- **in conflict** on the issues where they took opposite stances;
- their **subtraction** is congruence minus conflict: a signed network.

Normalisations, applied to congruence and conflict alike: ``none`` (counts),
``average`` (divided by the mean of ``|S_i|`` and ``|S_j|``: DNA's average
activity), ``jaccard`` (divided by ``|S_i | S_j|``) and ``cosine`` (divided by
``sqrt(|S_i| |S_j|)``). The issue co-occurrence network links issues addressed by
the same actors, normalised the same way.

Projections never build the full n x n matrix at once: rows are computed in
blocks with numpy, and only edges above ``min_weight`` and among each node's
``top_k`` strongest (default 25; 0 keeps all) are kept, so a large corpus
yields a backbone, not a dense hairball. A tie is kept when it is among the
strongest of either of its ends.

Structural balance (NetworkX has no signed-network support) is computed here:
a triangle of the signed actor network is balanced when the product of its
signs is positive; ``tr(A^3)/6`` counts balanced minus unbalanced triangles,
``tr(|A|^3)/6`` all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
import numpy.typing as npt

from stancegraph.analysis.graph import actor_node, issue_node
from stancegraph.analysis.source import ClaimRecord, classified_records
from stancegraph.defaults import DEFAULT_TOP_K
from stancegraph.errors import AnalysisError

__all__ = [
    "DEFAULT_TOP_K",
    "NORMALIZATIONS",
    "ActorNetworks",
    "Balance",
    "Centrality",
    "Normalization",
    "ProjectionOptions",
    "actor_centrality",
    "actor_networks",
    "betweenness_sample",
    "issue_centrality",
    "issue_cooccurrence",
    "structural_balance",
]

Normalization = Literal["none", "average", "jaccard", "cosine"]
NORMALIZATIONS: tuple[Normalization, ...] = ("none", "average", "jaccard", "cosine")
#: Betweenness runs one shortest-path search from each source, each costing about
#: nodes + edges steps (1-1.5 us a step here); exact, every node is a source. Above
#: BETWEENNESS_BUDGET steps it is estimated from sampled sources (seeded, so the same
#: graph gives the same figures), as many as keep the work near the budget (about half
#: a second), at least BETWEENNESS_MIN_SAMPLE. A dense 289-node network took 10.6 s
#: exactly; a 3,435-issue co-occurrence network of 30,154 edges would take over 2 minutes.
BETWEENNESS_BUDGET = 400_000
BETWEENNESS_MIN_SAMPLE = 16
#: Up to this many nodes balance uses dense matrix products; above, it walks the edges.
DENSE_BALANCE_NODES = 1000

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ProjectionOptions:
    """How one-mode networks are normalised and thinned."""

    normalization: Normalization = "average"
    min_weight: float = 0.0
    top_k: int | None = DEFAULT_TOP_K
    block: int = 512

    def __post_init__(self) -> None:
        if self.normalization not in NORMALIZATIONS:
            raise AnalysisError(
                f"unknown normalisation {self.normalization!r}: use one of "
                f"{', '.join(NORMALIZATIONS)}"
            )
        if self.top_k is not None and self.top_k < 0:
            raise AnalysisError(f"--top-k must be 0 (keep every tie) or more, not {self.top_k}")
        if self.min_weight < 0:
            raise AnalysisError(f"--min-weight must be 0 or more, not {self.min_weight}")


@dataclass(frozen=True)
class ActorNetworks:
    """The three DNA actor networks; edges carry ``weight`` and the raw ``count``."""

    congruence: nx.Graph
    conflict: nx.Graph
    subtract: nx.Graph


@dataclass(frozen=True)
class Balance:
    """Structural balance of a signed network: its triangles, and the balanced share."""

    triangles: int
    balanced: int

    @property
    def share(self) -> float | None:
        """Balanced triangles / all triangles (undefined without triangles)."""
        return self.balanced / self.triangles if self.triangles else None


@dataclass(frozen=True)
class Centrality:
    """A node's centrality: weighted degree, betweenness, and ties across sides."""

    node: str
    label: str
    degree: float
    betweenness: float
    cross_side: int


def _normalise(
    raw: Matrix, overlap: Matrix, deg_rows: Matrix, deg_all: Matrix, how: Normalization
) -> Matrix:
    if how == "none":
        return raw
    a = deg_rows[:, None]
    b = deg_all[None, :]
    if how == "average":
        denom = (a + b) / 2
    elif how == "jaccard":
        denom = a + b - overlap
    else:
        denom = np.sqrt(a * b)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denom > 0, raw / np.where(denom > 0, denom, 1.0), 0.0)
    return np.asarray(out, dtype=np.float64)


def _keep(values: Matrix, start: int, options: ProjectionOptions) -> list[tuple[int, int]]:
    """Index pairs (i < j) kept from a block of rows starting at row *start*."""
    strength = np.abs(values)
    rows = np.arange(values.shape[0])
    strength[rows, rows + start] = 0.0
    mask = strength > options.min_weight
    if options.top_k and options.top_k < values.shape[1] - 1:
        k = options.top_k
        top = np.argpartition(-strength, k - 1, axis=1)[:, :k]
        chosen = np.zeros_like(mask)
        chosen[rows[:, None], top] = True
        mask &= chosen
    pairs = []
    for i, j in zip(*np.nonzero(mask), strict=True):
        gi = int(i) + start
        pairs.append((min(gi, int(j)), max(gi, int(j))))
    return pairs


def _incidence(
    records: Iterable[ClaimRecord],
) -> tuple[list[str], list[str], Matrix, Matrix]:
    """Actors, issues, and the actor x issue 0/1 matrices of support and of opposition."""
    units = {(r.claimant, r.issue, r.polarity) for r in classified_records(records) if r.polarity}
    actors = sorted({u[0] for u in units})
    issues = sorted({u[1] for u in units})
    ai = {a: i for i, a in enumerate(actors)}
    ii = {s: i for i, s in enumerate(issues)}
    pos = np.zeros((len(actors), len(issues)))
    neg = np.zeros((len(actors), len(issues)))
    for actor, issue, polarity in units:
        (pos if polarity > 0 else neg)[ai[actor], ii[issue]] = 1.0
    return actors, issues, pos, neg


def actor_networks(
    records: Sequence[ClaimRecord],
    actor_graph: nx.Graph,
    options: ProjectionOptions | None = None,
) -> ActorNetworks:
    """Congruence, conflict and subtraction networks of the actors of *records*; node
    attributes are copied from *actor_graph* (the bipartite graph)."""
    options = options or ProjectionOptions()
    actors, _, pos, neg = _incidence(records)
    degree = pos.sum(axis=1) + neg.sum(axis=1)
    graphs = {
        name: nx.Graph(kind=name, normalization=options.normalization)
        for name in ("congruence", "conflict", "subtract")
    }
    for graph in graphs.values():
        for actor in actors:
            node = actor_node(actor)
            graph.add_node(node, **actor_graph.nodes[node])
    for start in range(0, len(actors), options.block):
        stop = min(start + options.block, len(actors))
        cong_raw = pos[start:stop] @ pos.T + neg[start:stop] @ neg.T
        conf_raw = pos[start:stop] @ neg.T + neg[start:stop] @ pos.T
        rows_deg = degree[start:stop]
        cong = _normalise(cong_raw, cong_raw, rows_deg, degree, options.normalization)
        conf = _normalise(conf_raw, cong_raw, rows_deg, degree, options.normalization)
        sub = cong - conf
        for name, values, raw in (
            ("congruence", cong, cong_raw),
            ("conflict", conf, conf_raw),
            ("subtract", sub, cong_raw - conf_raw),
        ):
            for i, j in _keep(values, start, options):
                row = i - start if start <= i < stop else j - start
                col = j if start <= i < stop else i
                weight = float(values[row, col])
                graphs[name].add_edge(
                    actor_node(actors[i]),
                    actor_node(actors[j]),
                    weight=weight,
                    count=int(raw[row, col]),
                    sign=1 if weight > 0 else -1,
                )
    return ActorNetworks(
        congruence=graphs["congruence"], conflict=graphs["conflict"], subtract=graphs["subtract"]
    )


def issue_cooccurrence(
    records: Sequence[ClaimRecord],
    bipartite: nx.Graph,
    options: ProjectionOptions | None = None,
) -> nx.Graph:
    """Issues linked by the actors that addressed both (any stance), normalised like the
    actor networks; ``count`` is the number of such actors."""
    options = options or ProjectionOptions()
    actors, issues, pos, neg = _incidence(records)
    del actors
    incidence = np.minimum(pos + neg, 1.0).T
    degree = incidence.sum(axis=1)
    graph = nx.Graph(kind="issue-cooccurrence", normalization=options.normalization)
    for issue in issues:
        node = issue_node(issue)
        graph.add_node(node, **bipartite.nodes[node])
    for start in range(0, len(issues), options.block):
        stop = min(start + options.block, len(issues))
        raw = incidence[start:stop] @ incidence.T
        values = _normalise(raw, raw, degree[start:stop], degree, options.normalization)
        for i, j in _keep(values, start, options):
            row = i - start if start <= i < stop else j - start
            col = j if start <= i < stop else i
            graph.add_edge(
                issue_node(issues[i]),
                issue_node(issues[j]),
                weight=float(values[row, col]),
                count=int(raw[row, col]),
            )
    return graph


def _balance_by_edges(signed: nx.Graph) -> Balance:
    order = {n: i for i, n in enumerate(sorted(signed.nodes))}
    later = {
        n: {m: signed[n][m]["sign"] for m in signed.adj[n] if order[m] > order[n]}
        for n in signed.nodes
    }
    triangles = balanced = 0
    for out in later.values():
        for v, s_uv in out.items():
            common = out.keys() & later[v].keys()
            triangles += len(common)
            balanced += sum(1 for w in common if s_uv * out[w] * later[v][w] > 0)
    return Balance(triangles=triangles, balanced=balanced)


def structural_balance(signed: nx.Graph, *, dense_up_to: int = DENSE_BALANCE_NODES) -> Balance:
    """Balanced triangles of *signed* (edge attribute ``sign``: +1 or -1): by matrix
    products up to *dense_up_to* nodes, by walking the edges above."""
    nodes = sorted(signed.nodes)
    if len(nodes) < 3 or signed.number_of_edges() < 3:
        return Balance(triangles=0, balanced=0)
    if len(nodes) > dense_up_to:
        return _balance_by_edges(signed)
    adjacency = nx.to_numpy_array(signed, nodelist=nodes, weight="sign", dtype=np.float64)
    absolute = np.abs(adjacency)
    signed_cycles = float(np.einsum("ij,ji->", adjacency @ adjacency, adjacency))
    all_cycles = float(np.einsum("ij,ji->", absolute @ absolute, absolute))
    triangles = round(all_cycles / 6)
    difference = round(signed_cycles / 6)
    return Balance(triangles=triangles, balanced=(triangles + difference) // 2)


def betweenness_sample(nodes: int, edges: int) -> int | None:
    """How many sampled sources betweenness uses for this size (``None``: exact)."""
    per_source = nodes + edges
    if nodes * per_source <= BETWEENNESS_BUDGET:
        return None
    # past the budget, budget // per_source < nodes; and a graph of 16 nodes or fewer
    # never gets here (16 * (16 + 120) is far under it), so the sample is always smaller
    return max(BETWEENNESS_MIN_SAMPLE, BETWEENNESS_BUDGET // per_source)


def _betweenness(graph: nx.Graph) -> dict[str, float]:
    distance = nx.Graph()
    distance.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        if data["weight"] > 0:
            distance.add_edge(u, v, distance=1.0 / data["weight"])
    sample = betweenness_sample(distance.number_of_nodes(), distance.number_of_edges())
    result: dict[str, float] = nx.betweenness_centrality(
        distance, k=sample, weight="distance", normalized=True, seed=0
    )
    return result


def _centrality(graph: nx.Graph, attribute: str | None) -> tuple[Centrality, ...]:
    between = _betweenness(graph)
    items = []
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        cross = 0
        if attribute is not None:
            own = data.get(attribute)
            cross = sum(1 for n in graph.neighbors(node) if graph.nodes[n].get(attribute) != own)
        items.append(
            Centrality(
                node=node,
                label=str(data.get("label", node)),
                degree=float(graph.degree(node, weight="weight")),
                betweenness=between.get(node, 0.0),
                cross_side=cross,
            )
        )
    return tuple(sorted(items, key=lambda c: (-c.betweenness, -c.degree, c.node)))


def actor_centrality(congruence: nx.Graph) -> tuple[Centrality, ...]:
    """Actors by betweenness in the congruence network (who bridges), then by weighted
    degree; ``cross_side`` counts congruence ties to actors of other sides."""
    return _centrality(congruence, "side")


def issue_centrality(cooccurrence: nx.Graph) -> tuple[Centrality, ...]:
    """Issues by betweenness in the co-occurrence network, then by weighted degree;
    ``cross_side`` counts ties to issues under other topics."""
    return _centrality(cooccurrence, "topic")
