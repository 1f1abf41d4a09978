"""``extract`` tells its progress article by article, and ``--quiet`` prints nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from stancegraph.cli.app import app
from stancegraph.pipeline.extract import extract_files
from tests.conftest import needs_model

TEXTS = {
    "a.txt": "Minister Lima said the border talks with Chile would resume in March.\n",
    "b.txt": "The Chilean foreign minister said the talks had failed.\n",
}


def _articles(folder: Path) -> list[Path]:
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


@needs_model
def test_progress_is_told_each_article_then_the_end(tmp_path: Path) -> None:
    articles = _articles(tmp_path / "in")
    told: list[tuple[int, int, str | None]] = []
    extract_files(
        articles,
        tmp_path / "out",
        progress=lambda done, total, a: told.append((done, total, a and a.name)),
    )
    assert told == [(1, 2, "a.txt"), (2, 2, "b.txt"), (2, 2, None)]


@needs_model
def test_quiet_prints_nothing_and_still_writes(tmp_path: Path) -> None:
    articles = _articles(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", *map(str, articles), "-o", str(out), "-q"])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == [
        "a.claims.yaml",
        "b.claims.yaml",
        "emergent-issues.ttl",
    ]
    loud = CliRunner().invoke(app, ["extract", *map(str, articles), "-o", str(out)])
    assert "a.claims.yaml: " in loud.stderr and "emergent issues ->" in loud.stderr


@needs_model
def test_an_articles_context_holds_the_sides_its_speakers_speak_for(tmp_path: Path) -> None:
    from stancegraph.extract.extractor import Extractor
    from stancegraph.pipeline.extract import _extract_one

    # Xi Jinping is in the packaged registry: China, though the text never names it
    text = "Xi Jinping said the tariff truce with Canada would hold.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    extractor = Extractor()
    assembled = _extract_one(extractor, tmp_path / "a.txt", tmp_path).assembled
    assert "china" in assembled.context  # the speaker's side, though unnamed
    assert "canada" in assembled.context
