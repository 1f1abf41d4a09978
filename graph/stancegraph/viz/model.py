"""The view model: what one HTML page draws, as frozen dataclasses.

A :class:`View` is everything the renderer needs and nothing it has to work
out: nodes with their positions, colours and tooltip lines; edges with the
claims (:class:`Evidence`) behind them; the legend, the filters, the title and
the indexes. Views are built from analysis results by
:mod:`stancegraph.viz.views`, placed by :mod:`stancegraph.viz.layout` and
turned into HTML by :mod:`stancegraph.viz.render`. Every string here may come
from an article or a claims file: the renderer treats all of them as text.

Nodes and edges are identified by ``key`` (a stable, meaningful id such as
``issue/tariffs``); the page never shows keys and never uses them as DOM or
vis-network ids (it numbers nodes and edges instead), so a hostile id cannot
reach the markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ArticleRef",
    "Evidence",
    "FilterOption",
    "LegendEntry",
    "Metric",
    "NodeKind",
    "Shape",
    "View",
    "ViewFilter",
    "VizEdge",
    "VizNode",
]

NodeKind = Literal["actor", "side", "issue", "topic"]
Shape = Literal["dot", "box", "diamond", "line", "dashed"]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article the evidence comes from: shown in tooltips and the page's source list."""

    key: str
    title: str
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim behind an edge: who said what, how, with the exact quote."""

    actor: str
    side: str
    issue: str
    stance: str
    position: str
    quote: str
    article: str
    polarity: int = 1
    cue: str | None = None
    conditional: bool = False


@dataclass(frozen=True, slots=True)
class VizNode:
    """A node: an actor, a side, an issue or a topic, placed at (*x*, *y*).

    *facets* are the values the page's filters look at (e.g. ``side``,
    ``topic``); *details* are label/value lines for the tooltip; *evidence* are
    claims about the node itself (those on its edges are shown too); *weight*
    ranks nodes when a view has to be cut down to ``max_nodes``; *lean* places
    an issue between two sides (-1 only the first side addresses it, +1 only
    the second, ``None`` neither).
    """

    key: str
    label: str
    kind: NodeKind
    color: str = "#607d8b"
    shape: Shape = "dot"
    size: float = 12.0
    weight: float = 1.0
    x: float = 0.0
    y: float = 0.0
    side: str | None = None
    lean: float | None = None
    group: str = ""
    facets: tuple[tuple[str, str], ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class VizEdge:
    """An edge between two node keys, with its category (for the stance filter)."""

    source: str
    target: str
    category: str
    color: str = "#90a4ae"
    width: float = 1.0
    dashed: bool = False
    weight: float = 1.0
    details: tuple[tuple[str, str], ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line of the legend: a swatch of *color* in *shape*, and its meaning."""

    label: str
    color: str
    shape: Shape


@dataclass(frozen=True, slots=True)
class FilterOption:
    """A value a filter can show or hide, and its label."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """A filter of the page: checkboxes (any subset) or a menu (one value or all).

    It looks at the node facet (``target="node"``) or the edge category
    (``target="edge"``) named *field*; nodes without that facet are never
    hidden by it. Edges of hidden nodes are hidden, and so are nodes left
    without any visible edge.
    """

    name: str
    label: str
    target: Literal["node", "edge"]
    control: Literal["checkbox", "select"]
    options: tuple[FilterOption, ...]


@dataclass(frozen=True, slots=True)
class Metric:
    """A figure shown under the title, e.g. ("talking-past index", "0.71")."""

    label: str
    value: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class View:
    """One page: title, figures, nodes, edges, legend, filters, sources and notes.

    *limit_note* says what was left out when the view was cut to ``max_nodes``;
    *empty_message* is shown instead of the network when there are no nodes.
    """

    title: str
    subtitle: str = ""
    metrics: tuple[Metric, ...] = ()
    nodes: tuple[VizNode, ...] = ()
    edges: tuple[VizEdge, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    filters: tuple[ViewFilter, ...] = ()
    articles: tuple[ArticleRef, ...] = ()
    notes: tuple[str, ...] = ()
    limit_note: str | None = None
    empty_message: str = "Nothing to draw: the graph has no nodes."
