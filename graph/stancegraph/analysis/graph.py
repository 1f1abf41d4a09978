"""Records -> NetworkX: the signed, weighted actor-issue graph, its side-level twin, and
the graph of one pair of sides.

All are bipartite ``networkx.Graph`` objects (one edge per pair; an actor who both
supports and opposes an issue has one edge with both counts), built from classified
claims only (``unclassified`` is no issue node):

- nodes ``actor/<id>`` (``kind="actor"``, ``bipartite=0``, ``label``, ``side``: the
  side it spoke for most often, ``claims``) or ``side/<id>`` (``kind="side"``,
  ``label``, ``side``, ``claims``, ``actors``) in the side graph;
- nodes ``issue/<id>`` (``kind="issue"``, ``bipartite=1``, ``label``, ``topic``,
  ``topic_label``, ``claims``);
- edges with ``weight`` (number of claims), ``support`` and ``oppose`` (claims of
  each polarity), ``polarity`` (their mean, -1..1), ``sign`` (+1, -1, or 0 when
  both stances occur), and ``claims``: the evidence, a tuple of
  :class:`~stancegraph.analysis.source.ClaimRecord` in text order.

:func:`pair_issue_graph` keeps what one pair of sides says: their actors and the
issues they raise; every other side is one ``side/<id>`` node (``aggregated=True``)
linked only to those issues, so the pair is not drowned under other sides' actors.

Node ids carry their kind, so an actor and an issue with the same slug never
collide. Exports flatten the tuple attributes (see :mod:`.export`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter

import networkx as nx

from stancegraph.analysis.source import ClaimRecord, classified_records
from stancegraph.vocab.model import Vocabulary

__all__ = [
    "actor_issue_graph",
    "actor_node",
    "issue_node",
    "pair_issue_graph",
    "side_issue_graph",
    "side_label",
    "side_node",
]


def actor_node(actor: str) -> str:
    """The node id of actor *actor*."""
    return f"actor/{actor}"


def side_node(side: str) -> str:
    """The node id of side *side*."""
    return f"side/{side}"


def issue_node(issue: str) -> str:
    """The node id of issue *issue*."""
    return f"issue/{issue}"


def side_label(vocabulary: Vocabulary, side: str) -> str:
    """The side's preferred label, or its id when the vocabulary does not know it."""
    known = vocabulary.sides.get(side)
    return known.label if known is not None else side


def _add_issue_nodes(graph: nx.Graph, records: Iterable[ClaimRecord], vocab: Vocabulary) -> None:
    counts = Counter(r.issue for r in records)
    for issue, claims in sorted(counts.items()):
        topic = vocab.topic_of(issue)
        known = vocab.issues.get(issue)
        topic_known = vocab.issues.get(topic)
        graph.add_node(
            issue_node(issue),
            kind="issue",
            bipartite=1,
            label=known.label if known is not None else issue,
            topic=topic,
            topic_label=topic_known.label if topic_known is not None else topic,
            claims=claims,
        )


def _add_edges(
    graph: nx.Graph, records: Iterable[ClaimRecord], by: str, node: Callable[[str], str]
) -> None:
    """An edge from ``node(record.<by>)`` to each issue, with the claims between them; in
    the order of (head, issue) ids, which is that of their node ids (one prefix each)."""
    head = attrgetter(by)
    grouped: defaultdict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for record in records:
        grouped[(head(record), record.issue)].append(record)

    def edges() -> Iterator[tuple[str, str, dict[str, object]]]:
        for (source, issue), claims in sorted(grouped.items()):
            support = oppose = total = 0
            for claim in claims:
                polarity = claim.polarity
                total += polarity
                if polarity > 0:
                    support += 1
                elif polarity < 0:
                    oppose += 1
            sign = 1 if support and not oppose else -1 if oppose and not support else 0
            yield (
                node(source),
                issue_node(issue),
                {
                    "weight": len(claims),
                    "support": support,
                    "oppose": oppose,
                    "polarity": total / len(claims),
                    "sign": sign,
                    "claims": tuple(claims),
                },
            )

    graph.add_edges_from(edges())


def _add_actor_nodes(graph: nx.Graph, records: Iterable[ClaimRecord], vocab: Vocabulary) -> None:
    sides: defaultdict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for record in records:
        sides[record.claimant][record.side] += 1
        names[record.claimant] = record.claimant_name
    for actor, per_side in sorted(sides.items()):
        side = min(per_side, key=lambda s: (-per_side[s], s))
        graph.add_node(
            actor_node(actor),
            kind="actor",
            bipartite=0,
            label=names[actor],
            side=side,
            side_label=side_label(vocab, side),
            claims=sum(per_side.values()),
        )


def _add_side_nodes(
    graph: nx.Graph, records: Iterable[ClaimRecord], vocab: Vocabulary, **extra: object
) -> None:
    counts: Counter[str] = Counter()
    actors: defaultdict[str, set[str]] = defaultdict(set)
    for record in records:
        counts[record.side] += 1
        actors[record.side].add(record.claimant)
    for side, claims in sorted(counts.items()):
        graph.add_node(
            side_node(side),
            kind="side",
            bipartite=0,
            label=side_label(vocab, side),
            side=side,
            claims=claims,
            actors=len(actors[side]),
            **extra,
        )


def actor_issue_graph(records: Iterable[ClaimRecord], vocabulary: Vocabulary) -> nx.Graph:
    """The signed, weighted bipartite graph of actors and the issues they took stances on."""
    records = classified_records(records)
    graph = nx.Graph(kind="actor-issue")
    _add_actor_nodes(graph, records, vocabulary)
    _add_issue_nodes(graph, records, vocabulary)
    _add_edges(graph, records, "claimant", actor_node)
    return graph


def side_issue_graph(records: Iterable[ClaimRecord], vocabulary: Vocabulary) -> nx.Graph:
    """The same graph with actors aggregated into the sides they spoke for."""
    records = classified_records(records)
    graph = nx.Graph(kind="side-issue")
    _add_side_nodes(graph, records, vocabulary)
    _add_issue_nodes(graph, records, vocabulary)
    _add_edges(graph, records, "side", side_node)
    return graph


def pair_issue_graph(
    records: Iterable[ClaimRecord], vocabulary: Vocabulary, a: str, b: str | None
) -> nx.Graph:
    """The actors of sides *a* and *b*, the issues they raise, and every other side as one
    aggregated node linked to those issues only (the graph attribute ``left_out`` counts
    the issues only other sides raise)."""
    records = classified_records(records)
    pair = [r for r in records if r.side == a or r.side == b]
    issues = {r.issue for r in pair}
    others = [r for r in records if r.side != a and r.side != b and r.issue in issues]
    left_out = {r.issue for r in records} - issues
    graph = nx.Graph(kind="pair-issue", side_a=a, side_b=b or "", left_out=len(left_out))
    _add_actor_nodes(graph, pair, vocabulary)
    _add_side_nodes(graph, others, vocabulary, aggregated=True)
    _add_issue_nodes(graph, [*pair, *others], vocabulary)
    _add_edges(graph, pair, "claimant", actor_node)
    _add_edges(graph, others, "side", side_node)
    return graph
