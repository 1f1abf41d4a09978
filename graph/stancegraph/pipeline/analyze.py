"""``analyze``: an RDF file or a store -> the divergence analysis, its report and exports.

:func:`analyze` is what the ``analyze`` command calls; :func:`run_analysis` is
what ``run`` calls on the claims it has just built (it writes ``analysis.json``
and returns the Markdown section of ``report.md``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from stancegraph.analysis.coverage import Coverage, coverage_of, coverage_warnings
from stancegraph.analysis.export import export_analysis
from stancegraph.analysis.report import (
    analysis_document,
    analysis_to_markdown,
    comparison_text,
    coverage_to_markdown,
    issue_order,
)
from stancegraph.analysis.result import Analysis, AnalysisOptions, analyze_records
from stancegraph.analysis.sides import choose_sides
from stancegraph.analysis.source import (
    ClaimRecord,
    filter_records,
    records_from_claims,
    records_from_store,
    vocabulary_with_store_issues,
)
from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import AnalysisError
from stancegraph.jsontext import json_chunks
from stancegraph.spreadsheet import spreadsheet_cell
from stancegraph.store.open import open_source
from stancegraph.tables import issue_rows
from stancegraph.textio import write_atomic
from stancegraph.vocab.model import Vocabulary, load_vocabulary

__all__ = [
    "RunAnalysis",
    "analyse_claims",
    "analysis_csv_text",
    "analysis_json_chunks",
    "analysis_json_text",
    "analysis_report_section",
    "analyze",
    "export_analysis",
    "read_records",
    "run_analysis",
]


def read_records(
    source: Path | None,
    vocabulary: Vocabulary,
    *,
    endpoint: str | None = None,
    vocab: Sequence[Path] = (),
) -> tuple[tuple[ClaimRecord, ...], Vocabulary]:
    """The claims of *source* (a store folder or an RDF file) or of *endpoint*, and
    *vocabulary* with the emergent issues the data describes."""
    with open_source(source, endpoint, vocab=vocab) as store:
        vocabulary = vocabulary_with_store_issues(store, vocabulary)
        return records_from_store(store, vocabulary), vocabulary


def analyze(
    source: Path | None = None,
    *,
    endpoint: str | None = None,
    vocab: Sequence[Path] = (),
    options: AnalysisOptions | None = None,
) -> Analysis:
    """The divergence analysis of the claims in *source* (a store folder, default
    ``out/store``, or an RDF file) or at *endpoint*."""
    vocabulary = load_vocabulary(vocab)
    records, vocabulary = read_records(source, vocabulary, endpoint=endpoint, vocab=vocab)
    return analyze_records(records, vocabulary, options)


def analysis_report_section(analysis: Analysis) -> str:
    """The Markdown section ``run`` appends to ``report.md``."""
    return analysis_to_markdown(analysis, heading_level=2)


def analysis_json_text(analysis: Analysis) -> str:
    """*analysis* as JSON text: sorted keys, each claim, issue and pair one line
    (:func:`~stancegraph.jsontext.json_text`), the same bytes for the same analysis."""
    return "".join(analysis_json_chunks(analysis))


def analysis_json_chunks(analysis: Analysis) -> Iterator[str]:
    """:func:`analysis_json_text` in pieces as they are made (each claim made JSON-ready
    as it is written): what ``run`` writes to ``analysis.json``."""
    return json_chunks(analysis_document(analysis))


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4f}"
    return spreadsheet_cell(str(value))


def analysis_csv_text(analysis: Analysis) -> str:
    """The divergence map of *analysis* as CSV: one row per issue (the columns of
    :func:`~stancegraph.tables.issue_rows`: issue, label, topic, verdict, each side's
    stance, distance, claims), in the table's order: shared issues first (divergent, mixed,
    convergent), then each side's own. Text that a spreadsheet would run as a
    formula is quoted as text; the same analysis gives the same bytes."""
    order = {v.issue: issue_order(v) for v in analysis.issues}
    rows = sorted(issue_rows(analysis), key=lambda row: order[row["issue"]])
    a, b = analysis.side_labels
    columns = ("issue", "label", "topic", "verdict", a, b, "distance", "claims")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(c) for c in columns])
    writer.writerows([_csv_cell(row[c]) for c in columns] for row in rows)
    return buffer.getvalue()


@dataclass(frozen=True)
class RunAnalysis:
    """What ``run`` gets from the analysis step: the analysis, or why there is none; the
    Markdown section for ``report.md``; the claims the map leaves out, and the warnings
    (one line each, with the next step) when they are too many."""

    analysis: Analysis | None
    section: str
    coverage: Coverage
    warnings: tuple[str, ...] = ()
    skipped: str | None = None

    @property
    def comparison(self) -> str:
        """Which sides were compared and why, or why nothing was."""
        if self.analysis is None:
            return f"no divergence analysis: {self.skipped}"
        return f"compared {comparison_text(self.analysis)}"


def run_analysis(
    articles: Sequence[ArticleClaims],
    vocabulary: Vocabulary,
    json_path: Path,
    *,
    options: AnalysisOptions | None = None,
) -> RunAnalysis:
    """Analyse the claims ``run`` built and write *json_path*.

    A corpus that cannot be analysed (no claims, or none with a known side) is not an
    error for ``run``: the section and the JSON say why instead. A ``--sides`` value
    that is no side in the data is an error (:class:`AnalysisError`).
    """
    result, text = analyse_claims(articles, vocabulary, options=options)
    write_atomic(Path(json_path), text)
    return result


def analyse_claims(
    articles: Sequence[ArticleClaims],
    vocabulary: Vocabulary,
    *,
    options: AnalysisOptions | None = None,
) -> tuple[RunAnalysis, Iterable[str]]:
    """What :func:`run_analysis` returns, and the JSON text it writes, in pieces made as
    they are read (:func:`analysis_json_chunks`)."""
    records = records_from_claims(articles, vocabulary)
    coverage = coverage_of(records)
    warnings = coverage_warnings(coverage)
    if options is not None and options.sides is not None:
        kept = filter_records(records, min_confidence=options.min_confidence)
        if kept:
            choose_sides(kept, vocabulary, options.sides)
    try:
        analysis = analyze_records(records, vocabulary, options)
    except AnalysisError as exc:
        section = "\n".join(
            [
                "## Divergence",
                "",
                f"No divergence analysis: {exc}",
                "",
                *coverage_to_markdown(coverage),
            ]
        )
        skipped = RunAnalysis(
            analysis=None,
            section=section.rstrip() + "\n",
            coverage=coverage,
            warnings=warnings,
            skipped=str(exc),
        )
        return skipped, (json.dumps({"skipped": str(exc)}, ensure_ascii=False, indent=1) + "\n",)
    analysed = RunAnalysis(
        analysis=analysis,
        section=analysis_report_section(analysis),
        coverage=coverage,
        warnings=warnings,
    )
    return analysed, analysis_json_chunks(analysis)
