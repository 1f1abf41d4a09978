"""RDF -> claims: read articles and their claims back out of a graph or dataset.

The inverse of :mod:`stancegraph.rdf.build`: ``graph_to_claims(article_to_graph(x))``
gives back ``x`` field for field, so a graph is as good as its claims files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, PROV, RDF, RDFS
from rdflib.term import Node

from stancegraph.claims.io import ArticleClaims
from stancegraph.claims.model import Article, Claim, ClaimsFile, Coder, LocalActor, Span
from stancegraph.errors import RDFError
from stancegraph.namespaces import (
    ACTOR,
    ISSUE,
    MEMBERSHIP,
    OA,
    SCHEMA,
    SG,
    SIDE,
    STANCE,
    local_id,
)
from stancegraph.vocab.model import actor_kind

__all__ = ["graph_to_claims"]


def _value(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    values = sorted(graph.objects(subject, predicate), key=str)
    return values[0] if values else None


def _str(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    value = _value(graph, subject, predicate)
    return None if value is None else str(value)


def _need(graph: Graph, subject: Node, predicate: URIRef) -> Node:
    value = _value(graph, subject, predicate)
    if value is None:
        raise RDFError(f"{subject} has no {predicate}: the graph was not made by stancegraph build")
    return value


def _span(graph: Graph, node: Node | None) -> Span | None:
    if node is None:
        return None
    exact = start = end = None
    for selector in graph.objects(node, OA.hasSelector):
        if (selector, RDF.type, OA.TextQuoteSelector) in graph:
            exact = _str(graph, selector, OA.exact)
        if (selector, RDF.type, OA.TextPositionSelector) in graph:
            start = _value(graph, selector, OA.start)
            end = _value(graph, selector, OA.end)
    if exact is None or not isinstance(start, Literal) or not isinstance(end, Literal):
        raise RDFError(f"{node} lacks a quote or position selector")
    return Span(start=int(start), end=int(end), text=exact)


def _need_span(graph: Graph, node: Node) -> Span:
    span = _span(graph, node)
    assert span is not None
    return span


def _float(value: Node | None, default: float) -> float:
    return default if value is None else float(str(value))


def _optional_float(value: Node | None) -> float | None:
    return None if value is None else float(str(value))


def _claim(graph: Graph, node: URIRef) -> Claim:
    position = _need(graph, node, SG.position)
    target = _value(graph, node, SG.target)
    conditional = _value(graph, node, SG.conditional)
    return Claim(
        id=str(_need(graph, node, SG.claimId)),
        claimant=local_id(str(_need(graph, node, SG.claimant)), ACTOR),
        side=local_id(str(_need(graph, node, SG.side)), SIDE),
        issue=local_id(str(_need(graph, node, SG.issue)), ISSUE),
        stance=local_id(str(_need(graph, node, SG.stance)), STANCE),
        position=str(_need(graph, position, RDF.value)),
        evidence=_need_span(graph, _need(graph, node, SG.evidence)),
        mention=_span(graph, _value(graph, node, SG.mention)),
        cue=_span(graph, _value(graph, node, SG.cue)),
        target=None if target is None else local_id(str(target), SIDE),
        strength=_optional_float(_value(graph, node, SG.strength)),
        conditional=isinstance(conditional, Literal) and conditional.toPython() is True,
        confidence=_float(_value(graph, node, SG.confidence), 1.0),
        issue_suggestion=_str(graph, node, SG.issueSuggestion),
        note=_str(graph, node, RDFS.comment),
    )


def _local_actors(graph: Graph, article_id: str) -> tuple[LocalActor, ...]:
    actors = []
    prefix = str(MEMBERSHIP[f"{article_id}/"])
    for membership in sorted(set(graph.subjects(RDF.type, ORG.Membership)), key=str):
        if not str(membership).startswith(prefix):
            continue
        node = _need(graph, membership, ORG.member)
        types = set(graph.objects(node, RDF.type))
        kind = actor_kind(types)
        actors.append(
            LocalActor(
                id=local_id(str(node), ACTOR),
                name=str(_need(graph, node, FOAF.name)),
                side=local_id(str(_need(graph, membership, ORG.organization)), SIDE),
                kind=kind,
                role=_str(graph, membership, SG.roleLabel),
                confidence=_float(_value(graph, node, SG.confidence), 1.0),
            )
        )
    return tuple(sorted(actors, key=lambda a: a.id))


def _article(graph: Graph, node: URIRef) -> ArticleClaims:
    coder_node = _need(graph, node, SG.codedBy)
    published = _str(graph, node, SCHEMA.datePublished)
    article = Article(
        id=str(_need(graph, node, SCHEMA.identifier)),
        text_file=str(_need(graph, node, SG.textFile)),
        sha256=str(_need(graph, node, SG.sha256)),
        title=str(_need(graph, node, SCHEMA.headline)),
        publisher=_str(graph, node, SCHEMA.publisher),
        published=dt.date.fromisoformat(published) if published else None,
        dateline=_str(graph, node, SCHEMA.dateline),
        url=_str(graph, node, SCHEMA.url),
        authors=tuple(sorted(str(a) for a in graph.objects(node, SCHEMA.author))),
        language=_str(graph, node, SCHEMA.inLanguage) or "en",
    )
    coder = Coder(
        kind="person" if (coder_node, RDF.type, PROV.Person) in graph else "software",
        name=str(_need(graph, coder_node, FOAF.name)),
        version=_str(graph, coder_node, SCHEMA.version),
        model=_str(graph, coder_node, SG.model),
    )
    claim_nodes = [
        c
        for c in graph.subjects(PROV.wasDerivedFrom, node)
        if isinstance(c, URIRef) and (c, RDF.type, SG.Claim) in graph
    ]
    claims = sorted((_claim(graph, c) for c in claim_nodes), key=_claim_order)
    data = ClaimsFile(
        stancegraph=1,
        article=article,
        coder=coder,
        actors=_local_actors(graph, article.id),
        claims=tuple(claims),
    )
    return ArticleClaims(data=data, text=str(_need(graph, node, SCHEMA.text)))


def _claim_order(claim: Claim) -> tuple[int, int, str]:
    return (claim.evidence.start, claim.evidence.end, claim.id)


def graph_to_claims(graph: Graph) -> Iterator[ArticleClaims]:
    """Every article in *graph* (a Graph, or a Dataset read as the union of its graphs)
    with its claims, in article-id order; claims in text order."""
    articles = sorted(
        (a for a in set(graph.subjects(RDF.type, SCHEMA.NewsArticle)) if isinstance(a, URIRef)),
        key=str,
    )
    for node in articles:
        yield _article(graph, node)
