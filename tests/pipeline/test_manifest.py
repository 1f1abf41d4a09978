"""The run manifest: read back as written; anything damaged is no manifest at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stancegraph.pipeline.manifest import MANIFEST_FILE, RunManifest, read_manifest

MANIFEST = RunManifest(
    graphs={"urn:a": "1" * 64, "urn:b": "2" * 64},
    kept={"urn:a": ("k" * 64, 120), "urn:b": ("j" * 64, 7), "urn:gone": ("g" * 64, 3)},
    vocabulary="v",
    loaded_vocabulary="w",
    rdf="r",
    files=("claims/a.claims.yaml",),
)


def test_the_manifest_reads_back_as_written_and_knows_its_kept_graphs(tmp_path: Path) -> None:
    MANIFEST.write(tmp_path)
    assert read_manifest(tmp_path) == MANIFEST
    # a kept graph whose digest the manifest does not hold is not known
    assert MANIFEST.known_graphs() == {"k" * 64: ("1" * 64, 120), "j" * 64: ("2" * 64, 7)}


@pytest.mark.parametrize("kept", [[1, 2], {"urn:a": ["k"]}, {"urn:a": ["k", "ten"]}, {"urn:a": 5}])
def test_a_manifest_with_damaged_kept_graphs_is_none(tmp_path: Path, kept: object) -> None:
    MANIFEST.write(tmp_path)
    document = json.loads((tmp_path / MANIFEST_FILE).read_text(encoding="utf-8"))
    document["kept"] = kept
    (tmp_path / MANIFEST_FILE).write_text(json.dumps(document), encoding="utf-8")
    assert read_manifest(tmp_path) is None


def test_file_digest_reads_a_block_at_a_time_and_says_none_when_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from stancegraph.pipeline.manifest import file_digest

    data = bytes(range(256)) * 40_000  # 10 MB: many blocks
    path = tmp_path / "big.trig"
    path.write_bytes(data)

    def whole(_: Path) -> bytes:
        raise AssertionError("the file was read whole")

    monkeypatch.setattr(Path, "read_bytes", whole)
    assert file_digest(path) == hashlib.sha256(data).hexdigest()
    assert file_digest(tmp_path / "missing") is None
    assert file_digest(tmp_path) is None  # a folder
