"""The lines of N-Triples and N-Quads text, split where the formats end a line."""

from __future__ import annotations

__all__ = ["in_graph", "rdf_lines", "sorted_lines"]


def rdf_lines(text: str) -> list[str]:
    """The non-blank lines of the line format *text* (N-Triples, N-Quads): split at
    line feeds only. ``str.splitlines`` also splits at U+2028, U+0085 and other
    characters that a literal holds unescaped, and would cut a triple in two."""
    return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def sorted_lines(text: str) -> str:
    """The distinct non-blank lines of the line format *text* (N-Triples, N-Quads), sorted."""
    lines = sorted(set(rdf_lines(text)))
    return "\n".join(lines) + ("\n" if lines else "")


def in_graph(ntriples: str, graph: str) -> str:
    """The triples of the N-Triples *ntriples* as N-Quads in the graph named *graph* (an
    IRI), line for line; a :class:`ValueError` holding the first line that is no triple.

    Text as the builder keeps it (every line ends ``" ."``; a literal holds no raw line
    feed) is named in one pass, at the speed of ``str.replace``; other text line by line.
    """
    name = f" <{graph}> .\n"
    if ntriples.endswith("\n") and ntriples.count("\n") == ntriples.count(" .\n"):
        return ntriples.replace(" .\n", name)
    quads = []
    for line in rdf_lines(ntriples):
        if not line.endswith(" ."):
            raise ValueError(line)
        quads.append(f"{line[:-2]}{name}")
    return "".join(quads)
