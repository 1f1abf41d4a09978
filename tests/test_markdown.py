from __future__ import annotations

from stancegraph.markdown import markdown_cell


def test_markdown_cell_escapes_html_pipes_and_line_breaks() -> None:
    assert markdown_cell("a <b> & c | d\r\ne") == "a &lt;b&gt; &amp; c \\| d  e"
