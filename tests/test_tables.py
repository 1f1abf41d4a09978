from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stancegraph.analysis.result import analyze_records
from stancegraph.analysis.source import records_from_claims
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import QueryError
from stancegraph.pipeline.query import run_sparql
from stancegraph.pipeline.viz import notebook_view
from stancegraph.store.base import SelectResult
from stancegraph.tables import claim_rows, index_rows, issue_rows, result_rows, topic_rows
from stancegraph.vocab.model import Vocabulary


def test_claim_rows(mini: ArticleClaims) -> None:
    rows = claim_rows([mini])
    assert [r["claim"] for r in rows] == ["c1", "c2", "c3"]
    assert rows[2]["cue"] == "warned" and rows[2]["conditional"] is True
    assert rows[0]["published"] == dt.date(2024, 5, 6)


def test_analysis_rows(seed: ArticleClaims, seed_vocab: Vocabulary) -> None:
    analysis = analyze_records(records_from_claims([seed], seed_vocab), seed_vocab)
    issues = {r["issue"]: r for r in issue_rows(analysis)}
    trade = issues["trade-restrictions-justified"]
    assert (trade["verdict"], trade["United States"], trade["China"]) == (
        "divergent",
        "support",
        "oppose",
    )
    assert issues["taiwan-internal-affair"]["United States"] is None
    topics = {r["topic"]: r for r in topic_rows(analysis)}
    assert topics["foreign-trade"]["contested"] is True
    corpus = index_rows(analysis)[0]
    assert corpus["scope"] == "corpus" and corpus["talking_past"] == pytest.approx(0.8)


def test_run_sparql_binds_and_gives_python_values(seed_out: Path) -> None:
    result = run_sparql(
        "PREFIX sg: <https://w3id.org/stancegraph/ontology#>\n"
        "SELECT ?id ?confidence WHERE { ?c sg:claimId ?id ; sg:confidence ?confidence ;"
        " sg:claimant ?actor }",
        {"actor": "<https://w3id.org/stancegraph/id/actor/chinese-officials>"},
        store=seed_out / "store",
    )
    assert isinstance(result, SelectResult)
    rows = sorted(result_rows(result), key=lambda r: r["id"])
    assert [r["id"] for r in rows] == ["c15", "c16", "c30r"]
    named = sg_run_query_rows(seed_out)
    assert named[0]["side"] in {"side:united-states", "side:china"}
    assert float(rows[2]["confidence"]) == 0.6
    with pytest.raises(QueryError, match="read-only"):
        run_sparql("DELETE WHERE { ?s ?p ?o }", store=seed_out / "store")


def sg_run_query_rows(seed_out: Path) -> list[dict[str, object]]:
    from stancegraph.pipeline.query import run_query

    result = run_query("claim-counts", store=seed_out / "store").result
    assert isinstance(result, SelectResult)
    return result_rows(result)


def test_notebook_view_is_an_srcdoc_iframe(seed_out: Path) -> None:
    html = notebook_view(seed_out / "store")._repr_html_()
    assert html.startswith("<iframe") and "srcdoc=" in html
    assert "<script>" not in html, "the page must be escaped inside srcdoc"
