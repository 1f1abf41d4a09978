"""``stancegraph query``, ``load --endpoint`` and ``serve`` through the CLI: output,
exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancegraph.cli.app import app
from stancegraph.pipeline.serve import Server, _accepts, start_server
from tests.cli.test_cli import assert_one_line_error
from tests.conftest import MINI_CLAIMS, MINI_VOCAB, free_port

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    unexpected = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout, result.stderr + (repr(unexpected) if unexpected else "")


def test_list_shows_every_named_query() -> None:
    code, out, _ = invoke("query", "--list")
    assert code == 0
    for name in ("positions-of-actor", "divergent-issues", "claim-counts", "actor=actor"):
        assert name in out
    flat = " ".join(line.strip("│ ") for line in out.splitlines())
    assert "support or" in flat and "oppose their issue." in flat  # the whole title
    listed = [line.split()[1] for line in out.splitlines() if line.startswith("│ ")]
    assert "claims-table" not in listed and "article-refs" not in listed
    assert "queries the tool runs itself: article-refs, claim-cues, claims-table" in out
    code, out, _ = invoke("query", "--list", "--all")
    listed = [line.split()[1] for line in out.splitlines() if line.startswith("│ ")]
    assert code == 0 and {"claims-table", "article-refs", "claim-counts"} <= set(listed)


def test_table_and_json_and_csv(seed_store: Path) -> None:
    code, out, err = invoke("query", "claim-counts", "--store", str(seed_store))
    assert code == 0, err
    assert "China" in out and "18" in out and "2 row(s)" in err
    code, out, _ = invoke("query", "claim-counts", "--store", str(seed_store), "-f", "json")
    rows = json.loads(out)["results"]["bindings"]
    assert {r["sideLabel"]["value"]: r["claims"]["value"] for r in rows} == {
        "United States": "18",
        "China": "15",
    }
    code, out, _ = invoke(
        "query",
        "positions-of-actor",
        "-p",
        "actor=xi-jinping",
        "--store",
        str(seed_store),
        "-f",
        "csv",
    )
    assert code == 0 and out.splitlines()[0] == "date,claim,issue,issueLabel,stance,position,quote"
    assert len(out.splitlines()) == 4


def test_a_table_into_a_pipe_is_plain_aligned_columns(seed_store: Path) -> None:
    code, out, err = invoke("query", "claim-counts", "--store", str(seed_store))
    header, rule, *rows = out.splitlines()
    assert code == 0 and header.split() == [
        "side",
        "sideLabel",
        "claims",
        "issues",
        "actors",
        "articles",
        "support",
        "oppose",
    ]
    assert set(rule) == {"-", " "} and len(rows) == 2 and "2 row(s)" in err
    assert rows[0].index("18") == header.index("claims")  # columns line up


def test_query_from_stdin_and_file_with_typed_params(seed_store: Path, tmp_path: Path) -> None:
    text = "PREFIX sg: <https://w3id.org/stancegraph/ontology#>\nASK { ?c sg:claimId ?id }"
    code, out, _ = invoke("query", "-", "-p", 'id="c01"', "--store", str(seed_store), stdin=text)
    assert code == 0 and "yes" in out
    code, out, _ = invoke(
        "query", "-", "-p", 'id="c01\\" } #"', "--store", str(seed_store), stdin=text
    )
    assert code == 0 and "no" in out
    describe = tmp_path / "describe.rq"
    describe.write_text("DESCRIBE ?x WHERE { ?x a ?t }", "utf-8")
    code, out, _ = invoke(
        "query",
        str(describe),
        "-p",
        "x=actor:wang-yi",
        "-p",
        "t=<http://xmlns.com/foaf/0.1/Person>",
        "--store",
        str(seed_store),
    )
    assert code == 0 and 'foaf:name "Wang Yi"' in out


def test_file_store_in_memory_works_for_the_fictional_mini(tmp_path: Path) -> None:
    trig = tmp_path / "mini.trig"
    assert invoke("build", str(MINI_CLAIMS), "-o", str(trig), "--vocab", str(MINI_VOCAB))[0] == 0
    code, out, err = invoke(
        "query",
        "one-sided-issues",
        "-p",
        "a=ruritania",
        "-p",
        "b=freedonia",
        "--file",
        str(trig),
        "--vocab",
        str(MINI_VOCAB),
        "-f",
        "tsv",
    )
    assert code == 0, err
    assert out.splitlines()[0] == "?issue\t?issueLabel\t?raisedBy\t?claims"


def test_bad_input_is_one_line_each(
    seed_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_RETRIES", "1")
    store = ("--store", str(seed_store))
    code, _, err = invoke("query", "positions-of-actr", *store)
    assert_one_line_error(code, err, "did you mean positions-of-actor")
    code, _, err = invoke("query", "positions-of-actor", *store)
    assert_one_line_error(code, err, "needs --param actor=...")
    code, _, err = invoke("query", "positions-of-actor", "-p", "who=x", *store)
    assert_one_line_error(code, err, "has no parameter 'who'")
    code, _, err = invoke("query", "-", *store, stdin="SELECT ?s\nWHERE { ?s ?p }")
    assert_one_line_error(code, err, "syntax error at line 2, column")
    code, _, err = invoke("query", "-", *store, stdin="DROP ALL")
    assert_one_line_error(code, err, "give --allow-update")
    code, _, err = invoke("query", "claim-counts", "--store", str(tmp_path / "none"))
    assert_one_line_error(code, err, "no store at")
    code, _, err = invoke("query", "claim-counts", "--endpoint", "http://127.0.0.1:9/query")
    assert_one_line_error(code, err, "is not reachable")
    code, _, err = invoke("query", "claim-counts", *store, "--file", "x.trig")
    assert_one_line_error(code, err, "were given together")


def test_update_with_allow_update_changes_the_store(seed_store_copy: Path) -> None:
    copy = seed_store_copy
    code, _, err = invoke(
        "query",
        "-",
        "--allow-update",
        "--store",
        str(copy),
        stdin="DELETE WHERE { GRAPH ?g { ?c <https://w3id.org/stancegraph/ontology#side> ?s } }",
    )
    assert code == 0, err
    code, out, _ = invoke("query", "claim-counts", "--store", str(copy), "-f", "csv")
    assert out.splitlines() == ["side,sideLabel,claims,issues,actors,articles,support,oppose"]


@pytest.mark.server
def test_load_into_a_served_store_then_query_it(seed_out: Path, tmp_path: Path) -> None:
    empty = tmp_path / "store"
    empty.mkdir()
    with start_server(empty, port=free_port(), allow_update=True) as server:
        args = ("--endpoint", server.query_url)
        counts = []
        for _ in range(2):
            code, _, err = invoke("load", str(seed_out / "graph.trig"), *args)
            assert code == 0, err
            counts.append(err.rsplit("(", 1)[1].strip())
        assert counts[0] == counts[1] and counts[0].endswith("quads in the store)")
        assert int(counts[0].split()[0]) > 2000
        code, out, _ = invoke("query", "claim-counts", *args, "-f", "csv")
        assert code == 0 and ",18,11,2,1,18,0" in out
        code, _, err = invoke("serve", "--store", str(empty), "--port", str(server.port))
        assert_one_line_error(code, err, f"cannot listen on 127.0.0.1:{server.port}")


@pytest.mark.server
def test_a_wrong_endpoint_kind_is_one_line_naming_the_url_status_and_fix(
    seed_out: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "store"
    empty.mkdir()
    with start_server(empty, port=free_port(), allow_update=True) as server:
        args = ("--endpoint", server.query_url, "--endpoint-kind", "fuseki")
        code, _, err = invoke("load", str(seed_out / "graph.trig"), *args)
        assert_one_line_error(code, err, f"the endpoint http://127.0.0.1:{server.port}/data")
        assert "HTTP 404" in err and "--endpoint-kind oxigraph|virtuoso|generic" in err
        wrong = server.query_url.replace("/query", "/nothere")
        code, _, err = invoke("query", "claim-counts", "--endpoint", wrong)
        assert_one_line_error(code, err, f"the endpoint {wrong} failed (HTTP 404")
        assert "check the --endpoint URL" in err


@pytest.mark.server
def test_served_store_is_locked_for_writers(seed_server: Server) -> None:
    location = Path(seed_server.process.args[3])  # type: ignore[index]
    code, _, err = invoke("load", str(MINI_CLAIMS), "--store", str(location))
    assert code == 1 and "error:" in err
    code, _, err = invoke("serve", "--store", str(location), "--port", str(free_port()))
    assert_one_line_error(code, err, "in use by another process")


def test_serve_without_the_oxigraph_binary(
    seed_store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = invoke("serve", "--store", str(seed_store))
    assert_one_line_error(code, err, "oxigraph server is not installed")


def test_a_service_clause_is_refused_unless_allowed(seed_store: Path) -> None:
    """A query never makes the store ask another server on its own."""
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = CliRunner().invoke(app, ["query", "-", "--store", str(seed_store)], input=text)
    assert_one_line_error(result.exit_code, result.stderr, "asks another server (SERVICE)")
    assert "--allow-remote" in result.stderr


def test_a_json_ld_file_with_a_remote_context_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(
        '{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "http://x/a", "name": "b"}',
        encoding="utf-8",
    )
    for command in (["validate", str(path)], ["analyze", str(path)]):
        result = CliRunner().invoke(app, command)
        expected = "@context is the URL http://127.0.0.1:9/ctx.jsonld"
        assert_one_line_error(result.exit_code, result.stderr, expected)


def test_a_graph_result_in_json_is_json_ld(seed_store: Path) -> None:
    text = (
        "CONSTRUCT { ?a <https://example.org/title> ?t } "
        "WHERE { ?a <https://schema.org/headline> ?t }"
    )
    result = CliRunner().invoke(
        app, ["query", "-", "--store", str(seed_store), "-f", "json"], input=text
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document and "https://example.org/title" in document[0]


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_serve_killed_with_sigkill_takes_its_server_with_it(
    seed_store_copy: Path, tmp_path: Path
) -> None:
    store = seed_store_copy
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        serve = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "stancegraph",
                "serve",
                "--store",
                str(store),
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    children = Path(f"/proc/{serve.pid}/task/{serve.pid}/children")
    deadline = time.monotonic() + 60

    def still_starting() -> bool:
        if serve.poll() is not None:
            pytest.fail(f"`serve` ended with {serve.returncode}: {log.read_text()}")
        return time.monotonic() < deadline

    while not children.read_text().split():
        assert still_starting()
        time.sleep(0.05)
    (child,) = map(int, children.read_text().split())
    while not _accepts("127.0.0.1", port):  # serving: the server is up
        assert still_starting()
        time.sleep(0.05)
    os.kill(serve.pid, signal.SIGKILL)
    serve.wait(30)

    def alive(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        return state not in ("Z", "X")

    deadline = time.monotonic() + 30
    while alive(child):
        if time.monotonic() > deadline:
            os.kill(child, signal.SIGKILL)
            pytest.fail("the oxigraph server outlived `serve`")
        time.sleep(0.05)
