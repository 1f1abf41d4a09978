"""Every shape catches the violation it exists for, and the seed conforms."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, XSD

from stancegraph.claims.io import ArticleClaims
from stancegraph.namespaces import ACTOR, ISSUE, OA, SG, STANCE, claim_iri
from stancegraph.rdf.build import article_to_graph
from stancegraph.rdf.validate import ChunkValidator, validate_graph
from stancegraph.vocab.model import Vocabulary

C2 = claim_iri("wire-ruritania-freedonia-steel", "c2")


def test_seed_conforms(seed: ArticleClaims, seed_vocab: Vocabulary) -> None:
    result = validate_graph(article_to_graph(seed), seed_vocab)
    assert result.conforms, [v.describe() for v in result.violations]


def test_mini_conforms(mini: ArticleClaims, mini_vocab: Vocabulary) -> None:
    assert validate_graph(article_to_graph(mini), mini_vocab).conforms


def _drop(prop: URIRef) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        graph.remove((C2, prop, None))

    return change


def _set(prop: URIRef, value: URIRef) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        graph.set((C2, prop, value))

    return change


def _move_offsets(start: int, end: int) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        selector = URIRef(f"{C2}#evidence-position")
        graph.set((selector, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        graph.set((selector, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))

    return change


def _double_offsets(graph: Graph) -> None:
    selector = URIRef(f"{C2}#evidence-position")
    graph.set((selector, OA.start, Literal(100.0, datatype=XSD.double)))
    graph.set((selector, OA.end, Literal(5000.0, datatype=XSD.double)))


def _ill_typed_offset(graph: Graph) -> None:
    # rdflib's SPARQL (under pySHACL) recursed without end on arithmetic with this
    graph.set((URIRef(f"{C2}#evidence-position"), OA.end, Literal("abc", datatype=XSD.integer)))


def _change_quote(graph: Graph) -> None:
    graph.set(
        (URIRef(f"{C2}#evidence-quote"), OA.exact, Literal("Tariffs help both of our peoples"))
    )


def _actor_without_side(graph: Graph) -> None:
    actor = ACTOR["nobody"]
    graph.add((actor, RDF.type, SG.Actor))
    graph.set((C2, SG.claimant, actor))


CASES = [
    ("no claimant", _drop(SG.claimant), "claimant", "claim c2"),
    ("no issue", _drop(SG.issue), "issue", "claim c2"),
    ("no stance", _drop(SG.stance), "stance", "claim c2"),
    ("no evidence", _drop(SG.evidence), "evidence", "claim c2"),
    ("no side", _drop(SG.side), "side", "claim c2"),
    ("unknown stance", _set(SG.stance, STANCE["meh"]), "stanceInScheme", "claim c2"),
    ("issue not in scheme", _set(SG.issue, ISSUE["made-up"]), "issueInScheme", "claim c2"),
    ("unknown actor", _set(SG.claimant, ACTOR["made-up"]), "claimant", "claim c2"),
    ("span outside article", _move_offsets(100, 5000), "spanInsideArticle", "falls outside"),
    ("quote does not match", _move_offsets(180, 212), "quoteMatchesText", "does not match"),
    ("offsets as doubles", _double_offsets, "spanInsideArticle", "falls outside"),
    ("quote edited", _change_quote, "quoteMatchesText", "does not match"),
    ("offset that is no number", _ill_typed_offset, "datatype", "is no xsd:integer"),
    ("actor without side", _actor_without_side, "actorSide", "has no side"),
]


@pytest.mark.parametrize(("name", "change", "rule", "text"), CASES, ids=[c[0] for c in CASES])
def test_each_shape_catches_its_violation(
    name: str,
    change: Callable[[Graph], None],
    rule: str,
    text: str,
    mini: ArticleClaims,
    mini_vocab: Vocabulary,
) -> None:
    graph = article_to_graph(mini)
    change(graph)
    result = validate_graph(graph, mini_vocab)
    assert not result.conforms
    assert any(rule in v.rule and text in v.describe() for v in result.violations), [
        v.describe() for v in result.violations
    ]
    # the chunk validator (Oxigraph pre-check, the vocabulary it reaches) reports the same
    assert ChunkValidator(mini_vocab).validate([graph]) == result
    # and so does its quick check from N-Triples, which hands the chunk on to pySHACL
    assert ChunkValidator(mini_vocab).check([graph.serialize(format="nt")]) == result


def test_membership_without_side_in_registry(mini: ArticleClaims, mini_vocab: Vocabulary) -> None:
    graph = article_to_graph(mini)
    vocab_graph = Graph()
    for triple in mini_vocab.graph:
        if triple[1] != ORG.organization or "rufus" not in str(triple[0]):
            vocab_graph.add(triple)
    broken = Vocabulary(
        sides=mini_vocab.sides,
        actors=mini_vocab.actors,
        issues=mini_vocab.issues,
        stances=mini_vocab.stances,
        graph=vocab_graph,
    )
    result = validate_graph(graph, broken)
    assert any("rufus-firefly" in v.focus and "has no side" in v.message for v in result.violations)


def test_graphs_checked_in_chunks_give_the_violations_of_one_check(
    mini: ArticleClaims, seed: ArticleClaims, mini_vocab: Vocabulary, seed_vocab: Vocabulary
) -> None:
    from rdflib import Dataset

    from stancegraph.namespaces import article_graph_iri
    from stancegraph.rdf.validate import validate_graphs

    dataset = Dataset()
    broken = article_to_graph(mini)
    _drop(SG.side)(broken)
    names = []
    for article, graph in ((mini, broken), (seed, article_to_graph(seed))):
        name = article_graph_iri(article.data.article.id)
        for triple in graph:
            dataset.graph(name).add(triple)
        names.append(str(name))
    vocabulary = dataclasses.replace(
        seed_vocab,
        sides={**seed_vocab.sides, **mini_vocab.sides},
        issues={**seed_vocab.issues, **mini_vocab.issues},
    )
    whole = validate_graph(dataset, vocabulary)
    for chunk in (1, 2):
        parts = validate_graphs(dataset, names, vocabulary, chunk=chunk)
        assert not parts.conforms and parts.violations == whole.violations
    assert validate_graphs(dataset, names[1:], vocabulary, chunk=1).conforms


def test_the_span_shape_is_left_out_only_where_oxigraph_finds_no_bad_span(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    from stancegraph.rdf.validate import ChunkValidator

    validator = ChunkValidator(mini_vocab)
    clean = article_to_graph(mini)
    span_shape = URIRef("https://w3id.org/stancegraph/shapes#SpanCheckShape")
    assert validator._shapes_for(clean.serialize(format="nt")) is not validator.shapes
    assert (span_shape, None, None) not in validator._shapes_for(clean.serialize(format="nt"))
    broken = article_to_graph(mini)
    _move_offsets(180, 212)(broken)
    assert validator._shapes_for(broken.serialize(format="nt")) is validator.shapes
    # the chunk's data is gone from the pre-check's store after each chunk
    assert validator.validate([clean]).conforms
    assert not validator.validate([broken]).conforms
    assert validator.validate([clean]).conforms


def test_the_vocabulary_is_checked_once_not_with_every_chunk(
    mini: ArticleClaims, seed: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    from rdflib import Dataset

    from stancegraph.namespaces import article_graph_iri
    from stancegraph.rdf.validate import ChunkValidator, validate_graphs

    graph = Graph()
    for triple in mini_vocab.graph:
        graph.add(triple)
    nobody = ACTOR["nobody-in-any-article"]
    graph.add((nobody, RDF.type, SG.Actor))
    broken = dataclasses.replace(mini_vocab, graph=graph)
    validator = ChunkValidator(broken)
    article = article_to_graph(mini)
    # a chunk carries only the vocabulary it reaches: the actor no claim names is not in it
    reached = {s for s, _, _ in validator._reached([article])}
    assert nobody not in reached and ACTOR["rufus-firefly"] in reached
    assert validator.validate([article]).conforms
    alone = validator.validate_vocabulary()
    assert [v.focus for v in alone.violations] == [str(nobody)]
    dataset = Dataset()
    name = article_graph_iri(mini.data.article.id)
    for triple in article:
        dataset.graph(name).add(triple)
    result = validate_graphs(dataset, [str(name), str(name)], broken, chunk=1)
    assert [v.focus for v in result.violations] == [str(nobody)], "reported once"


def test_violations_that_differ_only_in_a_missing_field_sort() -> None:
    from stancegraph.rdf.validate import ValidationResult, Violation, merge_results

    with_value = Violation(focus="f", rule="claimant", message="m", value="actor:x")
    without = Violation(focus="f", rule="claimant", message="m")
    merged = merge_results(
        [ValidationResult(False, (with_value,)), ValidationResult(False, (without, with_value))]
    )
    assert merged.violations == (without, with_value)


def test_a_conforming_chunk_is_passed_without_pyshacl(
    mini: ArticleClaims,
    seed: ArticleClaims,
    mini_vocab: Vocabulary,
    seed_vocab: Vocabulary,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import stancegraph.rdf.validate as validate_module
    from stancegraph.rdf.build import article_ntriples

    validators = [
        (ChunkValidator(mini_vocab), [article_ntriples(mini)] * 2),
        (ChunkValidator(seed_vocab), [article_ntriples(seed)]),
    ]
    for validator, texts in validators:
        assert validator.validate([Graph().parse(data=t, format="nt") for t in texts]).conforms

    def no_pyshacl(*_: object) -> None:
        raise AssertionError("pySHACL ran on a chunk the queries pass")

    monkeypatch.setattr(validate_module, "_check", no_pyshacl)
    for validator, texts in validators:
        assert validator.check(texts).conforms
        assert validator.validate_vocabulary().conforms
        assert validator.check(texts[:1]).conforms


def test_the_quick_check_leaves_no_chunk_behind(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    from stancegraph.rdf.build import article_ntriples

    validator = ChunkValidator(mini_vocab)
    broken = article_to_graph(mini)
    _drop(SG.side)(broken)
    clean = article_ntriples(mini)
    assert validator.check([clean]).conforms
    assert not validator.check([broken.serialize(format="nt")]).conforms
    assert validator.check([clean]).conforms


def test_the_quick_check_stands_aside_for_shapes_it_cannot_compile(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    from stancegraph.rdf.build import article_ntriples
    from stancegraph.rdf.validate import load_shapes

    shapes = load_shapes()
    strict = URIRef("https://example.org/shapes#PositionPattern")
    shapes.parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <{strict}> a sh:NodeShape ; sh:targetClass <{SG.Claim}> ;
            sh:property [ sh:path <{SG.cue}> ; sh:minCount 1 ; sh:pattern "^zz" ] .
        """,
        format="turtle",
    )
    validator = ChunkValidator(mini_vocab, shapes=shapes)
    assert validator._queries is None
    result = validator.check([article_ntriples(mini)])
    assert not result.conforms
    assert result == validate_graph(article_to_graph(mini), mini_vocab, shapes=shapes)


def test_validate_graph_passes_conforming_data_without_pyshacl(
    seed: ArticleClaims, seed_vocab: Vocabulary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stancegraph.rdf.validate as validate_module

    def no_pyshacl(*_: object) -> None:
        raise AssertionError("pySHACL ran on data the queries pass")

    monkeypatch.setattr(validate_module, "_check", no_pyshacl)
    assert validate_graph(article_to_graph(seed), seed_vocab).conforms


def test_what_oxigraph_cannot_read_is_left_to_pyshacl(
    mini: ArticleClaims, mini_vocab: Vocabulary, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stancegraph.rdf.build import article_ntriples

    # rdflib takes an IRI with a space; N-Triples and Oxigraph do not
    odd = Graph()
    odd.add((URIRef("http://example.org/a b"), URIRef("http://example.org/p"), Literal("x")))
    assert validate_graph(odd, mini_vocab).conforms
    validator = ChunkValidator(mini_vocab)
    assert validator._oxigraph('<http://example.org/a b> <http://example.org/p> "x" .\n') is None
    # a chunk Oxigraph cannot read goes to pySHACL, which gives the verdict
    broken = article_to_graph(mini)
    _drop(SG.side)(broken)

    def unreadable(*_: object) -> None:
        return None

    monkeypatch.setattr(validator, "_oxigraph", unreadable)
    assert validator.check([article_ntriples(mini)]).conforms
    assert not validator.check([broken.serialize(format="nt")]).conforms


def test_a_literal_no_rule_computes_with_is_left_to_the_shapes(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    # ill-typed, but where no shape looks: conforms, quick or not, as the shapes say
    graph = article_to_graph(mini)
    graph.add((C2, URIRef("http://example.org/note"), Literal("abc", datatype=XSD.integer)))
    assert validate_graph(graph, mini_vocab).conforms
    assert validate_graph(graph, mini_vocab, quick=False).conforms


def test_chunks_checked_in_several_threads_at_once_give_what_one_thread_gives(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    clean = article_to_graph(mini).serialize(format="nt")
    no_side = article_to_graph(mini)
    _drop(SG.side)(no_side)
    bad_span = article_to_graph(mini)
    _move_offsets(180, 212)(bad_span)
    chunks = [[clean], [no_side.serialize(format="nt")], [clean], [bad_span.serialize(format="nt")]]
    chunks = chunks * 3
    alone = [ChunkValidator(mini_vocab).check(c) for c in chunks]
    validator = ChunkValidator(mini_vocab)
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(validator.check, chunks))
    assert together == alone
    assert [r.conforms for r in together[:4]] == [True, False, True, False]
