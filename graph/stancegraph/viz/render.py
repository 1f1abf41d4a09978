"""A :class:`~stancegraph.viz.model.View` -> one self-contained, offline, safe HTML page.

Why our own template rather than pyvis' ``Network.generate_html``: pyvis
0.3.2 links Bootstrap from a CDN even with ``cdn_resources="in_line"``,
inserts the heading and its select-menu node ids into the page unescaped (an
actor named ``<img src=x onerror=...>`` would run), and builds its node and
edge lists with a list scan per added node (quadratic: about a minute at 20k
nodes). We inline the published vis-network 9.1.2 build, shipped in this
package with its licences (``static/vis-network/``, the build pyvis itself
ships, but read from our own package data rather than pyvis' internal file
layout), and this module's Jinja template, which:

- escapes every string (Jinja autoescape) and puts the graph data in a
  ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
  escaped as JSON ``\\u`` sequences, read with ``JSON.parse``; the page script
  writes data into the DOM only through ``textContent``;
- numbers nodes and edges (``n0``, ``e0``) instead of using their keys;
- links out only to the articles' own ``http(s)`` URLs, with
  ``rel="noopener noreferrer"``; any other scheme (``javascript:``, ``data:``)
  is dropped;
- loads nothing from the network: no ``src`` or ``href`` leaves the page;
- is byte-identical for the same view: no timestamps, no random ids, keys
  sorted.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from stancegraph import __version__
from stancegraph.viz.model import ArticleRef, Evidence, LegendEntry, View, VizNode

__all__ = [
    "MAX_LABEL_CHARS",
    "TOOLTIP_QUOTE_CHARS",
    "render_html",
    "safe_color",
    "safe_url",
    "to_notebook_html",
]

#: Longer labels are cut on the canvas (the tooltip and the panel show them whole).
MAX_LABEL_CHARS = 60
#: Quotes are cut to this many characters in tooltips; a click shows them in full.
TOOLTIP_QUOTE_CHARS = 280
_TOOLTIP_CLAIMS = 3
_SEARCH_RESULTS = 25
_SMOOTH_EDGES_UP_TO = 1500
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_FALLBACK_COLOR = "#90a4ae"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028"}
_JSON_ESCAPES["\u2029"] = "\\u2029"
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def safe_url(url: str | None) -> str | None:
    """*url* if it is an absolute http(s) URL without spaces or control characters, else None."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def safe_color(color: str) -> str:
    """*color* if it is a ``#rrggbb`` colour, else a neutral grey (no CSS can slip in)."""
    return color if _COLOR.match(color) else _FALLBACK_COLOR


@cache
def _tint(color: str, amount: float) -> str:
    """*color* mixed with white: *amount* 0 keeps it, 1 gives white."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


@cache
def _shade(color: str, amount: float) -> str:
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in channels)


def _label(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_LABEL_CHARS else flat[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def _vis_node(node: VizNode, nid: str) -> dict[str, Any]:
    color = safe_color(node.color)
    item: dict[str, Any] = {
        "id": nid,
        "label": _label(node.label),
        "x": node.x,
        "y": node.y,
        "shape": node.shape if node.shape in ("dot", "box", "diamond") else "dot",
    }
    if item["shape"] == "box":
        item["color"] = {
            "background": _tint(color, 0.78),
            "border": color,
            "highlight": {"background": _tint(color, 0.6), "border": _shade(color, 0.25)},
            "hover": {"background": _tint(color, 0.68), "border": _shade(color, 0.25)},
        }
        item["borderWidth"] = 2
        item["margin"] = 8
        item["widthConstraint"] = {"maximum": 180}
        item["font"] = {"size": 14, "strokeWidth": 0}
    else:
        item["size"] = round(node.size, 1)
        item["color"] = {
            "background": color,
            "border": _shade(color, 0.25),
            "highlight": {"background": _tint(color, 0.25), "border": _shade(color, 0.4)},
            "hover": {"background": _tint(color, 0.25), "border": _shade(color, 0.4)},
        }
        item["borderWidth"] = 2
        item["font"] = {"size": 15, "vadjust": 0}
    return item


def _evidence(ev: Evidence, articles: dict[str, str]) -> dict[str, Any]:
    return {
        "actor": ev.actor,
        "side": ev.side,
        "stance": ev.stance,
        "polarity": ev.polarity,
        "position": ev.position,
        "quote": ev.quote,
        "cue": ev.cue,
        "conditional": ev.conditional,
        "article": articles.get(ev.article),
    }


def _article(article: ArticleRef) -> dict[str, Any]:
    return {
        "title": article.title,
        "published": article.published,
        "publisher": article.publisher,
        "url": safe_url(article.url),
    }


def _data(view: View) -> dict[str, Any]:
    ids = {node.key: f"n{i}" for i, node in enumerate(view.nodes)}
    articles = {a.key: f"a{i}" for i, a in enumerate(view.articles)}
    nodes = [
        {
            "id": ids[node.key],
            "label": node.label,
            "kind": node.kind,
            "facets": dict(node.facets),
            "details": [list(pair) for pair in node.details],
            "evidence": [_evidence(ev, articles) for ev in node.evidence],
            "vis": _vis_node(node, ids[node.key]),
        }
        for node in view.nodes
    ]
    edges = []
    for i, edge in enumerate(view.edges):
        if edge.source not in ids or edge.target not in ids:
            continue
        eid = f"e{i}"
        vis: dict[str, Any] = {
            "id": eid,
            "from": ids[edge.source],
            "to": ids[edge.target],
            "width": round(edge.width, 2),
            "color": {
                "color": safe_color(edge.color),
                "highlight": _shade(safe_color(edge.color), 0.3),
                "hover": _shade(safe_color(edge.color), 0.3),
                "opacity": 0.75,
            },
        }
        if edge.dashed:
            vis["dashes"] = [8, 5]
        edges.append(
            {
                "id": eid,
                "from": vis["from"],
                "to": vis["to"],
                "category": edge.category,
                "details": [list(pair) for pair in edge.details],
                "evidence": [_evidence(ev, articles) for ev in edge.evidence],
                "vis": vis,
            }
        )
    return {
        "config": {
            "quoteChars": TOOLTIP_QUOTE_CHARS,
            "tooltipClaims": _TOOLTIP_CLAIMS,
            "searchResults": _SEARCH_RESULTS,
            "smoothEdgesUpTo": _SMOOTH_EDGES_UP_TO,
        },
        "nodes": nodes,
        "edges": edges,
        "articles": {articles[a.key]: _article(a) for a in view.articles},
        "filters": [
            {
                "target": f.target,
                "field": f.name,
                "control": f.control,
                "options": [o.value for o in f.options],
            }
            for f in view.filters
        ],
    }


def _json_for_script(value: object) -> Markup:
    """JSON that cannot end its ``<script>`` element or open a comment, whatever it holds."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(_JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text))


VIS_NETWORK_JS = ("static", "vis-network", "vis-network.min.js")
"""Where the vendored vis-network build lives, inside ``stancegraph.viz``."""

_SOURCE_MAP_RE = re.compile(r"\n//# sourceMappingURL=\S*\s*\Z")


def _package_text(package: str, *parts: str) -> str:
    return (resources.files(package).joinpath(*parts)).read_text(encoding="utf-8")


def _inline_script(code: str, name: str) -> Markup:
    if re.search(r"</script|<!--", code, re.IGNORECASE):
        raise ValueError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    return Markup(code)


@cache
def _assets() -> tuple[Markup, Markup, Markup]:
    vis_js = _SOURCE_MAP_RE.sub("", _package_text("stancegraph.viz", *VIS_NETWORK_JS))
    page_js = _package_text("stancegraph.viz", "static", "page.js")
    css = _package_text("stancegraph.viz", "static", "page.css")
    if "</style" in css.lower():
        raise ValueError("page.css contains '</style' and cannot be inlined")
    return (
        _inline_script(vis_js, "vis-network.min.js"),
        _inline_script(page_js, "page.js"),
        Markup(css),
    )


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("stancegraph.viz", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("page.html.j2")


def _legend(entries: tuple[LegendEntry, ...]) -> list[LegendEntry]:
    return [LegendEntry(e.label, safe_color(e.color), e.shape) for e in entries]


def render_html(view: View) -> str:
    """The HTML page of *view*: one file, no network access, byte-identical for equal views."""
    vis_js, page_js, css = _assets()
    articles = [
        ArticleRef(a.key, a.title, a.published, a.publisher, safe_url(a.url)) for a in view.articles
    ]
    return _template().render(
        view=view,
        version=__version__,
        legend=_legend(view.legend),
        articles=articles,
        data=_json_for_script(_data(view)) if view.nodes else "",
        vis_js=vis_js,
        page_js=page_js,
        css=css,
    )


def to_notebook_html(page: str, *, height: int = 720) -> str:
    """*page* inside an ``<iframe srcdoc>``, to display inline in Jupyter, VS Code or Colab.

    The iframe is sandboxed: scripts run, but in an opaque origin, so the page
    cannot reach the notebook; links to articles may open in a new tab.
    """
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #d9e2ec;" '
        'title="stancegraph view"></iframe>'
    )
