"""Benchmark: HTML generation against pyvis' own ``from_nx``, and load-to-stable in Chromium.

Part 1 builds a synthetic signed actor-issue graph (NetworkX, two sides, an
evidence quote on every edge) of 1k, 5k and 20k nodes and times, in one
process, stancegraph's path (graph -> view model -> layout -> ``render_html``)
against pyvis 0.3.2 (``Network.from_nx`` + ``generate_html``) on the same
graph, and prints the ratio. pyvis is quadratic; at 20k it is extrapolated from
5k (x16) unless ``--pyvis-20k`` is given.

Part 2 opens the seed's divergence view and a 2k-node view in headless
Chromium and reports the time from navigation start to the first drawn frame
(physics is off, so the first frame is the stable one).

Usage: ``python benchmarks/bench_viz.py [--pyvis-20k] [--no-browser] [--quick]``
(``--quick``: 200 and 500 nodes, and a 200-node page in the browser; what the test
suite runs so that a benchmark that breaks fails the build).
"""

from __future__ import annotations

import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from stancegraph.analysis.result import analyze_records
from stancegraph.analysis.source import records_from_claims
from stancegraph.pipeline.build import load_checked_claims
from stancegraph.pipeline.viz import write_views
from stancegraph.textio import write_atomic
from stancegraph.viz.layout import divergence_layout
from stancegraph.viz.model import Evidence, View, VizEdge, VizNode
from stancegraph.viz.render import render_html
from stancegraph.vocab.model import load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_1358605536fd3371.claims.yaml"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--window-size=1400,900",
)


def synthetic_graph(nodes: int) -> nx.Graph:
    """Two sides' actors (a fifth of the nodes) and issues, three edges per issue."""
    actors = nodes // 5
    graph = nx.Graph()
    for i in range(actors):
        graph.add_node(f"actor/{i}", kind="actor", label=f"Actor {i}", side="ab"[i % 2])
    for j in range(nodes - actors):
        graph.add_node(f"issue/{j}", kind="issue", label=f"Issue {j}")
        for k in range(3):
            actor = (j * 7 + k * 13) % actors
            graph.add_edge(
                f"actor/{actor}",
                f"issue/{j}",
                sign=1 if (j + k) % 3 else -1,
                quote=f"Actor {actor} said something about issue {j}.",
            )
    return graph


def stancegraph_html(graph: nx.Graph) -> str:
    """Our path: view model, deterministic layout, render."""
    sides: dict[str, set[str]] = {}
    for a, i in graph.edges():
        actor, issue = (a, i) if a.startswith("actor/") else (i, a)
        sides.setdefault(issue, set()).add(graph.nodes[actor]["side"])
    nodes = []
    for key, data in graph.nodes(data=True):
        if data["kind"] == "actor":
            nodes.append(VizNode(key, data["label"], "actor", side=data["side"]))
        else:
            raised = sides.get(key, set())
            lean = 0.0 if len(raised) == 2 else (-1.0 if "a" in raised else 1.0)
            nodes.append(VizNode(key, data["label"], "issue", shape="box", lean=lean))
    edges = tuple(
        VizEdge(
            a,
            i,
            "support" if d["sign"] > 0 else "oppose",
            evidence=(Evidence("x", "a", "i", "support", "p", d["quote"], "art"),),
        )
        for a, i, d in graph.edges(data=True)
    )
    view = View(title="bench", nodes=divergence_layout(nodes, "a", "b"), edges=edges)
    return render_html(view)


def pyvis_html(graph: nx.Graph) -> str:
    """pyvis' own path on the same graph."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    plain = nx.Graph()
    plain.add_nodes_from((n, {"label": d["label"]}) for n, d in graph.nodes(data=True))
    plain.add_edges_from((a, b, {"title": d["quote"]}) for a, b, d in graph.edges(data=True))
    net.from_nx(plain)
    return str(net.generate_html())


def timed(function: object, graph: nx.Graph) -> float:
    start = time.perf_counter()
    function(graph)  # type: ignore[operator]
    return time.perf_counter() - start


def generation(pyvis_20k: bool, sizes: tuple[int, ...] = (1000, 5000, 20000)) -> None:
    print("HTML generation (s): nodes | stancegraph | pyvis from_nx | pyvis / stancegraph")
    pyvis_5k = None
    for size in sizes:
        graph = synthetic_graph(size)
        ours = timed(stancegraph_html, graph)
        if size < 20000 or pyvis_20k:
            theirs = timed(pyvis_html, graph)
            note = ""
        else:
            theirs = (pyvis_5k or 0.0) * 16
            note = " (extrapolated: 5k x 16, quadratic)"
        if size == 5000:
            pyvis_5k = theirs
        print(f"  {size:>6,} | {ours:8.2f} | {theirs:8.2f} | {theirs / ours:6.1f}x{note}")


def load_to_stable(pages: dict[str, Path]) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="sg-bench-")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        print("Load to stable in headless Chromium (ms from navigation start, best of 3):")
        for name, path in pages.items():
            best = math.inf
            for _ in range(3):
                driver.get(path.as_uri())
                while not driver.execute_script("return !!(window.stancegraph||{}).ready"):
                    time.sleep(0.02)
                best = min(best, float(driver.execute_script("return stancegraph.stableAt")))
            print(f"  {name}: {best:,.0f} ms ({path.stat().st_size / 1e6:.1f} MB)")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    quick = "--quick" in sys.argv
    generation("--pyvis-20k" in sys.argv, (200, 500) if quick else (1000, 5000, 20000))
    if "--no-browser" in sys.argv:
        return
    out = Path(tempfile.mkdtemp(prefix="sg-bench-pages-"))
    vocabulary = load_vocabulary()
    articles = load_checked_claims([SEED], vocabulary)
    analysis = analyze_records(records_from_claims(articles, vocabulary), vocabulary)
    write_views(articles, analysis, out)
    big = 200 if quick else 2000
    write_atomic(out / "big.html", stancegraph_html(synthetic_graph(big)))
    load_to_stable(
        {"seed divergence view": out / "divergence.html", f"{big:,}-node view": out / "big.html"}
    )
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
