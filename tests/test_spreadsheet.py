from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from stancegraph.analysis.export import statements_csv
from stancegraph.spreadsheet import spreadsheet_cell
from tests.analysis.records import rec


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1 (202) 555", "'+1 (202) 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Tariffs hurt us = bad", "Tariffs hurt us = bad"),
        ("", ""),
    ],
)
def test_formula_starts_become_text(text: str, cell: str) -> None:
    assert spreadsheet_cell(text) == cell


def test_statements_csv_neutralises_formulas_in_quotes_and_names() -> None:
    record = replace(rec("rudolf", "ruritania", "tariffs-justified", 1), quote="=cmd|' /C calc'!A0")
    record = replace(record, claimant_name="@evil")
    rows = list(csv.reader(io.StringIO(statements_csv([record]))))
    assert "'=cmd|' /C calc'!A0" in rows[1]
    assert "'@evil" in rows[1]
