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


def test_query_csv_keeps_formula_text_as_text_but_numbers_as_numbers() -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from stancegraph.queries.results import format_result
    from stancegraph.store.base import SelectResult

    result = SelectResult(
        variables=("quote", "n", "iri"),
        rows=(
            (
                Literal("@SUM(1+9)*cmd|' /C calc'!A0"),
                Literal("-3", datatype=XSD.integer),
                URIRef("https://example.org/=x"),
            ),
            (Literal('=HYPERLINK("http://x")'), Literal("2", datatype=XSD.decimal), None),
        ),
    )
    lines = format_result(result, "csv").splitlines()
    assert lines[1].startswith("'@SUM(1+9)") and ",-3," in lines[1]
    assert lines[2].startswith("\"'=HYPERLINK(") and lines[2].endswith(",2,")
