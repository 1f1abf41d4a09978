"""The note a load leaves in the store folder while it writes, and what reading sees."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest

from stancegraph.errors import StoreError
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.journal import NOTE_NAME, half_finished, loading


def test_a_finished_load_leaves_no_note(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with EmbeddedStore(path) as store, loading(path, "`stancegraph load a.trig`"):
        assert half_finished(path) is not None
        store.replace_graph("https://example.org/g", "<a:b> <a:c> <a:d> .\n")
    assert half_finished(tmp_path / "store") is None
    assert not (tmp_path / "store" / NOTE_NAME).exists()


def test_a_load_that_stops_part_way_is_reported_on_the_next_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "store"
    with (
        EmbeddedStore(path),
        pytest.raises(RuntimeError),
        loading(path, "`stancegraph load a.trig`"),
    ):
        raise RuntimeError("the process died here")
    assert half_finished(path) == {
        "command": "`stancegraph load a.trig`",
        "started": half_finished(path)["started"],  # type: ignore[index]
        "files": [],
    }
    with caplog.at_level(logging.WARNING), EmbeddedStore(path, read_only=True):
        pass
    (message,) = [r.getMessage() for r in caplog.records]
    assert "half-finished load: `stancegraph load a.trig`" in message
    assert "run it again to finish" in message


def test_a_full_disk_is_named_with_the_fix(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    failure = store._write_failure(OSError(errno.ENOSPC, "No space left on device"), "x")
    assert isinstance(failure, StoreError)
    assert "is full: free some space, then run the same load again" in str(failure)
    store.close()
