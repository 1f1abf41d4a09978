"""Scores: extracted claims against hand-coded ones, extracted attributions against BRAT gold.

Both use :func:`~stancegraph.evaluate.matching.match_spans` on evidence /
content spans. Claims: precision, recall, F1, and the accuracy of claimant,
side, issue and stance on matched pairs. BRAT: content precision, recall, F1,
and speaker accuracy on matched pairs whose gold has a source (the predicted
mention overlaps the gold source, or the last word, 3+ letters and not a
pronoun, of one name occurs in the other).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from stancegraph.claims.model import Claim
from stancegraph.evaluate.brat import GoldAttribution
from stancegraph.evaluate.matching import match_spans, overlap

__all__ = [
    "ClaimScores",
    "Counts",
    "PredictedAttribution",
    "SpanScores",
    "score_attributions",
    "score_claims",
    "speaker_correct",
]

_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "you",
        "i",
        "him",
        "her",
        "them",
        "us",
        "me",
        "his",
        "hers",
        "its",
        "their",
        "our",
        "your",
        "my",
        "who",
        "whom",
    ]
)
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")


@dataclass(frozen=True)
class Counts:
    """Matched, predicted and gold counts, and the scores they give."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )


@dataclass(frozen=True)
class ClaimScores:
    """Claims matched by evidence, and agreement on the matched ones."""

    counts: Counts
    actor: int = 0
    side: int = 0
    issue: int = 0
    stance: int = 0

    def accuracy(self, field: str) -> float:
        value: int = getattr(self, field)
        return value / self.counts.matched if self.counts.matched else 0.0

    def __add__(self, other: ClaimScores) -> ClaimScores:
        return ClaimScores(
            self.counts + other.counts,
            self.actor + other.actor,
            self.side + other.side,
            self.issue + other.issue,
            self.stance + other.stance,
        )


def score_claims(predicted: Sequence[Claim], gold: Sequence[Claim]) -> ClaimScores:
    """Match *predicted* to *gold* claims by evidence and compare the matched pairs."""
    pairs = match_spans(
        [(c.evidence.start, c.evidence.end) for c in predicted],
        [(c.evidence.start, c.evidence.end) for c in gold],
    )
    agree = {"actor": 0, "side": 0, "issue": 0, "stance": 0}
    for i, j in pairs:
        p, g = predicted[i], gold[j]
        agree["actor"] += p.claimant == g.claimant
        agree["side"] += p.side == g.side
        agree["issue"] += p.issue == g.issue
        agree["stance"] += p.stance == g.stance
    return ClaimScores(Counts(len(pairs), len(predicted), len(gold)), **agree)


@dataclass(frozen=True)
class PredictedAttribution:
    """What the extractor found: content, where the speaker is named, and the speaker's name."""

    content: tuple[int, int]
    mention: tuple[int, int] | None
    name: str | None


def _last_word(name: str) -> str | None:
    words = _WORD.findall(name)
    if not words:
        return None
    last = words[-1].lower().removesuffix("\u2019s").removesuffix("'s")
    return last if len(last) >= 3 and last not in _PRONOUNS else None


def _word_in(word: str | None, name: str) -> bool:
    return word is not None and word in {w.lower() for w in _WORD.findall(name)}


def speaker_correct(predicted: PredictedAttribution, gold: GoldAttribution) -> bool:
    """The PolNeAR speaker rule for one matched pair whose gold has a source."""
    if gold.source is None:
        return False
    if predicted.mention is not None and overlap(predicted.mention, gold.source) > 0:
        return True
    names = [n for n in (predicted.name,) if n]
    gold_name = gold.source_text or ""
    return any(
        _word_in(_last_word(name), gold_name) or _word_in(_last_word(gold_name), name)
        for name in names
    )


@dataclass(frozen=True)
class SpanScores:
    """Content-span scores and speaker accuracy over a set of articles."""

    counts: Counts
    speaker_scored: int
    speaker_correct: int
    articles: int = 1

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_scored if self.speaker_scored else 0.0

    def __add__(self, other: SpanScores) -> SpanScores:
        return SpanScores(
            self.counts + other.counts,
            self.speaker_scored + other.speaker_scored,
            self.speaker_correct + other.speaker_correct,
            self.articles + other.articles,
        )


def score_attributions(
    predicted: Sequence[PredictedAttribution], gold: Sequence[GoldAttribution]
) -> SpanScores:
    """Content P/R/F1 and speaker accuracy of *predicted* against *gold* (one article)."""
    pairs = match_spans([p.content for p in predicted], [g.content for g in gold])
    scored = correct = 0
    for i, j in pairs:
        if gold[j].source is None:
            continue
        scored += 1
        correct += speaker_correct(predicted[i], gold[j])
    return SpanScores(Counts(len(pairs), len(predicted), len(gold)), scored, correct)
