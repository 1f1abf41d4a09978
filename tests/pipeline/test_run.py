from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stancegraph.errors import InputError, NonConformingError
from stancegraph.pipeline.run import run
from stancegraph.store.embedded import EmbeddedStore
from tests.conftest import FIXTURES, MINI_VOCAB, SEEDS


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    run(SEEDS, out)
    return out


def test_run_writes_rdf_store_and_report(seed_run: Path) -> None:
    assert (seed_run / "graph.trig").stat().st_size > 10_000
    report = (seed_run / "report.md").read_text(encoding="utf-8")
    assert (
        "## Claims per side" in report and "| United States |" in report and "| China |" in report
    )
    assert "Foreign trade" in report
    assert "Talking-past index" in report or "talking-past" in report.lower()
    assert (seed_run / "analysis.json").stat().st_size > 1000
    for view in ("divergence", "actors", "issues"):
        assert "Wang Yi" in (seed_run / f"{view}.html").read_text(encoding="utf-8")
    store = EmbeddedStore(seed_run / "store", read_only=True)
    assert len(store.graph_names()) == 2


def test_rerun_is_safe_and_byte_identical(seed_run: Path, tmp_path: Path) -> None:
    store = EmbeddedStore(seed_run / "store", read_only=True)
    quads = store.count()
    del store
    before = (seed_run / "graph.trig").read_bytes()
    result = run(SEEDS, seed_run)
    assert result.quads_in_store == quads
    assert (seed_run / "graph.trig").read_bytes() == before


def test_run_with_extra_vocabulary(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURES / "mini", articles)
    result = run(articles, tmp_path / "out", vocab=[MINI_VOCAB])
    assert result.claims == 3
    assert "Ruritania" in result.report.read_text(encoding="utf-8")


def test_run_refuses_folder_without_claims(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no \\*.claims.yaml files"):
        run(tmp_path, tmp_path / "out")
    with pytest.raises(InputError, match="is not a folder"):
        run(tmp_path / "missing", tmp_path / "out")


def test_run_stops_before_writing_when_shapes_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stancegraph.pipeline import run as run_module
    from stancegraph.rdf.validate import ValidationResult, Violation

    def failing(*_: object, **__: object) -> ValidationResult:
        return ValidationResult(False, (Violation(focus="x", rule="r", message="broken"),))

    monkeypatch.setattr(run_module, "validate_graph", failing)
    with pytest.raises(NonConformingError, match="1 SHACL violation"):
        run(SEEDS, tmp_path / "out")
    assert not (tmp_path / "out" / "graph.trig").exists()
