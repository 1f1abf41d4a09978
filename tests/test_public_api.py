"""The public surface is pinned: changing it is a decision, not an accident."""

from __future__ import annotations

import subprocess
import sys

import stancegraph

EXPECTED = {
    "__version__",
    "ArticleClaims",
    "Claim",
    "ClaimsFile",
    "EmbeddedStore",
    "Vocabulary",
    "build_claims",
    "claims_to_dataset",
    "dump_claims",
    "graph_to_claims",
    "load_claims",
    "load_files",
    "load_vocabulary",
    "read_rdf",
    "run",
    "validate_file",
    "validate_graph",
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
