"""Benchmark: the DataFrame of 100,000 claim records against ``json.load`` of the same records.

Generates the synthetic corpus of ``bench_analysis.py`` (deterministic, seed 0) and
times, in one process, :func:`stancegraph.frames.records_frame` (typed columns:
dates, Categoricals for side, issue and stance, integers) against the baseline of
reading the same records back from JSON text with ``json.load`` (what the
cheapest plain route to the data costs). Medians of 5 interleaved runs; the
target is the frame in <= 2 s. Usage: ``python benchmarks/bench_frames.py [CLAIMS]``.
"""

from __future__ import annotations

import dataclasses
import io
import json
import statistics
import sys
import time

from bench_analysis import synthetic_records
from stancegraph.frames import records_frame
from stancegraph.vocab.model import load_vocabulary


def main() -> None:
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    vocabulary = load_vocabulary()
    records = synthetic_records(vocabulary, claims, 100)
    text = json.dumps([dataclasses.asdict(r) for r in records], default=str)
    times: dict[str, list[float]] = {"frame": [], "json": []}
    for _ in range(5):
        start = time.perf_counter()
        frame = records_frame(records, vocabulary)
        times["frame"].append(time.perf_counter() - start)
        start = time.perf_counter()
        json.load(io.StringIO(text))
        times["json"].append(time.perf_counter() - start)
    frame_s, json_s = statistics.median(times["frame"]), statistics.median(times["json"])
    verdict = "meets" if frame_s <= 2 else "misses"
    print(f"{len(frame):,} claims, {frame.memory_usage(deep=True).sum() / 1e6:.0f} MB frame")
    print(
        f"records_frame {frame_s:.2f} s ({verdict} the 2 s target), json.load of the same "
        f"records {json_s:.2f} s: {frame_s / json_s:.2f}x"
    )


if __name__ == "__main__":
    main()
