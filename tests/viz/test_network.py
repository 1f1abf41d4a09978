"""The pyvis network of a view: a real pyvis Network, our nodes and edges, safe and offline."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from pyvis.network import Network

import stancegraph as sg
from stancegraph.analysis.result import Analysis, analyze_records
from stancegraph.analysis.source import records_from_claims
from stancegraph.claims.io import ArticleClaims, load_claims
from stancegraph.errors import OutputError
from stancegraph.viz.model import View, VizEdge, VizNode
from stancegraph.viz.network import (
    OfflineNetwork,
    external_references,
    pyvis_network,
    view_network,
)
from stancegraph.viz.render import _data
from stancegraph.viz.views import (
    STANCE_COLORS,
    VIEWS,
    build_view,
    context_from_claims,
    divergence_view,
)
from stancegraph.vocab.model import Vocabulary, load_vocabulary
from tests.conftest import FIXTURES, MINI_VOCAB
from tests.viz.test_render import external_links

HOSTILE_CLAIMS = FIXTURES / "hostile" / "article.claims.yaml"
#: The actor name of the hostile fixture, replaced in a vocabulary written per test.
HOSTILE_VOCAB = (FIXTURES / "hostile" / "vocab.ttl").read_text(encoding="utf-8")
FIXTURE_NAME = (
    '<img src=x onerror=\\"window.__pwned=1;document.title=\'pwned\'\\"> O\'Brien \\\\ \\"Jr\\"'
)


@pytest.fixture(scope="module")
def seed_analysis(seed: ArticleClaims, seed_vocab: Vocabulary) -> Analysis:
    return analyze_records(records_from_claims([seed], seed_vocab), seed_vocab)


def _hostile(tmp_path: Path, name: str) -> tuple[Analysis, list[ArticleClaims]]:
    """The hostile fixture's analysis, its minister named *name* (Turtle-escaped here)."""
    assert FIXTURE_NAME in HOSTILE_VOCAB
    turtle_name = name.replace("\\", "\\\\").replace('"', '\\"')
    vocab_file = tmp_path / "hostile.ttl"
    vocab_file.write_text(HOSTILE_VOCAB.replace(FIXTURE_NAME, turtle_name), encoding="utf-8")
    vocabulary = load_vocabulary([MINI_VOCAB, vocab_file])
    articles = [load_claims(HOSTILE_CLAIMS)]
    return analyze_records(records_from_claims(articles, vocabulary), vocabulary), articles


def _options(page: str) -> dict[str, Any]:
    found = re.search(r"var options = (\{.*?\n\});", page, re.S)
    assert found, "no options in the page"
    return dict(json.loads(found.group(1)))


def test_divergence_network_is_a_real_pyvis_network_of_the_analysis(
    seed_analysis: Analysis, seed: ArticleClaims
) -> None:
    net = pyvis_network(seed_analysis, context=context_from_claims([seed]))
    assert isinstance(net, Network) and isinstance(net, OfflineNetwork)
    graph = seed_analysis.pair_graph
    assert (net.num_nodes(), net.num_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert net.get_nodes() == [n["id"] for n in net.nodes] == [f"n{i}" for i in range(26)]

    labels = {n["id"]: n["label"] for n in net.nodes}
    kinds = {n["label"]: n["kind"] for n in net.nodes}
    expected_kinds = {d["label"]: d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds == expected_kinds
    assert (
        "Wang Yi" in kinds
        and "Trade restrictions against unfair competition are justified" in kinds
    )

    # each edge joins an actor to an issue, coloured and dashed by the sign of its claims
    expected_edges = {}
    for u, v, data in graph.edges(data=True):
        actor, issue = (v, u) if u.startswith("issue/") else (u, v)
        category = {1: "support", -1: "oppose"}.get(data["sign"], "mixed")
        expected_edges[(graph.nodes[actor]["label"], graph.nodes[issue]["label"])] = category
    edges = {(labels[e["from"]], labels[e["to"]]): e for e in net.edges}
    assert set(edges) == set(expected_edges)
    for key, edge in edges.items():
        category = expected_edges[key]
        assert edge["category"] == category
        assert edge["color"]["color"] == STANCE_COLORS[category]
        assert ("dashes" in edge) == (category == "oppose")
    oppose = edges[("Wang Yi", "Trade restrictions against unfair competition are justified")]
    assert oppose["category"] == "oppose" and oppose["dashes"] == [8, 5]

    # hover texts: the details, and the claims with their quotes, cues and articles
    blinken = next(n for n in net.nodes if n["label"] == "Antony Blinken")
    assert blinken["title"].startswith("Antony Blinken\nSide: United States\nClaims: 17\n")
    assert "+14 more claim(s)" in blinken["title"]
    assert "(Associated Press, 2024-04-26)" in oppose["title"]
    assert oppose["title"].startswith(
        "Wang Yi — Trade restrictions against unfair competition are justified\nStance: oppose"
    )


def test_nodes_and_edges_look_as_in_our_html_page(seed_analysis: Analysis) -> None:
    view = divergence_view(seed_analysis)
    data = _data(view)
    net = view_network(view)
    assert net.view is view
    assert len(net.nodes) == len(data["nodes"]) and len(net.edges) == len(data["edges"])
    for ours, page in zip(net.nodes, data["nodes"], strict=True):
        assert {k: v for k, v in ours.items() if k not in ("title", "kind")} == page["vis"]
    for ours, page in zip(net.edges, data["edges"], strict=True):
        assert {k: v for k, v in ours.items() if k not in ("title", "category")} == page["vis"]


@pytest.mark.parametrize("name", VIEWS)
def test_every_view_converts(seed_analysis: Analysis, name: str) -> None:
    view = build_view(seed_analysis, name)
    net = pyvis_network(seed_analysis, name)
    assert (net.num_nodes(), net.num_edges()) == (len(view.nodes), len(view.edges))
    assert [n["label"] for n in net.nodes] == [n.label for n in view.nodes]
    assert net.num_nodes() > 3 and net.num_edges() > 3


def test_titles_are_escaped_text_for_a_hostile_actor(tmp_path: Path) -> None:
    name = "<img src=x onerror=alert(1)>"
    analysis, articles = _hostile(tmp_path, name)
    net = pyvis_network(analysis, context=articles)
    assert [n["title"] for n in net.nodes] == [
        n["title"] for n in pyvis_network(analysis, context=context_from_claims(articles)).nodes
    ]
    minister = [n for n in net.nodes if n["label"] == name]
    assert len(minister) == 1, "the label is drawn on the canvas, as text"
    assert minister[0]["title"].startswith("&lt;img src=x onerror=alert(1)&gt;\nSide: Ruritania")
    for item in [*net.nodes, *net.edges]:
        assert "<" not in item["title"] and ">" not in item["title"], item["title"]
    quote = "&lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;"
    assert any(quote in e["title"] for e in net.edges)
    assert any(
        "Barbs &lt;script&gt;window.__pwned=3&lt;/script&gt; &amp;" in e["title"] for e in net.edges
    )
    assert all(re.fullmatch(r"n\d+", n["id"]) for n in net.nodes), "ids are opaque"

    net.select_menu = True  # pyvis writes node ids raw into its menu: ours are opaque
    page = net.generate_html()
    assert name not in page and "<img" not in page.replace("&lt;img", "")
    assert "window.__pwned=2</script>" not in page
    assert '<option value="n0">n0</option>' in page


def test_the_heading_is_escaped_and_left_as_set(seed_analysis: Analysis) -> None:
    net = pyvis_network(seed_analysis)
    net.heading = "<script>window.__pwned=1</script> US & China"
    page = net.generate_html()
    assert "<h1>&lt;script&gt;window.__pwned=1&lt;/script&gt; US &amp; China</h1>" in page
    assert "<script>window.__pwned=1" not in page
    assert net.heading == "<script>window.__pwned=1</script> US & China"


def test_saved_page_loads_nothing_from_the_network(seed_analysis: Analysis, tmp_path: Path) -> None:
    stock = Network(cdn_resources="in_line").generate_html()
    found = external_references(stock)  # pyvis' own in_line page links Bootstrap from a CDN
    assert len(found) == 2 and all("bootstrap" in f for f in found)

    net = pyvis_network(seed_analysis)
    net.show_buttons(filter_=["physics"])
    path = tmp_path / "divergence.html"
    net.save_graph(path)  # a Path, too
    net.save_graph(str(tmp_path / "again.html"))
    page = path.read_text(encoding="utf-8")
    assert page == (tmp_path / "again.html").read_text(encoding="utf-8")
    assert external_links(page) == [] and external_references(page) == []
    markup = re.sub(r"<!--.*?-->", "", page, flags=re.S)  # pyvis' template comments out a link
    assert "<link" not in markup and "bootstrap" not in page.lower()
    assert "vis.Network(" in page and "new vis.DataSet" in page  # vis-network inlined
    assert len(page) > 400_000


def test_cdn_resources_other_than_in_line_are_refused() -> None:
    with pytest.raises(OutputError, match="in_line"):
        OfflineNetwork(cdn_resources="remote")
    net = OfflineNetwork()
    net.cdn_resources = "remote"  # set behind our back: the page is still inline
    assert external_references(net.generate_html()) == []


def test_physics_and_buttons_restyle_the_page(seed_analysis: Analysis, tmp_path: Path) -> None:
    net = pyvis_network(seed_analysis)
    options = _options(net.generate_html())
    assert options["physics"]["enabled"] is False, "positions are precomputed"
    assert options["edges"]["smooth"] == {"enabled": True, "type": "curvedCW", "roundness": 0.08}
    assert options["interaction"]["hover"] is True
    assert '<div id="config">' not in net.generate_html()

    net.toggle_physics(True)
    net.show_buttons(filter_=["physics", "nodes"])
    net.barnes_hut(gravity=-3000)
    page = net.generate_html()
    options = _options(page)
    assert options["physics"]["enabled"] is True
    assert options["physics"]["barnesHut"]["gravitationalConstant"] == -3000
    assert options["configure"] == {"enabled": True, "filter": ["physics", "nodes"]}
    assert '<div id="config"></div>' in page


def test_save_graph_needs_an_html_name(seed_analysis: Analysis, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"\.html"):
        pyvis_network(seed_analysis).save_graph(tmp_path / "divergence.png")


def test_in_a_notebook_it_is_an_escaped_srcdoc_iframe(
    seed_analysis: Analysis, tmp_path: Path
) -> None:
    net = pyvis_network(seed_analysis, height="500px")
    shown = net._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and "height: 540px" in shown
    assert "<script" not in shown and "&lt;script" in shown
    display = net.show(str(tmp_path / "shown.html"))
    assert (tmp_path / "shown.html").is_file()
    assert display._repr_html_() == shown


def test_large_views_are_built_without_pyvis_list_scans() -> None:
    count = 10_000
    nodes = tuple(VizNode(f"actor/a{i}", f"Actor {i}", "actor", x=float(i)) for i in range(count))
    edges = tuple(VizEdge(f"actor/a{i}", f"actor/a{i + 1}", "support") for i in range(count - 1))
    started = time.perf_counter()
    net = view_network(View(title="big", nodes=nodes, edges=edges))
    took = time.perf_counter() - started
    assert (net.num_nodes(), net.num_edges()) == (count, count - 1)
    assert took < 5.0, f"{took:.1f} s: pyvis' add_node/add_edge would take about a minute"
    assert _options(net.generate_html())["edges"]["smooth"]["enabled"] is False


def test_max_nodes_cuts_the_view_down(seed_analysis: Analysis) -> None:
    net = pyvis_network(seed_analysis, max_nodes=10)
    assert net.num_nodes() <= 10 and net.view is not None and net.view.limit_note


def test_it_is_public(seed_analysis: Analysis) -> None:
    assert sg.pyvis_network is pyvis_network


@pytest.mark.browser
def test_saved_page_draws_offline_and_runs_no_article_text(browser: Any, tmp_path: Path) -> None:
    # "href" in a title makes pyvis show node titles with innerHTML: they must be escaped
    name = '<img src=x onerror="window.__pwned=1"> <a href="javascript:window.__pwned=2">x</a>'
    analysis, articles = _hostile(tmp_path, name)
    net = pyvis_network(analysis, context=context_from_claims(articles))
    path = tmp_path / "hostile.html"
    net.save_graph(path)
    assert "popup.innerHTML = nodeData[0].title" in path.read_text(encoding="utf-8")

    browser.get_log("browser")
    browser.get(path.resolve().as_uri())
    deadline = time.monotonic() + 20
    while not browser.execute_script("return !!(window.network && window.network.body);"):
        assert time.monotonic() < deadline, "the pyvis page did not draw"
        time.sleep(0.05)
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert browser.execute_script("return nodes.length") == net.num_nodes()
    minister = next(f"n{i}" for i, n in enumerate(net.view.nodes) if n.label == name)
    x, y = browser.execute_script(
        "var p = network.getPositions([arguments[0]])[arguments[0]];"
        "var d = network.canvasToDOM(p);"
        "var r = document.getElementById('mynetwork').getBoundingClientRect();"
        "return [Math.round(r.left + d.x), Math.round(r.top + d.y)];",
        minister,
    )
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    actions = ActionBuilder(browser)
    actions.pointer_action.move_to_location(x, y)
    actions.perform()
    deadline = time.monotonic() + 10
    popup = ""
    while name not in popup:
        assert time.monotonic() < deadline, f"no popup with the name: {popup!r}"
        time.sleep(0.1)
        popup = browser.execute_script(
            "var p = document.querySelector('.popup'); return p ? p.textContent : '';"
        )
    assert (
        browser.execute_script(
            "return document.querySelectorAll('#mynetwork img, #mynetwork a').length"
        )
        == 0
    )
    assert browser.execute_script("return window.__pwned") is None
    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == []
