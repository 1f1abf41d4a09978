"""What extraction hands on is what its claims files hold, so ``run`` need not parse them."""

from __future__ import annotations

import shutil
from pathlib import Path

from stancegraph.claims.io import load_claims
from stancegraph.pipeline.build import load_checked_claims
from stancegraph.pipeline.extract import extract_files
from stancegraph.vocab.model import vocabulary_for_claims
from tests.conftest import SEEDS, needs_model


@needs_model
def test_the_data_of_each_result_is_its_claims_file_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "short.txt").write_text(
        'Minister Lima said on Monday: "The border talks with Chile will resume in March." '
        "The Chilean foreign minister rejected the plan and said the talks had failed.\n",
        encoding="utf-8",
    )
    results = extract_files(sorted(folder.glob("*.txt")), tmp_path / "out")
    assert results and all(r.data is not None for r in results)
    assert sum(len(r.data.claims) for r in results if r.data is not None) > 5
    for result in results:
        assert result.data == load_claims(result.claims_file).data
    files = [r.claims_file for r in results]
    vocabulary = vocabulary_for_claims(files)
    parsed = {r.claims_file: r.data for r in results if r.data is not None}
    assert load_checked_claims(files, vocabulary, parsed=parsed) == load_checked_claims(
        files, vocabulary
    )
