"""Untrusted text as one CSV cell that a spreadsheet will show, not run.

Quotes and names from articles go into the exported CSV files that analysts open
in Excel, LibreOffice or Google Sheets. A cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is read there as a formula (CSV
injection); a leading apostrophe makes it text, as OWASP recommends.
"""

from __future__ import annotations

__all__ = ["spreadsheet_cell"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """*text*, with an apostrophe in front when a spreadsheet would take it for a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
