"""The run report: untrusted article titles are escaped."""

from __future__ import annotations

from stancegraph.claims.io import ArticleClaims
from stancegraph.pipeline.report import render_report, summarize_claims
from stancegraph.vocab.model import Vocabulary


def test_titles_cannot_inject_html_or_break_the_list(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    report = render_report(
        summarize_claims([mini], mini_vocab),
        mini_vocab,
        titles=["<img src=x onerror=alert(1)> | a\nb & c"],
    )
    assert "- &lt;img src=x onerror=alert(1)&gt; \\| a b &amp; c\n" in report
    assert "<img" not in report
