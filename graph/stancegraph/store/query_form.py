"""What a SPARQL text is before it runs: its form, its variables, whether it asks another
endpoint, and whether it is well-formed.

A query (SELECT, ASK, CONSTRUCT, DESCRIBE) is read with a tokenizer that skips strings,
IRIs and comments, and its syntax is checked by Oxigraph's own SPARQL parser on an empty
in-memory store (a fraction of a millisecond); rdflib's parser, which took 10-100 ms a
query and 0.2 s to import, is used only for SPARQL updates and for queries with a
``SERVICE`` clause (never handed to Oxigraph here, since it would call the service to
answer an ASK). A syntax error is a :class:`~stancegraph.errors.QueryError` with its line
and column either way.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from stancegraph.errors import QueryError

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pyoxigraph as ox
    from pyparsing import ParseBaseException

__all__ = ["TOKENS", "ParsedQuery", "QueryForm", "parse_query", "significant_tokens"]

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "UPDATE"]

_QUERY_FORMS: dict[str, QueryForm] = {
    "SELECT": "SELECT",
    "ASK": "ASK",
    "CONSTRUCT": "CONSTRUCT",
    "DESCRIBE": "DESCRIBE",
}
_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
#: SPARQL's tokens, enough to find the form, the variables, SERVICE and the outer group:
#: strings, IRIs and comments are read whole so that nothing inside them counts.
TOKENS = re.compile(
    r"""
    (?P<space>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<string>\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$]\w+)
    |(?P<word>[A-Za-z_][\w.-]*(?::[\w.:%-]*)?|:[\w.:%-]*)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_OXIGRAPH_ERROR = re.compile(r"error at (\d+):(\d+)")
#: a reason in words among the tokens Oxigraph expected ("Prefix not found", "Duplicated
#: variable name in SELECT", "The SELECT contains a variable that is unbound")
_OXIGRAPH_REASON = re.compile(
    r"(?:: |, |one of )([A-Z][a-z]+(?: [^,\[\]'\"\n]+)+)(?=,|$)", re.MULTILINE
)


@dataclass(frozen=True)
class ParsedQuery:
    """What reading a query found: its form and the names of its variables."""

    form: QueryForm
    variables: frozenset[str]
    #: whether it asks another endpoint (``SERVICE <url> { ... }``)
    remote: bool = False
    #: whether it is the ``CONSTRUCT WHERE { ... }`` short form (no template)
    short_construct: bool = False

    @property
    def is_update(self) -> bool:
        """Whether this is a SPARQL update rather than a query."""
        return self.form == "UPDATE"


def significant_tokens(text: str) -> Iterator[re.Match[str]]:
    """The tokens of *text* that are not space or comments."""
    for match in TOKENS.finditer(text):
        if match.lastgroup not in ("space", "comment"):
            yield match


def _near(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return source[max(0, column - 1) :][:30].strip() or "the end"


def _syntax_error(
    text: str, what: str, line: int, column: int, reason: str | None = None
) -> QueryError:
    why = f"{reason[0].lower()}{reason[1:80]}; " if reason else ""
    return QueryError(
        f"the SPARQL {what} has a syntax error at line {line}, column {column} "
        f"(near {_near(text, line, column)!r}): {why}fix it there"
    )


def _first_keyword(tokens: list[re.Match[str]]) -> str:
    """The first word after the prologue (PREFIX and BASE declarations), upper-cased."""
    i = 0
    while i < len(tokens):
        word = tokens[i].group().upper() if tokens[i].lastgroup == "word" else ""
        if word == "PREFIX":
            i += 3
        elif word == "BASE":
            i += 2
        else:
            return word
    return ""


@functools.cache
def _empty_store() -> ox.Store:
    import pyoxigraph as ox

    return ox.Store()


def _check_with_oxigraph(text: str) -> None:
    """Raise a :class:`QueryError` if Oxigraph's parser rejects the query *text*. The
    store is empty and the answer is never read, so nothing is evaluated but an ASK on
    no data (and the caller never passes a SERVICE query)."""
    try:
        _empty_store().query(text)
    except SyntaxError as exc:
        # Oxigraph reports the furthest point its parser reached, often the end of the
        # text; rdflib's parser, slower but only paid for a query already wrong, points
        # at the token that broke it. What rdflib's grammar accepts (an undeclared
        # prefix, say) keeps Oxigraph's position and reason.
        _parse_with_rdflib(text, update=False)
        found = _OXIGRAPH_ERROR.search(str(exc))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        reason = _OXIGRAPH_REASON.search(str(exc))
        raise _syntax_error(
            text, "query", line, column, reason.group(1) if reason else None
        ) from exc
    except OSError:
        pass  # well-formed; evaluating it on nothing failed, which is not our question


def _rdflib_error(text: str, exc: ParseBaseException, what: str) -> QueryError:
    return _syntax_error(text, what, exc.lineno, exc.col)


def _parse_with_rdflib(text: str, update: bool) -> None:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        (parseUpdate if update else parseQuery)(text)
    except ParseBaseException as exc:
        raise _rdflib_error(text, exc, "update" if update else "query") from exc


@functools.lru_cache(maxsize=64)
def parse_query(text: str) -> ParsedQuery:
    """Read *text* as a SPARQL query or update (see the module docstring); raise
    :class:`QueryError` with the line and column of a syntax error. The result is kept
    for the next call with the same text (a named query run again)."""
    if not text.strip():
        raise QueryError("the SPARQL query is empty: give a query")
    tokens = list(significant_tokens(text))
    keyword = _first_keyword(tokens)
    words = [t.group().upper() for t in tokens if t.lastgroup == "word"]
    remote = "SERVICE" in words
    variables = frozenset(t.group()[1:] for t in tokens if t.lastgroup == "var")
    form = _QUERY_FORMS.get(keyword)
    if form is None and keyword in _UPDATE_WORDS:
        _parse_with_rdflib(text, update=True)
        return ParsedQuery(form="UPDATE", variables=variables, remote=remote)
    if form is None or remote:
        _parse_with_rdflib(text, update=False)
        if form is None:  # rdflib took what Oxigraph's grammar reads differently
            raise QueryError("the SPARQL query has no SELECT, ASK, CONSTRUCT or DESCRIBE")
    else:
        _check_with_oxigraph(text)
    short = False
    if form == "CONSTRUCT":
        at = next(i for i, t in enumerate(tokens) if t.group().upper() == "CONSTRUCT")
        short = at + 1 < len(tokens) and tokens[at + 1].group() != "{"
    return ParsedQuery(form=form, variables=variables, remote=remote, short_construct=short)
