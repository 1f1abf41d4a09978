"""Claims in, flat records out: the one input every analysis works on.

A :class:`ClaimRecord` is one claim reduced to what analysis needs: who, which
side, which issue, which stance (and its polarity), where, when, and the exact
quote. Records come from three places and are identical whichever you use:

- :func:`records_from_store`: any store (the embedded one, an RDF file loaded in memory,
  a SPARQL endpoint: see :func:`stancegraph.store.open.open_source`), through
  ``queries/claims-table.rq``;
- :func:`records_from_claims`: claims files already in memory (``run`` uses this).

Claims whose issue is ``unclassified`` (no issue of the scheme fits them yet) are
records like any other, but they are in no issue: :func:`classified_records` leaves
them out of every verdict, index, graph and network.

Data that breaks the shapes (a claim without a side, an unknown stance or issue,
two values of one property) raises :class:`~stancegraph.errors.NonConformingError`
naming the claim and the fix; nothing is silently dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef

from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import NonConformingError
from stancegraph.namespaces import ACTOR, ISSUE, SIDE, STANCE, local_id
from stancegraph.queries.catalog import get_query
from stancegraph.store.base import GraphStore, SelectResult
from stancegraph.store.terms import RDFTerm
from stancegraph.vocab.model import (
    UNCLASSIFIED,
    Issue,
    Vocabulary,
    unknown_id_message,
    with_generated_issues,
)

__all__ = [
    "CLAIMS_QUERY",
    "ClaimRecord",
    "claims_query",
    "classified_records",
    "filter_records",
    "records_from_claims",
    "records_from_select",
    "records_from_store",
    "vocabulary_with_store_issues",
]

#: The named query (in ``stancegraph/queries/``) that reads claims as rows.
CLAIMS_QUERY = "claims-table"
EMERGENT_QUERY = "emergent-issues"

_REQUIRED = ("claimId", "article", "articleId", "claimant", "side", "issue", "stance", "position")
_EVIDENCE = ("quote", "start", "end")
_OPTIONAL = ("published", "confidence", "strength", "conditional", "target")


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim, flat: the unit every count, verdict and network is made of."""

    article: str
    published: dt.date | None
    claim: str
    claimant: str
    claimant_name: str
    side: str
    issue: str
    stance: str
    polarity: int
    position: str
    quote: str
    start: int
    end: int
    confidence: float = 1.0
    strength: float | None = None
    conditional: bool = False
    target: str | None = None

    @property
    def key(self) -> str:
        """``article/claim``: unique across a corpus."""
        return f"{self.article}/{self.claim}"


def _order(record: ClaimRecord) -> tuple[str, int, int, str]:
    return (record.article, record.start, record.end, record.claim)


def claims_query() -> str:
    """The text of the named query ``claims-table``."""
    return get_query(CLAIMS_QUERY).text


def _shape_error(claim: str, problem: str, *, unknown_id: bool = False) -> NonConformingError:
    if unknown_id:  # the message of unknown_id_message already says how to fix it
        return NonConformingError(f"claim {claim} has an {problem}")
    return NonConformingError(
        f"claim {claim} {problem}: the data does not conform to the shapes; check it with "
        "`stancegraph validate` and fix the claims file"
    )


def _polarity(vocabulary: Vocabulary, stance: str, claim: str) -> int:
    known = vocabulary.stances.get(stance)
    if known is None:
        raise _shape_error(
            claim, unknown_id_message("stance", stance, vocabulary.stances), unknown_id=True
        )
    return known.polarity


def _check_issue(vocabulary: Vocabulary, issue: str, claim: str) -> None:
    if issue not in vocabulary.issues:
        raise _shape_error(
            claim, unknown_id_message("issue", issue, vocabulary.issues), unknown_id=True
        )


def _actor_name(vocabulary: Vocabulary, actor: str, graph_name: str | None) -> str:
    known = vocabulary.actors.get(actor)
    if known is not None:
        return known.name
    return graph_name or actor


def _local(term: RDFTerm | None, namespace: object, claim: str, what: str) -> str:
    text = str(term)
    prefix = str(namespace)
    if not isinstance(term, URIRef) or not text.startswith(prefix):
        raise _shape_error(claim, f"has {what} {text!r}, which is not an IRI under {prefix}")
    return text[len(prefix) :]


def _date(term: RDFTerm | None) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(str(term)[:10])
    except ValueError:
        return None


def _float(term: RDFTerm | None, default: float | None, claim: str, what: str) -> float | None:
    if term is None:
        return default
    try:
        return float(str(term))
    except ValueError:
        raise _shape_error(claim, f"has {what} {str(term)!r}, which is not a number") from None


def _offset(term: RDFTerm | None, claim: str, what: str) -> int:
    try:
        return int(str(term))
    except ValueError:
        raise _shape_error(claim, f"has {what} {str(term)!r}, which is not an offset") from None


def _single(rows: list[dict[str, RDFTerm | None]], name: str, claim: str) -> RDFTerm | None:
    values = {row[name] for row in rows if row.get(name) is not None}
    if len(values) > 1:
        shown = ", ".join(sorted(str(v) for v in values)[:3])
        raise _shape_error(claim, f"has {len(values)} values of {name} ({shown})")
    return next(iter(values), None)


def _record(
    claim: str, rows: list[dict[str, RDFTerm | None]], vocabulary: Vocabulary
) -> ClaimRecord:
    values = {name: _single(rows, name, claim) for name in (*_REQUIRED, *_EVIDENCE, *_OPTIONAL)}
    for name in _REQUIRED:
        if values[name] is None:
            raise _shape_error(claim, f"has no {name}")
    if any(values[name] is None for name in _EVIDENCE):
        raise _shape_error(claim, "has no evidence quote with start and end offsets")
    names = sorted(str(row["claimantName"]) for row in rows if row.get("claimantName") is not None)
    claimant = _local(values["claimant"], ACTOR, claim, "claimant")
    stance = _local(values["stance"], STANCE, claim, "stance")
    issue = _local(values["issue"], ISSUE, claim, "issue")
    _check_issue(vocabulary, issue, claim)
    conditional = values["conditional"]
    strength = _float(values["strength"], None, claim, "strength")
    return ClaimRecord(
        article=str(values["articleId"]),
        published=_date(values["published"]),
        claim=str(values["claimId"]),
        claimant=claimant,
        claimant_name=_actor_name(vocabulary, claimant, names[0] if names else None),
        side=_local(values["side"], SIDE, claim, "side"),
        issue=issue,
        stance=stance,
        polarity=_polarity(vocabulary, stance, claim),
        position=str(values["position"]),
        quote=str(values["quote"]),
        start=_offset(values["start"], claim, "start"),
        end=_offset(values["end"], claim, "end"),
        confidence=_float(values["confidence"], 1.0, claim, "confidence") or 0.0,
        strength=strength,
        conditional=isinstance(conditional, Literal) and conditional.toPython() is True,
        target=None
        if values["target"] is None
        else _local(values["target"], SIDE, claim, "target"),
    )


def records_from_select(result: SelectResult, vocabulary: Vocabulary) -> tuple[ClaimRecord, ...]:
    """The records of the rows of ``claims-table.rq`` (one claim may span several rows)."""
    grouped: defaultdict[str, list[dict[str, RDFTerm | None]]] = defaultdict(list)
    for row in result.records():
        grouped[str(row["claim"])].append(row)
    records = [_record(claim, rows, vocabulary) for claim, rows in grouped.items()]
    return tuple(sorted(records, key=_order))


def vocabulary_with_store_issues(store: GraphStore, vocabulary: Vocabulary) -> Vocabulary:
    """*vocabulary* with the emergent issues the data in *store* describes (the article
    graphs carry the concepts of the generated scheme their claims are on)."""
    found: dict[str, Issue] = {}
    for row in store.select(get_query(EMERGENT_QUERY).text).rows:
        issue, label, broader = row
        if issue is None or label is None or not str(issue).startswith(str(ISSUE)):
            continue
        iid = local_id(str(issue), ISSUE)
        top = (
            local_id(str(broader), ISSUE)
            if broader is not None and str(broader).startswith(str(ISSUE))
            else None
        )
        if iid not in vocabulary.issues and iid not in found:
            found[iid] = Issue(id=iid, label=str(label), broader=top)
    return with_generated_issues(vocabulary, found)


def records_from_store(store: GraphStore, vocabulary: Vocabulary) -> tuple[ClaimRecord, ...]:
    """Every claim in *store* (embedded, an RDF file in memory, or an endpoint)."""
    return records_from_select(store.select(claims_query()), vocabulary)


def records_from_claims(
    articles: Iterable[ArticleClaims], vocabulary: Vocabulary
) -> tuple[ClaimRecord, ...]:
    """The records of claims files already loaded (and checked against *vocabulary*)."""
    records = []
    for article in articles:
        data = article.data
        local = {a.id: a.name for a in data.actors}
        for claim in data.claims:
            where = f"{data.article.id}/{claim.id}"
            _check_issue(vocabulary, claim.issue, where)
            records.append(
                ClaimRecord(
                    article=data.article.id,
                    published=data.article.published,
                    claim=claim.id,
                    claimant=claim.claimant,
                    claimant_name=_actor_name(
                        vocabulary, claim.claimant, local.get(claim.claimant)
                    ),
                    side=claim.side,
                    issue=claim.issue,
                    stance=claim.stance,
                    polarity=_polarity(vocabulary, claim.stance, where),
                    position=claim.position,
                    quote=claim.evidence.text,
                    start=claim.evidence.start,
                    end=claim.evidence.end,
                    confidence=claim.confidence,
                    strength=claim.strength,
                    conditional=claim.conditional,
                    target=claim.target,
                )
            )
    return tuple(sorted(records, key=_order))


def filter_records(
    records: Sequence[ClaimRecord], *, min_confidence: float = 0.0
) -> tuple[ClaimRecord, ...]:
    """The records whose confidence is at least *min_confidence*."""
    return tuple(r for r in records if r.confidence >= min_confidence)


def classified_records(records: Iterable[ClaimRecord]) -> tuple[ClaimRecord, ...]:
    """The records with an issue: ``unclassified`` is no issue that sides can share."""
    return tuple(r for r in records if r.issue != UNCLASSIFIED)
