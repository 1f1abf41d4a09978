"""One analysis, whole: the options, the graphs, the verdicts and the indexes.

:func:`analyze_records` runs every step of :mod:`stancegraph.analysis` on a set
of claim records and returns an :class:`Analysis`, a frozen value that holds the
NetworkX graphs and the verdicts. Rendering (Markdown, JSON, tables), exports
and drawing all read from it; none of them recomputes anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from stancegraph.analysis.coverage import Coverage, coverage_of
from stancegraph.analysis.divergence import (
    DEFAULT_LEAN,
    WINDOWS,
    IssueContest,
    IssueVerdict,
    PairWindows,
    ScopedIndexes,
    TopicVerdict,
    Window,
    contested_issues,
    indexes_by_article,
    indexes_by_window,
    issue_verdicts,
    pair_indexes,
    pair_indexes_by_window,
    roll_up,
)
from stancegraph.analysis.graph import (
    actor_issue_graph,
    pair_issue_graph,
    side_issue_graph,
    side_label,
)
from stancegraph.analysis.networks import (
    ActorNetworks,
    Balance,
    Centrality,
    ProjectionOptions,
    actor_centrality,
    actor_networks,
    issue_centrality,
    issue_cooccurrence,
    structural_balance,
)
from stancegraph.analysis.sides import PairSummary, SidePair, choose_sides, side_pairs
from stancegraph.analysis.source import ClaimRecord, filter_records
from stancegraph.collector import rarer_collections
from stancegraph.errors import AnalysisError
from stancegraph.vocab.model import Vocabulary

__all__ = ["NO_OTHER_SIDE", "Analysis", "AnalysisOptions", "analyze_records"]

#: The label of side B in a one-sided map.
NO_OTHER_SIDE = "no other side"


@dataclass(frozen=True)
class AnalysisOptions:
    """What to compare and how: sides, confidence floor, lean, windows, projections."""

    sides: tuple[str, str] | None = None
    min_confidence: float = 0.0
    lean: float = DEFAULT_LEAN
    window: Window | None = None
    projection: ProjectionOptions = field(default_factory=ProjectionOptions)

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise AnalysisError(
                f"--min-confidence must be between 0 and 1, not {self.min_confidence}"
            )
        if not 0.0 < self.lean <= 1.0:
            raise AnalysisError(f"--lean must be above 0 and at most 1, not {self.lean}")
        if self.window is not None and self.window not in WINDOWS:
            raise AnalysisError(f"unknown window {self.window!r}: use one of {', '.join(WINDOWS)}")


@dataclass(frozen=True)
class Analysis:
    """Everything the analysis found; graphs are NetworkX, the rest plain values.

    *pair* is the two sides compared and why; *pairs* every pair of sides sharing an
    issue; *pair_graph* the pair's actors and issues, other sides aggregated;
    *coverage* the claims of unknown side or with no issue, which the map leaves out;
    *side_names* the label of every side with claims, most claims first.
    """

    options: AnalysisOptions
    records: tuple[ClaimRecord, ...]
    pair: SidePair
    side_labels: tuple[str, str]
    bipartite: nx.Graph = field(repr=False, compare=False)
    sides_graph: nx.Graph = field(repr=False, compare=False)
    pair_graph: nx.Graph = field(repr=False, compare=False)
    issues: tuple[IssueVerdict, ...]
    topics: tuple[TopicVerdict, ...]
    corpus: ScopedIndexes
    per_article: tuple[ScopedIndexes, ...]
    per_window: tuple[ScopedIndexes, ...]
    contested: tuple[IssueContest, ...]
    networks: ActorNetworks = field(repr=False, compare=False)
    cooccurrence: nx.Graph = field(repr=False, compare=False)
    balance: Balance
    actor_centrality: tuple[Centrality, ...]
    issue_centrality: tuple[Centrality, ...]
    pairs: tuple[PairSummary, ...]
    coverage: Coverage
    side_names: Mapping[str, str] = field(compare=False)
    #: with a window: the indexes of every pair in *pairs*, window by window
    pair_windows: tuple[PairWindows, ...] = ()

    @property
    def side_a(self) -> str:
        """The first side compared."""
        return self.pair.a

    @property
    def side_b(self) -> str | None:
        """The second side compared (None in a one-sided map)."""
        return self.pair.b

    @property
    def one_sided(self) -> bool:
        """Whether one side only has claims, so every issue is one-sided."""
        return self.pair.one_sided

    @property
    def sides(self) -> tuple[str, ...]:
        """Every side with claims, most claims first (ties by id)."""
        return tuple(self.side_names)


def analyze_records(
    records: Sequence[ClaimRecord],
    vocabulary: Vocabulary,
    options: AnalysisOptions | None = None,
) -> Analysis:
    """Run the whole analysis on *records* (with the cyclic garbage collector run less
    often: see :mod:`stancegraph.collector`)."""
    with rarer_collections():
        return _analyze(records, vocabulary, options or AnalysisOptions())


def _analyze(
    records: Sequence[ClaimRecord], vocabulary: Vocabulary, options: AnalysisOptions
) -> Analysis:
    kept = filter_records(records, min_confidence=options.min_confidence)
    pair = choose_sides(kept, vocabulary, options.sides)
    a, b = pair.a, pair.b
    bipartite = actor_issue_graph(kept, vocabulary)
    verdicts = issue_verdicts(kept, vocabulary, a, b, lean=options.lean)
    networks = actor_networks(kept, bipartite, options.projection)
    cooccurrence = issue_cooccurrence(kept, bipartite, options.projection)
    dates = sorted({r.published for r in kept if r.published is not None})
    counts = Counter(r.side for r in kept)
    pairs = side_pairs(kept, vocabulary, lean=options.lean)
    return Analysis(
        options=options,
        records=kept,
        pair=pair,
        side_labels=(
            side_label(vocabulary, a),
            NO_OTHER_SIDE if b is None else side_label(vocabulary, b),
        ),
        bipartite=bipartite,
        sides_graph=side_issue_graph(kept, vocabulary),
        pair_graph=pair_issue_graph(kept, vocabulary, a, b),
        issues=verdicts,
        topics=roll_up(verdicts, vocabulary, a, b),
        corpus=ScopedIndexes(
            scope="corpus",
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
            articles=len({r.article for r in kept}),
            claims=len(kept),
            indexes=pair_indexes(verdicts),
        ),
        per_article=indexes_by_article(kept, vocabulary, a, b, lean=options.lean),
        per_window=()
        if options.window is None
        else indexes_by_window(kept, vocabulary, a, b, options.window, lean=options.lean),
        contested=contested_issues(kept, vocabulary),
        networks=networks,
        cooccurrence=cooccurrence,
        balance=structural_balance(networks.subtract),
        actor_centrality=actor_centrality(networks.congruence),
        issue_centrality=issue_centrality(cooccurrence),
        pairs=pairs,
        coverage=coverage_of(kept),
        side_names={
            s: side_label(vocabulary, s) for s in sorted(counts, key=lambda s: (-counts[s], s))
        },
        pair_windows=()
        if options.window is None
        else pair_indexes_by_window(
            kept, vocabulary, [(p.a, p.b) for p in pairs], options.window, lean=options.lean
        ),
    )
