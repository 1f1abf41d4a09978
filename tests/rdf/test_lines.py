"""Lines of N-Triples and N-Quads, and triples named as quads of one graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from stancegraph.rdf.lines import in_graph, rdf_lines, sorted_lines

G = "https://example.org/graph/1"
TRIPLES = (
    '<https://example.org/s> <https://example.org/p> "a . b\u2028c\\n d ." .\n'
    "<https://example.org/s> <https://example.org/q> _:b0 .\n"
)


def _by_line(ntriples: str, graph: str) -> str:  # the definition: each line, named
    return "".join(f"{line[:-2]} <{graph}> .\n" for line in rdf_lines(ntriples))


@pytest.mark.parametrize(
    "text",
    [
        TRIPLES,  # as kept: named in one pass
        TRIPLES.replace("\n", "\r\n"),  # other line ends, blank lines, no final line feed
        TRIPLES + "\n\n",
        TRIPLES.rstrip("\n"),
        "",
    ],
)
def test_triples_become_the_quads_of_the_graph_line_for_line(text: str) -> None:
    quads = in_graph(text, G)
    assert quads == _by_line(text, G)
    parsed = list(ox.parse(quads.encode(), format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == len(rdf_lines(text))
    assert all(q.graph_name == ox.NamedNode(G) for q in parsed)
    assert sorted_lines(quads) == sorted_lines(_by_line(TRIPLES, G)) or not text


def test_a_line_that_is_no_triple_is_named() -> None:
    with pytest.raises(ValueError, match="<https://example.org/p>$"):
        in_graph(TRIPLES + "<https://example.org/s> <https://example.org/p>\n", G)
