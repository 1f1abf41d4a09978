"""Direct quotations: where quoted passages start and end in a paragraph.

Curly quotes pair by direction; straight double quotes pair by alternation.
Unbalanced marks never stop extraction: an unclosed quote runs to the end of
its paragraph (news style for a quote continued in the next paragraph) and is
flagged, a stray closing mark is ignored. Single quotes are not quotation
marks here (they clash with apostrophes).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quote", "find_quotes"]

_OPEN = "\u201c\u201e\u00ab"
_CLOSE = "\u201d\u00bb"
_STRAIGHT = '"'


@dataclass(frozen=True)
class Quote:
    """A quoted passage: marks at ``start`` and ``end - 1``; ``inner`` excludes them."""

    start: int
    end: int
    closed: bool

    lead: int = 0
    trail: int = 0

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words without the marks, surrounding space and a trailing comma or colon."""
        return self.start + 1 + self.lead, (self.end - 1 if self.closed else self.end) - self.trail


def _quote(text: str, start: int, end: int, *, closed: bool) -> Quote:
    inner_end = end - 1 if closed else end
    body = text[start + 1 : inner_end]
    lead = len(body) - len(body.lstrip())
    trail = len(body) - len(body.rstrip(" \t\n,;:"))
    if lead + trail >= len(body):
        lead = trail = 0
    return Quote(start, end, closed, lead=lead, trail=trail)


def find_quotes(text: str) -> list[Quote]:
    """The quotations in *text* (one paragraph), in order, possibly unclosed at the end."""
    quotes: list[Quote] = []
    open_at: int | None = None
    for index, char in enumerate(text):
        if char in _OPEN or (char == _STRAIGHT and open_at is None):
            if open_at is None:
                open_at = index
        elif (char in _CLOSE or char == _STRAIGHT) and open_at is not None:
            quotes.append(_quote(text, open_at, index + 1, closed=True))
            open_at = None
    if open_at is not None:
        end = len(text.rstrip())
        if end > open_at + 1:
            quotes.append(_quote(text, open_at, end, closed=False))
    return quotes
