"""``analyze`` and ``viz`` read the same claims from a store, a file or an endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancegraph.errors import InputError, StoreError
from stancegraph.pipeline.analyze import analyze
from stancegraph.pipeline.serve import Server
from stancegraph.pipeline.viz import viz


@pytest.mark.server
def test_analyze_and_viz_from_an_endpoint_match_the_store(
    seed_out: Path, seed_server: Server, tmp_path: Path
) -> None:
    local = analyze(seed_out / "store")
    remote = analyze(endpoint=seed_server.query_url)
    from_file = analyze(seed_out / "graph.trig")
    assert remote.records == local.records == from_file.records
    assert remote.corpus == local.corpus
    page = viz(endpoint=seed_server.query_url, output=tmp_path / "d.html")
    assert page.nodes > 20
    same = viz(seed_out / "store", output=tmp_path / "e.html")
    assert (tmp_path / "d.html").read_bytes() == (tmp_path / "e.html").read_bytes()
    assert same.nodes == page.nodes


def test_source_errors(tmp_path: Path, seed_out: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        analyze(tmp_path / "missing.trig")
    with pytest.raises(StoreError, match="given together"):
        analyze(seed_out / "store", endpoint="http://127.0.0.1:9/query")
