"""The one exception hierarchy of stancegraph.

Library code raises these and never prints or exits; the CLI turns them into
one-line messages and exit codes.

    StanceGraphError
    ├── InputError            a file is missing, unreadable, empty, binary or not UTF-8
    ├── ClaimsFileError       a claims file is malformed YAML or breaks the model
    ├── VocabularyError       an unknown actor, side, issue or stance id; a bad vocabulary file
    ├── RDFError              an RDF file cannot be parsed or serialised
    ├── NonConformingError    the graph does not conform to the SHACL shapes
    ├── StoreError            the store cannot be opened, written or queried
    │   └── StoreLockedError  another process holds the store's lock
    ├── QueryError            a SPARQL query is malformed, unknown or misses a parameter
    ├── AnalysisError         the graph cannot be analysed as asked
    ├── ClusterError          a Dask scheduler cannot be reached or went away mid-run
    └── OutputError           an output path cannot be written
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "ClaimsFileError",
    "ClusterError",
    "InputError",
    "NonConformingError",
    "OutputError",
    "QueryError",
    "QueryTimeoutError",
    "RDFError",
    "StanceGraphError",
    "StoreError",
    "StoreLockedError",
    "VocabularyError",
    "first_line",
]


class StanceGraphError(Exception):
    """Base class: the message is one line that names the problem and the fix."""


class InputError(StanceGraphError):
    """An input file is missing, unreadable, empty, binary or not UTF-8."""


class ClaimsFileError(StanceGraphError):
    """A claims file is malformed YAML, or a field breaks the claims model."""


class VocabularyError(StanceGraphError):
    """An id is not in the actor registry, the issue scheme or the stance scheme."""


class RDFError(StanceGraphError):
    """An RDF file cannot be parsed, or a graph cannot be serialised."""


class NonConformingError(StanceGraphError):
    """The data does not conform to the SHACL shapes."""

    def __init__(self, message: str, report: object | None = None) -> None:
        super().__init__(message)
        self.report = report


class StoreError(StanceGraphError):
    """A store cannot be opened, written or queried."""


class StoreLockedError(StoreError):
    """Another process holds the embedded store's lock."""


class QueryError(StanceGraphError):
    """A SPARQL query is malformed, unknown, or misses a parameter."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit."""


class AnalysisError(StanceGraphError):
    """The graph cannot be analysed as asked (empty, one side only, unknown side)."""


class ClusterError(StanceGraphError):
    """A Dask scheduler cannot be reached, or the cluster went away during a run."""


class OutputError(StanceGraphError):
    """An output path cannot be written."""


def first_line(exc: BaseException) -> str:
    """The first line of *exc*'s message (its type's name when it has none), at most 200
    characters: what a one-line message quotes of a library's error."""
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
