"""``evaluate``: extraction scored against hand-coded claims files and BRAT attribution data.

Against a claims file, the article it codes is extracted afresh (or the
claims file of the same name in a ``predicted`` folder is read) and claims are
matched by evidence. Against a BRAT split folder (``text/``, ``attributions/``,
the PolNeAR layout), every article is extracted and content spans and speakers
are scored. ``run`` reports :func:`evaluate_claims` on its hand-coded claims files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from stancegraph.claims.io import load_claims
from stancegraph.errors import InputError
from stancegraph.evaluate.brat import read_corpus
from stancegraph.evaluate.render import ScoreTable, claim_table, span_table
from stancegraph.evaluate.scoring import (
    ClaimScores,
    Counts,
    PredictedAttribution,
    SpanScores,
    score_attributions,
    score_claims,
)
from stancegraph.extract.attribution import Attribution, outermost
from stancegraph.extract.extractor import Extractor
from stancegraph.extract.source import read_article

__all__ = [
    "FindsAttributions",
    "evaluate_brat",
    "evaluate_claims",
    "evaluate_paths",
    "predicted_attributions",
]


class FindsAttributions(Protocol):
    """What BRAT scoring needs of an extractor (an :class:`Extractor`, or a stand-in)."""

    def attributions(self, text: str) -> list[Attribution]: ...


def _is_brat(path: Path) -> bool:
    return path.is_dir() and (path / "attributions").is_dir() and (path / "text").is_dir()


def _predicted(a: Attribution, content: tuple[int, int], text: str) -> PredictedAttribution:
    speaker = a.speakers[0] if a.speakers else None
    mention = speaker.mention if speaker and speaker.mention else a.subject
    name = (
        speaker.referent.name
        if speaker
        else (text[a.subject[0] : a.subject[1]] if a.subject else None)
    )
    return PredictedAttribution(content, mention, name)


def predicted_attributions(
    found: Sequence[Attribution], text: str, *, strict: bool = False
) -> list[PredictedAttribution]:
    """One prediction per distinct content span: its first speaker's mention and name.

    By default attributions are compared as the gold annotates them: only the
    outermost ones (PolNeAR marks no attribution inside another's content: 4
    of 2,749 in the first 150 train articles), and the quotes of one cue as one
    span from the first start to the last end. *strict*: every distinct
    predicted content span is a unit, embedded ones and each quote of a cue
    included.
    """
    if strict:
        strict_seen: dict[tuple[int, int], PredictedAttribution] = {}
        for a in found:
            strict_seen.setdefault(a.content, _predicted(a, a.content, text))
        return list(strict_seen.values())
    by_cue: dict[tuple[int, int], tuple[int, int]] = {}
    for a in outermost(found):
        if a.cue is not None:
            start, end = by_cue.get(a.cue, a.content)
            by_cue[a.cue] = (min(start, a.content[0]), max(end, a.content[1]))
    seen: dict[tuple[int, int], PredictedAttribution] = {}
    for a in outermost(found):
        content = by_cue[a.cue] if a.cue is not None else a.content
        seen.setdefault(content, _predicted(a, content, text))
    return list(seen.values())


def evaluate_claims(
    gold_files: Sequence[Path], extractor: Extractor, *, predicted: Path | None = None
) -> ScoreTable:
    """Extracted (or *predicted*) claims against the hand-coded *gold_files*."""
    total = ClaimScores(Counts(0, 0, 0))
    for gold_path in gold_files:
        gold = load_claims(Path(gold_path))
        if predicted is not None:
            pred_claims = load_claims(Path(predicted) / Path(gold_path).name).data.claims
        else:
            assert gold.path is not None
            text_path = (gold.path.parent / gold.data.article.text_file).resolve()
            source = read_article(text_path)
            pred_claims = extractor.claims(source, text_path.name).claims
        total = total + score_claims(pred_claims, gold.data.claims)
    names = ", ".join(Path(g).name for g in gold_files[:3]) + (
        " ..." if len(gold_files) > 3 else ""
    )
    return claim_table(f"claims vs hand-coded ({names})", total)


def evaluate_brat(
    folder: Path, extractor: FindsAttributions, *, limit: int | None = None, strict: bool = False
) -> ScoreTable:
    """Extracted attributions against the BRAT gold of a split folder (*strict*: every
    predicted content span a unit, see :func:`predicted_attributions`)."""
    articles, problems = read_corpus(Path(folder), limit=limit)
    if not articles:
        raise InputError(
            f"{folder}: no text/*.txt with attributions/*.ann: give a BRAT split folder"
        )
    total: SpanScores | None = None
    for article in articles:
        found = extractor.attributions(article.text)
        predicted = predicted_attributions(found, article.text, strict=strict)
        scores = score_attributions(predicted, article.gold)
        total = scores if total is None else total + scores
    assert total is not None
    return span_table(
        f"attributions vs BRAT gold ({Path(folder).name}{', strict' if strict else ''})",
        total,
        {
            "malformed T lines": problems.malformed_lines,
            "span mismatches": problems.span_mismatches,
            "missing references": problems.missing_refs,
        },
    )


def evaluate_paths(
    gold: Sequence[Path],
    *,
    predicted: Path | None = None,
    limit: int | None = None,
    model: str | None = None,
    rules: Sequence[Path] = (),
    vocab: Sequence[Path] = (),
    strict: bool = False,
) -> list[ScoreTable]:
    """Score against every gold path: BRAT split folders and hand-coded claims files.

    *strict* scores every predicted BRAT content span as its own unit.
    """
    for path in gold:
        if not Path(path).exists():
            raise InputError(f"{path} does not exist: give claims files or a BRAT split folder")
    extractor = Extractor(model=model, rules=rules, vocab=vocab)
    tables = [
        evaluate_brat(Path(p), extractor, limit=limit, strict=strict)
        for p in gold
        if _is_brat(Path(p))
    ]
    claims = [Path(p) for p in gold if not _is_brat(Path(p))]
    if claims:
        tables.append(evaluate_claims(claims, extractor, predicted=predicted))
    return tables
