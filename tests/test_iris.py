"""The IRIs stancegraph mints."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest

from stancegraph.iris import article_graph_path, claim_path, segment


@pytest.mark.parametrize(
    "value",
    ["wang-yi", "a.b_c~d-9", "", "b 2", "Zürich", "a/b", "50%", "x?y#z", "İ", "tab\there", "a+b"],
)
def test_a_segment_is_what_percent_encoding_gives_and_reads_back(value: str) -> None:
    assert segment(value) == quote(value, safe="-._~")  # the plain ones are left as they are
    assert unquote(segment(value)) == value
    assert "/" not in segment(value)


def test_claims_and_article_graphs_are_paths_of_segments() -> None:
    assert claim_path("b 2", "x/9") == "b%202/x%2F9"
    assert article_graph_path("ap-2024") == "article/ap-2024"
