"""Actor resolution against the registry: names, aliases, roles, sides and new actors.

:class:`ActorIndex` answers, for a speaker's name and the words around it
(titles, nationality, organisation), which registry actor it is and which side
it spoke for on the article's date. A person the registry does not know
becomes a :class:`~stancegraph.claims.model.LocalActor` with the side inferred
from those words, at low confidence; when no word gives a side, the side is
:data:`UNKNOWN_SIDE` ("Unattributed" in ``ontology/actors.ttl``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from stancegraph.claims.model import LocalActor
from stancegraph.extract.source import slug_of
from stancegraph.vocab.gazetteer import Gazetteer, load_gazetteer, normalize_phrase
from stancegraph.vocab.model import Actor, Vocabulary

__all__ = [
    "SIDE_FROM_DATELINE",
    "SIDE_FROM_HOST",
    "SIDE_FROM_REGISTRY",
    "SIDE_FROM_WORDS",
    "UNKNOWN_SIDE",
    "ActorIndex",
    "Referent",
    "normalize_name",
    "surname",
]

#: The side of a speaker whose side nothing in the text or registry gives.
UNKNOWN_SIDE = "unknown"
#: What gave a speaker's side, as each claim's note says it (confidence follows).
SIDE_FROM_REGISTRY = "the actor registry"
SIDE_FROM_WORDS = "the words naming the speaker"
SIDE_FROM_DATELINE = "the dateline's country (a national institution)"
SIDE_FROM_HOST = "the text's publisher, its host"

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Lower-case, straight apostrophes, no leading article or trailing possessive.
normalize_name = normalize_phrase


def surname(key: str) -> str:
    """The last word of the normalised name *key*, past a generational suffix
    ("lloyd j. austin iii" -> "austin")."""
    words = [w for w in key.split() if w.strip(".") not in _SUFFIXES]
    return words[-1] if words else key


@dataclass(frozen=True)
class Referent:
    """Who a mention refers to: a registry actor or a new one, and its side."""

    actor: str
    side: str
    name: str
    kind: str = "person"
    confidence: float = 1.0
    local: LocalActor | None = None
    titles: frozenset[str] = frozenset()
    side_evidence: str | None = None


def _before_the_name(phrase: str, titles: frozenset[str]) -> list[str]:
    """The words of a person's *phrase* up to its last title ("Iranian Foreign Minister"
    of "Iranian Foreign Minister Abbas Araghchi"); none for a bare name."""
    words = phrase.split()
    last = max((i for i, w in enumerate(words) if w.lower().strip(".,") in titles), default=-1)
    return words[: last + 1]


class ActorIndex:
    """Registry lookups for one article: by name, by last name, by side word."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        when: dt.date | None,
        titles: Iterable[str],
        *,
        gazetteer: Gazetteer | None = None,
        host: str | None = None,
        institutions: Iterable[str] = (),
    ) -> None:
        self.vocabulary = vocabulary
        self.when = when
        self.titles = frozenset(titles)
        self.by_name: dict[str, str] = {}
        self.by_last: dict[str, set[str]] = {}
        for actor in vocabulary.actors.values():
            for name in (actor.name, *actor.aliases):
                key = normalize_name(name)
                if key:
                    self.by_name.setdefault(key, actor.id)
            if actor.kind == "person":
                self.by_last.setdefault(normalize_name(actor.name).split()[-1], set()).add(actor.id)
        self.side_words: dict[str, str] = {}
        for side in vocabulary.sides.values():
            if side.id in vocabulary.generated_sides:
                continue
            for word in (side.label, *side.alt_labels, *side.demonyms):
                self.side_words.setdefault(normalize_name(word), side.id)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        #: the side of the text's publisher, when it is a government or organisation
        #: ("U.S. Department of State", "United Nations"): a speaker whom nothing
        #: else places speaks for it
        self.host = host if host in vocabulary.sides else None
        #: the side whose capital or country the dateline names, and the nouns of
        #: national institutions that speak for it ("the Foreign Ministry", "the army")
        self.place: str | None = None
        self.institutions = frozenset(normalize_name(w) for w in institutions)

    def side_of(self, actor: Actor) -> str:
        """The side *actor* spoke for on the article's date (any side when none covers it)."""
        sides = actor.sides_at(self.when) or actor.sides_at(None)
        return sides[0] if sides else UNKNOWN_SIDE

    def roles_of(self, actor: Actor) -> frozenset[str]:
        """The title words of *actor*'s roles ("secretary", "state", "minister" ...)."""
        words: set[str] = set()
        for membership in actor.memberships:
            if membership.covers(self.when):
                for label in (membership.role_label or "", membership.role or ""):
                    words.update(w for w in re.split(r"[\s-]+", label.lower()) if w)
        return frozenset(words)

    def lookup(self, name: str) -> Actor | None:
        """The registry actor called *name* (full name, alias, or an unambiguous last name)."""
        key = normalize_name(name)
        actor_id = self.by_name.get(key)
        words = [w for w in key.split() if w.strip(".") not in _SUFFIXES]
        if actor_id is None and words:
            candidates = self.by_last.get(words[-1], set())
            if len(candidates) == 1:
                candidate = next(iter(candidates))
                known = normalize_name(self.vocabulary.actors[candidate].name).split()
                # "Blinken", "J. Blinken", "Antony J. Blinken": other words are initials
                # or the registry name's own words
                if all(len(w.rstrip(".")) == 1 or w in known for w in words[:-1]):
                    actor_id = candidate
        return self.vocabulary.actors.get(actor_id) if actor_id else None

    def side_from_words(self, words: Iterable[str]) -> str | None:
        """The side named by *words* (in text order): a vocabulary file's side names first
        (phrases of up to three words), then the world gazetteer's."""
        items = [w for w in words if w]
        for size in (3, 2, 1):
            for i in range(len(items) - size + 1):
                side = self.side_words.get(normalize_name(" ".join(items[i : i + size])))
                if side:
                    return side
        found = self.gazetteer.find_in(items)
        return found if found in self.vocabulary.sides else None

    def group_actor(self, side: str) -> str | None:
        """The registry's group actor for the officials of *side* (e.g. 'chinese-officials')."""
        for actor in self.vocabulary.actors.values():
            if actor.kind == "group" and side in actor.sides_at(self.when):
                return actor.id
        return None

    def referent(self, name: str, context: Iterable[str], *, kind: str = "person") -> Referent:
        """Resolve the speaker *name* (with the *context* words around it) to a referent."""
        context = list(context)
        name, of_place = self._of_place(name, kind)
        actor = self.lookup(name)
        if actor is not None:
            return Referent(
                actor=actor.id,
                side=self.side_of(actor),
                name=actor.name,
                kind=actor.kind,
                titles=self.roles_of(actor) | self._titles(context),
                side_evidence=SIDE_FROM_REGISTRY,
            )
        # a person's own name never places them ("Ana Lima" is not from Peru): only the
        # words before it do ("Iranian Foreign Minister Abbas Araghchi"); a group or an
        # organisation is named by its side ("the Iranian delegation", "Israel")
        own = name.split() if kind != "person" else _before_the_name(name, self.titles)
        side = self.side_from_words([*of_place, *context, *own])
        evidence = SIDE_FROM_WORDS if side else None
        head = normalize_name(name).split()[-1:]
        if (
            side is None
            and self.place is not None
            and kind != "person"
            and head
            and head[0] in self.institutions
        ):
            # "BEIJING (AP) — The Foreign Ministry said": a national institution of the
            # country the dateline is in
            side, evidence = self.place, SIDE_FROM_DATELINE
        if side is None and self.host is not None:
            side, evidence = self.host, SIDE_FROM_HOST
        slug = slug_of(normalize_name(name)) or "speaker"
        titles = self._titles([*context, *name.split()])
        confidence = 0.5 if evidence == SIDE_FROM_WORDS else 0.4 if side else 0.3
        local = LocalActor(
            id=slug,
            name=" ".join(name.split()),
            side=side or UNKNOWN_SIDE,
            kind=kind if kind in ("person", "group", "organization") else "person",
            role=" ".join(sorted(titles)) or None,
            confidence=confidence,
        )
        return Referent(
            actor=slug,
            side=local.side,
            name=local.name,
            kind=local.kind,
            confidence=confidence,
            local=local,
            titles=titles,
            side_evidence=evidence,
        )

    def _of_place(self, name: str, kind: str) -> tuple[str, list[str]]:
        """A person's *name* without a trailing "of <side>" that the model took into it
        ("Vucic of Serbia" -> "Vucic", ["Serbia"]); other names as they are."""
        words = name.split()
        if kind != "person" or "of" not in words[1:-1]:
            return name, []
        cut = len(words) - 1 - words[::-1].index("of")
        place = words[cut + 1 :]
        if self.side_from_words(place) is None:
            return name, []
        return " ".join(words[:cut]), place

    def _titles(self, words: Iterable[str]) -> frozenset[str]:
        return frozenset(w.lower() for w in words if w.lower() in self.titles)
