"""Property: extraction never raises on arbitrary text and every span lies inside it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancegraph.extract.actors import ActorIndex
from stancegraph.extract.attribution import find_attributions
from stancegraph.extract.rules import Rules, load_rules
from stancegraph.vocab.model import Vocabulary


@pytest.fixture(scope="module")
def blank() -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


PIECES = st.sampled_from(
    ["“", "”", '"', "\n\n", " said ", "He", " according to ", ",", ".", ":", "Share", "\u00a0", "x"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join))
def test_extraction_never_raises_and_spans_lie_inside(
    text: str, blank: Any, rules: Rules, mini_vocab: Vocabulary
) -> None:
    index = ActorIndex(mini_vocab, dt.date(2024, 1, 1), rules.person_titles)
    for found in find_attributions(text, blank, rules, index):
        for span in (found.content, found.cue, found.subject):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
        for speaker in found.speakers:
            if speaker.mention is not None:
                assert 0 <= speaker.mention[0] < speaker.mention[1] <= len(text)
