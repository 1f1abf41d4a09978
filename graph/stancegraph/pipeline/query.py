"""``query``: run a named query, a query file or a query from stdin on any store.

The query is found and parsed, and its parameters read and bound, before any
store is opened: a typo never waits on a server. Stores open read-only and an
update is refused unless ``allow_update``. A query runs under a time limit
(:data:`~stancegraph.store.deadline.DEFAULT_TIMEOUT`, which Ctrl-C can cut
short) and a result held in memory under a row limit (:data:`MAX_ROWS`);
:func:`write_query` streams the rows of a SELECT on the embedded store to its
output as CSV or TSV, with no row limit and in flat memory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from stancegraph.defaults import MAX_ROWS
from stancegraph.errors import QueryError
from stancegraph.queries.catalog import NamedQuery, get_query, query_from_text
from stancegraph.queries.params import Term, parse_assignment, parse_value
from stancegraph.queries.rows import write_rows
from stancegraph.store.base import GraphStore, QueryResult
from stancegraph.store.binding import BoundQuery, bind_query
from stancegraph.store.deadline import DEFAULT_TIMEOUT, within
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.open import open_store
from stancegraph.textio import read_text

__all__ = [
    "MAX_ROWS",
    "QueryRun",
    "bind_parameters",
    "execute",
    "prepare_query",
    "resolve_query",
    "run_query",
    "run_sparql",
    "write_query",
]

_QUERY_SUFFIXES = (".rq", ".sparql", ".ru", ".ttl.rq")


@dataclass(frozen=True)
class QueryRun:
    """A query that ran: what it was, and its result (``None`` for an update, and for
    rows :func:`write_query` streamed: then *rows* says how many)."""

    query: NamedQuery
    bound: BoundQuery
    result: QueryResult | None
    rows: int | None = None


def resolve_query(source: str, stdin: str | None = None) -> NamedQuery:
    """The query *source* names: ``-`` (the text *stdin*), a file, or a named query."""
    if source == "-":
        if stdin is None or not stdin.strip():
            raise QueryError("no query on standard input: pipe one in, or name a query")
        return query_from_text("<stdin>", stdin)
    path = Path(source)
    if path.suffix in _QUERY_SUFFIXES or path.exists():
        return query_from_text(path.name, read_text(path, what="query file"))
    return get_query(source)


def bind_parameters(query: NamedQuery, assignments: Sequence[str]) -> dict[str, Term]:
    """Read ``name=value`` *assignments* as the typed parameters of *query* (pyoxigraph
    terms, which any store binds)."""
    declared = {p.name: p for p in query.params}
    values: dict[str, Term] = {}
    for assignment in assignments:
        name, value = parse_assignment(assignment)
        if name in values:
            raise QueryError(f"--param {name} is given twice: give it once")
        if declared and name not in declared:
            known = ", ".join(declared)
            raise QueryError(
                f"query {query.name} has no parameter {name!r}: its parameters: {known}"
            )
        kind = declared[name].type if name in declared else "term"
        values[name] = parse_value(name, value, kind)
    for param in query.params:
        if not param.optional and param.name not in values:
            raise QueryError(
                f"query {query.name} needs --param {param.name}=... ({param.type}: "
                f"{param.description})"
            )
    return values


def prepare_query(
    source: str,
    params: Sequence[str] = (),
    *,
    stdin: str | None = None,
    allow_update: bool,
    allow_remote: bool = False,
) -> tuple[NamedQuery, BoundQuery]:
    """Find, parse and bind the query *source*; refuse an update unless *allow_update*
    and a federated ``SERVICE`` (a request to another server) unless *allow_remote*."""
    query = resolve_query(source, stdin)
    bound = bind_query(query.text, bind_parameters(query, params))
    if bound.form == "UPDATE" and not allow_update:
        raise QueryError(
            f"{query.name} is a SPARQL update and queries are read-only: give --allow-update "
            "to change the store"
        )
    if bound.remote and not allow_remote:
        raise QueryError(
            f"{query.name} asks another server (SERVICE): queries stay on this store unless "
            "you give --allow-remote"
        )
    return query, bound


def run_query(
    source: str,
    params: Sequence[str] = (),
    *,
    store: Path | None = None,
    endpoint: str | None = None,
    file: Path | None = None,
    vocab: Sequence[Path] = (),
    allow_update: bool = False,
    allow_remote: bool = False,
    stdin: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = MAX_ROWS,
) -> QueryRun:
    """Run the query *source* with *params* on the store named by *store*, *endpoint*
    or *file* (default: the embedded store ``out/store``), for at most *timeout*
    seconds and *max_rows* rows (``None``: no limit)."""
    return write_query(
        source,
        params,
        None,
        "table",
        store=store,
        endpoint=endpoint,
        file=file,
        vocab=vocab,
        allow_update=allow_update,
        allow_remote=allow_remote,
        stdin=stdin,
        timeout=timeout,
        max_rows=max_rows,
    )


def write_query(
    source: str,
    params: Sequence[str],
    out: TextIO | None,
    fmt: str,
    *,
    store: Path | None = None,
    endpoint: str | None = None,
    file: Path | None = None,
    vocab: Sequence[Path] = (),
    allow_update: bool = False,
    allow_remote: bool = False,
    stdin: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = MAX_ROWS,
) -> QueryRun:
    """Run the query as :func:`run_query` does and write its result to *out* in *fmt*
    (see :func:`~stancegraph.queries.results.format_result`; *out* ``None``: only
    return it, as :func:`run_query` does). The rows of a SELECT
    on the embedded store in ``csv`` or ``tsv`` stream to *out* as the engine gives
    them: no row limit, flat memory, and what was written stays written when the
    time limit or Ctrl-C ends the query; those rows never become rdflib terms, and
    rdflib is not imported for them."""
    query, bound = prepare_query(
        source, params, stdin=stdin, allow_update=allow_update, allow_remote=allow_remote
    )
    with open_store(store, endpoint, file, read_only=not allow_update, vocab=vocab) as db:
        if (
            out is not None
            and bound.form == "SELECT"
            and fmt in ("csv", "tsv")
            and isinstance(db, EmbeddedStore)
        ):
            stream_to = out

            def stream() -> int:
                variables, rows = db.iter_select(bound.text)
                return write_rows(variables, rows, fmt, stream_to)

            count = within(timeout, stream)
            return QueryRun(query=query, bound=bound, result=None, rows=count)
        result = execute(db, bound, timeout=timeout, max_rows=max_rows)
    if out is not None and result is not None:
        from stancegraph.queries.results import format_result

        out.write(format_result(result, fmt))
    return QueryRun(query=query, bound=bound, result=result)


def execute(
    store: GraphStore,
    bound: BoundQuery,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = MAX_ROWS,
) -> QueryResult | None:
    """Run the bound query (or update) *bound* on *store*; a query for at most *timeout*
    seconds and *max_rows* rows or triples."""
    if bound.form == "UPDATE":
        store.update(bound.text)  # no time limit: cut short, a write would be lost
        return None
    return within(timeout, lambda: store.query(bound.text, max_rows=max_rows))


def run_sparql(
    text: str,
    params: Mapping[str, str] | None = None,
    *,
    store: Path | None = None,
    endpoint: str | None = None,
    file: Path | None = None,
    vocab: Sequence[Path] = (),
) -> QueryResult | None:
    """The result of the ad-hoc, read-only SPARQL *text* with *params* (``{"name":
    "value"}``, read as ``--param name=value`` is); for notebooks and scripts."""
    assignments = [f"{name}={value}" for name, value in (params or {}).items()]
    run = run_query(
        "-", assignments, stdin=text, store=store, endpoint=endpoint, file=file, vocab=vocab
    )
    return run.result
