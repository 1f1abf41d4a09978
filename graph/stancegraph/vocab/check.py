"""Checking a claims file's ids against the vocabularies, before any RDF is built."""

from __future__ import annotations

from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import VocabularyError
from stancegraph.vocab.model import Vocabulary, unknown_id_message

__all__ = ["check_claims_vocabulary"]


def check_claims_vocabulary(article: ArticleClaims, vocabulary: Vocabulary) -> None:
    """Raise :class:`VocabularyError` naming the file, claim and field of the first id
    that is unknown, or of a side the claimant did not belong to on the article's date."""
    name = str(article.path) if article.path else article.data.article.id
    local = {a.id: a for a in article.data.actors}
    when = article.data.article.published
    for actor in article.data.actors:
        if actor.side not in vocabulary.sides:
            message = unknown_id_message("side", actor.side, vocabulary.sides)
            raise VocabularyError(f"{name}: actor {actor.id!r} field side: {message}")
    for index, claim in enumerate(article.data.claims):
        where = f"{name}: claim {claim.id!r} (claims[{index}])"
        checks = [
            ("issue", claim.issue, vocabulary.issues),
            ("stance", claim.stance, vocabulary.stances),
            ("side", claim.side, vocabulary.sides),
        ]
        if claim.target is not None:
            checks.append(("side", claim.target, vocabulary.sides))
        for kind, value, table in checks:
            if value not in table:
                raise VocabularyError(f"{where}: {unknown_id_message(kind, value, table)}")
        if claim.claimant in local:
            sides: tuple[str, ...] = (local[claim.claimant].side,)
        elif claim.claimant in vocabulary.actors:
            sides = vocabulary.actors[claim.claimant].sides_at(when)
        else:
            known = [*vocabulary.actors, *local]
            raise VocabularyError(
                f"{where}: {unknown_id_message('actor', claim.claimant, known)} "
                "(or define it under `actors:` in the claims file)"
            )
        if claim.side not in sides:
            held = ", ".join(sides) or "no side"
            raise VocabularyError(
                f"{where}: claimant {claim.claimant!r} belonged to {held} on {when}, not "
                f"{claim.side!r}: fix the claim's side or the actor's membership"
            )
