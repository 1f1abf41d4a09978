"""The notebooks are committed clean and call only the package's public API.

They are executed by the test run itself (``--nbmake`` over ``notebooks/``).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import stancegraph
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_both_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01-explore-the-seed.ipynb",
        "02-your-own-articles.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_stripped(path: Path) -> None:
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_use_only_the_public_api(path: Path) -> None:
    public = set(stancegraph.__all__)
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("stancegraph"), node.module
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "sg"
            ):
                assert node.attr in public, f"sg.{node.attr} is not public"
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                pytest.fail(f"{path.name} defines {node.name}: logic belongs in the package")
