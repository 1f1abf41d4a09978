"""The cyclic garbage collector, run less often during heavy steps."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from stancegraph.collector import YOUNG_THRESHOLD, rarer_collections


@pytest.fixture(autouse=True)
def _thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_the_youngest_are_collected_less_often_inside_and_as_before_after() -> None:
    gc.set_threshold(700, 10, 10)
    with rarer_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        with rarer_collections():  # nested: the outer setting stands
            assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_rarer_setting_or_a_collector_turned_off_is_left_alone() -> None:
    gc.set_threshold(50_000, 5, 5)
    with rarer_collections():
        assert gc.get_threshold() == (50_000, 5, 5)
    gc.set_threshold(0)
    with rarer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def test_thresholds_are_restored_when_the_step_fails() -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(ValueError), rarer_collections():
        raise ValueError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_cycles_made_inside_are_still_freed() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self

    gc.collect()
    with rarer_collections():
        for _ in range(5 * YOUNG_THRESHOLD):
            Node()
        alive = sum(isinstance(o, Node) for o in gc.get_objects())
    assert alive < 2 * YOUNG_THRESHOLD  # collected as they went, not all kept


def test_the_analysis_runs_with_rarer_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    from stancegraph.analysis import result

    seen = []

    def spy(records, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold()[0])
        raise RuntimeError("enough")

    gc.set_threshold(700, 10, 10)
    monkeypatch.setattr(result, "filter_records", spy)
    with pytest.raises(RuntimeError):
        result.analyze_records([], None)  # type: ignore[arg-type]
    assert seen == [YOUNG_THRESHOLD] and gc.get_threshold() == (700, 10, 10)
