"""Reading and writing claims files (YAML), with errors that name file, line and field.

:func:`load_claims` parses a claims file, validates it against the model,
reads the article text it points at, and checks every span against that text.
:func:`dump_claims` writes the canonical YAML form: the same claims always give
the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from stancegraph.claims.model import FORMAT_VERSION, ClaimsFile, Span
from stancegraph.errors import ClaimsFileError, InputError
from stancegraph.textio import read_text, write_atomic
from stancegraph.yamlguard import UnsafeYAMLError, check_yaml

__all__ = [
    "CLAIMS_SUFFIX",
    "ArticleClaims",
    "check_spans",
    "claims_to_yaml",
    "dump_claims",
    "load_claims",
    "parse_claims",
    "sha256_text",
    "with_article_text",
]


#: The file-name ending of claims files: ``<article stem>.claims.yaml``.
CLAIMS_SUFFIX = ".claims.yaml"


@dataclass(frozen=True)
class ArticleClaims:
    """A validated claims file together with the article text its spans point into."""

    data: ClaimsFile
    text: str
    path: Path | None = None


def sha256_text(text: str) -> str:
    """The SHA-256 of *text* encoded as UTF-8, as recorded in ``article.sha256``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """The 1-based line of the YAML node at *loc*, or of its deepest existing parent."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for key in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    child = v
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(key, int)
            and 0 <= key < len(node.value)
        ):
            child = node.value[key]
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def _field_name(loc: Sequence[int | str]) -> str:
    parts: list[str] = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        else:
            parts.append(("." if parts else "") + key)
    return "".join(parts) or "(top level)"


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _nodes(source: str) -> Any:
    """The YAML node tree of *source* (already loaded once, so well-formed)."""
    return yaml.compose(source, Loader=_LOADER)


def parse_claims(source: str, *, name: str = "<claims>") -> ClaimsFile:
    """Parse claims-file YAML *source* into a :class:`ClaimsFile` (no text checks)."""
    try:
        check_yaml(source)  # before any loader: no alias bombs, no runaway nesting
        # libyaml's loader where there is one (about 10x the pure-Python one); the node
        # tree, for the line of a problem, is only composed when there is a problem
        raw: Any = yaml.load(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ClaimsFileError(f"{name}{where}: malformed YAML ({problem}): fix the syntax") from exc
    except UnsafeYAMLError as exc:
        raise ClaimsFileError(f"{name}: unsafe YAML, {exc}") from exc
    if not isinstance(raw, dict):
        raise ClaimsFileError(
            f"{name}: a claims file is a YAML mapping with keys stancegraph, article, coder, "
            "claims; this is not one"
        )
    if raw.get("stancegraph") not in (None, FORMAT_VERSION):
        raise ClaimsFileError(
            f"{name}:{_line_of(_nodes(source), ['stancegraph'])}: claims-file format version "
            f"{raw.get('stancegraph')!r} is not supported (this stancegraph reads version "
            f"{FORMAT_VERSION}): set `stancegraph: {FORMAT_VERSION}` if the file follows it, "
            "or extract the article again"
        )
    try:
        return ClaimsFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [k for k in err["loc"] if isinstance(k, int | str)]
        line = _line_of(_nodes(source), loc)
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        value = err.get("input")
        shown = "" if isinstance(value, dict | list) else f" (got {value!r:.60})"
        raise ClaimsFileError(
            f"{name}:{line}: field {_field_name(loc)}: {err['msg']}{shown}{more}"
        ) from exc


def check_spans(data: ClaimsFile, text: str, *, name: str = "<claims>") -> None:
    """Check that every span of every claim lies inside *text* and quotes it exactly."""
    for index, claim in enumerate(data.claims):
        spans: list[tuple[str, Span | None]] = [
            ("evidence", claim.evidence),
            ("mention", claim.mention),
            ("cue", claim.cue),
        ]
        for field, span in spans:
            if span is None:
                continue
            where = f"{name}: claim {claim.id!r} (claims[{index}]) {field}"
            if span.end > len(text):
                raise ClaimsFileError(
                    f"{where}: offsets {span.start}-{span.end} fall outside the article, which "
                    f"has {len(text)} characters; fix the offsets"
                )
            actual = text[span.start : span.end]
            if actual != span.text:
                raise ClaimsFileError(
                    f"{where}: the text at {span.start}-{span.end} is {actual!r:.80}, not "
                    f"{span.text!r:.80}; fix the offsets or the quoted text"
                )


def load_claims(path: Path) -> ArticleClaims:
    """Load and fully check the claims file at *path* and the article text it names."""
    path = Path(path)
    source = read_text(path, what="claims file")
    return with_article_text(parse_claims(source, name=str(path)), path)


def with_article_text(data: ClaimsFile, path: Path) -> ArticleClaims:
    """*data*, the claims file at *path* as parsed, with the article text it names, the
    text checked against its SHA-256 and every span against the text."""
    path = Path(path)
    text_path = (path.parent / data.article.text_file).resolve()
    try:
        text = read_text(text_path, what="article text")
    except InputError as exc:
        raise ClaimsFileError(f"{path}: article.text_file: {exc}") from exc
    digest = sha256_text(text)
    if digest != data.article.sha256:
        raise ClaimsFileError(
            f"{path}: article.sha256 does not match {text_path.name} (the text changed since it "
            f"was coded; its SHA-256 is now {digest}): re-check the offsets, then update sha256"
        )
    check_spans(data, text, name=str(path))
    return ArticleClaims(data=data, text=text, path=path)


#: libyaml's dumper when PyYAML has it (the same bytes as the pure-Python one, 4x faster).
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def claims_to_yaml(data: ClaimsFile) -> str:
    """The canonical YAML text of *data*: fields in model order, defaults left out."""
    doc = data.model_dump(mode="json", exclude_defaults=True)
    doc["claims"] = doc.get("claims", [])
    return yaml.dump(
        doc,
        Dumper=_DUMPER,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def dump_claims(data: ClaimsFile, path: Path) -> None:
    """Write *data* to *path* atomically in the canonical YAML form."""
    write_atomic(Path(path), claims_to_yaml(data))
