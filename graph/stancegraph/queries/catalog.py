"""The catalog of named queries: the ``*.rq`` files beside this module and their headers.

A query file starts with comment lines: the first paragraph says what it
answers (its title; it may run over several lines), the next ones describe it,
an ``@internal`` line marks a query the tool itself runs (not listed by
``query --list``, still runnable by name), and one ``@param`` line declares each
parameter::

    # Positions of an actor: every claim one actor made, oldest first.
    #
    # One row per claim: ...
    #
    # @param actor actor  the claimant: a registry id (antony-blinken), actor:id or <IRI>
    # @param side side optional  only this side

``@param NAME TYPE [optional] DESCRIPTION`` binds the variable ``?NAME``; TYPE
says how a value is read (see :mod:`stancegraph.queries.params`). A query file
given by path may carry the same header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from stancegraph.errors import QueryError
from stancegraph.queries.params import PARAM_TYPES

__all__ = ["NamedQuery", "Param", "get_query", "list_queries", "query_from_text"]

#: Where the named queries are: beside this module (the package is never run zipped,
#: and ``importlib.resources`` would cost a command 6 ms of imports to find them).
QUERY_FOLDER = Path(__file__).resolve().parent
_PARAM = re.compile(r"^@param\s+(\w+)\s+(\w+)(\s+optional\b)?\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """A declared parameter: the variable it binds, its type, whether it may be left out."""

    name: str
    type: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query with what its header says about it."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    internal: bool = False


def query_from_text(name: str, text: str) -> NamedQuery:
    """Read the header of the query *text* (named *name* in messages)."""
    comments = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        comments.append(stripped[1:].strip())
    first = comments.index("") if "" in comments else len(comments)
    title = " ".join(comments[:first])
    description: list[str] = []
    params: list[Param] = []
    internal = False
    for comment in comments[first:]:
        if comment.split(maxsplit=1)[:1] == ["@internal"]:
            internal = True
            continue
        match = _PARAM.match(comment)
        if match:
            pname, ptype, optional, pdesc = match.groups()
            if ptype not in PARAM_TYPES:
                raise QueryError(
                    f"query {name}: parameter {pname} has unknown type {ptype!r}: use one of "
                    f"{', '.join(sorted(PARAM_TYPES))}"
                )
            params.append(Param(pname, ptype, optional is not None, pdesc.strip()))
        elif comment.startswith("@"):
            raise QueryError(
                f"query {name}: cannot read header line {comment!r}: write "
                "@param NAME TYPE [optional] DESCRIPTION (or @internal)"
            )
        elif comment and not params:
            description.append(comment)
    return NamedQuery(
        name=name,
        title=title,
        description=" ".join(description),
        params=tuple(params),
        text=text,
        internal=internal,
    )


def list_queries() -> list[NamedQuery]:
    """Every named query shipped in the package, sorted by name."""
    return [_read_query(path) for path in sorted(QUERY_FOLDER.glob("*.rq"))]


def _read_query(path: Path) -> NamedQuery:
    return query_from_text(path.stem, path.read_text(encoding="utf-8"))


def get_query(name: str) -> NamedQuery:
    """The named query *name*; an unknown name is a :class:`QueryError` suggesting the
    close ones."""
    names = sorted(path.stem for path in QUERY_FOLDER.glob("*.rq"))
    if name in names:  # one of these files: never a path the name would make
        return _read_query(QUERY_FOLDER / f"{name}.rq")
    import difflib

    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}?" if close else "see `stancegraph query --list`"
    raise QueryError(f"no query named {name!r} (nor a file of that name): {hint}")
