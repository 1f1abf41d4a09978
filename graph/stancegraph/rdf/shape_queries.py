"""SHACL shapes compiled into SPARQL ``ASK`` queries that Oxigraph answers.

pySHACL walks the data graph in Python, node by node: on a corpus it is most of
the time ``run`` spends after extraction. Most data conforms, and to learn
*that* it conforms needs no report. :func:`compile_shapes` turns each
constraint of a shapes graph into one ``ASK`` query that is true when some
focus node may violate it; :meth:`ShapeQueries.may_violate` asks them all of an
Oxigraph store. When none is true the data conforms; when one is, the caller
runs pySHACL for the report, which stays pySHACL's own.

The queries may say "may violate" where pySHACL finds nothing (then pySHACL's
answer stands, at pySHACL's cost), never the reverse. Where the SHACL semantics
are not plainly a SPARQL condition, they lean that way: an incomparable value
fails ``sh:minInclusive``, ``sh:in`` compares terms exactly, a literal of a
datatype whose lexical space Oxigraph cannot check fails ``sh:datatype``.

Supported (everything ``ontology/shapes.ttl`` uses, and more):

* targets: ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetNode``,
  ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, SHACL-AF ``sh:SPARQLTarget``;
* paths: predicates, sequences, ``sh:inversePath``, ``sh:alternativePath``,
  ``sh:zeroOrMorePath``, ``sh:oneOrMorePath``, ``sh:zeroOrOnePath``;
* constraints: ``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``,
  ``sh:nodeKind``, ``sh:hasValue``, ``sh:in``, ``sh:minLength``, ``sh:maxLength``,
  ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minExclusive``,
  ``sh:maxExclusive``, ``sh:node``, ``sh:property``, and SPARQL-based constraints
  (``sh:sparql`` with ``sh:select``) on node shapes;
* ``sh:deactivated``, and ``sh:severity`` (only violations count, as in
  :func:`~stancegraph.rdf.validate.validate_graph`).

SPARQL-based constraints and targets run on Oxigraph, which follows the SPARQL
standard; rdflib's engine, under pySHACL, departs from it in places (it calls
``"abc" > 5`` true, where the standard has a type error, and takes an ill-typed
``"abc"^^xsd:integer`` as numeric). A shape whose own SPARQL leans on such a
place can be judged differently by the two: write it so it does not (the
packaged shapes test offsets with ``isNumeric`` before comparing them).

Anything else (``sh:or``, ``sh:pattern``, ``sh:closed``, SHACL rules, custom
constraint components, ...) makes :func:`compile_shapes` return ``None``: the
caller then always runs pySHACL.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH, XSD
from rdflib.term import Node

from stancegraph.errors import QueryError
from stancegraph.store.binding import term_token

__all__ = ["ShapeQueries", "compile_shapes"]

#: A group graph pattern that binds the variable it is given to the focus nodes.
_Focus = Callable[[str], str]

#: Predicates of a shape that constrain nothing, or that :func:`_constraints` reads.
_KNOWN = frozenset(
    {
        RDF.type, SH.message, SH.name, SH.description, SH.order, SH.group, SH.defaultValue,
        SH.severity, SH.deactivated, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
        SH.targetObjectsOf, SH.target, SH.path, SH.property, SH.sparql, SH.minCount,
        SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH.hasValue, SH["in"],
        SH.minLength, SH.maxLength, SH.minInclusive, SH.maxInclusive, SH.minExclusive,
        SH.maxExclusive, SH.node, RDFS.label, RDFS.comment,
    }
)  # fmt: skip
#: A path that is one predicate IRI, as :meth:`_Compiler.path` writes it.
_PREDICATE = re.compile(r"<[^<>\s]*>")
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
#: Kinds of shapes graph content that change what pySHACL does beyond the constraints.
_UNSUPPORTED_TYPES = frozenset(
    {
        SH.ConstraintComponent, SH.SPARQLRule, SH.TripleRule, SH.SPARQLFunction,
        SH.JSConstraint, SH.JSRule, SH.JSTarget, SH.SPARQLAskValidator,
        SH.SPARQLSelectValidator, SH.SPARQLTargetType,
    }
)  # fmt: skip
_NODE_KINDS = {
    SH.IRI: "isIRI(?v)",
    SH.Literal: "isLiteral(?v)",
    SH.BlankNode: "isBlank(?v)",
    SH.BlankNodeOrIRI: "(isBlank(?v) || isIRI(?v))",
    SH.BlankNodeOrLiteral: "(isBlank(?v) || isLiteral(?v))",
    SH.IRIOrLiteral: "(isIRI(?v) || isLiteral(?v))",
}
#: Datatypes whose lexical space Oxigraph checks with a cast: a literal the cast
#: rejects is ill-formed. Values of any other datatype (but strings) count as
#: "may violate".
_CASTS = frozenset(
    {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.dateTime, XSD.date}
)
_STRINGS = frozenset({XSD.string, RDF.langString})
_COMPARISONS = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}
#: Words of a SPARQL constraint whose meaning pre-binding ``$this`` changes, which
#: a join with the focus nodes would not give.
_PROLOGUE = re.compile(r"\s*(?:PREFIX|BASE)\b", re.IGNORECASE)
_PREBINDING_TRAPS = re.compile(
    r"\b(?:MINUS|VALUES|SERVICE)\b|\$(?!this\b)\w+|\bSELECT\b(?s:.*)\bSELECT\b", re.IGNORECASE
)


class _UnsupportedError(Exception):
    """A shape uses something this compiler does not turn into SPARQL."""


@dataclass(frozen=True)
class ShapeQueries:
    """The ``ASK`` queries of a shapes graph (see the module docstring)."""

    queries: tuple[str, ...]

    def may_violate(self, store: ox.Store) -> bool:
        """Whether some focus node of the data in *store* (its graphs read as one) may
        violate a shape; False means the data conforms."""
        return any(bool(store.query(q, use_default_graph_as_union=True)) for q in self.queries)


def compile_shapes(shapes: Graph) -> ShapeQueries | None:
    """The queries of *shapes*, or None when a shape uses what they cannot check (or
    Oxigraph cannot parse a query made of it)."""
    try:
        compiler = _Compiler(shapes)
        bodies = list(compiler.queries())
    except _UnsupportedError:
        return None
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(compiler.prefixes.items()))
    queries = tuple(f"{prologue}ASK {{ {body} }}" for body in bodies)
    empty = ox.Store()
    for query in queries:
        try:
            empty.query(query, use_default_graph_as_union=True)
        except (SyntaxError, OSError, ValueError):
            return None
    return ShapeQueries(queries)


def _iri(node: Node) -> str:
    if not isinstance(node, URIRef):
        raise _UnsupportedError(f"{node!r} is not an IRI")
    return term_token(node)


def _token(node: Node) -> str:
    if not isinstance(node, URIRef | Literal):
        raise _UnsupportedError("a value that is neither an IRI nor a literal")
    try:
        return term_token(node)
    except QueryError as exc:
        raise _UnsupportedError(str(exc)) from exc


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.prefixes: dict[str, str] = {}
        self._names = itertools.count()
        self._open: list[Node] = []
        for kind in _UNSUPPORTED_TYPES:
            if (None, RDF.type, kind) in shapes:
                raise _UnsupportedError(f"the shapes graph has a {kind}")
        if (None, SH.rule, None) in shapes:
            raise _UnsupportedError("SHACL rules")

    def fresh(self, stem: str) -> str:
        return f"{stem}_{next(self._names)}"

    def queries(self) -> Iterator[str]:
        tops = sorted({s for p in _TARGETS for s in self.shapes.subjects(p, None)}, key=str)
        for shape in self.shapes.subjects(RDF.type, SH.NodeShape):
            if (shape, RDF.type, RDFS.Class) in self.shapes or (
                shape,
                RDF.type,
                OWL.Class,
            ) in self.shapes:
                raise _UnsupportedError("an implicit class target")
        for shape in tops:
            focus = self.targets(shape)
            yield from self.shape(shape, focus, nested=False)

    # -- targets ---------------------------------------------------------------

    def targets(self, shape: Node) -> _Focus:
        parts: list[_Focus] = []
        g = self.shapes
        for cls in g.objects(shape, SH.targetClass):
            parts.append(_pattern("", f" {_TYPE_PATH} {_iri(cls)} ."))
        for node in g.objects(shape, SH.targetNode):
            parts.append(_pattern("VALUES ", f" {{ {_token(node)} }}"))
        for prop in g.objects(shape, SH.targetSubjectsOf):
            parts.append(_pattern("", f" {_iri(prop)} [] ."))
        for prop in g.objects(shape, SH.targetObjectsOf):
            parts.append(_pattern(f"[] {_iri(prop)} ", " ."))
        for target in g.objects(shape, SH.target):
            parts.append(self.sparql_target(target))

        def focus(var: str) -> str:
            union = " UNION ".join(f"{{ {part(var)} }}" for part in parts)
            return f"{{ SELECT DISTINCT ?{var} WHERE {{ {union} }} }}"

        return focus

    def sparql_target(self, target: Node) -> _Focus:
        g = self.shapes
        if (target, RDF.type, SH.SPARQLTarget) not in g:
            raise _UnsupportedError("a target that is not a SPARQL target")
        select = g.value(target, SH.select)
        if select is None:
            raise _UnsupportedError("a SPARQL target without sh:select")
        inner = self.sparql(target, str(select))
        return lambda var: (
            f"{{ {inner} }}"
            if var == "this"
            else f"{{ SELECT (?this AS ?{var}) WHERE {{ {{ {inner} }} }} }}"
        )

    def sparql(self, node: Node, text: str) -> str:
        """The query *text* of *node* as a subquery: its ``sh:prefixes`` are declared in
        front of every query (one namespace per prefix across the shapes graph)."""
        for declares in self.shapes.objects(node, SH.prefixes):
            for decl in self.shapes.objects(declares, SH.declare):
                prefix = self.shapes.value(decl, SH.prefix)
                namespace = self.shapes.value(decl, SH.namespace)
                if prefix is None or namespace is None:
                    raise _UnsupportedError("an incomplete prefix declaration")
                if self.prefixes.setdefault(str(prefix), str(namespace)) != str(namespace):
                    raise _UnsupportedError(f"prefix {prefix} declared with two namespaces")
        if _PROLOGUE.match(text) or _PREBINDING_TRAPS.search(text):
            raise _UnsupportedError("a SPARQL query this compiler cannot join")
        return text.replace("$this", "?this")

    # -- shapes ----------------------------------------------------------------

    def active(self, shape: Node, nested: bool) -> bool:
        if self.shapes.value(shape, SH.deactivated) == Literal(True):
            return False
        severity = self.shapes.value(shape, SH.severity)
        # nested in sh:node, any result makes the value node fail the outer constraint
        return nested or severity is None or severity == SH.Violation

    def shape(self, shape: Node, focus: _Focus, *, nested: bool) -> Iterator[str]:
        g = self.shapes
        for pred in set(g.predicates(shape, None)):
            if pred not in _KNOWN and str(pred).startswith(str(SH)):
                raise _UnsupportedError(f"{pred} is not supported")
        if not self.active(shape, nested):
            return
        if shape in self._open:
            raise _UnsupportedError("shapes that refer to themselves")
        node = g.value(shape, SH.path)
        path = self.path(node) if node is not None else None
        self._open.append(shape)
        try:
            yield from self.constraints(shape, focus, path, nested)
        finally:
            self._open.pop()

    def constraints(
        self,
        shape: Node,
        focus: _Focus,
        path: str | None,
        nested: bool,
    ) -> Iterator[str]:
        """The violation patterns of *shape*'s constraints, its value nodes being those
        *path* reaches from each focus node (None: the focus node itself)."""
        g = self.shapes
        is_property = path is not None
        f, v = self.fresh("f"), self.fresh("v")

        def values(this: str, value: str) -> str:
            if path is None:
                return f"{focus(this)} BIND (?{this} AS ?{value})"
            return f"{focus(this)} ?{this} {path} ?{value} ."

        # counts of 0 and 1 on a plain predicate, the usual ones, as patterns rather than
        # groups (Oxigraph answers them by index look-ups; over a sequence path it would
        # not, and the group is faster)
        simple = path is not None and _PREDICATE.fullmatch(path) is not None
        for count in g.objects(shape, SH.minCount):
            n = _integer(count)
            if simple and n == 1:
                yield f"{focus(f)} FILTER NOT EXISTS {{ ?{f} {path} ?{v} }}"
            elif path is not None and n > 0:
                yield (
                    f"{{ SELECT ?{f} WHERE {{ {focus(f)} OPTIONAL {{ ?{f} {path} ?{v} }} }} "
                    f"GROUP BY ?{f} HAVING (COUNT(DISTINCT ?{v}) < {n}) }}"
                )
            elif n > 1:  # a node shape's one value node, its focus node
                yield focus(f)
        for count in g.objects(shape, SH.maxCount):
            n = _integer(count)
            if simple and n == 0:
                yield f"{focus(f)} ?{f} {path} ?{v} ."
            elif simple and n == 1:
                w = self.fresh("v")
                yield (
                    f"{focus(f)} ?{f} {path} ?{v} . ?{f} {path} ?{w} . "
                    f"FILTER (!sameTerm(?{v}, ?{w}))"
                )
            else:
                yield (
                    f"{{ SELECT ?{f} WHERE {{ {values(f, v)} }} GROUP BY ?{f} "
                    f"HAVING (COUNT(DISTINCT ?{v}) > {n}) }}"
                )
        for value in g.objects(shape, SH.hasValue):
            if path is not None:
                yield f"{focus(f)} FILTER NOT EXISTS {{ ?{f} {path} {_token(value)} }}"
            else:
                yield f"{focus(f)} FILTER (!sameTerm(?{f}, {_token(value)}))"
        for cls in g.objects(shape, SH["class"]):
            yield f"{values(f, v)} FILTER NOT EXISTS {{ ?{v} {_TYPE_PATH} {_iri(cls)} }}"
        for datatype in g.objects(shape, SH.datatype):
            yield f"{values(f, v)} FILTER ({_datatype_fails(datatype, v)})"
        for kind in g.objects(shape, SH.nodeKind):
            test = _NODE_KINDS.get(kind) if isinstance(kind, URIRef) else None
            if test is None:
                raise _UnsupportedError(f"node kind {kind}")
            yield f"{values(f, v)} FILTER (!{test.replace('?v', f'?{v}')})"
        for bound, op in ((SH.minLength, "<"), (SH.maxLength, ">")):
            for length in g.objects(shape, bound):
                yield (
                    f"{values(f, v)} FILTER (isBlank(?{v}) || "
                    f"!COALESCE(STRLEN(STR(?{v})) {_negate(op)} {_integer(length)}, false))"
                )
        for bound, op in _COMPARISONS.items():
            for limit in g.objects(shape, bound):
                if not isinstance(limit, Literal):
                    raise _UnsupportedError("a bound that is not a literal")
                yield f"{values(f, v)} FILTER (!COALESCE(?{v} {op} {_token(limit)}, false))"
        for members in g.objects(shape, SH["in"]):
            allowed = " || ".join(f"sameTerm(?{v}, {_token(m)})" for m in self.items(members))
            yield f"{values(f, v)} FILTER (!({allowed or 'false'}))"
        for inner in g.objects(shape, SH.node):
            yield from self.shape(inner, self.value_focus(values), nested=True)
        for prop in g.objects(shape, SH.property):
            if is_property:
                raise _UnsupportedError("sh:property on a property shape")
            yield from self.shape(prop, focus, nested=nested)
        for constraint in g.objects(shape, SH.sparql):
            if is_property:
                raise _UnsupportedError("a SPARQL constraint on a property shape ($PATH)")
            if self.active(constraint, nested):
                yield self.sparql_constraint(constraint, focus)

    def value_focus(self, values: Callable[[str, str], str]) -> _Focus:
        """The value nodes of a property shape as the focus nodes of a nested shape."""
        f, v = self.fresh("o"), self.fresh("n")
        return lambda var: f"{{ SELECT DISTINCT (?{v} AS ?{var}) WHERE {{ {values(f, v)} }} }}"

    def sparql_constraint(self, constraint: Node, focus: _Focus) -> str:
        select = self.shapes.value(constraint, SH.select)
        if select is None or (constraint, SH.ask, None) in self.shapes:
            raise _UnsupportedError("a SPARQL constraint without sh:select")
        for pred in set(self.shapes.predicates(constraint, None)):
            if pred not in _KNOWN | {SH.select, SH.prefixes} and str(pred).startswith(str(SH)):
                raise _UnsupportedError(f"{pred} on a SPARQL constraint")
        return f"{focus('this')} {{ {self.sparql(constraint, str(select))} }}"

    # -- paths -----------------------------------------------------------------

    def items(self, node: Node) -> list[Node]:
        if node == RDF.nil:
            return []
        if (node, RDF.first, None) not in self.shapes:
            raise _UnsupportedError("a list that is not an RDF list")
        return list(Collection(self.shapes, node))

    def path(self, node: Node | None) -> str:
        g = self.shapes
        if isinstance(node, URIRef):
            return _iri(node)
        if node is None or not isinstance(node, BNode):
            raise _UnsupportedError("a path that is neither an IRI nor a blank node")
        if (node, RDF.first, None) in g:
            steps = [self.path(step) for step in self.items(node)]
            if len(steps) < 2:
                raise _UnsupportedError("a sequence path of fewer than two steps")
            return "(" + "/".join(steps) + ")"
        for pred, shape in (
            (SH.inversePath, "^({})"),
            (SH.zeroOrMorePath, "({})*"),
            (SH.oneOrMorePath, "({})+"),
            (SH.zeroOrOnePath, "({})?"),
        ):
            inner = g.value(node, pred)
            if inner is not None:
                return shape.format(self.path(inner))
        alternatives = g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(step) for step in self.items(alternatives)) + ")"
        raise _UnsupportedError("a path of a kind this compiler does not know")


_TYPE_PATH = f"{term_token(RDF.type)}/{term_token(RDFS.subClassOf)}*"


def _pattern(before: str, after: str) -> _Focus:
    """A focus pattern: its variable between *before* and *after*."""
    return lambda var: f"{before}?{var}{after}"


def _integer(node: Node) -> int:
    if not isinstance(node, Literal) or not isinstance(node.value, int):
        raise _UnsupportedError("a count that is not an integer")
    return int(node.value)


def _negate(op: str) -> str:
    return {"<": ">=", ">": "<="}[op]


def _datatype_fails(datatype: Node, v: str) -> str:
    """A SPARQL condition true when ?v may not be a well-formed literal of *datatype*."""
    token = _iri(datatype)
    wrong = f"!isLiteral(?{v}) || DATATYPE(?{v}) != {token}"
    if datatype in _STRINGS:
        return wrong
    if datatype in _CASTS:
        return f"{wrong} || !COALESCE(BOUND(?{v}) && {token}(STR(?{v})) = ?{v}, false)"
    return "true"  # a lexical space Oxigraph does not check: pySHACL judges
