"""The generated scheme of emergent issues: SKOS concepts the extractor grew from the claims.

``extract`` groups the claims that no proposition of the scheme fits into issues
of their own and writes them as Turtle, ``emergent-issues.ttl`` beside the
claims files::

    issue:emergent a skos:ConceptScheme ; prov:wasAttributedTo coder:stancegraph-extract-0.1.0 .
    issue:emergent-ceasefire a skos:Concept ;
        skos:inScheme issue:scheme, issue:emergent ;
        skos:prefLabel "ceasefire"@en ; skos:broader issue:international-affairs ;
        prov:wasAttributedTo coder:... ;
        prov:wasDerivedFrom claim:<article>/<claim>, ... .

Its concepts are in the main scheme too (``issue:scheme``), so everything that
reads issues reads them; :data:`EMERGENT_SCHEME` marks them as generated. A
reviewer renames one by editing its label, merges two by giving their claims one
id, and promotes one by moving it to their own ``--vocab`` file (out of
``issue:emergent``). The file is found beside the claims files it serves
(:func:`emergent_files_beside`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS
from rdflib.term import Node

from stancegraph.errors import VocabularyError, first_line
from stancegraph.namespaces import CLAIM, ISSUE, bind_prefixes, claim_iri
from stancegraph.rdf.turtle import turtle
from stancegraph.store.terms import term_converter, triple_from_oxigraph
from stancegraph.textio import read_text

__all__ = [
    "EMERGENT_FILE",
    "EMERGENT_SCHEME",
    "GeneratedIssue",
    "Scheme",
    "concepts_of",
    "emergent_files_beside",
    "emergent_scheme",
    "kept_from_earlier",
    "merge_schemes",
    "read_scheme_concepts",
    "remember_scheme",
    "scheme_graph",
    "scheme_turtle",
]

#: The file name of the generated scheme, beside the claims files.
EMERGENT_FILE = "emergent-issues.ttl"
#: The scheme of the issues the extractor generated.
EMERGENT_SCHEME = ISSUE["emergent"]


@dataclass(frozen=True)
class GeneratedIssue:
    """An emergent issue as the scheme records it: id, label, CAP topic, source claims."""

    id: str
    label: str
    topic: str | None
    claims: tuple[tuple[str, str], ...]  # (article id, claim id)


#: A generated scheme as subject -> predicate -> objects (written by
#: :func:`~stancegraph.rdf.turtle.turtle`; merged with :func:`merge_schemes`).
Scheme = dict[URIRef, dict[URIRef, set[Node]]]


def emergent_scheme(
    issues: Sequence[GeneratedIssue], *, coder: URIRef, topics: Collection[str]
) -> Scheme:
    """The scheme of *issues*, attributed to *coder* (the extractor's IRI).

    A topic that is not in *topics* (the scheme's concepts) is left out rather
    than pointing at nothing.
    """
    scheme: Scheme = {
        EMERGENT_SCHEME: {
            RDF.type: {SKOS.ConceptScheme},
            SKOS.prefLabel: {Literal("Emergent issues", lang="en")},
            SKOS.definition: {
                Literal(
                    "Issues grown from the claims that no proposition of the scheme fits, "
                    "grouped across the corpus by what the claims are about; review, "
                    "rename, merge or promote them.",
                    lang="en",
                )
            },
            PROV.wasAttributedTo: {coder},
        }
    }
    # the terms looked up once: each lookup in an rdflib namespace is a Python call
    a, concept, in_scheme, label = RDF.type, SKOS.Concept, SKOS.inScheme, SKOS.prefLabel
    attributed, derived, broader = PROV.wasAttributedTo, PROV.wasDerivedFrom, SKOS.broader
    schemes = (ISSUE["scheme"], EMERGENT_SCHEME)
    for issue in issues:
        node: dict[URIRef, set[Node]] = {
            a: {concept},
            in_scheme: set(schemes),
            label: {Literal(issue.label, lang="en")},
            attributed: {coder},
            derived: {claim_iri(article, claim) for article, claim in issue.claims},
        }
        if issue.topic and issue.topic in topics:
            node[broader] = {ISSUE[issue.topic]}
        subject = ISSUE[issue.id]
        if subject in scheme:  # the same issue twice: one description of both
            merge_schemes(scheme, {subject: node})
        else:
            scheme[subject] = node
    return scheme


def merge_schemes(scheme: Scheme, other: Scheme) -> Scheme:
    """Add the triples of *other* to *scheme* (in place) and return it."""
    for subject, predicates in other.items():
        into = scheme.setdefault(subject, {})
        for predicate, objects in predicates.items():
            into.setdefault(predicate, set()).update(objects)
    return scheme


def scheme_turtle(scheme: Scheme) -> str:
    """The Turtle of *scheme*: the scheme's own description first, then its concepts by
    IRI (sorted throughout, so the same issues give the same bytes)."""
    return turtle(scheme, first=[EMERGENT_SCHEME])


def scheme_graph(scheme: Scheme) -> Graph:
    """The triples of *scheme* as an rdflib graph (stancegraph prefixes bound)."""
    graph = bind_prefixes(Graph())
    for subject, predicates in scheme.items():
        for predicate, objects in predicates.items():
            for obj in objects:
                graph.add((subject, predicate, obj))
    return graph


def concepts_of(scheme: Scheme) -> Scheme:
    """*scheme* less the links from its concepts to the claims they came from: what
    :func:`read_scheme_concepts` reads of its Turtle (a new description; the sets are
    not shared with *scheme*)."""
    derived, claims = PROV.wasDerivedFrom, str(CLAIM)
    concepts: Scheme = {}
    for subject, predicates in scheme.items():
        into = concepts[subject] = {}
        for predicate, objects in predicates.items():
            kept = (
                {o for o in objects if not (isinstance(o, URIRef) and str(o).startswith(claims))}
                if predicate == derived
                else set(objects)
            )
            if kept:
                into[predicate] = kept
    return concepts


#: The concepts of the schemes this process wrote, by (resolved path, SHA-256 of the
#: file): read back without parsing while the file is as written (see
#: :func:`remember_scheme`).
_WRITTEN: dict[tuple[str, str], Scheme] = {}
_WRITTEN_MAX = 64


def remember_scheme(path: Path, digest: str, scheme: Scheme) -> None:
    """Note that the file at *path* holds the Turtle of *scheme*, whose UTF-8 bytes have
    the SHA-256 *digest* (hex): while it holds those bytes, :func:`read_scheme_concepts`
    gives the concepts of *scheme* without parsing them again (``run`` reads the
    schemes ``extract`` just wrote)."""
    key = (str(Path(path).resolve()), digest)
    _WRITTEN.pop(key, None)
    if len(_WRITTEN) >= _WRITTEN_MAX:
        _WRITTEN.pop(next(iter(_WRITTEN)))
    _WRITTEN[key] = concepts_of(scheme)


def read_scheme_concepts(path: Path) -> Scheme:
    """The generated scheme at *path*, less the links from its concepts to the claims
    they came from (``prov:wasDerivedFrom`` a claim: each article's graph carries its
    own). Parsed by pyoxigraph into a plain description, never an rdflib graph: the
    vocabulary takes its issues from it (:func:`~stancegraph.vocab.model.issues_from`),
    and the article graphs describe the issues they use, so nothing grows with the
    corpus in rdflib. Bad Turtle is a :class:`VocabularyError`.

    A file this process wrote and noted (:func:`remember_scheme`) that still holds
    the same bytes is not parsed: its concepts are copied from the note."""
    text = read_text(Path(path), what="generated scheme")
    known = _WRITTEN.get(
        (str(Path(path).resolve()), hashlib.sha256(text.encode("utf-8")).hexdigest())
    )
    if known is not None:
        return {s: {p: set(o) for p, o in said.items()} for s, said in known.items()}
    convert = term_converter()
    derived, claims = str(PROV.wasDerivedFrom), str(CLAIM)
    scheme: Scheme = {}
    try:
        triples = ox.parse(
            text.encode("utf-8"),
            format=ox.RdfFormat.TURTLE,
            base_iri=Path(path).resolve().as_uri(),
        )
        for triple in triples:
            obj = triple.object
            if (
                triple.predicate.value == derived
                and isinstance(obj, ox.NamedNode)
                and obj.value.startswith(claims)
            ):
                continue
            subject, predicate, value = triple_from_oxigraph(triple, convert)
            if isinstance(subject, URIRef) and isinstance(predicate, URIRef):
                scheme.setdefault(subject, {}).setdefault(predicate, set()).add(value)
    except SyntaxError as exc:
        raise VocabularyError(
            f"generated scheme {path} is not valid Turtle ({first_line(exc)}): fix the syntax, "
            "or delete it and extract again"
        ) from exc
    return scheme


def emergent_files_beside(claims_files: Iterable[Path]) -> list[Path]:
    """The generated schemes in the folders of *claims_files*, sorted, each once."""
    folders = sorted({Path(p).parent for p in claims_files})
    return [f / EMERGENT_FILE for f in folders if (f / EMERGENT_FILE).is_file()]


def kept_from_earlier(path: Path, articles: Collection[str]) -> Scheme:
    """The concepts of the scheme already at *path* that claims of other articles than
    *articles* (re-extracted now) came from, with only those claims: extracting more
    articles into a folder keeps the issues its earlier claims files are on."""
    kept: Scheme = {}
    if not path.is_file():
        return kept
    earlier = Graph()
    try:
        earlier.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many types for bad Turtle
        raise VocabularyError(
            f"{path}: not valid Turtle ({first_line(exc)}): delete it and extract again"
        ) from exc
    prefix = str(CLAIM)
    for concept in set(earlier.subjects(SKOS.inScheme, EMERGENT_SCHEME)):
        if not isinstance(concept, URIRef):
            continue
        sources = {
            c
            for c in earlier.objects(concept, PROV.wasDerivedFrom)
            if str(c).startswith(prefix)
            and unquote(str(c)[len(prefix) :].split("/", 1)[0]) not in articles
        }
        if not sources:
            continue
        node = kept.setdefault(concept, {})
        for _, predicate, obj in earlier.triples((concept, None, None)):
            if predicate != PROV.wasDerivedFrom and isinstance(predicate, URIRef):
                node.setdefault(predicate, set()).add(obj)
        node[PROV.wasDerivedFrom] = set(sources)
    return kept
