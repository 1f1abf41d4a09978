"""A remote SPARQL 1.1 endpoint as a store: query, update and the Graph Store Protocol.

Works with any SPARQL 1.1 server that shows the union of its named graphs as the
default graph (Oxigraph: ``--union-default-graph``; Fuseki: ``unionDefaultGraph``;
Virtuoso does by default). Tested against Oxigraph and Virtuoso 7.2. Plain
``urllib``: no extra dependency.

Settings come from the environment (``--endpoint-kind`` aside), never credentials
from the command line, and credentials are never printed or logged:

=================================== ==============================================
``STANCEGRAPH_ENDPOINT_KIND``       ``oxigraph``, ``fuseki``, ``virtuoso`` or
                                    ``generic`` (default: detected from the URL)
``STANCEGRAPH_ENDPOINT_TOKEN``      bearer token (``Authorization: Bearer ...``)
``STANCEGRAPH_ENDPOINT_USER``,      HTTP basic credentials
``STANCEGRAPH_ENDPOINT_PASSWORD``
``STANCEGRAPH_ENDPOINT_TIMEOUT``    seconds for a request, its retries and its answer
                                    (default 30)
``STANCEGRAPH_ENDPOINT_RETRIES``    retries of a transient failure (default 3)
``STANCEGRAPH_ENDPOINT_UPDATE_URL`` the update service (default: the kind's)
``STANCEGRAPH_ENDPOINT_STORE_URL``  the Graph Store Protocol service (default: the kind's)
=================================== ==============================================

The kind of server sets where updates and Graph Store requests go (the two URL
variables override it):

- ``oxigraph``: query ``.../query``, update ``.../update``, graph store ``.../store``;
- ``fuseki``: query ``.../ds/sparql`` (or ``.../ds/query``), update ``.../ds/update``,
  graph store ``.../ds/data``;
- ``virtuoso``: query and update ``.../sparql`` (or ``.../sparql-auth``), graph store
  ``.../sparql-graph-crud`` (or ``.../sparql-graph-crud-auth``); the system graphs
  Virtuoso keeps for itself are left out of counts and graph lists;
- ``generic``: the query URL for all three.

When no kind is given, it is read off the query URL's path, without a request:
``/sparql`` or ``/sparql-auth`` at the root is Virtuoso's (port 8890 by default);
``/query`` at the root is Oxigraph's; ``/<dataset>/sparql`` or ``/<dataset>/query``
is Fuseki's; anything else is generic. Transient failures (connection refused or
reset, timeouts, HTTP 429, 502, 503, 504) are retried with exponential backoff, at
most ``retries`` times; an update is retried only when the server cannot have run it.
Graph Store requests send ``Accept: */*`` (Virtuoso answers a PUT that asks for
SPARQL results with HTTP 406).
"""

from __future__ import annotations

import base64
import html as htmllib
import json
import logging
import os
import re
import time
import typing
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self, get_args

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from stancegraph.errors import QueryError, StoreError
from stancegraph.store.base import AskResult, GraphResult, QueryResult, SelectResult
from stancegraph.store.binding import select_bound
from stancegraph.store.terms import RDFTerm, too_many_rows, triple_from_oxigraph

__all__ = ["ENDPOINT_KINDS", "EndpointKind", "EndpointSettings", "EndpointStore", "detect_kind"]

logger = logging.getLogger(__name__)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_TRANSIENT_STATUS = frozenset({429, 502, 503, 504})
_RESULTS_JSON = "application/sparql-results+json"
_GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_ACCEPT = f"{_RESULTS_JSON}, application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5"


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise StoreError(f"{name}={raw!r} is not a number: give seconds or a count") from None
    if value < 0:
        raise StoreError(f"{name}={raw!r} is negative: give a positive number")
    return value


def _derived(url: str, suffixes: Mapping[str, str]) -> str:
    parts = urllib.parse.urlsplit(url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last in suffixes:
        return urllib.parse.urlunsplit(parts._replace(path=f"{head}/{suffixes[last]}"))
    return url


EndpointKind = typing.Literal["oxigraph", "fuseki", "virtuoso", "generic"]
#: The kinds of server ``STANCEGRAPH_ENDPOINT_KIND`` and ``--endpoint-kind`` name.
ENDPOINT_KINDS: tuple[EndpointKind, ...] = get_args(EndpointKind)

#: Graphs a Virtuoso server holds for itself (its RDF views, the LDP vocabulary, its
#: service description), left out of :meth:`EndpointStore.count` and graph_names.
_VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)


def detect_kind(url: str) -> EndpointKind:
    """The kind of server whose SPARQL query service is at *url*, read off its path
    (no request is sent): see the module docstring."""
    segments = [s for s in urllib.parse.urlsplit(url).path.split("/") if s]
    if segments in (["sparql"], ["sparql-auth"]):
        return "virtuoso"
    if segments == ["query"]:
        return "oxigraph"
    if len(segments) >= 2 and segments[-1] in ("sparql", "query"):
        return "fuseki"
    return "generic"


def _kind(value: str | None, source: str) -> EndpointKind:
    kind = value.strip().lower() if value else ""
    if kind not in ENDPOINT_KINDS:
        raise StoreError(
            f"{source}={value!r} is not a kind of endpoint: give one of {', '.join(ENDPOINT_KINDS)}"
        )
    return kind


def _kind_urls(kind: EndpointKind, url: str) -> tuple[str, str]:
    """The update and graph-store URLs a server of *kind* has beside the query URL."""
    if kind == "oxigraph":
        return _derived(url, {"query": "update"}), _derived(url, {"query": "store"})
    if kind == "fuseki":
        return (
            _derived(url, {"query": "update", "sparql": "update"}),
            _derived(url, {"query": "data", "sparql": "data"}),
        )
    if kind == "virtuoso":
        crud = {"sparql": "sparql-graph-crud", "sparql-auth": "sparql-graph-crud-auth"}
        return url, _derived(url, crud)
    return url, url


@dataclass(frozen=True)
class EndpointSettings:
    """Where and how to reach an endpoint. ``repr`` never shows the credentials."""

    query_url: str
    update_url: str
    store_url: str
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5
    authorization: str | None = None
    kind: EndpointKind = "generic"

    def __repr__(self) -> str:
        return (
            f"EndpointSettings(query_url={self.query_url!r}, kind={self.kind!r}, "
            f"timeout={self.timeout})"
        )

    @classmethod
    def from_environment(cls, url: str, kind: str | None = None) -> EndpointSettings:
        """Settings for the query service at *url* on a server of *kind* (default:
        ``STANCEGRAPH_ENDPOINT_KIND``, else :func:`detect_kind`), the rest from the
        environment."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(
                f"{url!r} is not an http(s) URL: give the endpoint's SPARQL query URL, "
                "e.g. http://127.0.0.1:7878/query"
            )
        if parts.username is not None or parts.password is not None:
            raise StoreError(
                "the endpoint URL holds credentials: remove them and set "
                "STANCEGRAPH_ENDPOINT_USER and STANCEGRAPH_ENDPOINT_PASSWORD (or _TOKEN)"
            )
        token = os.environ.get("STANCEGRAPH_ENDPOINT_TOKEN")
        user = os.environ.get("STANCEGRAPH_ENDPOINT_USER")
        authorization = None
        if token:
            authorization = f"Bearer {token}"
        elif user:
            secret = f"{user}:{os.environ.get('STANCEGRAPH_ENDPOINT_PASSWORD', '')}"
            authorization = "Basic " + base64.b64encode(secret.encode()).decode("ascii")
        if kind is not None:
            chosen = _kind(kind, "--endpoint-kind")
        elif os.environ.get("STANCEGRAPH_ENDPOINT_KIND", "").strip():
            chosen = _kind(os.environ["STANCEGRAPH_ENDPOINT_KIND"], "STANCEGRAPH_ENDPOINT_KIND")
        else:
            chosen = detect_kind(url)
        update_url, store_url = _kind_urls(chosen, url)
        return cls(
            query_url=url,
            update_url=os.environ.get("STANCEGRAPH_ENDPOINT_UPDATE_URL") or update_url,
            store_url=os.environ.get("STANCEGRAPH_ENDPOINT_STORE_URL") or store_url,
            timeout=_env_number("STANCEGRAPH_ENDPOINT_TIMEOUT", 30.0),
            retries=int(_env_number("STANCEGRAPH_ENDPOINT_RETRIES", 3)),
            authorization=authorization,
            kind=chosen,
        )


@dataclass(frozen=True)
class _Response:
    content_type: str
    body: bytes


_HIDDEN_RE = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_RE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")


def _error_text(body: str, *, html: bool) -> str:
    """The readable part of an error answer: the first non-empty line of a text body;
    of an HTML error page (a proxy's, a servlet container's) its title, else its text
    without tags."""
    if html or body.lstrip()[:1] == "<":
        title = _TITLE_RE.search(body)
        text = title.group(1) if title else _TAG_RE.sub(" ", _HIDDEN_RE.sub(" ", body))
        return " ".join(htmllib.unescape(text).split())
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    return lines[0] if lines else ""


def _json_term(cell: Mapping[str, Any]) -> RDFTerm:
    kind, value = cell.get("type"), str(cell.get("value", ""))
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in cell:
            return Literal(value, lang=cell["xml:lang"])
        datatype = cell.get("datatype")
        if datatype and datatype != _XSD_STRING:
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise ValueError(f"unknown term type {kind!r}")


def _read_by(response: Any, deadline: float) -> bytes:
    """The body of *response*, read a piece at a time until *deadline* (monotonic clock);
    past it, :class:`TimeoutError`."""
    pieces = []
    while piece := response.read1(65536):
        pieces.append(piece)
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(pieces)


class EndpointStore:
    """A SPARQL 1.1 endpoint; *read_only* refuses updates before any request is sent."""

    def __init__(self, settings: EndpointSettings, *, read_only: bool = False) -> None:
        self.settings = settings
        self.read_only = read_only

    @classmethod
    def from_url(
        cls, url: str, *, read_only: bool = False, kind: str | None = None
    ) -> EndpointStore:
        """The endpoint whose query service is at *url*, on a server of *kind* (default:
        from the environment or the URL), configured from the environment."""
        return cls(EndpointSettings.from_environment(url, kind), read_only=read_only)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _request(
        self,
        method: str,
        url: str,
        body: bytes,
        content_type: str,
        *,
        idempotent: bool,
        accept: str = _ACCEPT,
    ) -> _Response:
        headers = {"Content-Type": content_type, "Accept": accept}
        if self.settings.authorization:
            headers["Authorization"] = self.settings.authorization
        # the timeout bounds the whole exchange: every attempt, the waits between them
        # and the reading of the answer (a server that drips bytes is cut off too)
        deadline = time.monotonic() + self.settings.timeout
        attempt = 0
        while True:
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                logger.debug("%s %s (%d bytes), attempt %d", method, url, len(body), attempt + 1)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                with urllib.request.urlopen(request, timeout=left) as response:
                    return _Response(
                        content_type=response.headers.get_content_type(),
                        body=_read_by(response, deadline),
                    )
            except urllib.error.HTTPError as exc:
                role = (
                    "store" if method != "POST" else "update" if body[:7] == b"update=" else "query"
                )
                failure = self._http_failure(exc, url, role)
                retry = exc.code in _TRANSIENT_STATUS and (idempotent or exc.code in (429, 503))
            except TimeoutError:
                failure = self._timeout(url)
                retry = idempotent
            except (urllib.error.URLError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, TimeoutError):
                    failure = self._timeout(url)
                    retry = idempotent
                else:
                    failure = StoreError(
                        f"the endpoint {url} is not reachable ({reason}): check the URL and "
                        "that the server is running"
                    )
                    retry = idempotent or isinstance(reason, ConnectionRefusedError)
            delay = self.settings.backoff * 2**attempt
            if not retry or attempt >= self.settings.retries:
                raise failure
            if time.monotonic() + delay >= deadline:
                raise self._timeout(url) if isinstance(failure, StoreError) else failure
            logger.info("%s; retrying in %.1f s", failure, delay)
            time.sleep(delay)
            attempt += 1

    def _timeout(self, url: str) -> StoreError:
        return StoreError(
            f"the endpoint {url} did not answer within {self.settings.timeout:g} s: "
            "raise STANCEGRAPH_ENDPOINT_TIMEOUT or ask for less"
        )

    def _wrong_url_fix(self, role: str) -> str:
        """The next step when the *role* URL (query, update, store) answers as if there
        were no such service there."""
        s = self.settings
        if role == "query":
            return (
                "check the --endpoint URL: it must be the server's SPARQL query service "
                "(Oxigraph .../query, Fuseki .../DATASET/sparql, Virtuoso .../sparql)"
            )
        variable = f"STANCEGRAPH_ENDPOINT_{role.upper()}_URL"
        if os.environ.get(variable):
            return f"check {variable}, which sets this URL"
        which = {"update": "the update URL", "store": "the Graph Store URL"}[role]
        kinds = "|".join(k for k in ENDPOINT_KINDS if k != s.kind)
        return (
            f"check {which}, derived for a {s.kind} server: give --endpoint-kind {kinds} "
            f"if the server is another kind, or set {variable}"
        )

    def _http_failure(
        self, exc: urllib.error.HTTPError, url: str, role: str = "query"
    ) -> StoreError | QueryError:
        raw = exc.read(2000).decode("utf-8", "replace")
        kind = (exc.headers.get_content_type() if exc.headers else "") or ""
        first = _error_text(raw, html=kind in ("text/html", "application/xhtml+xml"))
        first = (first or str(exc.reason))[:200]
        if exc.code in (404, 405, 406, 415, 501):
            return StoreError(
                f"the endpoint {url} failed (HTTP {exc.code}: {first}): {self._wrong_url_fix(role)}"
            )
        if exc.code in (401, 403):
            virtuoso = (
                ", or grant updates to Virtuoso's anonymous user (isql: GRANT SPARQL_UPDATE "
                'TO "SPARQL";)'
                if self.settings.kind == "virtuoso" and url != self.settings.query_url
                else ""
            )
            return StoreError(
                f"the endpoint {url} refused access (HTTP {exc.code}): set "
                f"STANCEGRAPH_ENDPOINT_TOKEN, or STANCEGRAPH_ENDPOINT_USER and _PASSWORD{virtuoso}"
            )
        if exc.code == 400:
            return QueryError(f"the endpoint {url} rejected the request (HTTP 400): {first}")
        return StoreError(f"the endpoint {url} failed (HTTP {exc.code}): {first}")

    def query(self, query: str, *, max_rows: int | None = None) -> QueryResult:
        """Send *query* (already bound) and read its SPARQL JSON or RDF answer (more than
        *max_rows* rows or triples in it is a :class:`QueryError`)."""
        url = self.settings.query_url
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        response = self._request(
            "POST", url, body, "application/x-www-form-urlencoded", idempotent=True
        )
        try:
            if response.content_type in (_RESULTS_JSON, "application/json"):
                result: QueryResult | None = self._solutions(json.loads(response.body))
            elif response.content_type in _GRAPH_TYPES:
                triples = ox.parse(response.body, format=_GRAPH_TYPES[response.content_type])
                result = GraphResult(triples=tuple(triple_from_oxigraph(t) for t in triples))
            else:
                result = None
        except (ValueError, SyntaxError, KeyError, TypeError, OSError) as exc:
            raise StoreError(
                f"the endpoint {url} sent a malformed {response.content_type} answer: "
                f"{str(exc)[:200]}"
            ) from exc
        if result is not None:
            size = (
                len(result.rows)
                if isinstance(result, SelectResult)
                else (len(result.triples) if isinstance(result, GraphResult) else 0)
            )
            if max_rows is not None and size > max_rows:
                raise too_many_rows(max_rows)
            return result
        raise StoreError(
            f"the endpoint {url} answered {response.content_type}, not SPARQL results: give "
            "the URL of its SPARQL query service (e.g. .../query or .../sparql)"
        )

    @staticmethod
    def _solutions(document: Mapping[str, Any]) -> SelectResult | AskResult:
        if "boolean" in document:
            return AskResult(value=bool(document["boolean"]))
        variables = tuple(str(v) for v in document["head"]["vars"])
        rows = tuple(
            tuple(_json_term(b[v]) if v in b else None for v in variables)
            for b in document["results"]["bindings"]
        )
        return SelectResult(variables=variables, rows=rows)

    def select(self, query: str, bindings: Mapping[str, RDFTerm] | None = None) -> SelectResult:
        """Run SELECT *query* with *bindings* bound."""
        return select_bound(self, query, bindings)

    def update(self, update: str) -> None:
        """Send the SPARQL *update* to the update service."""
        if self.read_only:
            raise StoreError(
                f"the endpoint {self.settings.query_url} is open read-only: give "
                "--allow-update to change it"
            )
        body = urllib.parse.urlencode({"update": update}).encode("utf-8")
        self._request(
            "POST",
            self.settings.update_url,
            body,
            "application/x-www-form-urlencoded",
            idempotent=False,
        )

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Replace *graph* by HTTP PUT to the Graph Store Protocol service."""
        if self.read_only:
            raise StoreError(f"the endpoint {self.settings.query_url} is open read-only")
        url = f"{self.settings.store_url}?{urllib.parse.urlencode({'graph': graph})}"
        # a Graph Store answer has no SPARQL results to ask for: Virtuoso refuses a PUT
        # whose Accept names only result and RDF types (HTTP 406)
        self._request(
            "PUT",
            url,
            ntriples.encode("utf-8"),
            "application/n-triples",
            idempotent=True,
            accept="*/*",
        )

    def replace_graphs(self, path: Path, fmt: str, graphs: Sequence[str]) -> None:
        """Replace *graphs* with their quads in *path*: one PUT per graph."""
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        grouped: dict[str, list[ox.Triple]] = {g: [] for g in graphs}
        try:
            for quad in ox.parse(
                path=str(path), format=formats[fmt], base_iri=Path(path).resolve().as_uri()
            ):
                if isinstance(quad.graph_name, ox.NamedNode):
                    grouped.setdefault(quad.graph_name.value, []).append(quad.triple)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot read {path}: {str(exc)[:200]}") from exc
        for graph, triples in grouped.items():
            text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            self.replace_graph(graph, text.decode("utf-8"))

    def graph_names(self) -> list[str]:
        """The named graphs the endpoint holds, sorted."""
        # Virtuoso matches no graph with an empty GRAPH ?g { }: it lists the graphs of its
        # quads (other servers list their named graphs, without reading them)
        inside = "?s ?p ?o" if self.settings.kind == "virtuoso" else ""
        result = self.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {inside} }} {self._own_graphs()} }}"
        )
        if not isinstance(result, SelectResult):
            raise StoreError("the endpoint did not answer a SELECT with solutions")
        return sorted(str(row[0]) for row in result.rows if isinstance(row[0], URIRef))

    def _own_graphs(self) -> str:
        """A FILTER leaving out the server's own graphs (Virtuoso's), or nothing."""
        if self.settings.kind != "virtuoso":
            return ""
        system = ", ".join(URIRef(g).n3() for g in _VIRTUOSO_SYSTEM_GRAPHS)
        return f"FILTER (?g NOT IN ({system}))"

    def count(self, graph: str | None = None) -> int:
        """The number of quads in *graph*, or in all named graphs."""
        if graph is None:
            query = (
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._own_graphs()} }}"
            )
        else:
            query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {URIRef(graph).n3()} {{ ?s ?p ?o }} }}"
        result = self.query(query)
        if not isinstance(result, SelectResult) or not result.rows:
            raise StoreError("the endpoint did not answer a COUNT query")
        return int(str(result.rows[0][0]))

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""
