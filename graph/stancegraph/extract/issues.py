"""Issue assignment: which proposition of the SKOS scheme a claim's evidence is about.

Each proposition (a concept with a broader topic) is scored against the
evidence by stem overlap: a label or altLabel phrase found whole counts most,
single words of the prefLabel next, words of the definition least. The best
issue above a threshold wins; other issues found by a phrase of their own are
returned too (a statement listing several grievances bears on several
propositions). Nothing above the threshold: ``unclassified`` with a suggested
label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stancegraph.vocab.model import UNCLASSIFIED, Issue, Vocabulary

__all__ = ["IssueIndex", "IssueMatch", "stem", "stems"]

_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "his",
        "her",
        "our",
        "your",
        "they",
        "we",
        "he",
        "she",
        "i",
        "you",
        "not",
        "no",
        "but",
        "if",
        "than",
        "then",
        "so",
        "such",
        "will",
        "would",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "all",
        "any",
        "each",
        "other",
        "more",
        "most",
        "some",
        "into",
        "over",
        "under",
        "about",
        "against",
        "between",
        "both",
        "after",
        "before",
        "while",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "there",
        "here",
        "also",
        "only",
        "very",
        "just",
        "us",
    ]
)
#: Below this score an issue is not assigned.
THRESHOLD = 2.0
#: A good fit names the proposition: a label or altLabel phrase of two words or more
#: ("South China Sea"), one word only when it is what the label is about ("tariffs" for
#: "Tariffs are justified"; "dialogue" for "Keep communication channels open" is a
#: topic, not the position), or at least this share of the label's words.
FIT_SHARE = 0.5


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The crude stem *stems* compares words by ("violations" -> "violat"); the words of
    news repeat, so each is stemmed once (up to 65,536 kept)."""
    for suffix in ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def stems(text: str) -> list[str]:
    """The stems of the content words of *text*, in order."""
    return [stem(w) for w in _WORD.findall(text.lower().replace("\u2019", "'")) if w not in _STOP]


@dataclass(frozen=True)
class IssueMatch:
    """An issue found for an evidence text, its score and whether its label was named."""

    issue: str
    label: str
    score: float
    definition: str
    label_words: frozenset[str]
    hit_words: frozenset[str]
    phrase_words: frozenset[str]


@dataclass(frozen=True)
class _Profile:
    issue: Issue
    phrases: tuple[tuple[str, ...], ...]
    label: frozenset[str]
    definition: frozenset[str]
    subject: str | None  # the label's first content word: what the proposition is about
    concerns: frozenset[str]  # sides the article must name for the proposition to fit
    names: frozenset[tuple[str, ...]]  # altLabels that are proper names: places, not positions


class IssueIndex:
    """The propositions of a vocabulary, prepared for scoring evidence texts."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.profiles = tuple(
            _Profile(
                issue=issue,
                phrases=tuple(
                    tuple(stems(p)) for p in sorted({issue.label, *issue.alt_labels}) if stems(p)
                ),
                label=frozenset(stems(issue.label)),
                definition=frozenset(stems(issue.definition or "")),
                subject=next(iter(stems(issue.label)), None),
                concerns=frozenset(issue.concerns),
                names=frozenset(
                    tuple(stems(p))
                    for p in issue.alt_labels
                    if stems(p) and all(w[:1].isupper() for w in p.split())
                ),
            )
            for issue in sorted(vocabulary.issues.values(), key=lambda i: i.id)
            if issue.broader is not None
            and issue.id != UNCLASSIFIED
            and issue.id not in vocabulary.generated_issues
        )
        self.lengths = sorted({len(p) for profile in self.profiles for p in profile.phrases})

    def score(self, text: str, sides: frozenset[str] | None = None) -> list[IssueMatch]:
        """Issues scoring at least the threshold for *text*, best first; with *sides* (the
        sides the article names), only propositions whose concerned sides are among them."""
        words = stems(text)
        bag = frozenset(words)
        grams = {tuple(words[i : i + n]) for n in self.lengths for i in range(len(words) - n + 1)}
        matches: list[IssueMatch] = []
        for profile in self.profiles:
            if sides is not None and not profile.concerns <= sides:
                continue
            phrase_words: set[str] = set()
            found = [p for p in profile.phrases if p in grams]
            for phrase in found:
                phrase_words.update(phrase)
            label_hits = len(bag & profile.label)
            score = 2.0 * len(phrase_words) + label_hits + 0.5 * len(bag & profile.definition)
            fits = any(
                (len(p) >= 2 and p not in profile.names) or p[0] == profile.subject for p in found
            ) or (label_hits >= 2 and label_hits >= FIT_SHARE * len(profile.label))
            if score >= THRESHOLD and fits:
                matches.append(
                    IssueMatch(
                        issue=profile.issue.id,
                        label=profile.issue.label,
                        score=score,
                        definition=profile.issue.definition or "",
                        label_words=profile.label,
                        hit_words=frozenset(phrase_words) | (bag & profile.label),
                        phrase_words=frozenset(phrase_words),
                    )
                )
        matches.sort(key=lambda m: (-m.score, m.issue))
        return matches

    def assign(
        self, text: str, *, limit: int = 1, sides: frozenset[str] | None = None
    ) -> list[IssueMatch]:
        """The best issue for *text* plus up to *limit* - 1 more named by a phrase of their
        own (*sides*: as for :meth:`score`)."""
        matches = self.score(text, sides)
        if not matches:
            return []
        best = [matches[0]]
        for match in matches[1:]:
            if len(best) >= limit:
                break
            own = match.phrase_words - frozenset().union(*(b.hit_words for b in best))
            if own and match.score >= 0.5 * matches[0].score:
                best.append(match)
        return best


def suggest_label(text: str) -> str:
    """A label for a new issue: the first content words of *text*."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _STOP]
    return " ".join(words[:6]) or "unlabelled position"
