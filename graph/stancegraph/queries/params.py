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
:mod:`stancegraph.namespaces`). A value becomes a pyoxigraph term and nothing else
(the engine's own types, so reading parameters needs no rdflib): it is bound into
the query by :mod:`stancegraph.store.binding`, never spliced.
"""

from __future__ import annotations

import datetime as dt
import re

import pyoxigraph as ox

from stancegraph.errors import QueryError
from stancegraph.iris import PREFIX_IRIS, claim_path, segment

__all__ = ["PARAM_TYPES", "Term", "parse_assignment", "parse_value"]

#: A parameter's value: an IRI or a literal.
Term = ox.NamedNode | ox.Literal

_ID_NAMESPACES = {
    kind: PREFIX_IRIS[kind] for kind in ("actor", "side", "issue", "stance", "article", "coder")
}
_XSD = PREFIX_IRIS["xsd"]
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


def _named(name: str, value: str, iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise _fail(name, value, "a valid IRI") from None


def _literal(
    name: str, value: str, text: str, *, datatype: str | None = None, language: str | None = None
) -> ox.Literal:
    try:
        if language is not None:
            return ox.Literal(text, language=language)
        if datatype is not None:
            return ox.Literal(text, datatype=ox.NamedNode(datatype))
        return ox.Literal(text)
    except ValueError:
        raise _fail(name, value, "a valid literal: check its language tag or datatype") from None


def _iri(name: str, value: str) -> ox.NamedNode | None:
    """*value* as an IRI when written ``<...>`` or ``prefix:name`` with a known prefix."""
    if value.startswith("<") and value.endswith(">"):
        inner = value[1:-1]
        if not _IRI.match(inner):
            raise _fail(name, value, "a valid IRI: no spaces, quotes, braces or <>")
        return _named(name, value, inner)
    match = _PNAME.match(value)
    if match and match.group(1) in PREFIX_IRIS:
        return _named(name, value, PREFIX_IRIS[match.group(1)] + match.group(2))
    return None


def _term(name: str, value: str) -> Term:
    iri = _iri(name, value)
    if iri is not None:
        return iri
    literal = _LITERAL.match(value)
    if literal:
        text, lang, datatype = literal.groups()
        if datatype is None:
            return _literal(name, value, text, language=lang)
        dtype = _iri(name, datatype)
        if dtype is None:
            raise _fail(name, value, "a typed literal with a known datatype (xsd:date, <IRI>)")
        return _literal(name, value, text, datatype=dtype.value)
    if value in ("true", "false"):
        return _literal(name, value, value, datatype=_XSD + "boolean")
    if _INTEGER.match(value):
        return _literal(name, value, value, datatype=_XSD + "integer")
    if _DECIMAL.match(value):
        return _literal(name, value, value, datatype=_XSD + "decimal")
    raise _fail(
        name, value, 'an RDF term: give <IRI>, prefix:name, "text", "text"@en, a number or true'
    )


def parse_value(name: str, value: str, kind: str = "term") -> Term:
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
            return _named(name, value, PREFIX_IRIS["claim"] + claim_path(article, claim))
        return _named(name, value, _ID_NAMESPACES[kind] + segment(value))
    if kind == "iri":
        iri = _iri(name, value) or _iri(name, f"<{value}>")
        if iri is None:
            raise _fail(name, value, "an IRI")
        return iri
    if kind == "string":
        return _literal(name, value, value)
    if kind == "date":
        try:
            day = dt.date.fromisoformat(value).isoformat()
            return _literal(name, value, day, datatype=_XSD + "date")
        except ValueError:
            raise _fail(name, value, "a date: write YYYY-MM-DD") from None
    if kind == "integer":
        if not _INTEGER.match(value):
            raise _fail(name, value, "an integer")
        return _literal(name, value, value, datatype=_XSD + "integer")
    if kind == "decimal":
        if not (_INTEGER.match(value) or _DECIMAL.match(value)):
            raise _fail(name, value, "a number")
        return _literal(name, value, value, datatype=_XSD + "decimal")
    if kind == "boolean":
        if value not in ("true", "false"):
            raise _fail(name, value, "true or false")
        return _literal(name, value, value, datatype=_XSD + "boolean")
    return _term(name, value)


def parse_assignment(text: str) -> tuple[str, str]:
    """``name=value`` -> (name, value)."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise QueryError(f"--param {text!r} is not name=value: write e.g. --param actor=wang-yi")
    return name, value
