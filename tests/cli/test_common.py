"""The CLI's consoles: plain lines without rich, everything else through it."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from stancegraph.cli.common import LazyConsole

LINES = [
    "2 row(s)",
    "error: [bold]not markup[/bold] in out/x.yaml: fix it",
    "Рури́тания 中文 ✓ " + "long " * 80,
    "tab\there and \\back\\slash",
    "bell\x07 backspace\x08 return\r vt\x0b ff\x0c esc\x1b[31m nul\x00 line\nbreak\tand tab",
]


@pytest.mark.parametrize("line", LINES)
def test_a_plain_line_is_written_as_rich_writes_it(
    line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rich_out = io.StringIO()
    Console(file=rich_out, highlight=False, soft_wrap=True).print(line, markup=False)
    LazyConsole().print(line, markup=False)
    LazyConsole(stderr=True).print(line, markup=False)
    captured = capsys.readouterr()
    assert captured.out == captured.err == rich_out.getvalue()


def test_plain_lines_do_not_make_a_rich_console(capsys: pytest.CaptureFixture[str]) -> None:
    console = LazyConsole()
    console.print("a", "b", markup=False)
    console.print(":x: stays", markup=False)
    assert console._console is None
    assert capsys.readouterr().out == "a b\n:x: stays\n"


def test_markup_and_renderables_go_through_rich(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.table import Table

    console = LazyConsole()
    console.print("[bold]done[/bold]")
    table = Table("name")
    table.add_row("wang-yi")
    console.print(table)
    assert console._console is not None
    out = capsys.readouterr().out
    assert out.startswith("done\n") and "wang-yi" in out and "[bold]" not in out
