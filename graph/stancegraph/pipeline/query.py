"""``query``: run a named query, a query file or a query from stdin on any store.

The query is found and parsed, and its parameters read and bound, before any
store is opened: a typo never waits on a server. Stores open read-only and an
update is refused unless ``allow_update``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from stancegraph.errors import QueryError
from stancegraph.queries.catalog import NamedQuery, get_query, query_from_text
from stancegraph.queries.params import parse_assignment, parse_value
from stancegraph.store.base import GraphStore, QueryResult
from stancegraph.store.binding import BoundQuery, bind_query
from stancegraph.store.open import open_store
from stancegraph.store.terms import RDFTerm
from stancegraph.textio import read_text

__all__ = [
    "QueryRun",
    "bind_parameters",
    "execute",
    "prepare_query",
    "resolve_query",
    "run_query",
    "run_sparql",
]

_QUERY_SUFFIXES = (".rq", ".sparql", ".ru", ".ttl.rq")


@dataclass(frozen=True)
class QueryRun:
    """A query that ran: what it was, and its result (``None`` for an update)."""

    query: NamedQuery
    bound: BoundQuery
    result: QueryResult | None


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


def bind_parameters(query: NamedQuery, assignments: Sequence[str]) -> dict[str, RDFTerm]:
    """Read ``name=value`` *assignments* as the typed parameters of *query*."""
    declared = {p.name: p for p in query.params}
    values: dict[str, RDFTerm] = {}
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
) -> QueryRun:
    """Run the query *source* with *params* on the store named by *store*, *endpoint*
    or *file* (default: the embedded store ``out/store``)."""
    query, bound = prepare_query(
        source, params, stdin=stdin, allow_update=allow_update, allow_remote=allow_remote
    )
    with open_store(store, endpoint, file, read_only=not allow_update, vocab=vocab) as db:
        return QueryRun(query=query, bound=bound, result=execute(db, bound))


def execute(store: GraphStore, bound: BoundQuery) -> QueryResult | None:
    """Run the bound query (or update) *bound* on *store*."""
    if bound.form == "UPDATE":
        store.update(bound.text)
        return None
    return store.query(bound.text)


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
