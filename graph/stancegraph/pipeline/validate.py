"""``validate``: an RDF file (or a dataset) against the SHACL shapes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stancegraph.rdf.files import read_rdf
from stancegraph.rdf.validate import ValidationResult, validate_graph
from stancegraph.vocab.model import load_vocabulary

__all__ = ["validate_file"]


def validate_file(
    path: Path, *, fmt: str | None = None, vocab: Sequence[Path] = ()
) -> ValidationResult:
    """Validate the RDF file *path*, with the vocabularies beside it."""
    dataset = read_rdf(Path(path), fmt)
    return validate_graph(dataset, load_vocabulary(vocab))
