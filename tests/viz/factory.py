"""Small hand-made views for the viz tests."""

from __future__ import annotations

from stancegraph.viz.layout import divergence_layout
from stancegraph.viz.model import (
    ArticleRef,
    Evidence,
    FilterOption,
    LegendEntry,
    View,
    ViewFilter,
    VizEdge,
    VizNode,
)

HOSTILE = (
    '<img src=x onerror="window.__pwned=1"> </script><script>window.__pwned=2</script> \\ \' "'
)


def evidence(
    quote: str = "Tariffs hurt both of our peoples", actor: str = "Rufus Firefly"
) -> Evidence:
    return Evidence(
        actor=actor,
        side="Freedonia",
        issue="Tariffs are justified",
        stance="oppose",
        position="Tariffs hurt both peoples.",
        quote=quote,
        article="wire-1",
        polarity=-1,
        cue="told",
    )


def tiny_view(
    *,
    quote: str = "Tariffs hurt both of our peoples",
    label: str = "Rufus Firefly",
    url: str | None = "https://example.org/wire/1",
) -> View:
    nodes = (
        VizNode(
            "actor/rudolf",
            "Rudolf Rassendyll",
            "actor",
            color="#2f6fb5",
            side="ruritania",
            weight=2,
            facets=(("side", "ruritania"),),
        ),
        VizNode(
            "actor/rufus",
            label,
            "actor",
            color="#8e44ad",
            side="freedonia",
            facets=(("side", "freedonia"),),
        ),
        VizNode(
            "issue/tariffs",
            "Tariffs are justified",
            "issue",
            color="#c0392b",
            shape="box",
            lean=0.0,
            weight=2,
            facets=(("topic", "trade"),),
        ),
        VizNode(
            "issue/dialogue",
            "Dialogue should continue",
            "issue",
            color="#9e9e9e",
            shape="box",
            lean=-1.0,
            facets=(("topic", "affairs"),),
        ),
    )
    edges = (
        VizEdge(
            "actor/rudolf",
            "issue/tariffs",
            "support",
            color="#1b7a3d",
            evidence=(evidence("Ruritania would impose tariffs", "Rudolf Rassendyll"),),
        ),
        VizEdge(
            "actor/rufus",
            "issue/tariffs",
            "oppose",
            color="#c0392b",
            dashed=True,
            evidence=(evidence(quote, label),),
        ),
        VizEdge("actor/rudolf", "issue/dialogue", "support", color="#1b7a3d"),
    )
    return View(
        title="Ruritania vs Freedonia",
        nodes=divergence_layout(nodes, "ruritania", "freedonia"),
        edges=edges,
        legend=(
            LegendEntry("support", "#1b7a3d", "line"),
            LegendEntry("oppose", "#c0392b", "dashed"),
        ),
        filters=(
            ViewFilter(
                "side",
                "Side",
                "node",
                "checkbox",
                (FilterOption("ruritania", "Ruritania"), FilterOption("freedonia", "Freedonia")),
            ),
            ViewFilter(
                "stance",
                "Stance",
                "edge",
                "checkbox",
                (FilterOption("support", "support"), FilterOption("oppose", "oppose")),
            ),
            ViewFilter(
                "topic",
                "Topic",
                "node",
                "select",
                (
                    FilterOption("trade", "Foreign trade"),
                    FilterOption("affairs", "International affairs"),
                ),
            ),
        ),
        articles=(
            ArticleRef("wire-1", "Ruritania and Freedonia Trade Barbs", "2024-05-06", "Wire", url),
        ),
    )
