"""The sweep: every command on each pathological input gives one line, an exit code and
no traceback (built here, small, but for one literal past Oxigraph's 16 MiB buffer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancegraph.cli.app import app

runner = CliRunner()

BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcde", "bcdef", strict=True)
    )
    + "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
)

#: file name -> its bytes: what an attacker or a broken export hands over.
ARTICLES = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t \n",
    "binary.txt": bytes(range(256)) * 4,
    "utf16.txt": "Minister Lima said the talks would go on.\n".encode("utf-16"),
    "latin1.txt": "Le ministre a d\xe9clar\xe9 que les pourparlers continueraient.\n".encode(
        "latin-1"
    ),
}
CLAIMS = {
    "bomb.claims.yaml": BOMB.encode(),
    "deep.claims.yaml": b"[" * 20000 + b"]" * 20000,
    "deepmap.claims.yaml": b"".join(b"  " * i + b"k:\n" for i in range(3000)),
    "notyaml.claims.yaml": b"claims: [unclosed\n  - : :\n",
    "empty.claims.yaml": b"",
    "wrongshape.claims.yaml": b"- just\n- a list\n",
}
RDF = {
    "bad.trig": b"<a> <b> .",
    "bad.ttl": b"@prefix : <http://e/> .\n:s :p",
    "binary.nt": bytes(range(256)) * 4,
    "empty.nq": b"",
    "remote.jsonld": b'{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "http://e/s"}',
    "huge.nt": b'<http://e/s> <http://e/p> "' + b"x" * (17 * 1024 * 1024) + b'" .\n',
}
#: Valid RDF that used to break a parser: it must load (or fail with one line), quickly.
ODD_RDF = {
    "deep.ttl": b"<http://e/s> <http://e/p> " + b"(" * 20000 + b")" * 20000 + b" .\n",
    # rdflib's N-Triples parser took minutes over one long literal
    "long.nt": b'<http://e/s> <http://e/p> "' + b"x" * (3 * 1024 * 1024) + b'" .\n',
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name, data in {**ARTICLES, **CLAIMS, **RDF, **ODD_RDF}.items():
        (root / name).write_bytes(data)
    (root / "sidecar.txt").write_text("Minister Lima said the talks would go on.\n")
    (root / "sidecar.meta.yaml").write_text(BOMB)
    (root / "bad.rq").write_text("SELECT * WHERE { ?s ?p }")
    (root / "update.rq").write_text("DROP ALL")
    (root / "service.rq").write_text(
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    )
    return root


def _rdf_commands(path: str, tmp: Path) -> list[tuple[str, list[str]]]:
    name = Path(path).name
    return [
        (f"validate {name}", ["validate", path]),
        (f"load {name}", ["load", path, "--store", str(tmp / "store")]),
        (f"analyze {name}", ["analyze", path]),
        (f"viz {name}", ["viz", path, "-o", str(tmp / "view.html")]),
        (f"query --file {name}", ["query", "claim-counts", "--file", path]),
    ]


def _commands(root: Path, tmp: Path) -> list[tuple[str, list[str]]]:
    cases = [
        (f"extract {name}", ["extract", str(root / name), "-o", str(tmp / "claims")])
        for name in [*ARTICLES, "sidecar.txt"]
    ]
    cases += [
        (f"build {name}", ["build", str(root / name), "-o", str(tmp / "out.trig")])
        for name in CLAIMS
    ]
    for name in RDF:
        cases += _rdf_commands(str(root / name), tmp)
    cases += [
        (f"query {name}", ["query", str(root / name), "--store", str(tmp / "nostore")])
        for name in ("bad.rq", "update.rq", "service.rq")
    ]
    return cases


def test_every_command_on_every_hostile_input(inputs: Path, tmp_path: Path) -> None:
    failures = []
    for label, args in _commands(inputs, tmp_path):
        result = runner.invoke(app, args)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        if (
            crashed
            or result.exit_code == 0
            or "Traceback" in result.stderr
            or len(lines) != 1
            or not lines[0].startswith("error: ")
        ):
            failures.append(f"{label}: exit {result.exit_code}, {result.exception!r}, {lines}")
    assert not failures, "\n".join(failures)
    # and nothing of it reached a store
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").iterdir())


def test_valid_but_odd_rdf_loads_or_fails_in_one_line(inputs: Path, tmp_path: Path) -> None:
    failures = []
    for name in ODD_RDF:
        for label, args in _rdf_commands(str(inputs / name), tmp_path):
            result = runner.invoke(app, args)
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
            failed_badly = result.exit_code != 0 and (
                len(lines) != 1 or not lines[0].startswith("error: ")
            )
            if crashed or failed_badly or "Traceback" in result.stderr:
                failures.append(f"{label}: exit {result.exit_code}, {result.exception!r}, {lines}")
    assert not failures, "\n".join(failures)
    code = runner.invoke(app, ["validate", str(inputs / "long.nt")]).exit_code
    assert code == 0  # a 3 MB literal is data, not an attack
