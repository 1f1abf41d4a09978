"""Assigning emergent issues: the corpus' unclassified claims get the issue of their group.

:func:`assign_emergent` takes every article extracted in one run (what each
unclassified claim is about, and the places and parties of its article),
groups the claims across the corpus (:func:`~.grouping.group_claims`) and
returns the claims files with each grouped claim's ``issue`` set to its
emergent issue's id, and the issues themselves. The same articles give the
same ids (they come from the labels), so a re-run changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stancegraph.claims.model import ClaimsFile
from stancegraph.extract.assemble import AssembledArticle
from stancegraph.extract.emergent.grouping import EmergentIssue, group_claims
from stancegraph.vocab.gazetteer import Gazetteer, normalize_phrase

__all__ = ["Assigned", "assign_emergent", "assign_grouped", "gazetteer_aliases"]


@dataclass(frozen=True)
class Assigned:
    """The claims files with emergent issues set, and the issues (sorted by id)."""

    files: tuple[ClaimsFile, ...]
    issues: tuple[EmergentIssue, ...]


def gazetteer_aliases(gazetteer: Gazetteer) -> dict[str, str]:
    """Every name, abbreviation and adjective of a gazetteer entity -> its label, lower
    case ("dprk" and "north korean" -> "north korea"), so that names meet."""
    aliases: dict[str, str] = {}
    for entity in sorted(gazetteer.entities.values(), key=lambda e: e.id):
        label = normalize_phrase(entity.label)
        for name in (*entity.names, *entity.adjectives):
            key = normalize_phrase(name)
            if key != label and gazetteer.by_phrase.get(key) == entity.id:
                aliases.setdefault(key, label)
        for abbreviation in entity.abbreviations:
            key = normalize_phrase(abbreviation)
            if key and key != label:
                aliases.setdefault(key, label)
    return aliases


def _key(article: str, claim: str) -> str:
    return f"{article}/{claim}"


def assign_emergent(
    articles: Sequence[AssembledArticle],
    *,
    aliases: Mapping[str, str] = {},
    keep: Sequence[EmergentIssue] = (),
) -> Assigned:
    """Group the unclassified claims of *articles* across them into emergent issues,
    starting from the issues *keep* (grouped before: see
    :func:`~stancegraph.extract.emergent.grouping.group_claims`)."""
    phrases: dict[str, tuple[str, ...]] = {}
    context: dict[str, tuple[str, ...]] = {}
    for article in articles:
        aid = article.data.article.id
        for claim_id, about in article.about.items():
            phrases[_key(aid, claim_id)] = about
            context[_key(aid, claim_id)] = article.context
    issues = group_claims(phrases, aliases=aliases, context=context, keep=keep) if phrases else []
    return assign_grouped(articles, issues)


def assign_grouped(
    articles: Sequence[AssembledArticle], issues: Sequence[EmergentIssue]
) -> Assigned:
    """The claims files of *articles* with each claim that is a member of one of *issues*
    (grouped already) on that issue; the issues, sorted by id, with only those members.

    :func:`assign_emergent` ends here; an earlier run's issues go straight here when the
    articles are all as they were then (grouping them again would give them back: every
    claim that has a usable phrase is in some issue, each kept issue stays one group, and
    a claim with no usable phrase still has none)."""
    present = {_key(a.data.article.id, claim) for a in articles for claim in a.about}
    issues = sorted(
        (
            EmergentIssue(i.id, i.label, i.topic, tuple(m for m in i.members if m in present))
            for i in issues
        ),
        key=lambda issue: issue.id,
    )
    issues = [i for i in issues if i.members]
    issue_of = {member: issue.id for issue in issues for member in issue.members}
    files = []
    for article in articles:
        aid = article.data.article.id
        claims = tuple(
            claim.model_copy(
                update={"issue": issue_of[_key(aid, claim.id)], "issue_suggestion": None}
            )
            if _key(aid, claim.id) in issue_of
            else claim
            for claim in article.data.claims
        )
        files.append(article.data.model_copy(update={"claims": claims}))
    return Assigned(files=tuple(files), issues=tuple(issues))
