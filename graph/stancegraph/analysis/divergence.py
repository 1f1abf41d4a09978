"""Where two sides converge, diverge, or talk past each other: verdicts, roll-up, indexes.

The rules (documented for users in ``notes/analysis.md``):

0. **Only classified claims.** A claim whose issue is ``unclassified`` is in no
   issue: it is never shared, never convergent or divergent, and never counted
   in an index (see :func:`~stancegraph.analysis.source.classified_records`).
1. **Stance units.** Repeated claims of one claimant on one issue with one
   polarity in one article count once (an actor repeating itself in a story is
   not more agreement); every claim is still kept as evidence.
2. **A side's stance on an issue** is ``score = (support - oppose) / (support +
   oppose)`` over its stance units, in -1..1. The side *supports* when ``score >=
   lean``, *opposes* when ``score <= -lean`` and is *mixed* otherwise (default
   ``lean = 0.5``: a side leans when its majority outnumbers the minority 3 to 1).
3. **Issue verdict** for sides A and B: *one-sided* when only one raises the
   issue (always, when there is no side B: a corpus with one side only); *mixed*
   when either side is mixed; *convergent* when both lean the same way;
   *divergent* when they lean opposite ways. The stance *distance* of
   a shared issue is ``|score_A - score_B| / 2``, in 0..1.
4. **Topic roll-up** along ``skos:broader``: a concept's subtree is every claimed
   issue under it (and itself). *one-sided* when only one side has claims in it;
   *talking-past* when both do but on no common issue; otherwise from its shared
   issues: *mixed* if any is mixed or some converge while others diverge,
   *divergent* if some diverge and none converge, else *convergent*. A topic is
   *contested* when a shared issue diverges or each side aims claims in it at the
   other (``target``): conflict even where their propositions differ.
5. **Indexes.** Talking-past: the share of the issues raised by either side that
   only one side raised. Divergence: the mean stance distance over shared issues
   (undefined without one). Computed over the corpus, per article, and per time
   window of article dates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from stancegraph.analysis.source import ClaimRecord, classified_records
from stancegraph.vocab.model import Vocabulary

__all__ = [
    "DEFAULT_LEAN",
    "WINDOWS",
    "IssueContest",
    "IssueVerdict",
    "Lean",
    "PairIndexes",
    "PairWindows",
    "ScopedIndexes",
    "SideStance",
    "TopicVerdict",
    "Verdict",
    "Window",
    "contested_issues",
    "indexes_by_article",
    "indexes_by_window",
    "issue_verdicts",
    "pair_indexes",
    "pair_indexes_by_window",
    "period_of",
    "roll_up",
    "side_stances",
    "stance_indexes",
]

#: A side leans one way when |score| reaches this.
DEFAULT_LEAN = 0.5
#: Time windows over article dates.
WINDOWS = ("week", "month", "quarter", "year")

Lean = Literal["support", "oppose", "mixed"]
Verdict = Literal["convergent", "divergent", "mixed", "one-sided", "talking-past"]
Window = Literal["week", "month", "quarter", "year"]


@dataclass(frozen=True)
class SideStance:
    """One side's stance on one issue: stance units of each polarity, and the claims."""

    side: str
    support: int
    oppose: int
    claims: tuple[ClaimRecord, ...]

    @property
    def score(self) -> float:
        """(support - oppose) / (support + oppose), in -1..1."""
        total = self.support + self.oppose
        return 0.0 if total == 0 else (self.support - self.oppose) / total

    def lean(self, threshold: float = DEFAULT_LEAN) -> Lean:
        """Which way the side leans on the issue."""
        if self.score >= threshold:
            return "support"
        if self.score <= -threshold:
            return "oppose"
        return "mixed"


@dataclass(frozen=True)
class IssueVerdict:
    """How sides A and B stand on one issue, and the claims behind it."""

    issue: str
    label: str
    topic: str
    verdict: Verdict
    a: SideStance | None
    b: SideStance | None
    distance: float | None

    @property
    def shared(self) -> bool:
        """Whether both sides raised the issue."""
        return self.a is not None and self.b is not None

    @property
    def claims(self) -> tuple[ClaimRecord, ...]:
        """Every claim of either side on the issue."""
        return (self.a.claims if self.a else ()) + (self.b.claims if self.b else ())


@dataclass(frozen=True)
class TopicVerdict:
    """A broader concept of the scheme, rolled up from the issues under it."""

    topic: str
    label: str
    depth: int
    verdict: Verdict
    engaged_by: tuple[str, ...]
    issues: tuple[str, ...]
    convergent: int
    divergent: int
    mixed: int
    only_a: int
    only_b: int
    mutual_targeting: bool

    @property
    def contested(self) -> bool:
        """A shared issue diverges, or each side aims claims here at the other."""
        return self.divergent > 0 or self.mutual_targeting


@dataclass(frozen=True)
class PairIndexes:
    """Counts and indexes of the issue verdicts of one pair of sides."""

    issues: int
    shared: int
    only_a: int
    only_b: int
    convergent: int
    divergent: int
    mixed: int
    talking_past: float | None
    divergence: float | None


@dataclass(frozen=True)
class ScopedIndexes:
    """The indexes over one scope: the corpus, an article, or a time window."""

    scope: str
    first: dt.date | None
    last: dt.date | None
    articles: int
    claims: int
    indexes: PairIndexes


@dataclass(frozen=True)
class IssueContest:
    """How contested an issue is across all actors: who supports, who opposes."""

    issue: str
    label: str
    supporters: tuple[str, ...]
    opponents: tuple[str, ...]
    claims: tuple[ClaimRecord, ...]

    @property
    def conflict_pairs(self) -> int:
        """Pairs of actors on opposite sides of the issue."""
        return len(self.supporters) * len(self.opponents)


def _label(vocabulary: Vocabulary, concept: str) -> str:
    known = vocabulary.issues.get(concept)
    return known.label if known is not None else concept


def _side_stance(side: str, claims: Sequence[ClaimRecord]) -> SideStance:
    units = {(c.article, c.claimant, c.polarity) for c in claims}
    return SideStance(
        side=side,
        support=sum(1 for u in units if u[2] > 0),
        oppose=sum(1 for u in units if u[2] < 0),
        claims=tuple(claims),
    )


def _verdict(a: SideStance | None, b: SideStance | None, lean: float) -> Verdict:
    if a is None or b is None:
        return "one-sided"
    la, lb = a.lean(lean), b.lean(lean)
    if "mixed" in (la, lb):
        return "mixed"
    return "convergent" if la == lb else "divergent"


def issue_verdicts(
    records: Iterable[ClaimRecord],
    vocabulary: Vocabulary,
    a: str,
    b: str | None,
    *,
    lean: float = DEFAULT_LEAN,
) -> tuple[IssueVerdict, ...]:
    """A verdict for every (classified) issue side *a* or side *b* raised, in issue-id
    order; with no side *b*, every issue is one-sided."""
    grouped: defaultdict[str, defaultdict[str, list[ClaimRecord]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for record in classified_records(records):
        if record.side == a or record.side == b:
            grouped[record.issue][record.side].append(record)
    verdicts = []
    for issue, per_side in sorted(grouped.items()):
        sa = _side_stance(a, per_side[a]) if per_side.get(a) else None
        sb = _side_stance(b, per_side[b]) if b is not None and per_side.get(b) else None
        distance = abs(sa.score - sb.score) / 2 if sa and sb else None
        verdicts.append(
            IssueVerdict(
                issue=issue,
                label=_label(vocabulary, issue),
                topic=vocabulary.topic_of(issue),
                verdict=_verdict(sa, sb, lean),
                a=sa,
                b=sb,
                distance=distance,
            )
        )
    return tuple(verdicts)


def _topic_verdict(engaged: int, conv: int, div: int, mixed: int) -> Verdict:
    if engaged < 2:
        return "one-sided"
    if conv + div + mixed == 0:
        return "talking-past"
    if mixed or (div and conv):
        return "mixed"
    return "divergent" if div else "convergent"


def roll_up(
    verdicts: Sequence[IssueVerdict], vocabulary: Vocabulary, a: str, b: str | None
) -> tuple[TopicVerdict, ...]:
    """A verdict for every broader concept above a claimed issue, top concepts first."""
    under: defaultdict[str, list[IssueVerdict]] = defaultdict(list)
    for verdict in verdicts:
        for concept in vocabulary.ancestors(verdict.issue):
            under[concept].append(verdict)
    for concept in list(under):
        direct = [v for v in verdicts if v.issue == concept]
        under[concept].extend(direct)
    topics = []
    for concept, items in under.items():
        counts = Counter(v.verdict for v in items if v.shared)
        side_a = any(v.a for v in items)
        side_b = any(v.b for v in items)
        targets_b = b is not None and any(c.target == b for v in items if v.a for c in v.a.claims)
        targets_a = any(c.target == a for v in items if v.b for c in v.b.claims)
        topics.append(
            TopicVerdict(
                topic=concept,
                label=_label(vocabulary, concept),
                depth=len(vocabulary.ancestors(concept)),
                verdict=_topic_verdict(
                    int(side_a) + int(side_b),
                    counts["convergent"],
                    counts["divergent"],
                    counts["mixed"],
                ),
                engaged_by=tuple(s for s, on in ((a, side_a), (b, side_b)) if on and s is not None),
                issues=tuple(sorted(v.issue for v in items)),
                convergent=counts["convergent"],
                divergent=counts["divergent"],
                mixed=counts["mixed"],
                only_a=sum(1 for v in items if v.a and not v.b),
                only_b=sum(1 for v in items if v.b and not v.a),
                mutual_targeting=targets_a and targets_b,
            )
        )
    return tuple(sorted(topics, key=lambda t: (t.depth, t.label, t.topic)))


def _indexes(
    issues: int, only_a: int, only_b: int, shared: Sequence[tuple[Verdict, float]]
) -> PairIndexes:
    """The indexes from the counts of issues and the (verdict, distance) of shared ones."""
    counts = Counter(verdict for verdict, _ in shared)
    return PairIndexes(
        issues=issues,
        shared=len(shared),
        only_a=only_a,
        only_b=only_b,
        convergent=counts["convergent"],
        divergent=counts["divergent"],
        mixed=counts["mixed"],
        talking_past=(only_a + only_b) / issues if issues else None,
        divergence=sum(d for _, d in shared) / len(shared) if shared else None,
    )


def pair_indexes(verdicts: Sequence[IssueVerdict]) -> PairIndexes:
    """The talking-past and divergence indexes of *verdicts*."""
    return _indexes(
        len(verdicts),
        sum(1 for v in verdicts if v.a and not v.b),
        sum(1 for v in verdicts if v.b and not v.a),
        [(v.verdict, v.distance) for v in verdicts if v.shared and v.distance is not None],
    )


def side_stances(records: Iterable[ClaimRecord]) -> dict[str, dict[str, SideStance]]:
    """Every side's stance on every (classified) issue it raised: side -> issue -> stance."""
    grouped: defaultdict[str, defaultdict[str, list[ClaimRecord]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for record in classified_records(records):
        grouped[record.side][record.issue].append(record)
    return {
        side: {issue: _side_stance(side, claims) for issue, claims in sorted(per_issue.items())}
        for side, per_issue in sorted(grouped.items())
    }


def stance_indexes(
    a: Mapping[str, SideStance], b: Mapping[str, SideStance], *, lean: float = DEFAULT_LEAN
) -> PairIndexes:
    """The indexes of two sides from their stances by issue (see :func:`side_stances`):
    what ``pair_indexes(issue_verdicts(...))`` gives, without building the verdicts, for
    comparing many pairs."""
    shared = sorted(a.keys() & b.keys())
    return _indexes(
        len(a.keys() | b.keys()),
        len(a) - len(shared),
        len(b) - len(shared),
        [(_verdict(a[i], b[i], lean), abs(a[i].score - b[i].score) / 2) for i in shared],
    )


def _scoped(
    scope: str,
    records: Sequence[ClaimRecord],
    a: str,
    b: str | None,
    lean: float,
) -> ScopedIndexes:
    dates = sorted({r.published for r in records if r.published is not None})
    return ScopedIndexes(
        scope=scope,
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        articles=len({r.article for r in records}),
        claims=len(records),
        indexes=_pair_indexes_of(records, a, b, lean),
    )


def _pair_indexes_of(
    records: Sequence[ClaimRecord], a: str, b: str | None, lean: float
) -> PairIndexes:
    """``pair_indexes(issue_verdicts(records, ...))``, from the two sides' stances."""
    stances = side_stances([r for r in records if r.side == a or r.side == b])
    return stance_indexes(
        stances.get(a, {}), stances.get(b, {}) if b is not None else {}, lean=lean
    )


def indexes_by_article(
    records: Sequence[ClaimRecord],
    vocabulary: Vocabulary,
    a: str,
    b: str | None,
    *,
    lean: float = DEFAULT_LEAN,
) -> tuple[ScopedIndexes, ...]:
    """The indexes of each article, in article-id order."""
    grouped: defaultdict[str, list[ClaimRecord]] = defaultdict(list)
    for record in records:
        grouped[record.article].append(record)
    return tuple(_scoped(article, items, a, b, lean) for article, items in sorted(grouped.items()))


def period_of(when: dt.date | None, window: Window) -> str:
    """The label of the *window* that holds *when* ('undated' when unknown)."""
    if when is None:
        return "undated"
    if window == "year":
        return f"{when.year}"
    if window == "quarter":
        return f"{when.year}-Q{(when.month - 1) // 3 + 1}"
    if window == "month":
        return f"{when.year}-{when.month:02d}"
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def indexes_by_window(
    records: Sequence[ClaimRecord],
    vocabulary: Vocabulary,
    a: str,
    b: str | None,
    window: Window,
    *,
    lean: float = DEFAULT_LEAN,
) -> tuple[ScopedIndexes, ...]:
    """The indexes of each time *window* of article dates, oldest first, undated last."""
    grouped: defaultdict[str, list[ClaimRecord]] = defaultdict(list)
    for record in records:
        grouped[period_of(record.published, window)].append(record)
    order = sorted(grouped, key=lambda p: (p == "undated", p))
    return tuple(_scoped(p, grouped[p], a, b, lean) for p in order)


@dataclass(frozen=True)
class PairWindows:
    """The indexes of one pair of sides in each time window where either of them has
    claims (counted over the two sides' claims only), oldest first, undated last."""

    a: str
    b: str
    windows: tuple[ScopedIndexes, ...]


@dataclass(frozen=True)
class _SideWindow:
    """What one side said in one window: its stances by issue, dates, articles, claims."""

    stances: Mapping[str, SideStance]
    dates: frozenset[dt.date]
    articles: frozenset[str]
    claims: int


_NOTHING = _SideWindow({}, frozenset(), frozenset(), 0)


def _side_window(side: str, records: Sequence[ClaimRecord]) -> _SideWindow:
    return _SideWindow(
        stances=side_stances(records).get(side, {}),
        dates=frozenset(r.published for r in records if r.published is not None),
        articles=frozenset(r.article for r in records),
        claims=len(records),
    )


def pair_indexes_by_window(
    records: Sequence[ClaimRecord],
    vocabulary: Vocabulary,
    pairs: Iterable[tuple[str, str]],
    window: Window,
    *,
    lean: float = DEFAULT_LEAN,
) -> tuple[PairWindows, ...]:
    """For each pair of sides in *pairs*, its indexes per time *window*: how the
    divergence of every pair the corpus holds moves over a long corpus.

    What :func:`indexes_by_window` gives on the two sides' records, from each side's
    stances in each window, found once (not the corpus filtered for every pair)."""
    del vocabulary  # the indexes need no labels
    pairs = list(pairs)
    wanted = {side for pair in pairs for side in pair}
    grouped: defaultdict[str, defaultdict[str, list[ClaimRecord]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for record in records:
        if record.side in wanted:
            grouped[record.side][period_of(record.published, window)].append(record)
    said = {
        (side, period): _side_window(side, items)
        for side, periods in grouped.items()
        for period, items in periods.items()
    }

    def windows(a: str, b: str) -> tuple[ScopedIndexes, ...]:
        periods = set(grouped.get(a, {})) | set(grouped.get(b, {}))
        scoped = []
        for period in sorted(periods, key=lambda p: (p == "undated", p)):
            sa, sb = said.get((a, period), _NOTHING), said.get((b, period), _NOTHING)
            dates = sa.dates | sb.dates
            scoped.append(
                ScopedIndexes(
                    scope=period,
                    first=min(dates) if dates else None,
                    last=max(dates) if dates else None,
                    articles=len(sa.articles | sb.articles),
                    claims=sa.claims + sb.claims,
                    indexes=stance_indexes(sa.stances, sb.stances, lean=lean),
                )
            )
        return tuple(scoped)

    return tuple(PairWindows(a=a, b=b, windows=windows(a, b)) for a, b in pairs)


def contested_issues(
    records: Iterable[ClaimRecord], vocabulary: Vocabulary
) -> tuple[IssueContest, ...]:
    """Issues (classified ones) on which some actors support and others oppose (each actor
    by its net stance over its stance units), most actor pairs in conflict first."""
    grouped: defaultdict[str, list[ClaimRecord]] = defaultdict(list)
    for record in classified_records(records):
        grouped[record.issue].append(record)
    contests = []
    for issue, claims in grouped.items():
        net: Counter[str] = Counter()
        for article, claimant, polarity in {(c.article, c.claimant, c.polarity) for c in claims}:
            del article
            net[claimant] += polarity
        supporters = tuple(sorted(a for a, n in net.items() if n > 0))
        opponents = tuple(sorted(a for a, n in net.items() if n < 0))
        if supporters and opponents:
            contests.append(
                IssueContest(
                    issue=issue,
                    label=_label(vocabulary, issue),
                    supporters=supporters,
                    opponents=opponents,
                    claims=tuple(claims),
                )
            )
    return tuple(sorted(contests, key=lambda c: (-c.conflict_pairs, -len(c.claims), c.issue)))
