"""The extractor: a loaded model, rules and vocabulary, ready to turn articles into claims.

Build one :class:`Extractor` per process (the model loads once) and call
:meth:`Extractor.claims` per article, :meth:`Extractor.extract_many` for many (one
parsing stream), or :meth:`Extractor.attributions` for the bare who-said-what (used to
score against BRAT attribution data).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from stancegraph.claims.model import ClaimsFile
from stancegraph.extract.actors import ActorIndex
from stancegraph.extract.assemble import AssembledArticle, ClaimContext, assemble_claims
from stancegraph.extract.attribution import Attribution, article_pieces, find_attributions
from stancegraph.extract.issues import IssueIndex
from stancegraph.extract.model import LoadedModel, load_model
from stancegraph.extract.rules import Rules, load_rules
from stancegraph.extract.source import ArticleSource
from stancegraph.vocab.gazetteer import Gazetteer
from stancegraph.vocab.model import Vocabulary, load_vocabulary

__all__ = ["MAX_ISSUES_PER_STATEMENT", "Extractor", "host_side"]

#: A statement naming several propositions gives up to this many claims per speaker.
MAX_ISSUES_PER_STATEMENT = 5

K = TypeVar("K")


def host_side(publisher: str | None, gazetteer: Gazetteer, words: frozenset[str]) -> str | None:
    """The side a text's publisher speaks for, when the publisher is a government or an
    organisation ("U.S. Department of State", "United Nations", "The White House"), not
    a newspaper that happens to carry a country's name."""
    if not publisher:
        return None
    name = re.split(r"[(,;]", publisher, maxsplit=1)[0].strip()
    direct = gazetteer.find(name)
    if direct is not None:
        return direct
    tokens = re.findall(r"[\w.'\u2019-]+", name)
    if not {t.lower() for t in tokens} & words:
        return None
    return gazetteer.find_in(tokens)


class Extractor:
    """Claims from article text, with one model, one rule set and one vocabulary."""

    def __init__(
        self,
        *,
        model: str | None = None,
        rules: Sequence[Path] = (),
        vocab: Sequence[Path] = (),
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.model: LoadedModel = load_model(model)
        self.rules: Rules = load_rules(rules)
        self.vocabulary = vocabulary if vocabulary is not None else load_vocabulary(vocab)
        self.issues = IssueIndex(self.vocabulary)

    def _index(self, when: dt.date | None, publisher: str | None = None) -> ActorIndex:
        index = ActorIndex(
            self.vocabulary,
            when,
            self.rules.person_titles,
            institutions=self.rules.national_institutions,
        )
        index.host = host_side(publisher, index.gazetteer, self.rules.host_words)
        if index.host not in self.vocabulary.sides:
            index.host = None
        return index

    def attributions(
        self,
        text: str,
        *,
        when: dt.date | None = None,
        excluded: tuple[tuple[int, int], ...] = (),
    ) -> list[Attribution]:
        """Every attribution in *text*, by offsets into it."""
        return find_attributions(
            text, self.model.nlp, self.rules, self._index(when), excluded=excluded
        )

    def claims(self, source: ArticleSource, text_file: str) -> ClaimsFile:
        """The claims file of *source*, naming *text_file* (relative to the claims file)."""
        return self.extract(source, text_file).data

    def extract(
        self,
        source: ArticleSource,
        text_file: str,
        parsed: Iterable[tuple[int | None, Any]] | None = None,
    ) -> AssembledArticle:
        """The claims file of *source*, with what each unclassified claim is about (to
        group emergent issues across a corpus: :mod:`stancegraph.pipeline.extract`).
        *parsed*: its :func:`~stancegraph.extract.attribution.article_pieces` with their
        docs, when parsed already (:meth:`extract_many`)."""
        when = source.meta.published
        index = self._index(when, source.meta.publisher)
        found = find_attributions(
            source.text,
            self.model.nlp,
            self.rules,
            index,
            excluded=source.excluded,
            title=source.meta.title,
            dateline=source.meta.dateline,
            parsed=parsed,
        )
        context = ClaimContext(
            rules=self.rules,
            actors=index,
            issues=self.issues,
            model_label=self.model.label,
            max_issues=MAX_ISSUES_PER_STATEMENT,
            article_sides=found[0].named_sides if found else frozenset(),
        )
        return assemble_claims(source.text, text_file, source.meta, found, context)

    def extract_many(
        self, jobs: Iterable[tuple[K, ArticleSource, str]]
    ) -> Iterator[tuple[K, AssembledArticle]]:
        """:meth:`extract` of each ``(key, source, text_file)`` of *jobs*, in order, as
        each is done, with the titles and paragraphs of all of them parsed in one
        ``nlp.pipe`` stream. spaCy then fills its batches across articles, about 1.15x
        faster on news than a stream per article; it parses each text on its own, so
        every article's claims are what :meth:`extract` gives (tested). *jobs* is read
        lazily, a batch ahead of the articles done."""
        waiting: deque[tuple[K, ArticleSource, str]] = deque()

        def pieces() -> Iterator[tuple[str, tuple[int, int | None]]]:
            for n, (key, source, text_file) in enumerate(jobs):
                waiting.append((key, source, text_file))
                meta = source.meta
                for at, text in article_pieces(
                    source.text, self.rules, source.excluded, meta.title
                ):
                    yield text, (n, at)

        def finish(parsed: list[tuple[int | None, Any]]) -> tuple[K, AssembledArticle]:
            key, source, text_file = waiting.popleft()
            return key, self.extract(source, text_file, parsed)

        current = 0
        parsed: list[tuple[int | None, Any]] = []
        for doc, (n, at) in self.model.nlp.pipe(pieces(), as_tuples=True, batch_size=64):
            while current < n:  # every piece of article `current` is parsed
                yield finish(parsed)
                current, parsed = current + 1, []
            parsed.append((at, doc))
        while waiting:  # the last article, and any after it with nothing to parse
            yield finish(parsed)
            parsed = []
