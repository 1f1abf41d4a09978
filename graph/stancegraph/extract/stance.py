"""Stance: whether a claim agrees with its issue's proposition (support) or not (oppose).

Support is the default: a proposition is worded so that the side raising it
supports it. A claim opposes it when the speaker criticises (by a critical cue
such as "slammed", or critical words such as "meddling" in the content) what
a proposition endorses by its label ("X is justified": criticising X opposes
it; "X is interference": criticising X supports it); when a conditional warns of harm if the
proposition's premise holds ("if X regards Y as its rival, relations will face
troubles"); or when the content's main verb is negated and is a word of the proposition's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from stancegraph.extract.issues import IssueMatch, stem, stems
from stancegraph.extract.rules import Rules

__all__ = ["StanceDecision", "decide_open_stance", "decide_stance"]

# words, a hyphenated one whole: "de-escalate" is not "escalate"
_WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass(frozen=True)
class StanceDecision:
    """The stance id and why."""

    stance: str
    reason: str | None = None


def _phrase_in(text: str, phrases: tuple[str, ...]) -> bool:
    flat = " ".join(text.lower().replace("\u2019", "'").split())
    lower = f" {flat} "
    return any(f" {p.lower()} " in lower or f" {p.lower()}," in lower for p in phrases)


def _noun_phrase_endorses(match: IssueMatch, rules: Rules) -> bool:
    """Whether a bare noun-phrase label ("Military aid to Ukraine") endorses what it names:
    its proposition says it should happen ("... should be provided"), with no negation
    ("should not", "No outside involvement ..."), and the label neither states nor condemns."""
    label = f" {match.label.lower()} "
    definition = f" {match.definition.lower()} "
    statement = any(w in label for w in (" is ", " are ", " no ", " not ", "n't "))
    negated = any(w in definition for w in (" not ", "n't ", " no ", " never "))
    return (
        not statement
        and not negated
        and not _phrase_in(match.label, rules.critical_words)
        and _phrase_in(match.definition, rules.endorsing_words)
    )


def decide_stance(
    text: str,
    match: IssueMatch,
    *,
    tone: str,
    negated: str | None,
    conditional: bool,
    rules: Rules,
) -> StanceDecision:
    """The stance of the evidence *text* on *match*'s issue."""
    label_hit = bool(match.hit_words & match.label_words)
    critical = tone == "critical" or _phrase_in(text, rules.critical_words)
    endorsing = _phrase_in(match.label, rules.endorsing_words) or _noun_phrase_endorses(
        match, rules
    )
    if critical and label_hit and endorsing and tone != "positive":
        return StanceDecision("oppose", "criticises what the proposition endorses")
    if conditional and _phrase_in(text, rules.harm_words):
        condition = text.split(",")[0]
        if set(stems(condition)) & match.hit_words:
            return StanceDecision("oppose", "warns of harm if the proposition's premise holds")
    if negated and set(stems(negated)) & match.label_words:
        return StanceDecision("oppose", "negates the proposition")
    return StanceDecision("support")


class _StemmedText:
    """The stems of a text's words, and where each stem occurs, to look phrases up in."""

    def __init__(self, text: str) -> None:
        self.words = tuple(stem(w) for w in _WORDS.findall(text.lower().replace("\u2019", "'")))
        self.at: dict[str, list[int]] = {}
        for i, word in enumerate(self.words):
            self.at.setdefault(word, []).append(i)

    def first_phrase(self, phrases: tuple[str, ...]) -> str | None:
        """The first of *phrases* whose words occur in the text, compared by stem
        ("rejected" matches "reject", "violations" matches "violation")."""
        words = self.words
        for phrase, wanted in _stemmed(phrases):
            n = len(wanted)
            if n and any(words[i : i + n] == wanted for i in self.at.get(wanted[0], ())):
                return phrase
        return None


@cache
def _stemmed(phrases: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each rule phrase with its words' stems (the rules are data, read once)."""
    return tuple((p, tuple(stem(w) for w in _WORDS.findall(p.lower()))) for p in phrases)


def decide_open_stance(
    text: str,
    *,
    cue: str | None,
    tone: str,
    negated: str | None,
    rules: Rules,
) -> StanceDecision:
    """The speaker's polarity toward what a claim is about, for an issue that is no
    proposition (an emergent issue names a thing: "the ceasefire proposal").

    A critical cue ("rejected", "condemned", "refused", "accused") or a word in the
    content that calls it harmful, illegal or wrong ("violation", "unacceptable",
    "aggression") or refuses it ("has no intention of", "will not accept") opposes
    it; otherwise the claim supports it. A negated main verb ("did not violate")
    flips the verdict. The reason names the word that decided.
    """
    polarity, reason = 1, None
    content = _StemmedText(text)
    if tone == "critical":
        polarity, reason = -1, f"critical cue '{cue}'"
    else:
        word = content.first_phrase(rules.opposing_words)
        if word is not None:
            polarity, reason = -1, f"'{word}' in the content"
    refusal = content.first_phrase(rules.negating_phrases)
    privative = content.first_phrase(rules.privative_phrases)
    if polarity < 0 and privative:
        # "deplored the lack of unity": criticising the absence of a thing supports it
        polarity, reason = 1, f"{reason}, of '{privative}'"
    if negated:
        polarity = -polarity
        reason = f"{reason}, negated '{negated}'" if reason else f"negated '{negated}'"
    elif polarity > 0 and refusal:
        polarity, reason = -1, f"'{refusal}' in the content"
    if polarity < 0:
        return StanceDecision("oppose", reason)
    return StanceDecision("support", reason if reason else None)
