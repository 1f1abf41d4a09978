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
    from stancegraph.claims.io import ArticleClaims, dump_claims, load_claims
    from stancegraph.claims.model import Claim, ClaimsFile
    from stancegraph.pipeline.build import build_claims
    from stancegraph.pipeline.load import load_files
    from stancegraph.pipeline.run import run
    from stancegraph.pipeline.validate import validate_file
    from stancegraph.rdf.build import claims_to_dataset
    from stancegraph.rdf.files import read_rdf, write_rdf
    from stancegraph.rdf.parse import graph_to_claims
    from stancegraph.rdf.validate import validate_graph
    from stancegraph.store.embedded import EmbeddedStore
    from stancegraph.vocab.model import Vocabulary, load_vocabulary

_EXPORTS = {
    "ArticleClaims": "stancegraph.claims.io",
    "Claim": "stancegraph.claims.model",
    "ClaimsFile": "stancegraph.claims.model",
    "EmbeddedStore": "stancegraph.store.embedded",
    "Vocabulary": "stancegraph.vocab.model",
    "build_claims": "stancegraph.pipeline.build",
    "claims_to_dataset": "stancegraph.rdf.build",
    "dump_claims": "stancegraph.claims.io",
    "graph_to_claims": "stancegraph.rdf.parse",
    "load_claims": "stancegraph.claims.io",
    "load_files": "stancegraph.pipeline.load",
    "load_vocabulary": "stancegraph.vocab.model",
    "read_rdf": "stancegraph.rdf.files",
    "run": "stancegraph.pipeline.run",
    "validate_file": "stancegraph.pipeline.validate",
    "validate_graph": "stancegraph.rdf.validate",
    "write_rdf": "stancegraph.rdf.files",
}

__all__ = [
    "ArticleClaims",
    "Claim",
    "ClaimsFile",
    "EmbeddedStore",
    "Vocabulary",
    "__version__",
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
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'stancegraph' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
