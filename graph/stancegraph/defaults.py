"""The default values the commands show in ``--help``, kept in one light module so
that ``--help`` imports nothing heavy.

Each value is also importable from the module that uses it (for example
:data:`stancegraph.store.open.DEFAULT_STORE`), as it was before it moved here.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DEFAULT_MAX_NODES",
    "DEFAULT_STORE",
    "DEFAULT_TIMEOUT",
    "DEFAULT_TOP_K",
    "MAX_ROWS",
    "PAIRS_SHOWN",
    "RESULT_FORMATS",
]

#: By default each node keeps its this-many strongest ties (0 or None: every tie).
DEFAULT_TOP_K = 25
#: How many pairs of sides the report's table of pairs lists (JSON has them all).
PAIRS_SHOWN = 20
#: Views larger than this are cut to their heaviest nodes (see :mod:`stancegraph.viz.limit`).
DEFAULT_MAX_NODES = 1500
#: The most rows (or triples) of a result held in memory, unless the caller gives another.
MAX_ROWS = 1_000_000
#: The embedded store commands use when given none.
DEFAULT_STORE = Path("out/store")
#: The formats a query result can be written in.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "markdown")
#: Seconds a query may run, unless the caller gives another limit (``None``: no limit).
DEFAULT_TIMEOUT = 300.0
