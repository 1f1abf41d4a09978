"""A wheel install must carry the ontology files, not only an editable checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_ships_ontology_and_queries(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("stancegraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("stancegraph.ttl", "shapes.ttl", "issues.ttl", "stances.ttl", "actors.ttl"):
        assert f"stancegraph/ontology/{required}" in names
    assert "stancegraph/py.typed" in names
    assert "stancegraph/cli/app.py" in names
