"""Binding parameters as RDF terms: hostile values stay one term, errors name the place."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from stancegraph.errors import QueryError
from stancegraph.namespaces import SG
from stancegraph.store.binding import bind_query, parse_query
from stancegraph.store.embedded import EmbeddedStore

EX = Namespace("https://example.org/")
HOSTILE = [
    'x" } DROP ALL #',
    "x' } DROP ALL #",
    "line\n} DROP ALL\n#",
    "back\\slash\\",
    '"""',
    "'''",
    "{ ?s ?p ?o }",
    "Рури́тания 中文 ✓",
    # SPARQL expands these escapes before it parses a query: they must stay text
    "\\u0022 } DROP ALL #",
    "\\U00000022x",
    'a\\u005C"b',
    "\\U0000",
]

COUNT_BY_NAME = """PREFIX ex: <https://example.org/>
# a comment holding a { brace and "quotes"
SELECT ?kind (COUNT(?thing) AS ?n)
WHERE { ?thing ex:name ?name ; ex:kind ?kind }
GROUP BY ?kind"""


@pytest.fixture
def store() -> EmbeddedStore:
    db = EmbeddedStore(None)
    graph = Graph()
    for i, value in enumerate(HOSTILE):
        graph.add((EX[f"t{i}"], EX.name, Literal(value)))
        graph.add((EX[f"t{i}"], EX.kind, Literal("k")))
    db.replace_graph("https://example.org/g", graph.serialize(format="nt"))
    return db


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_literal_binds_as_one_term_even_under_aggregates(
    value: str, store: EmbeddedStore
) -> None:
    result = store.select(COUNT_BY_NAME, {"name": Literal(value)})
    assert result.records() == [{"kind": Literal("k"), "n": Literal(1)}]
    assert store.count() == 2 * len(HOSTILE), "nothing was dropped"


def test_binding_goes_into_the_outermost_where_not_the_construct_template() -> None:
    bound = bind_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": SG.Claim})
    assert bound.form == "CONSTRUCT"
    assert bound.text.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) {")


def test_bound_variable_must_exist_and_iri_must_be_an_iri() -> None:
    with pytest.raises(QueryError, match=r"no variable \?nope"):
        bind_query("SELECT ?s WHERE { ?s ?p ?o }", {"nope": Literal(1)})
    with pytest.raises(QueryError, match="cannot bind"):
        bind_query("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef("x> } DROP ALL #")})
    with pytest.raises(QueryError, match="short form"):
        bind_query("CONSTRUCT WHERE { ?s ?p ?o }", {"s": SG.Claim})


def test_forms_and_syntax_errors_with_line_and_column() -> None:
    assert parse_query("ASK { ?s ?p ?o }").form == "ASK"
    assert parse_query("DESCRIBE <https://example.org/x>").form == "DESCRIBE"
    assert parse_query("DROP ALL").is_update
    with pytest.raises(QueryError, match=r"syntax error at line 2, column \d+"):
        parse_query("SELECT ?s\nWHERE { ?s ?p }")
    with pytest.raises(QueryError, match=r"syntax error at line 2, column 1 \(near 'the end'\)"):
        parse_query("SELECT ?s WHERE {\n")
    with pytest.raises(QueryError, match="empty"):
        parse_query("  ")


def test_ask_construct_describe_and_update_on_the_embedded_store(store: EmbeddedStore) -> None:
    from stancegraph.store.base import AskResult, GraphResult

    assert store.query("ASK { ?s ?p ?o }") == AskResult(True)
    graph = store.query(
        "CONSTRUCT { ?s <https://example.org/k> ?o } WHERE { ?s <https://example.org/kind> ?o }"
    )
    assert isinstance(graph, GraphResult) and len(graph.triples) == len(HOSTILE)
    described = store.query("DESCRIBE <https://example.org/t0>")
    assert isinstance(described, GraphResult) and len(described.triples) == 2
    store.update("DROP ALL")
    assert store.count() == 0


def _read_back(bound: str) -> list[object]:
    """The terms of the VALUES block that rdflib's parser reads first in *bound*."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    first = parseQuery(bound)[1]["where"]["part"][0]
    assert first.name == "InlineData" and len(first["value"]) == 1
    terms = []
    for value in first["value"][0]:
        if isinstance(value, CompValue) and value.name == "literal":
            lang, datatype = dict.get(value, "lang"), dict.get(value, "datatype")
            value = Literal(str(value["string"]), lang=lang, datatype=datatype)
        terms.append(value)
    return terms


@given(
    text=st.text(),
    lang=st.sampled_from([None, "en", "zh-Hans"]),
    iri=st.text(alphabet=st.characters(blacklist_characters='<>"{}|^`\\ ', min_codepoint=0x21)),
)
@settings(max_examples=300, deadline=None)
def test_any_value_reads_back_as_exactly_its_term(text: str, lang: str | None, iri: str) -> None:
    values = {"name": Literal(text, lang=lang), "thing": URIRef("https://example.org/" + iri)}
    query = "SELECT ?thing WHERE { ?thing <https://example.org/name> ?name }"
    assert _read_back(bind_query(query, values).text) == list(values.values())


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_read_back_as_one_term(value: str) -> None:
    query = "SELECT ?s WHERE { ?s <https://example.org/name> ?name }"
    for term in (Literal(value), Literal(value, datatype=EX.kind), Literal(value, lang="en")):
        assert _read_back(bind_query(query, {"name": term}).text) == [term]


def _oxigraph(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


@given(
    text=st.text(),
    lang=st.sampled_from([None, "en", "zh-hans"]),  # pyoxigraph writes tags in lower case
    datatype=st.sampled_from([None, str(EX.kind), "http://www.w3.org/2001/XMLSchema#string"]),
)
@settings(max_examples=200, deadline=None)
def test_pyoxigraph_terms_bind_exactly_as_rdflib_terms(
    text: str, lang: str | None, datatype: str | None
) -> None:
    # what query parameters are read as (no rdflib on that path): the same query text,
    # so every read-back check above holds for them too
    literal = Literal(text, lang=lang) if lang else Literal(text, datatype=datatype)
    values = {"name": literal, "thing": EX["a-thing"]}
    query = "SELECT ?thing WHERE { ?thing <https://example.org/name> ?name }"
    as_oxigraph = {name: _oxigraph(term) for name, term in values.items()}
    assert bind_query(query, as_oxigraph).text == bind_query(query, values).text


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_pyoxigraph_literal_binds_as_one_term(value: str, store: EmbeddedStore) -> None:
    result = store.select(COUNT_BY_NAME, {"name": ox.Literal(value)})
    assert result.records() == [{"kind": Literal("k"), "n": Literal(1)}]


def test_a_blank_node_of_either_library_is_refused() -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    for blank in (ox.BlankNode("b0"), BNode("b0")):
        with pytest.raises(QueryError, match="blank node"):
            bind_query(query, {"s": blank})
    with pytest.raises(QueryError, match="give an IRI or a literal"):
        bind_query(query, {"s": "just a str"})  # type: ignore[dict-item]
