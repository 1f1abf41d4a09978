"""Every RDF namespace stancegraph uses, bound in one place, and the IRI minting rules.

IRIs are deterministic: an article's graph, its claims and their selectors are
all derived from the article id and the claim id, so re-building the same
claims gives the same IRIs and re-loading an article replaces its graph.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "ACTOR",
    "ARTICLE",
    "BASE",
    "CLAIM",
    "CODER",
    "FOAF",
    "GRAPH",
    "IBIS",
    "ISSUE",
    "MEMBERSHIP",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "ROLE",
    "SCHEMA",
    "SG",
    "SHAPES",
    "SIDE",
    "SKOS",
    "STANCE",
    "VOCABULARY_GRAPH",
    "WD",
    "XSD",
    "article_graph_iri",
    "article_iri",
    "bind_prefixes",
    "claim_iri",
    "local_id",
]

BASE = "https://w3id.org/stancegraph/"
SG = Namespace(BASE + "ontology#")
SHAPES = Namespace(BASE + "shapes#")
ISSUE = Namespace(BASE + "issue/")
STANCE = Namespace(BASE + "stance/")
ACTOR = Namespace(BASE + "id/actor/")
SIDE = Namespace(BASE + "id/side/")
ROLE = Namespace(BASE + "id/role/")
MEMBERSHIP = Namespace(BASE + "id/membership/")
ARTICLE = Namespace(BASE + "id/article/")
CLAIM = Namespace(BASE + "id/claim/")
CODER = Namespace(BASE + "id/coder/")
GRAPH = Namespace(BASE + "graph/")
VOCABULARY_GRAPH = GRAPH["vocabulary"]

SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
IBIS = Namespace("https://vocab.methodandstructure.com/ibis#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "sg": SG,
    "sgsh": SHAPES,
    "issue": ISSUE,
    "stance": STANCE,
    "actor": ACTOR,
    "side": SIDE,
    "role": ROLE,
    "membership": MEMBERSHIP,
    "article": ARTICLE,
    "claim": CLAIM,
    "coder": CODER,
    "schema": SCHEMA,
    "oa": OA,
    "ibis": IBIS,
    "wd": WD,
    "prov": PROV,
    "skos": SKOS,
    "foaf": FOAF,
    "org": ORG,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every stancegraph prefix on *graph* (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _seg(value: str) -> str:
    return quote(value, safe="-._~")


def article_iri(article_id: str) -> URIRef:
    """The IRI of the article *article_id*."""
    return ARTICLE[_seg(article_id)]


def article_graph_iri(article_id: str) -> URIRef:
    """The named graph that holds everything coded from the article *article_id*."""
    return GRAPH["article/" + _seg(article_id)]


def claim_iri(article_id: str, claim_id: str) -> URIRef:
    """The IRI of claim *claim_id* of article *article_id*."""
    return CLAIM[f"{_seg(article_id)}/{_seg(claim_id)}"]


def local_id(iri: str, namespace: Namespace) -> str:
    """The id part of *iri* in *namespace* (the inverse of ``namespace[id]``)."""
    text = str(iri)
    if not text.startswith(str(namespace)):
        raise ValueError(f"{iri} is not in {namespace}")
    return text[len(str(namespace)) :]
