"""Reading a SPARQL text before it runs: form, variables, SERVICE, syntax, and which
parser saw it."""

from __future__ import annotations

import socket
import sys
import threading

import pytest

from stancegraph.errors import QueryError
from stancegraph.store.query_form import parse_query


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        ("PREFIX sg: <https://w3id.org/stancegraph/ns#>\nBASE <https://x/>\nask { ?s sg:p ?o }", "ASK"),
        ("# SELECT in a comment\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("PREFIX : <https://x/> DESCRIBE :a", "DESCRIBE"),
        ("PREFIX : <https://x/> INSERT DATA { :a :b :c }", "UPDATE"),
        ("CLEAR ALL", "UPDATE"),
    ],
)  # fmt: skip
def test_the_form_after_the_prologue(text: str, form: str) -> None:
    assert parse_query(text).form == form


def test_variables_and_service_are_read_outside_strings_iris_and_comments() -> None:
    parsed = parse_query(
        'SELECT ?a WHERE { ?a <https://x/SERVICE?b> "SERVICE ?c" . # SERVICE ?d\n'
        " { SELECT ?e WHERE { ?e ?p $f } } }"
    )
    assert parsed.variables == {"a", "e", "p", "f"}
    assert not parsed.remote
    assert parse_query("SELECT * { SERVICE <https://x/sparql> { ?s ?p ?o } }").remote
    assert parse_query("CONSTRUCT WHERE { ?s ?p ?o }").short_construct
    assert not parse_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").short_construct


def test_a_query_is_checked_by_oxigraph_and_rdflib_is_not_imported() -> None:
    sys.modules.pop("rdflib.plugins.sparql.parser", None)
    parse_query.cache_clear()
    parse_query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3")
    assert "rdflib.plugins.sparql.parser" not in sys.modules
    # a query already wrong is read again by rdflib, whose parser points at the token
    with pytest.raises(QueryError, match=r"line 1, column 19 \(near '\?x \?p }'\): fix it there"):
        parse_query("SELECT ?x WHERE { ?x ?p }")
    with pytest.raises(QueryError, match=r"line 3, column 2 \(near 'FILTER"):
        parse_query("SELECT * WHERE {\n ?s ?p ?o .\n FILTER(?s = ) }")
    with pytest.raises(QueryError, match="syntax error"):
        parse_query("SELECT ?x { ?x undeclared:p ?y }")


def test_a_service_query_never_reaches_the_service_while_it_is_read() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    called = threading.Event()

    def accept() -> None:
        try:
            listener.accept()
            called.set()
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    parsed = parse_query(f"ASK {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    thread.join()
    listener.close()
    assert parsed.remote and parsed.form == "ASK"
    assert not called.is_set()
    with pytest.raises(QueryError, match="syntax error at line 1"):
        parse_query(f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p }} }}")


def test_updates_are_checked_with_their_own_grammar() -> None:
    with pytest.raises(QueryError, match=r"the SPARQL update has a syntax error at line 1"):
        parse_query("INSERT DATA { <https://x/a> <https://x/b> }")
    with pytest.raises(QueryError, match="the SPARQL query has a syntax error"):
        parse_query("hello world")


def test_what_only_oxigraph_rejects_keeps_its_reason() -> None:
    with pytest.raises(QueryError, match="duplicated variable name in SELECT; fix it there"):
        parse_query("SELECT (1 AS ?x) (2 AS ?x) {}")
    with pytest.raises(QueryError, match="variable that is unbound"):
        parse_query("SELECT ?x WHERE { ?x ?p ?o } GROUP BY ?o")
