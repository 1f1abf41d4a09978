from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from stancegraph.store.terms import from_oxigraph, rows_from_oxigraph

DATA = b"""
<http://example.org/c1> <http://example.org/side> <http://example.org/ruritania> .
<http://example.org/c1> <http://example.org/label> "Ruritanie"@fr .
<http://example.org/c2> <http://example.org/side> <http://example.org/ruritania> .
<http://example.org/c2> <http://example.org/when> "2024-04-26"^^<http://www.w3.org/2001/XMLSchema#date> .
<http://example.org/c3> <http://example.org/side> _:b1 .
<http://example.org/c3> <http://example.org/label> "plain" .
"""
QUERY = """
SELECT ?claim ?side ?label ?when WHERE {
  ?claim <http://example.org/side> ?side .
  OPTIONAL { ?claim <http://example.org/label> ?label }
  OPTIONAL { ?claim <http://example.org/when> ?when }
} ORDER BY ?claim
"""


def _store() -> ox.Store:
    store = ox.Store()
    store.load(DATA, format=ox.RdfFormat.N_TRIPLES)
    return store


def test_rows_match_cell_by_cell_conversion() -> None:
    store = _store()
    result = store.query(QUERY)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    expected = [tuple(from_oxigraph(s[n]) for n in names) for s in store.query(QUERY)]  # type: ignore[union-attr]
    rows = rows_from_oxigraph(result)
    assert list(rows) == expected
    ex = "http://example.org/"
    assert rows[0] == (
        URIRef(ex + "c1"),
        URIRef(ex + "ruritania"),
        Literal("Ruritanie", lang="fr"),
        None,
    )
    assert rows[1][3] == Literal("2024-04-26", datatype=XSD.date)
    assert isinstance(rows[2][1], BNode) and rows[2][2] == Literal("plain")


def test_a_term_repeated_down_a_column_is_converted_once() -> None:
    result = _store().query(QUERY)
    assert isinstance(result, ox.QuerySolutions)
    rows = rows_from_oxigraph(result)
    assert rows[0][1] is rows[1][1]
