"""Key phrases of one evidence span: the things its position evaluates, normalised, best first.

A phrase is a noun with its content modifiers ("humanitarian access", "the
association of Serb-majority municipalities"), read from the parse:

- every noun heads a candidate unless it modifies another noun (``compound``,
  ``amod``, ``poss``...); its modifiers are kept, except determiners,
  pronouns, numbers and the graded or dated words of the lexicon ("recent",
  "further");
- a noun that says nothing by itself ("the need", "steps", "the message")
  is no phrase unless a content word modifies it, and hands its place to what
  it frames ("the importance of peace" -> "peace"); even with a content word
  it ranks below what it frames ("their mutual commitment to strengthening
  the alliance" -> "alliance" first);
- pronouns, people, handles ("@StateDept"), dates and numbers are never
  phrases, nor is the subject of a clause when it is a name, a pronoun or a
  bare generic noun (the speaker or an agent: "Serbia and Kosovo agreed to
  ...", "the government said"); a common-noun subject is ("the ceasefire
  remains in place", "the defense commitment is ironclad"); a person who
  owns a noun is not part of its phrase ("President Biden's message");
- a hashtag is a topic, its words apart ("#EconomicNormalization" ->
  "economic normalization");
- a name with "of" inside is kept whole ("the Line of Actual Control");
- a content verb gives a phrase of its own with its object ("normalize
  economic relations"), ranked below the object itself; a verb with no
  object is a phrase only when the span has no noun phrase ("to defuse and
  de-escalate").

Candidates are ranked by role (the span's own head, then objects, subjects,
nouns under another noun), less for each content word between them and the
span's head and less for a generic head; ties keep text order. A bare place
or people ("the Philippines") comes after every other phrase: it names a
party or a setting. A span with nothing but those ("a historic commitment:
Serbia and Kosovo") is read on in the rest of its sentence, leaving out who
speaks. Words are lemmas, lower case; a ``-`` between two kept words stays
("serb-majority").

The context of an article (:func:`issue_context`) is its places and parties,
not its offices ("the State Department", "the Council").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from stancegraph.extract.emergent.lexicon import Lexicon, load_lexicon
from stancegraph.extract.rules import load_rules

__all__ = ["issue_context", "issue_phrases"]

#: At most this many phrases per span.
MAX_PHRASES = 8
#: At most this many names of an article's context.
MAX_CONTEXT = 4
_CONTEXT_ENTS = frozenset({"GPE", "LOC", "NORP", "ORG"})

_NOMINAL = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "advmod", "nummod"})
_HEADLESS_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd", "dative", "acomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
_NO_PHRASE_ENTS = frozenset(
    {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
_AGENT_ENTS = frozenset({"PERSON", "GPE", "ORG", "NORP"})
_NAME_ENTS = frozenset({"GPE", "LOC", "ORG", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"})
_KEPT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
_CAMEL_WORD = re.compile(r"[A-Za-z][a-z]*(?:[A-Z][a-z]+)*$")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+")

# role weights and the cost of each content word between a candidate and the span's head
_ROOT = 4.0
_OBJECT = 3.0
_SUBJECT = 2.5
_UNDER_NOUN = 2.0
_VERB = 2.0
_OTHER = 1.0
_DEPTH_COST = 0.5
#: What a phrase loses when its head is a generic noun ("their joint commitment to
#: strengthening the alliance"), so that what the noun frames comes first.
_GENERIC_COST = 1.5
#: Places and peoples: alone ("stand with the Philippines") they name a party or a
#: setting, not what a position is about, and come after the phrases that do.
_PARTY_ENTS = frozenset({"GPE", "NORP"})


@cache
def _rules_words() -> tuple[frozenset[str], frozenset[str]]:
    """The cue verbs (their subject is a speaker) and the person titles of the extraction rules."""
    rules = load_rules()
    return frozenset(rules.cue_by_lemma), rules.titles


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower().replace("\u2019", "'")


def _hashtag(token: Any) -> bool:
    """Whether *token* is the word of a hashtag ("#EconomicNormalization"): a topic, not a name."""
    i = int(token.i)
    if i == 0:
        return False
    mark = token.doc[i - 1]
    return bool(mark.text == "#" and mark.whitespace_ == "" and _CAMEL_WORD.match(token.text))


def _piece(token: Any, head: bool) -> str:
    """The normal form of one word: its lemma for a common noun or a head verb, else its text;
    a hashtag's words apart ("#EconomicNormalization" -> "economic normalization")."""
    if _hashtag(token):
        return " ".join(_CAMEL_PART.findall(str(token.text))).lower()
    if token.pos_ == "NOUN" or (head and token.pos_ == "VERB"):
        word = _lemma(token)
    else:
        word = str(token.text).lower().replace("\u2019", "'")
    return word.removesuffix("'s").strip("'\"")


class _Units(dict[int, tuple[int, int]]):
    """Hyphen units by token index; a token outside the span (a child the evidence span
    cuts off) is a unit of its own."""

    def __missing__(self, index: int) -> tuple[int, int]:
        return (index, index)


def _generic(token: Any, generic_nouns: frozenset[str]) -> bool:
    """Whether *token* is a generic noun, a capitalised plural too ("the Ministers")."""
    lemma = _lemma(token)
    if lemma in generic_nouns:
        return True
    if token.pos_ != "PROPN" or not lemma.endswith("s"):
        return False
    return lemma[:-1] in generic_nouns or f"{lemma[:-3]}y" in generic_nouns


class _Span:
    """One evidence span prepared for reading: its tokens, hyphen units, the word lists."""

    def __init__(self, doc: Any, lexicon: Lexicon) -> None:
        self.tokens = list(doc)
        self.inside = frozenset(int(t.i) for t in self.tokens)
        self.lex = lexicon
        self.cues, titles = _rules_words()
        self.generic_nouns = lexicon.generic_nouns | titles
        self.entity: dict[int, Any] = {}
        for ent in self.tokens[0].doc.ents:
            if ent.label_ in _NAME_ENTS and ent.start in self.inside and ent.end - 1 in self.inside:
                for token in ent:
                    self.entity[int(token.i)] = ent
        self.unit: dict[int, tuple[int, int]] = _Units()
        tokens = self.tokens
        k = 0
        while k < len(tokens):
            j = k
            while (
                j + 2 < len(tokens)
                and tokens[j + 1].text == "-"
                and tokens[j].whitespace_ == ""
                and tokens[j + 1].whitespace_ == ""
                and tokens[j + 2].text != "-"
            ):
                j += 2
            for m in range(k, j + 1):
                self.unit[int(tokens[m].i)] = (int(tokens[k].i), int(tokens[j].i))
            k = j + 1

    def form(self, first: int, last: int, *, head: bool = False) -> str:
        """The normal form of the hyphen unit of tokens *first*..*last* (*head*: of a phrase)."""
        doc = self.tokens[0].doc
        pieces = [
            _piece(doc[j], head and j == last) for j in range(first, last + 1) if doc[j].text != "-"
        ]
        return "-".join(p for p in pieces if p)

    def word(self, token: Any, *, head: bool = False) -> str:
        i = int(token.i)  # a token outside the span (a child the span cuts off) is its own unit
        return self.form(*self.unit.get(i, (i, i)), head=head)

    def parent(self, token: Any) -> Any | None:
        head = token.head
        if head.i == token.i or head.i not in self.inside:
            return None
        return head

    def generic(self, token: Any) -> bool:
        return _generic(token, self.generic_nouns) or self.word(token) in self.generic_nouns

    def light(self, token: Any) -> bool:
        return token.pos_ != "VERB" or _lemma(token) in self.lex.light_verbs

    def skipped(self, token: Any) -> bool:
        return (
            token.pos_ == "PRON"
            or token.text.startswith("@")  # a handle names who, not what
            or (token.ent_type_ in _NO_PHRASE_ENTS and not _hashtag(token))
            or _lemma(token).rstrip(".") in self.lex.skip_nouns
            or self.word(token).rstrip(".") in self.lex.skip_nouns
        )

    def agent(self, token: Any) -> bool:
        """A subject that names who acts (a name, pronoun or generic word), not what is at issue."""
        if _hashtag(token):
            return False
        return (
            self.skipped(token)
            or token.pos_ == "PROPN"
            or token.ent_type_ in _AGENT_ENTS
            or (self.generic(token) and not self.core(token)[1])
        )

    def content(self, token: Any) -> bool:
        """Whether *token* adds a step between a candidate and the span's head."""
        if token.pos_ == "VERB":
            return not self.light(token) and _lemma(token) not in self.cues
        return token.pos_ in _NOMINAL and not self.generic(token)

    def depth(self, token: Any) -> int:
        steps = 0
        node = token
        while (up := self.parent(node)) is not None:
            if node.dep_ not in ("conj", "appos") and self.content(up):
                steps += 1
            node = up
        return steps

    def role(self, token: Any) -> float | None:
        """The weight of *token*'s role, or None when it is an agent."""
        node = token
        while node.dep_ in ("conj", "appos") and (up := self.parent(node)) is not None:
            node = up
        up = self.parent(node)
        if up is None:
            return _ROOT
        dep = node.dep_
        if dep in _OBJECT_DEPS:
            if _lemma(up) in self.cues and self.agent(node):
                return None
            return _OBJECT
        if dep in _SUBJECT_DEPS:
            if self.agent(node) or _lemma(up) in self.cues:
                return None
            return _SUBJECT
        if dep in ("pobj", "pcomp"):
            governor = self.parent(up)
            if up.text.lower() in self.lex.adjunct_preps:
                return _OTHER
            if governor is None:
                return _OBJECT
            if governor.pos_ in _NOMINAL:
                if self.generic(governor) or self.skipped(governor):
                    return self.role(governor) or _UNDER_NOUN
                return _UNDER_NOUN
            return _OBJECT
        return _OTHER

    def kept(self, token: Any) -> bool:
        if token.pos_ not in _KEPT_POS or token.ent_type_ in _NO_PHRASE_ENTS:
            return False
        if token.ent_type_ == "PERSON" or self.skipped(token):
            return False
        word = self.word(token)
        first = self.tokens[0].doc[self.unit[int(token.i)][0]]
        return (
            bool(word) and not first.text[:1].isdigit() and word not in self.lex.generic_modifiers
        )

    def core(self, head: Any) -> tuple[list[tuple[int, str]], bool]:
        """The words of *head*'s phrase by index, and whether a content word modifies it.

        A proper name or a possessor alone does not make a generic head a
        phrase ("Egypt's role").
        """
        units: dict[tuple[int, int], bool] = {}
        for token in self.modifiers(head):
            span = self.unit[int(token.i)]
            if span != self.unit[int(head.i)] and self.kept(token):
                units[span] = units.get(span, False) or (
                    token.dep_ != "poss"
                    and token.pos_ != "PROPN"
                    and token.ent_type_ not in _AGENT_ENTS
                )
        words = [(first, self.form(first, last)) for first, last in sorted(units)]
        words.append((self.unit[int(head.i)][0], self.word(head, head=True)))
        return words, any(units.values())

    def name_of(self, head: Any) -> str | None:
        """The whole name when *head* heads one with "of" inside ("the Line of Actual Control")."""
        ent = self.entity.get(int(head.i))
        if ent is None or ent.root.i != head.i or not any(t.text.lower() == "of" for t in ent):
            return None
        words = [self.word(t, head=False) for t in ent if t.pos_ not in ("DET", "PUNCT", "PART")]
        return " ".join(w for w in words if w) or None

    def inside_name(self, token: Any) -> bool:
        """Whether *token* is a word of a name that another of its words heads."""
        ent = self.entity.get(int(token.i))
        return ent is not None and ent.root.i != token.i and self.name_of(ent.root) is not None

    def noun_phrase(self, head: Any) -> str | None:
        if int(head.i) not in self.inside:  # a child the evidence span cuts off
            return None
        if self.skipped(head) or head.ent_type_ == "PERSON":
            return None
        name = self.name_of(head)
        if name is not None:
            return name
        words, described = self.core(head)
        named = head.pos_ == "PROPN" and len(words) > 1
        if self.generic(head) and not described and not named:
            return None
        phrase = " ".join(w for _, w in words)
        if head.pos_ == "NOUN" and not self.generic(head):
            for child in head.rights:
                if child.dep_ == "prep" and child.text.lower() == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and self.of_object(objects[0]):
                        inner, _ = self.core(objects[0])
                        phrase = f"{phrase} of {' '.join(w for _, w in inner)}"
                    break
        return phrase

    def modifiers(self, head: Any) -> list[Any]:
        found: list[Any] = []
        for child in head.lefts:
            if child.ent_type_ == "PERSON":
                continue  # "President Biden's message": whose, not what
            if child.dep_ in _MODIFIER_DEPS and child.i in self.inside:
                found.extend(t for t in child.subtree if t.i in self.inside)
        return found

    def of_object(self, token: Any) -> bool:
        return (
            token.pos_ in _NOMINAL
            and not self.skipped(token)
            and not self.generic(token)
            and token.ent_type_ != "PERSON"
        )

    def verb_phrase(self, verb: Any) -> str | None:
        if self.light(verb) or verb.dep_ in _HEADLESS_DEPS:
            return None
        if len(verb.text) < 3 or not verb.text.replace("-", "").isalpha():
            return None
        for child in verb.rights:
            if child.dep_ in ("dobj", "obj") and child.pos_ in _NOMINAL:
                obj = self.noun_phrase(child)
                if obj:
                    return f"{self.word(verb, head=True)} {obj}"
        return self.word(verb, head=True)

    def bare_name(self, head: Any) -> bool:
        """Whether *head* is a place or people with no content word ("the Philippines")."""
        return head.ent_type_ in _PARTY_ENTS and not self.core(head)[1]

    def candidates(self) -> list[tuple[float, int, str, bool]]:
        """Every phrase of the span with its score, the index of its head and whether it
        tells what the span is about (it is no bare place or people)."""
        nouns: list[tuple[float, int, str, bool]] = []
        verbs: list[tuple[float, int, str, bool]] = []
        for token in self.tokens:
            if self.unit[int(token.i)][1] != token.i:
                continue
            if self.inside_name(token):
                continue
            if token.pos_ in _NOMINAL and token.dep_ not in _HEADLESS_DEPS:
                weight = self.role(token)
                phrase = self.noun_phrase(token)
                if weight is not None and phrase:
                    weight -= _DEPTH_COST * self.depth(token)
                    if self.generic(token):
                        weight -= _GENERIC_COST
                    nouns.append((weight, int(token.i), phrase, not self.bare_name(token)))
            elif token.pos_ == "VERB":
                phrase = self.verb_phrase(token)
                if phrase:
                    score = _VERB - _DEPTH_COST * self.depth(token)
                    verbs.append((score, int(token.i), phrase, True))
        if nouns:
            verbs = [v for v in verbs if " " in v[2]]
        return nouns + verbs


def _ranked(span: _Span, outside: frozenset[int] = frozenset()) -> list[tuple[str, bool]]:
    """The phrases of *span* best first, each with whether it tells what the span is about;
    none headed at an index in *outside*."""
    best: dict[str, tuple[float, int, bool]] = {}
    for score, index, phrase, telling in span.candidates():
        phrase = phrase.strip(" -")
        if index in outside or not phrase:
            continue
        if phrase not in best or best[phrase][:2] < (score, -index):
            best[phrase] = (score, -index, telling)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    return [(phrase, telling) for phrase, (_, _, telling) in ranked]


def _speakers(span: Any) -> frozenset[int]:
    """The tokens of *span* and of the subjects of the words it hangs from (who speaks:
    "the envoy, Richard Grenell, said that it was not true")."""
    out = {int(t.i) for t in span}
    node = span.root
    while node.head.i != node.i:
        node = node.head
        for child in node.children:
            if child.dep_ in _SUBJECT_DEPS and child.i not in out:
                out.update(int(t.i) for t in child.subtree)
    return frozenset(out)


def issue_phrases(doc: Any) -> tuple[str, ...]:
    """The key phrases of the parsed evidence *doc* (a spaCy ``Doc`` or ``Span``), best first.

    Each phrase is normalised (lemmas, lower case, no determiners, pronouns,
    numbers or possessive marks); a span with nothing it is about gives ``()``.
    Bare places and peoples come last. A span that tells nothing itself ("the
    historic momentum", "a historic commitment: Serbia and Kosovo") is read on
    in the rest of its sentences, leaving out who speaks, before its bare names.
    """
    if len(doc) == 0:
        return ()
    lexicon = load_lexicon()
    ranked = _ranked(_Span(doc, lexicon))
    if not any(tells for _, tells in ranked) and len(doc) < len(doc.doc):
        sentences = doc.doc[doc[0].sent.start : doc[-1].sent.end]
        ranked += _ranked(_Span(sentences, lexicon), _speakers(doc))
    phrases = dict.fromkeys(p for p, tells in ranked if tells)
    phrases.update(dict.fromkeys(p for p, tells in ranked if not tells))
    return tuple(phrases)[:MAX_PHRASES]


def issue_context(*docs: Any) -> tuple[str, ...]:
    """The places and parties an article is most about, normalised, most frequent first.

    Each of *docs* is a parsed ``Doc`` or a ``Span`` of one; the whole
    documents are read (``span.doc``), so pass the claim's evidence span of
    the parsed article, or all the paragraphs of an article parsed one by one.
    The names tell claims about "the agreement" in two unrelated disputes
    apart. They are the GPE, LOC, NORP and ORG entities, counted by normal
    form; ties keep text order.
    """
    lexicon = load_lexicon()
    offices = lexicon.generic_nouns | _rules_words()[1]
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    seen: list[Any] = []
    for doc in docs:
        article = doc.doc
        if any(article is other for other in seen):
            continue
        seen.append(article)
        for ent in article.ents:
            if ent.label_ not in _CONTEXT_ENTS:
                continue
            if ent.label_ == "ORG" and _generic(ent.root, offices):
                continue  # an office ("the State Department", "the Council"), not a party
            words = [_piece(t, False) for t in ent if t.pos_ not in ("DET", "PART", "PUNCT")]
            name = " ".join(w for w in words if w)
            if name:
                counts[name] = counts.get(name, 0) + 1
                first.setdefault(name, (len(seen), int(ent.start)))
    ranked = sorted(counts, key=lambda n: (-counts[n], first[n]))
    return tuple(ranked[:MAX_CONTEXT])
