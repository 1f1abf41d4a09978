"""issue_phrases on evidence spans that cut a phrase off: tokens whose heads or children
lie outside the span (the extractor's content spans often do)."""

from __future__ import annotations

import pytest

from stancegraph.errors import InputError
from stancegraph.extract.emergent import issue_phrases
from stancegraph.extract.model import choose_model, load_model

try:
    choose_model()
    HAVE_MODEL = True
except InputError:
    HAVE_MODEL = False


@pytest.mark.skipif(not HAVE_MODEL, reason="no spaCy English model installed")
def test_every_cut_of_a_sentence_gives_phrases_without_error() -> None:
    doc = load_model().nlp(
        "The minister rejected the proposal of the committee for a ceasefire in the north, "
        "which the council had backed after the vote of the members last week."
    )
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            phrases = issue_phrases(doc[start:end])
            assert all(isinstance(p, str) and p for p in phrases)
    assert issue_phrases(doc[3:7])  # "the proposal of the committee"
