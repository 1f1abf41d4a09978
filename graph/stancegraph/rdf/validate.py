"""SHACL validation of stancegraph data, with violations a person can act on.

:func:`validate_graph` runs ``ontology/shapes.ttl`` (pySHACL) over the data
plus the vocabulary graph and returns :class:`Violation` values that say which
claim (article and claim id), which rule, and what to fix.
:class:`ChunkValidator` checks a corpus a chunk of article graphs at a time.

A shape whose focus nodes come from a SPARQL target (the span checks) costs
pySHACL a query in rdflib's SPARQL engine over the whole chunk, about 40% of
the time of a check. The validator first asks Oxigraph that target query, on
the same data: when it finds no focus node, the shape has nothing to check
and is left out of that chunk's pySHACL run; when it finds some, pySHACL runs
with every shape, so what it reports is always pySHACL's own.

Most chunks conform, and to learn that needs no pySHACL at all:
:meth:`ChunkValidator.check` first asks Oxigraph the shapes compiled into
``ASK`` queries (:mod:`stancegraph.rdf.shape_queries`), which never pass what
pySHACL fails; only a chunk where one of them finds something is parsed into
rdflib and checked by pySHACL, for its report.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
import pyshacl
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from stancegraph.errors import RDFError
from stancegraph.namespaces import CLAIM, bind_prefixes
from stancegraph.rdf.files import union_graph
from stancegraph.rdf.shape_queries import compile_shapes
from stancegraph.vocab.files import SHAPES_FILE, ontology_path, read_turtle
from stancegraph.vocab.model import Vocabulary

__all__ = [
    "ChunkValidator",
    "ValidationResult",
    "Violation",
    "load_shapes",
    "merge_results",
    "validate_graph",
    "validate_graphs",
]


@dataclass(frozen=True)
class Violation:
    """One failed rule: where (focus node, and claim if any), which rule, what to fix."""

    focus: str
    rule: str
    message: str
    path: str | None = None
    value: str | None = None
    article: str | None = None
    claim: str | None = None

    def place(self) -> tuple[str, ...]:
        """What violations are sorted by: focus, rule, message, path, value, article,
        claim (a missing one first)."""
        return tuple(
            "" if field is None else field
            for field in (
                self.focus, self.rule, self.message, self.path, self.value, self.article, self.claim
            )
        )  # fmt: skip

    def describe(self) -> str:
        """A one-line description: 'article X claim Y: message [rule]'."""
        where = (
            f"article {self.article} claim {self.claim}"
            if self.claim is not None
            else f"{self.focus}"
        )
        shown = f" (value {self.value})" if self.value is not None else ""
        return f"{where}: {self.message}{shown} [{self.rule}]"


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of validation: conforms, and the violations sorted by place."""

    conforms: bool
    violations: tuple[Violation, ...]


def load_shapes() -> Graph:
    """The packaged SHACL shapes graph."""
    return read_turtle(ontology_path(SHAPES_FILE))


def _short(node: object) -> str | None:
    if node is None:
        return None
    text = str(node)
    for sep in ("#", "/"):
        if sep in text and isinstance(node, URIRef):
            return text.rsplit(sep, 1)[1] or text
    return text


def _claim_parts(focus: str) -> tuple[str | None, str | None]:
    if not focus.startswith(str(CLAIM)):
        return None, None
    rest = focus[len(str(CLAIM)) :].split("#", 1)[0]
    if "/" not in rest:
        return None, None
    article, claim = rest.split("/", 1)
    return article, claim


def _rule_name(results: Graph, result: Node) -> str:
    shape = results.value(result, SH.sourceShape)
    constraint = results.value(result, SH.sourceConstraint)
    for node in (constraint, shape):
        if isinstance(node, URIRef):
            return _short(node) or str(node)
    component = results.value(result, SH.sourceConstraintComponent)
    return _short(component) or "shape"


#: Article graphs checked together by :func:`validate_graphs`.
CHUNK_ARTICLES = 50


@dataclass(frozen=True)
class _SparqlTarget:
    shape: Node
    query: str


def _sparql_targets(shapes: Graph) -> tuple[_SparqlTarget, ...]:
    """The shapes whose focus nodes a SHACL-AF SPARQL target selects, with that query
    (its ``sh:prefixes`` declarations written in front)."""
    found = []
    for shape, target in sorted(shapes.subject_objects(SH.target)):
        if (target, RDF.type, SH.SPARQLTarget) not in shapes:
            return ()  # a target kind this pre-check does not know: never skip anything
        select = shapes.value(target, SH.select)
        if select is None:
            return ()
        lines = []
        for declares in shapes.objects(target, SH.prefixes):
            for decl in shapes.objects(declares, SH.declare):
                prefix, namespace = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
                if prefix is not None and namespace is not None:
                    lines.append(f"PREFIX {prefix}: <{namespace}>")
        found.append(_SparqlTarget(shape=shape, query="\n".join([*sorted(lines), str(select)])))
    return tuple(found)


def _without(shapes: Graph, left_out: Iterable[Node]) -> Graph:
    """A copy of *shapes* without the triples of the shapes *left_out*."""
    gone = set(left_out)
    copy = Graph()
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace)
    for triple in shapes:
        if triple[0] not in gone:
            copy.add(triple)
    return copy


class ChunkValidator:
    """Validates article graphs against the shapes, a chunk at a time.

    Beside each chunk goes the part of the vocabulary graph the chunk reaches:
    the triples of every node it names, and of the nodes those name in turn,
    following links backwards only for the properties the shapes walk backwards
    (``sh:inversePath``). Every link a shape can follow from a node of the chunk
    is there, and the rest of the vocabulary (the generated schemes grow with
    the corpus) is not copied and checked again with every chunk: it is checked
    once, on its own, by :meth:`validate_vocabulary`. See the module docstring
    for the pre-check of SPARQL targets.

    :meth:`check` may be called from several threads at once: the queries on Oxigraph
    run side by side, and a chunk they flag is judged by pySHACL one at a time.
    """

    def __init__(self, vocabulary: Vocabulary, *, shapes: Graph | None = None) -> None:
        self.vocabulary = vocabulary
        self.shapes = shapes if shapes is not None else load_shapes()
        self._targets = _sparql_targets(self.shapes)
        self._queries = compile_shapes(self.shapes)
        self._variants: dict[frozenset[Node], Graph] = {}
        self._vocabulary_nt: bytes | None = None
        self._data = ox.NamedNode("urn:stancegraph:validate:chunk")
        # checks may run in several threads: Oxigraph's part at once, rdflib's in turn
        self._by_pyshacl = threading.Lock()
        backwards = set(self.shapes.objects(None, SH.inversePath))
        self._out: dict[Node, list[tuple[Node, Node, Node]]] = {}
        self._in: dict[Node, list[tuple[Node, Node, Node]]] = {}
        for triple in vocabulary.graph:
            self._out.setdefault(triple[0], []).append(triple)
            if triple[1] in backwards:
                self._in.setdefault(triple[2], []).append(triple)

    def _reached(self, graphs: Sequence[Graph]) -> list[tuple[Node, Node, Node]]:
        """The vocabulary triples reachable from the nodes of *graphs* (see the class)."""
        seen: set[Node] = set()
        todo: list[Node] = []
        for graph in graphs:
            for s, _, o in graph:
                todo.append(s)
                todo.append(o)
        found: list[tuple[Node, Node, Node]] = []
        while todo:
            node = todo.pop()
            if node in seen or isinstance(node, Literal):
                continue
            seen.add(node)
            for triple in self._out.get(node, ()):
                found.append(triple)
                todo.append(triple[2])
            for triple in self._in.get(node, ()):
                found.append(triple)
                todo.append(triple[0])
        return found

    def validate_vocabulary(self) -> ValidationResult:
        """Validate the vocabulary graph on its own (what the chunks leave out)."""
        if self._queries is not None:
            store = self._oxigraph()
            if store is not None and not self._queries.may_violate(store):
                return ValidationResult(conforms=True, violations=())
        with self._by_pyshacl:
            return validate_graph(Graph(), self.vocabulary, shapes=self.shapes, quick=False)

    def check(self, texts: Sequence[str]) -> ValidationResult:
        """Validate the article graphs given as N-Triples *texts* together, as
        :meth:`validate` does: first by the shapes' queries on Oxigraph (with the whole
        vocabulary beside the chunk, which can only add focus nodes), and only when one
        of them finds something, by pySHACL on the graphs parsed into rdflib."""
        ntriples = "".join(texts)
        if self._queries is not None:
            store = self._oxigraph(ntriples)
            if store is not None and not self._queries.may_violate(store):
                return ValidationResult(conforms=True, violations=())
        with self._by_pyshacl:  # rdflib and pySHACL, one chunk at a time
            graphs = [Graph().parse(data=text, format="nt") for text in texts]
            return self.validate(graphs, ntriples)

    def _oxigraph(self, ntriples: str | None = None) -> ox.Store | None:
        """A new in-memory store of the vocabulary and the chunk *ntriples* (in a graph
        of its own), or None when Oxigraph cannot read them (pySHACL then judges, or
        names the problem). A store per chunk: one store loaded and emptied chunk after
        chunk kept growing (about 30 MB a chunk of 50 news articles, never given back)."""
        if self._vocabulary_nt is None:
            self._vocabulary_nt = self.vocabulary.ntriples.encode("utf-8")
        store = ox.Store()
        try:
            store.bulk_load(
                self._vocabulary_nt,
                format=ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode("urn:stancegraph:validate:vocabulary"),
            )
            if ntriples:
                store.bulk_load(
                    ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=self._data
                )
        except (SyntaxError, ValueError, OSError):
            return None
        return store

    @staticmethod
    def _selects(store: ox.Store, target: _SparqlTarget) -> bool:
        solutions = store.query(target.query, use_default_graph_as_union=True)
        if not isinstance(solutions, ox.QuerySolutions):
            return True  # not a SELECT: let pySHACL judge it
        return any(True for _ in solutions)

    def _shapes_for(self, ntriples: str) -> Graph:
        """The shapes to run on the chunk *ntriples*: all, less those with no focus node."""
        if not self._targets:
            return self.shapes
        store = self._oxigraph(ntriples)
        if store is None:
            return self.shapes  # what Oxigraph cannot read: every shape, by pySHACL
        empty = frozenset(t.shape for t in self._targets if not self._selects(store, t))
        if not empty:
            return self.shapes
        if empty not in self._variants:
            self._variants[empty] = _without(self.shapes, empty)
        return self._variants[empty]

    def validate(self, graphs: Sequence[Graph], ntriples: str | None = None) -> ValidationResult:
        """Validate the article *graphs* together (*ntriples*: their N-Triples, when the
        caller has them already)."""
        owned = _union([*graphs, self._reached(graphs)])
        if ntriples is None:
            ntriples = _union(graphs).serialize(format="nt")
        return _check(owned, self._shapes_for(ntriples))


def validate_graphs(
    dataset: Dataset,
    graphs: Sequence[str],
    vocabulary: Vocabulary,
    *,
    chunk: int = CHUNK_ARTICLES,
) -> ValidationResult:
    """Validate the named *graphs* of *dataset* (article graphs, each complete in itself)
    *chunk* at a time, each chunk with the vocabulary beside it: the same violations as
    one :func:`validate_graph` of them all, in the memory of one chunk (pyshacl holds its
    own copy of what it checks, and its cost grows faster than the graph)."""
    validator = ChunkValidator(vocabulary)
    results = [validator.validate_vocabulary()]
    results.extend(
        validator.validate([dataset.graph(URIRef(iri)) for iri in graphs[start : start + chunk]])
        for start in range(0, len(graphs), chunk)
    )
    return merge_results(results)


def merge_results(results: Iterable[ValidationResult]) -> ValidationResult:
    """One result for the chunks' *results*: conforming when all do, violations sorted,
    each once (a vocabulary node the chunks share is checked with each of them)."""
    conforms = True
    violations: set[Violation] = set()
    for result in results:
        conforms = conforms and result.conforms
        violations.update(result.violations)
    return ValidationResult(
        conforms=conforms and not violations,
        violations=tuple(sorted(violations, key=Violation.place)),
    )


def validate_graph(
    data: Graph | Dataset,
    vocabulary: Vocabulary,
    *,
    shapes: Graph | None = None,
    quick: bool = True,
) -> ValidationResult:
    """Validate *data* (with *vocabulary*'s graph beside it) against the shapes: with
    *quick*, first by the shapes' queries on Oxigraph, and by pySHACL, for its report,
    only when one of them finds something (or the shapes hold what the queries cannot
    check); without, by pySHACL alone."""
    source = union_graph(data) if isinstance(data, Dataset) else data
    shapes = shapes if shapes is not None else load_shapes()
    queries = compile_shapes(shapes) if quick else None
    if queries is not None:
        store = _as_oxigraph([source, vocabulary.graph])
        if store is not None and not queries.may_violate(store):
            return ValidationResult(conforms=True, violations=())
    return _check(_union([source, vocabulary.graph]), shapes)


def _as_oxigraph(graphs: Iterable[Graph]) -> ox.Store | None:
    """An in-memory store of *graphs*, or None when one holds what N-Triples or Oxigraph
    cannot take (rdflib lets an IRI with a space in, for one): pySHACL judges that."""
    store = ox.Store()
    try:
        for graph in graphs:
            text = graph.serialize(format="nt").encode("utf-8")
            store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES)
    except Exception:  # rdflib raises plain Exception for an IRI it cannot write
        return None
    return store


def _union(sources: Iterable[Iterable[tuple[Node, Node, Node]]]) -> Graph:
    """A new graph of the triples of *sources* (graphs or lists of triples)."""
    graph = bind_prefixes(Graph())
    for source in sources:
        graph.addN((s, p, o, graph) for s, p, o in source)
    return graph


def _pyshacl(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,  # the graph is the caller's own copy: no second one
    )
    return bool(conforms), results


def _ill_typed(graph: Graph) -> list[Violation]:
    """A violation for each literal of *graph* whose text is no value of its datatype
    ("abc" as an xsd:integer offset), taken out of *graph*: pySHACL's SPARQL (rdflib)
    recurses without end on arithmetic with one."""
    bad = sorted(
        (t for t in graph if isinstance(t[2], Literal) and t[2].ill_typed),
        key=lambda t: (str(t[0]), str(t[1]), str(t[2])),
    )
    found = []
    for subject, predicate, value in bad:
        graph.remove((subject, predicate, value))
        assert isinstance(value, Literal) and value.datatype is not None
        datatype = value.datatype.n3(graph.namespace_manager)
        article, claim = _claim_parts(str(subject))
        found.append(
            Violation(
                focus=str(subject),
                rule="datatype",
                message=f"the text is no {datatype}: write a value of that type",
                path=predicate.n3(graph.namespace_manager)
                if isinstance(predicate, URIRef)
                else None,
                value=str(value),
                article=article,
                claim=claim,
            )
        )
    return found


def _check(graph: Graph, shapes: Graph) -> ValidationResult:
    """Run pySHACL with *shapes* over *graph*, which it may change (the caller's copy).
    Where pySHACL cannot compute with a literal whose text is no value of its datatype
    (its SPARQL recurses without end), those literals are violations of their own
    (:func:`_ill_typed`) and the rest is checked without them."""
    violations: list[Violation] = []
    try:
        conforms, results = _pyshacl(graph, shapes)
    except RecursionError as exc:  # rdflib's SPARQL on values it cannot compute with
        violations = _ill_typed(graph)
        if not violations:
            raise RDFError(
                "pySHACL could not check the data (it recursed without end on one of its "
                "values): check the literals' datatypes, or report the data to stancegraph"
            ) from exc
        conforms, results = _pyshacl(graph, shapes)
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = str(results.value(result, SH.focusNode))
        article, claim = _claim_parts(focus)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        violations.append(
            Violation(
                focus=focus,
                rule=_rule_name(results, result),
                message=str(results.value(result, SH.resultMessage) or "violates a shape"),
                path=None
                if path is None or not isinstance(path, URIRef)
                else path.n3(graph.namespace_manager),
                value=None
                if value is None
                else (
                    value.n3(graph.namespace_manager) if isinstance(value, URIRef) else str(value)
                ),
                article=article,
                claim=claim,
            )
        )
    violations.sort(key=Violation.place)
    return ValidationResult(
        conforms=bool(conforms) and not violations, violations=tuple(violations)
    )
