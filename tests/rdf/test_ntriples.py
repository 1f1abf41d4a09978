"""The builder's own N-Triples: byte for byte what rdflib writes for the same graph."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import RDFError
from stancegraph.rdf.build import Lit, article_ntriples, article_to_graph, ntriples_of
from stancegraph.rdf.files import sorted_lines
from stancegraph.vocab.model import Side, Vocabulary


def _rdflib_ntriples(graph: Graph) -> str:
    return sorted_lines(graph.serialize(format="nt"))


@pytest.mark.parametrize("which", ["mini", "seed"])
def test_article_ntriples_are_rdflibs(which: str, request: pytest.FixtureRequest) -> None:
    article: ArticleClaims = request.getfixturevalue(which)
    ours = article_ntriples(article)
    assert ours == _rdflib_ntriples(article_to_graph(article))
    # and what rdflib reads back from it (normalising lexical forms), it writes the same
    assert ours == _rdflib_ntriples(Graph().parse(data=ours, format="nt"))


def test_emergent_issues_and_gazetteer_sides_are_written_alike(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    claim = mini.data.claims[0]
    sides = {claim.side: Side(id=claim.side, label='Side "A"\n', same_as=("http://x.org/a",))}
    issues = mini_vocab.issues_to_define(c.issue for c in mini.data.claims)
    ours = article_ntriples(mini, sides=sides, issues=issues)
    assert '"Side \\"A\\"\\n"@en' in ours
    assert ours == _rdflib_ntriples(article_to_graph(mini, sides=sides, issues=issues))


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    text=_text,
    confidence=st.floats(min_value=0, max_value=1),
    strength=st.one_of(st.none(), st.floats(min_value=0, max_value=1)),
    note=st.one_of(st.none(), _text.filter(bool)),
)
def test_any_text_and_number_is_written_as_rdflib_writes_it(
    mini: ArticleClaims, text: str, confidence: float, strength: float | None, note: str | None
) -> None:
    data = mini.data
    claim = data.claims[0].model_copy(
        update={"position": text or "x", "confidence": confidence, "strength": strength,
                "note": note}
    )  # fmt: skip
    title = data.article.model_copy(update={"title": text or "t"})
    article = dataclasses.replace(
        mini, data=data.model_copy(update={"claims": [claim], "article": title})
    )
    ours = article_ntriples(article)
    assert ours == _rdflib_ntriples(article_to_graph(article))
    assert ours == _rdflib_ntriples(Graph().parse(data=ours, format="nt"))


def test_lines_are_distinct_and_sorted() -> None:
    iri = "http://x.org/a"
    text = ntriples_of([(iri, iri, Lit("b")), (iri, iri, iri), (iri, iri, Lit("b"))])
    assert text.splitlines() == sorted(set(text.splitlines()))
    assert len(text.splitlines()) == 2
    assert ntriples_of([]) == ""


def test_an_iri_n_triples_cannot_hold_is_one_clear_error() -> None:
    with pytest.raises(RDFError, match="not an IRI that N-Triples can hold"):
        ntriples_of([("http://x.org/a b", "http://x.org/p", "http://x.org/o")])
