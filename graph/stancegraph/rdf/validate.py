"""SHACL validation of stancegraph data, with violations a person can act on.

:func:`validate_graph` runs ``ontology/shapes.ttl`` (pySHACL) over the data
plus the vocabulary graph and returns :class:`Violation` values that say which
claim (article and claim id), which rule, and what to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyshacl
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from stancegraph.namespaces import CLAIM, bind_prefixes
from stancegraph.rdf.files import union_graph
from stancegraph.vocab.files import SHAPES_FILE, ontology_path, read_turtle
from stancegraph.vocab.model import Vocabulary

__all__ = ["ValidationResult", "Violation", "load_shapes", "validate_graph", "validate_graphs"]


@dataclass(frozen=True, order=True)
class Violation:
    """One failed rule: where (focus node, and claim if any), which rule, what to fix."""

    focus: str
    rule: str
    message: str
    path: str | None = None
    value: str | None = None
    article: str | None = None
    claim: str | None = None

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
    shapes = load_shapes()
    violations: list[Violation] = []
    conforms = True
    for start in range(0, len(graphs), chunk):
        part = Graph()
        for iri in graphs[start : start + chunk]:
            for triple in dataset.graph(URIRef(iri)):
                part.add(triple)
        result = validate_graph(part, vocabulary, shapes=shapes)
        conforms = conforms and result.conforms
        violations.extend(result.violations)
    violations.sort()
    return ValidationResult(conforms=conforms and not violations, violations=tuple(violations))


def validate_graph(
    data: Graph | Dataset, vocabulary: Vocabulary, *, shapes: Graph | None = None
) -> ValidationResult:
    """Validate *data* (with *vocabulary*'s graph beside it) against the shapes."""
    graph = bind_prefixes(Graph())
    source = union_graph(data) if isinstance(data, Dataset) else data
    for triple in source:
        graph.add(triple)
    for triple in vocabulary.graph:
        graph.add(triple)
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,  # the graph is this call's own copy: no second one
    )
    violations = []
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
    violations.sort()
    return ValidationResult(
        conforms=bool(conforms) and not violations, violations=tuple(violations)
    )
