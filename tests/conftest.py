"""Shared fixtures: the small fictional article and vocabulary we wrote, and the seed."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from stancegraph.claims.io import ArticleClaims, load_claims
from stancegraph.errors import InputError
from stancegraph.extract.model import choose_model
from stancegraph.pipeline.run import run
from stancegraph.pipeline.serve import Server, start_server
from stancegraph.vocab.model import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_CLAIMS = FIXTURES / "mini" / "article.claims.yaml"
MINI_VOCAB = FIXTURES / "vocab.ttl"
SEEDS = ROOT / "seeds"
SEED_CLAIMS = SEEDS / "000_1358605536fd3371.claims.yaml"

try:
    choose_model()
    HAVE_MODEL = True
except InputError:
    HAVE_MODEL = False
#: Tests that run the spaCy model (a dev dependency: `make test` installs it).
needs_model = pytest.mark.skipif(not HAVE_MODEL, reason="no spaCy English model installed")


@pytest.fixture(scope="session")
def mini_vocab() -> Vocabulary:
    return load_vocabulary([MINI_VOCAB])


@pytest.fixture(scope="session")
def seed_vocab() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="session")
def mini() -> ArticleClaims:
    return load_claims(MINI_CLAIMS)


@pytest.fixture(scope="session")
def seed() -> ArticleClaims:
    return load_claims(SEED_CLAIMS)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini article folder; returns the claims file path."""
    for name in ("article.txt", "article.claims.yaml"):
        (tmp_path / name).write_bytes((FIXTURES / "mini" / name).read_bytes())
    return tmp_path / "article.claims.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-out")
    run(SEEDS, out)
    # A copy of the store as ``run`` closed it, made before any test opens it: a store
    # that a test has open may be mid-compaction, and a copy of it half old, half new.
    shutil.copytree(out / "store", out.parent / f"{out.name}-pristine-store")
    return out


@pytest.fixture(scope="session")
def _pristine_seed_store(seed_out: Path) -> Path:
    """The seed store as ``run`` left it (copy it; never open it)."""
    return seed_out.parent / f"{seed_out.name}-pristine-store"


@pytest.fixture
def seed_store_copy(_pristine_seed_store: Path, tmp_path: Path) -> Path:
    """A writable copy of the seed store, for this test alone."""
    copy = tmp_path / "store"
    shutil.copytree(_pristine_seed_store, copy)
    return copy


@pytest.fixture(scope="session")
def seed_store(seed_out: Path) -> Path:
    return seed_out / "store"


@pytest.fixture(scope="session")
def seed_server(
    _pristine_seed_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """``oxigraph serve-read-only`` on a copy of the seed store, stopped at the end."""
    copy = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(_pristine_seed_store, copy)
    server = start_server(copy, port=free_port())
    try:
        yield server
    finally:
        server.stop()
