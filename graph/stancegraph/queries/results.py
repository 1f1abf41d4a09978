"""Query results as text: a readable table, CSV, TSV, JSON or Markdown; graphs as Turtle.

* ``table`` and ``markdown``: IRIs shortened to ``prefix:name`` with the prefixes of
  :mod:`stancegraph.namespaces`, literals as their plain text;
* ``csv``: the SPARQL 1.1 CSV results format (full IRIs, plain values; text that
  a spreadsheet would run as a formula gets a leading apostrophe), and
* ``tsv``: the SPARQL 1.1 TSV results format (terms in N-Triples syntax), both
  written by :mod:`stancegraph.queries.rows`;
* ``json``: the SPARQL 1.1 JSON results format.

CONSTRUCT and DESCRIBE results are Turtle whatever the format. Output depends only
on the result: the same answer always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef

from stancegraph.defaults import RESULT_FORMATS
from stancegraph.markdown import markdown_cell
from stancegraph.namespaces import PREFIXES, bind_prefixes
from stancegraph.queries.rows import write_rows
from stancegraph.rdf.files import normalise_jsonld
from stancegraph.store.base import AskResult, GraphResult, QueryResult, SelectResult
from stancegraph.store.terms import RDFTerm, once_per_term

__all__ = ["RESULT_FORMATS", "format_result", "result_table", "short_term", "write_rows"]

_NAMESPACES = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
_SAFE_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")


def short_term(term: RDFTerm | None) -> str:
    """*term* for people: ``prefix:name`` for an IRI in a known namespace, the text of a
    literal, ``_:id`` for a blank node, nothing for unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for namespace, prefix in _NAMESPACES:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and set(local) <= _SAFE_LOCAL:
                return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def result_table(result: QueryResult) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The header and rows of *result* as short text (ASK: one cell, ``yes`` or ``no``)."""
    if isinstance(result, AskResult):
        return ("answer",), [("yes" if result.value else "no",)]
    if isinstance(result, GraphResult):
        return ("subject", "predicate", "object"), [
            tuple(short_term(t) for t in triple) for triple in result.triples
        ]
    short = once_per_term(short_term)
    return result.variables, [tuple(map(short, row)) for row in result.rows]


def _json_term(term: RDFTerm) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    cell = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        cell["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype is not None:
        cell["datatype"] = str(term.datatype)
    return cell


def _json(result: SelectResult | AskResult) -> str:
    document: dict[str, Any]
    if isinstance(result, AskResult):
        document = {"head": {}, "boolean": result.value}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _csv(result: SelectResult | AskResult) -> str:
    buffer = io.StringIO()
    if isinstance(result, AskResult):
        csv.writer(buffer, lineterminator="\n").writerows(
            [["answer"], ["true" if result.value else "false"]]
        )
    else:
        write_rows(result.variables, result.rows, "csv", buffer)
    return buffer.getvalue()


def _tsv(result: SelectResult | AskResult) -> str:
    if isinstance(result, AskResult):
        return f"?answer\n{'true' if result.value else 'false'}\n"
    buffer = io.StringIO()
    write_rows(result.variables, result.rows, "tsv", buffer)
    return buffer.getvalue()


def _markdown(result: QueryResult) -> str:
    header, rows = result_table(result)

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(map(markdown_cell, cells)) + " |"

    return "\n".join([line(header), line(tuple("---" for _ in header)), *map(line, rows)]) + "\n"


def _graph_text(result: GraphResult, fmt: str) -> str:
    """A CONSTRUCT or DESCRIBE result: JSON-LD for ``json``, N-Triples for ``csv`` and
    ``tsv`` (one triple a line), Turtle otherwise."""
    graph = bind_prefixes(Graph())
    for triple in result.triples:
        graph.add(triple)
    if fmt == "json":
        return normalise_jsonld(graph.serialize(format="json-ld"))
    if fmt in ("csv", "tsv"):
        return "".join(sorted(graph.serialize(format="nt").splitlines(keepends=True)))
    return graph.serialize(format="turtle")


def format_result(result: QueryResult, fmt: str) -> str:
    """*result* as text in *fmt* (one of :data:`RESULT_FORMATS`; a graph as RDF: JSON-LD
    for ``json``, N-Triples for ``csv``/``tsv``, Turtle for ``table`` and ``markdown``)."""
    if isinstance(result, GraphResult):
        return _graph_text(result, fmt)
    if fmt == "json":
        return _json(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "tsv":
        return _tsv(result)
    return _markdown(result)
