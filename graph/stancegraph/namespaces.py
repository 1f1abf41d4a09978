"""Every RDF namespace stancegraph uses, bound in one place, and the IRI minting rules.

IRIs are deterministic: an article's graph, its claims and their selectors are
all derived from the article id and the claim id, so re-building the same
claims gives the same IRIs and re-loading an article replaces its graph.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from stancegraph.iris import BASE, GRAPH_BASE, PREFIX_IRIS, article_graph_path, claim_path, segment

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

SG = Namespace(PREFIX_IRIS["sg"])
SHAPES = Namespace(PREFIX_IRIS["sgsh"])
ISSUE = Namespace(PREFIX_IRIS["issue"])
STANCE = Namespace(PREFIX_IRIS["stance"])
ACTOR = Namespace(PREFIX_IRIS["actor"])
SIDE = Namespace(PREFIX_IRIS["side"])
ROLE = Namespace(PREFIX_IRIS["role"])
MEMBERSHIP = Namespace(PREFIX_IRIS["membership"])
ARTICLE = Namespace(PREFIX_IRIS["article"])
CLAIM = Namespace(PREFIX_IRIS["claim"])
CODER = Namespace(PREFIX_IRIS["coder"])
GRAPH = Namespace(GRAPH_BASE)
VOCABULARY_GRAPH = GRAPH["vocabulary"]

SCHEMA = Namespace(PREFIX_IRIS["schema"])
OA = Namespace(PREFIX_IRIS["oa"])
IBIS = Namespace(PREFIX_IRIS["ibis"])
WD = Namespace(PREFIX_IRIS["wd"])

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


def article_iri(article_id: str) -> URIRef:
    """The IRI of the article *article_id*."""
    return ARTICLE[segment(article_id)]


def article_graph_iri(article_id: str) -> URIRef:
    """The named graph that holds everything coded from the article *article_id*."""
    return GRAPH[article_graph_path(article_id)]


def claim_iri(article_id: str, claim_id: str) -> URIRef:
    """The IRI of claim *claim_id* of article *article_id*."""
    return CLAIM[claim_path(article_id, claim_id)]


def local_id(iri: str, namespace: Namespace) -> str:
    """The id part of *iri* in *namespace* (the inverse of ``namespace[id]``)."""
    text = str(iri)
    if not text.startswith(str(namespace)):
        raise ValueError(f"{iri} is not in {namespace}")
    return text[len(str(namespace)) :]
