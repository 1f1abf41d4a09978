"""The emergent issues an earlier ``run`` grouped, kept so that the next one does not regroup.

Grouping emergent issues is corpus-wide: a fresh grouping of a corpus where one
article changed can move the claims of many others to other issues, and every one
of their claims files, graphs and store entries would change with them. ``run``
keeps what it grouped in ``<out>/cache/extract/emergent-groups.json``: each issue
(id, label, CAP topic, member claims) and, for each article, the key of the
extraction its claims came from and the SHA-256 of the claims file written. The
next run starts from those issues
(:func:`~stancegraph.extract.emergent.grouping.group_claims` with ``keep``): the
claims of an article whose extraction is unchanged stay on their issues, the claims
of new and changed articles join the issue they fit or make new ones, and a claims
file whose article is unchanged and whose bytes are as written is not written again.

The state belongs to one extractor fingerprint; another fingerprint (other rules,
vocabularies, model or code), a damaged file or ``run --regroup`` groups the whole
corpus afresh. JSON, written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stancegraph.extract.emergent.grouping import EmergentIssue
from stancegraph.textio import write_atomic

__all__ = [
    "STATE_FILE",
    "ArticleState",
    "GroupState",
    "SchemeState",
    "read_state",
    "unchanged_files",
]

#: The state's file name, in the extraction cache's folder.
STATE_FILE = "emergent-groups.json"
_FORMAT = 1


@dataclass(frozen=True)
class ArticleState:
    """What a run grouped from one article: its extraction's key, its claims file's SHA-256."""

    key: str
    claims: str


@dataclass(frozen=True)
class SchemeState:
    """A folder's generated scheme as a run wrote it: the SHA-256 of what it was made from
    (its issues, topics and coder) and of the file."""

    made_from: str
    file: str


@dataclass(frozen=True)
class GroupState:
    """The issues a run grouped, and the articles they came from (by article id)."""

    fingerprint: str
    issues: tuple[EmergentIssue, ...] = ()
    articles: Mapping[str, ArticleState] = field(default_factory=dict)
    #: each folder's generated scheme as written, so that an unchanged one is not made again
    schemes: Mapping[str, SchemeState] = field(default_factory=dict)

    def kept(self, unchanged: Mapping[str, str]) -> list[EmergentIssue]:
        """The issues restricted to the claims of *unchanged* articles (article id -> the
        key of its extraction now: an article counts when the key is the one recorded)."""
        same = {a for a, key in unchanged.items() if a in self.articles}
        same = {a for a in same if self.articles[a].key == unchanged[a]}
        issues = []
        for issue in self.issues:
            members = tuple(m for m in issue.members if m.split("/", 1)[0] in same)
            if members:
                issues.append(EmergentIssue(issue.id, issue.label, issue.topic, members))
        return issues

    def is_current(self, articles: Mapping[str, str]) -> bool:
        """Whether *articles* (article id -> the key of its extraction now) are exactly the
        articles this state was grouped from, each with the key recorded."""
        return articles.keys() == self.articles.keys() and all(
            self.articles[a].key == key for a, key in articles.items()
        )

    def write(self, folder: Path) -> None:
        """Write the state into *folder* (atomically)."""
        entry = {
            "format": _FORMAT,
            "fingerprint": self.fingerprint,
            "issues": [
                {"id": i.id, "label": i.label, "topic": i.topic, "members": list(i.members)}
                for i in self.issues
            ],
            "articles": {
                a: {"key": s.key, "claims": s.claims} for a, s in sorted(self.articles.items())
            },
            "schemes": {
                f: {"made_from": s.made_from, "file": s.file}
                for f, s in sorted(self.schemes.items())
            },
        }
        write_atomic(
            Path(folder) / STATE_FILE, json.dumps(entry, ensure_ascii=False, sort_keys=True)
        )


def read_state(folder: Path, fingerprint: str) -> GroupState | None:
    """The state kept in *folder* for *fingerprint*, or None (none, another fingerprint,
    or unreadable: the corpus is then grouped afresh)."""
    try:
        entry = json.loads((Path(folder) / STATE_FILE).read_text(encoding="utf-8"))
        if entry["format"] != _FORMAT or entry["fingerprint"] != fingerprint:
            return None
        issues = tuple(
            EmergentIssue(
                id=str(i["id"]),
                label=str(i["label"]),
                topic=None if i["topic"] is None else str(i["topic"]),
                members=tuple(str(m) for m in i["members"]),
            )
            for i in entry["issues"]
        )
        articles = {
            str(a): ArticleState(key=str(s["key"]), claims=str(s["claims"]))
            for a, s in entry["articles"].items()
        }
        schemes = {
            str(f): SchemeState(made_from=str(s["made_from"]), file=str(s["file"]))
            for f, s in entry.get("schemes", {}).items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return GroupState(fingerprint, issues, articles, schemes)


def unchanged_files(
    state: GroupState | None, files: Sequence[tuple[str, str, str | None]]
) -> set[str]:
    """The article ids of *files* ``(article id, extraction key, claims file SHA-256 now)``
    whose claims file holds what the run of *state* wrote from that same extraction."""
    if state is None:
        return set()
    same = set()
    for article, key, digest in files:
        was = state.articles.get(article)
        if was is not None and was.key == key and digest == was.claims:
            same.add(article)
    return same
