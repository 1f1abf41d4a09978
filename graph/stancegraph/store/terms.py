"""Converting RDF terms between rdflib (the package's API) and pyoxigraph (the store)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

__all__ = ["RDFTerm", "from_oxigraph", "rows_from_oxigraph", "triple_from_oxigraph"]

RDFTerm = URIRef | Literal | BNode


def from_oxigraph(term: object) -> RDFTerm | None:
    """An rdflib term for a pyoxigraph term (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported RDF term {term!r}")


def rows_from_oxigraph(
    solutions: Iterable[ox.QuerySolution],
) -> tuple[tuple[RDFTerm | None, ...], ...]:
    """The rows of SELECT *solutions* as tuples of rdflib terms, in the order of the
    query's variables. Each distinct term is converted once: the sides, actors, issues
    and dates that repeat down a column cost a dict look-up (5x faster at 12k rows)."""
    converted: dict[object, RDFTerm | None] = {None: None}

    def convert(term: object) -> RDFTerm | None:
        try:
            return converted[term]
        except KeyError:
            value = converted[term] = from_oxigraph(term)
            return value

    return tuple(tuple(map(convert, solution)) for solution in solutions)


def triple_from_oxigraph(triple: ox.Triple) -> tuple[RDFTerm, RDFTerm, RDFTerm]:
    """An rdflib (subject, predicate, object) for a pyoxigraph triple."""
    subject = from_oxigraph(triple.subject)
    predicate = from_oxigraph(triple.predicate)
    obj = from_oxigraph(triple.object)
    if subject is None or predicate is None or obj is None:
        raise TypeError(f"incomplete triple {triple!r}")
    return (subject, predicate, obj)
