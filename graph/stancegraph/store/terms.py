"""Converting RDF terms between rdflib (the package's API) and pyoxigraph (the store).

rdflib is imported when a term is first converted, not with this module: a query
whose rows stream straight from the engine (``query -f csv``) never converts one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import pyoxigraph as ox

from stancegraph.errors import QueryError

if TYPE_CHECKING:
    from rdflib import BNode, Literal, URIRef

__all__ = [
    "AnyTerm",
    "OxTerm",
    "RDFTerm",
    "TermParts",
    "from_oxigraph",
    "once_per_term",
    "rows_from_oxigraph",
    "term_converter",
    "term_parts",
    "too_many_rows",
    "triple_from_oxigraph",
]

RDFTerm: TypeAlias = "URIRef | Literal | BNode"
T = TypeVar("T")
R = TypeVar("R")
#: A term as the engine gives it.
OxTerm: TypeAlias = ox.NamedNode | ox.Literal | ox.BlankNode
#: A term of either library: rdflib's (the package's API) or pyoxigraph's (the store's).
AnyTerm: TypeAlias = "RDFTerm | OxTerm"
#: (kind, value, language, datatype): kind ``iri``, ``literal`` or ``blank``.
TermParts: TypeAlias = tuple[str, str, str | None, str | None]


def term_parts(term: AnyTerm) -> TermParts:
    """What *term* is, whichever library made it: (kind, value, language, datatype),
    kind ``iri``, ``literal`` or ``blank``. rdflib is looked at only for a term that is
    not pyoxigraph's, so pyoxigraph terms never import it."""
    if isinstance(term, ox.NamedNode):
        return "iri", term.value, None, None
    if isinstance(term, ox.Literal):
        return "literal", term.value, term.language, term.datatype.value
    if isinstance(term, ox.BlankNode):
        return "blank", term.value, None, None
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return "iri", str(term), None, None
    if isinstance(term, Literal):
        datatype = None if term.datatype is None else str(term.datatype)
        return "literal", str(term), term.language, datatype
    if isinstance(term, BNode):
        return "blank", str(term), None, None
    raise TypeError(f"unsupported RDF term {term!r}")


def from_oxigraph(term: object) -> RDFTerm | None:
    """An rdflib term for a pyoxigraph term (``None`` stays ``None``), its lexical form
    kept as the store holds it."""
    if term is None:
        return None
    from rdflib import BNode, Literal, URIRef

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
        # the lexical form as stored: rdflib would otherwise rewrite "+0.5" or "01"
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise TypeError(f"unsupported RDF term {term!r}")


def too_many_rows(max_rows: int) -> QueryError:
    """The error for a result of more than *max_rows* rows, held in memory."""
    return QueryError(
        f"the query gives more than {max_rows:,} rows: add a LIMIT, write it with -f csv or "
        "-f tsv (rows stream to the output), or give --max-rows with a larger number"
    )


def once_per_term(convert: Callable[[T], R]) -> Callable[[T], R]:
    """*convert*, run once for each distinct term and looked up after: the sides, actors,
    issues and dates that repeat down a column cost a dict look-up (5x faster at 12k
    rows). Its memory grows with the distinct terms seen, which the result bounds."""
    done: dict[T, R] = {}

    def convert_once(term: T) -> R:
        try:
            return done[term]
        except KeyError:
            value = done[term] = convert(term)
            return value

    return convert_once


def term_converter() -> Callable[[object], RDFTerm | None]:
    """A :func:`from_oxigraph` that converts each distinct term once
    (:func:`once_per_term`)."""
    return once_per_term(from_oxigraph)


def rows_from_oxigraph(
    solutions: Iterable[ox.QuerySolution], max_rows: int | None = None
) -> tuple[tuple[RDFTerm | None, ...], ...]:
    """The rows of SELECT *solutions* as tuples of rdflib terms, in the order of the
    query's variables; more than *max_rows* of them is a :class:`QueryError` (the
    rows are held in memory)."""
    convert = term_converter()
    if max_rows is None:
        return tuple(tuple(map(convert, solution)) for solution in solutions)
    rows: list[tuple[RDFTerm | None, ...]] = []
    for solution in solutions:
        if len(rows) == max_rows:
            raise too_many_rows(max_rows)
        rows.append(tuple(map(convert, solution)))
    return tuple(rows)


def triple_from_oxigraph(
    triple: ox.Triple, convert: Callable[[object], RDFTerm | None] = from_oxigraph
) -> tuple[RDFTerm, RDFTerm, RDFTerm]:
    """An rdflib (subject, predicate, object) for a pyoxigraph triple, its terms converted
    by *convert* (e.g. a :func:`term_converter`)."""
    subject = convert(triple.subject)
    predicate = convert(triple.predicate)
    obj = convert(triple.object)
    if subject is None or predicate is None or obj is None:
        raise TypeError(f"incomplete triple {triple!r}")
    return (subject, predicate, obj)
