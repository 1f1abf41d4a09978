"""A load killed part-way (kill -9): the next read says so, and loading again gives the
store a clean load gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from stancegraph.store.journal import NOTE_NAME

GRAPHS = 200
TRIPLES = 500


@pytest.fixture(scope="module")
def big_trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "big.trig"
    with path.open("w", encoding="utf-8") as out:
        for g in range(GRAPHS):
            out.write(f"<https://example.org/graph/article/a{g:04d}> {{\n")
            for t in range(TRIPLES):
                out.write(f'<https://example.org/s{g}-{t}> <https://example.org/p> "v {t}" .\n')
            out.write("}\n")
    return path


def _stancegraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "stancegraph", *args]


def _graphs_and_quads(store: Path) -> tuple[list[str], int]:
    db = ox.Store.read_only(str(store))
    graphs = sorted(g.value for g in db.named_graphs() if isinstance(g, ox.NamedNode))
    return graphs, len(db)


def test_kill_9_mid_load_is_noticed_and_a_reload_finishes_it(
    big_trig: Path, tmp_path: Path
) -> None:
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    subprocess.run(
        _stancegraph("load", str(big_trig), "--store", str(clean), "--no-validate"), check=True
    )
    process = subprocess.Popen(
        _stancegraph("load", str(big_trig), "--store", str(killed), "--no-validate"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not (killed / NOTE_NAME).exists() and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    assert (killed / NOTE_NAME).exists()

    read = subprocess.run(
        _stancegraph("query", "claim-counts", "--store", str(killed)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "half-finished load: `stancegraph load big.trig`" in read.stderr
    assert "run it again to finish" in read.stderr and "Traceback" not in read.stderr

    subprocess.run(
        _stancegraph("load", str(big_trig), "--store", str(killed), "--no-validate"), check=True
    )
    assert not (killed / NOTE_NAME).exists()
    assert _graphs_and_quads(killed) == _graphs_and_quads(clean)
