"""Speakers: the mention that names a speaker, and who it refers to across the article.

:func:`speaker_mentions` turns a grammatical subject into the mention(s) of
its speakers: a pronoun, a name (the named entity, without titles), a noun
phrase without its clauses, and one mention per conjunct ("Blinken and Wang");
a generic noun with "including X and Y" stands for X and Y.
:class:`Resolver` walks the article in order and resolves pronouns ("he",
"they"), short names ("Wang" after "Wang Yi") and titles ("the secretary") to
the people and groups introduced earlier.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from stancegraph.extract.actors import (
    UNKNOWN_SIDE,
    ActorIndex,
    Referent,
    normalize_name,
    surname,
)

__all__ = ["Mention", "Resolver", "speaker_mentions"]

_NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"})
_SINGULAR = frozenset({"he", "she", "him", "her", "his"})
_PLURAL = frozenset({"they", "them", "their"})
_SELF = frozenset({"i", "we", "me", "us", "my", "our"})
_CONTEXT_SKIP = frozenset({"relcl", "conj", "cc", "acl", "punct"})
_DASHES = frozenset({"\u2014", "\u2013", "-", "--"})


@dataclass(frozen=True)
class Mention:
    """A stretch of a paragraph naming a speaker: token range and the words around it."""

    start: int
    end: int
    text: str
    pronoun: bool
    plural: bool
    kind: str
    context: tuple[str, ...] = field(default=())


def _entity_of(token: Any) -> Any | None:
    if not token.ent_type_:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _context(token: Any, start: int, end: int) -> tuple[str, ...]:
    """The words of *token*'s phrase outside the mention start..end, in text order
    (titles, nationality, organisation: "Iran's Foreign Minister", "of Azerbaijan"),
    without a mandate ("envoy for Kosovo" does not speak for Kosovo)."""
    found: list[Any] = []
    stack = [token]
    while stack:
        current = stack.pop()
        if not start <= current.i < end:
            found.append(current)
        stack.extend(
            c
            for c in current.children
            if c.dep_ not in _CONTEXT_SKIP and not (c.dep_ == "prep" and c.lower_ == "for")
        )
    return tuple(t.text for t in sorted(found, key=lambda t: t.i))


def _one(token: Any) -> Mention:
    doc = token.doc
    if token.pos_ == "PRON":
        lower = token.text.lower()
        return Mention(
            token.i,
            token.i + 1,
            token.text,
            True,
            lower in _PLURAL or lower in ("we", "us"),
            "person",
        )
    ent = _entity_of(token)
    if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
        start, end = ent.start, ent.end
        kind = "person" if ent.label_ == "PERSON" else "organization"
    else:
        start = token.i
        for child in token.lefts:
            if child.dep_ in _NP_LEFT:
                start = min(start, child.left_edge.i)
        end = token.i + 1
        kind = "person"
    if ent is None or ent.label_ != "PERSON":
        if token.tag_ in ("NNS", "NNPS"):
            kind = "group"
        elif token.pos_ == "PROPN" or (ent is not None and ent.label_ == "ORG"):
            kind = "organization"
    plural = token.tag_ in ("NNS", "NNPS")
    text = doc[start:end].text
    return Mention(start, end, text, False, plural, kind, _context(token, start, end))


def speaker_mentions(subject: Any) -> list[Mention]:
    """The speaker mentions of the subject token *subject* (several for conjuncts).

    A relative pronoun ("officials who said") is a mention of the noun its
    clause modifies, at the pronoun's place. A dateline parsed as the subject
    ("PARIS (AP) \u2014 Rassendyll said") gives way to the name after its dash.
    """
    tokens = [subject]
    stack = [subject]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ == "conj":
                tokens.append(child)
                stack.append(child)
    if subject.text.lower() in ("who", "which", "that") and subject.head.dep_ == "relcl":
        return [
            replace(m, start=subject.i, end=subject.i + 1)
            for m in speaker_mentions(subject.head.head)
        ]
    dateline = subject.ent_type_ == "GPE" or subject.text.isupper()
    dashes = [c.i for c in subject.children if c.text in _DASHES and dateline]
    after_dash = [c for c in subject.children if c.dep_ == "appos" and dashes and c.i > dashes[0]]
    if after_dash:
        return speaker_mentions(after_dash[0])
    mentions: list[Mention] = []
    for token in sorted(tokens, key=lambda t: t.i):
        named = [c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if token.ent_type_ != "PERSON" and token.pos_ != "PRON" and named:
            # "Trump's special envoy ..., Richard Grenell, said": the name in apposition
            mentions.append(_one(named[0]))
            continue
        including = [
            obj
            for prep in token.children
            if prep.dep_ == "prep" and prep.text.lower() == "including"
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        if including and token.pos_ == "NOUN":
            mentions.extend(speaker_mentions(including[0]))
        else:
            mentions.append(_one(token))
    return mentions


@dataclass
class _Seen:
    position: int
    name: str
    context: tuple[str, ...]
    kind: str
    subject: bool


class Resolver:
    """Resolves speaker mentions to referents, remembering who the article introduced."""

    def __init__(self, index: ActorIndex, group_words: tuple[str, ...]) -> None:
        self.index = index
        self.group_words = frozenset(normalize_name(w) for w in group_words)
        self.seen: list[_Seen] = []
        self.plural: list[tuple[int, tuple[Referent, ...]]] = []
        self.cache: dict[str, Referent] = {}
        self.speakers: list[tuple[int, tuple[Referent, ...]]] = []
        self.plural_subjects: list[tuple[int, list[Mention]]] = []
        self._owning = False

    def observe(self, doc: Any, offset: int) -> None:
        """Remember the people of a paragraph: its PERSON entities and plural subjects."""
        for token in doc:
            if token.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "conj" for c in token.children
            ):
                named = [m for m in speaker_mentions(token) if not m.pronoun]
                if len(named) > 1:
                    self.plural_subjects.append((offset + token.idx, named))
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            root = ent.root
            is_subject = root.dep_ in ("nsubj", "nsubjpass") or (
                root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")
            )
            self.seen.append(
                _Seen(
                    offset + ent.start_char,
                    ent.text,
                    _context(root, ent.start, ent.end),
                    "person",
                    is_subject,
                )
            )

    def name(self, name: str, context: tuple[str, ...], kind: str) -> Referent:
        """The referent of the name *name*: one already met (also by last name), or a new one."""
        key = normalize_name(name)
        if key in self.cache:
            return self.cache[key]
        last = surname(key)
        if " " not in key and self.index.lookup(name) is None:
            for other_key, referent in reversed(list(self.cache.items())):
                if surname(other_key) == last and referent.kind == "person":
                    self.cache[key] = referent
                    return referent
            for seen in reversed(self.seen):
                if surname(normalize_name(seen.name)) == last and normalize_name(seen.name) != key:
                    referent = self.name(seen.name, seen.context, seen.kind)
                    self.cache[key] = referent
                    return referent
        referent = self.index.referent(name, context, kind=kind)
        if referent.side == UNKNOWN_SIDE and referent.local is not None and not self._owning:
            self._owning = True  # one level: the owner's own owner is not looked for
            try:
                referent = self._side_of_possessor(referent, context)
            finally:
                self._owning = False
        self.cache[key] = referent
        return referent

    def _side_of_possessor(self, referent: Referent, context: tuple[str, ...]) -> Referent:
        """ "Trump's special envoy", "Putin's spokesman": the side of the person named
        with a possessive in the speaker's phrase, when it is known."""
        words = [*referent.name.split(), *context]
        owners = [
            w[:-2] if len(w) > 2 else words[i - 1]
            for i, w in enumerate(words)
            if w.endswith(("'s", "\u2019s")) and (len(w) > 2 or i > 0)
        ]
        for name in owners:
            if not name[:1].isupper() or normalize_name(name) == normalize_name(referent.name):
                continue
            owner = self.name(name, (), "person")
            if owner.kind == "person" and owner.side != UNKNOWN_SIDE and referent.local:
                local = referent.local.model_copy(update={"side": owner.side})
                return replace(
                    referent,
                    side=owner.side,
                    local=local,
                    side_evidence=f"the person it works for ({owner.name})",
                )
        return referent

    def _last_person(self, position: int) -> Referent | None:
        candidate: Referent | None = None
        candidate_at = -1
        for pos, referents in reversed(self.speakers):
            if pos < position and len(referents) == 1 and referents[0].kind == "person":
                candidate, candidate_at = referents[0], pos
                break
        subjects = [s for s in self.seen if s.position < position and s.subject]
        if subjects and (candidate is None or subjects[-1].position > candidate_at):
            return self.name(subjects[-1].name, subjects[-1].context, "person")
        if candidate is not None:
            return candidate
        named = [s for s in self.seen if s.position < position]
        return self.name(named[-1].name, named[-1].context, "person") if named else None

    def _last_plural(self, position: int) -> tuple[Referent, ...]:
        spoken = [(p, r) for p, r in self.plural if p < position]
        subjects = [(p, m) for p, m in self.plural_subjects if p < position]
        if subjects and (not spoken or subjects[-1][0] > spoken[-1][0]):
            return tuple(self.name(m.text, m.context, m.kind) for m in subjects[-1][1])
        return spoken[-1][1] if spoken else ()

    def _title(self, word: str, position: int) -> Referent | None:
        for pos, referents in reversed(self.speakers):
            if pos < position:
                for referent in referents:
                    if word in referent.titles:
                        return referent
        for seen in reversed(self.seen):
            if seen.position < position and word in {w.lower() for w in seen.context}:
                return self.name(seen.name, seen.context, seen.kind)
        return None

    def resolve(
        self, mentions: list[Mention], position: int, quote_speakers: tuple[Referent, ...] = ()
    ) -> tuple[Referent, ...]:
        """The referents of *mentions* at character *position* (empty when unresolvable)."""
        out: list[Referent] = []
        for mention in mentions:
            lower = mention.text.lower()
            if mention.pronoun:
                if lower in _SELF and quote_speakers:
                    out.extend(quote_speakers)
                elif lower in _SINGULAR or lower in _SELF:
                    person = self._last_person(position)
                    if person is not None:
                        out.append(person)
                elif lower in _PLURAL:
                    out.extend(self._last_plural(position))
                continue
            key = normalize_name(mention.text)
            if key in self.group_words:
                continue
            head = key.split()[-1] if key else ""
            definite = mention.text.lower().startswith("the ")
            if head not in self.index.titles or (" " in key and not definite):
                out.append(self.name(mention.text, mention.context, mention.kind))
                continue
            titled = self._title(head, position)
            out.append(titled if titled else self.name(mention.text, mention.context, mention.kind))
        return tuple(dict.fromkeys(out))

    def record(self, position: int, referents: tuple[Referent, ...], plural: bool) -> None:
        """Remember that *referents* spoke at *position* (for later pronouns)."""
        if not referents:
            return
        self.speakers.append((position, referents))
        if plural or len(referents) > 1:
            self.plural.append((position, referents))
