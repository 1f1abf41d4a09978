"""Each view opened in a real headless Chromium: it draws, filters, and runs no article text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from stancegraph.analysis.result import analyze_records
from stancegraph.analysis.source import records_from_claims
from stancegraph.pipeline.build import build_claims, load_checked_claims
from stancegraph.pipeline.viz import viz, write_views
from stancegraph.viz.render import TOOLTIP_QUOTE_CHARS
from stancegraph.viz.views import VIEWS, build_view, context_from_claims
from stancegraph.vocab.model import load_vocabulary
from tests.conftest import FIXTURES, MINI_VOCAB, SEED_CLAIMS
from tests.viz.browser import errors, live_counts, open_page, screenshot_variance

pytestmark = pytest.mark.browser

HOSTILE = FIXTURES / "hostile"
HOSTILE_VOCAB = (MINI_VOCAB, HOSTILE / "vocab.ttl")
HOSTILE_NAME = '<img src=x onerror="window.__pwned=1;document.title=\'pwned\'"> O\'Brien \\ "Jr"'
NON_LATIN = "Диалог должен продолжаться — 对话必须继续 — الحوار يجب أن يستمر"


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int, int]]:
    out = tmp_path_factory.mktemp("seed-views")
    vocabulary = load_vocabulary()
    articles = load_checked_claims([SEED_CLAIMS], vocabulary)
    analysis = analyze_records(records_from_claims(articles, vocabulary), vocabulary)
    write_views(articles, analysis, out)
    context = context_from_claims(articles)
    pages = {}
    for name in VIEWS:
        view = build_view(analysis, name, context)
        pages[name] = (out / f"{name}.html", len(view.nodes), len(view.edges))
    return pages


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    rdf = out / "hostile.trig"
    build_claims([HOSTILE / "article.claims.yaml"], rdf, vocab=HOSTILE_VOCAB)
    viz(rdf, out / "hostile.html", vocab=HOSTILE_VOCAB)
    return out / "hostile.html"


def _first_filter_changes_what_is_shown(browser: Any, name: str) -> None:
    before = live_counts(browser)
    if name == "issues":
        menu = Select(browser.find_element(By.ID, "sg-filter-0"))
        menu.select_by_index(1)
    else:
        browser.find_element(By.ID, "sg-filter-0-0").click()
    after = live_counts(browser)
    assert after["visibleNodes"] < before["visibleNodes"]
    assert after["visibleEdges"] < before["visibleEdges"]
    assert after["nodes"] == before["nodes"]


@pytest.mark.parametrize("name", VIEWS)
def test_each_seed_view_draws_filters_and_logs_no_error(
    browser: Any, seed_pages: dict[str, tuple[Path, int, int]], name: str
) -> None:
    path, nodes, edges = seed_pages[name]
    log = open_page(browser, path)
    assert errors(log) == []
    counts = live_counts(browser)
    assert (counts["nodes"], counts["edges"]) == (nodes, edges)
    assert nodes > 3 and edges > 3
    assert (counts["visibleNodes"], counts["visibleEdges"]) == (nodes, edges)
    assert screenshot_variance(browser) > 200
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    _first_filter_changes_what_is_shown(browser, name)
    assert errors(browser.get_log("browser")) == []


def _node_id(browser: Any, label: str) -> str:
    found = browser.execute_script(
        "var label = arguments[0];"
        "return stancegraph.nodes.getIds({filter: function (n) {"
        " return stancegraph.labelOf(n.id) === label; }});",
        label,
    )
    assert len(found) == 1, found
    return str(found[0])


def _hover(browser: Any, node_id: str) -> None:
    x, y = browser.execute_script(
        "var s = stancegraph, p = s.network.getPositions([arguments[0]])[arguments[0]];"
        "var d = s.network.canvasToDOM(p);"
        "var r = document.getElementById('sg-network').getBoundingClientRect();"
        "return [Math.round(r.left + d.x), Math.round(r.top + d.y)];",
        node_id,
    )
    actions = ActionBuilder(browser)
    actions.pointer_action.move_to_location(x, y)
    actions.perform()


def test_hostile_names_and_quotes_show_literally_and_never_run(
    browser: Any, hostile_page: Path
) -> None:
    log = open_page(browser, hostile_page)
    assert errors(log) == []
    assert browser.execute_script("return window.__pwned") is None
    assert (
        browser.title
        == "Freedonia vs Ruritania: where they converge, diverge and talk past each other"
    )
    assert browser.execute_script("return document.querySelectorAll('img, svg').length") == 0

    node = _node_id(browser, HOSTILE_NAME)
    _hover(browser, node)
    tooltip = browser.find_element(By.ID, "sg-tooltip")
    assert tooltip.is_displayed()
    assert HOSTILE_NAME in tooltip.get_attribute("textContent")
    assert "</script><script>window.__pwned=2</script>" in tooltip.get_attribute("textContent")

    search = browser.find_element(By.ID, "sg-search")
    search.send_keys("<img src=x")
    results = browser.find_elements(By.CSS_SELECTOR, "#sg-results li")
    assert [r.get_attribute("textContent") for r in results] == [HOSTILE_NAME + " actor"]
    results[0].click()
    panel = browser.find_element(By.ID, "sg-panel-body").get_attribute("textContent")
    assert HOSTILE_NAME in panel and 'Barbs <script>window.__pwned=3</script> & "quotes"' in panel
    assert "Tariffs <svg onload=window.__pwned=5> are a shield" in panel
    for anchor in browser.find_elements(By.CSS_SELECTOR, "a"):
        href = anchor.get_attribute("href") or ""
        assert href.startswith(("http://", "https://")), href
        assert "noopener" in (anchor.get_attribute("rel") or "")
    assert browser.execute_script("return window.__pwned") is None
    assert browser.title != "pwned"
    assert errors(browser.get_log("browser")) == []


def test_long_quote_is_cut_in_tooltip_and_whole_on_click_and_non_latin_renders(
    browser: Any, hostile_page: Path
) -> None:
    open_page(browser, hostile_page)
    node = _node_id(browser, "Rufus Firefly")
    _hover(browser, node)
    quotes = [
        q.get_attribute("textContent")
        for q in browser.find_elements(By.CSS_SELECTOR, "#sg-tooltip .sg-quote")
    ]
    long_quote = max(quotes, key=len)
    assert len(long_quote) <= TOOLTIP_QUOTE_CHARS + 3 and long_quote.endswith("…”")
    assert f"“{NON_LATIN}”" in quotes
    browser.execute_script("stancegraph.showPanel('node', arguments[0])", node)
    full = [
        q.get_attribute("textContent")
        for q in browser.find_elements(By.CSS_SELECTOR, "#sg-panel .sg-quote")
    ]
    assert max(len(q) for q in full) == 10_000 + 2
    assert browser.execute_script("return document.characterSet") == "UTF-8"
    assert errors(browser.get_log("browser")) == []


def test_empty_store_gives_a_page_that_says_so(browser: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty.nq"
    empty.write_text("# no claims\n", encoding="utf-8")
    viz(empty, tmp_path / "empty.html")
    browser.get_log("browser")
    browser.get((tmp_path / "empty.html").as_uri())
    message = browser.find_element(By.ID, "sg-empty")
    assert message.is_displayed() and "No claims to draw" in message.text
    assert errors(browser.get_log("browser")) == []
