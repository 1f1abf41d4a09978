"""Untrusted text as one Markdown table cell or list item.

Article text, titles and query results reach ``report.md`` and ``--format
markdown`` output; escaped here, they can neither break a table row nor inject
HTML when the Markdown is rendered.
"""

from __future__ import annotations

__all__ = ["markdown_cell"]


def markdown_cell(text: str) -> str:
    """*text* on one line, with ``&``, ``<``, ``>`` as HTML entities and ``\\``, ``|``,
    ``[`` and ``]`` escaped: no link or image (``[click](javascript:...)``,
    ``![t](http://...)``) survives to be rendered."""
    return (
        text.replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("\r", " ")
        .replace("\n", " ")
    )
