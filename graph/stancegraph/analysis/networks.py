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

Projections are sparse matrix products (``scipy.sparse``): their work and memory
grow with the ties there are, not with n x n (3,435 emergent issues of 300 news
articles share few actors). Only edges above ``min_weight`` and among each node's
``top_k`` strongest (default 25; 0 keeps all) are kept, so a large corpus yields
a backbone, not a dense hairball. A tie is kept when it is among the strongest of
either of its ends; equally strong ties are taken in the order of the other end's
id, so the same data keeps the same ties.

Structural balance (NetworkX has no signed-network support) is computed here:
a triangle of the signed actor network is balanced when the product of its
signs is positive; ``tr(A^3)/6`` counts balanced minus unbalanced triangles,
``tr(|A|^3)/6`` all of them.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse

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
#: nodes + edges steps (20-35 ns a step here, in igraph's C); exact, every node is a
#: source. Above BETWEENNESS_BUDGET steps it is estimated from sampled sources (seeded,
#: so the same graph gives the same figures), as many as keep the work near the budget
#: (about a third of a second), at least BETWEENNESS_MIN_SAMPLE. Exact up to, say,
#: 2,000 nodes and 3,000 edges; a 3,435-issue co-occurrence network of 30,154 edges
#: is sampled from 297 sources.
BETWEENNESS_BUDGET = 10_000_000
BETWEENNESS_MIN_SAMPLE = 16
#: Up to this many nodes balance uses dense matrix products; above, it walks the edges.
DENSE_BALANCE_NODES = 1000

Vector = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float64]
Index = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ProjectionOptions:
    """How one-mode networks are normalised and thinned."""

    normalization: Normalization = "average"
    min_weight: float = 0.0
    top_k: int | None = DEFAULT_TOP_K

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
    raw: Vector, overlap: Vector, deg_i: Vector, deg_j: Vector, how: Normalization
) -> Vector:
    """The weights of ties of counts *raw* and *overlap* shared units, between nodes of
    *deg_i* and *deg_j* units (elementwise: entries of a block, or the block itself)."""
    if how == "none":
        return raw.astype(np.float64)
    if how == "average":
        denom = (deg_i + deg_j) / 2
    elif how == "jaccard":
        denom = deg_i + deg_j - overlap
    else:
        denom = np.sqrt(deg_i * deg_j)
    safe = np.where(denom > 0, denom, 1.0)
    return np.asarray(np.where(denom > 0, raw / safe, 0.0), dtype=np.float64)


#: A block of a projection is computed over at most this many cells (rows x nodes):
#: the transient memory stays near 100 MB whatever the size of the network.
BLOCK_CELLS = 1 << 20
#: A block with more than this share of its cells tied is thinned as a dense array
#: (partition per row); a sparser one entry by entry (sorted per row).
DENSE_SHARE = 0.1

Weigh = Callable[[list[Any], Any, Any], list[tuple[Any, Any]]]
Edges = list[tuple[int, int, float, int]]


def _top_dense(strength: Matrix, options: ProjectionOptions) -> npt.NDArray[np.bool_]:
    """Which cells of a block of rows are kept: above ``min_weight`` and among the
    row's ``top_k`` strongest, equal strengths taken in column order."""
    mask = strength > options.min_weight
    size = strength.shape[1]
    if options.top_k and options.top_k < size - 1:
        k = options.top_k
        threshold = np.partition(strength, size - k, axis=1)[:, size - k][:, None]
        above = strength > threshold
        tied = strength == threshold
        room = k - above.sum(axis=1, keepdims=True)
        mask &= above | (tied & (np.cumsum(tied, axis=1) <= room))
    return mask


def _top_sparse(
    rows: Index, cols: Index, strength: Vector, size: int, options: ProjectionOptions
) -> Index:
    """The entries kept (as :func:`_top_dense`) of a block given entry by entry."""
    mask = strength > options.min_weight
    if options.top_k and options.top_k < size - 1:
        order = np.lexsort((cols, -strength, rows))  # by row, strongest first, then column
        ordered = rows[order]
        rank = np.arange(len(ordered)) - np.searchsorted(ordered, ordered, side="left")
        top = np.empty(len(ordered), dtype=bool)
        top[order] = rank < options.top_k
        mask &= top
    return np.flatnonzero(mask)


def _at(product: sparse.csr_array, keys: Index, size: int) -> Vector:
    """The cells of *product* at *keys* (sorted ``row * size + col``; 0 where it has none)."""
    coo = product.tocoo()
    own = coo.row.astype(np.int64) * size + coo.col.astype(np.int64)
    out = np.zeros(len(keys))
    if len(keys):
        at = np.minimum(np.searchsorted(keys, own), len(keys) - 1)
        found = keys[at] == own
        out[at[found]] = coo.data[found]
    return out


def _project(
    products: Callable[[int, int], list[sparse.csr_array]],
    size: int,
    degree: Vector,
    weigh: Weigh,
    options: ProjectionOptions,
) -> list[Edges]:
    """The kept ties of the one-mode networks *weigh* makes of the raw counts that
    *products* gives for rows ``start:stop`` (sparse, ``stop - start`` x *size*): for each
    network, ``(i, j, weight, count)`` with ``i < j``, sorted.

    *weigh* turns the raw counts and the two ends' degrees into ``(weights, counts)`` per
    network, elementwise (on dense blocks or on vectors of entries alike). A tie is kept
    when either end keeps it; its weight is the same from both ends."""
    found: list[list[tuple[Index, Index, Vector, Vector]]] = []
    step = max(1, BLOCK_CELLS // max(size, 1))
    for start in range(0, size, step):
        stop = min(size, start + step)
        raws = [p.tocsr() for p in products(start, stop)]
        if sum(r.nnz for r in raws) > DENSE_SHARE * (stop - start) * size:
            dense = [r.toarray() for r in raws]
            block = np.arange(stop - start)
            nets = weigh(dense, degree[start:stop, None], degree[None, :])
            picks = []
            for weights, counts in nets:
                strength = np.abs(weights)
                strength[block, block + start] = 0.0
                r, c = np.nonzero(_top_dense(strength, options))
                picks.append((r + start, c, weights[r, c], counts[r, c]))
        else:
            union = raws[0]
            for raw in raws[1:]:
                union = union + raw  # counts are never negative: the pattern is the union
            coo = union.tocoo()
            rows, cols = coo.row.astype(np.int64), coo.col.astype(np.int64)
            off = rows + start != cols
            rows, cols = rows[off], cols[off]
            keys = rows * size + cols
            order = np.argsort(keys, kind="stable")
            rows, cols, keys = rows[order], cols[order], keys[order]
            nets = weigh([_at(r, keys, size) for r in raws], degree[rows + start], degree[cols])
            picks = []
            for weights, counts in nets:
                kept = _top_sparse(rows, cols, np.abs(weights), size, options)
                picks.append((rows[kept] + start, cols[kept], weights[kept], counts[kept]))
        if not found:
            found = [[] for _ in picks]
        for into, pick in zip(found, picks, strict=True):
            into.append(pick)
    return [_edges(parts, size) for parts in found]


def _edges(parts: list[tuple[Index, Index, Vector, Vector]], size: int) -> Edges:
    """Each pair of *parts* once (``i < j``), in order."""
    if not parts:
        return []
    rows, cols, weights, counts = (np.concatenate(p) for p in zip(*parts, strict=True))
    lo, hi = np.minimum(rows, cols), np.maximum(rows, cols)
    _, first = np.unique(lo * size + hi, return_index=True)
    return [(int(lo[t]), int(hi[t]), float(weights[t]), int(counts[t])) for t in first.tolist()]


def _incidence(
    records: Iterable[ClaimRecord],
) -> tuple[list[str], list[str], sparse.csr_array, sparse.csr_array]:
    """Actors, issues, and the sparse actor x issue 0/1 matrices of support and of
    opposition."""
    units = {(r.claimant, r.issue, r.polarity) for r in classified_records(records) if r.polarity}
    actors = sorted({u[0] for u in units})
    issues = sorted({u[1] for u in units})
    ai = {a: i for i, a in enumerate(actors)}
    ii = {s: i for i, s in enumerate(issues)}
    shape = (len(actors), len(issues))

    def matrix(positive: bool) -> sparse.csr_array:
        cells = [(ai[a], ii[i]) for a, i, p in units if (p > 0) == positive]
        rows = np.array([c[0] for c in cells], dtype=np.int64)
        cols = np.array([c[1] for c in cells], dtype=np.int64)
        return sparse.csr_array((np.ones(len(cells)), (rows, cols)), shape=shape)

    return actors, issues, matrix(True), matrix(False)


def actor_networks(
    records: Sequence[ClaimRecord],
    actor_graph: nx.Graph,
    options: ProjectionOptions | None = None,
) -> ActorNetworks:
    """Congruence, conflict and subtraction networks of the actors of *records*; node
    attributes are copied from *actor_graph* (the bipartite graph)."""
    options = options or ProjectionOptions()
    actors, _, pos, neg = _incidence(records)
    degree = np.asarray(pos.sum(axis=1) + neg.sum(axis=1), dtype=np.float64)
    graphs = {
        name: nx.Graph(kind=name, normalization=options.normalization)
        for name in ("congruence", "conflict", "subtract")
    }
    for graph in graphs.values():
        for actor in actors:
            node = actor_node(actor)
            graph.add_node(node, **actor_graph.nodes[node])
    # an actor's units side by side: [support | opposition]; congruence is the product
    # with itself, conflict the product with the halves swapped
    both = sparse.hstack([pos, neg], format="csr")
    same, swapped = both.T.tocsr(), sparse.hstack([neg, pos], format="csr").T.tocsr()

    def products(start: int, stop: int) -> list[sparse.csr_array]:
        rows = both[start:stop]
        return [rows @ same, rows @ swapped]

    def weigh(raws: list[Any], deg_i: Any, deg_j: Any) -> list[tuple[Any, Any]]:
        cong_raw, conf_raw = raws
        how = options.normalization
        cong = _normalise(cong_raw, cong_raw, deg_i, deg_j, how)
        conf = _normalise(conf_raw, cong_raw, deg_i, deg_j, how)
        return [(cong, cong_raw), (conf, conf_raw), (cong - conf, cong_raw - conf_raw)]

    nets = _project(products, len(actors), degree, weigh, options)
    for name, edges in zip(("congruence", "conflict", "subtract"), nets, strict=True):
        graphs[name].add_edges_from(
            (
                actor_node(actors[i]),
                actor_node(actors[j]),
                {"weight": weight, "count": count, "sign": 1 if weight > 0 else -1},
            )
            for i, j, weight, count in edges
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
    _, issues, pos, neg = _incidence(records)
    incidence = (pos + neg).T.tocsr()
    incidence.data = np.minimum(incidence.data, 1.0)
    degree = np.asarray(incidence.sum(axis=1), dtype=np.float64)
    graph = nx.Graph(kind="issue-cooccurrence", normalization=options.normalization)
    for issue in issues:
        node = issue_node(issue)
        graph.add_node(node, **bipartite.nodes[node])
    actors_t = incidence.T.tocsr()

    def products(start: int, stop: int) -> list[sparse.csr_array]:
        return [incidence[start:stop] @ actors_t]

    def weigh(raws: list[Any], deg_i: Any, deg_j: Any) -> list[tuple[Any, Any]]:
        (raw,) = raws
        return [(_normalise(raw, raw, deg_i, deg_j, options.normalization), raw)]

    (edges,) = _project(products, len(issues), degree, weigh, options)
    graph.add_edges_from(
        (issue_node(issues[i]), issue_node(issues[j]), {"weight": weight, "count": count})
        for i, j, weight, count in edges
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


def _igraph() -> Any:
    """igraph, imported without the matplotlib it imports for its drawing when matplotlib
    is installed and not imported yet (0.5 s of the 0.6 s its import takes here; nothing
    here draws with igraph). Importing matplotlib afterwards works as ever."""
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # "import" raises ImportError
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
    return igraph


def _betweenness(
    nodes: Sequence[str], edges: Sequence[tuple[int, int]], distances: Sequence[float]
) -> list[float]:
    """Betweenness of *nodes* (sorted) over *edges* (their indexes; only the edges of
    positive weight, *distances* 1 / weight), normalised as networkx normalises it; from
    sampled sources (:func:`betweenness_sample`, seeded) as networkx samples them, so the
    figures are those of ``nx.betweenness_centrality`` with ``k`` and ``seed=0`` on the
    nodes in sorted order.

    The shortest paths are counted by igraph (C), 30-50 times faster here than networkx's
    Python, which buys exact figures for networks 30-50 times larger in the same time.
    """
    n = len(nodes)
    if n <= 2:
        return [0.0] * n
    igraph = _igraph()
    search = igraph.Graph(n=n, edges=edges, directed=False)
    sample = betweenness_sample(n, len(edges))
    # igraph counts each pair once; normalised, a node's share of the paths between the
    # (n - 1)(n - 2) / 2 pairs of other nodes
    if sample is None:
        values = search.betweenness(directed=False, weights=distances)
        scale = [2.0 / ((n - 1) * (n - 2))] * n
    else:
        # the sources' paths to every node, scaled up as networkx (3.6) scales them: a
        # source has no paths through itself, so its share is of the other sources'
        sources = random.Random(0).sample(range(n), sample)
        values = search.betweenness(directed=False, weights=distances, sources=sources)
        scale = [2.0 / (sample * (n - 2))] * n
        for i in sources:
            scale[i] = 2.0 / ((sample - 1) * (n - 2))
    return [float(value) * factor for value, factor in zip(values, scale, strict=True)]


def _centrality(graph: nx.Graph, attribute: str | None) -> tuple[Centrality, ...]:
    """Every node's betweenness, weighted degree and ties across *attribute*, from one
    walk over the edges (a node's degree is summed in the order networkx sums it: the
    edges come node by node in the graph's order, each node's in its own)."""
    nodes = sorted(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    data = graph.nodes
    group = [data[node].get(attribute) for node in nodes] if attribute is not None else None
    degree = [0.0] * len(nodes)
    cross = [0] * len(nodes)
    edges: list[tuple[int, int]] = []
    distances: list[float] = []
    for u, v, weight in graph.edges(data="weight", default=1):
        i, j = index[u], index[v]
        degree[i] += weight
        degree[j] += weight  # a loop counts twice, as in networkx
        if group is not None and i != j and group[i] != group[j]:
            cross[i] += 1
            cross[j] += 1
        if weight > 0:
            edges.append((i, j))
            distances.append(1.0 / weight)
    between = _betweenness(nodes, edges, distances)
    items = [
        Centrality(
            node=node,
            label=str(data[node].get("label", node)),
            degree=float(degree[i]),
            betweenness=between[i],
            cross_side=cross[i],
        )
        for i, node in enumerate(nodes)
    ]
    return tuple(sorted(items, key=lambda c: (-c.betweenness, -c.degree, c.node)))


def actor_centrality(congruence: nx.Graph) -> tuple[Centrality, ...]:
    """Actors by betweenness in the congruence network (who bridges), then by weighted
    degree; ``cross_side`` counts congruence ties to actors of other sides."""
    return _centrality(congruence, "side")


def issue_centrality(cooccurrence: nx.Graph) -> tuple[Centrality, ...]:
    """Issues by betweenness in the co-occurrence network, then by weighted degree;
    ``cross_side`` counts ties to issues under other topics."""
    return _centrality(cooccurrence, "topic")
