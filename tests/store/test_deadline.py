"""The query time limit: the result within it, the worker's error, the limit itself."""

from __future__ import annotations

import threading
import time

import pyoxigraph as ox
import pytest

from stancegraph.errors import QueryError, QueryTimeoutError
from stancegraph.store.deadline import busy, within


def test_the_result_or_the_workers_error_comes_back() -> None:
    assert within(5, lambda: 42) == 42
    with pytest.raises(QueryError, match="bad"):
        within(5, lambda: (_ for _ in ()).throw(QueryError("bad")))
    assert not busy()


def test_no_limit_waits_for_the_end() -> None:
    assert within(None, lambda: time.sleep(0.2) or "done") == "done"


def test_a_native_query_past_the_limit_is_given_up_on_at_once() -> None:
    store = ox.Store()
    store.extend(
        ox.Quad(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i)))
        for i in range(3000)
    )
    # 9 million solutions to count: a second or more of native code, GIL released
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }"
    start = time.perf_counter()
    with pytest.raises(QueryTimeoutError, match=r"within 0\.05 s.*--timeout"):
        within(0.05, lambda: list(store.query(query)))
    assert time.perf_counter() - start < 0.5
    assert busy()  # the engine goes on in its thread; the CLI exits at once
    for worker in threading.enumerate():
        if worker.name == "stancegraph-query":
            worker.join(60)  # not left running under the other tests
    assert not busy()
