from __future__ import annotations

from pathlib import Path

import pytest

from stancegraph.errors import InputError, OutputError
from stancegraph.textio import read_text, write_atomic, write_if_changed


def test_read_text_keeps_text_and_drops_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffhé\r\nllo".encode())
    assert read_text(path) == "hé\r\nllo"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"  \n\t ", "is empty"),
        (b"abc\x00def", "NUL byte at offset 3"),
        (b"caf\xe9 au lait", "not UTF-8 (byte 0xe9 at offset 3)"),
        ("UTF-16 text".encode("utf-16"), "is UTF-16, not UTF-8"),
        ("UTF-16 text".encode("utf-16-be").join([b"\xfe\xff", b""]), "is UTF-16, not UTF-8"),
    ],
)
def test_read_text_refuses_bad_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_text(path)


def test_read_text_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="symbolic link to nothing"):
        read_text(loop)


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "out.txt"
    write_atomic(path, "one")
    write_atomic(path, "two")
    assert path.read_text() == "two"
    assert [p.name for p in path.parent.iterdir()] == ["out.txt"]


def test_write_atomic_unwritable_place() -> None:
    with pytest.raises(OutputError, match="choose a writable output path"):
        write_atomic(Path("/proc/stancegraph-test/out.txt"), "x")


def test_write_atomic_path_under_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder; choose another output"):
        write_atomic(blocker / "out.txt", "data")
    with pytest.raises(OutputError, match=f"{blocker} is a file, not a folder"):
        write_atomic(blocker / "deeper" / "out.txt", "data")
    assert blocker.read_text() == "x"


def test_write_if_changed_leaves_the_same_bytes_alone(tmp_path: Path) -> None:
    import os

    path = tmp_path / "a.txt"
    assert write_if_changed(path, "one") is True
    os.utime(path, ns=(1, 1))
    assert write_if_changed(path, "one") is False
    assert path.stat().st_mtime_ns == 1
    assert write_if_changed(path, b"two") is True and path.read_text() == "two"


def test_write_atomic_streams_pieces_and_keeps_the_old_file_when_they_fail(
    tmp_path: Path,
) -> None:
    from collections.abc import Iterator

    target = tmp_path / "big.txt"
    write_atomic(target, iter(["a\n", "b\n", "ç\n"]))
    assert target.read_text(encoding="utf-8") == "a\nb\nç\n"

    def broken() -> Iterator[str]:
        yield "half"
        raise RuntimeError("the data ran out")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken())
    assert target.read_text(encoding="utf-8") == "a\nb\nç\n"
    assert [p.name for p in tmp_path.iterdir()] == ["big.txt"], "no temporary file is left"


def test_a_write_waits_for_the_disk_unless_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    write_atomic(tmp_path / "durable.txt", "kept")
    assert len(synced) == 1
    write_atomic(tmp_path / "copy.txt", "made again when lost", durable=False)
    assert len(synced) == 1 and (tmp_path / "copy.txt").read_text() == "made again when lost"
