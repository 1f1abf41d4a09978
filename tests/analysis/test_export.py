"""GraphML, GEXF, DNA statements and matrices: every attribute kept, same bytes each time."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx

from stancegraph.analysis.export import (
    STATEMENT_COLUMNS,
    export_analysis,
    graph_to_gexf,
    graph_to_graphml,
    matrix_csv,
    statements_csv,
)
from stancegraph.analysis.result import analyze_records
from stancegraph.vocab.model import Vocabulary
from tests.analysis.records import rec

R, F = "ruritania", "freedonia"


def records():  # type: ignore[no-untyped-def]
    return [
        rec("rudolf", R, "tariffs-justified", 1, target=F),
        rec("rufus", F, "tariffs-justified", -1),
        rec("rudolf", R, "dialogue-should-continue", 1),
        rec("rufus", F, "dialogue-should-continue", 1),
    ]


def test_graphml_and_gexf_keep_every_attribute(mini_vocab: Vocabulary) -> None:
    analysis = analyze_records(records(), mini_vocab)
    text = graph_to_graphml(analysis.bipartite)
    back = nx.parse_graphml(text)
    edge = back.edges["actor/rudolf", "issue/tariffs-justified"]
    assert edge["sign"] == 1 and edge["weight"] == 1
    claims = json.loads(edge["claims"])
    assert claims[0]["quote"].startswith("quote ") and claims[0]["target"] == F
    assert back.nodes["issue/tariffs-justified"]["topic"] == "foreign-trade"
    gexf = graph_to_gexf(analysis.bipartite)
    assert "lastmodifieddate" not in gexf
    back = nx.read_gexf(io.BytesIO(gexf.encode("utf-8")))
    assert back.nodes["actor/rufus"]["side"] == F
    assert (
        json.loads(back.edges["actor/rufus", "issue/tariffs-justified"]["claims"])[0]["stance"]
        == "oppose"
    )


def test_statements_csv_and_matrix(mini_vocab: Vocabulary) -> None:
    rows = list(csv.DictReader(io.StringIO(statements_csv(records()))))
    assert tuple(rows[0]) == STATEMENT_COLUMNS
    assert [(r["person"], r["organization"], r["agreement"]) for r in rows[:2]] == [
        ("Rudolf", R, "1"),
        ("Rufus", F, "0"),
    ]
    analysis = analyze_records(records(), mini_vocab)
    matrix = list(csv.reader(io.StringIO(matrix_csv(analysis.networks.congruence))))
    assert matrix[0] == ["", "Rudolf", "Rufus"]
    assert matrix[1] == ["Rudolf", "0", "0.5"]  # 1 shared pair / mean of 2 and 2 pairs


def test_export_writes_every_file_deterministically(tmp_path: Path, mini_vocab: Vocabulary) -> None:
    same = records()
    first = export_analysis(analyze_records(same, mini_vocab), tmp_path / "a")
    second = export_analysis(analyze_records(same, mini_vocab), tmp_path / "b")
    assert len(first) == 17
    for a, b in zip(first, second, strict=True):
        assert a.name == b.name and a.read_bytes() == b.read_bytes(), a.name
