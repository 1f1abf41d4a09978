"""Finding attributions in one parsed paragraph: reported speech, "according to", quotes.

Works on a spaCy ``Doc`` with a dependency parse (a trained one, or one built
by hand in tests) and yields :class:`Found` records: the content, the cue and
the grammatical subject that names the speaker, as offsets relative to the
paragraph. Who the subject refers to is decided later
(:mod:`stancegraph.extract.speakers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from stancegraph.extract.adjectives import adjective_attributions
from stancegraph.extract.colon import colon_attributions
from stancegraph.extract.nouns import noun_attributions
from stancegraph.extract.quotes import Quote
from stancegraph.extract.rules import Rules

__all__ = ["Found", "FoundKind", "attributions_in_doc", "subject_of"]

FoundKind = Literal["reported", "according", "quote", "continued", "colon", "turn"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_TRIM = frozenset(
    {
        "\u201c",
        "\u201d",
        '"',
        "'",
        "''",
        "\u2018",
        "\u2019",
        ",",
        ".",
        ":",
        ";",
        "\u2014",
        "\u2013",
        "-",
        "(",
        ")",
    }
)
_CLAUSAL = ("ccomp", "xcomp")
# a clause whose subject is its head's: "saying ...", "to urge ...", "after warning ..."
_CLIMB = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp", "prep"})


@dataclass(frozen=True)
class Found:
    """One attribution in a paragraph, by offsets relative to the paragraph's text.

    ``denied``: a neutral cue is negated ("did not say when", "never mentioned
    X"): the content is attributed to the speaker only as something unsaid.
    """

    content: tuple[int, int]
    cue: tuple[int, int] | None
    subject: int | None
    kind: FoundKind
    verb: int | None = None
    unclosed: bool = False
    denied: bool = False


def _char_span(doc: Any, first: int, last: int, *, single: bool = False) -> tuple[int, int] | None:
    """Characters of tokens first..last, trimmed of quote marks, 'that' and punctuation.

    At least two tokens must be left, or one with *single* (an object such as
    "endorsed Rassendyll").
    """
    while first <= last and (
        doc[first].text in _TRIM
        or (doc[first].text.lower() == "that" and doc[first].dep_ == "mark")
    ):
        first += 1
    while last >= first and (doc[last].text in _TRIM or doc[last].dep_ == "cc"):
        last -= 1
    if last < first or (last == first and not single):
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _subtree_span(doc: Any, token: Any, *, single: bool = False) -> tuple[int, int] | None:
    return _char_span(doc, token.left_edge.i, token.right_edge.i, single=single)


def _object_span(doc: Any, verb: Any, obj: Any) -> tuple[int, int] | None:
    """The object with what the verb says of it: "called him a loser", "sees X as Y"."""
    last = obj.right_edge.i
    for sibling in verb.children:
        if sibling.i > obj.i and (
            sibling.dep_ in ("oprd", "ccomp", "xcomp")
            or (sibling.dep_ == "prep" and sibling.text.lower() == "as")
        ):
            last = max(last, sibling.right_edge.i)
    return _char_span(doc, obj.left_edge.i, last, single=True)


def subject_of(token: Any, *, fallback: bool = True) -> Any | None:
    """The subject of *token*'s clause, climbing through 'saying'-style modifiers and conjuncts.

    A relative 'who' ("officials who said") is returned (the speaker
    mentions resolve it to the noun it modifies); a proper noun the parser took
    for a compound of the verb ("Smith notes") is the subject.

    A name right before the verb ("..., Jake Sullivan, said", "Warren (D-MA)
    said"), or right after it when the verb follows its quote ("...,'' said
    Robin May") is the subject when the parser attached it elsewhere. With
    *fallback*, a verb whose clause has still no subject (often a misparsed
    conjunct) takes the subject of its sentence's root.
    """
    found = _climb(token)
    if found is None:
        found = _name_before(token) or _name_after(token)
    in_relative = any(t.dep_ in ("relcl", "acl") for t in (token, *token.ancestors))
    if found is None and fallback and not in_relative and token.sent.root is not token:
        found = _climb(token.sent.root)
        if found is not None and found.i > token.i:
            return None
    return found


_NAMES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _name_before(token: Any) -> Any | None:
    """A name ending just before *token*, past commas, adverbs and a parenthesis."""
    doc = token.doc
    i = token.i - 1
    start = token.sent.start
    while i >= start:
        current = doc[i]
        if current.text == ")":
            opening = next((j for j in range(i - 1, start - 1, -1) if doc[j].text == "("), None)
            if opening is None:
                return None
            i = opening - 1
        elif current.pos_ in ("PUNCT", "ADV", "AUX", "PART") and current.text not in ":;":
            i -= 1
        else:
            break
    if i < start:
        return None
    named = doc[i]
    if named.dep_ in ("dobj", "attr", "oprd") or (
        named.dep_ == "pobj" and named.ent_type_ == "GPE"
    ):
        return None
    if named.ent_type_ in _NAMES or named.pos_ == "PROPN":
        return named
    return None


def _author(noun: Any) -> Any:
    """Who speaks through *noun*: its possessor ("his statement"), the subject of the
    verb it is the object of ("the party published a report"), else the noun."""
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    if possessors:
        return possessors[0]
    if noun.dep_ == "dobj":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj" and c.i < noun.head.i]
        if subjects and subjects[0].tag_ not in ("WDT", "WP"):
            return subjects[0]
    return noun


def _name_after(token: Any) -> Any | None:
    """A name right after a cue that follows its quote or clause ("...,'' said Robin May")."""
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc) or doc[token.i - 1].pos_ != "PUNCT":
        return None
    named = doc[token.i + 1]
    return named if named.ent_type_ == "PERSON" else None


def _relative_who(token: Any) -> bool:
    """Is *token* a relative subject standing for a speaker?

    'who' and 'which' ("officials who said"), and 'that' after a name ("the
    Sierra Club, that said"); not 'that' after a common noun ("vehicles that
    threatened").
    """
    if token.head.dep_ != "relcl":
        return False
    word = token.text.lower()
    antecedent = token.head.head
    named = antecedent.ent_type_ in _NAMES or antecedent.pos_ == "PROPN"
    return word in ("who", "which") or (word == "that" and named)


def _climb(token: Any) -> Any | None:
    current = token
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS]
        if subjects:
            # the subject nearest the verb: a dateline ("PARIS (AP) - X said")
            # is often parsed as a second subject before it
            child = max(subjects, key=lambda c: c.i if c.i < current.i else -c.i)
            if child.tag_ in ("WDT", "WP"):
                return child if _relative_who(child) else None
            return child
        for child in current.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current is token:
            named = [c for c in current.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if named:
                return named[-1]
        if (
            current.dep_ == "acl"
            and current.tag_ == "VBG"
            and current.head.pos_ in ("NOUN", "PROPN")
            and current.i > current.head.i
        ):
            return _author(current.head)  # "a petition calling for", "voters saying"
        if (
            current.dep_ == "conj"
            and current.head.dep_ == "ccomp"
            and current.i > current.head.head.i
        ):
            # "said [prices rose] and said ...": a conjunct the parser hung on the complement
            current = current.head.head
        elif current.dep_ in _CLIMB and current.head is not current:
            current = current.head
        else:
            return None
    return None


def _cue_span(doc: Any, verb: Any, upto: int | None) -> tuple[int, int]:
    end = verb.i
    if upto is not None and upto > verb.i:
        end = upto
    elif verb.i + 1 < len(doc) and doc[verb.i + 1].dep_ in ("advmod", "prt"):
        end = verb.i + 1
    return verb.idx, doc[end].idx + len(doc[end].text)


def _prepositional(
    doc: Any, children: Sequence[Any], preps: Sequence[str]
) -> tuple[tuple[int, int] | None, int | None]:
    """Content after one of the cue's *preps*, and the preposition's index.

    The object of the preposition ("called for detailed records"), or a clause
    the preposition introduces ("called for the army to withdraw").
    """
    for child in children:
        if child.dep_ == "prep" and child.text.lower() in preps:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return _subtree_span(doc, objects[0], single=True), child.i
    for child in children:
        if child.dep_ not in ("advcl", "ccomp"):
            continue
        marks = [c for c in child.children if c.dep_ == "mark" and c.text.lower() in preps]
        if marks:
            return _char_span(doc, marks[0].i + 1, child.right_edge.i), marks[0].i
    return None, None


def _passive_object(doc: Any, children: Sequence[Any]) -> tuple[tuple[int, int] | None, Any]:
    """The passive subject of an object cue that names its agent, and the agent (the speaker):
    "the plan was rejected by voters", "a sentiment endorsed by the crowd"."""
    agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not agents:
        return None, None
    for child in children:
        if child.dep_ == "nsubjpass":
            return _subtree_span(doc, child, single=True), agents[0]
    verb = agents[0].head.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i < verb.i:
        noun = verb.head  # "a sentiment endorsed by the crowd"
        return _char_span(doc, noun.left_edge.i, verb.i - 1, single=True), agents[0]
    return None, None


def _reported(doc: Any, rules: Rules) -> Iterable[Found]:
    for verb in doc:
        cue = rules.cue_by_lemma.get(verb.lemma_.lower())
        if cue is None or verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "compound"):
            continue
        children = list(verb.children)
        content: tuple[int, int] | None = None
        upto: int | None = None
        for child in children:
            if child.dep_ in _CLAUSAL:
                content = _subtree_span(doc, child)
                if content:
                    break
        if content is None and cue.preps:
            content, upto = _prepositional(doc, children, cue.preps)
        if content is None and cue.object:
            for child in children:
                if child.dep_ in ("dobj", "attr"):
                    content = _object_span(doc, verb, child)
                    break
        agent = None
        if content is None and cue.object:
            content, agent = _passive_object(doc, children)
        if content is None and verb.dep_ == "parataxis" and verb.head.i > verb.i:
            content = _subtree_span(doc, verb.head)
        if content is None:
            continue
        subject = agent if agent is not None else subject_of(verb)
        yield Found(
            content=content,
            cue=_cue_span(doc, verb, upto),
            subject=subject.i if subject is not None else None,
            kind="reported",
            verb=verb.i,
            denied=cue.tone == "neutral" and any(c.dep_ == "neg" for c in verb.children),
        )


def _according(doc: Any, rules: Rules) -> Iterable[Found]:
    phrases = {(a.lower(), b.lower()) for a, b in rules.source_phrases}
    for token in doc:
        particles = [c for c in token.children if (token.text.lower(), c.text.lower()) in phrases]
        if not particles:
            continue
        sources = [c for c in particles[0].children if c.dep_ == "pobj"]
        head = token.head
        if not sources or head is token:
            continue
        if head.lemma_.lower() in rules.frame_verbs or head.lemma_.lower() in rules.cue_by_lemma:
            continue
        sent = token.sent
        inside = range(token.left_edge.i, token.right_edge.i + 1)
        before = (
            _char_span(doc, sent.start, inside.start - 1) if inside.start > sent.start else None
        )
        after = _char_span(doc, inside.stop, sent.end - 1) if inside.stop < sent.end else None
        spans = [s for s in (before, after) if s]
        if not spans:
            continue
        content = max(spans, key=lambda s: s[1] - s[0])
        yield Found(
            content=content,
            cue=(token.idx, particles[0].idx + len(particles[0].text)),
            subject=sources[0].i,
            kind="according",
            verb=head.i,
        )


def _colon(doc: Any, rules: Rules) -> Iterable[Found]:
    for speaker, colon, last in colon_attributions(doc, rules):
        content = _char_span(doc, colon + 1, last)
        if content is not None:
            cue = (doc[colon].idx, doc[colon].idx + 1)
            yield Found(content=content, cue=cue, subject=speaker, kind="colon")


_BY_MEANS = frozenset({"in", "with", "through", "via"})


def _verb_over(noun: Any) -> Any | None:
    """The verb whose subject made the statement *noun* ("says in a statement that")."""
    if noun.dep_ == "pobj" and noun.head.text.lower() in _BY_MEANS:
        verb = noun.head.head
    elif noun.dep_ == "dobj":
        verb = noun.head
    else:
        return None
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _nouns(doc: Any, rules: Rules) -> Iterable[Found]:
    for item in noun_attributions(doc, rules):
        content = _char_span(doc, item.first, item.last, single=True)
        if content is None:
            continue
        speaker = item.speaker
        if speaker is None and item.upto is None:  # "says in a statement that ..."
            verb = _verb_over(doc[item.cue])
            subject = subject_of(verb, fallback=False) if verb is not None else None
            speaker = subject.i if subject is not None else None
        yield Found(
            content=content,
            cue=_cue_span(doc, doc[item.cue], item.upto),
            subject=speaker,
            kind="reported",
            verb=item.cue,
        )


def _adjectives(doc: Any, rules: Rules) -> Iterable[Found]:
    for item in adjective_attributions(doc, rules, lambda verb: subject_of(verb, fallback=False)):
        content = _char_span(doc, item.first, item.last, single=True)
        if content is not None:
            yield Found(
                content=content,
                cue=_cue_span(doc, doc[item.cue], item.upto),
                subject=item.holder,
                kind="reported",
                verb=item.cue,
            )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaking_verbs(
    doc: Any, first: int, last: int, rules: Rules, quotes: Sequence[Quote]
) -> list[Any]:
    verbs = []
    for token in doc[first : last + 1]:
        lemma = token.lemma_.lower()
        if lemma not in rules.cue_by_lemma and lemma not in rules.frame_verbs:
            continue
        if token.pos_ not in ("VERB", "AUX") or any(q.start <= token.idx < q.end for q in quotes):
            continue
        if subject_of(token) is not None:
            verbs.append(token)
    return verbs


def _quote_tokens(doc: Any, quote: Quote) -> tuple[int, int]:
    first = last = None
    for token in doc:
        if token.idx < quote.end and token.idx + len(token.text) > quote.start:
            first = token.i if first is None else first
            last = token.i
    return (first or 0), (last if last is not None else len(doc) - 1)


def _quoted(doc: Any, quotes: Sequence[Quote], taken: list[Found], rules: Rules) -> Iterable[Found]:
    for quote in quotes:
        inner = quote.inner
        words = doc.text[inner[0] : inner[1]].split()
        if len(words) < 4:
            continue
        covering = [f for f in taken if _overlap(f.content, inner) * 2 >= inner[1] - inner[0]]
        if covering:
            continue
        first, last = _quote_tokens(doc, quote)
        if not doc.has_annotation("DEP"):
            verbs, sent_first = [], 0
        else:
            sent_first, sent_last = doc[first].sent.start, doc[last].sent.end - 1
            verbs = _speaking_verbs(doc, sent_first, sent_last, rules, quotes)
        if not verbs and sent_first > 0:
            previous = doc[sent_first - 1].sent
            if previous.text.rstrip().endswith(":"):
                verbs = _speaking_verbs(doc, previous.start, previous.end - 1, rules, quotes)
        content = (inner[0], inner[1])
        if verbs:
            verb = min(verbs, key=lambda v: min(abs(v.i - first), abs(v.i - last)))
            subject = subject_of(verb)
            yield Found(
                content=content,
                cue=_cue_span(doc, verb, None),
                subject=subject.i if subject is not None else None,
                kind="quote",
                verb=verb.i,
                unclosed=not quote.closed,
            )
        elif quote.start == len(doc.text) - len(doc.text.lstrip()):
            yield Found(
                content=content, cue=None, subject=None, kind="continued", unclosed=not quote.closed
            )


def _one_statement(found: Sequence[Found], quotes: Sequence[Quote]) -> list[Found]:
    """The quotes one cue attributes ("“A,” he said, “B.”") are one statement.

    Their content runs from the first quote's words to the last one's: the
    speaker made one statement, which the cue only interrupts, so an analyst
    reviews it as one claim (its issue and stance read from all of it), not as
    halves that repeat the same speaker and cue.
    """
    inners = {q.inner for q in quotes}
    by_cue: dict[tuple[int, int], Found] = {}
    out: list[Found] = []
    for item in found:
        if item.content not in inners or item.cue is None:
            out.append(item)
            continue
        first = by_cue.get(item.cue)
        if first is None:
            by_cue[item.cue] = item
            continue
        by_cue[item.cue] = replace(
            first,
            content=(
                min(first.content[0], item.content[0]),
                max(first.content[1], item.content[1]),
            ),
            unclosed=first.unclosed or item.unclosed,
        )
    return out + list(by_cue.values())


def _snap_to_quotes(found: Found, quotes: Sequence[Quote]) -> Found:
    """Reported content that is mostly a quotation becomes the quoted words."""
    for quote in quotes:
        inner = quote.inner
        shared = _overlap(found.content, inner)
        if shared * 2 >= found.content[1] - found.content[0]:
            return replace(found, content=inner, unclosed=not quote.closed)
    return found


def _cut_siblings(doc: Any, found: list[Found]) -> list[Found]:
    """Content that runs into a coordinated attribution of the same speaker ends before it."""
    out: list[Found] = []
    for item in found:
        start, end = item.content
        for other in found:
            if other is item or other.cue is None or other.verb is None:
                continue
            own = [c for c in doc[other.verb].children if c.dep_ in _SUBJECTS]
            subject_inside = bool(own) and start <= own[0].idx < end
            if (
                start < other.cue[0] < end
                and doc[other.verb].dep_ == "conj"
                and not subject_inside
                and other.content[0] >= other.cue[0]
            ):
                first = doc[other.verb].left_edge.i
                cut = _char_span(
                    doc, doc.char_span(start, end, alignment_mode="expand").start, first - 1
                )
                if cut is not None and cut[0] == start:
                    end = min(end, cut[1])
        out.append(item if end == item.content[1] else replace(item, content=(start, end)))
    return out


def attributions_in_doc(doc: Any, quotes: Sequence[Quote], rules: Rules) -> list[Found]:
    """Every attribution in the parsed paragraph *doc*, in text order.

    Cue verbs inside a quotation are left to the quotation's own attribution.
    Without a dependency parse only quotations opening a paragraph are found
    (spaCy crashes on dependency lookups in unparsed documents).
    """
    if not doc.has_annotation("DEP"):
        return list(_quoted(doc, quotes, [], rules))
    found = [
        _snap_to_quotes(f, quotes)
        for f in (
            *_reported(doc, rules),
            *_according(doc, rules),
            *_colon(doc, rules),
            *_nouns(doc, rules),
            *_adjectives(doc, rules),
        )
        if not any(q.start <= (f.cue or (0, 0))[0] < q.end for q in quotes)
    ]
    found = _cut_siblings(doc, found)
    found = _one_statement([*found, *_quoted(doc, quotes, found, rules)], quotes)
    unique: dict[tuple[int, int, int | None], Found] = {}
    for item in found:
        unique.setdefault((*item.content, item.subject), item)
    return sorted(unique.values(), key=lambda f: (f.content, f.cue or (0, 0)))
