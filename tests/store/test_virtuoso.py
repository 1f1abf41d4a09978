"""The endpoint store against a real Virtuoso 7 this module starts itself: ``load`` (and
loading again), every named query, ``analyze`` and ``viz``, each equal to the embedded
store's answer on the same seed.

Never skipped: CI is to have Debian's ``virtuoso-opensource`` (``make system``
installs it); without it the tests fail and say so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from typer.testing import CliRunner

from stancegraph.cli.app import app
from stancegraph.pipeline.query import run_query
from stancegraph.store.base import QueryResult, SelectResult
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.endpoint import EndpointSettings, EndpointStore
from tests.conftest import free_port
from tests.queries.test_named_queries import EXPECTED, NAMES, PARAMS

pytestmark = pytest.mark.server

runner = CliRunner()

#: How long a fresh Virtuoso may take to create its database and open its ports.
START_TIMEOUT = 90.0
#: The SQL that lets the anonymous SPARQL user (``SPARQL``, ``nobody`` on the web)
#: update the store through /sparql and /sparql-graph-crud: Virtuoso's default is
#: read-only (a Graph Store PUT answers HTTP 403). With this grant alone, 7.2.5 takes
#: both; ``RDF_DEFAULT_USER_PERMS_SET ('nobody', 7)`` is not needed (nor enough). A
#: server open to others would use /sparql-auth with a user instead.
GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL";',)
#: Integer types Oxigraph stores as xsd:integer and Virtuoso keeps as written.
INTEGER_TYPES = frozenset(
    str(XSD[name])
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is not installed: the Virtuoso tests need Debian's virtuoso-opensource; "
            "run `make system` (as root it installs it)",
            pytrace=False,
        )
    return found


@dataclass(frozen=True)
class Virtuoso:
    process: subprocess.Popen[bytes]
    folder: Path
    sql_port: int
    http_port: int

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text("utf-8", "replace")[-2000:] if path.exists() else "(no log)"

    def sql(self, statement: str) -> str:
        done = subprocess.run(
            [_binary("isql-vt"), f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0 and "*** Error" not in output, output
        return output


def _ini(folder: Path, sql_port: int, http_port: int) -> str:
    return f"""\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def _answers(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "ASK { }"})
    try:
        with urllib.request.urlopen(f"{url}?{query}", timeout=2) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso of its own, on free ports of 127.0.0.1, with update rights granted."""
    binary = _binary("virtuoso-t")
    _binary("isql-vt")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_ini(folder, sql_port, http_port), "utf-8")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Virtuoso(process, folder, sql_port, http_port)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(server.query_url):
            if process.poll() is not None:
                pytest.fail(f"virtuoso-t exited ({process.returncode}):\n{server.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"virtuoso-t did not answer in {START_TIMEOUT:g} s:\n{server.log()}")
            time.sleep(0.25)
        for statement in GRANTS:
            server.sql(statement)
        yield server
    finally:
        _stop(process)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    unexpected = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout, result.stderr + (repr(unexpected) if unexpected else "")


@dataclass(frozen=True)
class Loaded:
    url: str
    #: the quads in the store after each of two loads of the same file
    counts: tuple[int, int]


@pytest.fixture(scope="module")
def loaded(virtuoso: Virtuoso, seed_out: Path) -> Loaded:
    """The seed loaded into Virtuoso twice, by ``stancegraph load`` with no settings
    but the URL (the kind and its other URLs are found from it)."""
    counts = []
    for _ in range(2):
        code, _, err = invoke(
            "load", str(seed_out / "graph.trig"), "--endpoint", virtuoso.query_url
        )
        assert code == 0, err
        counts.append(int(err.rsplit("(", 1)[1].split()[0]))
    return Loaded(virtuoso.query_url, (counts[0], counts[1]))


def _comparable(cell: str) -> str:
    """A result cell (its N3 text) with the differences of two correct stores taken out:
    integer subtypes as xsd:integer (Oxigraph's storage normalises them) and decimals
    to 12 significant digits (Oxigraph's AVG keeps 18, Virtuoso's 15)."""
    if not cell.startswith('"') or "^^<" not in cell:
        return cell
    text, datatype = cell[1:].rsplit('"^^<', 1)
    datatype = datatype.rstrip(">")
    if datatype in INTEGER_TYPES:
        return Literal(int(text), datatype=XSD.integer).n3()
    if datatype in (str(XSD.decimal), str(XSD.double), str(XSD.float)):
        return f"{Decimal(text):.12g} {datatype}"
    return cell


def _normalise(result: QueryResult | None) -> dict[str, object]:
    assert isinstance(result, SelectResult)
    rows = sorted(
        [_comparable("" if term is None else term.n3()) for term in row] for row in result.rows
    )
    return {"variables": list(result.variables), "rows": rows}


def test_the_kind_and_its_urls_are_found_from_the_url(virtuoso: Virtuoso) -> None:
    settings = EndpointSettings.from_environment(virtuoso.query_url)
    assert settings.kind == "virtuoso"
    assert settings.update_url == virtuoso.query_url
    assert settings.store_url == f"http://127.0.0.1:{virtuoso.http_port}/sparql-graph-crud"


def test_load_again_replaces_and_never_duplicates(loaded: Loaded, seed_store: Path) -> None:
    with EmbeddedStore(seed_store, read_only=True) as embedded:
        quads = embedded.count()
    # Virtuoso's own graphs are not counted: the store holds the seed and nothing more
    assert loaded.counts == (quads, quads)
    with EndpointStore.from_url(loaded.url, read_only=True) as store:
        graphs = store.graph_names()
    with EmbeddedStore(seed_store, read_only=True) as embedded:
        assert graphs == embedded.graph_names()


def test_virtuoso_shows_the_union_of_named_graphs_by_default(loaded: Loaded) -> None:
    query = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . "
        "FILTER (STRSTARTS(STR(?s), 'https://w3id.org/stancegraph/')) }"
    )
    with EndpointStore.from_url(loaded.url, read_only=True) as store:
        union = store.select(query).rows[0][0]
        assert union == Literal(store.count())


@pytest.mark.parametrize("name", NAMES)
def test_named_query_on_virtuoso(name: str, loaded: Loaded, seed_store: Path) -> None:
    expected = json.loads((EXPECTED / f"{name}.json").read_text("utf-8"))
    embedded = run_query(name, PARAMS[name], store=seed_store).result
    assert _normalise(embedded)["rows"] == [[_comparable(c) for c in r] for r in expected["rows"]]
    actual = _normalise(run_query(name, PARAMS[name], endpoint=loaded.url).result)
    assert actual == _normalise(embedded)


def test_analyze_on_virtuoso_equals_the_embedded_store(loaded: Loaded, seed_store: Path) -> None:
    code, embedded, err = invoke("analyze", str(seed_store), "--format", "json")
    assert code == 0, err
    code, remote, err = invoke(
        "analyze", "--endpoint", loaded.url, "--endpoint-kind", "virtuoso", "--format", "json"
    )
    assert code == 0, err
    assert json.loads(remote) == json.loads(embedded)


@pytest.mark.parametrize("view", ["divergence", "actors", "issues"])
def test_viz_on_virtuoso_equals_the_embedded_store(
    view: str, loaded: Loaded, seed_store: Path, tmp_path: Path
) -> None:
    pages = []
    for source in ((str(seed_store),), ("--endpoint", loaded.url)):
        output = tmp_path / f"{len(pages)}.html"
        code, _, err = invoke("viz", *source, "--view", view, "-o", str(output))
        assert code == 0, err
        pages.append(output.read_text("utf-8"))
    assert pages[0] == pages[1]


def test_an_iri_parameter_reaches_virtuoso_as_one_term(loaded: Loaded) -> None:
    with EndpointStore.from_url(loaded.url, read_only=True) as store:
        rows = store.select(
            "SELECT ?label WHERE { ?side <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }",
            {"side": URIRef("https://w3id.org/stancegraph/id/side/china")},
        ).rows
    assert [str(row[0]) for row in rows] == ["China"]


def test_an_update_goes_to_the_sparql_endpoint_itself(loaded: Loaded) -> None:
    graph = "https://example.org/scratch"
    with EndpointStore.from_url(loaded.url) as store:
        before = store.count()
        store.update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:b> <urn:c> }} }}")
        assert store.count(graph) == 1 and store.count() == before + 1
        store.update(f"DROP SILENT GRAPH <{graph}>")
        assert store.count() == before
