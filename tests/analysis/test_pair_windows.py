"""The indexes of every pair of sides, window by window: how a long corpus moves."""

from __future__ import annotations

import datetime as dt
import math

from stancegraph.analysis.report import analysis_to_json
from stancegraph.analysis.result import AnalysisOptions, analyze_records
from stancegraph.tables import pair_window_rows
from stancegraph.vocab.model import Vocabulary
from tests.analysis.records import rec

R, F, C = "ruritania", "freedonia", "china"
APRIL, MAY = dt.date(2024, 4, 10), dt.date(2024, 5, 20)


def _records():  # type: ignore[no-untyped-def]
    return [
        rec("r1", R, "open-trade", 1, article="a1", published=APRIL),
        rec("f1", F, "open-trade", -1, article="a1", published=APRIL),
        rec("c1", C, "open-trade", 1, article="a1", published=APRIL),
        rec("r2", R, "open-trade", 1, article="a2", published=MAY),
        rec("f2", F, "open-trade", 1, article="a2", published=MAY),
        rec("r3", R, "tariffs-justified", 1, article="a2", published=MAY),
    ]


def test_every_pair_gets_its_own_windows(mini_vocab: Vocabulary) -> None:
    analysis = analyze_records(_records(), mini_vocab, AnalysisOptions(window="month"))
    by_pair = {
        frozenset((p.a, p.b)): {w.scope: w for w in p.windows} for p in analysis.pair_windows
    }
    assert set(by_pair) == {frozenset((R, F)), frozenset((R, C)), frozenset((F, C))}
    rf, rc, fc = by_pair[frozenset((R, F))], by_pair[frozenset((R, C))], by_pair[frozenset((F, C))]
    assert rf["2024-04"].indexes.divergence == 1.0 and rf["2024-05"].indexes.divergence == 0.0
    assert rc["2024-04"].indexes.divergence == 0.0
    assert rc["2024-05"].indexes.divergence is None  # China says nothing in May
    assert rc["2024-05"].claims == 2  # the two sides' claims only, not Freedonia's
    assert fc["2024-04"].indexes.divergence == 1.0 and set(fc) == {"2024-04", "2024-05"}
    assert analyze_records(_records(), mini_vocab).pair_windows == ()


def test_rows_json_and_frame_agree(mini_vocab: Vocabulary) -> None:
    analysis = analyze_records(_records(), mini_vocab, AnalysisOptions(window="month"))
    rows = pair_window_rows(analysis)
    assert [r["window"] for r in rows if {r["a"], r["b"]} == {R, F}] == ["2024-04", "2024-05"]
    assert rows[0]["pair"] == f"{analysis.pairs[0].a_label} and {analysis.pairs[0].b_label}"
    document = analysis_to_json(analysis)["indexes"]["per_pair_window"]
    assert len(document) == 3
    assert sum(len(p["windows"]) for p in document) == len(rows)

    from stancegraph.frames import pair_window_frame

    frame = pair_window_frame(analysis)
    assert len(frame) == len(rows) and frame["claims"].dtype == "int64"
    assert str(frame["first"].dtype).startswith("datetime64")
    table = frame.pivot(index="window", columns="pair", values="divergence")
    assert list(table.index) == ["2024-04", "2024-05"]
    may = table.loc["2024-05"]
    assert list(may.dropna()) == [0.0] and sum(math.isnan(v) for v in may) == 2


def test_the_windows_of_each_pair_are_those_of_its_two_sides_records(
    mini_vocab: Vocabulary,
) -> None:
    import random

    from stancegraph.analysis.divergence import (
        PairWindows,
        indexes_by_window,
        pair_indexes_by_window,
    )

    rng = random.Random(7)
    sides = [R, F, C, "atlantis"]
    issues = ["open-trade", "tariffs-justified", "unclassified"]
    dates = [APRIL, MAY, dt.date(2024, 6, 1), dt.date(2023, 12, 31), None]
    records = [
        rec(
            f"actor-{rng.randrange(12)}",
            rng.choice(sides),
            rng.choice(issues),
            rng.choice((1, -1)),
            article=f"a{rng.randrange(15)}",
            published=rng.choice(dates),
        )
        for _ in range(300)
    ]
    pairs = [(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :]] + [(R, "nobody")]
    for window in ("month", "quarter", "week", "year"):
        by_definition = tuple(  # the corpus filtered for each pair
            PairWindows(
                a=a,
                b=b,
                windows=indexes_by_window(
                    [r for r in records if r.side in (a, b)], mini_vocab, a, b, window
                ),
            )
            for a, b in pairs
        )
        assert pair_indexes_by_window(records, mini_vocab, pairs, window) == by_definition
