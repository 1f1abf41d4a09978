"""Benchmark: a long corpus end to end, incremental re-runs, and extraction on Dask.

    python benchmarks/bench_corpus.py [N_ARTICLES] [--no-dask] [--workers=N] [--rounds=R]
                                      (default 10,000 articles, 1 worker, 1 round)

Texts: the PolNeAR train articles (../shared/corpora/polnear/train/text), repeated
under new ids up to N_ARTICLES in a folder tree of 100 articles per folder; without
them the benchmark says "skipped:" and stops. Each phase runs in its own process (its
peak memory is its own), in this order, on the same machine:

1. ``extract`` alone, with N workers (default 1): the baseline;
2. ``run`` on the whole corpus into an empty folder, end to end, with N workers too
   (target <= 1.15x 1);
   its peak memory, and that of ``run`` on a tenth of the corpus (flat: the same);
   with R rounds, phases 1 and 2 alternate R times, each into an empty folder, and
   their medians are compared (a shared machine's speed drifts between phases);
3. ``run`` again after 1% of the articles changed (target <= 5% of 2), and once more
   with nothing changed;
4. bare ``nlp.pipe`` over the texts (1 process), then extraction on a Dask
   ``LocalCluster`` of 1 worker and of 2 workers on 127.0.0.1 (targets: 2 workers
   >= 1.7x 1 worker; 1 worker's overhead over bare ``nlp.pipe`` <= 5%).
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear" / "train" / "text"
PER_FOLDER = 100


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own, children)


def _median(figures: list[dict[str, object]]) -> dict[str, object]:
    """The phase whose seconds are the median of *figures* (the lower one of an even count),
    with the highest peak memory of them all."""
    ordered = sorted(figures, key=lambda f: float(f["seconds"]))  # type: ignore[arg-type]
    middle = dict(ordered[(len(ordered) - 1) // 2])
    if any("peak_mb" in f for f in figures):
        middle["peak_mb"] = max(float(f.get("peak_mb", 0)) for f in figures)  # type: ignore[arg-type]
    return middle


def make_corpus(folder: Path, n: int) -> list[Path]:
    """*n* articles: the PolNeAR train texts over and over, each under its own name."""
    texts = sorted(POLNEAR.glob("*.txt"))
    paths = []
    for i in range(n):
        path = folder / f"part-{i // PER_FOLDER:04d}" / f"a{i:06d}-{texts[i % len(texts)].name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(texts[i % len(texts)], path)
        paths.append(path)
    return paths


def phase(name: str, corpus: Path, out: Path, extra: str) -> dict[str, object]:
    """Run one phase in this process; a dict of figures."""
    start = time.perf_counter()
    if name == "extract":
        from stancegraph.pipeline.corpus import find_corpus
        from stancegraph.pipeline.extract import extract_corpus

        extract_corpus(find_corpus([corpus]), out, workers=int(extra or 1))
    elif name == "run":
        from stancegraph.pipeline.run import run

        result = run(corpus, out, workers=int(extra or 1))
        return {
            "seconds": time.perf_counter() - start,
            "peak_mb": _peak_mb(),
            "reused": result.reused,
            "loaded": result.loaded,
        }
    elif name == "bare":
        from stancegraph.extract.model import load_model

        nlp = load_model().nlp
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
    elif name == "dask":
        from distributed import LocalCluster

        from stancegraph.pipeline.corpus import find_corpus
        from stancegraph.pipeline.extract import extract_corpus

        with LocalCluster(
            n_workers=int(extra),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            worker_dashboard_address=":0",
        ) as cluster:
            corpus_ = find_corpus([corpus])
            start = time.perf_counter()  # the workers' model load counts, as in phase 1
            extract_corpus(corpus_, out, scheduler=cluster.scheduler_address)
    else:
        raise ValueError(name)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def run_phase(name: str, corpus: Path, out: Path, extra: str = "") -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--phase", name, str(corpus), str(out), extra],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--phase":
        figures = phase(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5])
        print(json.dumps(figures))
        return
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__)
        return
    if not POLNEAR.is_dir():
        print(f"skipped: {POLNEAR} is not there (the PolNeAR train texts)")
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 10_000
    dask = "--no-dask" not in sys.argv
    workers = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--workers=")), "1")
    rounds = int(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--rounds=")), "1"))
    work = Path(tempfile.mkdtemp(prefix="bench_corpus_"))
    try:
        corpus = work / "corpus"
        paths = make_corpus(corpus, n)
        tenth = work / "tenth"
        make_corpus(tenth, max(1, n // 10))
        print(f"{n:,} articles (PolNeAR train repeated), {PER_FOLDER} per folder")
        alones, fulls = [], []
        for r in range(rounds):  # alternated: each ratio from phases run side by side
            shutil.rmtree(work / "extract", ignore_errors=True)
            shutil.rmtree(work / "out", ignore_errors=True)
            alones.append(run_phase("extract", corpus, work / "extract", workers))
            fulls.append(run_phase("run", corpus, work / "out", workers))
            if rounds > 1:
                e, u = (float(x[-1]["seconds"]) for x in (alones, fulls))  # type: ignore[arg-type]
                print(f"round {r + 1}: extract {e:.1f} s, run {u:.1f} s, {u / e:.2f}x")
        alone = _median(alones)
        full = _median(fulls)
        small = run_phase("run", tenth, work / "out-tenth", workers)
        changed = max(1, n // 100)
        for path in paths[:: max(1, n // changed)][:changed]:
            with path.open("a", encoding="utf-8") as handle:
                handle.write("\nThe minister said the talks would resume next month.\n")
        again = run_phase("run", corpus, work / "out", workers)
        unchanged = run_phase("run", corpus, work / "out", workers)
        a, f, g = (float(x["seconds"]) for x in (alone, full, again))  # type: ignore[arg-type]
        print(
            f"extract alone, {workers} worker(s):  {a:8.1f} s  ({n / a:.1f} articles/s)  baseline"
        )
        verdict = "met" if f / a <= 1.15 else "NOT met"
        print(f"run, end to end:              {f:8.1f} s  {f / a:5.2f}x extract alone "
              f"(target <= 1.15x: {verdict})")  # fmt: skip
        print(f"peak memory of run:           {full['peak_mb']:8.0f} MB at {n:,} articles, "
              f"{small['peak_mb']:.0f} MB at {max(1, n // 10):,}")  # fmt: skip
        verdict = "met" if g / f <= 0.05 else "NOT met"
        print(f"run after {changed} article(s) changed: {g:6.1f} s  {100 * g / f:5.1f}% of the "
              f"full run (target <= 5%: {verdict}); {again['reused']} extraction(s) reused, "
              f"{again['loaded']} graph(s) loaded")  # fmt: skip
        u = float(unchanged["seconds"])  # type: ignore[arg-type]
        print(f"run again, nothing changed:   {u:8.1f} s  {100 * u / f:5.1f}% of the full run; "
              f"{unchanged['reused']} extraction(s) reused, {unchanged['loaded']} graph(s) "
              "loaded")  # fmt: skip
        if dask:
            bare = float(run_phase("bare", corpus, work / "bare")["seconds"])  # type: ignore[arg-type]
            one = float(run_phase("dask", corpus, work / "dask1", "1")["seconds"])  # type: ignore[arg-type]
            two = float(run_phase("dask", corpus, work / "dask2", "2")["seconds"])  # type: ignore[arg-type]
            print(f"bare nlp.pipe, 1 process:     {bare:8.1f} s")
            overhead = 100 * (one - bare) / bare
            print(f"Dask LocalCluster, 1 worker:  {one:8.1f} s  overhead "
                  f"{overhead:+.1f}% over bare nlp.pipe (target <= 5%)")  # fmt: skip
            verdict = "met" if one / two >= 1.7 else "NOT met"
            print(f"Dask LocalCluster, 2 workers: {two:8.1f} s  {one / two:.2f}x 1 worker "
                  f"(target >= 1.7x: {verdict})")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
