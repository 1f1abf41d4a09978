from __future__ import annotations

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from stancegraph.namespaces import CLAIM, ISSUE, SG, SKOS
from stancegraph.rdf.turtle import Description, turtle


def as_graph(description: Description) -> Graph:
    graph = Graph()
    for s, predicates in description.items():
        for p, objects in predicates.items():
            for o in objects:
                graph.add((s, p, o))
    return graph


def parsed(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def test_round_trip_of_awkward_terms() -> None:
    labels: set[Node] = {
        Literal('say "no"\\ then\nleave', lang="en"),
        Literal('triple """ quote and \' apostrophe'),
        Literal("ünïcode — ok", lang="de-CH"),
        Literal("12", datatype=XSD.integer),
        Literal("2024-04-26", datatype=XSD.date),
        Literal(""),
    }
    description: Description = {
        ISSUE["plain-id_1"]: {RDF.type: {SKOS.Concept}, SKOS.prefLabel: labels},
        CLAIM["art/x1"]: {SKOS.related: {ISSUE["ends.with.dot."], ISSUE["-starts"]}},
        URIRef("urn:x:no-prefix"): {SKOS.note: {BNode("b1"), URIRef("https://e.org/a%20b")}},
        ISSUE["%41"]: {SKOS.broader: {SG["Claim"]}},
    }
    text = turtle(description)
    assert isomorphic(parsed(text), as_graph(description))
    # names only where the local part needs no escape; the nested namespace wins
    assert "issue:plain-id_1 a skos:Concept" in text
    assert "<https://w3id.org/stancegraph/id/claim/art/x1>" in text
    assert "<https://w3id.org/stancegraph/issue/ends.with.dot.>" in text
    assert "sg:Claim" in text and "@prefix rdf:" not in text


def test_output_is_sorted_whatever_the_insertion_order() -> None:
    one: Description = {
        ISSUE["b"]: {SKOS.prefLabel: {Literal("b")}, RDF.type: {SKOS.Concept}},
        ISSUE["a"]: {SKOS.related: {ISSUE["z"], ISSUE["c"]}},
        ISSUE["s"]: {RDF.type: {SKOS.ConceptScheme}},
    }
    two: Description = {
        ISSUE["a"]: {SKOS.related: {ISSUE["c"], ISSUE["z"]}},
        ISSUE["s"]: {RDF.type: {SKOS.ConceptScheme}},
        ISSUE["b"]: {RDF.type: {SKOS.Concept}, SKOS.prefLabel: {Literal("b")}},
    }
    text = turtle(one, first=[ISSUE["s"]])
    assert text == turtle(two, first=[ISSUE["s"]])
    body = text.split("\n\n", 1)[1]
    assert body.index("issue:s a") < body.index("issue:a ") < body.index("issue:b a")
    assert "issue:b a skos:Concept ;\n    skos:prefLabel" in body
    assert "skos:related issue:c,\n        issue:z ." in body


def test_empty_description_is_valid_turtle() -> None:
    assert len(parsed(turtle({}))) == 0
    assert len(parsed(turtle({ISSUE["a"]: {SKOS.related: set()}}))) == 0


def test_an_iri_gets_the_prefix_of_the_longest_namespace_whose_rest_is_a_plain_name() -> None:
    import re

    from stancegraph.namespaces import PREFIXES
    from stancegraph.rdf.turtle import _Names

    namespaces = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda n: -len(n[0]))
    plain = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")

    def expected(iri: str) -> str:  # the rule, spelled out: try every namespace
        for namespace, prefix in namespaces:
            if iri.startswith(namespace) and plain.match(iri, len(namespace)):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    assert all(namespace.endswith(("/", "#")) for namespace, _ in namespaces)
    iris = [
        *(namespace + local for namespace, _ in namespaces for local in ("x", "a.b", "x.", "")),
        *(namespace + "a/b" for namespace, _ in namespaces),
        *(namespace + "a#b" for namespace, _ in namespaces),
        str(CLAIM["art-1/x000018-000062"]),
        "http://example.org/elsewhere/x",
        "urn:x",
    ]
    names = _Names()
    assert [names.iri(iri) for iri in iris] == [expected(iri) for iri in iris]
