"""Benchmark: `query` table output of a long result against its CSV output, same run.

Builds a store of the seed's claims under many article ids (400 copies: about
13,000 claims) and runs the same SELECT of every claim's actor, side, issue,
stance and position through the two output paths the CLI takes: the table
(plain aligned columns beyond a screenful, :mod:`stancegraph.aligned`) and
``-f csv`` (streamed). Also times rich's table layout for the same rows, which
was the table path before. Medians of 5 interleaved runs; the target is table
<= 1.5x csv. Usage: ``python benchmarks/bench_table.py [COPIES]``.
"""

from __future__ import annotations

import io
import statistics
import sys
import time

from rich.console import Console
from rich.table import Table

from bench_build import SEED, copies
from stancegraph.aligned import aligned_lines
from stancegraph.claims.io import load_claims
from stancegraph.queries.results import result_table, write_rows
from stancegraph.rdf.build import claims_to_dataset
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.load import load_dataset

QUERY = """PREFIX sg: <https://w3id.org/stancegraph/ontology#>
SELECT ?claim ?actor ?side ?issue ?stance ?position WHERE {
  ?claim sg:claimant ?actor ; sg:side ?side ; sg:issue ?issue ; sg:stance ?stance ;
         sg:position ?position .
}"""


def table_text(store: EmbeddedStore) -> str:
    header, rows = result_table(store.query(QUERY))
    out = io.StringIO()
    for line in aligned_lines(header, rows):
        out.write(line + "\n")
    return out.getvalue()


def csv_text(store: EmbeddedStore) -> str:
    out = io.StringIO()
    variables, rows = store.iter_select(QUERY)
    write_rows(variables, rows, "csv", out)
    return out.getvalue()


def rich_text(store: EmbeddedStore) -> str:
    header, rows = result_table(store.query(QUERY))
    table = Table()
    for name in header:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console = Console(file=io.StringIO(), width=160)
    console.print(table)
    return "done"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    store = EmbeddedStore(None)
    load_dataset(store, claims_to_dataset(copies(load_claims(SEED), n)))
    rows = len(store.query(QUERY).rows)  # type: ignore[union-attr]
    times: dict[str, list[float]] = {"csv": [], "table": []}
    for _ in range(5):
        for name, fn in (("csv", csv_text), ("table", table_text)):
            start = time.perf_counter()
            fn(store)
            times[name].append(time.perf_counter() - start)
    start = time.perf_counter()
    rich_text(store)
    rich_s = time.perf_counter() - start
    csv_s, table_s = (statistics.median(times[k]) for k in ("csv", "table"))
    print(f"{rows:,} rows: csv {csv_s:.3f} s, table {table_s:.3f} s, rich layout {rich_s:.2f} s")
    verdict = "meets" if table_s <= 1.5 * csv_s else "misses"
    print(
        f"table / csv: {table_s / csv_s:.2f}x ({verdict} the 1.5x target); "
        f"rich / csv: {rich_s / csv_s:.1f}x"
    )


if __name__ == "__main__":
    main()
