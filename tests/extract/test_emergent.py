"""Emergent issues: key phrases on parsed documents built by hand, grouping on phrases we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

import stancegraph.extract.emergent as emergent
from stancegraph.errors import InputError
from stancegraph.extract.emergent import (
    EmergentIssue,
    group_claims,
    issue_context,
    issue_phrases,
)
from stancegraph.extract.emergent.grouping import SLUG_LENGTH, normalise_phrase, slug
from stancegraph.extract.emergent.lexicon import load_lexicon
from stancegraph.extract.model import load_model
from stancegraph.vocab.model import Vocabulary

from ..conftest import needs_model

# word, head, dep, pos, lemma, entity (IOB), space after
Row = tuple[str, int, str, str, str, str, bool]


def _doc(rows: list[Row]) -> Doc:
    words, heads, deps, pos, lemmas, ents, spaces = (list(x) for x in zip(*rows, strict=True))
    return Doc(
        Vocab(),
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        ents=ents,
    )


# Pristina rejected the association of Serb-majority municipalities
ASSOCIATION: list[Row] = [
    ("Pristina", 1, "nsubj", "PROPN", "Pristina", "B-GPE", True),
    ("rejected", 1, "ROOT", "VERB", "reject", "O", True),
    ("the", 3, "det", "DET", "the", "O", True),
    ("association", 1, "dobj", "NOUN", "association", "O", True),
    ("of", 3, "prep", "ADP", "of", "O", True),
    ("Serb", 7, "amod", "ADJ", "serb", "B-NORP", False),
    ("-", 7, "punct", "PUNCT", "-", "O", False),
    ("majority", 8, "compound", "NOUN", "majority", "O", True),
    ("municipalities", 4, "pobj", "NOUN", "municipality", "O", False),
]

# He underscored the need for humanitarian access
NEED: list[Row] = [
    ("He", 1, "nsubj", "PRON", "he", "O", True),
    ("underscored", 1, "ROOT", "VERB", "underscore", "O", True),
    ("the", 3, "det", "DET", "the", "O", True),
    ("need", 1, "dobj", "NOUN", "need", "O", True),
    ("for", 3, "prep", "ADP", "for", "O", True),
    ("humanitarian", 6, "amod", "ADJ", "humanitarian", "O", True),
    ("access", 4, "pobj", "NOUN", "access", "O", False),
]

# Officials said that the ceasefire proposal failed
PROPOSAL: list[Row] = [
    ("Officials", 1, "nsubj", "NOUN", "official", "O", True),
    ("said", 1, "ROOT", "VERB", "say", "O", True),
    ("that", 6, "mark", "SCONJ", "that", "O", True),
    ("the", 5, "det", "DET", "the", "O", True),
    ("ceasefire", 5, "compound", "NOUN", "ceasefire", "O", True),
    ("proposal", 6, "nsubj", "NOUN", "proposal", "O", True),
    ("failed", 1, "ccomp", "VERB", "fail", "O", False),
]

# Biden welcomed it on Monday
NOTHING: list[Row] = [
    ("Biden", 1, "nsubj", "PROPN", "Biden", "B-PERSON", True),
    ("welcomed", 1, "ROOT", "VERB", "welcome", "O", True),
    ("it", 1, "dobj", "PRON", "it", "O", True),
    ("on", 1, "prep", "ADP", "on", "O", True),
    ("Monday", 3, "pobj", "PROPN", "Monday", "B-DATE", False),
]

# India rejected changes to the Line of Actual Control
LINE: list[Row] = [
    ("India", 1, "nsubj", "PROPN", "India", "B-GPE", True),
    ("rejected", 1, "ROOT", "VERB", "reject", "O", True),
    ("changes", 1, "dobj", "NOUN", "change", "O", True),
    ("to", 2, "prep", "ADP", "to", "O", True),
    ("the", 5, "det", "DET", "the", "B-LOC", True),
    ("Line", 3, "pobj", "PROPN", "Line", "I-LOC", True),
    ("of", 5, "prep", "ADP", "of", "I-LOC", True),
    ("Actual", 8, "compound", "PROPN", "Actual", "I-LOC", True),
    ("Control", 6, "pobj", "PROPN", "Control", "I-LOC", False),
]

# They must de-escalate
VERB_ONLY: list[Row] = [
    ("They", 4, "nsubj", "PRON", "they", "O", True),
    ("must", 4, "aux", "AUX", "must", "O", True),
    ("de", 4, "advmod", "ADV", "de", "O", False),
    ("-", 4, "punct", "PUNCT", "-", "O", False),
    ("escalate", 4, "ROOT", "VERB", "escalate", "O", False),
]


# Austin reiterated President Biden's message that the defense commitment is ironclad
MESSAGE: list[Row] = [
    ("Austin", 1, "nsubj", "PROPN", "Austin", "B-PERSON", True),
    ("reiterated", 1, "ROOT", "VERB", "reiterate", "O", True),
    ("President", 3, "compound", "PROPN", "President", "O", True),
    ("Biden", 5, "poss", "PROPN", "Biden", "B-PERSON", False),
    ("'s", 3, "case", "PART", "'s", "O", True),
    ("message", 1, "dobj", "NOUN", "message", "O", True),
    ("that", 10, "mark", "SCONJ", "that", "O", True),
    ("the", 9, "det", "DET", "the", "O", True),
    ("defense", 9, "compound", "NOUN", "defense", "O", True),
    ("commitment", 10, "nsubj", "NOUN", "commitment", "O", True),
    ("is", 5, "acl", "AUX", "be", "O", True),
    ("ironclad", 10, "acomp", "ADJ", "ironclad", "O", False),
]

# President Biden's ceasefire plan
PLAN: list[Row] = [
    ("President", 1, "compound", "PROPN", "President", "O", True),
    ("Biden", 4, "poss", "PROPN", "Biden", "B-PERSON", False),
    ("'s", 1, "case", "PART", "'s", "O", True),
    ("ceasefire", 4, "compound", "NOUN", "ceasefire", "O", True),
    ("plan", 4, "ROOT", "NOUN", "plan", "O", False),
]

# They discussed their defense commitment to strengthening the alliance
FRAMED: list[Row] = [
    ("They", 1, "nsubj", "PRON", "they", "O", True),
    ("discussed", 1, "ROOT", "VERB", "discuss", "O", True),
    ("their", 4, "poss", "PRON", "their", "O", True),
    ("defense", 4, "compound", "NOUN", "defense", "O", True),
    ("commitment", 1, "dobj", "NOUN", "commitment", "O", True),
    ("to", 4, "prep", "ADP", "to", "O", True),
    ("strengthening", 5, "pcomp", "VERB", "strengthen", "O", True),
    ("the", 8, "det", "DET", "the", "O", True),
    ("alliance", 6, "dobj", "NOUN", "alliance", "O", False),
]

# We stand with the Philippines on maritime security
STAND: list[Row] = [
    ("We", 1, "nsubj", "PRON", "we", "O", True),
    ("stand", 1, "ROOT", "VERB", "stand", "O", True),
    ("with", 1, "prep", "ADP", "with", "O", True),
    ("the", 4, "det", "DET", "the", "O", True),
    ("Philippines", 2, "pobj", "PROPN", "Philippines", "B-GPE", True),
    ("on", 1, "prep", "ADP", "on", "O", True),
    ("maritime", 7, "amod", "ADJ", "maritime", "O", True),
    ("security", 5, "pobj", "NOUN", "security", "O", False),
]

# The ministers welcomed the momentum in bilateral trade
MOMENTUM: list[Row] = [
    ("The", 1, "det", "DET", "the", "O", True),
    ("ministers", 2, "nsubj", "NOUN", "minister", "O", True),
    ("welcomed", 2, "ROOT", "VERB", "welcome", "O", True),
    ("the", 4, "det", "DET", "the", "O", True),
    ("momentum", 2, "dobj", "NOUN", "momentum", "O", True),
    ("in", 4, "prep", "ADP", "in", "O", True),
    ("bilateral", 7, "amod", "ADJ", "bilateral", "O", True),
    ("trade", 5, "pobj", "NOUN", "trade", "O", False),
]

# The trade envoy said it was untrue
UNTRUE: list[Row] = [
    ("The", 2, "det", "DET", "the", "O", True),
    ("trade", 2, "compound", "NOUN", "trade", "O", True),
    ("envoy", 3, "nsubj", "NOUN", "envoy", "O", True),
    ("said", 3, "ROOT", "VERB", "say", "O", True),
    ("it", 5, "nsubj", "PRON", "it", "O", True),
    ("was", 3, "ccomp", "AUX", "be", "O", True),
    ("untrue", 5, "acomp", "ADJ", "untrue", "O", False),
]

# #EconomicNormalization means jobs. Thanks to @DFCgov
HASHTAG: list[Row] = [
    ("#", 1, "dep", "SYM", "#", "O", False),
    ("EconomicNormalization", 2, "nsubj", "PROPN", "EconomicNormalization", "B-ORG", True),
    ("means", 2, "ROOT", "VERB", "mean", "O", True),
    ("jobs", 2, "dobj", "NOUN", "job", "O", False),
    (".", 2, "punct", "PUNCT", ".", "O", True),
    ("Thanks", 5, "ROOT", "NOUN", "thanks", "O", True),
    ("to", 5, "prep", "ADP", "to", "O", True),
    ("@DFCgov", 6, "pobj", "PROPN", "@DFCgov", "B-ORG", False),
]

# The State Department said Chile and Bolivia met
OFFICE: list[Row] = [
    ("The", 2, "det", "DET", "the", "O", True),
    ("State", 2, "compound", "PROPN", "State", "B-ORG", True),
    ("Department", 3, "nsubj", "PROPN", "Department", "I-ORG", True),
    ("said", 3, "ROOT", "VERB", "say", "O", True),
    ("Chile", 7, "nsubj", "PROPN", "Chile", "B-GPE", True),
    ("and", 4, "cc", "CCONJ", "and", "O", True),
    ("Bolivia", 4, "conj", "PROPN", "Bolivia", "B-GPE", True),
    ("met", 3, "ccomp", "VERB", "meet", "O", False),
]


def test_the_object_with_its_modifiers_and_of_complement_comes_first() -> None:
    phrases = issue_phrases(_doc(ASSOCIATION))
    assert phrases[0] == "association of serb-majority municipality"
    assert "pristina" not in phrases  # the agent of the clause is not what it is about
    assert "serb-majority municipality" in phrases


def test_a_frame_noun_hands_its_place_to_what_it_frames() -> None:
    assert issue_phrases(_doc(NEED)) == ("humanitarian access",)


def test_a_span_is_read_alone_and_its_speaker_outside_is_ignored() -> None:
    doc = _doc(PROPOSAL)
    assert issue_phrases(doc[3:7]) == ("ceasefire proposal",)
    assert "official" not in issue_phrases(doc)


def test_people_pronouns_and_dates_are_never_phrases() -> None:
    assert issue_phrases(_doc(NOTHING)) == ()
    assert issue_phrases(_doc(NOTHING)[0:0]) == ()


def test_a_name_with_of_inside_is_kept_whole() -> None:
    phrases = issue_phrases(_doc(LINE))
    assert phrases[0] == "line of actual control"
    assert "actual control" not in phrases
    assert "india" not in phrases


def test_a_verb_is_the_phrase_only_when_no_noun_is_there() -> None:
    assert issue_phrases(_doc(VERB_ONLY)) == ("de-escalate",)
    assert all(" " in p or p != "fail" for p in issue_phrases(_doc(PROPOSAL)))


def test_a_frame_noun_with_a_content_word_still_ranks_below_what_it_frames() -> None:
    phrases = issue_phrases(_doc(FRAMED))
    assert phrases[0] == "alliance"
    assert "defense commitment" in phrases


def test_the_content_of_a_message_is_its_clause_and_its_owner_is_no_part_of_it() -> None:
    doc = _doc(MESSAGE)
    assert issue_phrases(doc[2:12]) == ("defense commitment",)
    assert issue_phrases(_doc(PLAN)) == ("ceasefire plan",)


def test_a_bare_place_comes_after_what_the_position_is_about() -> None:
    assert issue_phrases(_doc(STAND)) == ("maritime security", "philippines")


def test_a_span_that_tells_nothing_reads_on_in_its_sentence_but_not_its_speaker() -> None:
    doc = _doc(MOMENTUM)
    assert issue_phrases(doc[3:5]) == ("bilateral trade",)
    untrue = _doc(UNTRUE)
    assert issue_phrases(untrue[4:7]) == ()  # not "trade envoy": that is who speaks
    assert issue_phrases(untrue) == ()


def test_a_hashtag_is_a_topic_and_a_handle_is_nobody() -> None:
    phrases = issue_phrases(_doc(HASHTAG))
    assert "economic normalization" in phrases
    assert not any("@" in p or "dfcgov" in p for p in phrases)


def test_context_leaves_out_offices() -> None:
    assert issue_context(_doc(OFFICE)) == ("chile", "bolivia")


def test_context_names_the_articles_places_and_parties_most_frequent_first() -> None:
    doc = _doc(ASSOCIATION + [(w, h + 9, d, p, lemma, e, s) for w, h, d, p, lemma, e, s in LINE])
    assert issue_context(doc[3:9]) == ("pristina", "serb", "india", "line of actual control")
    paragraphs = (_doc(LINE), _doc(ASSOCIATION), _doc(LINE))
    assert issue_context(*paragraphs) == ("india", "line of actual control", "pristina", "serb")
    assert issue_context(paragraphs[0], paragraphs[0][0:2]) == ("india", "line of actual control")
    assert issue_context(_doc(NEED)) == ()


@pytest.mark.parametrize(
    ("phrase", "normal"),
    [
        ("The Ceasefire Proposal", "ceasefire proposal"),
        ("its NATO\u2019s expansion", "nato expansion"),
        ("  the   filling of the GERD ", "filling of the gerd"),
        ("", ""),
    ],
)
def test_phrases_are_normalised(phrase: str, normal: str) -> None:
    assert normalise_phrase(phrase) == normal


def test_slugs_are_ascii_and_cut_at_a_word() -> None:
    assert slug("Vučić humanitarian access") == "vucic-humanitarian-access"
    long = slug("the " + "very long words about a dam " * 5)
    assert len(long) <= SLUG_LENGTH
    assert not long.endswith("-")
    assert slug("!!!") == "issue"


TWO_SIDES = {
    "kosovo#1": ("unhindered humanitarian access", "gaza"),
    "serbia#4": ("humanitarian access",),
    "egypt#2": ("filling of the gerd",),
    "ethiopia#3": ("grand ethiopian renaissance dam filling",),
    "x#9": ("tariff on steel imports",),
    "empty#1": (),
    "empty#2": ("the", "of"),
}
ALIASES = {"GERD": "Grand Ethiopian Renaissance Dam"}


def test_two_sides_meet_on_one_issue_and_unrelated_claims_stay_apart() -> None:
    issues = group_claims(TWO_SIDES, aliases=ALIASES)
    by_members = {i.members: i for i in issues}
    assert set(by_members) == {
        ("kosovo#1", "serbia#4"),
        ("egypt#2", "ethiopia#3"),
        ("x#9",),
    }
    access = by_members["kosovo#1", "serbia#4"]
    assert access == EmergentIssue(
        id="emergent-humanitarian-access",
        label="humanitarian access",
        topic="international-affairs",
        members=("kosovo#1", "serbia#4"),
    )
    dam = by_members["egypt#2", "ethiopia#3"]
    assert "grand ethiopian renaissance dam" in dam.label
    assert dam.topic == "public-lands"
    assert by_members["x#9",].topic == "foreign-trade"
    assert [i.id for i in issues] == sorted(i.id for i in issues)


def test_without_the_alias_the_abbreviation_does_not_meet_its_long_form() -> None:
    issues = group_claims({k: TWO_SIDES[k] for k in ("egypt#2", "ethiopia#3")})
    assert len(issues) == 1  # "filling" alone still links them ...
    apart = group_claims({"a": ("gerd",), "b": ("grand ethiopian renaissance dam",)})
    assert len(apart) == 2  # ... but the names alone do not
    joined = group_claims(
        {"a": ("gerd",), "b": ("grand ethiopian renaissance dam",)}, aliases=ALIASES
    )
    assert [i.members for i in joined] == [("a", "b")]


def test_claims_without_a_usable_phrase_get_no_issue() -> None:
    members = {m for i in group_claims(TWO_SIDES, aliases=ALIASES) for m in i.members}
    assert "empty#1" not in members
    assert "empty#2" not in members
    assert group_claims({}) == []


def test_grouping_is_deterministic_and_ignores_input_order() -> None:
    forward = group_claims(TWO_SIDES, aliases=ALIASES)
    backward = group_claims(dict(reversed(list(TWO_SIDES.items()))), aliases=ALIASES)
    assert forward == backward == group_claims(TWO_SIDES, aliases=ALIASES)


def test_an_unrelated_article_leaves_the_other_ids_alone() -> None:
    before = {i.members: i.id for i in group_claims(TWO_SIDES, aliases=ALIASES)}
    more = dict(TWO_SIDES) | {
        "other#1": ("border wall funding",),
        "other#2": ("funding of the border wall",),
    }
    after = {i.members: i.id for i in group_claims(more, aliases=ALIASES)}
    assert all(after[members] == issue_id for members, issue_id in before.items())
    assert ("other#1", "other#2") in after


def test_a_label_clash_gives_distinct_ids_from_the_same_label() -> None:
    issues = group_claims(
        {"a": ("ceasefire",), "b": ("ceasefire",), "c": ("ceasefire",)},
        context={"a": ("gaza", "israel"), "b": ("gaza", "israel"), "c": ("sudan", "darfur")},
    )
    ids = {i.members: i.id for i in issues}
    assert set(ids) == {("a", "b"), ("c",)}
    assert ids["a", "b"] == "emergent-ceasefire"  # the larger group keeps the plain slug
    assert ids["c",].startswith("emergent-ceasefire-") and len(ids["c",]) <= 9 + SLUG_LENGTH
    assert all(i.label == "ceasefire" and i.topic == "defense" for i in issues)


def test_context_keeps_one_word_apart_across_disputes_but_not_within_one() -> None:
    phrases = {"a": ("agreement",), "b": ("agreement",)}
    same = group_claims(phrases, context={"a": ("serbia", "kosovo"), "b": ("kosovo", "serbia")})
    apart = group_claims(phrases, context={"a": ("serbia", "kosovo"), "b": ("sudan",)})
    assert len(same) == 1
    assert len(apart) == 2
    assert len(group_claims(phrases)) == 1  # no context: nothing to tell them apart


def test_a_generic_head_gives_its_weight_to_the_word_before_it() -> None:
    assert len(group_claims({"a": ("defense commitment",), "b": ("trade commitment",)})) == 2
    assert len(group_claims({"a": ("defense commitment",), "b": ("defense",)})) == 1


def test_the_verb_of_a_verb_phrase_meets_its_noun() -> None:
    verb = {"a": ("economic relation", "normalize economic relation")}
    assert len(group_claims(verb | {"b": ("economic normalization",)})) == 1
    noun = {"a": ("economic relation", "economic cooperation")}
    assert len(group_claims(noun | {"b": ("economic normalization",)})) == 2


def test_a_stricter_threshold_merges_less() -> None:
    phrases = {"a": ("humanitarian access", "aid convoy"), "b": ("humanitarian corridor",)}
    assert len(group_claims(phrases, threshold=0.05)) == 1
    assert len(group_claims(phrases, threshold=0.9)) == 2


def test_kept_issues_come_back_as_they_were() -> None:
    issues = group_claims(TWO_SIDES, aliases=ALIASES)
    assert group_claims(TWO_SIDES, aliases=ALIASES, keep=issues) == issues


def test_kept_issues_take_in_new_claims_but_never_merge_with_each_other() -> None:
    kept = [
        EmergentIssue("emergent-aid", "aid", None, ("kosovo#1",)),
        EmergentIssue("emergent-relief", "relief", None, ("serbia#4",)),
    ]
    new = dict(TWO_SIDES) | {"new#1": ("humanitarian access to gaza",)}
    issues = {i.id: i for i in group_claims(new, aliases=ALIASES, keep=kept)}
    # a fresh grouping merges kosovo#1 and serbia#4; kept apart, they stay apart
    assert issues["emergent-aid"] == EmergentIssue(
        "emergent-aid", "aid", None, ("kosovo#1", "new#1")
    )
    assert issues["emergent-relief"].members == ("serbia#4",)
    # the claims of no kept issue are grouped as ever
    dam = [i for i in issues.values() if i.members == ("egypt#2", "ethiopia#3")]
    assert len(dam) == 1 and "dam" in dam[0].label


def test_a_new_issue_never_takes_a_kept_id_and_a_kept_one_without_claims_is_gone() -> None:
    kept = [
        EmergentIssue("emergent-ceasefire", "ceasefire", "defense", ("a",)),
        EmergentIssue("emergent-gone", "gone", None, ("deleted#1",)),
    ]
    issues = group_claims(
        {"a": ("ceasefire",), "b": ("ceasefire",)},
        context={"a": ("gaza",), "b": ("sudan", "darfur")},
        keep=kept,
    )
    ids = {i.members: i.id for i in issues}
    assert ids == {("a",): "emergent-ceasefire", ("b",): ids["b",]}
    assert ids["b",].startswith("emergent-ceasefire-")
    assert all(i.id != "emergent-gone" for i in issues)


def test_the_topics_are_cap_top_concepts_of_the_scheme(seed_vocab: Vocabulary) -> None:
    tops = {issue.id for issue in seed_vocab.issues.values() if issue.top}
    assert set(load_lexicon().topics) <= tops


def test_a_bad_lexicon_is_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "emergent.yaml"
    bad.write_text("version: 1\ngeneric_nouns: [step]\nstop_words: [the]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"emergent\.yaml: stop_words"):
        load_lexicon(bad)
    bad.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a YAML mapping"):
        load_lexicon(bad)


def test_the_public_surface_is_pinned() -> None:
    assert set(emergent.__all__) == {
        "EmergentIssue",
        "group_claims",
        "issue_context",
        "issue_phrases",
    }


@needs_model
def test_with_the_model_both_sides_of_a_normalisation_meet() -> None:
    nlp = load_model().nlp
    texts = {
        "serbia": "Serbia and Kosovo have agreed to normalize economic relations.",
        "kosovo": "Kosovo welcomed the normalization of economic relations with Serbia.",
        "nato": "Moscow condemned the expansion of NATO.",
    }
    phrases = {key: issue_phrases(nlp(text)) for key, text in texts.items()}
    assert phrases["serbia"][0] == "economic relation"
    assert "serbia" not in phrases["serbia"]
    issues = group_claims(phrases)
    assert sorted(i.members for i in issues) == [("kosovo", "serbia"), ("nato",)]


def _assembled(article: str, about: dict[str, tuple[str, ...]]):  # type: ignore[no-untyped-def]
    from stancegraph.claims.io import load_claims
    from stancegraph.extract.assemble import AssembledArticle
    from tests.conftest import MINI_CLAIMS

    data = load_claims(MINI_CLAIMS).data
    data = data.model_copy(update={"article": data.article.model_copy(update={"id": article})})
    return AssembledArticle(data=data, about=about, context=("Geneva",))


def test_an_earlier_grouping_of_the_same_articles_is_given_back_as_it_was() -> None:
    from stancegraph.extract.emergent.assign import assign_emergent, assign_grouped

    articles = [
        _assembled("one", {"c1": ("the dam filling",), "c2": ("water rights",), "c3": ("",)}),
        _assembled("two", {"c1": ("filling of the dam",), "c2": ("student visas",)}),
    ]
    grouped = assign_emergent(articles)
    assert grouped.issues and any(len(i.members) > 1 for i in grouped.issues)
    # grouping again from the issues grouped gives them back, and so does taking them as
    # they are (what an unchanged re-run does)
    assert assign_emergent(articles, keep=grouped.issues) == grouped
    assert assign_grouped(articles, grouped.issues) == grouped
    # members of articles no longer there are left out, and an issue left empty is gone
    alone = assign_grouped(articles[:1], grouped.issues)
    assert all(m.startswith("one/") for i in alone.issues for m in i.members)
    assert alone.files == grouped.files[:1]


def test_links_are_the_pairs_whose_scaled_cosine_reaches_the_floor() -> None:
    """Against the definition, pair by pair: pairs under the floor before their contexts
    count are skipped, and each pair of contexts is compared once; neither changes one."""
    import math
    import random

    from stancegraph.extract.emergent import grouping

    rng = random.Random(7)

    def unit(raw: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(v * v for v in raw.values()))
        return {k: v / norm for k, v in sorted(raw.items())}

    words = [f"w{i}" for i in range(30)]
    names = [f"n{i}" for i in range(6)]
    places = [unit({n: 1.0 for n in rng.sample(names, rng.randint(1, 3))}) for _ in range(8)]
    vectors = [unit({w: rng.random() for w in rng.sample(words, 4)}) for _ in range(120)]
    contexts = [{} if rng.random() < 0.2 else rng.choice(places) for _ in vectors]
    kept = [rng.random() < 0.3 for _ in vectors]
    links = grouping._links(vectors, contexts, kept)
    for i in range(len(vectors)):
        for j in range(i + 1, len(vectors)):
            if kept[i] and kept[j]:
                assert j not in links.get(i, {})
                continue
            dot = sum(v * vectors[j].get(f, 0.0) for f, v in vectors[i].items())
            if contexts[i] and contexts[j]:
                cosine = sum(v * contexts[j].get(f, 0.0) for f, v in contexts[i].items())
                dot *= grouping.CONTEXT_FLOOR + (1 - grouping.CONTEXT_FLOOR) * cosine
            if abs(dot - grouping._MIN_LINK) < 1e-9:
                continue  # on the floor: rounding decides
            if dot >= grouping._MIN_LINK:
                assert links[i][j] == pytest.approx(dot) and links[j][i] == links[i][j]
            else:
                assert j not in links.get(i, {})
