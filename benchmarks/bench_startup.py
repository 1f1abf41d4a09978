"""Benchmark: how long ``stancegraph --help`` takes to start, against ``python -c pass``.

    python benchmarks/bench_startup.py [RUNS]      (default 21)

Each run is a fresh interpreter (``sys.executable -m stancegraph --help``, output
thrown away), interleaved with a bare ``python -c pass`` and a subcommand's
``--help`` (``query --help``) so that both see the same load on a shared machine.
Prints each one's median wall time and the ratios to the bare interpreter.
Targets: ``stancegraph --help`` <= 0.3 s and <= 20x ``python -c pass`` (the commands
import their libraries, rdflib, pyshacl, networkx, spaCy ..., only when they run).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

TARGET_S = 0.3
TARGET_RATIO = 20.0
CASES: dict[str, tuple[str, ...]] = {
    "python -c pass": ("-c", "pass"),
    "stancegraph --help": ("-m", "stancegraph", "--help"),
    "stancegraph query --help": ("-m", "stancegraph", "query", "--help"),
}


def once(args: tuple[str, ...]) -> float:
    """Seconds one fresh interpreter takes to run *args* to the end."""
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    for args in CASES.values():  # warm the file cache and the bytecode
        once(args)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(runs):
        for name, args in CASES.items():
            times[name].append(once(args))
    medians = {name: statistics.median(done) for name, done in times.items()}
    bare = medians["python -c pass"]
    print(f"startup, median of {runs} interleaved runs each ({sys.executable}):")
    for name, seconds in medians.items():
        print(f"  {name:<26} {seconds:6.3f} s  {seconds / bare:5.1f}x python -c pass")
    help_s = medians["stancegraph --help"]
    ratio = help_s / bare
    verdict = "met" if help_s <= TARGET_S and ratio <= TARGET_RATIO else "NOT met"
    print(
        f"stancegraph --help: {help_s:.3f} s, {ratio:.1f}x python -c pass "
        f"(target <= {TARGET_S} s and <= {TARGET_RATIO:.0f}x: {verdict})"
    )


if __name__ == "__main__":
    main()
