"""Reading untrusted text files and writing outputs atomically.

Every file stancegraph reads from a user goes through :func:`read_text`, which
turns the usual ways a file can be wrong (missing, a directory, empty, binary,
not UTF-8, too large) into one-line :class:`~stancegraph.errors.InputError`
messages. Every file it writes goes through :func:`write_atomic`: a temporary
file in the same directory, renamed over the target only when complete, so a
crash never leaves half a file behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from stancegraph.errors import InputError, OutputError

__all__ = ["MAX_TEXT_BYTES", "read_text", "write_atomic", "write_if_changed"]

#: Larger inputs are refused: no single news article or claims file comes near it.
MAX_TEXT_BYTES = 50 * 1024 * 1024


def read_text(path: Path, *, what: str = "file", allow_empty: bool = False) -> str:
    """Return the UTF-8 text of *path*, or raise :class:`InputError` saying what is wrong.

    A UTF-8 byte-order mark is dropped; line endings are kept as they are, so
    character offsets refer to the file exactly as stored.
    """
    path = Path(path)
    if not path.exists():
        if path.is_symlink():
            raise InputError(
                f"{what} {path} is a symbolic link to nothing (or a loop of links): point it "
                "at a file"
            )
        raise InputError(f"{what} {path} does not exist: check the path")
    if path.is_dir():
        raise InputError(f"{what} {path} is a directory: give a file")
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(
                f"{what} {path} is {size / 1e6:.0f} MB, over the {MAX_TEXT_BYTES // 2**20} MiB "
                "limit: split it into smaller files"
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(
            f"{what} {path} cannot be read ({exc.strerror}): fix its permissions"
        ) from exc
    except OSError as exc:
        raise InputError(f"{what} {path} cannot be read: {exc.strerror or exc}") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{what} {path} is UTF-16, not UTF-8: convert it, e.g. with `iconv -f UTF-16 -t UTF-8`"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"{what} {path} looks binary (a NUL byte at offset {nul}): give a UTF-8 text file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{what} {path} is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
            "convert it, e.g. with `iconv -t UTF-8`"
        ) from exc
    text = text.removeprefix("\ufeff")
    if not allow_empty and not text.strip():
        raise InputError(f"{what} {path} is empty: give a file with text in it")
    return text


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """:func:`write_atomic` *data* to *path* unless *path* holds those bytes already (its
    time stamp then stays, and nothing is synced to disk); whether it wrote."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path = Path(path)
        if path.is_file() and path.stat().st_size == len(payload) and path.read_bytes() == payload:
            return False
    except OSError:
        pass  # unreadable: write_atomic names what is wrong
    write_atomic(path, payload)
    return True


def write_atomic(path: Path, data: str | bytes | Iterable[str], *, durable: bool = True) -> None:
    """Write *data* to *path* all at once: readers see the old file or the new, never half.

    *data* may be an iterable of strings, written one after the other as they come (a
    large file is never held whole); a failure part-way leaves the old file as it was.
    *durable* (the default) waits for the bytes to reach the disk before the file takes
    its name, so that even a power cut leaves the old file or the new; without it (for
    kept copies that are checked when read, and made again when wrong) it does not
    wait, which costs about 0.6 ms a file here. Raises :class:`OutputError` when the
    directory cannot be created or written.
    """
    path = Path(path)
    chunks: Iterable[bytes] = (
        (data.encode("utf-8"),)
        if isinstance(data, str)
        else (data,)
        if isinstance(data, bytes)
        else (chunk.encode("utf-8") for chunk in data)
    )
    blocking = next((p for p in (path.parent, *path.parent.parents) if p.is_file()), None)
    if blocking is not None:
        raise OutputError(
            f"cannot write {path}: {blocking} is a file, not a folder; choose another output folder"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # writers only: a query that reads starts faster

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; choose a writable output path"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; choose a writable output path"
        ) from exc
    except BaseException:  # the data's own iterator failed, or the user stopped it
        Path(tmp).unlink(missing_ok=True)
        raise
