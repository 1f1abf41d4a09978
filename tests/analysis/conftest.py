"""The seed and the mini article built to RDF files and loaded into stores, once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from stancegraph.pipeline.build import build_claims
from stancegraph.pipeline.load import load_files
from tests.conftest import MINI_CLAIMS, MINI_VOCAB, SEED_CLAIMS


@dataclass(frozen=True)
class Built:
    trig: Path
    ttl: Path
    store: Path


def _build(root: Path, claims: Path, vocab: tuple[Path, ...]) -> Built:
    trig, ttl = root / "graph.trig", root / "graph.ttl"
    build_claims([claims], trig, vocab=vocab)
    build_claims([claims], ttl, vocab=vocab)
    load_files([trig], store=root / "store", vocab=vocab)
    return Built(trig=trig, ttl=ttl, store=root / "store")


@pytest.fixture(scope="session")
def seed_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("seed"), SEED_CLAIMS, ())


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory.mktemp("mini"), MINI_CLAIMS, (MINI_VOCAB,))
