"""Stance rules on hand-made issue matches: no model needed."""

from __future__ import annotations

import pytest

from stancegraph.extract.issues import IssueMatch, stems
from stancegraph.extract.rules import Rules, load_rules
from stancegraph.extract.stance import decide_open_stance, decide_stance


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


@pytest.mark.parametrize(
    ("text", "cue", "tone", "negated", "expected", "why"),
    [
        ("the ceasefire proposal", "dismiss", "critical", None, "oppose", "critical cue 'dismiss'"),
        ("a draft statute", "reject", "critical", None, "oppose", "critical cue 'reject'"),
        ("the ceasefire proposal", "welcome", "positive", None, "support", None),
        ("humanitarian access to Gaza", "urge", "neutral", None, "support", None),
        (
            "the strikes were a violation of the Charter",
            "say",
            "neutral",
            None,
            "oppose",
            "'violation'",
        ),
        (
            "it has no intention of joining the alliance",
            "say",
            "neutral",
            None,
            "oppose",
            "'no intention of'",
        ),
        (
            "the country would accept the plan",
            "say",
            "neutral",
            "accept",
            "oppose",
            "negated 'accept'",
        ),
        ("the strikes were illegal", "say", "neutral", "be", "support", "negated 'be'"),
        ("now is the time to defuse and de-escalate", "say", "neutral", None, "support", None),
        ("the talks were held against the odds", "say", "neutral", None, "support", None),
        ("the council deplored the lack of unity", "say", "neutral", None, "support", "lack of"),
    ],
)
def test_open_stance_is_the_speakers_polarity_toward_the_thing(
    rules: Rules,
    text: str,
    cue: str,
    tone: str,
    negated: str | None,
    expected: str,
    why: str | None,
) -> None:
    decision = decide_open_stance(text, cue=cue, tone=tone, negated=negated, rules=rules)
    assert decision.stance == expected
    if why is None:
        assert decision.reason is None
    else:
        assert decision.reason is not None and why in decision.reason
