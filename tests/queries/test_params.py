"""Query parameters read as pyoxigraph terms, typed by the query's header."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from stancegraph.errors import QueryError
from stancegraph.namespaces import ACTOR, PREFIXES, XSD, claim_iri
from stancegraph.queries.params import parse_value

XSD_NS = str(XSD)


@pytest.mark.parametrize(
    ("value", "kind", "term"),
    [
        ("wang-yi", "actor", ox.NamedNode(str(ACTOR["wang-yi"]))),
        ("Wang Yi/x", "actor", ox.NamedNode(str(ACTOR["Wang%20Yi%2Fx"]))),
        ("actor:wang-yi", "side", ox.NamedNode(str(ACTOR["wang-yi"]))),
        ("ap-1/c04", "claim", ox.NamedNode(str(claim_iri("ap-1", "c04")))),
        ("https://example.org/a", "iri", ox.NamedNode("https://example.org/a")),
        ('say "hi"', "string", ox.Literal('say "hi"')),
        ("2024-04-26", "date", ox.Literal("2024-04-26", datatype=ox.NamedNode(XSD_NS + "date"))),
        ("-3", "integer", ox.Literal("-3", datatype=ox.NamedNode(XSD_NS + "integer"))),
        ("0.5", "decimal", ox.Literal("0.5", datatype=ox.NamedNode(XSD_NS + "decimal"))),
        ("true", "boolean", ox.Literal("true", datatype=ox.NamedNode(XSD_NS + "boolean"))),
        ('"text"@en', "term", ox.Literal("text", language="en")),
        ('"2024"^^xsd:gYear', "term", ox.Literal("2024", datatype=ox.NamedNode(XSD_NS + "gYear"))),
        ("prov:Entity", "term", ox.NamedNode(str(PREFIXES["prov"]) + "Entity")),
        ("7", "term", ox.Literal("7", datatype=ox.NamedNode(XSD_NS + "integer"))),
    ],
)
def test_each_type_reads_as_its_term(value: str, kind: str, term: ox.NamedNode) -> None:
    assert parse_value("p", value, kind) == term


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("<not an iri>", "iri"),
        ("", "actor"),
        ("no-slash", "claim"),
        ("2024-13-01", "date"),
        ("1.5", "integer"),
        ("yes", "boolean"),
        ("bare words", "term"),
        ('"x"^^nope:type', "term"),
        ('"x"@en-', "term"),
    ],
)
def test_a_wrong_value_is_one_error_naming_the_parameter(value: str, kind: str) -> None:
    with pytest.raises(QueryError, match=r"--param p=.* is not"):
        parse_value("p", value, kind)


def test_the_plain_prefixes_are_rdflibs_namespaces() -> None:
    from stancegraph.iris import PREFIX_IRIS

    assert {prefix: str(namespace) for prefix, namespace in PREFIXES.items()} == PREFIX_IRIS
