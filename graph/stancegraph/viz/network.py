"""A view as a real :class:`pyvis.network.Network`, to restyle in a notebook and save offline.

:func:`pyvis_network` builds the same view as our HTML pages (the divergence map,
the actor or the issue network: :mod:`stancegraph.viz.views`) and hands it over
as a pyvis network, so a pyvis user can go on as usual::

    net = pyvis_network(analysis)            # the divergence map
    net.toggle_physics(True)                 # positions are precomputed: physics starts off
    net.show_buttons(filter_=["physics"])    # vis-network's option editor under the graph
    net.save_graph("divergence-pyvis.html")  # one file, loads nothing from the network
    net                                      # shown inline in Jupyter, VS Code and Colab

Nodes and edges carry the colours, shapes, sizes, positions and labels of our
pages; their ``title`` (the hover text) holds the details and up to
:data:`TOOLTIP_CLAIMS` claims behind them, as plain text.

What :class:`OfflineNetwork` changes of pyvis 0.3.2 (see ``render.py`` for why our
own pages do not use pyvis' template):

- resources are always inlined (``cdn_resources="in_line"``), and the Bootstrap
  CSS and JS that pyvis' template links from a CDN even then are dropped, so the
  page loads nothing; a page that would still load anything raises
  :class:`~stancegraph.errors.OutputError`;
- every title is HTML-escaped text: pyvis writes a title into the page as HTML as
  soon as any title holds ``href`` (vis-network shows it as text otherwise), and
  article text must never run; labels are drawn on the canvas, as text;
- node ids are opaque (``n0``, ``n1``): pyvis writes ids raw into its select menu;
  the heading is escaped when the page is made;
- nodes and edges are appended in one pass, not with ``add_node``/``add_edge``,
  which scan lists on every call (quadratic on large views);
- ``save_graph``/``write_html`` take a ``str`` or a path and write UTF-8, all at once;
  ``show`` and the notebook display are an ``<iframe srcdoc>``, which VS Code and
  Colab show (pyvis' IFrame onto a file is blank there).
"""

from __future__ import annotations

import html
import os
import re
import webbrowser
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pyvis.network import Network

from stancegraph.analysis.result import Analysis
from stancegraph.claims.io import ArticleClaims
from stancegraph.defaults import DEFAULT_MAX_NODES
from stancegraph.errors import OutputError
from stancegraph.textio import write_atomic
from stancegraph.viz.model import Evidence, View, VizNode
from stancegraph.viz.render import (
    TOOLTIP_QUOTE_CHARS,
    _shade,
    _vis_node,
    safe_color,
    to_notebook_html,
)
from stancegraph.viz.views import ClaimContext, build_view, context_from_claims

__all__ = [
    "TOOLTIP_CLAIMS",
    "OfflineNetwork",
    "external_references",
    "pyvis_network",
    "to_pyvis",
    "view_network",
]

#: Claims listed in a hover text; the rest are counted.
TOOLTIP_CLAIMS = 3
_SMOOTH_EDGES_UP_TO = 1500
_NODE_FONT = {
    "face": "system-ui, Noto Sans, DejaVu Sans, sans-serif",
    "size": 15,
    "color": "#1f2933",
    "strokeWidth": 3,
    "strokeColor": "#ffffff",
}
_REMOTE = r"""["']?\s*(?:https?:)?//"""
_REMOTE_TAGS = re.compile(
    rf"""<link\b[^>]*\bhref\s*=\s*{_REMOTE}[^>]*>"""
    rf"""|<script\b[^>]*\bsrc\s*=\s*{_REMOTE}[^>]*>\s*</script\s*>""",
    re.IGNORECASE,
)


class _References(HTMLParser):
    """The ``src``/``href`` attributes of a page's tags that point at another host."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value and re.match(r"\s*(?:[a-z]+:)?//", value, re.I):
                self.found.append(f"<{tag} {name}={value}>")


def external_references(page: str) -> list[str]:
    """The tags of *page* that would load or link anything from another host (``src`` or
    ``href`` of ``http://``, ``https://`` or ``//``); inline script text is not read."""
    parser = _References()
    parser.feed(page)
    parser.close()
    return parser.found


def _offline(page: str) -> str:
    page = _REMOTE_TAGS.sub("", page)
    left = external_references(page)
    if left:
        raise OutputError(
            f"the pyvis page still loads {left[0]} from the network: use pyvis' own template"
        )
    return page


def _px(size: Any, default: int = 720) -> int:
    text = str(size).strip()
    return int(float(text[:-2])) if text.endswith("px") and text[:-2].strip() else default


@dataclass(frozen=True)
class _Shown:
    """What :meth:`OfflineNetwork.show` returns in a notebook: the page, shown inline."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


class OfflineNetwork(Network):  # type: ignore[misc]
    """A :class:`pyvis.network.Network` whose pages are self-contained, offline and safe.

    Everything pyvis offers works as documented (``toggle_physics``, ``show_buttons``,
    ``set_options``, ``barnes_hut``, ``add_node``...); see the module docstring for
    what differs. *view* is the stancegraph view the network was built from (its
    title, figures and notes), when it was.
    """

    heading: Any
    template: Any

    def __init__(self, *args: Any, cdn_resources: str = "in_line", **kwargs: Any) -> None:
        if cdn_resources != "in_line":
            raise OutputError(
                f"cdn_resources={cdn_resources!r} loads from the network: stancegraph pages "
                "are offline, use 'in_line'"
            )
        super().__init__(*args, cdn_resources="in_line", **kwargs)
        self.view: View | None = None

    def generate_html(
        self, name: str = "index.html", local: bool = True, notebook: bool = False
    ) -> str:
        """pyvis' page of the network, with every resource inline and nothing remote."""
        self.cdn_resources = "in_line"
        heading = self.heading
        self.heading = html.escape(str(heading))
        try:
            page = super().generate_html(
                name, local=local, notebook=notebook and self.template is not None
            )
        finally:
            self.heading = heading
        self.html = _offline(str(page))
        return self.html

    def write_html(
        self,
        name: str | os.PathLike[str],
        local: bool = True,
        notebook: bool = False,
        open_browser: bool = False,
    ) -> None:
        """Write the page to *name* (UTF-8, all at once); *open_browser* opens it."""
        path = Path(name)
        if path.suffix.lower() not in (".html", ".htm"):
            raise OutputError(f"cannot write {path}: the page's name must end in .html")
        write_atomic(path, self.generate_html(path.name, notebook=notebook))
        if open_browser:
            webbrowser.open(path.resolve().as_uri())

    def save_graph(self, name: str | os.PathLike[str]) -> None:
        """Save the page as *name*, a ``.html`` file."""
        self.write_html(name)

    def show(
        self, name: str | os.PathLike[str], local: bool = True, notebook: bool = True
    ) -> _Shown | None:
        """Write the page to *name*; in a notebook, return it for display as an
        ``<iframe srcdoc>`` (elsewhere, open it in the browser)."""
        self.write_html(name, notebook=notebook, open_browser=not notebook)
        return _Shown(self._repr_html_()) if notebook else None

    def _repr_html_(self) -> str:
        return to_notebook_html(self.generate_html(), height=_px(self.height) + 40)


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rstrip().rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _claim_text(ev: Evidence, articles: dict[str, str]) -> list[str]:
    head = f"{ev.stance} · {ev.actor} ({ev.side})"
    if ev.cue:
        head += f" — {ev.cue}"
    if ev.conditional:
        head += " (conditional)"
    lines = [head, f"“{_truncate(' '.join(ev.quote.split()), TOOLTIP_QUOTE_CHARS)}”"]
    if ev.position:
        lines.append(ev.position)
    if ev.article in articles:
        lines.append(articles[ev.article])
    return lines


def _title(
    heading: str,
    details: Sequence[tuple[str, str]],
    claims: Sequence[Evidence],
    articles: dict[str, str],
) -> str:
    """The hover text: a heading, ``label: value`` lines, the first claims; HTML-escaped."""
    lines = [heading, *(f"{label}: {value}" for label, value in details)]
    for ev in claims[:TOOLTIP_CLAIMS]:
        lines += ["", *_claim_text(ev, articles)]
    if len(claims) > TOOLTIP_CLAIMS:
        lines += ["", f"+{len(claims) - TOOLTIP_CLAIMS} more claim(s)"]
    return html.escape("\n".join(lines), quote=False)


def _article_lines(view: View) -> dict[str, str]:
    lines = {}
    for a in view.articles:
        when = ", ".join(x for x in (a.publisher, a.published) if x)
        lines[a.key] = a.title + (f" ({when})" if when else "")
    return lines


def view_network(view: View, *, height: str = "720px", width: str = "100%") -> OfflineNetwork:
    """*view* (a placed :class:`~stancegraph.viz.model.View`) as a pyvis network: its nodes
    at their positions, physics off, its edges with their colours and dashes."""
    net = OfflineNetwork(height=height, width=width, cdn_resources="in_line")
    net.view = view
    ids = {node.key: f"n{i}" for i, node in enumerate(view.nodes)}
    articles = _article_lines(view)
    kept = [e for e in view.edges if e.source in ids and e.target in ids]
    incident: dict[str, list[Evidence]] = {key: [] for key in ids}
    for edge in kept:
        incident[edge.source].extend(edge.evidence)
        incident[edge.target].extend(edge.evidence)
    labels: dict[str, str] = {}
    for node in view.nodes:
        vis = _node_item(node, ids[node.key], [*node.evidence, *incident[node.key]], articles)
        labels[node.key] = " ".join(node.label.split())
        net.nodes.append(vis)
        net.node_ids.append(vis["id"])
        net.node_map[vis["id"]] = vis
    for i, edge in enumerate(kept):
        color = safe_color(edge.color)
        item: dict[str, Any] = {
            "id": f"e{i}",
            "from": ids[edge.source],
            "to": ids[edge.target],
            "width": round(edge.width, 2),
            "color": {
                "color": color,
                "highlight": _shade(color, 0.3),
                "hover": _shade(color, 0.3),
                "opacity": 0.75,
            },
            "category": edge.category,
            "title": _title(
                f"{labels[edge.source]} — {labels[edge.target]}",
                edge.details,
                edge.evidence,
                articles,
            ),
        }
        if edge.dashed:
            item["dashes"] = [8, 5]
        net.edges.append(item)
    net.toggle_physics(False)
    net.options.interaction.hover = True
    net.options.nodes = {"font": dict(_NODE_FONT)}
    if len(kept) > _SMOOTH_EDGES_UP_TO:
        net.options.edges.smooth.enabled = False
    else:
        net.options.edges.smooth.type = "curvedCW"
        net.options.edges.smooth.roundness = 0.08
    return net


def _node_item(
    node: VizNode, nid: str, claims: Sequence[Evidence], articles: dict[str, str]
) -> dict[str, Any]:
    item = _vis_node(node, nid)
    item["kind"] = node.kind
    item["title"] = _title(" ".join(node.label.split()), node.details, claims, articles)
    return item


def pyvis_network(
    analysis: Analysis,
    view: str = "divergence",
    context: ClaimContext | Iterable[ArticleClaims] | None = None,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    height: str = "720px",
    width: str = "100%",
) -> OfflineNetwork:
    """The view *view* (``divergence``, ``actors`` or ``issues``) of *analysis* as a
    :class:`pyvis.network.Network` (an :class:`OfflineNetwork`): the nodes, edges,
    colours, labels and hover texts of the HTML page, placed, physics off.
    *context* (the claims files analysed, or a
    :class:`~stancegraph.viz.views.ClaimContext`) adds article titles and cues to the
    hover texts; *max_nodes* cuts a large view down as the page does
    (``net.view.limit_note`` says what was left out)."""
    if context is not None and not isinstance(context, ClaimContext):
        context = context_from_claims(context)
    return view_network(
        build_view(analysis, view, context, max_nodes=max_nodes), height=height, width=width
    )


#: The name the issue and the notebooks use: ``sg.to_pyvis(analysis, "divergence")``.
to_pyvis = pyvis_network
