from __future__ import annotations

import shutil
import subprocess
import sys
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


def test_run_extracts_articles_without_claims_and_scores_the_coded(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("000_1358605536fd3371.txt", "000_1358605536fd3371.meta.yaml"):
        (articles / name).write_bytes((SEEDS / name).read_bytes())
    steps: list[str] = []
    result = run(articles, tmp_path / "out", progress=steps.append)
    assert [p.name for p in result.extracted] == ["000_1358605536fd3371.claims.yaml"]
    assert result.extracted[0].parent == tmp_path / "out" / "claims"
    assert result.claims >= 20
    assert steps[0].startswith("extracting claims from 1 article")
    assert "Extraction vs hand-coded" not in result.report.read_text(encoding="utf-8")
    assert sorted(p.name for p in articles.iterdir()) == [
        "000_1358605536fd3371.meta.yaml",
        "000_1358605536fd3371.txt",
    ], "run must not write into the articles folder"


def test_a_folder_of_claims_files_extract_wrote_runs_with_their_emergent_issues(
    tmp_path: Path,
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("000_1358605536fd3371.txt", "000_1358605536fd3371.meta.yaml"):
        (articles / name).write_bytes((SEEDS / name).read_bytes())
    first = run(articles, tmp_path / "out")
    claims = tmp_path / "out" / "claims"
    assert "issue: emergent-" in first.extracted[0].read_text(encoding="utf-8")
    assert (claims / "emergent-issues.ttl").is_file()
    reviewed = tmp_path / "reviewed" / "claims"  # as deep: the texts' paths still hold
    shutil.copytree(claims, reviewed)  # what a person reviews and edits
    again = run(reviewed, tmp_path / "again")  # their issues from the scheme beside them
    assert again.extracted == () and again.claims == first.claims
    assert again.comparison == first.comparison
    first_json = (tmp_path / "out" / "analysis.json").read_text(encoding="utf-8")
    assert (tmp_path / "again" / "analysis.json").read_text(encoding="utf-8") == first_json


def test_seed_run_scores_the_extractor_only_when_asked(seed_run: Path, tmp_path: Path) -> None:
    report = (seed_run / "report.md").read_text(encoding="utf-8")
    assert "## Extraction vs hand-coded claims" in report
    assert "Not scored: 1 hand-coded claims file(s)" in report and "--score" in report
    scored = run(SEEDS, tmp_path / "out", score=True).report.read_text(encoding="utf-8")
    assert "## Extraction vs hand-coded claims" in scored and "Not scored" not in scored
    assert "| claim F1 | 0.896 |" in scored


def test_a_run_of_hand_coded_files_does_not_load_the_model(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from stancegraph.pipeline.run import run; "
        f"run(Path({str(SEEDS)!r}), Path({str(tmp_path / 'out')!r})); "
        "print('spacy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stderr


def test_run_with_extra_vocabulary(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(FIXTURES / "mini", articles)
    result = run(articles, tmp_path / "out", vocab=[MINI_VOCAB])
    assert result.claims == 3
    assert "Ruritania" in result.report.read_text(encoding="utf-8")


def test_run_refuses_folder_without_articles(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no articles in"):
        run(tmp_path, tmp_path / "out")
    with pytest.raises(InputError, match="is not a folder"):
        run(tmp_path / "missing", tmp_path / "out")


def test_run_stops_before_writing_when_shapes_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stancegraph.rdf.validate import ChunkValidator, ValidationResult, Violation

    def failing(*_: object, **__: object) -> ValidationResult:
        return ValidationResult(False, (Violation(focus="x", rule="r", message="broken"),))

    monkeypatch.setattr(ChunkValidator, "check", failing)
    with pytest.raises(NonConformingError, match="1 SHACL violation"):
        run(SEEDS, tmp_path / "out")
    assert not (tmp_path / "out" / "graph.trig").exists()
    assert not (tmp_path / "out" / "store").exists()
    # the next run checks that article again: nothing recorded it as checked
    monkeypatch.undo()
    assert run(SEEDS, tmp_path / "out").loaded == 1


def _mini_and_seed(folder: Path) -> Path:
    """*folder* holding the hand-coded mini article and the seed, with their claims."""
    shutil.copytree(FIXTURES / "mini", folder)
    for name in ("000_1358605536fd3371.txt", "000_1358605536fd3371.claims.yaml"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


def test_a_rerun_with_fewer_articles_leaves_only_those_in_the_store(tmp_path: Path) -> None:
    both = _mini_and_seed(tmp_path / "both")
    out = tmp_path / "out"
    first = run(both, out, vocab=[MINI_VOCAB])
    assert first.articles == 2
    one = tmp_path / "one"
    shutil.copytree(FIXTURES / "mini", one)
    steps: list[str] = []
    second = run(one, out, vocab=[MINI_VOCAB], progress=steps.append)
    assert second.articles == 1
    with EmbeddedStore(second.store, read_only=True) as store:
        articles = [g for g in store.graph_names() if "/graph/article/" in g]
    assert articles == [g for g in articles if g.endswith("wire-ruritania-freedonia-steel")]
    assert len(articles) == 1
    assert any("removed 1 article graph" in s for s in steps)


def test_chunks_are_checked_beside_the_build_and_every_violation_reported_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from stancegraph.pipeline import run as run_module
    from stancegraph.rdf.validate import ChunkValidator, ValidationResult, Violation

    articles = _mini_and_seed(tmp_path / "articles")
    monkeypatch.setattr(run_module, "CHUNK_ARTICLES", 1)  # a chunk per article
    monkeypatch.setattr(run_module, "_CHECKS_QUEUED", 1)
    threads: list[str] = []

    def flag_each(_: object, texts: list[str]) -> ValidationResult:
        assert len(texts) == 1
        threads.append(threading.current_thread().name)
        focus = f"chunk-{len(threads)}"
        return ValidationResult(False, (Violation(focus=focus, rule="r", message="broken"),))

    monkeypatch.setattr(ChunkValidator, "check", flag_each)
    with pytest.raises(NonConformingError, match="2 SHACL violation") as caught:
        run(articles, tmp_path / "out", vocab=[MINI_VOCAB])
    assert len(threads) == 2 and all(t.startswith("stancegraph-check") for t in threads)
    report = caught.value.report
    assert report is not None
    assert [v.focus for v in report.violations] == ["chunk-1", "chunk-2"]  # in their order
    assert not (tmp_path / "out" / "store").exists()


def test_the_trig_written_beside_the_load_and_analysis_is_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stancegraph.pipeline import trig_process

    articles = _mini_and_seed(tmp_path / "articles")
    here = run(articles, tmp_path / "here", vocab=[MINI_VOCAB])
    monkeypatch.setattr(trig_process, "TRIG_PROCESS_BLOCKS", 1)  # a process for 2 blocks
    beside = run(articles, tmp_path / "beside", vocab=[MINI_VOCAB])
    assert beside.rdf.read_bytes() == here.rdf.read_bytes()
    for name in ("manifest.json", "analysis.json", "report.md"):
        assert (tmp_path / "beside" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()
    again = run(articles, tmp_path / "beside", vocab=[MINI_VOCAB])  # nothing to write again
    assert again.rdf.read_bytes() == here.rdf.read_bytes()


def test_the_store_closed_beside_the_analysis_is_free_and_counted_when_run_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stancegraph.pipeline.run as run_module

    closed_in: list[str] = []
    close = EmbeddedStore.close

    def noting(store: EmbeddedStore) -> None:
        if store._store is not None:
            import threading

            closed_in.append(threading.current_thread().name)
        close(store)

    monkeypatch.setattr(EmbeddedStore, "close", noting)
    result = run(SEEDS, tmp_path / "out")
    assert closed_in and closed_in[0].startswith("stancegraph-store")
    with EmbeddedStore(result.store) as store:  # read-write: no lock is left held
        assert store.count() == result.quads_in_store > 0

    def failing(*_: object, **__: object) -> object:
        raise RuntimeError("analysis broke")

    monkeypatch.setattr(run_module, "analyse_claims", failing)
    with pytest.raises(RuntimeError, match="analysis broke"):
        run(SEEDS, tmp_path / "out")
    with EmbeddedStore(result.store) as store:  # closed all the same
        assert store.count() == result.quads_in_store


def test_a_load_that_fails_fails_the_run_records_nothing_and_the_next_run_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stancegraph.pipeline.run as run_module
    from stancegraph.errors import StoreError

    def failing(*_: object, **__: object) -> int:
        raise StoreError("cannot load the graphs into the store: disk full")

    monkeypatch.setattr(run_module, "_load_kept", failing)
    with pytest.raises(StoreError, match="disk full"):
        run(SEEDS, tmp_path / "out")
    assert not (tmp_path / "out" / "manifest.json").exists()  # nothing recorded as loaded
    monkeypatch.undo()
    again = run(SEEDS, tmp_path / "out")
    assert again.loaded == 1
    with EmbeddedStore(again.store, read_only=True) as store:
        assert store.count() == again.quads_in_store > 0
