"""The seed pipeline's store, built once per session, and a server on a copy of it."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from stancegraph.pipeline.run import run
from stancegraph.pipeline.serve import Server, start_server
from tests.conftest import SEEDS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-out")
    run(SEEDS, out)
    return out


@pytest.fixture(scope="session")
def seed_store(seed_out: Path) -> Path:
    return seed_out / "store"


@pytest.fixture(scope="session")
def seed_server(seed_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``oxigraph serve-read-only`` on a copy of the seed store, stopped at the end."""
    copy = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(seed_out / "store", copy)
    server = start_server(copy, port=free_port())
    try:
        yield server
    finally:
        server.stop()
