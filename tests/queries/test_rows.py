"""SELECT rows as CSV and TSV: the same bytes from pyoxigraph's terms and rdflib's."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from stancegraph.queries.rows import csv_cell, tsv_cell, write_rows
from stancegraph.store.terms import from_oxigraph

LANGS = st.sampled_from([None, "en", "zh-hans"])
DATATYPES = st.sampled_from(
    [None, str(XSD.string), str(XSD.integer), str(XSD.double), str(XSD.date), "urn:x:kind"]
)


def _literal(text: str, lang: str | None, datatype: str | None) -> ox.Literal:
    if lang:
        return ox.Literal(text, language=lang)
    if datatype:
        return ox.Literal(text, datatype=ox.NamedNode(datatype))
    return ox.Literal(text)


@given(text=st.text(), lang=LANGS, datatype=DATATYPES)
@settings(max_examples=300, deadline=None)
def test_both_libraries_give_the_same_cells(
    text: str, lang: str | None, datatype: str | None
) -> None:
    term = _literal(text, lang, datatype)
    same = from_oxigraph(term)
    assert csv_cell(term) == csv_cell(same)
    assert tsv_cell(term) == tsv_cell(same)


@given(text=st.text(), lang=LANGS, datatype=DATATYPES)
@settings(max_examples=300, deadline=None)
def test_a_tsv_cell_is_one_n_triples_term_on_one_line(
    text: str, lang: str | None, datatype: str | None
) -> None:
    term = _literal(text, lang, datatype)
    cell = tsv_cell(term)
    assert "\t" not in cell and "\n" not in cell and "\r" not in cell
    triple = f"<urn:x:s> <urn:x:p> {cell} .\n"
    [quad] = ox.parse(triple.encode(), format=ox.RdfFormat.N_TRIPLES)
    assert quad.object == term


@pytest.mark.parametrize(
    ("term", "cell"),
    [
        (ox.Literal("-3", datatype=ox.NamedNode(str(XSD.integer))), "-3"),
        (ox.Literal("+0.5", datatype=ox.NamedNode(str(XSD.decimal))), "+0.5"),
        (ox.Literal("-INF", datatype=ox.NamedNode(str(XSD.double))), "-INF"),
        (ox.Literal("-1.5e3", datatype=ox.NamedNode(str(XSD.double))), "-1.5e3"),
        # a formula is text whatever its datatype says
        (ox.Literal("-3"), "'-3"),
        (ox.Literal("=1+1", datatype=ox.NamedNode(str(XSD.integer))), "'=1+1"),
        (ox.Literal("@SUM(A1)", language="en"), "'@SUM(A1)"),
        (ox.NamedNode("urn:x:=a"), "urn:x:=a"),
        (ox.BlankNode("b1"), "b1"),
        (None, ""),
    ],
)
def test_csv_cells_keep_numbers_and_defuse_formulas(term: ox.Literal | None, cell: str) -> None:
    assert csv_cell(term) == cell
    assert csv_cell(None if term is None else from_oxigraph(term)) == cell


def test_tsv_cells_in_n_triples_syntax() -> None:
    assert tsv_cell(URIRef("urn:x:a")) == "<urn:x:a>"
    assert tsv_cell(BNode("b1")) == "_:b1"
    assert tsv_cell(Literal("a\tb", lang="en")) == '"a\\tb"@en'
    assert tsv_cell(Literal("3", datatype=XSD.integer)) == f'"3"^^<{XSD.integer}>'
    assert tsv_cell(Literal("x", datatype=XSD.string)) == '"x"'
    assert tsv_cell(None) == ""


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_write_rows_streams_either_kind_of_row_to_the_same_text(fmt: str) -> None:
    rows = [
        (ox.NamedNode("urn:x:a"), ox.Literal("=cmd|' /C calc'!A0"), None),
        (
            ox.NamedNode("urn:x:a"),
            ox.Literal('say "hi"\nthen go', language="en"),
            ox.BlankNode("b"),
        ),
    ]
    converted = [tuple(map(from_oxigraph, row)) for row in rows]
    texts = []
    for given_rows in (rows, converted):
        out = io.StringIO()
        assert write_rows(("s", "label", "other"), iter(given_rows), fmt, out) == 2
        texts.append(out.getvalue())
    assert texts[0] == texts[1]
    header = "s,label,other" if fmt == "csv" else "?s\t?label\t?other"
    assert texts[0].startswith(header + "\n")


def test_write_rows_refuses_another_format() -> None:
    with pytest.raises(ValueError, match="csv or tsv"):
        write_rows(("s",), [], "json", io.StringIO())
