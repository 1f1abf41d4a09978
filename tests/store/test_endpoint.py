"""The endpoint store against tiny local servers that misbehave: HTML, slow, down,
transient failures; credentials from the environment, never shown."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from typing import ClassVar

import pytest
from rdflib import Literal, URIRef

from stancegraph.errors import QueryError, StoreError
from stancegraph.store.base import AskResult, SelectResult
from stancegraph.store.endpoint import ENDPOINT_KINDS, EndpointSettings, EndpointStore, detect_kind
from stancegraph.store.open import open_store, using_endpoint_kind


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers by path: /html, /slow, /flaky (503 then JSON), /json, /bad; a PUT to
    /forbidden with 403, any other PUT with 201 (406 without */* in its Accept)."""

    calls: ClassVar[list[tuple[str, str | None]]] = []
    flaky_left: ClassVar[int] = 0
    #: (path, Accept header) of each Graph Store PUT
    puts: ClassVar[list[tuple[str, str | None]]] = []

    def log_message(self, *args: object) -> None:
        return

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Handler.puts.append((self.path, self.headers.get("Accept")))
        # as Virtuoso does: a PUT that asks only for results or RDF is not acceptable
        accept = self.headers.get("Accept") or "*/*"
        if self.path.startswith("/forbidden"):
            self.send_response(403)
        elif self.path.startswith("/nostore"):
            self.send_response(405)
        else:
            self.send_response(406 if "*/*" not in accept else 201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Handler.calls.append((self.path, self.headers.get("Authorization")))
        if self.path == "/slow":
            time.sleep(1.0)
        if self.path == "/drip":  # headers at once, then a byte every 0.1 s for 3 s
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", "30")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
            return
        if self.path == "/flaky" and Handler.flaky_left > 0:
            Handler.flaky_left -= 1
            self.send_error(503)
            return
        if self.path == "/gone":  # a proxy's HTML error page
            page = (
                b"<!DOCTYPE html><html><head><style>p{}</style><title>404 Not Found</title>"
                b"</head><body><h1>Not Found</h1><p>nginx</p></body></html>"
            )
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        if self.path == "/bad":
            self.send_error(400, "Parser error at line 1")
            return
        if self.path == "/html":
            body, kind = b"<html><body>Welcome</body></html>", "text/html"
        else:
            document = {
                "head": {"vars": ["x", "y"]},
                "results": {
                    "bindings": [
                        {
                            "x": {"type": "uri", "value": "https://example.org/a"},
                            "y": {
                                "type": "literal",
                                "value": "v",
                                "datatype": "http://www.w3.org/2001/XMLSchema#string",
                            },
                        }
                    ]
                },
            }
            body, kind = json.dumps(document).encode(), "application/sparql-results+json"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.calls.clear()
    Handler.puts.clear()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def endpoint(url: str, **kwargs: float) -> EndpointStore:
    settings = EndpointSettings(
        query_url=url, update_url=url, store_url=url, backoff=0.01, **kwargs
    )  # type: ignore[arg-type]
    return EndpointStore(settings, read_only=True)


def test_select_results_with_token_from_environment(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_TOKEN", "s3cret-token")
    store = EndpointStore.from_url(server + "/json", read_only=True)
    result = store.query("SELECT * WHERE { ?x ?p ?y }")
    assert result == SelectResult(("x", "y"), ((URIRef("https://example.org/a"), Literal("v")),))
    assert Handler.calls == [("/json", "Bearer s3cret-token")]
    assert "s3cret" not in repr(store.settings)


def test_html_answer_is_a_clear_error(server: str) -> None:
    with pytest.raises(StoreError, match="answered text/html, not SPARQL results"):
        endpoint(server + "/html").query("ASK { ?s ?p ?o }")


def test_the_timeout_bounds_every_attempt_together(server: str) -> None:
    start = time.monotonic()
    with pytest.raises(StoreError, match="did not answer within 0.2 s"):
        endpoint(server + "/slow", timeout=0.2, retries=3).query("ASK { ?s ?p ?o }")
    # one attempt took the whole time: no retry runs past it (it was 4 x 0.2 s)
    assert time.monotonic() - start < 0.6
    assert len(Handler.calls) == 1


def test_a_server_that_drips_its_answer_is_cut_off(server: str) -> None:
    start = time.monotonic()
    with pytest.raises(StoreError, match="did not answer within 0.5 s"):
        endpoint(server + "/drip", timeout=0.5, retries=0).query("ASK { ?s ?p ?o }")
    assert time.monotonic() - start < 1.5  # the answer takes 3 s


def test_transient_503_is_retried(server: str) -> None:
    Handler.flaky_left = 2
    assert isinstance(endpoint(server + "/flaky", retries=3).query("SELECT * {}"), SelectResult)
    assert len(Handler.calls) == 3


def test_rejected_query_and_down_server(server: str) -> None:
    with pytest.raises(QueryError, match="rejected the request"):
        endpoint(server + "/bad").query("SELECT * {}")
    with pytest.raises(StoreError, match="is not reachable .*check the URL"):
        endpoint("http://127.0.0.1:9/query", retries=1).query("SELECT * {}")


def test_a_wrong_url_is_named_with_its_status_and_the_fix(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(StoreError) as caught:
        endpoint(server + "/gone").query("SELECT * {}")
    message = str(caught.value)
    assert f"the endpoint {server}/gone failed (HTTP 404: 404 Not Found)" in message
    assert "check the --endpoint URL" in message and "<" not in message
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_STORE_URL", server + "/nostore")
    store = EndpointStore.from_url(server + "/json", read_only=False)
    with pytest.raises(StoreError, match=r"HTTP 405.*check STANCEGRAPH_ENDPOINT_STORE_URL"):
        store.replace_graph("https://example.org/g", "")
    monkeypatch.delenv("STANCEGRAPH_ENDPOINT_STORE_URL")
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_UPDATE_URL", server + "/gone")
    with pytest.raises(StoreError, match=r"HTTP 404.*check STANCEGRAPH_ENDPOINT_UPDATE_URL"):
        EndpointStore.from_url(server + "/json", read_only=False).update("CLEAR ALL")


def test_error_text_of_html_pages_and_plain_bodies() -> None:
    from stancegraph.store.endpoint import _error_text

    assert _error_text("<html><body><h1>Bad &amp; worse</h1>\n</body></html>", html=True) == (
        "Bad & worse"
    )
    assert _error_text("\n\nParse error at 1:3\nmore", html=False) == "Parse error at 1:3"
    assert _error_text("", html=False) == ""


def test_read_only_refuses_updates_before_sending(server: str) -> None:
    with pytest.raises(StoreError, match="read-only: give --allow-update"):
        endpoint(server + "/json").update("DROP ALL")
    assert Handler.calls == []


def test_url_conventions_and_credentials_in_url(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = EndpointSettings.from_environment("http://h:7878/query")
    assert (settings.update_url, settings.store_url) == (
        "http://h:7878/update",
        "http://h:7878/store",
    )
    settings = EndpointSettings.from_environment("http://h/ds/sparql")
    assert (settings.update_url, settings.store_url) == ("http://h/ds/update", "http://h/ds/data")
    with pytest.raises(StoreError, match="holds credentials") as caught:
        EndpointSettings.from_environment("http://me:pw@h/query")
    assert "pw" not in str(caught.value)
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="STANCEGRAPH_ENDPOINT_TIMEOUT"):
        EndpointSettings.from_environment("http://h/query")


def test_ask_result_from_json() -> None:
    assert EndpointStore._solutions({"head": {}, "boolean": True}) == AskResult(True)


@pytest.mark.parametrize(
    ("url", "kind", "update", "store"),
    [
        ("http://h:7878/query", "oxigraph", "http://h:7878/update", "http://h:7878/store"),
        ("http://h:3030/ds/sparql", "fuseki", "http://h:3030/ds/update", "http://h:3030/ds/data"),
        ("http://h:3030/ds/query", "fuseki", "http://h:3030/ds/update", "http://h:3030/ds/data"),
        (
            "http://h:8890/sparql",
            "virtuoso",
            "http://h:8890/sparql",
            "http://h:8890/sparql-graph-crud",
        ),
        (
            "https://h/sparql-auth/",
            "virtuoso",
            "https://h/sparql-auth/",
            "https://h/sparql-graph-crud-auth",
        ),
        (
            "http://h/repositories/x",
            "generic",
            "http://h/repositories/x",
            "http://h/repositories/x",
        ),
    ],
)
def test_the_kind_is_read_off_the_url_and_sets_the_other_urls(
    url: str, kind: str, update: str, store: str
) -> None:
    assert detect_kind(url) == kind
    settings = EndpointSettings.from_environment(url)
    assert (settings.kind, settings.update_url, settings.store_url) == (kind, update, store)


def test_a_kind_given_overrides_detection_and_the_url_variables_override_the_kind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = EndpointSettings.from_environment("http://h:8890/sparql", "fuseki")
    assert (settings.kind, settings.store_url) == ("fuseki", "http://h:8890/data")
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_KIND", "Virtuoso")
    settings = EndpointSettings.from_environment("http://h/x/sparql")
    assert (settings.kind, settings.update_url) == ("virtuoso", "http://h/x/sparql")
    assert "kind='virtuoso'" in repr(settings)
    # the option wins over the environment
    assert EndpointSettings.from_environment("http://h/x/sparql", "generic").kind == "generic"
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_STORE_URL", "http://other/gsp")
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_UPDATE_URL", "http://other/up")
    settings = EndpointSettings.from_environment("http://h:8890/sparql")
    assert (settings.update_url, settings.store_url) == ("http://other/up", "http://other/gsp")


def test_an_unknown_kind_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEGRAPH_ENDPOINT_KIND", "blazegraph")
    with pytest.raises(StoreError, match="STANCEGRAPH_ENDPOINT_KIND='blazegraph' is not a kind"):
        EndpointSettings.from_environment("http://h/query")
    with pytest.raises(StoreError, match="oxigraph, fuseki, virtuoso, generic"):
        EndpointSettings.from_environment("http://h/query", "qlever")


def test_the_cli_kinds_are_the_stores_kinds() -> None:
    from stancegraph.cli.common import EndpointKind

    assert tuple(kind.value for kind in EndpointKind) == ENDPOINT_KINDS


def test_open_store_takes_the_kind_from_its_argument_or_the_block() -> None:
    with open_store(endpoint="http://h/sparql", read_only=True, endpoint_kind="generic") as store:
        assert isinstance(store, EndpointStore) and store.settings.kind == "generic"
    with using_endpoint_kind("oxigraph"):
        with open_store(endpoint="http://h/sparql", read_only=True) as store:
            assert isinstance(store, EndpointStore) and store.settings.kind == "oxigraph"
        with pytest.raises(StoreError, match="--endpoint-kind oxigraph was given without"):
            open_store(store_dir=None, read_only=True)
    with open_store(endpoint="http://h/sparql", read_only=True) as store:
        assert isinstance(store, EndpointStore) and store.settings.kind == "virtuoso"


def test_graph_store_put_accepts_any_answer(server: str) -> None:
    settings = EndpointSettings(query_url=server, update_url=server, store_url=server + "/gsp")
    EndpointStore(settings).replace_graph("https://example.org/g", "<urn:a> <urn:b> <urn:c> .\n")
    assert Handler.puts == [("/gsp?graph=https%3A%2F%2Fexample.org%2Fg", "*/*")]


def test_virtuoso_refusing_an_update_says_what_to_grant(server: str) -> None:
    settings = EndpointSettings(
        query_url=server + "/sparql",
        update_url=server + "/sparql",
        store_url=server + "/forbidden",
        kind="virtuoso",
    )
    with pytest.raises(StoreError, match='GRANT SPARQL_UPDATE TO "SPARQL"'):
        EndpointStore(settings).replace_graph("https://example.org/g", "")
