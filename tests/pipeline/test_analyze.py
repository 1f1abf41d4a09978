"""``run_analysis``: what ``run`` writes to analysis.json and report.md."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from stancegraph.analysis.result import AnalysisOptions, analyze_records
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import AnalysisError
from stancegraph.pipeline.analyze import analysis_report_section, run_analysis
from stancegraph.pipeline.build import load_checked_claims
from stancegraph.vocab.model import Vocabulary
from tests.analysis.claims_files import write_multiside
from tests.analysis.records import rec


def test_run_analysis_writes_json_and_returns_the_section(
    tmp_path: Path, seed: ArticleClaims, seed_vocab: Vocabulary
) -> None:
    result = run_analysis([seed], seed_vocab, tmp_path / "analysis.json")
    assert result.analysis is not None and result.skipped is None
    section = result.section
    assert section.startswith("## Divergence: United States and China")
    assert '> "Chinese overproduction of electric vehicles' in section
    data = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert data["indexes"]["corpus"]["talking_past"] == 0.8
    claim = data["claims"]["ap-2024-04-26-blinken-china/c22"]
    assert claim["stance"] == "oppose" and claim["quote"].startswith("China is fed up")


def test_one_side_only_is_a_one_sided_map(
    tmp_path: Path, seed: ArticleClaims, seed_vocab: Vocabulary
) -> None:
    one_side = seed.data.model_copy(
        update={"claims": tuple(c for c in seed.data.claims if c.side == "china")}
    )
    result = run_analysis(
        [ArticleClaims(data=one_side, text=seed.text)], seed_vocab, tmp_path / "a.json"
    )
    assert result.analysis is not None and result.skipped is None
    assert result.section.startswith("## Divergence: China only (one-sided)")
    assert "**One-sided map**: only China has claims" in result.section
    assert "only one side (China) has claims: the map is one-sided" in result.comparison
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["sides"]["one_sided"] is True and data["sides"]["b"] is None
    assert {i["verdict"] for i in data["issues"]} == {"one-sided"}
    assert data["indexes"]["corpus"]["divergence"] is None


def test_run_analysis_explains_a_corpus_it_cannot_analyse(
    tmp_path: Path, seed: ArticleClaims, seed_vocab: Vocabulary
) -> None:
    unknown = seed.data.model_copy(
        update={"claims": tuple(c.model_copy(update={"side": "unknown"}) for c in seed.data.claims)}
    )
    result = run_analysis(
        [ArticleClaims(data=unknown, text=seed.text)], seed_vocab, tmp_path / "a.json"
    )
    assert result.analysis is None and result.skipped
    assert "every claim (33) has the unknown side" in result.section
    assert "Most frequent unresolved speakers: Antony Blinken (17), Wang Yi (8)," in result.section
    assert result.comparison.startswith("no divergence analysis: every claim")
    (warning,) = result.warnings
    assert warning.startswith("100% of claims (33 of 33) have an unknown side")
    assert "skipped" in json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))


def test_run_analysis_with_sides_and_warnings(tmp_path: Path, mini_vocab: Vocabulary) -> None:
    articles = load_checked_claims([write_multiside(tmp_path / "a")], mini_vocab)
    result = run_analysis(articles, mini_vocab, tmp_path / "a.json")
    assert result.analysis is not None
    assert (result.analysis.side_a, result.analysis.side_b) == ("china", "ruritania")
    (warning,) = result.warnings
    assert warning.startswith("29% of claims (2 of 7) have an unknown side")
    assert "Most frequent unresolved speakers: A Spokesman (2)." in result.section
    assert "| Ruritania and Freedonia | 2 | 2 | 1 | 0 | 1 | 0 | 0.50 | 1.00 |" in result.section
    chosen = run_analysis(
        articles,
        mini_vocab,
        tmp_path / "b.json",
        options=AnalysisOptions(sides=("Freedonia", "ruritania")),
    )
    assert chosen.comparison == "compared Freedonia and Ruritania: chosen with --sides"
    with pytest.raises(AnalysisError, match=r"unknown side 'freedonai' \(did you mean 'freedonia'"):
        run_analysis(
            articles,
            mini_vocab,
            tmp_path / "c.json",
            options=AnalysisOptions(sides=("freedonai", "china")),
        )
    assert not (tmp_path / "c.json").exists()


def test_markdown_escapes_article_text(mini_vocab: Vocabulary) -> None:
    evil = "<img src=x onerror=alert(1)> | a\nb"
    records = [
        replace(rec("rudolf", "ruritania", "tariffs-justified", 1), quote=evil),
        rec("rufus", "freedonia", "tariffs-justified", -1),
    ]
    section = analysis_report_section(analyze_records(records, mini_vocab))
    assert "<img" not in section
    assert '> "&lt;img src=x onerror=alert(1)&gt; \\| a b"' in section
