"""The TriG written by a process of its own: the same bytes, its errors the caller's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stancegraph.errors import OutputError
from stancegraph.pipeline import article_graphs, trig_process
from stancegraph.pipeline.article_graphs import GraphCache, build_graphs
from stancegraph.pipeline.build import claims_dataset
from stancegraph.rdf.files import write_rdf
from stancegraph.vocab.model import load_vocabulary
from tests.conftest import MINI_CLAIMS, MINI_VOCAB, SEED_CLAIMS


def test_a_long_trig_is_written_by_a_process_of_its_own_to_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocabulary = load_vocabulary([MINI_VOCAB])
    dataset, articles = claims_dataset([SEED_CLAIMS, MINI_CLAIMS], vocabulary)
    write_rdf(dataset, tmp_path / "whole.trig", "trig")
    cache = GraphCache(tmp_path / "cache")
    graphs = [graph for graph, _ in build_graphs(articles, vocabulary, cache)]
    monkeypatch.setattr(trig_process, "TRIG_PROCESS_BLOCKS", 1)
    made_here: list[int] = []
    real = article_graphs._trig_block
    monkeypatch.setattr(  # the blocks made in this process: none
        article_graphs, "_trig_block", lambda *a: made_here.append(os.getpid()) or real(*a)
    )
    path = tmp_path / "out.trig"
    steps = []
    with trig_process.trig_written(path, graphs, cache):
        steps.append("the caller's next steps")
    assert steps and path.read_bytes() == (tmp_path / "whole.trig").read_bytes()
    assert made_here == [] and all(cache.has_trig(g) for g in graphs)
    assert not (cache.folder / "trig-job.json").exists()

    # fewer blocks to make than the threshold: written at once, here
    monkeypatch.setattr(trig_process, "TRIG_PROCESS_BLOCKS", 2)
    (cache.folder / f"{graphs[0].key}.trig").unlink()
    with trig_process.trig_written(tmp_path / "here.trig", graphs, cache):
        assert (tmp_path / "here.trig").read_bytes() == path.read_bytes()
    assert len(made_here) == 1

    # the process's error is raised, in one line, once the caller's steps are done
    monkeypatch.setattr(trig_process, "TRIG_PROCESS_BLOCKS", 1)
    for graph in graphs:
        (cache.folder / f"{graph.key}.trig").unlink(missing_ok=True)
    (cache.folder / f"{graphs[1].key}.nt").unlink()
    steps.clear()
    with (
        pytest.raises(OutputError, match=r"^cannot read the kept graph .*run again$"),
        trig_process.trig_written(tmp_path / "bad.trig", graphs, cache),
    ):
        steps.append("done")
    assert steps == ["done"] and not (tmp_path / "bad.trig").exists()


def test_a_process_that_cannot_start_leaves_the_writing_to_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocabulary = load_vocabulary([MINI_VOCAB])
    _, articles = claims_dataset([MINI_CLAIMS], vocabulary)
    cache = GraphCache(tmp_path / "cache")
    graphs = [graph for graph, _ in build_graphs(articles, vocabulary, cache)]
    monkeypatch.setattr(trig_process, "TRIG_PROCESS_BLOCKS", 1)
    monkeypatch.setattr(trig_process.sys, "executable", str(tmp_path / "no-python"))
    with trig_process.trig_written(tmp_path / "out.trig", graphs, cache):
        assert (tmp_path / "out.trig").is_file()  # written at once
