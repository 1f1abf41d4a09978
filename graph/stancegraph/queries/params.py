"""Typed parameter values: ``--param name=value`` read as one RDF term.

The type declared in a query's header says how to read a value:

============================================ =========================================
``actor`` ``side`` ``issue`` ``stance``       an id of the registry or a scheme
``article`` ``coder``                         (``antony-blinken`` -> ``actor:antony-blinken``)
``claim``                                     ``article-id/claim-id``
``iri``                                       ``<https://...>``, ``prefix:name`` or ``https://...``
``string``                                    the text as given
``date``                                      ``2024-04-26`` (``xsd:date``)
``integer`` ``decimal`` ``boolean``           ``3``, ``0.5``, ``true``
``term`` (undeclared parameters)              ``<iri>``, ``prefix:name``, ``"text"``,
                                              ``"text"@en``, ``"text"^^xsd:date``, a number,
                                              ``true`` / ``false``
============================================ =========================================

Every id type also takes ``<IRI>`` and ``prefix:name`` (the prefixes of
:mod:`stancegraph.namespaces`). A value becomes an rdflib term and nothing else:
it is bound into the query by :mod:`stancegraph.store.binding`, never spliced.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from stancegraph.errors import QueryError
from stancegraph.namespaces import (
    ACTOR,
    ARTICLE,
    CODER,
    ISSUE,
    PREFIXES,
    SIDE,
    STANCE,
    claim_iri,
)
from stancegraph.store.terms import RDFTerm

__all__ = ["PARAM_TYPES", "parse_assignment", "parse_value"]

_ID_NAMESPACES = {
    "actor": ACTOR,
    "side": SIDE,
    "issue": ISSUE,
    "stance": STANCE,
    "article": ARTICLE,
    "coder": CODER,
}
PARAM_TYPES = frozenset(
    {*_ID_NAMESPACES, "claim", "iri", "string", "date", "integer", "decimal", "boolean", "term"}
)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*$")
_PNAME = re.compile(r"^([A-Za-z][\w-]*):([^\s<>\"{}|^`\\]*)$")
_LITERAL = re.compile(r'^"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?$', re.DOTALL)
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")


def _fail(name: str, value: str, expected: str) -> QueryError:
    return QueryError(
        f"--param {name}={value!r} is not {expected}: fix the value (`stancegraph query --list` "
        "shows each parameter's type)"
    )


def _iri(name: str, value: str) -> URIRef | None:
    """*value* as an IRI when written ``<...>`` or ``prefix:name`` with a known prefix."""
    if value.startswith("<") and value.endswith(">"):
        inner = value[1:-1]
        if not _IRI.match(inner):
            raise _fail(name, value, "a valid IRI: no spaces, quotes, braces or <>")
        return URIRef(inner)
    match = _PNAME.match(value)
    if match and match.group(1) in PREFIXES:
        return URIRef(str(PREFIXES[match.group(1)]) + match.group(2))
    return None


def _term(name: str, value: str) -> RDFTerm:
    iri = _iri(name, value)
    if iri is not None:
        return iri
    literal = _LITERAL.match(value)
    if literal:
        text, lang, datatype = literal.groups()
        if datatype is None:
            return Literal(text, lang=lang)
        dtype = _iri(name, datatype)
        if dtype is None:
            raise _fail(name, value, "a typed literal with a known datatype (xsd:date, <IRI>)")
        return Literal(text, datatype=dtype)
    if value in ("true", "false"):
        return Literal(value, datatype=XSD.boolean)
    if _INTEGER.match(value):
        return Literal(value, datatype=XSD.integer)
    if _DECIMAL.match(value):
        return Literal(value, datatype=XSD.decimal)
    raise _fail(
        name, value, 'an RDF term: give <IRI>, prefix:name, "text", "text"@en, a number or true'
    )


def parse_value(name: str, value: str, kind: str = "term") -> RDFTerm:
    """The RDF term *value* stands for, read as a parameter of type *kind*."""
    if kind in _ID_NAMESPACES or kind == "claim":
        iri = _iri(name, value)
        if iri is not None:
            return iri
        if not value.strip():
            raise _fail(name, value, f"an {kind} id")
        if kind == "claim":
            article, _, claim = value.rpartition("/")
            if not article or not claim:
                raise _fail(name, value, "a claim id: write article-id/claim-id")
            return claim_iri(article, claim)
        return _ID_NAMESPACES[kind][quote(value, safe="-._~")]
    if kind == "iri":
        iri = _iri(name, value) or _iri(name, f"<{value}>")
        if iri is None:
            raise _fail(name, value, "an IRI")
        return iri
    if kind == "string":
        return Literal(value)
    if kind == "date":
        try:
            return Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
        except ValueError:
            raise _fail(name, value, "a date: write YYYY-MM-DD") from None
    if kind == "integer":
        if not _INTEGER.match(value):
            raise _fail(name, value, "an integer")
        return Literal(value, datatype=XSD.integer)
    if kind == "decimal":
        if not (_INTEGER.match(value) or _DECIMAL.match(value)):
            raise _fail(name, value, "a number")
        return Literal(value, datatype=XSD.decimal)
    if kind == "boolean":
        if value not in ("true", "false"):
            raise _fail(name, value, "true or false")
        return Literal(value, datatype=XSD.boolean)
    return _term(name, value)


def parse_assignment(text: str) -> tuple[str, str]:
    """``name=value`` -> (name, value)."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise QueryError(f"--param {text!r} is not name=value: write e.g. --param actor=wang-yi")
    return name, value
