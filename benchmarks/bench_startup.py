"""Benchmark: how long ``stancegraph --help`` takes to start, against ``python -c pass``,
and a small named query through the CLI against a raw pyoxigraph process.

    python benchmarks/bench_startup.py [RUNS]      (default 21)

Each run is a fresh interpreter (``sys.executable -m stancegraph --help``, output
thrown away), interleaved with a bare ``python -c pass``, a subcommand's ``--help``
(``query --help``), ``stancegraph query claim-counts -f csv`` on a store of the seed,
and a ``python -c`` that opens the same store with pyoxigraph, runs the same bound
SPARQL and prints every row, so that all see the same load on a shared machine.
Prints each one's median wall time and the ratios. Targets: ``stancegraph --help``
<= 0.3 s and <= 20x ``python -c pass`` (the commands import their libraries, rdflib,
pyshacl, networkx, spaCy ..., only when they run); the small query <= 3x the raw
pyoxigraph process.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 0.3
TARGET_RATIO = 20.0
CASES: dict[str, tuple[str, ...]] = {
    "python -c pass": ("-c", "pass"),
    "stancegraph --help": ("-m", "stancegraph", "--help"),
    "stancegraph query --help": ("-m", "stancegraph", "query", "--help"),
}


TARGET_QUERY_RATIO = 3.0
#: The parameter of the second small query: one of the seed's speakers.
ACTOR_PARAM = "actor=wang-yi"
#: Fresh interpreters run with bytecode written and read, as from an installed package
#: (this machine's environment may set PYTHONDONTWRITEBYTECODE, which would make every
#: run compile the package's sources again).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
ROOT = Path(__file__).resolve().parents[1]
#: Each small query through the CLI, and the raw pyoxigraph process it is measured against.
QUERY_PAIRS = (
    ("stancegraph query claim-counts", "raw pyoxigraph, same query"),
    ("stancegraph query positions-of-actor", "raw pyoxigraph, same bound query"),
)


#: The least any Typer CLI pays for the same query: one command, two options, the same
#: bound SPARQL on raw pyoxigraph. Not a target, a floor: it shows how much of the gap to a
#: raw pyoxigraph process is Typer's own start-up.
TYPER_FLOOR = """
import typer, pyoxigraph as ox

app = typer.Typer()


@app.command()
def query(path: str, store: str = typer.Option(...), fmt: str = typer.Option("csv", "-f")):
    rows = ox.Store.read_only(store).query(open(path).read(), use_default_graph_as_union=True)
    for row in rows:
        print(",".join(str(t) for t in row))


app()
"""


def query_cases(work: Path) -> dict[str, tuple[str, ...]]:
    """The CLI query and the raw pyoxigraph process, on a store of the seed in *work*."""
    from stancegraph.pipeline.load import load_files
    from stancegraph.pipeline.query import prepare_query
    from stancegraph.pipeline.run import run

    run(ROOT / "seeds", work / "out", score=False)
    store = work / "store"
    load_files([work / "out" / "graph.trig"], store=store)
    _, bound = prepare_query("claim-counts", (), allow_update=False)
    query = work / "claim-counts.rq"
    query.write_text(bound.text, encoding="utf-8")
    _, bound = prepare_query("positions-of-actor", (ACTOR_PARAM,), allow_update=False)
    actor_query = work / "positions-of-actor.rq"
    actor_query.write_text(bound.text, encoding="utf-8")
    raw = (
        "import pyoxigraph as ox, sys; s = ox.Store.read_only(sys.argv[1]); "
        "r = s.query(open(sys.argv[2]).read(), use_default_graph_as_union=True); "
        "[print(','.join(str(t) for t in row)) for row in r]"
    )
    floor = work / "typer_floor.py"
    floor.write_text(TYPER_FLOOR, encoding="utf-8")
    return {
        "stancegraph query claim-counts": (
            "-m", "stancegraph", "query", "claim-counts", "--store", str(store), "-f", "csv",
        ),
        "raw pyoxigraph, same query": ("-c", raw, str(store), str(query)),
        "one-command Typer CLI, same query": (
            str(floor), str(query), "--store", str(store), "-f", "csv",
        ),
        "stancegraph query positions-of-actor": (
            "-m", "stancegraph", "query", "positions-of-actor", "-p", ACTOR_PARAM,
            "--store", str(store), "-f", "csv",
        ),
        "raw pyoxigraph, same bound query": ("-c", raw, str(store), str(actor_query)),
    }  # fmt: skip


def once(args: tuple[str, ...]) -> float:
    """Seconds one fresh interpreter takes to run *args* to the end."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    work = Path(tempfile.mkdtemp(prefix="bench_startup_"))
    try:
        cases = {**CASES, **query_cases(work)}
        for args in cases.values():  # warm the file cache and the bytecode
            once(args)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, args in cases.items():
                times[name].append(once(args))
    finally:
        shutil.rmtree(work, ignore_errors=True)
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
    floor = medians["one-command Typer CLI, same query"]
    print(
        f"one-command Typer CLI: {floor:.3f} s, "
        f"{floor / medians['raw pyoxigraph, same query']:.1f}x the raw pyoxigraph process"
    )
    for ours_name, raw_name in QUERY_PAIRS:
        ours, raw = medians[ours_name], medians[raw_name]
        verdict = "met" if ours / raw <= TARGET_QUERY_RATIO else "NOT met"
        print(
            f"small named query ({ours_name.removeprefix('stancegraph ')}): {ours:.3f} s "
            f"through the CLI, {ours / raw:.1f}x a raw pyoxigraph process ({raw:.3f} s; "
            f"target <= {TARGET_QUERY_RATIO:.0f}x: {verdict}), {ours / floor:.2f}x the "
            "one-command Typer CLI"
        )


if __name__ == "__main__":
    main()
