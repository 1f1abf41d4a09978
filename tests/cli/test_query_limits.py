"""Runaway queries through the CLI: a time limit, Ctrl-C, a row limit, rows that stream.

Run as real processes: the engine works in native code, where only these show
whether the command really ends (and the CLI's own exit at once would end a test
process)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.cli.test_cli import assert_one_line_error

#: Minutes of native work on 3,000 quads: a cartesian product of three patterns.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
#: 9 million rows: too many to hold, quick to stream.
PAIRS = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d }"


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "store"
    store = ox.Store(str(path))
    graph = ox.NamedNode("https://example.org/graph")
    store.bulk_extend(
        ox.Quad(
            ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i)), graph
        )
        for i in range(3000)
    )
    store.flush()
    del store
    return path


def _query(store: Path, text: str, tmp_path: Path, *args: str) -> list[str]:
    query = tmp_path / "q.rq"
    query.write_text(text, encoding="utf-8")
    return [sys.executable, "-m", "stancegraph", "query", str(query), "--store", str(store), *args]


def test_a_query_past_its_time_limit_ends_with_one_line(big_store: Path, tmp_path: Path) -> None:
    start = time.perf_counter()
    done = subprocess.run(
        _query(big_store, RUNAWAY, tmp_path, "--timeout", "1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.perf_counter() - start < 60
    assert_one_line_error(done.returncode, done.stderr, "did not finish within 1 s")
    assert "--timeout" in done.stderr


def test_ctrl_c_ends_a_query_in_native_code(big_store: Path, tmp_path: Path) -> None:
    # a suite started in the background (`pytest &`) has SIGINT ignored, and its
    # children inherit that: give the command the default disposition, as a terminal would
    process = subprocess.Popen(
        _query(big_store, RUNAWAY, tmp_path),
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(4)  # started, and deep in the engine
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert "Traceback" not in err and err.startswith("interrupted:")


def test_rows_beyond_the_limit_are_refused_in_memory_and_stream_as_csv(
    big_store: Path, tmp_path: Path
) -> None:
    held = subprocess.run(
        _query(big_store, PAIRS, tmp_path, "--max-rows", "1000"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_one_line_error(held.returncode, held.stderr, "more than 1,000 rows")
    process = subprocess.Popen(
        _query(big_store, PAIRS, tmp_path, "-f", "csv", "--max-rows", "1000"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(5001)]
    assert lines[0] == "a,b,c,d,p,q\n" and all(line.count(",") == 5 for line in lines)
    process.stdout.close()  # the reader goes away, as with `| head`
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0 and err == "", err
