"""Extraction on a Dask cluster: a LocalCluster of 2 worker processes on 127.0.0.1,
started and stopped here, gives the bytes a local run gives; a scheduler that is not
there, or one that goes away mid-run, is one line, and ``run`` resumes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancegraph.cli.app import app
from stancegraph.errors import ClusterError
from stancegraph.pipeline import cluster as cluster_module
from stancegraph.pipeline.corpus import Corpus, CorpusArticle
from stancegraph.pipeline.extract import extract_corpus
from stancegraph.pipeline.extract_cache import CACHE_FOLDER
from stancegraph.pipeline.run import run
from tests.conftest import FIXTURES, SEEDS, free_port

distributed = pytest.importorskip("distributed")  # the [cluster] extra; dev installs it

# Dask's own shutdown leaves sockets for the garbage collector (ResourceWarning, raised
# unraisable), which the suite's "error" filter would turn into failures of later tests
pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

HTML = (
    "<html><head><title>Talks</title></head><body><article><p>Ruritania and Freedonia met "
    "on Monday.</p><p>&quot;We reject the tariff proposal,&quot; the Ruritanian minister, "
    "Anna Kovac, said.</p></article></body></html>"
)


def _cluster() -> object:
    return distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",  # any free port: two clusters may run at once
        worker_dashboard_address=":0",
    )


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with _cluster() as local:
        yield local.scheduler_address


def _articles(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(SEEDS / "000_1358605536fd3371.txt", folder / "seed.txt")
    shutil.copy(FIXTURES / "mini" / "article.txt", folder / "mini.txt")
    (folder / "talks.html").write_text(HTML, encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _corpus(folder: Path) -> Corpus:
    return Corpus(tuple(CorpusArticle(p) for p in sorted(folder.iterdir())))


def test_the_cluster_writes_the_bytes_a_local_run_writes(scheduler: str, tmp_path: Path) -> None:
    articles = _articles(tmp_path / "articles")
    local = extract_corpus(_corpus(articles), tmp_path / "local")
    seen: list[Path | None] = []
    remote = extract_corpus(
        _corpus(articles),
        tmp_path / "remote",
        scheduler=scheduler,
        progress=lambda done, total, article: seen.append(article),
    )
    assert [r.claims for r in remote] == [r.claims for r in local]
    assert _files(tmp_path / "remote") == _files(tmp_path / "local")
    assert "talks.txt" in _files(tmp_path / "remote")  # the HTML's text, written here
    assert sorted(str(a) for a in seen if a) == sorted(str(p) for p in articles.iterdir())


def test_run_with_a_scheduler_equals_a_local_run(scheduler: str, tmp_path: Path) -> None:
    articles = _articles(tmp_path / "articles")
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--articles",
            str(articles),
            "--out",
            str(tmp_path / "a"),
            "--scheduler",
            scheduler,
        ],
    )
    assert result.exit_code == 0, result.stderr
    run(articles, tmp_path / "b")
    for name in ("graph.trig", "analysis.json", "report.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert _files(tmp_path / "a" / "claims") == _files(tmp_path / "b" / "claims")


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 2.0)
    articles = _articles(tmp_path / "articles")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(app, ["extract", str(articles), "--scheduler", address, "-q"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: cannot reach the Dask scheduler at {address}"
    )
    assert "dask scheduler" in lines[0] and "Traceback" not in result.stderr
    assert not list(articles.glob("*.claims.yaml"))


def test_a_cluster_that_goes_away_mid_run_is_named_and_run_resumes(tmp_path: Path) -> None:
    articles = _articles(tmp_path / "articles")
    for i in range(9):  # enough work left when the cluster goes, however fast it closes
        shutil.copy(SEEDS / "000_1358605536fd3371.txt", articles / f"copy{i}.txt")
    out = tmp_path / "out"
    local = _cluster()
    arrived: list[Path | None] = []

    def stop_after_first(done: int, total: int, article: Path | None) -> None:
        arrived.append(article)
        if len(arrived) == 1:
            local.close()  # type: ignore[attr-defined]

    with pytest.raises(ClusterError, match=r"stopped answering after \d+ of 12 article") as gone:
        extract_corpus(
            _corpus(articles),
            out / "claims",
            scheduler=local.scheduler_address,  # type: ignore[attr-defined]
            cache=out / CACHE_FOLDER,
            keep_earlier=False,
            progress=stop_after_first,
        )
    done = int(str(gone.value).split("after ", 1)[1].split(" ", 1)[0])
    assert 1 <= done < 12
    assert len(list((out / CACHE_FOLDER).glob("*.json"))) == done, "the articles done are kept"
    result = run(articles, out)
    assert result.reused == done and result.articles == 12
