"""``stancegraph --help`` imports nothing heavy; every command's ``--help`` works.

The import checks run in a fresh interpreter (this test process has imported
everything already). They assert which modules are loaded, not how long it took:
timings are for ``benchmarks/bench_startup.py``.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stancegraph import defaults
from stancegraph.cli.app import COMMANDS as COMMAND_TABLE
from stancegraph.cli.app import app
from stancegraph.defaults import (
    DEFAULT_MAX_NODES,
    DEFAULT_STORE,
    DEFAULT_TIMEOUT,
    DEFAULT_TOP_K,
    MAX_ROWS,
)

#: What ``--help`` must not import: the RDF, graph, validation, template, numeric,
#: NLP, model and YAML libraries the commands use once they run.
HEAVY = (
    "rdflib",
    "networkx",
    "pyshacl",
    "pyoxigraph",
    "jinja2",
    "numpy",
    "spacy",
    "pydantic",
    "yaml",
)
COMMANDS = list(COMMAND_TABLE)

_HELP_EVERYWHERE = """
import contextlib, io, json, sys
import stancegraph.cli.app as cli
imported = sorted(sys.modules)
names = list(cli.COMMANDS)
codes = []
for args in [["--help"], *([name, "--help"] for name in names)]:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            code = cli.app(args, prog_name="stancegraph", standalone_mode=False)
        except SystemExit as exc:
            code = exc.code
    codes.append([args, code, "Usage:" in out.getvalue()])
    if args == ["--help"]:
        top_help = sorted(sys.modules)
print(json.dumps({"codes": codes, "imported": imported, "top_help": top_help,
                  "modules": sorted(sys.modules)}))
"""


def _child(code: str) -> dict[str, Any]:
    """Run *code* in a fresh interpreter; the JSON object it printed last."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _heavy(modules: list[str], allowed: tuple[str, ...] = ()) -> list[str]:
    return sorted(m for m in modules if m.partition(".")[0] in set(HEAVY) - set(allowed))


def test_help_imports_nothing_heavy() -> None:
    child = _child(_HELP_EVERYWHERE)
    for args, code, usage in child["codes"]:
        assert code in (0, None) and usage, (args, code)
    assert len(child["codes"]) == len(COMMANDS) + 1
    assert _heavy(child["imported"]) == []
    assert _heavy(child["top_help"]) == []
    assert _heavy(child["modules"]) == []
    loaded: list[str] = child["modules"]
    # the commands' work is imported only when a command runs
    assert not any(m.startswith(("stancegraph.pipeline", "stancegraph.analysis")) for m in loaded)


def test_commands_are_built_only_when_used() -> None:
    child = _child(
        "import json, sys\n"
        "from typer.main import get_command\n"
        "import stancegraph.cli.app as cli\n"
        "group = get_command(cli.app)\n"
        "before = sorted(m for m in sys.modules if m.startswith('stancegraph.cli.'))\n"
        "group.get_command(None, 'query')\n"
        "after = sorted(m for m in sys.modules if m.startswith('stancegraph.cli.'))\n"
        "print(json.dumps({'before': before, 'after': after, 'names': group.list_commands(None)}))"
    )
    assert child["before"] == ["stancegraph.cli.app", "stancegraph.cli.common"]
    assert child["after"] == [*child["before"], "stancegraph.cli.query"]
    assert child["names"] == COMMANDS and len(COMMANDS) == 10


_QUERY_CSV = """
import contextlib, io, json, sys
import stancegraph.cli.app as cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        cli.app(["query", "claim-counts", "--store", sys.argv[1], "-f", sys.argv[2]],
                prog_name="stancegraph")
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_streamed_query_imports_no_rdflib_and_no_rich(seed_store: Path, fmt: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _QUERY_CSV, str(seed_store), fmt],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    child = json.loads(done.stdout.strip().splitlines()[-1])
    assert child["code"] == 0, done.stderr
    assert child["out"].splitlines()[0].lstrip("?").startswith("side")
    assert done.stderr.strip() == f"{len(child['out'].splitlines()) - 1} row(s)"
    heavy = ("rdflib", "rich", "pydantic", *HEAVY)
    assert sorted({m.partition(".")[0] for m in child["modules"]} & set(heavy)) == ["pyoxigraph"]


def test_import_stancegraph_is_light() -> None:
    child = _child(
        "import json, sys, stancegraph\nprint(json.dumps({'modules': sorted(sys.modules)}))"
    )
    loaded: list[str] = child["modules"]
    assert _heavy(loaded) == []
    assert [m for m in loaded if m.startswith("stancegraph")] == ["stancegraph"]


def test_python_m_stancegraph_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stancegraph", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert all(name in done.stdout for name in COMMANDS)


def _flat(text: str) -> str:
    """Help text with rich's box drawing and line wrapping taken out."""
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: stancegraph {command}" in _flat(result.stdout)


@pytest.mark.parametrize(
    ("command", "default"),
    [
        ("analyze", DEFAULT_TOP_K),
        ("viz", DEFAULT_MAX_NODES),
        ("query", MAX_ROWS),
        ("query", DEFAULT_TIMEOUT),
        ("serve", DEFAULT_STORE),
    ],
)
def test_help_shows_the_defaults(command: str, default: object) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"[default: {default}]" in _flat(result.stdout)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("stancegraph.analysis.networks", "DEFAULT_TOP_K"),
        ("stancegraph.analysis.report", "PAIRS_SHOWN"),
        ("stancegraph.viz.views", "DEFAULT_MAX_NODES"),
        ("stancegraph.pipeline.query", "MAX_ROWS"),
        ("stancegraph.store.open", "DEFAULT_STORE"),
        ("stancegraph.queries.results", "RESULT_FORMATS"),
        ("stancegraph.store.deadline", "DEFAULT_TIMEOUT"),
    ],
)
def test_defaults_keep_their_old_homes(module: str, name: str) -> None:
    home = importlib.import_module(module)
    assert getattr(home, name) is getattr(defaults, name)
    assert name in home.__all__
