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

from pydantic import BaseModel, ConfigDict

from stancegraph.extract.rules import read_yaml_mapping, validate_data

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
    raw = read_yaml_mapping(path, "lexicon file", LEXICON_FILE.name)
    return validate_data(Lexicon, raw, path, "lexicon file", LEXICON_FILE.name)
