"""DNA one-mode networks, normalisations, thinning, balance and centrality, by hand."""

from __future__ import annotations

import itertools
import math
import random
import subprocess
import sys
from fractions import Fraction

import networkx as nx
import pytest

from stancegraph.analysis import networks
from stancegraph.analysis.graph import actor_issue_graph
from stancegraph.analysis.networks import (
    ProjectionOptions,
    actor_centrality,
    actor_networks,
    betweenness_sample,
    issue_centrality,
    issue_cooccurrence,
    structural_balance,
)
from stancegraph.errors import AnalysisError
from stancegraph.vocab.model import Vocabulary
from tests.analysis.records import rec

R, F = "ruritania", "freedonia"
I1, I2, I3 = "tariffs-justified", "dialogue-should-continue", "open-trade"


def sample():  # type: ignore[no-untyped-def]
    # a: +1 +2 +3 ; b: +1 -2 ; c: -1 -2 +3 (b repeats itself: counts once)
    return [
        rec("a", R, I1, 1), rec("a", R, I2, 1), rec("a", R, I3, 1),
        rec("b", R, I1, 1), rec("b", R, I2, -1), rec("b", R, I2, -1),
        rec("c", F, I1, -1), rec("c", F, I2, -1), rec("c", F, I3, 1),
    ]  # fmt: skip


def weights(graph: nx.Graph) -> dict[tuple[str, str], float]:
    return {
        tuple(sorted((u.removeprefix("actor/"), v.removeprefix("actor/")))): d["weight"]
        for u, v, d in graph.edges(data=True)
    }


def nets(vocab: Vocabulary, **options):  # type: ignore[no-untyped-def]
    records = sample()
    return actor_networks(records, actor_issue_graph(records, vocab), ProjectionOptions(**options))


def test_congruence_conflict_subtract_counts(mini_vocab: Vocabulary) -> None:
    n = nets(mini_vocab, normalization="none")
    assert weights(n.congruence) == {("a", "b"): 1, ("a", "c"): 1, ("b", "c"): 1}
    assert weights(n.conflict) == {("a", "b"): 1, ("a", "c"): 2, ("b", "c"): 1}
    assert weights(n.subtract) == {("a", "c"): -1}
    assert n.subtract.edges["actor/a", "actor/c"]["sign"] == -1
    assert n.congruence.nodes["actor/c"]["side"] == F


@pytest.mark.parametrize(
    ("how", "cong_ab", "conf_ac"),
    [
        ("average", 1 / 2.5, 2 / 3),
        ("jaccard", 1 / (3 + 2 - 1), 2 / (3 + 3 - 1)),
        ("cosine", 1 / math.sqrt(6), 2 / 3),
    ],
)
def test_normalisations(mini_vocab: Vocabulary, how: str, cong_ab: float, conf_ac: float) -> None:
    n = nets(mini_vocab, normalization=how)
    assert weights(n.congruence)[("a", "b")] == pytest.approx(cong_ab)
    assert weights(n.conflict)[("a", "c")] == pytest.approx(conf_ac)


def test_thinning_by_threshold_and_top_k(mini_vocab: Vocabulary) -> None:
    assert set(weights(nets(mini_vocab, normalization="none", min_weight=1).conflict)) == {
        ("a", "c")
    }
    top1 = nets(mini_vocab, normalization="jaccard", top_k=1).conflict
    # each actor keeps its strongest conflict tie: a-c for a and c, and one for b
    assert ("a", "c") in weights(top1) and len(weights(top1)) == 2
    with pytest.raises(AnalysisError, match="top-k"):
        ProjectionOptions(top_k=-1)
    with pytest.raises(AnalysisError, match="normalisation"):
        ProjectionOptions(normalization="bogus")  # type: ignore[arg-type]


def brute_networks(records, top_k):  # type: ignore[no-untyped-def]
    """Average-normalised congruence and conflict by the definitions, pair by pair."""
    units: dict[str, set[tuple[str, int]]] = {}
    for r in records:
        units.setdefault(r.claimant, set()).add((r.issue, r.polarity))
    actors = sorted(units)
    out = {}
    for name in ("congruence", "conflict"):
        weight = {}
        for a, b in itertools.combinations(actors, 2):
            sa, sb = units[a], units[b]
            raw = len(sa & sb) if name == "congruence" else len({(i, -p) for i, p in sa} & sb)
            if raw:
                weight[(a, b)] = raw / ((len(sa) + len(sb)) / 2)
        kept = set()
        for a in actors:
            mine = [(w, b if x == a else x, (x, b)) for (x, b), w in weight.items() if a in (x, b)]
            mine.sort(key=lambda t: (-t[0], t[1]))
            kept |= {pair for _, _, pair in (mine[:top_k] if top_k else mine)}
        out[name] = {pair: w for pair, w in weight.items() if pair in kept}
    return out


def brute_cooccurrence(records, top_k):  # type: ignore[no-untyped-def]
    """Average-normalised issue co-occurrence by the definition."""
    actors: dict[str, set[str]] = {}
    for r in records:
        actors.setdefault(r.issue, set()).add(r.claimant)
    weight = {
        (a, b): len(actors[a] & actors[b]) / ((len(actors[a]) + len(actors[b])) / 2)
        for a, b in itertools.combinations(sorted(actors), 2)
        if actors[a] & actors[b]
    }
    kept = set()
    for a in actors:
        mine = sorted(
            ((w, b if x == a else x, (x, b)) for (x, b), w in weight.items() if a in (x, b)),
            key=lambda t: (-t[0], t[1]),
        )
        kept |= {pair for _, _, pair in (mine[:top_k] if top_k else mine)}
    return {pair: w for pair, w in weight.items() if pair in kept}


@pytest.mark.parametrize(
    ("dense_share", "block_cells"),
    [(2.0, 1 << 20), (0.0, 1 << 20), (2.0, 30), (0.0, 30)],
    ids=["sparse", "dense", "sparse-blocks", "dense-blocks"],
)
def test_projections_match_the_definitions_pair_by_pair(
    mini_vocab: Vocabulary, monkeypatch: pytest.MonkeyPatch, dense_share: float, block_cells: int
) -> None:
    # thinned entry by entry or as dense arrays, in one block or many: the same ties
    monkeypatch.setattr(networks, "DENSE_SHARE", dense_share)
    monkeypatch.setattr(networks, "BLOCK_CELLS", block_cells)
    rng = random.Random(3)
    issues = [I1, I2, I3, "arms-control", "student-exchange"]
    records = [
        rec(
            f"x{rng.randrange(12):02d}", rng.choice([R, F]), rng.choice(issues), rng.choice([1, -1])
        )
        for _ in range(80)
    ]
    graph = actor_issue_graph(records, mini_vocab)
    for k in (None, 1, 3):
        found = actor_networks(records, graph, ProjectionOptions(top_k=k))
        expected = brute_networks(records, k)
        for name in ("congruence", "conflict"):
            got = weights(getattr(found, name))
            assert got.keys() == expected[name].keys(), (name, k)
            assert all(got[p] == pytest.approx(w) for p, w in expected[name].items())
        co = issue_cooccurrence(records, graph, ProjectionOptions(top_k=k))
        got_co = {
            tuple(sorted((u.removeprefix("issue/"), v.removeprefix("issue/")))): d["weight"]
            for u, v, d in co.edges(data=True)
        }
        assert got_co == pytest.approx(brute_cooccurrence(records, k))
    # and the same data keeps the same ties, in the same order
    again = actor_networks(records, graph, ProjectionOptions(top_k=3))
    assert list(again.subtract.edges(data=True)) == list(
        actor_networks(records, graph, ProjectionOptions(top_k=3)).subtract.edges(data=True)
    )


def brute_balance(graph: nx.Graph) -> tuple[int, int]:
    total = balanced = 0
    for a, b, c in itertools.combinations(sorted(graph.nodes), 3):
        if graph.has_edge(a, b) and graph.has_edge(b, c) and graph.has_edge(a, c):
            total += 1
            product = graph[a][b]["sign"] * graph[b][c]["sign"] * graph[a][c]["sign"]
            balanced += product > 0
    return total, balanced


def test_structural_balance_by_hand_and_against_brute_force() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", sign=1)
    g.add_edge("b", "c", sign=1)
    g.add_edge("a", "c", sign=-1)  # + + - : unbalanced
    g.add_edge("c", "d", sign=-1)
    g.add_edge("b", "d", sign=-1)  # b c d: + - - : balanced
    balance = structural_balance(g)
    assert (balance.triangles, balance.balanced, balance.share) == (2, 1, 0.5)
    rng = random.Random(7)
    r = nx.gnp_random_graph(25, 0.4, seed=7)
    for u, v in r.edges:
        r[u][v]["sign"] = rng.choice([1, -1])
    balance = structural_balance(r)
    assert (balance.triangles, balance.balanced) == brute_balance(r)
    by_edges = structural_balance(r, dense_up_to=10)
    assert (by_edges.triangles, by_edges.balanced) == brute_balance(r)
    assert structural_balance(nx.Graph()).share is None


def test_cooccurrence_and_centrality(mini_vocab: Vocabulary) -> None:
    records = sample()
    graph = actor_issue_graph(records, mini_vocab)
    co = issue_cooccurrence(records, graph, ProjectionOptions(normalization="none"))
    # I1 and I2: a, b, c; I1 and I3: a, c
    assert co.edges[f"issue/{I1}", f"issue/{I2}"]["count"] == 3
    assert co.edges[f"issue/{I1}", f"issue/{I3}"]["count"] == 2
    assert co.nodes[f"issue/{I1}"]["topic"] == "foreign-trade"
    # a path a - b - c in congruence: b bridges and ties across sides are counted
    line = [rec("a", R, I1, 1), rec("b", R, I1, 1), rec("b", R, I2, 1), rec("c", F, I2, 1)]
    n = actor_networks(line, actor_issue_graph(line, mini_vocab))
    central = actor_centrality(n.congruence)
    assert central[0].node == "actor/b" and central[0].betweenness == 1.0
    assert central[0].cross_side == 1


def test_betweenness_is_exact_while_small_then_sampled_by_work() -> None:
    assert betweenness_sample(1782, 1767) is None  # 1,782 searches of 3,549 steps: exact
    assert betweenness_sample(3435, 30_154) == 297  # sources chosen by the budget
    assert betweenness_sample(2000, 1_000_000) == 16  # dense: never fewer than 16


def weighted(nodes: int, p: float, seed: int) -> nx.Graph:
    graph = nx.gnp_random_graph(nodes, p, seed=seed)
    rng = random.Random(seed)
    mapping = {n: f"issue/{n:03d}" for n in graph.nodes}
    graph = nx.relabel_nodes(graph, mapping)
    for u, v in graph.edges:
        graph[u][v]["weight"] = rng.randint(1, 9)
    for n in graph.nodes:
        graph.nodes[n]["topic"] = "t" + n[-1]
    return graph


def _by_definition(graph: nx.Graph, k: int | None = None) -> dict[str, float]:
    """networkx's betweenness over distances 1 / weight in exact arithmetic (fractions:
    with floats, 1/3 + 1/6 and 1/2 are not one length, and networkx misses the tie),
    the nodes in sorted order (which nodes *k* samples depends on it)."""
    distance = nx.Graph()
    distance.add_nodes_from(sorted(graph.nodes))
    distance.add_edges_from(
        (u, v, {"d": Fraction(1, w)}) for u, v, w in graph.edges(data="weight") if w > 0
    )
    found = nx.betweenness_centrality(distance, k=k, weight="d", normalized=True, seed=0)
    return {node: float(value) for node, value in found.items()}


def test_small_network_betweenness_is_exact() -> None:
    graph = weighted(40, 0.3, seed=3)
    got = {c.node: c.betweenness for c in issue_centrality(graph)}
    assert got == pytest.approx(_by_definition(graph), rel=1e-12)


def test_betweenness_of_tiny_and_edgeless_networks_is_zero() -> None:
    pair = nx.Graph([("issue/a", "issue/b", {"weight": 2})])
    assert [c.betweenness for c in issue_centrality(pair)] == [0.0, 0.0]
    apart = nx.Graph()
    apart.add_nodes_from(["issue/a", "issue/b", "issue/c"])
    assert [c.betweenness for c in issue_centrality(apart)] == [0.0, 0.0, 0.0]


def test_dense_network_betweenness_is_sampled_and_repeatable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(networks, "BETWEENNESS_BUDGET", 400_000)
    graph = weighted(160, 0.6, seed=5)  # about 7,600 edges: 1.2M steps exactly
    assert betweenness_sample(160, graph.number_of_edges()) is not None
    first = issue_centrality(graph)
    assert first == issue_centrality(graph.copy())
    # the estimate networkx makes from the same sampled sources
    sample = betweenness_sample(160, graph.number_of_edges())
    got = {c.node: c.betweenness for c in first}
    assert got == pytest.approx(_by_definition(graph, sample), rel=1e-12)
    exact = _by_definition(graph)
    top_exact = set(sorted(exact, key=lambda n: -exact[n])[:10])
    top_sampled = {c.node for c in sorted(first, key=lambda c: -c.betweenness)[:10]}
    assert len(top_exact & top_sampled) >= 5  # an estimate, but of the same bridges


def test_betweenness_does_not_import_matplotlib_and_leaves_it_importable() -> None:
    # igraph imports matplotlib.pyplot for its drawing when it is installed: 0.5 s of a
    # run for nothing, since nothing here draws with igraph
    code = (
        "import sys, networkx as nx\n"
        "from stancegraph.analysis.networks import issue_centrality\n"
        "g = nx.Graph([('issue/a', 'issue/b', {'weight': 1}), ('issue/b', 'issue/c', "
        "{'weight': 1})])\n"
        "assert [c.node for c in issue_centrality(g)][0] == 'issue/b'\n"
        "assert 'igraph' in sys.modules and 'matplotlib' not in sys.modules, sys.modules\n"
        "import importlib.util\n"
        "if importlib.util.find_spec('matplotlib') is not None:\n"
        "    import matplotlib.pyplot\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
