"""Untrusted text as one Markdown table cell or list item.

Article text, titles and query results reach ``report.md`` and ``--format
markdown`` output; escaped here, they can neither break a table row nor inject
HTML when the Markdown is rendered.
"""

from __future__ import annotations

__all__ = ["markdown_cell"]


def markdown_cell(text: str) -> str:
    """*text* on one line, with ``&``, ``<``, ``>`` as HTML entities and ``|`` escaped."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
    )
