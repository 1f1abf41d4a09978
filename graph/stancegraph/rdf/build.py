"""Claims -> RDF: one named graph per article, deterministic IRIs, no blank nodes.

The mapping, for a claim ``c`` of article ``a`` (see ``ontology/stancegraph.ttl``)::

    claim:a/c  a sg:Claim, schema:Claim ;
        sg:claimant actor:X ; sg:side side:Y ; sg:issue issue:Z ; sg:stance stance:S ;
        sg:position claim:a/c#position ; sg:evidence claim:a/c#evidence ;
        sg:mention claim:a/c#mention ; sg:cue claim:a/c#cue ; sg:target side:T ;
        schema:appearance article:a ; prov:wasDerivedFrom article:a ;
        prov:wasAttributedTo coder:K .
    claim:a/c#evidence a sg:Evidence, oa:SpecificResource ; oa:hasSource article:a ;
        oa:hasSelector claim:a/c#evidence-quote, claim:a/c#evidence-position .
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from stancegraph.claims.io import ArticleClaims
from stancegraph.claims.model import Claim, ClaimsFile, Coder, Span
from stancegraph.namespaces import (
    ACTOR,
    CODER,
    IBIS,
    ISSUE,
    MEMBERSHIP,
    OA,
    SCHEMA,
    SG,
    SIDE,
    STANCE,
    article_graph_iri,
    article_iri,
    bind_prefixes,
    claim_iri,
)
from stancegraph.vocab.emergent import EMERGENT_SCHEME
from stancegraph.vocab.model import ACTOR_KIND_CLASSES, Issue, Side

__all__ = ["CONTEXT_CHARS", "article_to_graph", "claims_to_dataset", "coder_iri", "sides_used"]

#: Characters of text kept before and after a quote in oa:prefix / oa:suffix.
CONTEXT_CHARS = 32


def coder_iri(coder: Coder) -> URIRef:
    """The IRI of a coder: its name and version, slugged."""
    raw = f"{coder.name}-{coder.version}" if coder.version else coder.name
    slug = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-") or "coder"
    return CODER[slug]


def _decimal(value: float) -> Literal:
    return Literal(format(value, "g"), datatype=XSD.decimal)


def _add_span(
    graph: Graph, node: URIRef, span: Span, source: URIRef, text: str, *, exact_context: bool
) -> None:
    quote = URIRef(f"{node}-quote")
    position = URIRef(f"{node}-position")
    graph.add((node, RDF.type, SG.Evidence))
    graph.add((node, RDF.type, OA.SpecificResource))
    graph.add((node, OA.hasSource, source))
    graph.add((node, OA.hasSelector, quote))
    graph.add((node, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.text)))
    if exact_context:
        graph.add(
            (quote, OA.prefix, Literal(text[max(0, span.start - CONTEXT_CHARS) : span.start]))
        )
        graph.add((quote, OA.suffix, Literal(text[span.end : span.end + CONTEXT_CHARS])))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))


def _add_article(graph: Graph, data: ClaimsFile, text: str) -> URIRef:
    art = data.article
    node = article_iri(art.id)
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, SCHEMA.identifier, Literal(art.id)))
    graph.add((node, SCHEMA.headline, Literal(art.title)))
    graph.add((node, SCHEMA.text, Literal(text)))
    graph.add((node, SG.sha256, Literal(art.sha256)))
    graph.add((node, SG.textFile, Literal(art.text_file)))
    graph.add((node, SCHEMA.inLanguage, Literal(art.language)))
    if art.publisher:
        graph.add((node, SCHEMA.publisher, Literal(art.publisher)))
    if art.published:
        graph.add(
            (node, SCHEMA.datePublished, Literal(art.published.isoformat(), datatype=XSD.date))
        )
    if art.dateline:
        graph.add((node, SCHEMA.dateline, Literal(art.dateline)))
    if art.url:
        graph.add((node, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI)))
    for author in art.authors:
        graph.add((node, SCHEMA.author, Literal(author)))
    return node


def _add_coder(graph: Graph, coder: Coder) -> URIRef:
    node = coder_iri(coder)
    graph.add((node, RDF.type, PROV.Agent))
    graph.add((node, RDF.type, PROV.Person if coder.kind == "person" else PROV.SoftwareAgent))
    graph.add((node, FOAF.name, Literal(coder.name)))
    if coder.version:
        graph.add((node, SCHEMA.version, Literal(coder.version)))
    if coder.model:
        graph.add((node, SG.model, Literal(coder.model)))
    return node


def _add_claim(
    graph: Graph, claim: Claim, article_id: str, source: URIRef, coder: URIRef, text: str
) -> None:
    node = claim_iri(article_id, claim.id)
    graph.add((node, RDF.type, SG.Claim))
    graph.add((node, RDF.type, SCHEMA.Claim))
    graph.add((node, SG.claimId, Literal(claim.id)))
    graph.add((node, SG.claimant, ACTOR[claim.claimant]))
    graph.add((node, SG.side, SIDE[claim.side]))
    graph.add((node, SG.issue, ISSUE[claim.issue]))
    graph.add((node, SG.stance, STANCE[claim.stance]))
    position = URIRef(f"{node}#position")
    graph.add((node, SG.position, position))
    graph.add((position, RDF.type, SG.Position))
    graph.add((position, RDF.type, IBIS.Position))
    graph.add((position, RDF.value, Literal(claim.position)))
    graph.add((position, IBIS["responds-to"], ISSUE[claim.issue]))
    _add_span(graph, URIRef(f"{node}#evidence"), claim.evidence, source, text, exact_context=True)
    graph.add((node, SG.evidence, URIRef(f"{node}#evidence")))
    for prop, fragment, span in (
        (SG.mention, "mention", claim.mention),
        (SG.cue, "cue", claim.cue),
    ):
        if span is not None:
            part = URIRef(f"{node}#{fragment}")
            _add_span(graph, part, span, source, text, exact_context=False)
            graph.add((node, prop, part))
    if claim.target:
        graph.add((node, SG.target, SIDE[claim.target]))
    if claim.strength is not None:
        graph.add((node, SG.strength, _decimal(claim.strength)))
    if claim.conditional:
        graph.add((node, SG.conditional, Literal(True)))
    graph.add((node, SG.confidence, _decimal(claim.confidence)))
    if claim.issue_suggestion:
        graph.add((node, SG.issueSuggestion, Literal(claim.issue_suggestion)))
    if claim.note:
        graph.add((node, RDFS.comment, Literal(claim.note)))
    graph.add((node, SCHEMA.appearance, source))
    graph.add((node, PROV.wasDerivedFrom, source))
    graph.add((node, PROV.wasAttributedTo, coder))


def _add_local_actors(graph: Graph, data: ClaimsFile) -> None:
    for actor in data.actors:
        node = ACTOR[actor.id]
        graph.add((node, RDF.type, SG.Actor))
        graph.add((node, RDF.type, ACTOR_KIND_CLASSES[actor.kind]))
        graph.add((node, FOAF.name, Literal(actor.name)))
        graph.add((node, SG.confidence, _decimal(actor.confidence)))
        membership = MEMBERSHIP[f"{data.article.id}/{actor.id}"]
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, ORG.member, node))
        graph.add((membership, ORG.organization, SIDE[actor.side]))
        if actor.role:
            graph.add((membership, SG.roleLabel, Literal(actor.role)))


def sides_used(data: ClaimsFile) -> set[str]:
    """The side ids a claims file refers to: claims' sides and targets, local actors' sides."""
    used = {c.side for c in data.claims} | {a.side for a in data.actors}
    return used | {c.target for c in data.claims if c.target}


def _add_sides(graph: Graph, sides: Mapping[str, Side]) -> None:
    for side in sides.values():
        node = SIDE[side.id]
        graph.add((node, RDF.type, SG.Side))
        graph.add((node, SKOS.prefLabel, Literal(side.label, lang="en")))
        for same in side.same_as:
            graph.add((node, OWL.sameAs, URIRef(same)))


def _add_issues(graph: Graph, data: ClaimsFile, issues: Mapping[str, Issue]) -> None:
    """The emergent issues the article's claims are on, with the claims they came from."""
    used = sorted({c.issue for c in data.claims if c.issue in issues})
    if not used:
        return
    graph.add((EMERGENT_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((EMERGENT_SCHEME, SKOS.prefLabel, Literal("Emergent issues", lang="en")))
    for issue_id in used:
        issue = issues[issue_id]
        node = ISSUE[issue_id]
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, ISSUE["scheme"]))
        graph.add((node, SKOS.inScheme, EMERGENT_SCHEME))
        graph.add((node, SKOS.prefLabel, Literal(issue.label, lang="en")))
        if issue.broader:
            graph.add((node, SKOS.broader, ISSUE[issue.broader]))
        for claim in data.claims:
            if claim.issue == issue_id:
                graph.add((node, PROV.wasDerivedFrom, claim_iri(data.article.id, claim.id)))


def article_to_graph(
    article: ArticleClaims,
    graph: Graph | None = None,
    *,
    sides: Mapping[str, Side] | None = None,
    issues: Mapping[str, Issue] | None = None,
) -> Graph:
    """Add the RDF of one article's claims to *graph* (a new graph by default).

    *sides* are sides that no vocabulary file defines (the gazetteer's) and
    *issues* the emergent issues of the generated scheme: those the article uses
    are described in its graph, so the graph is complete on its own.
    """
    graph = bind_prefixes(Graph()) if graph is None else graph
    data = article.data
    if sides:
        _add_sides(graph, {s: sides[s] for s in sorted(sides_used(data)) if s in sides})
    if issues:
        _add_issues(graph, data, issues)
    source = _add_article(graph, data, article.text)
    coder = _add_coder(graph, data.coder)
    graph.add((source, SG.codedBy, coder))
    _add_local_actors(graph, data)
    for claim in data.claims:
        _add_claim(graph, claim, data.article.id, source, coder, article.text)
    return graph


def claims_to_dataset(
    articles: Iterable[ArticleClaims],
    *,
    sides: Mapping[str, Side] | None = None,
    issues: Mapping[str, Issue] | None = None,
) -> Dataset:
    """One named graph per article, IRI ``graph:article/<id>``; later articles with the
    same id replace earlier ones. *sides*, *issues*: as for :func:`article_to_graph`."""
    dataset = Dataset()
    bind_prefixes(dataset)
    for article in articles:
        name = article_graph_iri(article.data.article.id)
        dataset.remove_graph(dataset.graph(name))
        article_to_graph(article, dataset.graph(name), sides=sides, issues=issues)
    return dataset
