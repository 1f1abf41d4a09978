"""The extraction rules as validated data: cue verbs, phrases, clutter patterns, word lists.

The packaged rules live in ``rules/default.yaml``; a user extends them with
more YAML files (``--rules FILE``) without code. :func:`load_rules` validates
each file with pydantic (unknown keys are errors naming the file) and merges
them: lists are appended, a cue given again for the same lemma replaces the
earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from stancegraph.errors import InputError
from stancegraph.textio import read_text
from stancegraph.yamlguard import UnsafeYAMLError, check_yaml, yaml_problem

__all__ = [
    "DEFAULT_RULES",
    "AdjectiveCue",
    "Cue",
    "NounCue",
    "Rules",
    "load_rules",
    "read_yaml_mapping",
    "validate_data",
]

DEFAULT_RULES = Path(__file__).resolve().parent / "rules" / "default.yaml"

Tone = Literal["neutral", "critical", "positive"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_M = TypeVar("_M", bound=BaseModel)


class Cue(_Model):
    """A reporting verb: its lemma, its tone and where its content may be."""

    lemma: str = Field(min_length=1)
    tone: Tone = "neutral"
    object: bool = False
    preps: tuple[str, ...] = ()


class NounCue(_Model):
    """A noun that names an act of saying ("warning", "call"): its lemma, tone and prepositions."""

    lemma: str = Field(min_length=1)
    tone: Tone = "neutral"
    preps: tuple[str, ...] = ()


class AdjectiveCue(_Model):
    """An adjective of attitude ("critical of", "confident that"): the word, tone, prepositions."""

    word: str = Field(min_length=1)
    tone: Tone = "neutral"
    preps: tuple[str, ...] = ()


class Rules(_Model):
    """Everything the extractor knows about English attribution, as data."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    version: Literal[1] = 1
    cues: tuple[Cue, ...] = ()
    noun_cues: tuple[NounCue, ...] = ()
    adjective_cues: tuple[AdjectiveCue, ...] = ()
    source_phrases: tuple[tuple[str, str], ...] = ()
    frame_verbs: tuple[str, ...] = ()
    group_words: tuple[str, ...] = ()
    clutter_lines: tuple[str, ...] = ()
    heading_max_words: int = Field(default=16, ge=0)
    person_titles: tuple[str, ...] = ()
    conditional_marks: tuple[str, ...] = ()
    harm_words: tuple[str, ...] = ()
    critical_words: tuple[str, ...] = ()
    endorsing_words: tuple[str, ...] = ()
    opposing_words: tuple[str, ...] = ()
    negating_phrases: tuple[str, ...] = ()
    privative_phrases: tuple[str, ...] = ()
    colon_speakers: tuple[str, ...] = ()
    colon_labels: tuple[str, ...] = ()
    turn_labels_not_claims: tuple[str, ...] = ()
    turn_pleasantries: tuple[str, ...] = ()
    turn_min_words: int = Field(default=6, ge=1)
    publisher_host_words: tuple[str, ...] = ()
    party_words: tuple[str, ...] = ()
    national_institutions: tuple[str, ...] = ()

    @field_validator("clutter_lines")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(
                    f"clutter pattern {pattern!r} is not a regular expression: {exc}"
                ) from exc
        return patterns

    @cached_property
    def cue_by_lemma(self) -> dict[str, Cue]:
        """Cues by lemma (the last definition of a lemma wins)."""
        return {cue.lemma: cue for cue in self.cues}

    @cached_property
    def noun_cue_by_lemma(self) -> dict[str, NounCue]:
        """Cue nouns by lemma (the last definition of a lemma wins)."""
        return {cue.lemma: cue for cue in self.noun_cues}

    @cached_property
    def adjective_cue_by_word(self) -> dict[str, AdjectiveCue]:
        """Adjectives of attitude by lower-case word (the last definition of a word wins)."""
        return {cue.word.lower(): cue for cue in self.adjective_cues}

    def tone_of(self, lemma: str | None) -> Tone:
        """The tone of the cue verb, noun or adjective *lemma* (neutral when it is none)."""
        if lemma in self.cue_by_lemma:
            return self.cue_by_lemma[lemma].tone
        if lemma in self.noun_cue_by_lemma:
            return self.noun_cue_by_lemma[lemma].tone
        if lemma is not None and lemma in self.adjective_cue_by_word:
            return self.adjective_cue_by_word[lemma].tone
        return "neutral"

    @cached_property
    def clutter_res(self) -> tuple[re.Pattern[str], ...]:
        """The clutter patterns, compiled."""
        return tuple(re.compile(p) for p in self.clutter_lines)

    @cached_property
    def colon_speaker_words(self) -> frozenset[str]:
        """Common nouns that name a speaker before a colon ("Poll: ..."), lower-case."""
        return frozenset(w.lower() for w in self.colon_speakers)

    @cached_property
    def colon_label_words(self) -> frozenset[str]:
        """Words that make the phrase before a colon a label ("Editor's note:"), lower-case."""
        return frozenset(w.lower() for w in self.colon_labels)

    @cached_property
    def party_nouns(self) -> frozenset[str]:
        """Nouns (singular and plural forms) that name a joint statement's parties."""
        return frozenset(w.lower() for w in self.party_words)

    @cached_property
    def host_words(self) -> frozenset[str]:
        """Words that make a publisher a government or organisation, lower-case."""
        return frozenset(w.lower() for w in self.publisher_host_words)

    @cached_property
    def turn_not_claims(self) -> frozenset[str]:
        """Label words of turns that hold no claims ("QUESTION:", "MODERATOR:"), lower-case."""
        return frozenset(w.lower() for w in self.turn_labels_not_claims)

    @cached_property
    def titles(self) -> frozenset[str]:
        """Person titles, lower-case."""
        return frozenset(t.lower() for t in self.person_titles)


def read_yaml_mapping(path: Path, what: str, template: str) -> dict[str, Any]:
    """The YAML mapping in the data file *path* (*what*: "rules file"; *template*: the
    packaged file to compare with); one line naming the file on malformed YAML."""
    source = read_text(path, what=what)
    try:
        check_yaml(source)
        raw = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnsafeYAMLError as exc:
        raise InputError(f"{what} {path}: unsafe YAML, {exc}") from exc
    except yaml.YAMLError as exc:
        raise InputError(
            f"{what} {path}: malformed YAML ({yaml_problem(exc)}): fix the syntax"
        ) from exc
    if not isinstance(raw, dict):
        raise InputError(f"{what} {path}: not a YAML mapping: see {template}")
    return raw


def validate_data(model: type[_M], raw: dict[str, Any], path: Path, what: str, template: str) -> _M:
    """*raw* as a *model*; the first error as one line naming the file and the field."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(k) for k in err["loc"])
        raise InputError(f"{what} {path}: {where}: {err['msg']}: fix it (see {template})") from exc


def _read(path: Path) -> dict[str, Any]:
    return read_yaml_mapping(path, "rules file", DEFAULT_RULES.name)


def _validate(raw: dict[str, Any], path: Path) -> Rules:
    return validate_data(Rules, raw, path, "rules file", DEFAULT_RULES.name)


def load_rules(extra: Iterable[Path] = ()) -> Rules:
    """The packaged rules, extended by the rules files in *extra* (validated, merged)."""
    merged = _validate(_read(DEFAULT_RULES), DEFAULT_RULES).model_dump()
    for path in extra:
        more = _validate(_read(Path(path)), Path(path)).model_dump(exclude_unset=True)
        for key, value in more.items():
            if isinstance(value, list | tuple) and key in merged:
                merged[key] = [*merged[key], *value]
            else:
                merged[key] = value
    return Rules.model_validate(merged)
