"""Exports for the tools analysts already use: GraphML, GEXF, DNA, matrices.

- GraphML and GEXF (Gephi, visone, yEd): every node, edge and graph attribute
  is kept; non-scalar ones (the evidence tuples on edges) are flattened to JSON
  strings, ``None`` is left out. GEXF's ``lastmodifieddate`` is dropped so the
  same analysis always gives the same bytes.
- A DNA 3 database (:func:`export_dna3`, ``analyze --dna3 FILE``): a ``.dna`` file that
  Leifeld's Discourse Network Analyzer 3 and rDNA open, with the articles as documents
  and the claims as statements on their text (see :mod:`stancegraph.analysis.dna`).
- ``statements.csv``: a flat table in DNA's terms, one row per claim (``person``, the
  side as ``organization``, the issue id as ``concept``, ``agreement`` 1 when the stance
  supports, else 0), for spreadsheets and scripts; DNA itself cannot open it.
- One-mode networks as CSV adjacency matrices, rows and columns in node order.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from stancegraph.analysis.dna import (
    DnaDocument,
    DnaSummary,
    labels_from_analysis,
    write_dna_database,
)
from stancegraph.analysis.result import Analysis
from stancegraph.analysis.source import ClaimRecord
from stancegraph.spreadsheet import spreadsheet_cell
from stancegraph.textio import write_atomic

__all__ = [
    "STATEMENT_COLUMNS",
    "export_analysis",
    "export_dna3",
    "flatten_graph",
    "graph_to_gexf",
    "graph_to_graphml",
    "matrix_csv",
    "statements_csv",
]

STATEMENT_COLUMNS = (
    "statement_id",
    "document",
    "date",
    "start",
    "stop",
    "text",
    "person",
    "organization",
    "concept",
    "agreement",
    "confidence",
    "conditional",
    "target",
)
_SCALARS = (str, int, float, bool)


def _jsonable(value: Any) -> Any:
    if isinstance(value, ClaimRecord):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        items = [_jsonable(v) for v in value]
        return items if isinstance(value, tuple | list) else sorted(items, key=str)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, _SCALARS):
            out[key] = value
        else:
            out[key] = json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True)
    return out


def flatten_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of *graph* whose attributes are all scalars (non-scalars as JSON text)."""
    flat = nx.Graph(**_flat(dict(graph.graph)))
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **_flat(data))
    for u, v, data in graph.edges(data=True):
        flat.add_edge(u, v, **_flat(data))
    return flat


def graph_to_graphml(graph: nx.Graph) -> str:
    """*graph* as GraphML text, every attribute kept."""
    return "\n".join(nx.generate_graphml(flatten_graph(graph))) + "\n"


def graph_to_gexf(graph: nx.Graph) -> str:
    """*graph* as GEXF 1.2 text, every attribute kept, no modification date."""
    text = "\n".join(nx.generate_gexf(flatten_graph(graph), version="1.2draft")) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text)


def statements_csv(records: Sequence[ClaimRecord]) -> str:
    """The claims as a flat statements table (CSV) in DNA's terms, not a file DNA opens
    (:func:`export_dna3` writes one); article text that a spreadsheet would run as a
    formula is kept as text (:func:`~stancegraph.spreadsheet.spreadsheet_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STATEMENT_COLUMNS)
    for r in records:
        writer.writerow(
            (
                r.key,
                r.article,
                r.published.isoformat() if r.published else "",
                r.start,
                r.end,
                spreadsheet_cell(r.quote),
                spreadsheet_cell(r.claimant_name),
                r.side,
                r.issue,
                1 if r.polarity > 0 else 0,
                format(r.confidence, "g"),
                int(r.conditional),
                r.target or "",
            )
        )
    return buffer.getvalue()


def matrix_csv(graph: nx.Graph) -> str:
    """*graph* as a CSV adjacency matrix of edge weights, labelled by node label (or id,
    when two nodes share a label)."""
    nodes = list(graph.nodes)
    labels = [str(graph.nodes[n].get("label", n)) for n in nodes]
    if len(set(labels)) < len(labels):
        labels = [str(n) for n in nodes]
    index = {n: i for i, n in enumerate(nodes)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    labels = [spreadsheet_cell(label) for label in labels]
    writer.writerow(["", *labels])
    for node, label in zip(nodes, labels, strict=True):
        row = ["0"] * len(nodes)
        for other, data in graph.adj[node].items():
            row[index[other]] = format(float(data.get("weight", 1.0)), ".6g")
        writer.writerow([label, *row])
    return buffer.getvalue()


def export_dna3(analysis: Analysis, documents: Sequence[DnaDocument], path: Path) -> DnaSummary:
    """Write the claims of *analysis* as a DNA 3 database at *path*: *documents* are the
    articles with their text; actors, sides and issues get the labels the analysis shows."""
    return write_dna_database(path, analysis.records, documents, labels_from_analysis(analysis))


def export_analysis(analysis: Analysis, folder: Path) -> tuple[Path, ...]:
    """Write every export of *analysis* into *folder*; return the paths written."""
    folder = Path(folder)
    graphs = {
        "actor-issue": analysis.bipartite,
        "side-issue": analysis.sides_graph,
        "congruence": analysis.networks.congruence,
        "conflict": analysis.networks.conflict,
        "subtract": analysis.networks.subtract,
        "issue-cooccurrence": analysis.cooccurrence,
    }
    written: list[Path] = []
    for name, graph in graphs.items():
        for suffix, render in ((".graphml", graph_to_graphml), (".gexf", graph_to_gexf)):
            path = folder / f"{name}{suffix}"
            write_atomic(path, render(graph))
            written.append(path)
    for name in ("congruence", "conflict", "subtract", "issue-cooccurrence"):
        path = folder / f"matrix-{name}.csv"
        write_atomic(path, matrix_csv(graphs[name]))
        written.append(path)
    path = folder / "statements.csv"
    write_atomic(path, statements_csv(analysis.records))
    written.append(path)
    return tuple(written)
