"""The claim model: what one claims file holds, as frozen pydantic models.

A claims file describes one article and every attributed position in it. This
module owns the shape of that data and nothing else: reading and writing files
is in :mod:`stancegraph.claims.io`, checking ids against the vocabularies in
:mod:`stancegraph.vocab`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = [
    "FORMAT_VERSION",
    "Article",
    "Claim",
    "ClaimsFile",
    "Coder",
    "LocalActor",
    "Span",
]

FORMAT_VERSION = 1

#: Ids are IRI-safe slugs: lower-case letters, digits, '-', '_' and '.'.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=200)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Span(_Model):
    """A stretch of the article: ``text == article_text[start:end]`` (code points)."""

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"text has {len(self.text)} characters but end - start is {self.end - self.start}"
            )
        return self


class Article(_Model):
    """The article a claims file codes, and where its text lives."""

    id: Slug
    text_file: str = Field(description="Path of the article text, relative to the claims file.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    title: str
    publisher: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"


class Coder(_Model):
    """Who produced the claims: a person, or a piece of software and its versions."""

    kind: Literal["person", "software"]
    name: str
    version: str | None = None
    model: str | None = Field(default=None, description="The language model a program used.")


class LocalActor(_Model):
    """An actor the registry does not know, defined by this claims file."""

    id: Slug
    name: str
    side: Slug
    kind: Literal["person", "group", "organization"] = "person"
    role: str | None = None
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 1.0


class Claim(_Model):
    """One attributed position: who said what on which issue, on what evidence."""

    id: Slug
    claimant: Slug = Field(description="Actor id: the registry's or this file's `actors`.")
    side: Slug = Field(description="The side the claimant spoke for, at the article's date.")
    issue: Slug = Field(description="Issue id in the SKOS issue scheme.")
    stance: Slug = Field(description="Stance id: agreement with the issue's proposition.")
    position: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    evidence: Span
    mention: Span | None = Field(default=None, description="Where the claimant is named.")
    cue: Span | None = Field(default=None, description="The reporting verb or phrase.")
    target: Slug | None = Field(default=None, description="A side the claim is aimed at.")
    strength: Annotated[float, Field(gt=0.0, le=1.0)] | None = None
    conditional: bool = False
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 1.0
    issue_suggestion: str | None = Field(
        default=None, description="For an unclassified claim: a label for a new issue."
    )
    note: str | None = None


class ClaimsFile(_Model):
    """A whole claims file: one article, its coder, extra actors and its claims."""

    stancegraph: Literal[1] = Field(description="The claims-file format version.")
    article: Article
    coder: Coder
    actors: tuple[LocalActor, ...] = ()
    claims: tuple[Claim, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> ClaimsFile:
        for what, ids in (
            ("claim", [c.id for c in self.claims]),
            ("actor", [a.id for a in self.actors]),
        ):
            seen: set[str] = set()
            for i in ids:
                if i in seen:
                    raise ValueError(f"{what} id {i!r} is used twice; give each {what} its own id")
                seen.add(i)
        return self
