"""The seed article: the map a careful reader of the story agrees with."""

from __future__ import annotations

from stancegraph.analysis.result import analyze_records
from stancegraph.analysis.source import records_from_store
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.vocab.model import Vocabulary
from tests.analysis.conftest import Built


def test_seed_divergence_map(seed_built: Built, seed_vocab: Vocabulary) -> None:
    analysis = analyze_records(
        records_from_store(EmbeddedStore(seed_built.store, read_only=True), seed_vocab), seed_vocab
    )
    assert (analysis.side_a, analysis.side_b) == ("united-states", "china")
    verdicts = {v.issue: v for v in analysis.issues}
    for issue in ("keep-communication-open", "student-exchange", "relations-improving"):
        assert verdicts[issue].verdict == "convergent", issue
    # c30r: China's wish for more American students is reported, with low confidence
    assert "c30r" in {c.claim for c in verdicts["student-exchange"].claims}
    trade = verdicts["trade-restrictions-justified"]
    assert trade.verdict == "divergent"
    assert trade.a is not None and trade.a.lean() == "support"
    assert trade.b is not None and trade.b.lean() == "oppose"
    only_us = {v.issue for v in analysis.issues if v.a and not v.b}
    only_china = {v.issue for v in analysis.issues if v.b and not v.a}
    assert {"end-support-russia-defense-industry", "stop-synthetic-drug-precursors"} <= only_us
    assert {
        "taiwan-internal-affair",
        "south-china-sea-no-outside-involvement",
        "human-rights-criticism-is-interference",
    } <= only_china
    ix = analysis.corpus.indexes
    assert (ix.issues, ix.shared, ix.only_a, ix.only_b) == (20, 4, 7, 9)
    assert ix.talking_past == 0.8 and ix.talking_past > 0.5  # they talk past each other
    assert ix.divergence == 0.25
    topics = {t.topic: t for t in analysis.topics}
    assert topics["foreign-trade"].verdict == "divergent" and topics["foreign-trade"].contested
    assert topics["education"].verdict == "convergent"
    assert topics["defense"].verdict == "one-sided"
    assert topics["defense"].engaged_by == ("united-states",)
    assert topics["international-affairs"].mutual_targeting
    assert [c.issue for c in analysis.contested] == ["trade-restrictions-justified"]


def test_seed_without_low_confidence_claims(seed_built: Built, seed_vocab: Vocabulary) -> None:
    from stancegraph.analysis.result import AnalysisOptions

    analysis = analyze_records(
        records_from_store(EmbeddedStore(seed_built.store, read_only=True), seed_vocab),
        seed_vocab,
        AnalysisOptions(min_confidence=0.7),
    )
    verdicts = {v.issue: v.verdict for v in analysis.issues}
    assert verdicts["student-exchange"] == "one-sided"  # c30r (0.6) left out
    assert verdicts["trade-restrictions-justified"] == "divergent"  # 0.9 kept
