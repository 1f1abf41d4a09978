"""The BRAT reader, span matching and the scores, on a tiny fixture we wrote."""

from __future__ import annotations

from pathlib import Path

from stancegraph.evaluate.brat import read_corpus
from stancegraph.evaluate.matching import match_spans
from stancegraph.evaluate.render import render_scores, span_table
from stancegraph.evaluate.scoring import (
    PredictedAttribution,
    score_attributions,
    speaker_correct,
)
from stancegraph.extract.actors import Referent
from stancegraph.extract.attribution import Attribution, SpeakerRef, outermost
from stancegraph.pipeline.evaluate import evaluate_brat, predicted_attributions

BRAT = Path(__file__).resolve().parents[1] / "fixtures" / "brat"


def test_reader_survives_malformed_lines_and_mismatches_and_picks_first_annotator() -> None:
    articles, problems = read_corpus(BRAT)
    (article,) = articles
    assert article.name == "zenda_001"
    assert len(article.gold) == 2
    assert article.gold[0].source_text == "Rassendyll"
    assert problems.malformed_lines == 1
    assert problems.span_mismatches == 1
    assert problems.files == 1


def test_matching_is_one_to_one_largest_overlap_first_with_half_the_shorter() -> None:
    predicted = [(0, 10), (0, 4), (50, 58)]
    gold = [(0, 8), (55, 100)]
    assert match_spans(predicted, gold) == [(0, 0)]
    assert match_spans([(0, 10)], [(5, 10)]) == [(0, 0)]
    assert match_spans([(0, 10)], [(8, 20)]) == []


def test_speaker_rule_by_overlap_or_last_name() -> None:
    articles, _ = read_corpus(BRAT)
    gold = articles[0].gold[0]
    assert speaker_correct(PredictedAttribution(gold.content, (0, 4), None), gold)
    assert speaker_correct(PredictedAttribution(gold.content, None, "Rudolf Rassendyll"), gold)
    assert not speaker_correct(PredictedAttribution(gold.content, (30, 32), "Firefly"), gold)
    assert not speaker_correct(PredictedAttribution(gold.content, None, "he"), gold)


def test_scores_and_rendering() -> None:
    articles, problems = read_corpus(BRAT)
    gold = articles[0].gold
    predicted = [
        PredictedAttribution(gold[0].content, None, "Rassendyll"),
        PredictedAttribution((200, 210), None, "nobody"),
    ]
    scores = score_attributions(predicted, gold)
    assert (scores.counts.matched, scores.counts.predicted, scores.counts.gold) == (1, 2, 2)
    assert scores.counts.f1 == 0.5
    assert scores.speaker_accuracy == 1.0
    table = span_table("t", scores, {"malformed T lines": problems.malformed_lines})
    assert "content F1" in render_scores([table])
    assert '"content F1": 0.5' in render_scores([table], "json")
    assert "| content F1 | 0.500 |" in render_scores([table], "markdown")
    assert "t,content F1,0.5000" in render_scores([table], "csv")


def _attribution(content: tuple[int, int], name: str, cue: tuple[int, int] = (0, 4)) -> Attribution:
    referent = Referent(actor=name.lower(), side="unknown", name=name)
    return Attribution(
        content=content,
        cue=cue,
        subject=(0, 4),
        speakers=(SpeakerRef((0, 4), referent),),
        kind="reported",
        cue_lemma="say",
        negated=None,
        conditional=False,
        unclosed=False,
        denied=False,
        confidence=0.85,
    )


def test_only_outermost_attributions_are_compared() -> None:
    outer = _attribution((10, 60), "Rassendyll")
    inner = _attribution((30, 60), "Firefly", (20, 24))
    other = _attribution((70, 90), "Firefly", (65, 69))
    assert outermost([inner, outer, other]) == [outer, other]
    predicted = predicted_attributions([outer, inner, other], "x" * 100)
    assert [(p.content, p.name) for p in predicted] == [
        ((10, 60), "Rassendyll"),
        ((70, 90), "Firefly"),
    ]


def test_quotes_of_one_cue_are_one_span_as_in_brat() -> None:
    first = _attribution((1, 20), "Rassendyll", (23, 27))
    second = _attribution((30, 50), "Rassendyll", (23, 27))
    predicted = predicted_attributions([first, second], "x" * 60)
    assert [(p.content, p.name) for p in predicted] == [((1, 50), "Rassendyll")]


STRICT = Path(__file__).resolve().parents[1] / "fixtures" / "brat_nested"


class _Found:
    """A stand-in extractor: an embedded attribution and a quote split by its cue."""

    def attributions(self, text: str) -> list[Attribution]:
        def at(words: str, start: int = 0) -> tuple[int, int]:
            begin = text.index(words, start)
            return begin, begin + len(words)

        said = at("said")
        firefly_said = at("said", at("Firefly")[1])
        return [
            _attribution(at("that Flavia believed the treaty would hold"), "Rassendyll", said),
            _attribution(at("the treaty would hold"), "Flavia", at("believed")),
            _attribution(at("We will not back down on steel"), "Firefly", firefly_said),
            _attribution(at("and we will not apologise."), "Firefly", firefly_said),
        ]


def test_strict_scores_every_predicted_span_as_a_unit() -> None:
    unit = evaluate_brat(STRICT, _Found())
    strict = evaluate_brat(STRICT, _Found(), strict=True)
    assert dict(unit.rows)["content precision"] == 1.0
    assert dict(unit.rows)["content F1"] == 1.0
    # four spans, two gold: the embedded one and the second quote match nothing
    assert dict(strict.rows)["content precision"] == 0.5
    assert dict(strict.rows)["content recall"] == 1.0
    assert round(dict(strict.rows)["content F1"], 3) == 0.667
    assert dict(strict.rows)["speaker accuracy"] == 1.0
    assert strict.title.endswith(", strict)") and unit.title.endswith("(brat_nested)")


def test_strict_keeps_conjoined_speakers_of_one_span_as_one_unit() -> None:
    first = _attribution((1, 20), "Rassendyll", (23, 27))
    second = _attribution((1, 20), "Firefly", (23, 27))
    predicted = predicted_attributions([first, second], "x" * 60, strict=True)
    assert [(p.content, p.name) for p in predicted] == [((1, 20), "Rassendyll")]
