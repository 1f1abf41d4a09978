"""Attributions inside another's content, on a paragraph parsed by hand (no trained model)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from stancegraph.extract.actors import Referent
from stancegraph.extract.attribution import Attribution, SpeakerRef
from stancegraph.extract.nesting import REPORTED_CONFIDENCE, fold_nested

# "Rassendyll said both sides wanted more talks after Firefly criticised the plan ."
WORDS = [
    ("Rassendyll", 1, "nsubj"),
    ("said", 1, "ROOT"),
    ("both", 3, "det"),
    ("sides", 4, "nsubj"),
    ("wanted", 1, "ccomp"),
    ("more", 6, "amod"),
    ("talks", 4, "dobj"),
    ("after", 9, "mark"),
    ("Firefly", 9, "nsubj"),
    ("criticised", 4, "advcl"),
    ("the", 11, "det"),
    ("plan", 9, "dobj"),
    (".", 1, "punct"),
]
DOC = Doc(
    Vocab(),
    words=[w for w, _, _ in WORDS],
    heads=[h for _, h, _ in WORDS],
    deps=[d for _, _, d in WORDS],
)
TEXT = DOC.text
OFFSET = 100  # the paragraph's place in the article


def _at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return OFFSET + start, OFFSET + start + len(words)


def _attribution(content: str, cue: str, *names: str) -> Attribution:
    speakers = tuple(
        SpeakerRef(_at(name), Referent(actor=name.lower(), side="unknown", name=name))
        for name in names
    )
    return Attribution(
        content=_at(content),
        cue=_at(cue),
        subject=speakers[0].mention if speakers else None,
        speakers=speakers,
        kind="reported",
        cue_lemma=cue,
        negated=None,
        conditional=False,
        unclosed=False,
        denied=False,
        confidence=0.85,
    )


OUTER = _attribution(
    "both sides wanted more talks after Firefly criticised the plan", "said", "Rassendyll"
)


def test_an_inner_speaker_heading_the_outer_content_is_reported_on_the_outer_evidence() -> None:
    inner = _attribution("more talks", "wanted", "both sides")
    outer, reported = fold_nested(DOC, OFFSET, [inner, OUTER])
    assert outer == OUTER
    assert reported.content == OUTER.content
    assert reported.cue == inner.cue
    assert reported.speakers[0].referent.name == "both sides"
    assert reported.speakers[0].via == "reported by Rassendyll"
    assert reported.confidence == REPORTED_CONFIDENCE


def test_the_outer_speaker_again_or_no_speaker_adds_nothing() -> None:
    same = _attribution("more talks", "wanted", "Rassendyll")
    nobody = _attribution("more talks", "wanted")
    assert fold_nested(DOC, OFFSET, [OUTER, same]) == [OUTER]
    assert fold_nested(DOC, OFFSET, [OUTER, nobody]) == [OUTER]


def test_a_report_buried_in_a_clause_of_the_outer_content_is_dropped() -> None:
    buried = _attribution("the plan", "criticised", "Firefly")
    assert fold_nested(DOC, OFFSET, [OUTER, buried]) == [OUTER]


def test_a_cue_outside_the_other_content_is_a_separate_statement() -> None:
    inner = _attribution("more talks", "Rassendyll said", "Firefly")
    assert fold_nested(DOC, OFFSET, [OUTER, inner]) == [OUTER, inner]
