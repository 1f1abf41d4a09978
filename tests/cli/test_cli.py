"""Every command through typer's CliRunner: exit codes, output, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancegraph.cli.app import app
from tests.analysis.claims_files import write_multiside
from tests.conftest import FIXTURES, MINI_CLAIMS, MINI_VOCAB, SEED_CLAIMS, SEEDS

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, stderr: str, expected: str) -> None:
    assert code == 1, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert expected in lines[0]


def test_help_and_version() -> None:
    code, out, _ = invoke("--help")
    assert code == 0 and "build" in out and "validate" in out
    code, out, _ = invoke("--version")
    assert code == 0 and out.startswith("stancegraph ")
    assert invoke()[0] == 2


@pytest.mark.parametrize("ext", ["trig", "ttl", "nq", "nt", "jsonld"])
def test_build_each_format_then_validate(tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"mini.{ext}"
    code, _, err = invoke("build", str(MINI_CLAIMS), "-o", str(out), "--vocab", str(MINI_VOCAB))
    assert code == 0, err
    assert "3 claim(s)" in err
    code, out_text, _ = invoke("validate", str(out), "--vocab", str(MINI_VOCAB))
    assert code == 0 and "conforms" in out_text


def test_validate_nonconforming_exits_3(tmp_path: Path) -> None:
    out = tmp_path / "mini.trig"
    invoke("build", str(MINI_CLAIMS), "-o", str(out), "--vocab", str(MINI_VOCAB))
    code, out_text, err = invoke("validate", str(out))
    assert code == 3
    assert "article wire-ruritania-freedonia-steel claim c1:" in out_text
    assert "does not conform" in err


def test_build_errors_are_one_line(tmp_path: Path) -> None:
    code, _, err = invoke(
        "build", str(tmp_path / "none.claims.yaml"), "-o", str(tmp_path / "x.trig")
    )
    assert_one_line_error(code, err, "does not exist")
    code, _, err = invoke("build", str(MINI_CLAIMS), "-o", str(tmp_path / "x.trig"))
    assert_one_line_error(code, err, "unknown issue id 'dialogue-should-continue'")
    code, _, err = invoke(
        "build", str(MINI_CLAIMS), "-o", str(tmp_path / "x.bin"), "--vocab", str(MINI_VOCAB)
    )
    assert_one_line_error(code, err, "cannot tell the RDF format")
    code, _, err = invoke(
        "build", str(MINI_CLAIMS), "-o", "/proc/nope/x.trig", "--vocab", str(MINI_VOCAB)
    )
    assert_one_line_error(code, err, "choose a writable output path")
    bad = tmp_path / "bad.claims.yaml"
    bad.write_text("stancegraph: 1\narticle: [\n", encoding="utf-8")
    code, _, err = invoke("build", str(bad), "-o", str(tmp_path / "x.trig"))
    assert_one_line_error(code, err, "malformed YAML")
    binary = tmp_path / "bin.claims.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    code, _, err = invoke("build", str(binary), "-o", str(tmp_path / "x.trig"))
    assert_one_line_error(code, err, "looks binary")


def test_load_twice_then_load_turtle(tmp_path: Path) -> None:
    trig = tmp_path / "seed.trig"
    ttl = tmp_path / "seed.ttl"
    assert invoke("build", str(SEED_CLAIMS), "-o", str(trig))[0] == 0
    assert invoke("build", str(SEED_CLAIMS), "-o", str(ttl))[0] == 0
    store = tmp_path / "store"
    code, _, first = invoke("load", str(trig), "--store", str(store))
    assert code == 0, first
    code, _, second = invoke("load", str(ttl), "--store", str(store))
    assert code == 0, second
    quads = [line.split("(")[-1] for line in (first, second)]
    assert quads[0] == quads[1], "a second load of the same article must not add quads"


def test_load_of_a_nonconforming_file_writes_nothing_unless_told(tmp_path: Path) -> None:
    seed, mini = tmp_path / "seed.trig", tmp_path / "mini.trig"
    invoke("build", str(SEED_CLAIMS), "-o", str(seed))
    invoke("build", str(MINI_CLAIMS), "-o", str(mini), "--vocab", str(MINI_VOCAB))
    store = tmp_path / "store"
    code, _, before = invoke("load", str(seed), "--store", str(store))
    assert code == 0, before
    # without the vocabulary its actors and issues come from, mini's claims do not conform
    code, _, err = invoke("load", str(seed), str(mini), "--store", str(store))
    assert code == 3 and "Traceback" not in err
    assert "mini.trig does not conform to the shapes" in err
    assert "nothing was loaded" in err and "--no-validate" in err
    code, out, _ = invoke("query", "claim-counts", "--store", str(store), "-f", "csv")
    assert code == 0 and "Ruritania" not in out
    code, _, err = invoke("load", str(mini), "--store", str(store), "--no-validate")
    assert code == 0, err
    code, _, err = invoke("load", str(mini), "--store", str(store), "--vocab", str(MINI_VOCAB))
    assert code == 0, err


def test_load_bad_file_changes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> .", encoding="utf-8")
    code, _, err = invoke("load", str(bad), "--store", str(tmp_path / "store"))
    assert_one_line_error(code, err, "is not valid trig")
    assert not (tmp_path / "store").exists()


def test_run_command(tmp_path: Path) -> None:
    code, _, err = invoke("run", "--articles", str(SEEDS), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "report.md").exists()
    code, _, err = invoke(
        "run", "--articles", str(FIXTURES / "mini"), "--out", str(tmp_path / "o2")
    )
    assert_one_line_error(code, err, "unknown issue id")


def test_run_command_names_the_pair_warns_and_takes_sides(tmp_path: Path) -> None:
    articles = write_multiside(tmp_path / "articles").parent
    common = ("run", "--articles", str(articles), "--vocab", str(MINI_VOCAB))
    code, _, err = invoke(*common, "--out", str(tmp_path / "out"))
    assert code == 0, err
    lines = err.splitlines()
    assert lines[1].startswith(
        "compared China and Ruritania: the two sides with the most claims on issues both raise"
    )
    assert lines[2] == (
        "unknown side: 29% of claims (2 of 7); most frequent unresolved speakers: A Spokesman (2)"
    )
    assert [line for line in lines if line.startswith("warning: ")] == [
        "warning: 29% of claims (2 of 7) have an unknown side and are in no pair of sides: add "
        "the speakers to an actor file given with --vocab"
    ]
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "> **Warning**: 29% of claims (2 of 7) have an unknown side" in report
    assert "Most frequent unresolved speakers: A Spokesman (2)." in report
    assert "| China and Freedonia | 2 |" in report
    code, _, err = invoke(
        *common, "--out", str(tmp_path / "o2"), "--sides", "Freedonia", "Ruritanai"
    )
    assert_one_line_error(code, err, "unknown side 'Ruritanai' (did you mean 'ruritania'?)")
    code, _, err = invoke(*common, "--out", str(tmp_path / "o3"), "--sides", "freedonia", "Zenda")
    assert code == 0, err
    assert "compared Freedonia and Ruritania: chosen with --sides" in err
    report = (tmp_path / "o3" / "report.md").read_text(encoding="utf-8")
    assert "## Divergence: Freedonia and Ruritania" in report
    page = (tmp_path / "o3" / "divergence.html").read_text(encoding="utf-8")
    assert "Freedonia vs Ruritania" in page and "China (1 actor)" in page


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (MemoryError("Reached the buffer maximal size of 16777216"), "too large to hold"),
        (RecursionError("maximum recursion depth exceeded"), "nested too deeply"),
    ],
)
def test_memory_and_recursion_errors_are_one_line_not_a_traceback(
    error: BaseException, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer

    from stancegraph.cli.common import reporting_errors

    with pytest.raises(typer.Exit) as info, reporting_errors():
        raise error
    assert info.value.exit_code == 1
    err = capsys.readouterr().err
    assert_one_line_error(1, err, expected)


def test_validate_reads_the_input_format_from_rdf_format(tmp_path: Path) -> None:
    ttl = tmp_path / "seed.ttl"
    assert invoke("build", str(SEED_CLAIMS), "-o", str(ttl))[0] == 0
    data = tmp_path / "seed.data"
    ttl.rename(data)
    code, _, err = invoke("validate", str(data))
    assert_one_line_error(code, err, "or name it (validate: --rdf-format)")
    code, out, err = invoke("validate", str(data), "--rdf-format", "turtle")
    assert code == 0 and "conforms" in out, err
    assert "--rdf-format" in invoke("validate", "--help")[1]
