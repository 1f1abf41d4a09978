"""The DataFrames: the row helpers' values, with dtypes for analysis and plotting."""

from __future__ import annotations

import dataclasses
import math
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pandas.api import types as ptypes
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

import stancegraph as sg
from stancegraph.analysis.result import Analysis, AnalysisOptions, analyze_records
from stancegraph.analysis.source import records_from_claims
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import AnalysisError, QueryError, StanceGraphError
from stancegraph.frames import (
    CLAIM_COLUMNS,
    ISSUE_VERDICTS,
    LEANS,
    VERDICTS,
    centrality_frame,
    claim_frame,
    index_frame,
    issue_frame,
    result_frame,
    side_claims_frame,
    stance_order,
    topic_frame,
)
from stancegraph.pipeline.query import run_query
from stancegraph.store.base import AskResult, SelectResult
from stancegraph.tables import (
    centrality_rows,
    claim_rows,
    index_rows,
    issue_rows,
    result_rows,
    side_claim_rows,
    topic_rows,
)
from stancegraph.vocab.model import Stance, Vocabulary


@pytest.fixture(scope="module")
def analysis(seed: ArticleClaims, seed_vocab: Vocabulary) -> Analysis:
    records = records_from_claims([seed], seed_vocab)
    return analyze_records(records, seed_vocab, AnalysisOptions(window="month"))


def _plain(value: Any) -> Any:
    """A frame cell as the row helpers give it: NaN/NaT/NA -> None, Timestamp -> date."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _same_values(frame: pd.DataFrame, rows: list[dict[str, Any]]) -> None:
    assert rows and len(frame) == len(rows)
    assert list(frame.columns) == list(rows[0])
    for i, row in enumerate(rows):
        for column, expected in row.items():
            got = _plain(frame[column].iloc[i])
            if isinstance(expected, float) and isinstance(got, float):
                assert got == pytest.approx(expected), (i, column)
            else:
                assert got == expected, (i, column, got, expected)


def test_claim_frame_has_the_rows_values_and_dtypes(seed: ArticleClaims) -> None:
    frame = claim_frame([seed])
    rows = claim_rows([seed])
    assert tuple(frame.columns) == CLAIM_COLUMNS
    _same_values(frame, rows)
    assert ptypes.is_datetime64_dtype(frame["published"])
    assert frame["published"].iloc[0] == pd.Timestamp(2024, 4, 26)
    assert isinstance(frame["stance"].dtype, pd.CategoricalDtype)
    assert list(frame["stance"].cat.categories) == ["support", "oppose"]
    assert frame["stance"].cat.ordered
    assert frame["start"].dtype == "int64" and frame["end"].dtype == "int64"
    assert frame["conditional"].dtype == bool
    assert frame["confidence"].dtype == "float64"
    counts = frame["stance"].value_counts()
    assert counts["support"] + counts["oppose"] == len(rows) == 33


def test_claim_frame_keeps_missing_values_missing(mini: ArticleClaims) -> None:
    frame = claim_frame([mini])
    assert frame["confidence"].tolist() == pytest.approx([1.0, 1.0, 0.9])
    assert frame["note"].isna().tolist() == [True, True, False]
    assert frame["target"].isna().tolist() == [True, False, False]
    assert frame["conditional"].tolist() == [False, False, True]


def test_claim_frame_of_nothing_keeps_columns_and_dtypes() -> None:
    frame = claim_frame([])
    assert tuple(frame.columns) == CLAIM_COLUMNS and len(frame) == 0
    assert ptypes.is_datetime64_dtype(frame["published"])
    assert frame["start"].dtype == "int64"
    assert isinstance(frame["stance"].dtype, pd.CategoricalDtype)


def test_stances_follow_the_vocabularys_scheme_and_never_become_nan(
    mini: ArticleClaims, seed_vocab: Vocabulary
) -> None:
    stances = {
        **seed_vocab.stances,
        "neutral": Stance("neutral", "neutral", 0),
    }
    vocab = dataclasses.replace(seed_vocab, stances=stances)
    assert stance_order(vocab) == ("support", "neutral", "oppose")
    assert stance_order() == ("support", "oppose")
    claims = list(mini.data.claims)
    claims[0] = claims[0].model_copy(update={"stance": "sceptical"})
    odd = dataclasses.replace(mini, data=mini.data.model_copy(update={"claims": claims}))
    frame = claim_frame([odd], vocab)
    assert list(frame["stance"].cat.categories) == ["support", "neutral", "oppose", "sceptical"]
    assert frame["stance"].tolist() == ["sceptical", "oppose", "support"]
    assert frame["stance"].isna().sum() == 0


def test_issue_frame(analysis: Analysis) -> None:
    frame = issue_frame(analysis)
    rows = issue_rows(analysis)
    _same_values(frame, rows)
    us, china = analysis.side_labels
    for side in (us, china):
        assert list(frame[side].cat.categories) == list(LEANS) == ["support", "mixed", "oppose"]
    assert list(frame["verdict"].cat.categories) == list(ISSUE_VERDICTS)
    assert frame["claims"].dtype == "int64" and frame["distance"].dtype == "float64"
    trade = frame.set_index("issue").loc["trade-restrictions-justified"]
    assert (trade["verdict"], trade[us], trade[china]) == ("divergent", "support", "oppose")
    assert trade["distance"] == pytest.approx(1.0)
    # distance is defined exactly where both sides raise the issue
    shared = frame[us].notna() & frame[china].notna()
    assert frame["distance"].notna().tolist() == shared.tolist()
    assert shared.sum() == analysis.corpus.indexes.shared == 4
    assert frame["claims"].sum() == sum(len(v.claims) for v in analysis.issues)


def test_side_claims_frame_counts_each_sides_claims(analysis: Analysis) -> None:
    frame = side_claims_frame(analysis)
    rows = side_claim_rows(analysis)
    _same_values(frame, rows)
    us, china = analysis.side_labels
    assert list(frame.columns) == ["issue", "label", us, china]
    assert frame[us].dtype == "int64" and frame[china].dtype == "int64"
    totals = issue_frame(analysis).set_index("issue")["claims"]
    assert (frame.set_index("issue")[[us, china]].sum(axis=1) == totals).all()
    by_issue = frame.set_index("issue")
    assert by_issue.loc["trade-restrictions-justified", us] > 0
    assert by_issue.loc["trade-restrictions-justified", china] > 0
    assert by_issue.loc["taiwan-internal-affair", us] == 0


def test_topic_frame(analysis: Analysis) -> None:
    frame = topic_frame(analysis)
    _same_values(frame, topic_rows(analysis))
    us, china = analysis.side_labels
    for column in ("convergent", "divergent", "mixed", f"only {us}", f"only {china}"):
        assert frame[column].dtype == "int64", column
    assert frame["contested"].dtype == bool
    assert list(frame["verdict"].cat.categories) == list(VERDICTS)
    assert bool(frame.set_index("topic").loc["foreign-trade", "contested"]) is True


def test_index_frame(analysis: Analysis) -> None:
    frame = index_frame(analysis)
    _same_values(frame, index_rows(analysis))
    assert frame["scope"].tolist() == ["corpus", "article", "window"]
    assert ptypes.is_datetime64_dtype(frame["first"]) and ptypes.is_datetime64_dtype(frame["last"])
    for column in ("articles", "claims", "issues", "shared"):
        assert frame[column].dtype == "int64", column
    assert frame["talking_past"].dtype == "float64"
    assert frame["talking_past"].iloc[0] == pytest.approx(0.8)
    assert frame["first"].iloc[0] == pd.Timestamp(2024, 4, 26)
    windows = index_frame(analysis, scope="window")
    assert windows["name"].tolist() == ["2024-04"]
    with pytest.raises(StanceGraphError, match="unknown scope"):
        index_frame(analysis, scope="month")


def test_centrality_frame(analysis: Analysis) -> None:
    actors = centrality_frame(analysis)
    _same_values(actors, centrality_rows(analysis))
    assert actors["node"].tolist() == [c.node for c in analysis.actor_centrality]
    assert set(actors["side"]) == set(analysis.side_labels)
    assert actors["cross_side"].dtype == "int64" and actors["betweenness"].dtype == "float64"
    top = actors.iloc[0]
    assert (top["label"], top["side"]) == ("Antony Blinken", "United States")
    issues = centrality_frame(analysis, "issues")
    assert list(issues.columns) == [
        "node",
        "label",
        "topic",
        "betweenness",
        "degree",
        "cross_topic",
    ]
    assert issues["node"].tolist() == [c.node for c in analysis.issue_centrality]
    with pytest.raises(AnalysisError, match="unknown centrality"):
        centrality_rows(analysis, "sides")  # type: ignore[arg-type]


def test_result_frame_of_named_queries(seed_out: Path) -> None:
    counts = run_query("claim-counts", store=seed_out / "store").result
    assert isinstance(counts, SelectResult)
    frame = result_frame(counts)
    rows = result_rows(counts)
    assert list(frame.columns) == list(counts.variables)
    for column in ("claims", "issues", "actors", "articles", "support", "oppose"):
        assert frame[column].dtype == "int64", column
    assert frame["claims"].tolist() == [r["claims"] for r in rows]
    assert set(frame["side"]) == {"side:united-states", "side:china"}
    assert frame["claims"].sum() == 33
    # a language-tagged label becomes a plain string, equal to plain strings
    assert "United States" in frame["sideLabel"].tolist()
    assert all(type(v) is str for v in frame["sideLabel"])
    full = result_frame(counts, short=False)
    assert all(v.startswith("https://w3id.org/stancegraph/id/side/") for v in full["side"])

    over_time = run_query(
        "stance-over-time", ["side=china", "issue=foreign-trade"], store=seed_out / "store"
    )
    assert isinstance(over_time.result, SelectResult)
    frame = result_frame(over_time.result)
    assert ptypes.is_datetime64_dtype(frame["date"])
    assert frame["date"].tolist() == [pd.Timestamp(2024, 4, 26)]
    assert frame["claims"].dtype == "int64" and frame["meanStance"].dtype == "float64"


def _select(variables: tuple[str, ...], *rows: tuple[Any, ...]) -> SelectResult:
    return SelectResult(variables=variables, rows=tuple(rows))


def test_result_frame_types_each_column_by_its_values() -> None:
    when = Literal("2024-04-26", datatype=XSD.date)
    stamp = Literal("2024-04-26T10:30:00Z", datatype=XSD.dateTime)
    result = _select(
        ("n", "x", "ok", "d", "t", "label", "iri", "mixed", "huge"),
        (
            Literal(3),
            Literal(Decimal("0.5")),
            Literal(True),
            when,
            stamp,
            Literal("Frieden", lang="de"),
            URIRef("https://w3id.org/stancegraph/id/side/china"),
            Literal(1),
            Literal(10**30),
        ),
        (None, Literal(2.25), None, None, None, None, None, Literal("one"), Literal(1)),
    )
    frame = result_frame(result)
    assert frame["n"].dtype == "Int64" and frame["n"].tolist()[0] == 3 and frame["n"].isna()[1]
    assert frame["x"].dtype == "float64" and frame["x"].tolist() == [0.5, 2.25]
    assert frame["ok"].dtype == "boolean" and frame["ok"].iloc[0]
    assert ptypes.is_datetime64_dtype(frame["d"]) and frame["d"].iloc[0] == pd.Timestamp(
        2024, 4, 26
    )
    assert isinstance(frame["t"].dtype, pd.DatetimeTZDtype)
    assert frame["t"].iloc[0] == pd.Timestamp("2024-04-26T10:30:00Z")
    assert frame["label"].iloc[0] == "Frieden" and type(frame["label"].iloc[0]) is str
    assert frame["iri"].iloc[0] == "side:china"
    assert frame["mixed"].tolist() == [1, "one"]  # mixed kinds stay as they are
    assert frame["huge"].tolist() == [10**30, 1]  # beyond int64 stays Python ints


def test_result_frame_of_no_rows_keeps_the_columns() -> None:
    frame = result_frame(_select(("a", "b")))
    assert list(frame.columns) == ["a", "b"] and len(frame) == 0


def test_result_frame_refuses_other_results() -> None:
    with pytest.raises(QueryError, match="SELECT"):
        result_frame(AskResult(True))  # type: ignore[arg-type]


def test_without_pandas_each_frame_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, analysis: Analysis, mini: ArticleClaims
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    calls = [
        lambda: claim_frame([mini]),
        lambda: issue_frame(analysis),
        lambda: side_claims_frame(analysis),
        lambda: topic_frame(analysis),
        lambda: index_frame(analysis),
        lambda: centrality_frame(analysis),
        lambda: result_frame(_select(("a",))),
    ]
    for call in calls:
        with pytest.raises(StanceGraphError) as caught:
            call()
        message = str(caught.value)
        assert "\n" not in message
        assert "pandas is not installed" in message and "stancegraph[notebooks]" in message


def test_frames_are_public() -> None:
    for name in (
        "claim_frame",
        "issue_frame",
        "side_claims_frame",
        "topic_frame",
        "index_frame",
        "centrality_frame",
        "result_frame",
    ):
        assert getattr(sg, name) is globals()[name]
    assert sg.side_claim_rows is side_claim_rows and sg.centrality_rows is centrality_rows


def test_frames_plot(analysis: Analysis, tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = side_claims_frame(analysis).plot.barh(x="label", stacked=True)
    assert len(ax.patches) == 2 * len(analysis.issues)
    ax.figure.savefig(tmp_path / "sides.png")
    ax = issue_frame(analysis).plot.barh(x="label", y="distance")
    heights = [p.get_width() for p in ax.patches]
    assert sum(1 for h in heights if not math.isnan(h)) >= 4
    plt.close("all")


def test_claims_frame_reads_a_store_as_the_claims_files_give(
    seed: ArticleClaims, seed_store: Path
) -> None:
    from stancegraph.frames import RECORD_COLUMNS, claims_frame

    from_store = claims_frame(seed_store)
    from_files = claims_frame([seed])
    assert list(from_store.columns) == list(RECORD_COLUMNS) and len(from_store) == 33
    key = ["article", "claim"]
    left = from_store.sort_values(key).reset_index(drop=True)
    right = from_files.sort_values(key).reset_index(drop=True)
    for column in ("claimant", "side", "issue", "stance", "start", "end", "quote"):
        assert left[column].astype(str).tolist() == right[column].astype(str).tolist(), column
    assert isinstance(left["side"].dtype, pd.CategoricalDtype)
    assert left["stance"].cat.ordered and left["stance"].cat.categories[0] == "support"
    assert ptypes.is_datetime64_any_dtype(left["published"])
    assert left["start"].dtype == "int64" and left["polarity"].dtype == "int64"
    assert set(left["side"]) == {"united-states", "china"}


def test_divergence_frame_is_the_map_by_issue(analysis: Analysis) -> None:
    from stancegraph.frames import divergence_frame, issue_frame

    pd.testing.assert_frame_equal(divergence_frame(analysis), issue_frame(analysis))
    assert sg.to_pyvis is sg.pyvis_network
