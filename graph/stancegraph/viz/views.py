"""Analysis results -> views: the divergence map, the actor network, the issue network.

Each function reads an :class:`~stancegraph.analysis.result.Analysis` (it
never recomputes anything) and returns a placed
:class:`~stancegraph.viz.model.View`:

- :func:`divergence_view`: the signed actor-issue graph of the pair of sides
  compared. The first side's actors on the left, the second side's on the
  right, issues between them by who raises them; edges coloured by stance
  (oppose also dashed, so colour is not the only cue) and as wide as their
  number of claims; issue boxes coloured by verdict. Every other side is one
  aggregated node, linked to the pair's issues only.
- :func:`actors_view`: the DNA congruence and conflict networks among the
  pair's actors, clustered by side (other sides' actors are left out); the
  stance filter toggles congruence and conflict ties.
- :func:`issues_view`: the co-occurrence network of the issues the pair raises,
  clustered by topic, issues coloured by verdict, each with its claims.

Each page says what it leaves out, so a pair is never drowned under every
other side's actors.

The analysis records carry no reporting verb and no article title or link:
:class:`ClaimContext` supplies them (from claims files with
:func:`context_from_claims`, or from the RDF, see :mod:`stancegraph.pipeline.viz`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from stancegraph.analysis.divergence import IssueVerdict
from stancegraph.analysis.result import Analysis
from stancegraph.analysis.source import ClaimRecord
from stancegraph.claims.io import ArticleClaims
from stancegraph.defaults import DEFAULT_MAX_NODES
from stancegraph.errors import AnalysisError
from stancegraph.viz.layout import cluster_layout, divergence_layout
from stancegraph.viz.limit import limit_nodes
from stancegraph.viz.model import (
    ArticleRef,
    Evidence,
    FilterOption,
    LegendEntry,
    Metric,
    View,
    ViewFilter,
    VizEdge,
    VizNode,
)

__all__ = [
    "DEFAULT_MAX_NODES",
    "EMPTY_MESSAGE",
    "VIEWS",
    "ClaimContext",
    "ViewName",
    "actors_view",
    "build_view",
    "context_from_claims",
    "divergence_view",
    "empty_view",
    "issues_view",
]

ViewName = Literal["divergence", "actors", "issues"]
VIEWS: tuple[ViewName, ...] = ("divergence", "actors", "issues")

SIDE_A_COLOR = "#2f6fb5"
SIDE_B_COLOR = "#8e44ad"
OTHER_SIDE_COLOR = "#607d8b"
VERDICT_COLORS = {
    "convergent": "#2e8b57",
    "divergent": "#c0392b",
    "mixed": "#d68910",
    "one-sided": "#7f8c9a",
    "other": "#b0bec5",
}
VERDICT_LABELS = {
    "convergent": "convergent: both sides take the same stance",
    "divergent": "divergent: opposite stances",
    "mixed": "mixed: a side is split",
    "one-sided": "one-sided: only one side raises it",
    "other": "raised by other sides only",
}
STANCE_COLORS = {"support": "#2e8b57", "oppose": "#c0392b", "mixed": "#d68910"}
EMPTY_MESSAGE = "No claims to draw: code or extract claims from an article, then run again."
TIE_COLORS = {"congruence": "#2e8b57", "conflict": "#c0392b", "cooccurrence": "#7f8c9a"}


@dataclass(frozen=True)
class ClaimContext:
    """What the page shows beyond the analysis records: article titles and links, cues.

    *articles* maps article ids to their references; *cues* maps claim keys
    (``article/claim``) to the reporting verb or phrase.
    """

    articles: Mapping[str, ArticleRef] = field(default_factory=dict)
    cues: Mapping[str, str] = field(default_factory=dict)


def context_from_claims(articles: Iterable[ArticleClaims]) -> ClaimContext:
    """The context of claims files already loaded: titles, dates, links and cues."""
    refs: dict[str, ArticleRef] = {}
    cues: dict[str, str] = {}
    for item in articles:
        meta = item.data.article
        refs[meta.id] = ArticleRef(
            key=meta.id,
            title=meta.title,
            published=meta.published.isoformat() if meta.published else None,
            publisher=meta.publisher,
            url=meta.url,
        )
        for claim in item.data.claims:
            if claim.cue is not None:
                cues[f"{meta.id}/{claim.id}"] = claim.cue.text
    return ClaimContext(articles=refs, cues=cues)


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _side_color(analysis: Analysis, side: str) -> str:
    if side == analysis.side_a:
        return SIDE_A_COLOR
    return SIDE_B_COLOR if side == analysis.side_b else OTHER_SIDE_COLOR


def _in_pair(analysis: Analysis, side: str) -> bool:
    return side == analysis.side_a or side == analysis.side_b


def _pair_title(analysis: Analysis, joint: str = ", ") -> str:
    la, lb = analysis.side_labels
    return la if analysis.one_sided else f"{la}{joint}{lb}"


def _side_node(key: str, data: Mapping[str, Any]) -> VizNode:
    """The node of another side, all its actors in one (``kind="side"``)."""
    side = str(data.get("side", ""))
    label = str(data.get("label", side))
    actors = int(data.get("actors", 0))
    return VizNode(
        key=key,
        label=f"{label} ({actors} actor{'s' if actors != 1 else ''})",
        kind="side",
        color=OTHER_SIDE_COLOR,
        shape="diamond",
        size=_size(int(data.get("claims", 1))),
        weight=float(data.get("claims", 1)),
        side=side,
        group=side,
        facets=(("side", side),),
        details=(
            ("Side", label),
            ("Actors (aggregated)", str(actors)),
            ("Claims on these issues", str(data.get("claims", 0))),
        ),
    )


def _actor_node(
    analysis: Analysis,
    key: str,
    data: Mapping[str, Any],
    sides: Mapping[str, str],
    extra: tuple[tuple[str, str], ...] = (),
) -> VizNode:
    """The node of the actor *key* (attributes *data*), with *extra* tooltip details."""
    side = str(data.get("side", ""))
    return VizNode(
        key=key,
        label=str(data.get("label", key)),
        kind="actor",
        color=_side_color(analysis, side),
        size=_size(int(data.get("claims", 1))),
        weight=float(data.get("claims", 1)),
        side=side,
        group=side,
        facets=(("side", side),),
        details=(("Side", sides.get(side, side)), ("Claims", str(data.get("claims", 0))), *extra),
    )


def _evidence(
    records: Iterable[ClaimRecord],
    analysis: Analysis,
    context: ClaimContext,
    sides: Mapping[str, str],
) -> tuple[Evidence, ...]:
    items = []
    for r in records:
        issue = analysis.bipartite.nodes.get(f"issue/{r.issue}", {})
        items.append(
            Evidence(
                actor=r.claimant_name,
                side=sides.get(r.side, r.side),
                issue=str(issue.get("label", r.issue)),
                stance=r.stance,
                position=r.position,
                quote=r.quote,
                article=r.article,
                polarity=r.polarity,
                cue=context.cues.get(r.key),
                conditional=r.conditional,
            )
        )
    return tuple(items)


def _articles(analysis: Analysis, context: ClaimContext) -> tuple[ArticleRef, ...]:
    dates = {r.article: r.published for r in analysis.records}
    refs = [
        context.articles.get(a)
        or ArticleRef(key=a, title=a, published=d.isoformat() if d else None)
        for a, d in dates.items()
    ]
    return tuple(sorted(refs, key=lambda ref: (ref.published or "", ref.key)))


def _subtitle(analysis: Analysis) -> str:
    corpus = analysis.corpus
    span = ""
    if corpus.first and corpus.last:
        span = (
            f", {corpus.first.isoformat()}"
            if corpus.first == corpus.last
            else f", {corpus.first.isoformat()} to {corpus.last.isoformat()}"
        )
    return f"{corpus.claims:,} claims in {corpus.articles:,} article(s){span}"


def _side_filter(analysis: Analysis, sides: Mapping[str, str], present: set[str]) -> ViewFilter:
    others = sorted(s for s in present if not _in_pair(analysis, s))
    order = [analysis.side_a, *([analysis.side_b] if analysis.side_b else []), *others]
    return ViewFilter(
        "side",
        "Side",
        "node",
        "checkbox",
        tuple(FilterOption(s, sides.get(s, s)) for s in order if s in present),
    )


def _topic_filter(nodes: Iterable[VizNode]) -> ViewFilter:
    topics: dict[str, str] = {}
    for node in nodes:
        facets = dict(node.facets)
        if "topic" in facets:
            topics[facets["topic"]] = dict(node.details).get("Topic", facets["topic"])
    options = tuple(
        FilterOption(t, label) for t, label in sorted(topics.items(), key=lambda kv: kv[1])
    )
    return ViewFilter("topic", "Topic", "node", "select", options)


def _finish(
    view: View,
    nodes: Sequence[VizNode],
    edges: Sequence[VizEdge],
    max_nodes: int | None,
    place: Callable[[Iterable[VizNode]], tuple[VizNode, ...]],
) -> View:
    limited = limit_nodes(nodes, edges, max_nodes)
    note = limited.note()
    return View(
        title=view.title,
        subtitle=view.subtitle,
        metrics=view.metrics,
        nodes=place(limited.nodes),
        edges=tuple(sorted(limited.edges, key=lambda e: (e.source, e.target, e.category))),
        legend=view.legend,
        filters=view.filters,
        articles=view.articles,
        notes=view.notes,
        limit_note=note,
        empty_message=view.empty_message,
    )


def _size(claims: int) -> float:
    return round(10.0 + 5.0 * math.sqrt(claims), 1)


def _verdict_of(verdicts: Mapping[str, IssueVerdict], issue: str) -> str:
    found = verdicts.get(issue)
    return found.verdict if found is not None else "other"


def _lean(verdict: IssueVerdict | None) -> float | None:
    if verdict is None:
        return None
    a = len(verdict.a.claims) if verdict.a else 0
    b = len(verdict.b.claims) if verdict.b else 0
    if a + b == 0:
        return None
    return (b - a) / (a + b)


def _issue_node(
    key: str, data: Mapping[str, Any], verdicts: Mapping[str, IssueVerdict], extra: Sequence[Any]
) -> VizNode:
    issue = key.removeprefix("issue/")
    verdict = _verdict_of(verdicts, issue)
    found = verdicts.get(issue)
    details: list[tuple[str, str]] = [
        ("Topic", str(data.get("topic_label", data.get("topic", "")))),
        ("Verdict", verdict),
        ("Claims", str(data.get("claims", 0))),
    ]
    if found is not None and found.distance is not None:
        details.append(("Stance distance", _num(found.distance)))
    return VizNode(
        key=key,
        label=str(data.get("label", issue)),
        kind="issue",
        color=VERDICT_COLORS.get(verdict, VERDICT_COLORS["other"]),
        shape="box",
        weight=float(data.get("claims", 1)),
        lean=_lean(found),
        group=str(data.get("topic", "")),
        facets=(("topic", str(data.get("topic", ""))), ("verdict", verdict)),
        details=tuple(details),
        evidence=tuple(extra),
    )


def _verdict_legend(present: Iterable[str]) -> tuple[LegendEntry, ...]:
    seen = set(present)
    return tuple(
        LegendEntry(VERDICT_LABELS[v], VERDICT_COLORS[v], "box")
        for v in VERDICT_COLORS
        if v in seen
    )


def _verdict_filter(present: Iterable[str]) -> ViewFilter:
    seen = set(present)
    options = tuple(FilterOption(v, v) for v in VERDICT_COLORS if v in seen)
    return ViewFilter("verdict", "Verdict", "node", "checkbox", options)


def _metrics(analysis: Analysis) -> tuple[Metric, ...]:
    ix = analysis.corpus.indexes
    return (
        Metric(
            "talking-past index",
            _num(ix.talking_past),
            "Share of the issues raised by either side that only one side raised.",
        ),
        Metric(
            "divergence index",
            _num(ix.divergence),
            "Mean stance distance over the issues both sides raised (0 agree, 1 opposite).",
        ),
        Metric("shared issues", f"{ix.shared} of {ix.issues}", "Issues both sides raised."),
        Metric("convergent", str(ix.convergent), "Shared issues with the same stance."),
        Metric("divergent", str(ix.divergent), "Shared issues with opposite stances."),
    )


def _comparison_note(analysis: Analysis) -> str:
    return f"Sides compared: {_pair_title(analysis, ' and ')}, {analysis.pair.reason}."


def _divergence_notes(
    analysis: Analysis, aggregated: Sequence[VizNode], left_out: int
) -> tuple[str, ...]:
    la, lb = analysis.side_labels
    notes = [
        _comparison_note(analysis),
        f"Left: {la}; then the issues only {la} raises."
        if analysis.one_sided
        else f"Left: {la}. Right: {lb}. Between them, left to right: issues only {la} raises, "
        f"issues both raise, issues only {lb} raises.",
    ]
    if aggregated:
        names = ", ".join(dict(n.details)["Side"] for n in aggregated)
        notes.append(
            f"Other sides are aggregated: each is one node (underneath) with all its actors, "
            f"linked only to the issues drawn here: {names}."
        )
    if left_out:
        notes.append(
            f"{left_out} issue(s) that only other sides raise are left out "
            "(compare another pair with --sides)."
        )
    return tuple(notes)


def divergence_view(
    analysis: Analysis,
    context: ClaimContext | None = None,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> View:
    """The divergence map of *analysis*: the pair's actors by side, the issues they raise
    between them by verdict, every other side as one node linked to those issues."""
    context = context or ClaimContext()
    sides = analysis.side_names
    verdicts = {v.issue: v for v in analysis.issues}
    graph: nx.Graph = analysis.pair_graph
    nodes: list[VizNode] = []
    for key, data in sorted(graph.nodes(data=True)):
        kind = data.get("kind")
        if kind == "issue":
            nodes.append(_issue_node(key, data, verdicts, ()))
        elif kind == "side":
            nodes.append(_side_node(key, data))
        else:
            nodes.append(_actor_node(analysis, key, data, sides))
    edges = []
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        actor, issue = (target, source) if source.startswith("issue/") else (source, target)
        category = {1: "support", -1: "oppose"}.get(int(data.get("sign", 0)), "mixed")
        weight = int(data.get("weight", 1))
        edges.append(
            VizEdge(
                source=actor,
                target=issue,
                category=category,
                color=STANCE_COLORS[category],
                width=round(1.5 + 1.5 * math.sqrt(weight), 2),
                dashed=category == "oppose",
                weight=float(weight),
                details=(
                    ("Stance", category),
                    (
                        "Claims",
                        f"{weight} ({data.get('support', 0)} support, "
                        f"{data.get('oppose', 0)} oppose)",
                    ),
                ),
                evidence=_evidence(data.get("claims", ()), analysis, context, sides),
            )
        )
    la, lb = analysis.side_labels
    present_sides = {n.side for n in nodes if n.side}
    present_verdicts = {dict(n.facets)["verdict"] for n in nodes if n.kind == "issue"}
    aggregated = sorted(
        (n for n in nodes if n.kind == "side"), key=lambda n: (-n.weight, n.label, n.key)
    )
    legend = (
        LegendEntry(f"{la} actor", SIDE_A_COLOR, "dot"),
        *(() if analysis.one_sided else (LegendEntry(f"{lb} actor", SIDE_B_COLOR, "dot"),)),
        *(
            (LegendEntry("another side, all its actors in one", OTHER_SIDE_COLOR, "diamond"),)
            if aggregated
            else ()
        ),
        *_verdict_legend(present_verdicts),
        LegendEntry("supports the issue", STANCE_COLORS["support"], "line"),
        LegendEntry("opposes the issue", STANCE_COLORS["oppose"], "dashed"),
        *(
            (LegendEntry("both (mixed)", STANCE_COLORS["mixed"], "line"),)
            if any(e.category == "mixed" for e in edges)
            else ()
        ),
    )
    view = View(
        title=f"{la}: a one-sided map (no other side raises these issues)"
        if analysis.one_sided
        else f"{la} vs {lb}: where they converge, diverge and talk past each other",
        subtitle=_subtitle(analysis),
        metrics=_metrics(analysis),
        legend=legend,
        filters=(
            _side_filter(analysis, sides, present_sides),
            _topic_filter(nodes),
            ViewFilter(
                "stance",
                "Stance",
                "edge",
                "checkbox",
                tuple(
                    FilterOption(c, c)
                    for c in ("support", "oppose", "mixed")
                    if any(e.category == c for e in edges)
                ),
            ),
            _verdict_filter(present_verdicts),
        ),
        articles=_articles(analysis, context),
        notes=_divergence_notes(analysis, aggregated, int(graph.graph.get("left_out", 0))),
        empty_message="No claims to draw: the analysis found no actor-issue edges.",
    )
    return _finish(
        view,
        nodes,
        edges,
        max_nodes,
        lambda kept: divergence_layout(kept, analysis.side_a, analysis.side_b),
    )


def actors_view(
    analysis: Analysis,
    context: ClaimContext | None = None,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> View:
    """The DNA actor networks among the pair's actors: congruence and conflict ties,
    actors clustered by side; other sides' actors are left out (the page says how many).

    A conflict tie runs the other way round from a congruence tie between the
    same two actors, so the two curves bend apart instead of overlapping.
    """
    context = context or ClaimContext()
    sides = analysis.side_names
    central = {c.node: c for c in analysis.actor_centrality}
    graph: nx.Graph = analysis.networks.congruence
    nodes = []
    left_out = 0
    for key, data in sorted(graph.nodes(data=True)):
        if not _in_pair(analysis, str(data.get("side", ""))):
            left_out += 1
            continue
        extra = (
            (
                ("Betweenness", _num(central[key].betweenness)),
                ("Congruence ties across sides", str(central[key].cross_side)),
            )
            if key in central
            else ()
        )
        nodes.append(_actor_node(analysis, key, data, sides, extra))
    edges = []
    normalization = str(graph.graph.get("normalization", "none"))
    for category, network in (
        ("congruence", analysis.networks.congruence),
        ("conflict", analysis.networks.conflict),
    ):
        top = max(
            (float(d.get("weight", 0.0)) for _, _, d in network.edges(data=True)), default=1.0
        )
        for source, target, data in network.edges(data=True):
            if not _in_pair(analysis, str(graph.nodes[source].get("side", ""))) or not _in_pair(
                analysis, str(graph.nodes[target].get("side", ""))
            ):
                continue
            a, b = sorted((source, target), reverse=category == "conflict")
            weight = float(data.get("weight", 0.0))
            edges.append(
                VizEdge(
                    source=a,
                    target=b,
                    category=category,
                    color=TIE_COLORS[category],
                    width=round(1.0 + 5.0 * weight / (top or 1.0), 2),
                    dashed=category == "conflict",
                    weight=weight,
                    details=(
                        ("Tie", category),
                        (
                            "Issue-stance pairs" if category == "congruence" else "Opposed issues",
                            str(data.get("count", 0)),
                        ),
                        (f"Weight ({normalization})", _num(weight)),
                    ),
                )
            )
    present_sides = {n.side for n in nodes if n.side}
    balance = analysis.balance
    la, lb = analysis.side_labels
    notes = [_comparison_note(analysis)]
    if left_out:
        notes.append(
            f"Only the actors of {_pair_title(analysis, ' and ')} are drawn: {left_out} "
            "actor(s) of other sides are left out (the balance figures count every actor)."
        )
    notes.append("Actors who took no stance shared with anyone have no ties.")
    view = View(
        title=f"Actors: who agrees and who clashes ({_pair_title(analysis)})",
        subtitle=_subtitle(analysis),
        metrics=(
            Metric(
                "balanced triangles",
                _num(balance.share),
                "Share of triangles of the signed actor network whose signs multiply to +1.",
            ),
            Metric("triangles", str(balance.triangles), "Triangles of the signed network."),
        ),
        legend=(
            LegendEntry(f"{la} actor", SIDE_A_COLOR, "dot"),
            *(() if analysis.one_sided else (LegendEntry(f"{lb} actor", SIDE_B_COLOR, "dot"),)),
            LegendEntry("congruence: same stance on an issue", TIE_COLORS["congruence"], "line"),
            LegendEntry("conflict: opposite stances", TIE_COLORS["conflict"], "dashed"),
        ),
        filters=(
            _side_filter(analysis, sides, present_sides),
            ViewFilter(
                "tie",
                "Ties",
                "edge",
                "checkbox",
                (FilterOption("congruence", "congruence"), FilterOption("conflict", "conflict")),
            ),
        ),
        articles=_articles(analysis, context),
        notes=tuple(notes),
        empty_message="No actors to draw: the analysis found no claims.",
    )
    return _finish(view, nodes, edges, max_nodes, cluster_layout)


def issues_view(
    analysis: Analysis,
    context: ClaimContext | None = None,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> View:
    """The co-occurrence network of the issues the pair raises (the others are left out,
    and the page says how many), clustered by topic, issues coloured by verdict."""
    context = context or ClaimContext()
    sides = analysis.side_names
    verdicts = {v.issue: v for v in analysis.issues}
    by_issue: dict[str, list[ClaimRecord]] = {}
    for record in analysis.records:
        by_issue.setdefault(record.issue, []).append(record)
    graph: nx.Graph = analysis.cooccurrence
    drawn = {f"issue/{issue}" for issue in verdicts}
    nodes = [
        _issue_node(
            key,
            data,
            verdicts,
            _evidence(by_issue.get(key.removeprefix("issue/"), ()), analysis, context, sides),
        )
        for key, data in sorted(graph.nodes(data=True))
        if key in drawn
    ]
    left_out = graph.number_of_nodes() - len(nodes)
    top = max((float(d.get("weight", 0.0)) for _, _, d in graph.edges(data=True)), default=1.0)
    edges = []
    for source, target, data in graph.edges(data=True):
        if source not in drawn or target not in drawn:
            continue
        a, b = sorted((source, target))
        weight = float(data.get("weight", 0.0))
        edges.append(
            VizEdge(
                source=a,
                target=b,
                category="cooccurrence",
                color=TIE_COLORS["cooccurrence"],
                width=round(1.0 + 5.0 * weight / (top or 1.0), 2),
                weight=weight,
                details=(("Actors addressing both", str(data.get("count", 0))),),
            )
        )
    present_verdicts = {dict(n.facets)["verdict"] for n in nodes}
    notes = [_comparison_note(analysis)]
    if left_out:
        notes.append(
            f"Only the issues {_pair_title(analysis, ' or ')} raise are drawn: {left_out} issue(s) "
            "that only other sides raise are left out."
        )
    notes.append("Issues are grouped by topic; click an issue for its claims.")
    view = View(
        title=f"Issues: what is raised together ({_pair_title(analysis)})",
        subtitle=_subtitle(analysis),
        metrics=_metrics(analysis),
        legend=(
            *_verdict_legend(present_verdicts),
            LegendEntry("raised by the same actors", TIE_COLORS["cooccurrence"], "line"),
        ),
        filters=(_topic_filter(nodes), _verdict_filter(present_verdicts)),
        articles=_articles(analysis, context),
        notes=tuple(notes),
        empty_message="No issues to draw: the analysis found no claims.",
    )
    return _finish(view, nodes, edges, max_nodes, cluster_layout)


def build_view(
    analysis: Analysis,
    name: str,
    context: ClaimContext | None = None,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> View:
    """The view called *name* (one of :data:`VIEWS`) of *analysis*."""
    builders = {"divergence": divergence_view, "actors": actors_view, "issues": issues_view}
    builder = builders.get(name)
    if builder is None:
        raise AnalysisError(f"unknown view {name!r}: use one of {', '.join(VIEWS)}")
    return builder(analysis, context, max_nodes=max_nodes)


def empty_view(name: str, reason: str = EMPTY_MESSAGE) -> View:
    """A page for the view *name* that says why there is nothing to draw."""
    return View(title=f"stancegraph: {name} view", empty_message=reason)
