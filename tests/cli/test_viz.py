"""``stancegraph viz`` through the CLI: exit codes and one-line errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from stancegraph.cli.app import app
from tests.conftest import MINI_CLAIMS, MINI_VOCAB

runner = CliRunner()


def test_viz_command(tmp_path: Path) -> None:
    rdf = tmp_path / "mini.trig"
    assert (
        runner.invoke(
            app, ["build", str(MINI_CLAIMS), "-o", str(rdf), "--vocab", str(MINI_VOCAB)]
        ).exit_code
        == 0
    )
    out = tmp_path / "actors.html"
    result = runner.invoke(
        app, ["viz", str(rdf), "-o", str(out), "--view", "actors", "--vocab", str(MINI_VOCAB)]
    )
    assert result.exit_code == 0, result.output
    assert "actors view" in result.stderr and out.is_file()
    result = runner.invoke(
        app, ["viz", str(rdf), "-o", str(out), "--max-nodes", "2", "--vocab", str(MINI_VOCAB)]
    )
    assert result.exit_code == 0 and "left out" in result.stderr


def test_viz_command_errors(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["viz", str(tmp_path / "missing.trig"), "-o", str(tmp_path / "x.html")]
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "does not exist" in result.stderr
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["viz", str(MINI_CLAIMS), "--max-nodes", "0"])
    assert result.exit_code == 2
