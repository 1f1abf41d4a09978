"""SELECT rows in the SPARQL 1.1 CSV and TSV results formats, written as they come.

A row's terms may be pyoxigraph's (the rows of the embedded store, streamed with no
rdflib imported) or rdflib's (a result held in memory): the same terms give the
same bytes either way, since both go through :func:`~stancegraph.store.terms.term_parts`.

* ``csv``: full IRIs and plain values; text that a spreadsheet would run as a
  formula gets a leading apostrophe (a well-formed number is left as it is, so
  ``-3`` stays a number);
* ``tsv``: terms in N-Triples syntax, with tabs and line breaks inside a literal
  escaped, so a cell never breaks its row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import TextIO

from stancegraph.spreadsheet import spreadsheet_cell
from stancegraph.store.terms import AnyTerm, once_per_term, term_parts

__all__ = ["csv_cell", "tsv_cell", "write_rows"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(
    _XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
)  # fmt: skip
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN")
_NUMBERS = {
    **dict.fromkeys(_INTEGER_TYPES, _INTEGER),
    _XSD + "decimal": _DECIMAL,
    _XSD + "double": _DOUBLE,
    _XSD + "float": _DOUBLE,
}
_XSD_STRING = _XSD + "string"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def csv_cell(term: AnyTerm | None) -> str:
    """*term* as a CSV cell: its value, made safe for a spreadsheet unless it is a
    well-formed number."""
    if term is None:
        return ""
    kind, value, _, datatype = term_parts(term)
    if kind != "literal":
        return value
    number = _NUMBERS.get(datatype or "")
    if number is not None and number.fullmatch(value):
        return value
    return spreadsheet_cell(value)


def tsv_cell(term: AnyTerm | None) -> str:
    """*term* in N-Triples syntax (nothing for unbound)."""
    if term is None:
        return ""
    kind, value, language, datatype = term_parts(term)
    if kind == "iri":
        return f"<{value}>"
    if kind == "blank":
        return f"_:{value}"
    text = '"' + value.translate(_ESCAPES) + '"'
    if language:
        return f"{text}@{language}"
    if datatype and datatype != _XSD_STRING:
        return f"{text}^^<{datatype}>"
    return text


def write_rows(
    variables: Sequence[str],
    rows: Iterable[Sequence[AnyTerm | None]],
    fmt: str,
    out: TextIO,
) -> int:
    """Write SELECT *rows* to *out* as they come, in ``csv`` or ``tsv``; the number of
    rows written. Each distinct term is formatted once (the sides, actors and issues
    that repeat down a column cost a dict look-up)."""
    if fmt not in ("csv", "tsv"):
        raise ValueError(f"rows stream as csv or tsv, not {fmt!r}")
    format_term = once_per_term(csv_cell if fmt == "csv" else tsv_cell)

    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([format_term(t) for t in row])
            count += 1
        return count
    out.write("\t".join(f"?{v}" for v in variables) + "\n")
    for row in rows:
        out.write("\t".join(format_term(t) for t in row) + "\n")
        count += 1
    return count
