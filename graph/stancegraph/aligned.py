"""Plain aligned text tables: what a long result prints as instead of a rich table.

Rich lays out a table to fit the terminal, wrapping cells: right for a screenful,
but 95% of the time of a 12,000-row query went there. A result longer than a
screen (or printed to a pipe or file) is written as plain columns instead:
every cell whole on one line (line breaks shown as a space), each column as wide
as its widest cell in display cells (wide East Asian characters count two), two
spaces between columns, a rule under the header. It takes one pass to measure
and one to write, a few microseconds a row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

__all__ = ["aligned_lines", "display_width"]

_GAP = "  "


@lru_cache(maxsize=65536)
def display_width(text: str) -> int:
    """How many terminal cells *text* takes: two for a wide or full-width character,
    none for a combining mark, one otherwise."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _flat(cell: str) -> str:
    return " ".join(cell.split()) if ("\n" in cell or "\r" in cell or "\t" in cell) else cell


def aligned_lines(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    """The lines (without line ends) of *header* and *rows* as aligned plain columns."""
    flat = [[_flat(cell) for cell in row] for row in rows]
    widths = [display_width(name) for name in header]
    for row in flat:
        for i, cell in enumerate(row):
            size = display_width(cell)
            if size > widths[i]:
                widths[i] = size

    def line(cells: Sequence[str]) -> str:
        last = len(cells) - 1
        return _GAP.join(
            cell if i == last else cell + " " * (widths[i] - display_width(cell))
            for i, cell in enumerate(cells)
        )

    yield line(list(header))
    yield _GAP.join("-" * w for w in widths)
    for row in flat:
        yield line(row)
