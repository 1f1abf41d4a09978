"""The word lists of emergent issues as validated data (``rules/emergent.yaml``).

Generic and skipped nouns, dropped modifiers, light verbs,
function words and the CAP topic keywords. :func:`load_lexicon` reads and
validates the packaged file once per process; unknown keys are errors that
name the file.
"""

from __future__ import annotations

from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from stancegraph.errors import InputError
from stancegraph.textio import read_text

__all__ = ["LEXICON_FILE", "Lexicon", "load_lexicon"]

LEXICON_FILE = Path(__file__).resolve().parents[1] / "rules" / "emergent.yaml"


class Lexicon(BaseModel):
    """What emergent-issue extraction knows about English words, as data."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    version: Literal[1] = 1
    generic_nouns: frozenset[str] = frozenset()
    generic_modifiers: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    adjunct_preps: frozenset[str] = frozenset()
    skip_nouns: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    topics: dict[str, tuple[str, ...]] = {}

    @cached_property
    def topic_order(self) -> dict[str, int]:
        """Each topic id's place in the file (ties between topics go to the first)."""
        return {topic: i for i, topic in enumerate(self.topics)}

    @cached_property
    def keywords_by_first_word(self) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
        """The topic keywords as word tuples with their topic, by their first word."""
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for topic, keywords in self.topics.items():
            for keyword in keywords:
                words = tuple(keyword.split())
                if words:
                    index.setdefault(words[0], []).append((words, topic))
        return {first: tuple(found) for first, found in index.items()}


@cache
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """The lexicon in *path* (default: the packaged one), validated."""
    source = read_text(path, what="emergent-issue lexicon")
    try:
        raw = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise InputError(f"lexicon file {path}: malformed YAML ({exc}): fix the syntax") from exc
    if not isinstance(raw, dict):
        raise InputError(f"lexicon file {path}: not a YAML mapping: see {LEXICON_FILE.name}")
    try:
        return Lexicon.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(k) for k in err["loc"])
        raise InputError(
            f"lexicon file {path}: {where}: {err['msg']}: fix it (see {LEXICON_FILE.name})"
        ) from exc
