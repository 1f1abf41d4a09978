"""pandas DataFrames of claims, query results and analyses, with proper dtypes.

Each function is the DataFrame of a row helper of :mod:`stancegraph.tables`
(``claim_frame`` of ``claim_rows``, ...), with the same columns and values,
typed for analysis and plotting:

- dates (``published``, ``first``, ``last``, ``xsd:date`` results) are ``datetime64``
  (missing: ``NaT``);
- ``stance`` is a :class:`pandas.Categorical` in the stance scheme's order
  (support first, oppose last, by polarity); a side's stance on an issue also
  has ``mixed``, between them; ``verdict`` is a Categorical of the verdicts;
- counts are integers (``int64``; ``Int64`` where a value can be missing), scores
  floats (missing: ``NaN``), flags booleans;
- IRIs are shortened (``side:china``) as the row helpers do.

pandas is the ``notebooks`` extra (``pip install 'stancegraph[notebooks]'``): it is
imported only when one of these functions runs, and a missing pandas is one
:class:`~stancegraph.errors.StanceGraphError` saying what to install.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancegraph.analysis.divergence import Lean, Verdict
from stancegraph.analysis.result import Analysis
from stancegraph.analysis.source import ClaimRecord
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import QueryError, StanceGraphError
from stancegraph.store.base import SelectResult
from stancegraph.tables import (
    CentralityOf,
    Row,
    centrality_rows,
    claim_rows,
    index_rows,
    issue_rows,
    pair_window_rows,
    result_rows,
    side_claim_rows,
    topic_rows,
)
from stancegraph.vocab.model import Vocabulary

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLAIM_COLUMNS",
    "INDEX_SCOPES",
    "ISSUE_VERDICTS",
    "LEANS",
    "RECORD_COLUMNS",
    "VERDICTS",
    "centrality_frame",
    "claim_frame",
    "claims_frame",
    "divergence_frame",
    "index_frame",
    "issue_frame",
    "pair_window_frame",
    "records_frame",
    "result_frame",
    "side_claims_frame",
    "stance_order",
    "topic_frame",
]

#: The columns of :func:`claim_frame` (those of :func:`stancegraph.tables.claim_rows`).
CLAIM_COLUMNS = (
    "article",
    "published",
    "claim",
    "claimant",
    "mention",
    "side",
    "issue",
    "stance",
    "position",
    "cue",
    "quote",
    "start",
    "end",
    "target",
    "conditional",
    "confidence",
    "note",
)
#: A side's stance on an issue, in the stance scheme's order with ``mixed`` between.
LEANS: tuple[Lean, ...] = ("support", "mixed", "oppose")
#: The verdicts of topics, in the order the analysis explains them.
VERDICTS: tuple[Verdict, ...] = typing.get_args(Verdict)
#: The verdicts of issues (only a topic can be ``talking-past``).
ISSUE_VERDICTS: tuple[Verdict, ...] = tuple(v for v in VERDICTS if v != "talking-past")
#: The scopes of :func:`index_frame`.
INDEX_SCOPES = ("corpus", "article", "window")

_INSTALL = (
    "pandas is not installed: install the notebooks extra, pip install 'stancegraph[notebooks]'"
)


def _require_pandas() -> None:
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise StanceGraphError(_INSTALL) from exc


def _frame(rows: list[Row], columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def _dates(frame: pd.DataFrame, *columns: str) -> None:
    import pandas as pd

    for column in columns:
        frame[column] = pd.to_datetime(frame[column])


def _ints(frame: pd.DataFrame, *columns: str) -> None:
    for column in columns:
        frame[column] = frame[column].astype("Int64" if frame[column].isna().any() else "int64")


def _floats(frame: pd.DataFrame, *columns: str) -> None:
    for column in columns:
        frame[column] = frame[column].astype("float64")


def _bools(frame: pd.DataFrame, *columns: str) -> None:
    for column in columns:
        frame[column] = frame[column].astype("boolean" if frame[column].isna().any() else "bool")


def _categories(frame: pd.DataFrame, column: str, order: Sequence[str], *, ordered: bool) -> None:
    """*column* as a Categorical of *order*, then any other value it holds (sorted), so no
    value becomes NaN."""
    import pandas as pd

    extra = sorted({str(v) for v in frame[column].dropna()} - set(order))
    frame[column] = pd.Categorical(frame[column], categories=[*order, *extra], ordered=ordered)


def stance_order(vocabulary: Vocabulary | None = None) -> tuple[str, ...]:
    """The stance ids of the stance scheme of *vocabulary* (default: the packaged one),
    highest polarity first (``support``, then ``oppose``)."""
    if vocabulary is None:
        from stancegraph.vocab.model import load_vocabulary

        vocabulary = load_vocabulary()
    stances = vocabulary.stances.values()
    return tuple(s.id for s in sorted(stances, key=lambda s: (-s.polarity, s.id)))


def claim_frame(
    articles: Iterable[ArticleClaims], vocabulary: Vocabulary | None = None
) -> pd.DataFrame:
    """One row per claim, in file order (:func:`~stancegraph.tables.claim_rows`):
    ``published`` a date, ``stance`` a Categorical in the scheme's order of *vocabulary*
    (default: the packaged stance scheme), ``start``/``end`` integers."""
    _require_pandas()
    frame = _frame(claim_rows(articles), CLAIM_COLUMNS)
    _dates(frame, "published")
    _categories(frame, "stance", stance_order(vocabulary), ordered=True)
    _ints(frame, "start", "end")
    _bools(frame, "conditional")
    _floats(frame, "confidence")
    return frame


def issue_frame(analysis: Analysis) -> pd.DataFrame:
    """The divergence map (:func:`~stancegraph.tables.issue_rows`): one row per issue,
    ``verdict`` and each side's stance Categoricals, ``distance`` a float (NaN where
    the sides do not both raise the issue), ``claims`` an integer."""
    _require_pandas()
    a, b = analysis.side_labels
    columns = ("issue", "label", "topic", "verdict", a, b, "distance", "claims")
    frame = _frame(issue_rows(analysis), columns)
    _categories(frame, "verdict", ISSUE_VERDICTS, ordered=False)
    for side in (a, b):
        _categories(frame, side, LEANS, ordered=True)
    _floats(frame, "distance")
    _ints(frame, "claims")
    return frame


def side_claims_frame(analysis: Analysis) -> pd.DataFrame:
    """Claims of each side of the pair on each issue of the map
    (:func:`~stancegraph.tables.side_claim_rows`): columns ``issue``, ``label`` and one
    integer column per side, named by its label; ``frame.plot.barh(x="label")`` draws it."""
    _require_pandas()
    a, b = analysis.side_labels
    frame = _frame(side_claim_rows(analysis), ("issue", "label", a, b))
    _ints(frame, a, b)
    return frame


def topic_frame(analysis: Analysis) -> pd.DataFrame:
    """The roll-up along ``skos:broader`` (:func:`~stancegraph.tables.topic_rows`): counts
    as integers, ``verdict`` a Categorical, ``contested`` a boolean."""
    _require_pandas()
    a, b = analysis.side_labels
    counts = ("convergent", "divergent", "mixed", f"only {a}", f"only {b}")
    columns = ("topic", "label", "verdict", *counts, "contested")
    frame = _frame(topic_rows(analysis), columns)
    _categories(frame, "verdict", VERDICTS, ordered=False)
    _ints(frame, *counts)
    _bools(frame, "contested")
    return frame


def index_frame(analysis: Analysis, scope: str | None = None) -> pd.DataFrame:
    """The talking-past and divergence indexes (:func:`~stancegraph.tables.index_rows`)
    of the corpus, each article and each window, or of the *scope* given only
    (``"corpus"``, ``"article"`` or ``"window"``): ``first``/``last`` dates, counts
    integers, the indexes floats (NaN where undefined)."""
    _require_pandas()
    if scope is not None and scope not in INDEX_SCOPES:
        raise StanceGraphError(f"unknown scope {scope!r}: use one of {', '.join(INDEX_SCOPES)}")
    columns = ("scope", "name", "first", "last", "articles", "claims", "issues", "shared")
    rows = [r for r in index_rows(analysis) if scope is None or r["scope"] == scope]
    frame = _frame(rows, (*columns, "talking_past", "divergence"))
    _dates(frame, "first", "last")
    _ints(frame, "articles", "claims", "issues", "shared")
    _floats(frame, "talking_past", "divergence")
    return frame


#: The columns of :func:`pair_window_frame`.
PAIR_WINDOW_COLUMNS = (
    "a",
    "b",
    "pair",
    "window",
    "first",
    "last",
    "articles",
    "claims",
    "issues",
    "shared",
    "talking_past",
    "divergence",
)


def pair_window_frame(analysis: Analysis) -> pd.DataFrame:
    """The indexes of every pair of sides in each time window
    (:func:`~stancegraph.tables.pair_window_rows`; analyse with a window, e.g.
    ``AnalysisOptions(window="month")``): one row per pair and window, ``window`` the
    period (``2024-04``), ``first``/``last`` dates, counts integers, the indexes floats
    (NaN where undefined). ``frame.pivot(index="window", columns="pair",
    values="divergence")`` is the divergence index per month per pair, ready to plot."""
    _require_pandas()
    frame = _frame(pair_window_rows(analysis), PAIR_WINDOW_COLUMNS)
    _dates(frame, "first", "last")
    _ints(frame, "articles", "claims", "issues", "shared")
    _floats(frame, "talking_past", "divergence")
    return frame


def centrality_frame(analysis: Analysis, of: CentralityOf = "actors") -> pd.DataFrame:
    """Who bridges (:func:`~stancegraph.tables.centrality_rows`): actors (or issues) by
    betweenness, most central first; ties across as integers, the measures floats."""
    _require_pandas()
    rows = centrality_rows(analysis, of)
    group = "side" if of == "actors" else "topic"
    columns = ("node", "label", group, "betweenness", "degree", f"cross_{group}")
    frame = _frame(rows, columns)
    _floats(frame, "betweenness", "degree")
    _ints(frame, f"cross_{group}")
    return frame


def _column_kind(values: list[Any]) -> str:
    """What the non-missing *values* of a result column all are."""
    if not values:
        return "empty"
    if all(isinstance(v, bool) for v in values):
        return "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    if all(isinstance(v, dt.datetime) for v in values):
        aware = {v.tzinfo is not None for v in values}
        return "datetime" if len(aware) == 1 else "object"
    if all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in values):
        return "date"
    if all(isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in values):
        return "float"
    if all(isinstance(v, str) for v in values):
        return "str"
    return "object"


def result_frame(result: SelectResult, *, short: bool = True) -> pd.DataFrame:
    """The rows of a SELECT result (:func:`~stancegraph.tables.result_rows`), a column per
    variable: IRIs as ``prefix:name`` (``short=False``: full IRIs), ``xsd:date`` and
    ``xsd:dateTime`` as ``datetime64``, integers (counts) as integers, decimals and
    doubles as floats, booleans as booleans, strings (language-tagged too) as plain
    strings. A column whose values are of mixed kinds, or out of range, is left as they are."""
    _require_pandas()
    import pandas as pd

    if not isinstance(result, SelectResult):
        raise QueryError(
            f"result_frame takes the result of a SELECT query, not a {type(result).__name__}"
        )
    rows = result_rows(result, short=short)
    frame = _frame(rows, result.variables)
    for column in result.variables:
        values = [row[column] for row in rows if row.get(column) is not None]
        kind = _column_kind(values)
        try:
            if kind == "bool":
                _bools(frame, column)
            elif kind == "int":
                _ints(frame, column)
            elif kind == "date":
                frame[column] = pd.to_datetime(frame[column])
            elif kind == "datetime":
                frame[column] = pd.to_datetime(frame[column], utc=values[0].tzinfo is not None)
            elif kind == "float":
                frame[column] = [None if pd.isna(v) else float(v) for v in frame[column]]
                _floats(frame, column)
            elif kind == "str":
                # rdflib's Literal is a str that never equals a plain str: make them plain
                frame[column] = [None if pd.isna(v) else str(v) for v in frame[column]]
        except (OverflowError, ValueError, TypeError):  # e.g. a date or integer out of range
            frame[column] = [row.get(column) for row in rows]
    return frame


#: The columns of :func:`records_frame`: the fields of a claim record, in order.
RECORD_COLUMNS = (
    "article",
    "published",
    "claim",
    "claimant",
    "claimant_name",
    "side",
    "issue",
    "stance",
    "polarity",
    "position",
    "quote",
    "start",
    "end",
    "confidence",
    "strength",
    "conditional",
    "target",
)


def records_frame(
    records: Sequence[ClaimRecord], vocabulary: Vocabulary | None = None
) -> pd.DataFrame:
    """One row per claim record, what the analysis counts (ids, not labels): ``side``
    and ``issue`` Categoricals (sorted), ``stance`` in the scheme's order, ``published``
    a date, offsets and polarity integers. Built column by column: 100,000 records in
    well under a second."""
    _require_pandas()
    import pandas as pd

    columns = {name: [getattr(r, name) for r in records] for name in RECORD_COLUMNS}
    frame = pd.DataFrame(columns, columns=list(RECORD_COLUMNS))
    _dates(frame, "published")
    for column in ("side", "issue"):
        _categories(frame, column, sorted({str(v) for v in columns[column]}), ordered=False)
    _categories(frame, "stance", stance_order(vocabulary), ordered=True)
    _ints(frame, "polarity", "start", "end")
    _floats(frame, "confidence", "strength")
    _bools(frame, "conditional")
    return frame


def claims_frame(
    source: Path | str | Iterable[ArticleClaims] | None = None,
    *,
    endpoint: str | None = None,
    vocab: Sequence[Path] = (),
) -> pd.DataFrame:
    """The claims of *source* as :func:`records_frame` gives them: a store folder or an
    RDF file (default ``out/store``), the SPARQL endpoint *endpoint*, or claims files
    already read (:class:`~stancegraph.claims.io.ArticleClaims`)."""
    from stancegraph.analysis.source import records_from_claims
    from stancegraph.pipeline.analyze import read_records
    from stancegraph.vocab.model import load_vocabulary

    _require_pandas()
    vocabulary = load_vocabulary(vocab)
    if source is None or isinstance(source, str | Path):
        path = None if source is None else Path(source)
        records, vocabulary = read_records(path, vocabulary, endpoint=endpoint, vocab=vocab)
    else:
        records = tuple(records_from_claims(list(source), vocabulary))
    return records_frame(records, vocabulary)


def divergence_frame(analysis: Analysis) -> pd.DataFrame:
    """The divergence map of the pair *analysis* compares, one row per issue: the same
    frame as :func:`issue_frame` (verdicts and both sides' stances)."""
    return issue_frame(analysis)
