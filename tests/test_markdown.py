from __future__ import annotations

from stancegraph.markdown import markdown_cell


def test_markdown_cell_escapes_html_pipes_and_line_breaks() -> None:
    assert markdown_cell("a <b> & c | d\r\ne") == "a &lt;b&gt; &amp; c \\| d  e"


def test_markdown_cell_leaves_no_link_or_image_to_render() -> None:
    hostile = "[click](javascript:alert(8)) ![t](http://127.0.0.1:9/t.png) [ref][1] a\\b"
    cell = markdown_cell(hostile)
    assert "](" not in cell.replace("\\](", "")
    assert cell == (
        "\\[click\\](javascript:alert(8)) !\\[t\\](http://127.0.0.1:9/t.png) "
        "\\[ref\\]\\[1\\] a\\\\b"
    )
