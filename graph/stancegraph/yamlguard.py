"""A guard for YAML that comes from outside: no alias bombs, no runaway nesting.

Article metadata arrives with downloaded articles, and claims, rules and actor
files are edited by hand: none of them needs YAML anchors and aliases, and none
nests deeper than a few levels. :func:`check_yaml` reads the event stream
(libyaml's parser where PyYAML has it, which builds nothing) and refuses an
alias (a "billion laughs" document expands aliases into gigabytes) or nesting
deeper than :data:`MAX_DEPTH` (which would end in a RecursionError), before any
loader builds Python objects.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["MAX_DEPTH", "UnsafeYAMLError", "check_yaml", "yaml_problem"]

#: The deepest nesting of mappings and lists a data file may have.
MAX_DEPTH = 64

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnsafeYAMLError(ValueError):
    """The YAML uses an alias or nests too deep: the message says which, and where."""


def check_yaml(text: str) -> None:
    """Raise :class:`UnsafeYAMLError` if *text* has an alias or nests deeper than
    :data:`MAX_DEPTH`; malformed YAML raises PyYAML's own error, as loading would."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            raise UnsafeYAMLError(
                f"line {line}: YAML aliases (*name) are not allowed here: write the value out"
            )
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise UnsafeYAMLError(
                    f"line {line}: nested more than {MAX_DEPTH} levels deep: flatten the data"
                )
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1


def yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's error in one line: "line 3: found character '\\t' ..."."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or (str(exc).strip().splitlines() or ["?"])[0]
    where = f"line {mark.line + 1}: " if mark is not None else ""
    return f"{where}{problem}"
