"""``run_analysis``: what ``run`` writes to analysis.json and report.md."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from stancegraph.analysis.result import analyze_records
from stancegraph.claims.io import ArticleClaims
from stancegraph.pipeline.analyze import analysis_report_section, run_analysis
from stancegraph.vocab.model import Vocabulary
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


def test_run_analysis_explains_a_corpus_it_cannot_analyse(
    tmp_path: Path, seed: ArticleClaims, seed_vocab: Vocabulary
) -> None:
    one_side = seed.data.model_copy(
        update={"claims": tuple(c for c in seed.data.claims if c.side == "china")}
    )
    result = run_analysis(
        [ArticleClaims(data=one_side, text=seed.text)], seed_vocab, tmp_path / "a.json"
    )
    assert result.analysis is None and result.skipped
    section = result.section
    assert "No divergence analysis: only one side (china)" in section
    assert "skipped" in json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))


def test_markdown_escapes_article_text(mini_vocab: Vocabulary) -> None:
    evil = "<img src=x onerror=alert(1)> | a\nb"
    records = [
        replace(rec("rudolf", "ruritania", "tariffs-justified", 1), quote=evil),
        rec("rufus", "freedonia", "tariffs-justified", -1),
    ]
    section = analysis_report_section(analyze_records(records, mini_vocab))
    assert "<img" not in section
    assert '> "&lt;img src=x onerror=alert(1)&gt; \\| a b"' in section
