"""Every named query on the seed, in the embedded store and through a real oxigraph
server, against the committed expected results (tests/queries/expected/*.json).

Set STANCEGRAPH_WRITE_EXPECTED=1 to rewrite the expected files from the embedded store.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stancegraph.pipeline.query import run_query
from stancegraph.pipeline.serve import Server
from stancegraph.queries.catalog import list_queries
from stancegraph.store.base import QueryResult, SelectResult

EXPECTED = Path(__file__).parent / "expected"

PARAMS: dict[str, tuple[str, ...]] = {
    "article-refs": (),
    "claim-cues": (),
    "claims-table": (),
    "actors-by-side": ("side=china",),
    "claim-counts": (),
    "divergent-issues": ("a=united-states", "b=china"),
    "emergent-issues": (),
    "evidence-for-claim": ("claim=ap-2024-04-26-blinken-china/c22",),
    "one-sided-issues": ("a=united-states", "b=china"),
    "positions-of-actor": ("actor=wang-yi",),
    "positions-on-issue": ("issue=foreign-trade",),
    "stance-over-time": ("side=china", "issue=international-affairs"),
}
NAMES = sorted(PARAMS)
#: Queries the hand-coded seed has nothing for (tested on extracted claims elsewhere).
EMPTY_ON_SEED = frozenset({"emergent-issues"})


def normalise(result: QueryResult | None) -> dict[str, object]:
    assert isinstance(result, SelectResult)
    rows = sorted(["" if t is None else t.n3() for t in row] for row in result.rows)
    return {"variables": list(result.variables), "rows": rows}


def expected(name: str, actual: dict[str, object]) -> object:
    path = EXPECTED / f"{name}.json"
    if os.environ.get("STANCEGRAPH_WRITE_EXPECTED"):
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return json.loads(path.read_text("utf-8"))


def test_every_shipped_query_is_tested() -> None:
    assert [q.name for q in list_queries()] == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_named_query_on_embedded_store(name: str, seed_store: Path) -> None:
    actual = normalise(run_query(name, PARAMS[name], store=seed_store).result)
    assert bool(actual["rows"]) != (name in EMPTY_ON_SEED), f"{name} on the seed"
    assert actual == expected(name, actual)


@pytest.mark.server
@pytest.mark.parametrize("name", NAMES)
def test_named_query_through_oxigraph_server(name: str, seed_server: Server) -> None:
    actual = normalise(run_query(name, PARAMS[name], endpoint=seed_server.query_url).result)
    assert actual == json.loads((EXPECTED / f"{name}.json").read_text("utf-8"))


def test_a_header_title_may_run_over_lines_and_internal_queries_are_marked() -> None:
    from stancegraph.queries.catalog import query_from_text

    query = query_from_text(
        "q",
        "# Claims per side: how many,\n# and for what.\n#\n# @internal used by x\n"
        "# @param side side optional  a side\nSELECT * WHERE { ?s ?p ?side }\n",
    )
    assert query.title == "Claims per side: how many, and for what."
    assert query.internal and [p.name for p in query.params] == ["side"]
    shipped = {q.name for q in list_queries() if q.internal}
    assert shipped == {"article-refs", "claim-cues", "claims-table", "emergent-issues"}
