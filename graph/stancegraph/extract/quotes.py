"""Direct quotations: where quoted passages start and end in a paragraph.

Curly quotes pair by direction; straight double quotes (and two apostrophes,
''like this'', as in some wire copy) pair by alternation.
Unbalanced marks never stop extraction: an unclosed quote runs to the end of
its paragraph (news style for a quote continued in the next paragraph) and is
flagged, a stray closing mark is ignored. Single quotes are not quotation
marks here (they clash with apostrophes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes"]

_OPEN = "\u201c\u201e\u00ab"
_CLOSE = "\u201d\u00bb"
_STRAIGHT = '"'
_DOUBLED = "''"  # two apostrophes, the typewriter double quote of some wire copy
#: Where a mark may be: the scan jumps from one to the next instead of testing each character.
_MARKS = re.compile(f"[{_OPEN}{_CLOSE}{_STRAIGHT}]|{_DOUBLED}")


@dataclass(frozen=True)
class Quote:
    """A quoted passage from its opening mark at ``start`` to ``end``; ``inner`` is the words."""

    start: int
    end: int
    closed: bool

    lead: int = 0
    trail: int = 0

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words without the marks, surrounding space and a trailing comma or colon."""
        return self.start + 1 + self.lead, (self.end - 1 if self.closed else self.end) - self.trail


def _quote(
    text: str, start: int, end: int, *, closed: bool, opening: int = 1, closing: int = 1
) -> Quote:
    inner_end = end - closing if closed else end
    body = text[start + opening : inner_end]
    lead = len(body) - len(body.lstrip())
    trail = len(body) - len(body.rstrip(" \t\n,;:"))
    if lead + trail >= len(body):
        lead = trail = 0
    return Quote(start, end, closed, lead=lead + opening - 1, trail=trail + closing - 1)


def _mark(text: str, index: int) -> tuple[str, int]:
    """The kind of quotation mark at *index* ('open', 'close', 'straight' or '') and its length."""
    char = text[index]
    if char in _OPEN:
        return "open", 1
    if char in _CLOSE:
        return "close", 1
    if char == _STRAIGHT:
        return "straight", 1
    if text.startswith(_DOUBLED, index):
        return "straight", 2
    return "", 0


def find_quotes(text: str) -> list[Quote]:
    """The quotations in *text* (one paragraph), in order, possibly unclosed at the end."""
    quotes: list[Quote] = []
    open_at: int | None = None
    opening = 1
    for found in _MARKS.finditer(text):
        index = found.start()
        kind, length = _mark(text, index)
        if kind in ("open", "straight") and open_at is None:
            open_at, opening = index, length
        elif kind in ("close", "straight") and open_at is not None:
            quotes.append(
                _quote(text, open_at, index + length, closed=True, opening=opening, closing=length)
            )
            open_at = None
    if open_at is not None:
        end = len(text.rstrip())
        if end > open_at + opening:
            quotes.append(_quote(text, open_at, end, closed=False, opening=opening))
    return quotes
