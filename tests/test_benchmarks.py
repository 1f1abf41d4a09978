"""Every benchmark runs, in a quick mode (small sizes), so that one that breaks fails the
build; full sizes stay in ``make benchmarks``. Figures are not checked here (the machines
are shared and noisy): only that each script runs to the end and prints its figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

#: script -> (quick arguments, a word its last lines print when it ran to the end)
QUICK = {
    "bench_analysis.py": (["2000", "20"], "x"),
    "bench_build.py": (["3"], "ratio"),
    "bench_corpus.py": (["6", "--rounds=2"], "Dask"),
    "bench_disputes.py": ([], ""),
    "bench_emergent.py": (["300"], ""),
    "bench_extract.py": (["3", "1"], ""),
    "bench_frames.py": (["2000"], "records_frame"),
    "bench_queries.py": (["5000"], "quads"),
    "bench_startup.py": (["3"], "python -c pass"),
    "bench_table.py": (["10"], "table / csv"),
    "bench_validate.py": (["3"], "SHACL"),
    "bench_viz.py": (["--quick"], "Chromium"),
}


def test_every_benchmark_has_a_quick_mode() -> None:
    assert sorted(p.name for p in BENCHMARKS.glob("bench_*.py")) == sorted(QUICK)


@pytest.mark.parametrize("script", sorted(QUICK))
def test_the_benchmark_runs_in_quick_mode(script: str) -> None:
    args, word = QUICK[script]
    done = subprocess.run(
        [sys.executable, script, *args],
        cwd=BENCHMARKS,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and done.stdout.strip(), done.stderr[-2000:]
    assert word in done.stdout or done.stdout.startswith("skipped:"), done.stdout[-1000:]
