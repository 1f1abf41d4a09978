"""The extractor: a loaded model, rules and vocabulary, ready to turn articles into claims.

Build one :class:`Extractor` per process (the model loads once) and call
:meth:`Extractor.claims` per article, or :meth:`Extractor.attributions` for the
bare who-said-what (used to score against BRAT attribution data).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from stancegraph.claims.model import ClaimsFile
from stancegraph.extract.actors import ActorIndex
from stancegraph.extract.assemble import AssembledArticle, ClaimContext, assemble_claims
from stancegraph.extract.attribution import Attribution, find_attributions
from stancegraph.extract.issues import IssueIndex
from stancegraph.extract.model import LoadedModel, load_model
from stancegraph.extract.rules import Rules, load_rules
from stancegraph.extract.source import ArticleSource
from stancegraph.vocab.gazetteer import Gazetteer
from stancegraph.vocab.model import Vocabulary, load_vocabulary

__all__ = ["MAX_ISSUES_PER_STATEMENT", "Extractor", "host_side"]

#: A statement naming several propositions gives up to this many claims per speaker.
MAX_ISSUES_PER_STATEMENT = 5


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

    def extract(self, source: ArticleSource, text_file: str) -> AssembledArticle:
        """The claims file of *source*, with what each unclassified claim is about (to
        group emergent issues across a corpus: :mod:`stancegraph.pipeline.extract`)."""
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
