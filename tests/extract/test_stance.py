"""Stance rules on hand-made issue matches: no model needed."""

from __future__ import annotations

import pytest

from stancegraph.extract.issues import IssueMatch, stems
from stancegraph.extract.rules import Rules, load_rules
from stancegraph.extract.stance import decide_stance


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def match(label: str, definition: str, text: str) -> IssueMatch:
    words = frozenset(stems(label))
    return IssueMatch(
        issue="x",
        label=label,
        score=1.0,
        definition=definition,
        label_words=words,
        hit_words=words & frozenset(stems(text)),
        phrase_words=frozenset(),
    )


@pytest.mark.parametrize(
    ("label", "definition", "text", "stance"),
    [
        # a noun-phrase label takes its sense from its proposition
        (
            "Military aid to Ukraine",
            "Military aid should be provided to Ukraine.",
            "Western military aid to Ukraine only prolongs the war",
            "oppose",
        ),
        (
            "Military aid to Ukraine",
            "Military aid should be provided to Ukraine.",
            "military aid to Ukraine saves lives",
            "support",
        ),
        # a prohibitive proposition: criticising the meddling supports it
        (
            "No outside involvement in the South China Sea",
            "Outside powers should not involve themselves in the South China Sea.",
            "U.S. meddling in the South China Sea",
            "support",
        ),
        # a label that states a judgement keeps its own sense
        (
            "Human-rights criticism is interference",
            "Criticism of a state's human-rights record should be treated as interference.",
            "meddling in human rights",
            "support",
        ),
        (
            "Trade restrictions are justified",
            "Trade restrictions should be used.",
            "fed up with efforts to restrict its trade",
            "oppose",
        ),
    ],
)
def test_stance(label: str, definition: str, text: str, stance: str, rules: Rules) -> None:
    decision = decide_stance(
        text,
        match(label, definition, text),
        tone="neutral",
        negated=None,
        conditional=False,
        rules=rules,
    )
    assert decision.stance == stance
