"""The kept state of the emergent grouping: read back as written, for its fingerprint only,
and restricted to the claims of the articles whose extraction is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stancegraph.extract.emergent.grouping import EmergentIssue
from stancegraph.pipeline.emergent_state import (
    STATE_FILE,
    ArticleState,
    GroupState,
    SchemeState,
    read_state,
    unchanged_files,
)

STATE = GroupState(
    "f" * 64,
    (
        EmergentIssue("emergent-dam", "dam filling", "public-lands", ("egypt/c1", "sudan/c2")),
        EmergentIssue("emergent-aid", "aid", None, ("egypt/c3",)),
    ),
    {"egypt": ArticleState("k1", "d1"), "sudan": ArticleState("k2", "d2")},
    {"out/claims/nile": SchemeState("made-from", "file")},
)


def test_the_state_reads_back_as_written(tmp_path: Path) -> None:
    STATE.write(tmp_path)
    assert read_state(tmp_path, "f" * 64) == STATE
    # a state written before the schemes were recorded reads back without them
    entry = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
    del entry["schemes"]
    (tmp_path / STATE_FILE).write_text(json.dumps(entry), encoding="utf-8")
    older = GroupState(STATE.fingerprint, STATE.issues, STATE.articles)
    assert read_state(tmp_path, "f" * 64) == older


def test_another_fingerprint_or_a_damaged_file_is_no_state(tmp_path: Path) -> None:
    assert read_state(tmp_path, "f" * 64) is None  # none yet
    STATE.write(tmp_path)
    assert read_state(tmp_path, "0" * 64) is None
    for damage in ("{not json", "[]", '{"format": 1}', '{"format": 2, "fingerprint": "x"}'):
        (tmp_path / STATE_FILE).write_text(damage, encoding="utf-8")
        assert read_state(tmp_path, "f" * 64) is None


@pytest.mark.parametrize(
    ("unchanged", "members"),
    [
        (
            {"egypt": "k1", "sudan": "k2"},
            {"emergent-dam": ("egypt/c1", "sudan/c2"), "emergent-aid": ("egypt/c3",)},
        ),
        (
            {"egypt": "k1", "sudan": "changed"},
            {"emergent-dam": ("egypt/c1",), "emergent-aid": ("egypt/c3",)},
        ),
        ({"sudan": "k2", "new": "k9"}, {"emergent-dam": ("sudan/c2",)}),
        ({}, {}),
    ],
)
def test_only_the_claims_of_unchanged_extractions_are_kept(
    unchanged: dict[str, str], members: dict[str, tuple[str, ...]]
) -> None:
    kept = STATE.kept(unchanged)
    assert {i.id: i.members for i in kept} == members
    assert all(
        i.label == {"emergent-dam": "dam filling", "emergent-aid": "aid"}[i.id] for i in kept
    )


def test_a_claims_file_is_unchanged_only_with_its_extraction_and_its_bytes() -> None:
    files = [("egypt", "k1", "d1"), ("sudan", "k2", "edited"), ("new", "k3", "d3")]
    assert unchanged_files(STATE, files) == {"egypt"}
    assert unchanged_files(STATE, [("egypt", "other", "d1"), ("sudan", "k2", None)]) == set()
    assert unchanged_files(None, files) == set()


def test_the_state_is_current_for_the_same_articles_with_the_same_keys_only() -> None:
    assert STATE.is_current({"egypt": "k1", "sudan": "k2"})
    assert not STATE.is_current({"egypt": "k1", "sudan": "changed"})
    assert not STATE.is_current({"egypt": "k1"})  # one deleted
    assert not STATE.is_current({"egypt": "k1", "sudan": "k2", "new": "k3"})  # one added
