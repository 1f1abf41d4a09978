"""issue_phrases on evidence spans that cut a phrase off: tokens whose heads or children
lie outside the span (the extractor's content spans often do)."""

from __future__ import annotations

from stancegraph.extract.emergent import issue_phrases
from stancegraph.extract.model import load_model

from ..conftest import needs_model


@needs_model
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
