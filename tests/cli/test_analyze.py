"""``stancegraph analyze`` through CliRunner: formats, exports, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancegraph.cli.app import app
from stancegraph.pipeline.build import build_claims
from stancegraph.pipeline.load import load_files
from stancegraph.store.embedded import EmbeddedStore
from tests.analysis.claims_files import write_multiside
from tests.conftest import MINI_CLAIMS, MINI_VOCAB, SEED_CLAIMS

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, stderr: str, expected: str, exit_code: int = 1) -> None:
    assert code == exit_code, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert expected in lines[0]


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cli-seed")
    trig = root / "seed.trig"
    build_claims([SEED_CLAIMS], trig)
    load_files([trig], store=root / "store")
    return trig, root / "store"


def test_analyze_store_as_table_markdown_and_json(seed_files: tuple[Path, Path]) -> None:
    _, store = seed_files
    code, out, err = invoke("analyze", str(store))
    assert code == 0, err
    assert "talking-past index 0.80" in out and "divergent" in out
    code, out, _ = invoke("analyze", str(store), "--format", "markdown", "--window", "month")
    assert code == 0 and out.startswith("## Divergence: United States and China")
    assert "| 2024-04 |" in out
    code, out, _ = invoke(
        "analyze", str(store), "--format", "json", "--sides", "china", "united-states"
    )
    data = json.loads(out)
    assert code == 0 and data["sides"]["a"]["id"] == "china"
    assert data["indexes"]["corpus"]["talking_past"] == 0.8


def test_analyze_csv_is_the_issue_map_one_row_per_issue(seed_files: tuple[Path, Path]) -> None:
    import csv
    import io

    trig, store = seed_files
    code, out, err = invoke("analyze", str(store), "-f", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    _, as_json, _ = invoke("analyze", str(store), "-f", "json")
    issues = json.loads(as_json)["issues"]
    assert [r["issue"] for r in rows] == [i["issue"] for i in issues]  # the table's order
    verdicts = [r["verdict"] for r in rows]
    assert verdicts.index("divergent") < verdicts.index("one-sided")
    assert list(rows[0]) == [
        "issue", "label", "topic", "verdict", "United States", "China", "distance", "claims",
    ]  # fmt: skip
    assert {r["verdict"] for r in rows} >= {"divergent"}
    for row, issue in zip(rows, issues, strict=True):
        assert row["verdict"] == issue["verdict"]
        assert int(row["claims"]) >= 1
        assert row["distance"] == ("" if issue["distance"] is None else f"{issue['distance']:.4f}")
    assert invoke("analyze", str(trig), "-f", "csv")[1] == out


def test_analyze_csv_quotes_formula_like_labels_as_text() -> None:
    from stancegraph.pipeline.analyze import _csv_cell

    assert _csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert _csv_cell(None) == "" and _csv_cell(0.5) == "0.5000" and _csv_cell(3) == "3"


def test_analyze_file_exports_and_is_deterministic(
    seed_files: tuple[Path, Path], tmp_path: Path
) -> None:
    trig, _ = seed_files
    code, first, err = invoke("analyze", str(trig), "-f", "json", "--export", str(tmp_path / "x"))
    assert code == 0, err
    assert "wrote 17 file(s)" in err
    assert (tmp_path / "x" / "actor-issue.gexf").exists()
    _, second, _ = invoke("analyze", str(trig), "-f", "json")
    assert first == second


def test_mini_fixture_works_the_same_way(tmp_path: Path) -> None:
    trig = tmp_path / "mini.trig"
    build_claims([MINI_CLAIMS], trig, vocab=[MINI_VOCAB])
    code, out, err = invoke("analyze", str(trig), "--vocab", str(MINI_VOCAB), "-f", "markdown")
    assert code == 0, err
    assert "Ruritania and Freedonia" in out
    assert "| Tariffs are justified | Foreign trade | divergent |" in out


def test_empty_store(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "store").close()
    code, _, err = invoke("analyze", str(tmp_path / "store"))
    assert_one_line_error(code, err, "there are no claims to analyse")


def test_one_side_only(tmp_path: Path) -> None:
    text = MINI_CLAIMS.read_text(encoding="utf-8")
    one_side = text.split("- id: c2")[0]
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "article.txt").write_bytes((MINI_CLAIMS.parent / "article.txt").read_bytes())
    (folder / "article.claims.yaml").write_text(one_side, encoding="utf-8")
    trig = tmp_path / "one.trig"
    build_claims([folder / "article.claims.yaml"], trig, vocab=[MINI_VOCAB])
    code, out, err = invoke("analyze", str(trig), "--vocab", str(MINI_VOCAB))
    assert code == 0, err
    assert "only one side (Ruritania) has claims: the map is one-sided" in out
    assert "Ruritania only: a one-sided map of 1 issue(s)" in out
    code, out, _ = invoke("analyze", str(trig), "--vocab", str(MINI_VOCAB), "-f", "markdown")
    assert out.startswith("## Divergence: Ruritania only (one-sided)")


@pytest.fixture(scope="module")
def multiside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-multiside")
    trig = root / "multi.trig"
    build_claims([write_multiside(root / "articles")], trig, vocab=[MINI_VOCAB])
    return trig


def test_a_window_gives_every_pairs_indexes_per_window(multiside: Path) -> None:
    vocab = ("--vocab", str(MINI_VOCAB))
    code, out, err = invoke("analyze", str(multiside), *vocab, "--window", "month")
    assert code == 0, err
    assert "Every pair, per month in which it shares an issue" in out
    lines = [line for line in out.splitlines() if "Ruritania and Freedonia" in line]
    assert any("1.00" in line for line in lines), out
    code, out, _ = invoke("analyze", str(multiside), *vocab, "--window", "month", "-f", "json")
    per_pair = json.loads(out)["indexes"]["per_pair_window"]
    assert [(p["a"], p["b"]) for p in per_pair] == [
        ("china", "ruritania"),
        ("china", "freedonia"),
        ("ruritania", "freedonia"),
    ]
    assert all(len(p["windows"]) == 1 for p in per_pair)


def test_more_than_two_sides_give_a_table_of_pairs(multiside: Path) -> None:
    vocab = ("--vocab", str(MINI_VOCAB))
    code, out, err = invoke("analyze", str(multiside), *vocab)
    assert code == 0, err
    assert out.startswith(
        "compared China and Ruritania: the two sides with the most claims on issues both raise"
    )
    assert "Every pair of sides that shares an issue" in out
    assert "unknown side: 29% of claims (2 of 7); most frequent unresolved speakers: A " in out
    code, out, _ = invoke("analyze", str(multiside), *vocab, "-f", "markdown")
    assert "| China and Ruritania | 4 | 2 | 2 | 1 | 1 | 0 | 0.00 | 0.50 |" in out
    assert "| China and Freedonia | 2 | 2 | 1 | 1 | 0 | 0 | 0.50 | 0.00 |" in out
    code, out, _ = invoke("analyze", str(multiside), *vocab, "-f", "json")
    data = json.loads(out)
    assert [(p["a"]["id"], p["b"]["id"], p["divergence"]) for p in data["pairs"]] == [
        ("china", "ruritania", 0.5),
        ("china", "freedonia", 0.0),
        ("ruritania", "freedonia", 1.0),
    ]
    assert data["coverage"]["unresolved_speakers"] == [{"name": "A Spokesman", "claims": 2}]
    assert data["sides"]["reason"].startswith("the two sides with the most claims")
    code, out, _ = invoke(
        "analyze", str(multiside), *vocab, "-f", "json", "--sides", "freedonia", "Ruritania"
    )
    assert json.loads(out)["sides"]["reason"] == "chosen with --sides"


def test_unknown_side_suggests_close_ones(seed_files: tuple[Path, Path]) -> None:
    _, store = seed_files
    code, _, err = invoke("analyze", str(store), "--sides", "chna", "united-states")
    assert_one_line_error(code, err, "unknown side 'chna' (did you mean 'china'")
    code, _, err = invoke("analyze", str(store), "--sides", "russia", "china")
    assert_one_line_error(code, err, "side 'russia' has no claims here")
    code, _, err = invoke("analyze", str(store), "--sides", "China", "United Stats")
    assert_one_line_error(code, err, "unknown side 'United Stats' (did you mean 'united-states'")


def test_data_that_fails_the_shapes(seed_files: tuple[Path, Path], tmp_path: Path) -> None:
    trig, _ = seed_files
    bad = tmp_path / "bad.trig"
    bad.write_text(trig.read_text(encoding="utf-8").replace("sg:side ", "sg:formerSide ", 1))
    code, _, err = invoke("analyze", str(bad))
    assert_one_line_error(code, err, "has no side", exit_code=3)


def test_bad_options_and_missing_source(tmp_path: Path) -> None:
    code, _, err = invoke("analyze", str(tmp_path / "nope.trig"))
    assert_one_line_error(code, err, "does not exist")
    code, _, err = invoke("analyze", str(tmp_path / "nope"), "--min-confidence", "2")
    assert_one_line_error(code, err, "--min-confidence must be between 0 and 1")
    code, _, err = invoke("analyze", "--top-k", "-1")
    assert_one_line_error(code, err, "--top-k must be 0 (keep every tie) or more")
