"""Reading and writing RDF files in every format stancegraph speaks, deterministically.

Formats by extension: ``.trig``, ``.ttl``, ``.nq``, ``.nt``, ``.jsonld``
(``--format`` overrides). Quad formats keep one named graph per article;
triple formats (Turtle, N-Triples) hold the union of the graphs. The same data
always serialises to the same bytes: line formats are sorted, JSON-LD is
normalised, Turtle and TriG come from rdflib's sorted serialisers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from stancegraph.errors import RDFError, first_line
from stancegraph.namespaces import PREFIXES, bind_prefixes
from stancegraph.rdf.lines import sorted_lines
from stancegraph.store.terms import term_converter
from stancegraph.textio import read_text, write_atomic

__all__ = [
    "FORMATS",
    "QUAD_FORMATS",
    "format_for",
    "normalise_jsonld",
    "read_rdf",
    "serialize_rdf",
    "sorted_lines",
    "trig_body",
    "trig_header",
    "union_graph",
    "write_rdf",
]

#: Our format names -> rdflib's.
FORMATS = {
    "trig": "trig",
    "turtle": "turtle",
    "nquads": "nquads",
    "ntriples": "nt",
    "json-ld": "json-ld",
}
QUAD_FORMATS = frozenset({"trig", "nquads", "json-ld"})
_EXTENSIONS = {
    ".trig": "trig",
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nq": "nquads",
    ".nt": "ntriples",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


def format_for(path: Path, explicit: str | None = None, *, option: str | None = None) -> str:
    """The format named by *explicit*, or else by *path*'s extension; *option* is the
    command's option that names a format, for the message (an input file by default)."""
    if explicit:
        name = explicit.lower()
        aliases = {"ttl": "turtle", "nq": "nquads", "nt": "ntriples", "jsonld": "json-ld"}
        name = aliases.get(name, name)
        if name not in FORMATS:
            raise RDFError(f"unknown RDF format {explicit!r}: use one of {', '.join(FORMATS)}")
        return name
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        fix = f"give {option}" if option else "name it (validate: --rdf-format)"
        raise RDFError(
            f"cannot tell the RDF format of {path} from its extension: use one of "
            f"{', '.join(sorted(_EXTENSIONS))} or {fix}"
        )
    return _EXTENSIONS[suffix]


def union_graph(dataset: Dataset) -> Graph:
    """All triples of every graph of *dataset* in one plain graph."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def normalise_jsonld(text: str) -> str:
    """JSON-LD text with keys and lists sorted: the same bytes for the same graph."""
    doc: Any = json.loads(text)
    items = doc if isinstance(doc, list) else [doc]

    def norm(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: norm(value[k]) for k in sorted(value)}
        if isinstance(value, list):
            return sorted((norm(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return value

    return json.dumps(norm(items), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def trig_header() -> str:
    """The ``@prefix`` lines of our TriG: :mod:`stancegraph.namespaces` in name order."""
    return "".join(
        f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(PREFIXES.items())
    )


def trig_body(quads: Iterable[ox.Quad], *, ordered: bool = False) -> str:
    """*quads* as TriG written by Oxigraph without the prefix lines (:func:`trig_header`),
    sorted by graph, subject, predicate and object: the same bytes in every process
    (*ordered*: they come in an order of their own that is always the same, such as the
    sorted lines of N-Quads, and are written in it). The TriG of several graphs is the
    concatenation of each one's."""
    if not ordered:
        quads = sorted(
            quads,
            key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
        )
    namespaces = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    text = (ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=namespaces) or b"").decode()
    lines = text.split("\n")
    head = sum(1 for line in lines if line.startswith("@prefix "))
    if any(line.startswith("@prefix ") for line in lines[head:]):
        raise RDFError("unexpected TriG from the serializer: prefixes after the data")
    return "\n".join(lines[head:])


def _sorted_trig(dataset: Dataset) -> str:
    """*dataset* as TriG written by Oxigraph (about 3x rdflib's TriG writer, which took
    most of a large ``run``), with :func:`trig_header` and :func:`trig_body`."""
    quads = ox.parse(dataset.serialize(format="nquads"), format=ox.RdfFormat.N_QUADS)
    return trig_header() + trig_body(quads)


def serialize_rdf(dataset: Dataset, fmt: str) -> str:
    """*dataset* as text in our format *fmt*, byte-identical for identical data."""
    if fmt not in FORMATS:
        raise RDFError(f"unknown RDF format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "trig":
        return _sorted_trig(dataset)
    source: Graph | Dataset = dataset if fmt in QUAD_FORMATS else union_graph(dataset)
    text = source.serialize(format=FORMATS[fmt])
    if fmt in ("nquads", "ntriples"):
        return sorted_lines(text)
    if fmt == "json-ld":
        return normalise_jsonld(text)
    return text


def write_rdf(dataset: Dataset, path: Path, fmt: str | None = None) -> str:
    """Write *dataset* to *path* atomically; return the format used."""
    name = format_for(path, fmt, option="--format")
    write_atomic(Path(path), serialize_rdf(dataset, name))
    return name


_OXIGRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
}


def _remote_context(value: Any) -> str | None:
    """The first ``@context`` anywhere in a JSON-LD document that names a URL."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                items = item if isinstance(item, list) else [item]
                url = next((i for i in items if isinstance(i, str)), None)
                if url is not None:
                    return url
            found = _remote_context(item)
            if found is not None:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _remote_context(item)
            if found is not None:
                return found
    return None


def _add_quads(dataset: Dataset, quads: Iterable[ox.Quad]) -> None:
    """Add Oxigraph's *quads* to the rdflib *dataset*, each distinct term converted once."""
    convert = term_converter()
    default = DATASET_DEFAULT_GRAPH_ID
    graphs: dict[object, Graph] = {}
    for quad in quads:
        name = quad.graph_name
        graph = graphs.get(name)
        if graph is None:
            identifier = default if isinstance(name, ox.DefaultGraph) else convert(name)
            graph = graphs[name] = dataset.graph(identifier)
        triple = (convert(quad.subject), convert(quad.predicate), convert(quad.object))
        graph.add(triple)  # type: ignore[arg-type]  # a quad's terms are never None


def read_rdf(path: Path, fmt: str | None = None, *, allow_remote: bool = False) -> Dataset:
    """Parse the RDF file *path* into a dataset whose default graph is the union of all.

    A JSON-LD file whose ``@context`` is a URL would make the parser fetch it: that is
    refused unless *allow_remote* (input data never makes a request on its own)."""
    name = format_for(path, fmt)
    text = read_text(Path(path), what="RDF file")
    if name == "json-ld" and not allow_remote:
        try:
            url = _remote_context(json.loads(text))
        except ValueError:
            url = None  # not JSON: the parser below says so
        if url is not None:
            raise RDFError(
                f"{path}: its JSON-LD @context is the URL {url[:100]}, which would be fetched: "
                "inline the context in the file"
            )
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    if name in _OXIGRAPH_FORMATS:
        # Oxigraph parses Turtle, TriG, N-Triples and N-Quads, and says where and what is
        # wrong ("line 4 column 1: Unexpected end"; rdflib said "at line 6 of <>:"); its
        # quads go straight into the dataset: rdflib's own N-Triples parser takes minutes
        # over one 10 MB literal
        try:
            quads = ox.parse(
                text.encode("utf-8"),
                format=_OXIGRAPH_FORMATS[name],
                base_iri=Path(path).resolve().as_uri(),
            )
            _add_quads(dataset, quads)
        except SyntaxError as exc:
            raise RDFError(
                f"{path} is not valid {name} ({first_line(exc)}): fix the file or its extension"
            ) from exc
        return dataset
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    try:
        dataset.parse(data=text, format=FORMATS[name], publicID=Path(path).resolve().as_uri())
    except Exception as exc:  # rdflib raises many types for bad input
        raise RDFError(
            f"{path} is not valid {name} ({first_line(exc)}): fix the file or its extension"
        ) from exc
    return dataset
