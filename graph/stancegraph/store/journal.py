"""A note in an embedded store's folder while a load writes to it.

``load`` and ``run`` write the note before their first write and remove it after
their last, so a load that stopped part-way (kill -9, a full disk, a crash)
leaves it behind. Every command that opens the store then says so, and how to
finish: loading replaces each article's graph whole, so running the same load
again completes it. The note is a small JSON file beside RocksDB's own files:
what was being loaded, when, by which command.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from stancegraph.errors import StoreError
from stancegraph.textio import write_atomic

__all__ = ["NOTE_NAME", "half_finished", "loading", "unfinished_message"]

NOTE_NAME = "stancegraph-load-in-progress.json"


def half_finished(store: Path) -> dict[str, object] | None:
    """What the load that did not finish in the store folder *store* was doing, if one
    did not; else ``None``."""
    note = Path(store) / NOTE_NAME
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"command": "a load"}
    return data if isinstance(data, dict) else {"command": "a load"}


def unfinished_message(store: Path, note: dict[str, object]) -> str:
    """One line: the store holds a half-finished load, and how to finish it."""
    command = str(note.get("command") or "a load")
    started = f" (started {note['started']})" if note.get("started") else ""
    return (
        f"the store {store} holds a half-finished load: {command}{started} stopped "
        "part-way; results may miss articles: run it again to finish (it replaces "
        "graphs, never duplicates)"
    )


@contextmanager
def loading(store: Path, command: str, files: Sequence[Path] = ()) -> Iterator[None]:
    """Mark the store folder *store* as being loaded by *command* (reading *files*) for
    the time of the ``with`` block; the mark stays if the block does not finish."""
    note = {
        "command": command,
        "started": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "files": [str(f) for f in files],
    }
    path = Path(store) / NOTE_NAME
    try:
        write_atomic(path, json.dumps(note, indent=1) + "\n")
    except OSError as exc:
        raise StoreError(f"cannot write to the store {store}: {exc.strerror or exc}") from exc
    yield
    path.unlink(missing_ok=True)
