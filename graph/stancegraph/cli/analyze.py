"""``stancegraph analyze [SOURCE]``: the divergence map, the indexes, the contested issues."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from stancegraph.cli.common import (
    EndpointKindOption,
    EndpointOption,
    SidesOption,
    VocabOption,
    endpoint_kind,
    err_console,
    out_console,
    reporting_errors,
)
from stancegraph.defaults import DEFAULT_TOP_K, PAIRS_SHOWN

if TYPE_CHECKING:
    from stancegraph.analysis.result import Analysis


class OutputFormat(StrEnum):
    """How ``analyze`` prints its result."""

    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class WindowChoice(StrEnum):
    """Time windows over article dates."""

    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


class NormalizationChoice(StrEnum):
    """Normalisations of the one-mode networks."""

    none = "none"
    average = "average"
    jaccard = "jaccard"
    cosine = "cosine"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _print_pairs(analysis: Analysis) -> None:
    from rich.table import Table

    if len(analysis.sides) <= 2:
        return
    if not analysis.pairs:
        out_console.print("No two sides raise a common issue.")
        return
    pairs = Table(title="Every pair of sides that shares an issue (claims: on shared issues)")
    for column in ("sides", "claims", "issues", "shared", "conv/div/mixed", "talking-past", "div."):
        pairs.add_column(column)
    for p in analysis.pairs[:PAIRS_SHOWN]:
        ix = p.indexes
        pairs.add_row(
            escape(f"{p.a_label} and {p.b_label}"),
            str(p.shared_claims),
            str(ix.issues),
            str(ix.shared),
            f"{ix.convergent}/{ix.divergent}/{ix.mixed}",
            _num(ix.talking_past),
            _num(ix.divergence),
        )
    out_console.print(pairs)
    if len(analysis.pairs) > PAIRS_SHOWN:
        out_console.print(f"{len(analysis.pairs) - PAIRS_SHOWN} more pair(s): see --format json")


#: Rows of the per-window table of pairs shown in the terminal.
PAIR_WINDOW_ROWS = 60


def _print_pair_windows(analysis: Analysis) -> None:
    from rich.table import Table

    if len(analysis.sides) <= 2 or not analysis.pair_windows:
        return
    labels = {(p.a, p.b): f"{p.a_label} and {p.b_label}" for p in analysis.pairs}
    rows = [
        (labels[(pair.a, pair.b)], w)
        for pair in analysis.pair_windows
        for w in pair.windows
        if w.indexes.divergence is not None
    ]
    table = Table(
        title=f"Every pair, per {analysis.options.window} in which it shares an issue "
        "(claims: the two sides')"
    )
    for column in ("sides", analysis.options.window or "window", "claims", "shared", "div."):
        table.add_column(escape(column))
    for label, w in rows[:PAIR_WINDOW_ROWS]:
        table.add_row(
            escape(label), escape(w.scope), str(w.claims), str(w.indexes.shared),
            _num(w.indexes.divergence),
        )  # fmt: skip
    out_console.print(table if rows else "No pair shares an issue within one window.")
    if len(rows) > PAIR_WINDOW_ROWS:
        out_console.print(
            f"{len(rows) - PAIR_WINDOW_ROWS} more row(s): see --format json "
            "(indexes.per_pair_window) or sg.pair_window_frame in Python"
        )


def _print_tables(analysis: Analysis) -> None:
    from rich.table import Table

    from stancegraph.analysis.coverage import unresolved_text
    from stancegraph.analysis.report import comparison_text, issue_order, stance_cell

    la, lb = analysis.side_labels
    ix = analysis.corpus.indexes
    out_console.print(f"compared {escape(comparison_text(analysis))}")
    if analysis.one_sided:
        out_console.print(
            f"{escape(la)} only: a one-sided map of {ix.issues} issue(s); no shared issue, "
            "no divergence index"
        )
    else:
        out_console.print(
            f"{escape(la)} vs {escape(lb)}: talking-past index {_num(ix.talking_past)} "
            f"({ix.only_a + ix.only_b} of {ix.issues} issues raised by one side only); "
            f"divergence index {_num(ix.divergence)} over {ix.shared} shared issues"
        )
    coverage = analysis.coverage
    out_console.print(escape(unresolved_text(coverage)))
    out_console.print(
        f"no issue (unclassified): {coverage.unclassified} of {coverage.claims} claims, "
        "left out of the map"
    )
    _print_pairs(analysis)
    _print_pair_windows(analysis)
    issues = Table(title="Issue map")
    for column in ("issue", "verdict", la, lb, "distance"):
        issues.add_column(escape(column))
    for v in sorted(analysis.issues, key=issue_order):
        issues.add_row(
            escape(v.label),
            v.verdict,
            stance_cell(v.a, analysis.options.lean),
            stance_cell(v.b, analysis.options.lean),
            _num(v.distance),
        )
    out_console.print(issues)
    topics = Table(title="Topics")
    for column in ("topic", "verdict", "conv/div/mixed", f"only {la}", f"only {lb}", "contested"):
        topics.add_column(escape(column))
    for t in analysis.topics:
        topics.add_row(
            escape("  " * t.depth + t.label),
            t.verdict,
            f"{t.convergent}/{t.divergent}/{t.mixed}",
            str(t.only_a),
            str(t.only_b),
            "yes" if t.contested else "no",
        )
    out_console.print(topics)
    for contest in analysis.contested[:5]:
        out_console.print(f"[bold]{escape(contest.label)}[/bold]")
        for record in contest.claims[:6]:
            out_console.print(
                f'  {"+" if record.polarity > 0 else "-"} "{escape(record.quote)}" '
                f"({escape(record.claimant_name)}, {escape(record.key)})"
            )


def analyze_command(
    source: Annotated[
        Path | None,
        typer.Argument(help="An RDF file, or an embedded store folder (default: out/store)."),
    ] = None,
    sides: SidesOption = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="Output format (csv: the issue map, one row per issue)."
        ),
    ] = OutputFormat.table,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", help="Leave out claims coded with less.")
    ] = 0.0,
    lean: Annotated[
        float, typer.Option("--lean", help="|score| from which a side leans one way (0..1].")
    ] = 0.5,
    window: Annotated[
        WindowChoice | None, typer.Option("--window", help="Indexes per time window too.")
    ] = None,
    normalization: Annotated[
        NormalizationChoice,
        typer.Option("--normalization", help="Normalisation of the actor and issue networks."),
    ] = NormalizationChoice.average,
    min_weight: Annotated[
        float, typer.Option("--min-weight", help="Keep network ties stronger than this.")
    ] = 0.0,
    top_k: Annotated[
        int, typer.Option("--top-k", help="Keep each node's k strongest ties (0: all).")
    ] = DEFAULT_TOP_K,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export", help="Also write GraphML, GEXF, DNA statements CSV and matrices here."
        ),
    ] = None,
    dna3: Annotated[
        Path | None,
        typer.Option(
            "--dna3",
            help="Also write the claims as a DNA 3 database (.dna) here, for Leifeld's "
            "Discourse Network Analyzer and rDNA.",
        ),
    ] = None,
    endpoint: EndpointOption = None,
    endpoint_kind_: EndpointKindOption = None,
    vocab: VocabOption = None,
) -> None:
    """Where two sides converge, diverge, or talk past each other."""
    from stancegraph.analysis.networks import ProjectionOptions
    from stancegraph.analysis.result import AnalysisOptions
    from stancegraph.pipeline.analyze import (
        analysis_csv_text,
        analysis_json_text,
        analysis_report_section,
        analyze,
        export_analysis,
    )
    from stancegraph.store.open import using_endpoint_kind

    with reporting_errors(), using_endpoint_kind(endpoint_kind(endpoint_kind_)):
        options = AnalysisOptions(
            sides=sides,
            min_confidence=min_confidence,
            lean=lean,
            window=None if window is None else window.value,
            projection=ProjectionOptions(
                normalization=normalization.value, min_weight=min_weight, top_k=top_k
            ),
        )
        analysis = analyze(source, endpoint=endpoint, vocab=vocab or (), options=options)
        written = export_analysis(analysis, export) if export is not None else ()
        if dna3 is not None:
            from stancegraph.analysis.dna import read_documents
            from stancegraph.analysis.export import export_dna3

            documents = read_documents(source, endpoint=endpoint, vocab=vocab or ())
            dna = export_dna3(analysis, documents, dna3)
    if output_format is OutputFormat.json:
        out_console.out(analysis_json_text(analysis), end="")
    elif output_format is OutputFormat.csv:
        out_console.out(analysis_csv_text(analysis), end="")
    elif output_format is OutputFormat.markdown:
        out_console.out(analysis_report_section(analysis), end="")
    else:
        _print_tables(analysis)
    if written:
        err_console.print(f"wrote {len(written)} file(s) to {export}", markup=False)
    if dna3 is not None:
        from stancegraph.analysis.dna import DNA_PASSWORD

        err_console.print(
            f"wrote DNA 3 database {dna3}: {dna.documents} document(s), {dna.statements} "
            f"statement(s), {dna.annotations} annotation(s); in DNA, log in as coder 1 "
            f"(Admin) or a coder of the claims, password {DNA_PASSWORD!r}",
            markup=False,
        )
