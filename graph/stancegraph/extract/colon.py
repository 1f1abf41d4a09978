"""'Speaker: statement' lines, the headline and summary form of attribution.

"Graham: Trump's rhetoric is destroying the party's chances" attributes what
follows the colon to the name before it. Only a short verbless phrase opening
a sentence and naming someone (a proper noun or a person, organisation or
place entity, or one of the rules' source nouns such as "Poll") counts as a
speaker; the rules' label words ("Note:", "Update:") and times such as "4:49"
give nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stancegraph.extract.rules import Rules

__all__ = ["MAX_SPEAKER_TOKENS", "colon_attributions"]

#: The phrase before the colon has at most this many tokens.
MAX_SPEAKER_TOKENS = 6
_MIN_CONTENT_WORDS = 3
_NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _names_someone(tokens: Any, rules: Rules) -> bool:
    for token in tokens:
        if token.pos_ in ("VERB", "AUX", "NUM") or any(c.isdigit() for c in token.text):
            return False
        if token.text.lower() in rules.colon_label_words:
            return False
    return any(
        t.ent_type_ in _NAMED
        or (t.pos_ == "PROPN" and (not t.text.isupper() or len(t.text) <= 4))
        or t.text.lower() in rules.colon_speaker_words
        for t in tokens
    )


def colon_attributions(doc: Any, rules: Rules) -> Iterable[tuple[int, int, int]]:
    """(speaker token, colon token, last content token) of each 'Speaker: statement' in *doc*."""
    for sent in doc.sents:
        colon = next(
            (t for t in sent[: MAX_SPEAKER_TOKENS + 1] if t.text == ":" and t.i > sent.start),
            None,
        )
        if colon is None or not _names_someone(doc[sent.start : colon.i], rules):
            continue
        end = sent.end
        if end <= colon.i + 1 and end < len(doc):
            end = doc[end].sent.end
        words = [t for t in doc[colon.i + 1 : end] if t.pos_ not in ("PUNCT", "SPACE")]
        if len(words) < _MIN_CONTENT_WORDS:
            continue
        yield doc[sent.start : colon.i].root.i, colon.i, end - 1
