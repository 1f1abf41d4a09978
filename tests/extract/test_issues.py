from __future__ import annotations

import pytest

from stancegraph.extract.issues import IssueIndex, suggest_label
from stancegraph.vocab.model import load_vocabulary


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Russia must withdraw its troops before any ceasefire can hold",
            "Russia withdraw troops ceasefire hold",
        ),
        ("We will never accept the occupation", "never accept occupation"),
        ("Диалог должен продолжаться", "Диалог должен продолжаться"),
        ("", "unlabelled position"),
    ],
)
def test_suggested_labels_keep_whole_words(text: str, label: str) -> None:
    assert suggest_label(text) == label


@pytest.fixture(scope="module")
def index() -> IssueIndex:
    return IssueIndex(load_vocabulary())


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        # the proposition named by a phrase of its own, or by most of its label's words
        ("both sides must keep communication channels open", "keep-communication-open"),
        ("freedom of navigation in the disputed waters", "south-china-sea-no-outside-involvement"),
        # a proper name alone is a place the proposition is about, not its position
        ("fishing boats near Scarborough Shoal", None),
        # one topical word is no position: these are other disputes' statements
        ("Serbia was committed to resolving all outstanding issues through dialogue", None),
        ("a troubling episode over the Black Sea", None),
        ("the tensions between Belgrade and Pristina", None),
    ],
)
def test_a_proposition_is_assigned_only_when_it_fits(
    index: IssueIndex, text: str, issue: str | None
) -> None:
    found = index.assign(text)
    assert (found[0].issue if found else None) == issue


def test_a_proposition_that_concerns_sides_fits_only_an_article_naming_them(
    index: IssueIndex,
) -> None:
    text = "both sides must keep communication channels open"
    assert [m.issue for m in index.assign(text, sides=frozenset({"china", "united-states"}))] == [
        "keep-communication-open"
    ]
    # the seed's US-China proposition does not fit a text on Serbia and Kosovo
    assert index.assign(text, sides=frozenset({"serbia", "kosovo", "united-states"})) == []
    # a proposition that concerns no side fits any article
    assert index.assign("the territorial integrity of states must be respected", sides=frozenset())
