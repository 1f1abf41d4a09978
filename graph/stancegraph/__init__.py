"""stancegraph: news articles -> an issue-position knowledge graph.

Who asserted what position on which issue, with what stance, on the evidence
of which sentence; and where two sides converge, diverge, or talk past each
other. Every stage is a plain function here and a command of the CLI.

The public names below are imported lazily, so ``import stancegraph`` stays
cheap and runs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from stancegraph.analysis.result import AnalysisOptions, analyze_records
    from stancegraph.analysis.source import records_from_claims
    from stancegraph.claims.io import ArticleClaims, dump_claims, load_claims
    from stancegraph.claims.model import Claim, ClaimsFile
    from stancegraph.frames import (
        centrality_frame,
        claim_frame,
        claims_frame,
        divergence_frame,
        index_frame,
        issue_frame,
        pair_window_frame,
        records_frame,
        result_frame,
        side_claims_frame,
        topic_frame,
    )
    from stancegraph.pipeline.analyze import analyze
    from stancegraph.pipeline.build import build_claims
    from stancegraph.pipeline.extract import extract_files, find_articles
    from stancegraph.pipeline.load import load_files
    from stancegraph.pipeline.query import run_query, run_sparql
    from stancegraph.pipeline.run import run
    from stancegraph.pipeline.validate import validate_file
    from stancegraph.pipeline.viz import notebook_view, view_html, viz
    from stancegraph.rdf.build import claims_to_dataset
    from stancegraph.rdf.files import read_rdf, write_rdf
    from stancegraph.rdf.parse import graph_to_claims
    from stancegraph.rdf.validate import validate_graph
    from stancegraph.store.embedded import EmbeddedStore
    from stancegraph.store.open import open_source, open_store
    from stancegraph.tables import (
        centrality_rows,
        claim_rows,
        index_rows,
        issue_rows,
        result_rows,
        side_claim_rows,
        topic_rows,
    )
    from stancegraph.viz.network import pyvis_network, to_pyvis
    from stancegraph.vocab.model import Vocabulary, load_vocabulary

_EXPORTS = {
    "AnalysisOptions": "stancegraph.analysis.result",
    "ArticleClaims": "stancegraph.claims.io",
    "Claim": "stancegraph.claims.model",
    "ClaimsFile": "stancegraph.claims.model",
    "EmbeddedStore": "stancegraph.store.embedded",
    "Vocabulary": "stancegraph.vocab.model",
    "analyze": "stancegraph.pipeline.analyze",
    "analyze_records": "stancegraph.analysis.result",
    "build_claims": "stancegraph.pipeline.build",
    "centrality_frame": "stancegraph.frames",
    "centrality_rows": "stancegraph.tables",
    "claim_frame": "stancegraph.frames",
    "claims_frame": "stancegraph.frames",
    "divergence_frame": "stancegraph.frames",
    "records_frame": "stancegraph.frames",
    "to_pyvis": "stancegraph.viz.network",
    "claim_rows": "stancegraph.tables",
    "claims_dataset": "stancegraph.pipeline.build",
    "claims_to_dataset": "stancegraph.rdf.build",
    "dump_claims": "stancegraph.claims.io",
    "extract_files": "stancegraph.pipeline.extract",
    "find_articles": "stancegraph.pipeline.extract",
    "graph_to_claims": "stancegraph.rdf.parse",
    "index_frame": "stancegraph.frames",
    "index_rows": "stancegraph.tables",
    "issue_frame": "stancegraph.frames",
    "pair_window_frame": "stancegraph.frames",
    "issue_rows": "stancegraph.tables",
    "load_claims": "stancegraph.claims.io",
    "load_files": "stancegraph.pipeline.load",
    "load_vocabulary": "stancegraph.vocab.model",
    "notebook_view": "stancegraph.pipeline.viz",
    "open_source": "stancegraph.store.open",
    "open_store": "stancegraph.store.open",
    "pyvis_network": "stancegraph.viz.network",
    "read_rdf": "stancegraph.rdf.files",
    "records_from_claims": "stancegraph.analysis.source",
    "result_frame": "stancegraph.frames",
    "result_rows": "stancegraph.tables",
    "run": "stancegraph.pipeline.run",
    "run_query": "stancegraph.pipeline.query",
    "run_sparql": "stancegraph.pipeline.query",
    "side_claim_rows": "stancegraph.tables",
    "side_claims_frame": "stancegraph.frames",
    "topic_frame": "stancegraph.frames",
    "topic_rows": "stancegraph.tables",
    "validate_file": "stancegraph.pipeline.validate",
    "validate_graph": "stancegraph.rdf.validate",
    "view_html": "stancegraph.pipeline.viz",
    "viz": "stancegraph.pipeline.viz",
    "vocabulary_for_claims": "stancegraph.vocab.model",
    "write_rdf": "stancegraph.rdf.files",
}

__all__ = [
    "AnalysisOptions",
    "ArticleClaims",
    "Claim",
    "ClaimsFile",
    "EmbeddedStore",
    "Vocabulary",
    "__version__",
    "analyze",
    "analyze_records",
    "build_claims",
    "centrality_frame",
    "centrality_rows",
    "claim_frame",
    "claim_rows",
    "claims_dataset",
    "claims_frame",
    "claims_to_dataset",
    "divergence_frame",
    "dump_claims",
    "extract_files",
    "find_articles",
    "graph_to_claims",
    "index_frame",
    "index_rows",
    "issue_frame",
    "issue_rows",
    "load_claims",
    "load_files",
    "load_vocabulary",
    "notebook_view",
    "open_source",
    "open_store",
    "pair_window_frame",
    "pyvis_network",
    "read_rdf",
    "records_frame",
    "records_from_claims",
    "result_frame",
    "result_rows",
    "run",
    "run_query",
    "run_sparql",
    "side_claim_rows",
    "side_claims_frame",
    "to_pyvis",
    "topic_frame",
    "topic_rows",
    "validate_file",
    "validate_graph",
    "view_html",
    "viz",
    "vocabulary_for_claims",
    "write_rdf",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'stancegraph' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
