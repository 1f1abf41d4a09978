"""``viz``: an RDF file or a store -> the analysis -> one interactive HTML view.

:func:`viz` is what the ``viz`` command calls. :func:`write_views` is what
``run`` calls on the claims it has just built: it writes ``divergence.html``,
``actors.html`` and ``issues.html``. :func:`view_html` is for notebooks (wrap
its result with :func:`stancegraph.viz.render.to_notebook_html`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from stancegraph.analysis.result import Analysis, AnalysisOptions, analyze_records
from stancegraph.analysis.source import records_from_store, vocabulary_with_store_issues
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import AnalysisError
from stancegraph.queries.catalog import get_query
from stancegraph.store.base import GraphStore
from stancegraph.store.open import open_source
from stancegraph.textio import write_atomic
from stancegraph.viz.model import ArticleRef, View
from stancegraph.viz.render import render_html, to_notebook_html
from stancegraph.viz.views import (
    DEFAULT_MAX_NODES,
    EMPTY_MESSAGE,
    VIEWS,
    ClaimContext,
    build_view,
    context_from_claims,
    empty_view,
)
from stancegraph.vocab.model import load_vocabulary

__all__ = [
    "NotebookView",
    "VizResult",
    "context_from_store",
    "notebook_view",
    "source_view",
    "view_html",
    "view_pages",
    "viz",
    "write_pages",
    "write_views",
]


@dataclass(frozen=True)
class VizResult:
    """What ``viz`` wrote: the file, the view, and what it shows."""

    output: Path
    view: str
    nodes: int
    edges: int
    note: str | None


def context_from_store(store: GraphStore) -> ClaimContext:
    """Article titles, dates, publishers and links, and claim cues, read from *store*."""
    articles = {}
    for row in store.select(get_query("article-refs").text).records():
        key = str(row["articleId"])

        def text(name: str, row: Mapping[str, object] = row) -> str | None:
            return None if row.get(name) is None else str(row[name])

        articles[key] = ArticleRef(
            key=key,
            title=text("title") or key,
            published=(text("published") or "")[:10] or None,
            publisher=text("publisher"),
            url=text("url"),
        )
    cues = {
        f"{row['articleId']}/{row['claimId']}": str(row["cue"])
        for row in store.select(get_query("claim-cues").text).records()
    }
    return ClaimContext(articles=articles, cues=cues)


def view_html(
    analysis: Analysis,
    view: str = "divergence",
    context: ClaimContext | None = None,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> str:
    """The HTML page of the view *view* of *analysis*."""
    return render_html(build_view(analysis, view, context, max_nodes=max_nodes))


@dataclass(frozen=True)
class NotebookView:
    """A view for a notebook cell: Jupyter, VS Code and Colab display it inline."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def source_view(
    source: Path | None = None,
    *,
    endpoint: str | None = None,
    view: str = "divergence",
    sides: tuple[str, str] | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    vocab: Sequence[Path] = (),
) -> View:
    """The view *view* of the claims in *source* (a store folder, default ``out/store``,
    or an RDF file) or at *endpoint*; a page saying so when there are no claims."""
    if view not in VIEWS:
        raise AnalysisError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    vocabulary = load_vocabulary(vocab)
    with open_source(source, endpoint, vocab=vocab) as store:
        vocabulary = vocabulary_with_store_issues(store, vocabulary)
        records = records_from_store(store, vocabulary)
        context = context_from_store(store)
    if not records:
        where = endpoint or source or "the store"
        return empty_view(view, f"No claims to draw: {where} holds no claims. {EMPTY_MESSAGE}")
    analysis = analyze_records(records, vocabulary, AnalysisOptions(sides=sides))
    return build_view(analysis, view, context, max_nodes=max_nodes)


def notebook_view(
    source: Path | None = None,
    *,
    endpoint: str | None = None,
    view: str = "divergence",
    sides: tuple[str, str] | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    vocab: Sequence[Path] = (),
) -> NotebookView:
    """:func:`source_view` for a notebook cell: an ``<iframe srcdoc>`` holding the whole
    page, so it shows inline in JupyterLab, classic Notebook, VS Code and Colab (pyvis'
    IFrame onto a file is blank in VS Code)."""
    page = source_view(
        source, endpoint=endpoint, view=view, sides=sides, max_nodes=max_nodes, vocab=vocab
    )
    return NotebookView(html=to_notebook_html(render_html(page)))


def viz(
    source: Path | None = None,
    output: Path = Path("out/divergence.html"),
    *,
    endpoint: str | None = None,
    view: str = "divergence",
    sides: tuple[str, str] | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    vocab: Sequence[Path] = (),
) -> VizResult:
    """Write :func:`source_view` of *source* (or *endpoint*) to *output*."""
    page = source_view(
        source, endpoint=endpoint, view=view, sides=sides, max_nodes=max_nodes, vocab=vocab
    )
    write_atomic(Path(output), render_html(page))
    return VizResult(
        output=Path(output),
        view=view,
        nodes=len(page.nodes),
        edges=len(page.edges),
        note=page.limit_note if page.nodes else page.empty_message,
    )


def write_views(
    articles: Sequence[ArticleClaims],
    analysis: Analysis | str,
    out: Path,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> tuple[Path, ...]:
    """Write ``<view>.html`` in *out* for every view of *analysis* of the claims ``run``
    built; *analysis* is the reason instead when the corpus could not be analysed
    (no claims, or none of a known side), and each page then says why there is nothing to draw.
    """
    return write_pages(view_pages(articles, analysis, max_nodes=max_nodes), out)


def view_pages(
    articles: Sequence[ArticleClaims],
    analysis: Analysis | str,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> tuple[tuple[str, str], ...]:
    """The HTML of every view :func:`write_views` writes, as ``(file name, page)``."""
    context = context_from_claims(articles)
    pages = []
    for name in VIEWS:
        page = (
            empty_view(name, f"Nothing to draw: {analysis}")
            if isinstance(analysis, str)
            else build_view(analysis, name, context, max_nodes=max_nodes)
        )
        pages.append((f"{name}.html", render_html(page)))
    return tuple(pages)


def write_pages(pages: Sequence[tuple[str, str]], out: Path) -> tuple[Path, ...]:
    """Write the pages of :func:`view_pages` in *out*, each atomically; their paths."""
    written = []
    for name, html in pages:
        path = Path(out) / name
        write_atomic(path, html)
        written.append(path)
    return tuple(written)
