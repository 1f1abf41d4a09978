"""Benchmark: loading a synthetic corpus and running every named query, embedded store
(pyoxigraph via stancegraph) against rdflib's in-memory store, in the same run.

    python benchmarks/bench_queries.py [TRIPLES]      (default 1,000,000)

The corpus is claims over the real vocabulary (actors, sides, issues, stances) in
the exact shape `stancegraph build` writes, generated straight as N-Quads text (one
named graph per article). Each phase runs in its own process so that its peak
memory (max RSS) is its own; the load phases run three times, interleaved, and
report their median. Prints load throughput, each query's median latency
against raw pyoxigraph running the same bound SPARQL (interleaved, target <= 1.5x),
and the ratios. Targets: load >= 10x rdflib and >= 0.7x raw pyoxigraph bulk load;
every named query <= 0.5 s; peak memory <= 1 GB. Also prints the ceilings a load
could reach against rdflib: raw pyoxigraph bulk_load to disk, stancegraph's chunked
parallel bulk load alone (no check pass, no compaction) and bulk_load into memory.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERY_PARAMS: dict[str, tuple[str, ...]] = {
    "actors-by-side": ("side=china",),
    "claim-counts": (),
    "divergent-issues": ("a=united-states", "b=china"),
    "evidence-for-claim": ("claim=synthetic-7/c3",),
    "one-sided-issues": ("a=united-states", "b=china"),
    "positions-of-actor": ("actor=wang-yi",),
    "positions-on-issue": ("issue=international-affairs",),
    "stance-over-time": ("side=china", "issue=international-affairs"),
}
LOAD_REPEATS = 3
RDFLIB_QUERY_BUDGET_S = 30.0
RDFLIB_BUDGET_S = 120.0 + len(QUERY_PARAMS) * RDFLIB_QUERY_BUDGET_S


class _OverBudgetError(Exception):
    """An rdflib query ran past RDFLIB_QUERY_BUDGET_S."""


def _over_budget(signum: int, frame: object) -> None:
    raise _OverBudgetError


def _peak_mb() -> float:
    """This process's peak resident memory. ``ru_maxrss`` is not used where /proc is:
    across fork and exec a child inherits the parent's peak (here the 0.7 GB the
    corpus took to generate), so every phase would report at least that."""
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def generate(path: Path, triples: int) -> int:
    """Write about *triples* quads of synthetic claims to *path*; the number written."""
    from stancegraph.namespaces import (
        ARTICLE,
        CLAIM,
        GRAPH,
        IBIS,
        ISSUE,
        OA,
        ORG,
        PROV,
        RDF,
        SCHEMA,
        SG,
        SKOS,
        STANCE,
        XSD,
    )
    from stancegraph.vocab.model import load_vocabulary

    vocabulary = load_vocabulary()
    graph = vocabulary.graph
    members = sorted(
        (str(a), str(s))
        for m in graph.subjects(RDF.type, ORG.Membership)
        for a in graph.objects(m, ORG.member)
        for s in graph.objects(m, ORG.organization)
    )
    issues = sorted(
        str(i) for i in graph.subjects(SKOS.broader, None) if str(i).startswith(str(ISSUE))
    )
    rng = random.Random(42)
    by_side = {s: rng.sample(issues, k=max(1, len(issues) * 2 // 3)) for _, s in members}
    vocabulary_graph = f"<{GRAPH}vocabulary>"
    lines = [
        line[:-2] + f"{vocabulary_graph} .\n"
        for line in graph.serialize(format="nt").splitlines(keepends=True)
        if line.strip()
    ]
    article = 0
    while len(lines) < triples:
        aid = f"synthetic-{article}"
        g = f"<{GRAPH}article/{aid}>"
        art = f"<{ARTICLE}{aid}>"
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

        def add(s: str, p: object, o: str, g: str = g) -> None:
            lines.append(f"{s} <{p}> {o} {g} .\n")

        add(art, RDF.type, f"<{SCHEMA.NewsArticle}>")
        add(art, SCHEMA.headline, f'"Synthetic article {article}"')
        add(art, SCHEMA.datePublished, f'"{day}"^^<{XSD.date}>')
        add(art, SCHEMA.publisher, '"Synthetic Wire"')
        for c in range(25):
            claim = f"<{CLAIM}{aid}/c{c}>"
            actor, side = rng.choice(members)
            add(claim, RDF.type, f"<{SG.Claim}>")
            add(claim, SG.claimId, f'"c{c}"')
            add(claim, SG.claimant, f"<{actor}>")
            add(claim, SG.side, f"<{side}>")
            issue = rng.choice(by_side[side])
            add(claim, SG.issue, f"<{issue}>")
            add(claim, SG.stance, f"<{STANCE.support if rng.random() < 0.8 else STANCE.oppose}>")
            add(claim, SCHEMA.appearance, art)
            add(claim, PROV.wasDerivedFrom, art)
            add(claim, SG.confidence, f'"0.9"^^<{XSD.decimal}>')
            position = claim[:-1] + "#position>"
            add(claim, SG.position, position)
            add(position, RDF.type, f"<{SG.Position}>")
            add(position, RDF.value, f'"Position {c} of article {article}"')
            add(position, IBIS["responds-to"], f"<{issue}>")
            for part in ("evidence", "mention", "cue"):
                node = claim[:-1] + f"#{part}>"
                quote, where = node[:-1] + "-quote>", node[:-1] + "-position>"
                add(claim, SG[part], node)
                add(node, RDF.type, f"<{OA.SpecificResource}>")
                add(node, OA.hasSource, art)
                add(node, OA.hasSelector, quote)
                add(node, OA.hasSelector, where)
                add(quote, RDF.type, f"<{OA.TextQuoteSelector}>")
                add(quote, OA.exact, f'"quoted words {rng.random():.6f}"')
                add(where, RDF.type, f"<{OA.TextPositionSelector}>")
                start = rng.randint(0, 5000)
                add(where, OA.start, f'"{start}"^^<{XSD.nonNegativeInteger}>')
                add(where, OA.end, f'"{start + 40}"^^<{XSD.nonNegativeInteger}>')
        article += 1
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def phase(name: str, corpus: Path, work: Path) -> dict[str, object]:
    """Run one phase in this process; a dict of figures."""
    if name == "raw":
        import pyoxigraph as ox

        start = time.perf_counter()
        store = ox.Store(str(work / "raw"))
        store.bulk_load(path=str(corpus), format=ox.RdfFormat.N_QUADS)
        store.flush()
        return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}
    if name == "raw-memory":
        import pyoxigraph as ox

        start = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=str(corpus), format=ox.RdfFormat.N_QUADS)
        return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}
    if name == "chunked":
        import pyoxigraph as ox

        from stancegraph.store.bulk import bulk_load_checked

        start = time.perf_counter()
        store = ox.Store(str(work / "chunked"))
        bulk_load_checked(store, corpus, "nquads")
        store.flush()
        return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}
    if name == "load":
        from stancegraph.pipeline.load import load_files

        start = time.perf_counter()
        # the load path against raw bulk_load: SHACL (on by default, `--no-validate`
        # off) is measured by bench_validate.py
        result = load_files([corpus], store=work / "store", validate=False)
        return {
            "seconds": time.perf_counter() - start,
            "quads": result.quads_in_store,
            "peak_mb": _peak_mb(),
        }
    if name == "queries":
        from stancegraph.pipeline.query import execute, prepare_query
        from stancegraph.store.embedded import EmbeddedStore

        timings: dict[str, float] = {}
        raw_timings: dict[str, float] = {}
        rows: dict[str, int] = {}
        with EmbeddedStore(work / "store", read_only=True) as store:
            for query, params in QUERY_PARAMS.items():
                _, bound = prepare_query(query, params, allow_update=False)
                runs, raw_runs = [], []
                for _ in range(5):  # interleaved: ours, then raw pyoxigraph, same SPARQL
                    start = time.perf_counter()
                    _, bound = prepare_query(query, params, allow_update=False)
                    result = execute(store, bound)
                    runs.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    raw_rows = [
                        tuple(s)
                        for s in store.store.query(bound.text, use_default_graph_as_union=True)
                    ]
                    raw_runs.append(time.perf_counter() - start)
                timings[query] = statistics.median(runs)
                raw_timings[query] = statistics.median(raw_runs)
                rows[query] = len(getattr(result, "rows", ()))
                assert len(raw_rows) == rows[query], query
        return {"median_s": timings, "raw_s": raw_timings, "rows": rows, "peak_mb": _peak_mb()}
    if name == "rdflib":
        from rdflib import Dataset

        from stancegraph.pipeline.query import prepare_query

        start = time.perf_counter()
        dataset = Dataset(default_union=True)
        dataset.parse(str(corpus), format="nquads")
        load_s = time.perf_counter() - start
        print(json.dumps({"load_s": load_s, "peak_mb": _peak_mb()}), flush=True)
        signal.signal(signal.SIGALRM, _over_budget)
        for query, params in QUERY_PARAMS.items():
            _, bound = prepare_query(query, params, allow_update=False)
            start = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, RDFLIB_QUERY_BUDGET_S)
            try:
                list(dataset.query(bound.text))
            except _OverBudgetError:
                continue
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            seconds = time.perf_counter() - start
            print(json.dumps({"query": query, "s": seconds, "peak_mb": _peak_mb()}), flush=True)
        return {}
    raise ValueError(name)


def run_phase(name: str, corpus: Path, work: Path) -> dict[str, object]:
    output = subprocess.run(
        [sys.executable, __file__, "--phase", name, str(corpus), str(work)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def run_load_phases(corpus: Path, work: Path) -> dict[str, dict[str, object]]:
    """Each load phase LOAD_REPEATS times, interleaved, each into a fresh store (the
    machine is shared, and the parallel loads suffer most when another process takes a
    core): per phase, the median time and the highest peak memory. The last phase run
    is ``load``, whose store the queries then read."""
    runs: dict[str, list[dict[str, object]]] = {
        name: [] for name in ("raw", "raw-memory", "chunked", "load")
    }
    for _ in range(LOAD_REPEATS):
        for name, done in runs.items():
            for folder in ("raw", "chunked", "store"):
                shutil.rmtree(work / folder, ignore_errors=True)
            done.append(run_phase(name, corpus, work))
    return {
        name: {
            **done[-1],
            "seconds": statistics.median(float(r["seconds"]) for r in done),  # type: ignore[arg-type]
            "peak_mb": max(float(r["peak_mb"]) for r in done),  # type: ignore[arg-type]
        }
        for name, done in runs.items()
    }


def run_rdflib(corpus: Path, work: Path) -> list[dict[str, object]]:
    """The rdflib phase, cut off after RDFLIB_BUDGET_S: the lines it printed."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--phase", "rdflib", str(corpus), str(work)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        out, _ = process.communicate(timeout=RDFLIB_BUDGET_S)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--phase":
        print(json.dumps(phase(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
        return
    triples = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus.nq"
        written = generate(corpus, triples)
        print(f"corpus: {written:,} quads, {corpus.stat().st_size / 1e6:.0f} MB of N-Quads")
        loads = run_load_phases(corpus, work)
        raw, memory, chunked, ours = (loads[n] for n in ("raw", "raw-memory", "chunked", "load"))
        queries = run_phase("queries", corpus, work)
        theirs = run_rdflib(corpus, work)
    raw_s, our_s = float(raw["seconds"]), float(ours["seconds"])  # type: ignore[arg-type]
    print(
        f"raw pyoxigraph bulk_load: {raw_s:.1f} s, {written / raw_s:,.0f} quads/s, "
        f"peak {raw['peak_mb']:.0f} MB"
    )
    print(
        f"stancegraph load:         {our_s:.1f} s, {written / our_s:,.0f} quads/s, "
        f"peak {ours['peak_mb']:.0f} MB; {raw_s / our_s:.2f}x raw bulk load"
    )
    rdflib_load = next((r for r in theirs if "load_s" in r), None)
    if rdflib_load:
        rs = float(rdflib_load["load_s"])  # type: ignore[arg-type]
        print(
            f"rdflib Dataset.parse:     {rs:.1f} s, {written / rs:,.0f} quads/s, peak "
            f"{rdflib_load['peak_mb']:.0f} MB; stancegraph is {rs / our_s:.1f}x faster"
        )
        print("ceilings (loading only, no check, no compaction), against rdflib:")
        for label, figures in (
            ("raw bulk_load to disk", raw),
            ("chunked parallel bulk_load to disk", chunked),
            ("raw bulk_load in memory", memory),
        ):
            seconds = float(figures["seconds"])  # type: ignore[arg-type]
            print(
                f"  {label:<36} {seconds:5.1f} s, peak {figures['peak_mb']:.0f} MB: "
                f"{rs / seconds:.1f}x rdflib"
            )
    else:
        print(f"rdflib Dataset.parse:     did not finish in {RDFLIB_BUDGET_S:.0f} s")
    rdflib_times = {str(r["query"]): float(r["s"]) for r in theirs if "query" in r}  # type: ignore[arg-type]
    medians: dict[str, float] = queries["median_s"]  # type: ignore[assignment]
    raw_medians: dict[str, float] = queries["raw_s"]  # type: ignore[assignment]
    row_counts: dict[str, int] = queries["rows"]  # type: ignore[assignment]
    print(
        f"queries (embedded: median of 5, end to end incl. parse and binding; peak "
        f"{queries['peak_mb']:.0f} MB; rdflib: one run, each cut off after "
        f"{RDFLIB_QUERY_BUDGET_S:.0f} s):"
    )
    print(
        f"  {'query':<22} {'rows':>6} {'embedded':>10} {'raw ox':>9} {'vs raw':>7} "
        f"{'rdflib':>10} {'ratio':>8}"
    )
    for name, seconds in medians.items():
        other = rdflib_times.get(name)
        rd = f"{other:9.2f}s" if other is not None else f"> {RDFLIB_QUERY_BUDGET_S:.0f} s".rjust(10)
        ratio = f"{other / seconds:7.0f}x" if other is not None else "       -"
        raw_q = raw_medians[name]
        print(
            f"  {name:<22} {row_counts[name]:>6} {seconds:9.3f}s {raw_q:8.3f}s "
            f"{seconds / raw_q:6.2f}x {rd} {ratio}"
        )
    print("  (vs raw: stancegraph's time over raw pyoxigraph running the same bound SPARQL")
    print("   and reading every row; target <= 1.5x)")


if __name__ == "__main__":
    main()
