"""The IRIs stancegraph mints and the prefixes it binds, as plain strings.

:mod:`stancegraph.namespaces` wraps these in rdflib namespaces for building RDF;
reading a query's parameters (``actor=wang-yi``, ``prov:Entity``) needs only the
strings, and so a query never waits for rdflib to import.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = [
    "BASE",
    "PREFIX_IRIS",
    "article_graph_path",
    "claim_path",
    "segment",
]

BASE = "https://w3id.org/stancegraph/"

#: Every prefix stancegraph binds, and its namespace IRI.
PREFIX_IRIS: dict[str, str] = {
    "sg": BASE + "ontology#",
    "sgsh": BASE + "shapes#",
    "issue": BASE + "issue/",
    "stance": BASE + "stance/",
    "actor": BASE + "id/actor/",
    "side": BASE + "id/side/",
    "role": BASE + "id/role/",
    "membership": BASE + "id/membership/",
    "article": BASE + "id/article/",
    "claim": BASE + "id/claim/",
    "coder": BASE + "id/coder/",
    "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "ibis": "https://vocab.methodandstructure.com/ibis#",
    "wd": "http://www.wikidata.org/entity/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

#: Named graphs: one per article, and the vocabulary's.
GRAPH_BASE = BASE + "graph/"


#: Whether a value is a path segment as it is (nothing that percent-encoding changes).
_PLAIN = re.compile(r"[A-Za-z0-9._~-]*").fullmatch


def segment(value: str) -> str:
    """*value* as one path segment of an IRI (percent-encoded)."""
    return value if _PLAIN(value) else quote(value, safe="-._~")


def claim_path(article_id: str, claim_id: str) -> str:
    """The local name of claim *claim_id* of article *article_id* in ``claim:``."""
    return f"{segment(article_id)}/{segment(claim_id)}"


def article_graph_path(article_id: str) -> str:
    """The local name of the article's named graph in :data:`GRAPH_BASE`."""
    return "article/" + segment(article_id)
