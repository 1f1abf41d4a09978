"""Page clutter and paragraphs: which stretches of an article are body text.

Clutter (share-button rows, photo captions, "Story Continues", section tags,
headings, front matter) is never removed from the text: it is reported as
spans to skip, so every offset still refers to the original file. The body is
returned as paragraphs (character ranges), long ones cut into chunks at
sentence ends so no spaCy document exceeds its length limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from stancegraph.extract.rules import Rules

__all__ = ["MAX_CHUNK", "body_paragraphs", "clutter_spans", "dateline_place"]

#: The longest stretch of text handed to spaCy at once (characters).
MAX_CHUNK = 20_000

_TERMINAL = frozenset(".?!:;\"\u201d\u2019'\u2026)]")
_OPENING_QUOTES = ("\u201c", '"')
#: A dateline opening a paragraph ("BEIJING (AP) \u2014 "): not part of any sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'\u2019-]{1,40}(?:\([^)]{1,40}\))?\s*[\u2014\u2013-]+\s+")
_SENTENCE_END = re.compile(r"[.?!\u2026][\"\u201d\u2019')\]]*\s+")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)


def _is_clutter(line: str, following: str, rules: Rules, *, first: bool) -> bool:
    stripped = line.strip()
    if any(p.search(stripped) for p in rules.clutter_res):
        return True
    words = stripped.split()
    if stripped[-1] in _TERMINAL or any(mark in stripped for mark in _OPENING_QUOTES):
        return False
    if first or len(words) <= rules.heading_max_words:
        return True
    # A caption title repeated as the start of the caption below it.
    return bool(following) and following.strip().startswith(stripped)


def clutter_spans(
    text: str, rules: Rules, excluded: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The clutter lines of *text* (plus *excluded*), as sorted (start, end) spans.

    A line is clutter when a pattern of *rules* matches it, when it does not end
    a sentence and is short (a heading, a tag row) or is the first line (the
    title), or when the next line starts with it (a caption's title).
    """
    spans = list(excluded)
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    for index, (start, end) in enumerate(lines):
        if any(s <= start < e for s, e in excluded):
            continue
        following = (
            text[lines[index + 1][0] : lines[index + 1][1]] if index + 1 < len(lines) else ""
        )
        if _is_clutter(text[start:end], following, rules, first=index == 0):
            spans.append((start, end))
    return sorted(spans)


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_CHUNK:
        window = text[start : start + MAX_CHUNK]
        cut = 0
        for match in _SENTENCE_END.finditer(window):
            cut = match.end()
        if cut < MAX_CHUNK // 4:
            space = window.rfind(" ")
            cut = space + 1 if space > MAX_CHUNK // 4 else MAX_CHUNK
        yield start, start + cut
        start += cut
    yield start, end


def body_paragraphs(text: str, clutter: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs of body text: runs of non-clutter lines, split at blank lines.

    A line that does not end a sentence is joined to the next (hard-wrapped
    text); a dateline opening a paragraph is left out; each paragraph is
    trimmed of surrounding whitespace and cut into chunks of at most
    :data:`MAX_CHUNK` characters.
    """
    skip = sorted(clutter)
    paragraphs: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    index = 0
    for start, end in _lines(text):
        while index < len(skip) and skip[index][1] <= start:
            index += 1
        line = text[start:end]
        is_clutter = index < len(skip) and skip[index][0] <= start < skip[index][1]
        if not line.strip() or is_clutter:
            if current is not None:
                paragraphs.append(current)
                current = None
            continue
        lead = len(line) - len(line.lstrip())
        if current is None:
            dateline = _DATELINE.match(line[lead:])
            lead += dateline.end() if dateline else 0
        trail = len(line.rstrip())
        current = (current[0] if current else start + lead, start + trail)
        if line.rstrip()[-1] in _TERMINAL:
            paragraphs.append(current)
            current = None
    if current is not None:
        paragraphs.append(current)
    return [chunk for s, e in paragraphs for chunk in _chunks(text, s, e)]


def dateline_place(text: str, paragraphs: Sequence[tuple[int, int]]) -> str | None:
    """The place of the dateline that opens the first body paragraph ("BEIJING" of
    "BEIJING (AP) \u2014 ...", "WASHINGTON" of "WASHINGTON \u2013 ..."), if any."""
    if not paragraphs:
        return None
    start = paragraphs[0][0]
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start]
    match = _DATELINE.match(lead.lstrip())
    if match is None:
        return None
    place = re.split(r"[(\u2014\u2013]|\s-", match.group(0), maxsplit=1)[0]
    return place.strip(" ,-") or None
