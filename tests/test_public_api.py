"""The public surface is pinned: changing it is a decision, not an accident."""

from __future__ import annotations

import subprocess
import sys

import stancegraph

EXPECTED = {
    "__version__",
    "centrality_frame",
    "centrality_rows",
    "claim_frame",
    "claims_frame",
    "divergence_frame",
    "records_frame",
    "to_pyvis",
    "index_frame",
    "issue_frame",
    "pair_window_frame",
    "pyvis_network",
    "result_frame",
    "side_claim_rows",
    "side_claims_frame",
    "topic_frame",
    "AnalysisOptions",
    "ArticleClaims",
    "Claim",
    "ClaimsFile",
    "EmbeddedStore",
    "Vocabulary",
    "analyze",
    "analyze_records",
    "build_claims",
    "claim_rows",
    "claims_dataset",
    "claims_to_dataset",
    "dump_claims",
    "extract_files",
    "find_articles",
    "graph_to_claims",
    "index_rows",
    "issue_rows",
    "load_claims",
    "load_files",
    "load_vocabulary",
    "notebook_view",
    "open_source",
    "open_store",
    "read_rdf",
    "records_from_claims",
    "result_rows",
    "run",
    "run_query",
    "run_sparql",
    "topic_rows",
    "validate_file",
    "validate_graph",
    "view_html",
    "viz",
    "vocabulary_for_claims",
    "write_rdf",
}


def test_public_names_are_pinned_and_resolve() -> None:
    assert set(stancegraph.__all__) == EXPECTED
    assert set(stancegraph._EXPORTS) | {"__version__"} == EXPECTED
    for name in stancegraph.__all__:
        assert getattr(stancegraph, name) is not None


def test_import_is_cheap_and_runs_nothing() -> None:
    code = "import sys, stancegraph; print(sorted(m for m in ('rdflib', 'spacy', 'pyshacl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
