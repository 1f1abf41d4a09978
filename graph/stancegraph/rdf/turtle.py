"""A small, fast, sorted Turtle writer for graphs we generate ourselves.

rdflib's Turtle serializer works out prefixes, subject order and nesting for any
graph, and pays for it: the emergent scheme of 300 articles (about 25,000
triples) took it over a second. What we generate is flat (subjects with
predicate-object lists, no nesting to find), so writing it directly is enough::

    >>> from rdflib import Literal, URIRef
    >>> from stancegraph.namespaces import ISSUE, SKOS
    >>> print(turtle({ISSUE["x"]: {SKOS.prefLabel: {Literal("x", lang="en")}}}), end="")
    @prefix issue: <https://w3id.org/stancegraph/issue/> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <BLANKLINE>
    issue:x skos:prefLabel "x"@en .

The output is deterministic: subjects in the order given by *first* and then by
IRI, ``rdf:type`` first and the other predicates by IRI, objects by their Turtle
form. IRIs are written with a stancegraph prefix (:data:`~stancegraph.namespaces.PREFIXES`)
where the rest is a plain local name, in full otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Set
from typing import TypeVar

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

from stancegraph.namespaces import PREFIXES

__all__ = ["Description", "turtle"]

_S = TypeVar("_S", bound=Node)
_P = TypeVar("_P", bound=Node)
#: Subject -> predicate -> objects.
Description = Mapping[_S, Mapping[_P, Set[Node]]]

# a conservative PN_LOCAL: no escapes needed, never ends with a dot
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")
# every namespace ends with "/" or "#" and a plain local name has neither, so the one
# namespace an IRI can be written with ends at its last "/" or "#"
_PREFIX_OF = {str(ns): prefix for prefix, ns in PREFIXES.items()}
_TYPE = RDF.type


class _Names:
    """Prefixed names for IRIs, remembering which prefixes were used."""

    def __init__(self) -> None:
        self.used: dict[str, str] = {}
        self._cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        name = self._cache.get(iri)
        if name is None:
            name = self._cache[iri] = self._name(iri)
        return name

    def _name(self, iri: str) -> str:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        prefix = _PREFIX_OF.get(iri[:cut]) if cut else None
        if prefix is not None and _LOCAL.match(iri, cut):
            self.used[prefix] = iri[:cut]
            return f"{prefix}:{iri[cut:]}"
        return URIRef(iri).n3()

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            if node.datatype is not None:
                return f"{Literal(str(node)).n3()}^^{self.iri(str(node.datatype))}"
            return node.n3()
        return node.n3()


def turtle(description: Description[_S, _P], *, first: Iterable[_S] = ()) -> str:
    """The Turtle text of *description*; the subjects in *first* come first, in order."""
    names = _Names()
    leading = [s for s in first if s in description]
    ahead = set(leading)
    rest = sorted((s for s in description if s not in ahead), key=_sort_key)
    blocks = []
    for subject in [*leading, *rest]:
        predicates = description[subject]
        lines = []
        for predicate in sorted(predicates, key=lambda p: (p != _TYPE, str(p))):
            objects = sorted(names.term(o) for o in predicates[predicate])
            if not objects:
                continue
            verb = "a" if predicate == _TYPE else names.iri(str(predicate))
            lines.append(f"{verb} " + ",\n        ".join(objects))
        if lines:
            blocks.append(f"{names.term(subject)} " + " ;\n    ".join(lines) + " .\n")
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(names.used.items()))
    return header + "\n" + "\n".join(blocks) if blocks else header


def _sort_key(node: Node) -> tuple[int, str]:
    return (isinstance(node, BNode), str(node))
