"""Plain aligned tables: columns line up in display cells, cells stay whole."""

from __future__ import annotations

from stancegraph.aligned import aligned_lines, display_width


def test_columns_line_up_and_cells_stay_whole() -> None:
    lines = list(
        aligned_lines(
            ("side", "claims", "quote"),
            [("China", "15", "a long\nquote"), ("United States", "18", "short")],
        )
    )
    assert lines == [
        "side           claims  quote",
        "-------------  ------  ------------",
        "China          15      a long quote",
        "United States  18      short",
    ]


def test_wide_characters_take_two_cells() -> None:
    assert display_width("中国") == 4 and display_width("e\u0301") == 1
    first, _, row = aligned_lines(("name", "n"), [("中国", "1")])
    assert first.index("n", 2) == display_width(row[: row.index("1")]) == 6
