"""Grouping claims across a corpus by what they are about: emergent issues with ids and labels.

Each claim comes with its key phrases, best first (see
:func:`~stancegraph.extract.emergent.phrases.issue_phrases`), and, when the
caller has them, the names of the places and parties its article is about
(:func:`~stancegraph.extract.emergent.phrases.issue_context`). The grouping:

1. normalises each phrase (lower case, no determiners or possessive marks)
   and spells out known abbreviations from the caller's alias map
   ("gerd" -> "grand ethiopian renaissance dam");
2. turns a claim into a TF-IDF vector over word stems (a derivational
   suffix off: "normalization" and "normalize" meet): the head of a phrase
   (its last word before "of", or the word before a generic head: "defense"
   in "defense commitment"; and the verb of a verb phrase) weighs most, its
   other words less, the whole phrase a little more; phrases further down
   the claim's list weigh less;
3. links claims whose vectors share a stem (cosine similarity, through an
   inverted index, so only pairs that share something are ever compared),
   scaled down when their contexts name different places and parties, so
   that "the ceasefire" in Gaza and "the ceasefire" in Sudan stay apart
   while two sides of one dispute, who name the same places, meet;
4. merges groups by average linkage (the mean similarity of all pairs across
   two groups) while the best pair of groups is at least ``threshold``: a
   chain of pairwise neighbours does not merge two unrelated groups;
5. labels each group with its most representative phrase (closest to the
   group's centroid), derives the id from the label, and picks a CAP major
   topic from the lexicon's keywords where the group's words name one.

Everything is deterministic: the same input gives the same groups and ids in
the same order, whatever the order of the mapping; ties go to the smaller
claim key. An id comes from its label, not from a counter, so that adding an
unrelated article leaves the other ids as they were.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from stancegraph.extract.emergent.lexicon import Lexicon, load_lexicon

__all__ = ["THRESHOLD", "EmergentIssue", "group_claims", "normalise_phrase", "slug"]

#: Groups merge while their mean pairwise similarity is at least this.
THRESHOLD = 0.25
#: Pairs less similar than this are not kept as links (they count as 0).
_MIN_LINK = 0.05
#: Below this a pair's cosine cannot become a link whatever its contexts (their factor
#: is at most 1, give or take the rounding of a cosine of unit vectors).
_NEVER_LINKED = _MIN_LINK * (1.0 - 1e-9)
#: The most phrases of one claim that are read.
_MAX_PHRASES = 6
#: A topic is read from each member's first phrases only, and must be named by
#: this share of the group's members (weighted by phrase rank).
_TOPIC_PHRASES = 2
_TOPIC_SHARE = 0.3
#: The longest slug after ``emergent-``.
SLUG_LENGTH = 60

_HEAD = 1.0
_MODIFIER = 0.5
_OF_PART = 0.5
_WHOLE = 0.5
#: How much of their similarity two claims keep when their contexts share no name
#: (it grows linearly to all of it when the contexts are the same).
CONTEXT_FLOOR = 0.2
#: How fast phrases further down a claim's list lose weight: the r-th weighs 1 / (1 + decay r).
RANK_DECAY = 1.0
_NO_ALIASES: Mapping[str, str] = MappingProxyType({})
_NO_CONTEXT: Mapping[str, Sequence[str]] = MappingProxyType({})
_NON_WORD = re.compile(r"[^\w\-'.]+")
_LEADING = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that"}
)
_SUFFIXES = (
    "izations",
    "isations",
    "ization",
    "isation",
    "ations",
    "ation",
    "ating",
    "ates",
    "ated",
    "ate",
    "itions",
    "ition",
    "izing",
    "ising",
    "izes",
    "ized",
    "ize",
    "ises",
    "ised",
    "ise",
    "ments",
    "ment",
    "ings",
    "ing",
    "ities",
    "ity",
    "ies",
    "es",
    "ed",
    "s",
    "e",
)


@dataclass(frozen=True)
class EmergentIssue:
    """An issue grown from the claims themselves: id, label, CAP topic, member claim keys."""

    id: str
    label: str
    topic: str | None
    members: tuple[str, ...]


@lru_cache(maxsize=1 << 16)
def normalise_phrase(phrase: str) -> str:
    """*phrase* in lower case, without leading determiners, possessive marks or stray signs."""
    text = unicodedata.normalize("NFKC", phrase).lower().replace("\u2019", "'")
    words = [w.removesuffix("'s").strip("'.-") for w in _NON_WORD.sub(" ", text).split()]
    words = [w for w in words if w]
    while words and words[0] in _LEADING:
        words.pop(0)
    return " ".join(words)


def slug(label: str, length: int = SLUG_LENGTH) -> str:
    """*label* as ASCII lower-case words joined by ``-``, cut at a word to *length* characters."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > length:
            break
        out = candidate
    return out or (words[0][:length] if words else "issue")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """*word* without the first of :data:`_SUFFIXES` it ends with (4 letters left at least);
    kept for the words seen last, since a corpus repeats its words many times."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class _Aliases:
    """Word-sequence replacement by a caller's alias map, longest match first."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        self.table: dict[tuple[str, ...], tuple[str, ...]] = {}
        for short, long in sorted(aliases.items()):
            key = tuple(normalise_phrase(short).split())
            value = tuple(normalise_phrase(long).split())
            if key and value:
                self.table[key] = value
        self.longest = max((len(k) for k in self.table), default=0)

    def expand(self, words: list[str]) -> list[str]:
        if not self.table:
            return words
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                value = self.table.get(tuple(words[i : i + n]))
                if value is not None:
                    out.extend(value)
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return out


def _features(words: list[str], lex: Lexicon, *, verb: bool = False) -> dict[str, float]:
    """The weighted stems of one normalised phrase: its head, its other words, itself whole.

    The head is the last word before "of"; when that is a generic noun after
    another word ("defense commitment", "sovereign right"), the word before it
    says what the phrase is about and weighs as the head. The verb of a verb
    phrase (*verb*: "normalize economic relation") weighs as a head too, so
    that it meets its noun ("economic normalization").
    """
    function_words = lex.function_words
    if "of" in words[1:]:
        cut = words.index("of", 1)
        head_part, rest = words[:cut], words[cut + 1 :]
    else:
        head_part, rest = words, []
    content = [w for w in head_part if w not in function_words]
    if not content:
        return {}
    head = len(content) - 1
    if head > 0 and content[head] in lex.generic_nouns:
        head -= 1
    found: dict[str, float] = {}
    for i, word in enumerate(content):
        if i != head:
            stem = _stem(word)
            found[stem] = max(found.get(stem, 0.0), _MODIFIER)
    for word in rest:
        if word not in function_words:
            stem = _stem(word)
            found[stem] = max(found.get(stem, 0.0), _OF_PART)
    found[_stem(content[head])] = _HEAD
    if verb and len(content) > 1:
        found[_stem(content[0])] = _HEAD
    stems = [_stem(w) for w in words if w not in function_words]
    if len(stems) > 1:
        found["=" + " ".join(stems)] = _WHOLE
    return found


@dataclass
class _Claims:
    """The distinct phrase lists of the input, their claims, phrases and sparse vectors."""

    keys: list[list[str]]
    phrases: list[list[str]]
    vectors: list[dict[str, float]]
    contexts: list[dict[str, float]]
    #: the kept group of each node's claims, -1 for none
    groups: list[int]


def _prepare(
    phrases: Mapping[str, Sequence[str]],
    context: Mapping[str, Sequence[str]],
    aliases: _Aliases,
    lex: Lexicon,
    group_of: Mapping[str, int],
) -> tuple[_Claims, dict[str, dict[str, float]]]:
    """The distinct claims of the input: those with the same phrases, names and kept
    group (*group_of*, -1 for none) are one node."""
    by_phrases: dict[tuple[tuple[str, ...], tuple[str, ...], int], list[str]] = defaultdict(list)
    # every claim of an article has the article's names: each list is normalised once
    names_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    expanded: dict[str, list[str]] = {}  # a phrase's words, normalised, aliases expanded
    for key in sorted(phrases):
        normal: list[str] = []
        for phrase in phrases[key]:
            words = expanded.get(phrase)
            if words is None:
                words = expanded[phrase] = aliases.expand(normalise_phrase(phrase).split())
            text = " ".join(words)
            if text and text not in normal and any(w not in lex.function_words for w in words):
                normal.append(text)
            if len(normal) == _MAX_PHRASES:
                break
        if not normal:
            continue
        given = tuple(context.get(key, ()))
        names = names_of.get(given)
        if names is None:
            names = names_of[given] = tuple(
                sorted(
                    {" ".join(aliases.expand(normalise_phrase(n).split())) for n in given} - {""}
                )
            )
        by_phrases[tuple(normal), names, group_of.get(key, -1)].append(key)
    items = sorted(by_phrases.items(), key=lambda item: item[1][0])
    phrase_features: dict[str, dict[str, float]] = {}
    raw: list[dict[str, float]] = []
    contexts: list[dict[str, float]] = []
    features_of: dict[tuple[str, bool], dict[str, float]] = {}
    for (kept, named, _), _ in items:
        vector: dict[str, float] = {}
        for rank, text in enumerate(kept):
            words = text.split()
            # a verb phrase is its verb before another phrase of the claim ("normalize" +
            # "economic relation"): issue_phrases gives the object as a phrase of its own
            verb = " ".join(words[1:]) in kept
            features = features_of.get((text, verb))
            if features is None:
                features = features_of[text, verb] = _features(words, lex, verb=verb)
            phrase_features.setdefault(text, features)
            weight = 1.0 / (1.0 + RANK_DECAY * rank)
            for feature, value in features.items():
                vector[feature] = max(vector.get(feature, 0.0), weight * value)
        raw.append(vector)
        contexts.append(dict.fromkeys(named, 1.0))
    claims = _Claims(
        keys=[keys for _, keys in items],
        phrases=[list(n) for (n, _, _), _ in items],
        groups=[group for (_, _, group), _ in items],
        vectors=raw,
        contexts=contexts,
    )
    return claims, phrase_features


def _idf(vectors: list[dict[str, float]], counts: list[int]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for vector, count in zip(vectors, counts, strict=True):
        for feature in vector:
            df[feature] += count
    n = sum(counts)
    return {f: math.log((1 + n) / (1 + d)) + 1.0 for f, d in df.items()}


def _weigh(vector: Mapping[str, float], idf: Mapping[str, float]) -> dict[str, float]:
    weighted = {f: v * idf.get(f, 1.0) for f, v in vector.items()}
    norm = math.sqrt(sum(v * v for v in weighted.values()))
    return {f: v / norm for f, v in sorted(weighted.items())} if norm else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b.get(f, 0.0) for f, v in a.items())


def _links(
    vectors: list[dict[str, float]],
    contexts: list[dict[str, float]],
    kept: Sequence[bool] | None = None,
) -> dict[int, dict[int, float]]:
    """Similarities of the claim pairs that share a feature, when at least :data:`_MIN_LINK`.

    The cosine of the phrase vectors, times a factor for how much the two
    contexts agree: :data:`CONTEXT_FLOOR` when they share no name, rising
    linearly with their cosine to 1 when they are the same; 1 when either
    claim has no context. Pairs of two *kept* nodes (in groups that never merge)
    are never needed, so never compared.
    """
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for feature, value in vector.items():
            postings[feature].append((i, value))
    links: dict[int, dict[int, float]] = defaultdict(dict)
    # the claims of an article share its context: each pair of contexts is compared once
    context_ids: dict[tuple[tuple[str, float], ...], int] = {}
    context_of = [context_ids.setdefault(tuple(c.items()), len(context_ids)) for c in contexts]
    agreement: dict[tuple[int, int], float] = {}
    for i, vector in enumerate(vectors):
        if kept is not None and kept[i]:
            continue  # its pairs with the free nodes are found from their side
        dots: dict[int, float] = defaultdict(float)
        for feature, value in vector.items():
            for j, other in postings[feature]:
                if j > i or (kept is not None and kept[j]):
                    dots[j] += value * other
        for j, dot in sorted(dots.items()):
            if dot < _NEVER_LINKED:
                continue  # the context's factor is at most 1: it cannot reach _MIN_LINK
            if contexts[i] and contexts[j]:
                pair = (context_of[i], context_of[j])
                factor = agreement.get(pair)
                if factor is None:
                    cosine = _dot(contexts[i], contexts[j])
                    factor = agreement[pair] = CONTEXT_FLOOR + (1.0 - CONTEXT_FLOOR) * cosine
                dot *= factor
            if dot >= _MIN_LINK:
                links[i][j] = dot
                links[j][i] = dot
    return links


def _average_linkage(
    sizes: list[int],
    links: dict[int, dict[int, float]],
    threshold: float,
    groups: Sequence[int] = (),
) -> list[list[int]]:
    """Clusters of node indices: average linkage over the sparse links, while >= *threshold*.

    Nodes with the same *groups* entry (other than -1) start as one cluster, kept:
    a kept cluster takes in free ones but never merges with another kept one.
    """
    first: dict[int, int] = {}
    start = [first.setdefault(g, i) if g >= 0 else i for i, g in enumerate(groups)]
    kept = set(first.values())
    if not groups:
        start = list(range(len(sizes)))
    size = [0] * len(sizes)
    members: dict[int, list[int]] = defaultdict(list)
    for node, cluster in enumerate(start):
        size[cluster] += sizes[node]
        members[cluster].append(node)
    total: dict[int, dict[int, float]] = {c: {} for c in members}
    for i, nbrs in links.items():
        for j, s in nbrs.items():
            a, b = start[i], start[j]
            if a != b:
                total[a][b] = total[a].get(b, 0.0) + s * sizes[i] * sizes[j]
    version = [0] * len(sizes)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        lo, hi = min(a, b), max(a, b)
        if lo in kept and hi in kept:
            return
        mean = total[lo][hi] / (size[lo] * size[hi])
        if mean >= threshold:
            heapq.heappush(heap, (-mean, lo, hi, version[lo], version[hi]))

    for i in sorted(total):
        for j in sorted(total[i]):
            if i < j:
                push(i, j)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        members[a].extend(members.pop(b))
        size[a] += size[b]
        version[a] += 1
        if b in kept:
            kept.add(a)
        for c, value in total.pop(b).items():
            del total[c][b]
            if c != a:
                total[a][c] = total[a].get(c, 0.0) + value
                total[c][a] = total[a][c]
        total[a].pop(a, None)
        for c in sorted(total[a]):
            push(a, c)
    return [sorted(m) for _, m in sorted(members.items())]


def _label(
    nodes: list[int],
    claims: _Claims,
    vectors: list[dict[str, float]],
    idf: Mapping[str, float],
    phrase_features: Mapping[str, dict[str, float]],
) -> str:
    """The group's most representative phrase: nearest its centroid, then the shortest."""
    centroid: dict[str, float] = defaultdict(float)
    for node in nodes:
        for feature, value in vectors[node].items():
            centroid[feature] += value * len(claims.keys[node])
    candidates = sorted({p for node in nodes for p in claims.phrases[node]})
    scored = []
    for phrase in candidates:
        vector = _weigh(phrase_features[phrase], idf)
        score = sum(v * centroid.get(f, 0.0) for f, v in vector.items())
        scored.append((-round(score, 9), len(phrase), phrase))
    return min(scored)[2]


def _topic_hits(phrase: str, lex: Lexicon) -> dict[str, int]:
    """How many keywords of each CAP topic the words of *phrase* contain."""
    words = re.split(r"[\s\-]+", phrase)
    hits: dict[str, int] = defaultdict(int)
    for i, word in enumerate(words):
        for keyword, topic in lex.keywords_by_first_word.get(word, ()):
            if tuple(words[i : i + len(keyword)]) == keyword:
                hits[topic] += 1
    return hits


def _topic(
    nodes: list[int], claims: _Claims, lex: Lexicon, hits: dict[str, dict[str, int]]
) -> str | None:
    """The CAP topic most named by the group's phrases (weighted by rank), or None."""
    scores: dict[str, float] = defaultdict(float)
    size = 0
    for node in nodes:
        weight = len(claims.keys[node])
        size += weight
        for rank, phrase in enumerate(claims.phrases[node][:_TOPIC_PHRASES]):
            if phrase not in hits:
                hits[phrase] = _topic_hits(phrase, lex)
            for topic, count in hits[phrase].items():
                scores[topic] += weight * min(count, 1) / (1.0 + rank)
    if not scores:
        return None
    best = min(scores, key=lambda t: (-scores[t], lex.topic_order[t]))
    return best if scores[best] >= _TOPIC_SHARE * size else None


def _ids(groups: Sequence[tuple[str, tuple[str, ...]]], taken: Collection[str] = ()) -> list[str]:
    """One unique id per group from its label; a clash is settled by the first member's hash.

    The larger group (then the one with the smaller first member) keeps the
    plain slug, so an id moves only when its own group changes; an id in *taken*
    (a kept issue's) is never given.
    """
    ranked = sorted(range(len(groups)), key=lambda i: (-len(groups[i][1]), groups[i][1][0]))
    used = set(taken)
    ids: dict[int, str] = {}
    for index in ranked:
        label, members = groups[index]
        chosen = f"emergent-{slug(label)}"
        if chosen in used:
            digest = hashlib.sha1(members[0].encode("utf-8")).hexdigest()[:6]
            chosen = f"emergent-{slug(label, SLUG_LENGTH - 7)}-{digest}"
        used.add(chosen)
        ids[index] = chosen
    return [ids[i] for i in range(len(groups))]


def group_claims(
    phrases: Mapping[str, Sequence[str]],
    *,
    aliases: Mapping[str, str] = _NO_ALIASES,
    context: Mapping[str, Sequence[str]] = _NO_CONTEXT,
    threshold: float = THRESHOLD,
    keep: Sequence[EmergentIssue] = (),
) -> list[EmergentIssue]:
    """Emergent issues for the claims in *phrases* (claim key -> its key phrases, best first).

    *aliases* maps abbreviations and other names to the form to compare
    ("gerd" -> "grand ethiopian renaissance dam"). *context* maps a claim key
    to the names of the places and parties its article is about; claims whose
    contexts differ need closer phrases to meet. *threshold* is the mean
    similarity two groups need to merge (higher: smaller, purer groups).

    *keep* are issues grouped before (by an earlier run) whose members are to stay
    together under their id, label and topic: each starts as one group, takes in the
    other claims that join it, and never merges with another kept issue, so the
    claims of unchanged articles keep their issues as a corpus grows. Their members
    not in *phrases* are dropped, and a kept issue left with none is gone.

    A claim whose phrases meet no other claim's gets an issue of its own; a
    claim with no usable phrase gets none (it stays unclassified). Issues are
    sorted by id; members are sorted.
    """
    lex = load_lexicon()
    group_of = {m: g for g, issue in enumerate(keep) for m in issue.members if m in phrases}
    claims, phrase_features = _prepare(phrases, context, _Aliases(aliases), lex, group_of)
    if not claims.keys:
        return []
    counts = [len(keys) for keys in claims.keys]
    idf = _idf(claims.vectors, counts)
    vectors = [_weigh(v, idf) for v in claims.vectors]
    context_idf = _idf(claims.contexts, counts)
    contexts = [_weigh(c, context_idf) for c in claims.contexts]
    fixed = [g >= 0 for g in claims.groups] if group_of else None
    links = _links(vectors, contexts, fixed)
    clusters = _average_linkage(counts, links, threshold, claims.groups if group_of else ())
    groups: list[tuple[str, tuple[str, ...]]] = []
    topics: list[str | None] = []
    kept_issues: list[EmergentIssue] = []
    hits: dict[str, dict[str, int]] = {}
    for nodes in clusters:
        members = tuple(sorted(key for node in nodes for key in claims.keys[node]))
        earlier = max(claims.groups[node] for node in nodes)
        if earlier >= 0:
            was = keep[earlier]
            kept_issues.append(EmergentIssue(was.id, was.label, was.topic, members))
            continue
        groups.append((_label(nodes, claims, vectors, idf, phrase_features), members))
        topics.append(_topic(nodes, claims, lex, hits))
    taken = [issue.id for issue in kept_issues]
    issues = kept_issues + [
        EmergentIssue(id=issue_id, label=label, topic=topic, members=members)
        for issue_id, (label, members), topic in zip(
            _ids(groups, taken), groups, topics, strict=True
        )
    ]
    return sorted(issues, key=lambda issue: issue.id)
