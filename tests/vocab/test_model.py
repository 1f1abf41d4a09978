from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import InputError, VocabularyError
from stancegraph.vocab.check import check_claims_vocabulary
from stancegraph.vocab.model import UNCLASSIFIED, Vocabulary, load_vocabulary

CAP_TOPICS = {
    "macroeconomics",
    "civil-rights",
    "health",
    "agriculture",
    "labor",
    "education",
    "environment",
    "energy",
    "immigration",
    "transportation",
    "law-and-crime",
    "social-welfare",
    "housing",
    "domestic-commerce",
    "defense",
    "technology",
    "foreign-trade",
    "international-affairs",
    "government-operations",
    "public-lands",
    "culture",
}


def test_top_concepts_are_the_cap_major_topics(seed_vocab: Vocabulary) -> None:
    tops = {i.id for i in seed_vocab.issues.values() if i.top}
    assert tops == CAP_TOPICS
    assert seed_vocab.issues["foreign-trade"].notation == "18"


def test_every_leaf_issue_is_a_proposition_under_a_topic(seed_vocab: Vocabulary) -> None:
    for issue in seed_vocab.issues.values():
        if issue.top or issue.id == UNCLASSIFIED:
            continue
        assert issue.definition, issue.id
        assert seed_vocab.topic_of(issue.id) in CAP_TOPICS, issue.id


def test_stances_have_polarity(seed_vocab: Vocabulary) -> None:
    assert {s: v.polarity for s, v in seed_vocab.stances.items()} == {"support": 1, "oppose": -1}


def test_registry_covers_every_seed_speaker_at_the_article_date(
    seed: ArticleClaims, seed_vocab: Vocabulary
) -> None:
    when = seed.data.article.published
    for claim in seed.data.claims:
        actor = seed_vocab.actors[claim.claimant]
        assert claim.side in actor.sides_at(when), claim.id


def test_memberships_are_time_bounded(seed_vocab: Vocabulary) -> None:
    blinken = seed_vocab.actors["antony-blinken"]
    assert blinken.sides_at(dt.date(2024, 4, 26)) == ("united-states",)
    assert blinken.sides_at(dt.date(2019, 1, 1)) == ()
    assert "Blinken" in blinken.aliases


def test_mini_vocabulary_extends_the_packaged_one(mini_vocab: Vocabulary) -> None:
    assert "ruritania" in mini_vocab.sides and "united-states" in mini_vocab.sides
    assert mini_vocab.topic_of("tariffs-justified") == "foreign-trade"
    assert mini_vocab.ancestors("tariffs-justified") == ("foreign-trade",)


def test_check_names_unknown_ids_with_suggestions(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    check_claims_vocabulary(mini, mini_vocab)
    bad = mini.data.model_copy(
        update={
            "claims": (mini.data.claims[0].model_copy(update={"issue": "dialogue-shoud-continue"}),)
        }
    )
    with pytest.raises(
        VocabularyError,
        match="claim 'c1'.*unknown issue id 'dialogue-shoud-continue' \\(did you mean 'dialogue-should-continue'",
    ):
        check_claims_vocabulary(ArticleClaims(data=bad, text=mini.text), mini_vocab)


def test_check_refuses_a_side_the_claimant_did_not_hold(
    mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    bad = mini.data.model_copy(
        update={"claims": (mini.data.claims[0].model_copy(update={"side": "freedonia"}),)}
    )
    with pytest.raises(
        VocabularyError, match="belonged to ruritania on 2024-05-06, not 'freedonia'"
    ):
        check_claims_vocabulary(ArticleClaims(data=bad, text=mini.text), mini_vocab)


def test_bad_vocabulary_file(tmp_path: Path) -> None:
    path = tmp_path / "extra.ttl"
    path.write_text("@prefix x: <http://x/> .\nx:a x:b", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"extra\.ttl is not valid Turtle"):
        load_vocabulary([path])


def test_the_vocabulary_graph_is_serialised_once_as_its_n_triples(mini_vocab: Vocabulary) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    text = mini_vocab.ntriples
    assert mini_vocab.ntriples is text  # kept, not serialised again
    assert isomorphic(Graph().parse(data=text, format="nt"), mini_vocab.graph)


def test_a_vocabulary_is_parsed_once_for_the_same_files_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "extra.ttl"
    sides = "@prefix sg: <https://w3id.org/stancegraph/ns#> .\n"
    path.write_text(sides, encoding="utf-8")
    first = load_vocabulary([path])
    assert load_vocabulary([path]) is first
    assert load_vocabulary() is load_vocabulary()
    # the file changed: parsed again, and what it says counts
    path.write_text("@prefix x: <http://x/> .\nx:a x:b", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"extra\.ttl is not valid Turtle"):
        load_vocabulary([path])
    path.unlink()
    with pytest.raises(InputError, match="does not exist"):
        load_vocabulary([path])
