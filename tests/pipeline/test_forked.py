"""``Forked``: a step done by a forked copy, and ``run`` analysing in one while it loads.

Each check runs in a fresh interpreter: a fork is only made in a process with no other
Python thread, and tests before these may leave some behind (Dask's client keeps two).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from stancegraph.pipeline.forked import Forked
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")

_PRELUDE = """\
import os, signal, sys, time
from pathlib import Path
import pytest
from stancegraph.pipeline.forked import Forked, ForkLostError
"""


def _fresh(body: str) -> None:
    """Run *body* in a fresh interpreter; it fails the test by raising."""
    script = _PRELUDE + textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_copy_runs_the_step_and_sends_its_value() -> None:
    _fresh("""
        parent = os.getpid()
        forked = Forked.start(lambda: (os.getpid(), "é" * 100_000))
        assert forked is not None
        child, text = forked.result()
        assert child != parent and text == "é" * 100_000  # more than a pipe's buffer
        forked.cancel()  # after the value: harmless
    """)


def test_a_copy_that_gives_no_value_says_so() -> None:
    _fresh("""
        def raises():
            raise RuntimeError("broken")

        def is_killed():
            os.kill(os.getpid(), signal.SIGKILL)

        for step in (raises, is_killed, lambda: (lambda: None), lambda: os._exit(0)):
            forked = Forked.start(step)
            assert forked is not None
            with pytest.raises(ForkLostError):
                forked.result()
    """)


def test_cancel_stops_and_reaps_a_copy_still_at_work() -> None:
    _fresh("""
        forked = Forked.start(lambda: time.sleep(60))
        assert forked is not None
        pid = forked._pid
        started = time.perf_counter()
        forked.cancel()
        assert time.perf_counter() - started < 10
        with pytest.raises(ChildProcessError):  # reaped: no zombie is left
            os.waitpid(pid, 0)
        forked.cancel()  # twice is harmless
        slow = Forked.start(lambda: time.sleep(60))
        pid = slow._pid
        started = time.perf_counter()
        with pytest.raises(ForkLostError, match="no answer in 0.5 s"):
            slow.result(timeout=0.5)
        assert time.perf_counter() - started < 10
        with pytest.raises(ChildProcessError):  # stopped and reaped
            os.waitpid(pid, 0)
    """)


def test_no_fork_beside_another_thread_or_when_told_not_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert Forked.start(lambda: 1) is None
    finally:
        stop.set()
        other.join()
    monkeypatch.setenv("STANCEGRAPH_NO_FORK", "1")
    assert Forked.start(lambda: 1) is None


_OUTPUTS = """
def outputs(out):
    names = ("analysis.json", "report.md", "divergence.html", "actors.html", "issues.html")
    return {name: (out / name).read_bytes() for name in names}
"""


#: Each fork the run tries noted in ``started``: whether a copy was made.
_NOTING = """
started = []
start = Forked.start
def noting(step):
    forked = start(step)
    started.append(forked is not None)
    return forked
Forked.start = noting
"""


def test_a_rerun_analyses_in_a_copy_with_the_same_bytes_as_in_process(tmp_path: Path) -> None:
    _fresh(
        _OUTPUTS
        + _NOTING
        + f"""
from stancegraph.pipeline import run as run_module
from stancegraph.pipeline.run import run
seeds, forked, here = Path({str(SEEDS)!r}), Path({str(tmp_path / "forked")!r}), Path({str(tmp_path / "here")!r})
run(seeds, forked)
assert started == [], started  # a first run keeps both cores busy: no copy
first = outputs(forked)
again = run(seeds, forked)
assert started == [True], started  # a re-run analyses in a copy
os.environ["STANCEGRAPH_NO_FORK"] = "1"
run(seeds, here)
assert outputs(here) == first
other = run(seeds, here)
assert started == [True, False], started
assert outputs(forked) == outputs(here) == first
assert again.comparison == other.comparison and again.coverage == other.coverage
del os.environ["STANCEGRAPH_NO_FORK"]
run_module.FORK_MAX_CLAIMS = 10  # the seed has more: no copy
run(seeds, forked)
assert started == [True, False], started
"""
    )


def test_a_rerun_analyses_in_process_when_the_copy_fails(tmp_path: Path) -> None:
    _fresh(
        _OUTPUTS
        + f"""
from stancegraph.pipeline.run import run
seeds, out = Path({str(SEEDS)!r}), Path({str(tmp_path / "out")!r})
here = run(seeds, out)
first = outputs(out)
asked = []
def lost(self, timeout=None):
    asked.append(True)
    self.cancel()
    raise ForkLostError("killed")
Forked.result = lost
again = run(seeds, out)
assert asked == [True]
assert outputs(out) == first
assert again.comparison == here.comparison
"""
    )


def test_the_cli_rerun_analyses_in_a_copy_too(tmp_path: Path) -> None:
    # its status line is redrawn by no thread of its own, so the run may fork
    _fresh(
        _NOTING
        + f"""
from typer.testing import CliRunner
from stancegraph.cli.app import app
args = ["run", "--articles", {str(SEEDS)!r}, "--out", {str(tmp_path / "out")!r}]
for _ in range(2):
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
assert started == [True], started
"""
    )
