"""The lines of N-Triples and N-Quads text, split where the formats end a line."""

from __future__ import annotations

__all__ = ["rdf_lines", "sorted_lines"]


def rdf_lines(text: str) -> list[str]:
    """The non-blank lines of the line format *text* (N-Triples, N-Quads): split at
    line feeds only. ``str.splitlines`` also splits at U+2028, U+0085 and other
    characters that a literal holds unescaped, and would cut a triple in two."""
    return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def sorted_lines(text: str) -> str:
    """The distinct non-blank lines of the line format *text* (N-Triples, N-Quads), sorted."""
    lines = sorted(set(rdf_lines(text)))
    return "\n".join(lines) + ("\n" if lines else "")
