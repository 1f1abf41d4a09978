"""Article graphs built one at a time and kept on disk give the bytes of the whole-dataset
writers, are read back when nothing they are made of changed, and are rebuilt when it did."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from stancegraph.claims.io import ArticleClaims
from stancegraph.pipeline.article_graphs import GraphCache, build_graphs, write_trig
from stancegraph.pipeline.build import claims_dataset
from stancegraph.pipeline.manifest import content_digest
from stancegraph.rdf.files import write_rdf
from stancegraph.vocab.model import Vocabulary, load_vocabulary
from tests.conftest import MINI_CLAIMS, MINI_VOCAB, SEED_CLAIMS


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary([MINI_VOCAB])


def _articles(vocabulary: Vocabulary) -> list[ArticleClaims]:
    return claims_dataset([SEED_CLAIMS, MINI_CLAIMS], vocabulary)[1]


def test_the_trig_written_a_graph_at_a_time_is_the_whole_datasets(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    dataset, articles = claims_dataset([SEED_CLAIMS, MINI_CLAIMS], vocabulary)
    write_rdf(dataset, tmp_path / "whole.trig", "trig")
    cache = GraphCache(tmp_path / "cache")
    graphs = [graph for graph, _ in build_graphs(reversed(articles), vocabulary, cache)]
    write_trig(tmp_path / "pieces.trig", graphs, cache)
    assert (tmp_path / "pieces.trig").read_bytes() == (tmp_path / "whole.trig").read_bytes()
    # and each graph's digest is that of its N-Triples in the dataset
    assert {g.iri for g in graphs} == {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {g.iri: g.digest for g in graphs} == {
        g.iri: content_digest(dataset.graph(URIRef(g.iri)).serialize(format="nt")) for g in graphs
    }
    # written again from the kept TriG blocks: the same bytes
    write_trig(tmp_path / "again.trig", graphs, GraphCache(tmp_path / "cache"))
    assert (tmp_path / "again.trig").read_bytes() == (tmp_path / "whole.trig").read_bytes()


def test_an_unchanged_article_is_read_back_and_a_changed_one_rebuilt(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    articles = _articles(vocabulary)
    built = list(build_graphs(articles, vocabulary, GraphCache(tmp_path)))
    first = [g for g, _ in built]
    assert all(g.built for g in first)
    assert all(g.digest == content_digest(text or "") for g, text in built)  # of the lines
    again = list(build_graphs(articles, vocabulary, GraphCache(tmp_path)))
    assert [g.digest for g, _ in again] == [g.digest for g in first]
    assert all(not g.built for g, _ in again)
    assert [text for _, text in again] == [GraphCache(tmp_path).ntriples(g) for g, _ in again]
    seed, mini = articles
    claim = mini.data.claims[0].model_copy(update={"position": "a new position"})
    edited = ArticleClaims(
        data=mini.data.model_copy(update={"claims": (claim, *mini.data.claims[1:])}),
        text=mini.text,
        path=mini.path,
    )
    cache = GraphCache(tmp_path)
    after = [g for g, _ in build_graphs([seed, edited], vocabulary, cache)]
    assert [g.built for g in after] == [False, True]
    assert after[1].digest != first[1].digest and after[0].digest == first[0].digest
    assert cache.prune() == 1  # the old graph of the edited article (no TriG block yet)
    assert {p.stem for p in tmp_path.iterdir()} == {g.key for g in after}


def test_a_damaged_kept_graph_is_built_again(tmp_path: Path, vocabulary: Vocabulary) -> None:
    articles = _articles(vocabulary)
    first = [g for g, _ in build_graphs(articles, vocabulary, GraphCache(tmp_path))]
    (tmp_path / f"{first[0].key}.nt").write_bytes(b"")
    (tmp_path / f"{first[1].key}.nt").write_bytes(b"\xff\xfe not text")
    again = [g for g, _ in build_graphs(articles, vocabulary, GraphCache(tmp_path))]
    assert [g.built for g in again] == [True, True]
    cut = (tmp_path / f"{first[0].key}.nt").read_text(encoding="utf-8")[:-40]
    (tmp_path / f"{first[0].key}.nt").write_text(cut, encoding="utf-8")
    again = [g for g, _ in build_graphs(articles, vocabulary, GraphCache(tmp_path))]
    assert [g.built for g in again] == [True, False], "a cut-off graph is built again"
    assert [g.digest for g in again] == [g.digest for g in first]


def test_a_code_change_rebuilds_every_graph(tmp_path: Path, vocabulary: Vocabulary) -> None:
    articles = _articles(vocabulary)
    list(build_graphs(articles, vocabulary, GraphCache(tmp_path, "one")))
    rebuilt = [g for g, _ in build_graphs(articles, vocabulary, GraphCache(tmp_path, "two"))]
    assert all(g.built for g in rebuilt)


def test_a_graph_an_earlier_run_kept_at_its_size_is_not_read_again(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    articles = _articles(vocabulary)
    first = [g for g, _ in build_graphs(articles, vocabulary, GraphCache(tmp_path))]
    assert all(g.size == (tmp_path / f"{g.key}.nt").stat().st_size for g in first)
    # the digest recorded is trusted (shown here by one that is not the content's) ...
    known = {first[0].key: ("d" * 64, first[0].size), first[1].key: ("e" * 64, first[1].size)}
    cache = GraphCache(tmp_path, known=known)
    again = list(build_graphs(articles, vocabulary, cache))
    assert [(g.digest, text) for g, text in again] == [("d" * 64, None), ("e" * 64, None)]
    assert cache.ntriples(again[0][0]) == (tmp_path / f"{first[0].key}.nt").read_text("utf-8")
    # ... but not for a file of another size: it is read (and rebuilt when damaged)
    path = tmp_path / f"{first[0].key}.nt"
    path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    again = list(build_graphs(articles, vocabulary, GraphCache(tmp_path, known=known)))
    assert again[0][0].built and again[0][0].digest == first[0].digest
    assert again[0][1] is not None and not again[1][0].built
