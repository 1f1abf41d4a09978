"""``viz`` and ``write_views``: files written, byte-identical, empty input gives a page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from stancegraph.analysis.result import analyze_records
from stancegraph.analysis.source import records_from_claims
from stancegraph.errors import AnalysisError
from stancegraph.pipeline.build import build_claims, load_checked_claims
from stancegraph.pipeline.viz import viz, write_views
from stancegraph.vocab.model import Vocabulary, load_vocabulary
from tests.conftest import MINI_CLAIMS, MINI_VOCAB


def test_viz_from_an_rdf_file_is_byte_identical(tmp_path: Path) -> None:
    rdf = tmp_path / "mini.trig"
    build_claims([MINI_CLAIMS], rdf, vocab=[MINI_VOCAB])
    first = viz(rdf, tmp_path / "a.html", vocab=[MINI_VOCAB])
    viz(rdf, tmp_path / "b.html", vocab=[MINI_VOCAB])
    assert (first.nodes, first.edges, first.note) == (4, 3, None)
    page = (tmp_path / "a.html").read_bytes()
    assert page == (tmp_path / "b.html").read_bytes()
    assert b"Rudolf Rassendyll" in page and b"warned" in page


def test_viz_errors(tmp_path: Path) -> None:
    rdf = tmp_path / "mini.trig"
    build_claims([MINI_CLAIMS], rdf, vocab=[MINI_VOCAB])
    with pytest.raises(AnalysisError, match="unknown view"):
        viz(rdf, tmp_path / "x.html", view="map", vocab=[MINI_VOCAB])
    with pytest.raises(AnalysisError):
        viz(rdf, tmp_path / "x.html", sides=("ruritania", "atlantis"), vocab=[MINI_VOCAB])
    assert not (tmp_path / "x.html").exists()


def test_write_views_and_one_sided_corpus(tmp_path: Path, mini_vocab: Vocabulary) -> None:
    articles = load_checked_claims([MINI_CLAIMS], mini_vocab)
    analysis = analyze_records(records_from_claims(articles, mini_vocab), mini_vocab)
    paths = write_views(articles, analysis, tmp_path)
    assert [p.name for p in paths] == ["divergence.html", "actors.html", "issues.html"]
    data = articles[0].data
    only = data.model_copy(
        update={"claims": tuple(c for c in data.claims if c.side == "ruritania")}
    )
    one_sided = [replace(articles[0], data=only)]
    vocabulary = load_vocabulary([MINI_VOCAB])
    analysis = analyze_records(records_from_claims(one_sided, vocabulary), vocabulary)
    assert analysis.one_sided
    write_views(one_sided, analysis, tmp_path / "one")
    page = (tmp_path / "one" / "divergence.html").read_text(encoding="utf-8")
    assert "Ruritania: a one-sided map" in page and "Rudolf Rassendyll" in page
    write_views(one_sided, "every claim has the unknown side", tmp_path / "none")
    page = (tmp_path / "none" / "divergence.html").read_text(encoding="utf-8")
    assert 'id="sg-empty"' in page and "Nothing to draw: every claim" in page
