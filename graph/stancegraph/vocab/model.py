"""The vocabularies as plain values: sides, actors and their memberships, issues, stances.

:func:`load_vocabulary` reads the packaged Turtle files (plus any extra files a
user gives, to add actors or issues without code) into a :class:`Vocabulary`,
which answers the questions the rest of the package asks: what is this id,
which side did this actor belong to on that date, which topic is this issue
under.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Literal as Literal_

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, RDF, SKOS
from rdflib.term import Node

from stancegraph.errors import VocabularyError
from stancegraph.namespaces import (
    ACTOR,
    ISSUE,
    ROLE,
    SCHEMA,
    SG,
    SIDE,
    STANCE,
    bind_prefixes,
    local_id,
)
from stancegraph.vocab.actor_files import ACTOR_FILE_SUFFIXES, actor_file_triples
from stancegraph.vocab.emergent import (
    EMERGENT_SCHEME,
    Scheme,
    emergent_files_beside,
    merge_schemes,
    read_scheme_concepts,
)
from stancegraph.vocab.files import VOCABULARY_FILES, ontology_path, read_turtle
from stancegraph.vocab.gazetteer import Entity, Gazetteer, load_gazetteer

__all__ = [
    "ACTOR_KIND_CLASSES",
    "UNCLASSIFIED",
    "Actor",
    "ActorKind",
    "Issue",
    "Membership",
    "Side",
    "Stance",
    "Vocabulary",
    "actor_kind",
    "issues_from",
    "load_vocabulary",
    "side_of_entity",
    "unknown_id_message",
    "vocabulary_for_claims",
    "vocabulary_from_graph",
    "with_gazetteer",
    "with_generated_issues",
]

#: The issue id of claims that fit no issue of the scheme yet.
UNCLASSIFIED = "unclassified"


@dataclass(frozen=True)
class Side:
    """A side actors speak for: a country, an organisation, a camp."""

    id: str
    label: str
    alt_labels: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Membership:
    """An actor's time-bounded membership of a side, in a role."""

    side: str
    role: str | None = None
    role_label: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, when: dt.date | None) -> bool:
        """Whether the membership held on *when* (always, when the date is unknown)."""
        if when is None:
            return True
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Actor:
    """A person, group or organisation that can assert positions."""

    id: str
    name: str
    kind: ActorKind = "person"
    aliases: tuple[str, ...] = ()
    memberships: tuple[Membership, ...] = ()
    same_as: tuple[str, ...] = ()

    def sides_at(self, when: dt.date | None) -> tuple[str, ...]:
        """The sides the actor belonged to on *when*, most recently started first."""
        held = [m for m in self.memberships if m.covers(when)]
        held.sort(key=lambda m: (m.start or dt.date.min, m.side), reverse=True)
        return tuple(dict.fromkeys(m.side for m in held))


@dataclass(frozen=True)
class Issue:
    """A concept of the issue scheme: a CAP topic or a proposition under one."""

    id: str
    label: str
    definition: str | None = None
    alt_labels: tuple[str, ...] = ()
    notation: str | None = None
    broader: str | None = None
    top: bool = False
    #: sides the proposition is about: it fits only an article that names them all
    concerns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stance:
    """A stance of the stance scheme, with its polarity (+1 support, -1 oppose)."""

    id: str
    label: str
    polarity: int


@dataclass(frozen=True)
class Vocabulary:
    """Sides, actors, issues and stances by id, and the RDF graph they came from."""

    sides: Mapping[str, Side]
    actors: Mapping[str, Actor]
    issues: Mapping[str, Issue]
    stances: Mapping[str, Stance]
    graph: Graph = field(repr=False, compare=False)
    #: Sides that come from the world gazetteer, not from a vocabulary file: their RDF is
    #: written into the graph of each article that uses them (sides on demand).
    generated_sides: frozenset[str] = frozenset()
    #: Issues of the generated scheme of emergent issues (:mod:`stancegraph.vocab.emergent`):
    #: their RDF is written into the graph of each article whose claims are on them.
    generated_issues: frozenset[str] = frozenset()

    @cached_property
    def ntriples(self) -> str:
        """The N-Triples of :attr:`graph`, serialised once (a digest, the store and the
        shapes' check each want them; the graph is not changed once it is a vocabulary's)."""
        return self.graph.serialize(format="nt")

    def issues_to_define(self, used: Iterable[str]) -> dict[str, Issue]:
        """The emergent issues among *used*, whose RDF an article graph must carry."""
        return {i: self.issues[i] for i in sorted(set(used)) if i in self.generated_issues}

    def sides_to_define(self, used: Iterable[str]) -> dict[str, Side]:
        """The gazetteer sides among *used*, whose RDF an article graph must carry."""
        return {s: self.sides[s] for s in sorted(set(used)) if s in self.generated_sides}

    def topic_of(self, issue_id: str) -> str:
        """The top concept above *issue_id* (itself when it is one or has no broader)."""
        seen: set[str] = set()
        current = issue_id
        while True:
            issue = self.issues.get(current)
            if issue is None or issue.broader is None or current in seen:
                return current
            seen.add(current)
            current = issue.broader

    def ancestors(self, issue_id: str) -> tuple[str, ...]:
        """The chain of broader concepts of *issue_id*, nearest first."""
        chain: list[str] = []
        current = self.issues.get(issue_id)
        while current is not None and current.broader and current.broader not in chain:
            chain.append(current.broader)
            current = self.issues.get(current.broader)
        return tuple(chain)


ActorKind = Literal_["person", "group", "organization"]
#: The FOAF class of each kind of actor.
ACTOR_KIND_CLASSES: dict[ActorKind, URIRef] = {
    "person": FOAF.Person,
    "group": FOAF.Group,
    "organization": FOAF.Organization,
}


def actor_kind(types: Iterable[object]) -> ActorKind:
    """The kind of an actor typed with the RDF classes *types* (a person by default)."""
    classes = set(types)
    if FOAF.Group in classes:
        return "group"
    if FOAF.Organization in classes:
        return "organization"
    return "person"


def unknown_id_message(kind: str, value: str, known: Iterable[str]) -> str:
    """'unknown issue id 'x' (did you mean ...?)' with the fix."""
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    return (
        f"unknown {kind} id {value!r}{hint}: fix the id, or add the {kind} to a vocabulary file "
        "given with --vocab"
    )


def _text(value: object) -> str:
    return str(value)


def _labels(graph: Graph, subject: Node, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted({_text(o) for o in graph.objects(subject, predicate)}))


def _one(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    values = sorted(_text(o) for o in graph.objects(subject, predicate))
    return values[0] if values else None


def _date(value: str | None, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise VocabularyError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _ids(graph: Graph, rdf_type: URIRef, namespace: object) -> list[URIRef]:
    prefix = str(namespace)
    return sorted(
        s
        for s in set(graph.subjects(RDF.type, rdf_type))
        if isinstance(s, URIRef) and str(s).startswith(prefix)
    )


def _description(graph: Graph, subject: URIRef) -> dict[URIRef, set[Node]]:
    described: dict[URIRef, set[Node]] = {}
    for predicate, obj in graph.predicate_objects(subject):
        if isinstance(predicate, URIRef):
            described.setdefault(predicate, set()).add(obj)
    return described


def issues_from(
    description: Mapping[URIRef, Mapping[URIRef, Collection[Node]]],
) -> dict[str, Issue]:
    """The concepts of the issue scheme (``skos:inScheme issue:scheme``) in *description*
    (subject -> predicate -> objects: what an rdflib graph or a generated scheme says of
    each), by id."""
    scheme = ISSUE["scheme"]
    # looked up once: each lookup in an rdflib namespace is a Python call
    in_scheme, pref, definition, alt = SKOS.inScheme, SKOS.prefLabel, SKOS.definition, SKOS.altLabel
    notation, broader_of, top_of, concerns = (
        SKOS.notation,
        SKOS.broader,
        SKOS.topConceptOf,
        SG.concerns,
    )
    issue_ns, side_ns = str(ISSUE), str(SIDE)
    issues: dict[str, Issue] = {}
    for c in sorted(description, key=str):
        said = description[c]
        if scheme not in said.get(in_scheme, ()) or not str(c).startswith(issue_ns):
            continue

        def texts(predicate: URIRef, said: Mapping[URIRef, Collection[Node]] = said) -> list[str]:
            return sorted(_text(o) for o in said.get(predicate, ()))

        def first(predicate: URIRef) -> str | None:
            values = texts(predicate)
            return values[0] if values else None

        broader = sorted(
            str(o)
            for o in said.get(broader_of, ())
            if isinstance(o, URIRef) and str(o).startswith(issue_ns)
        )
        iid = local_id(c, ISSUE)
        issues[iid] = Issue(
            id=iid,
            label=first(pref) or iid,
            definition=first(definition),
            alt_labels=tuple(sorted(set(texts(alt)))),
            notation=first(notation),
            broader=local_id(URIRef(broader[0]), ISSUE) if broader else None,
            top=scheme in said.get(top_of, ()),
            concerns=tuple(
                sorted(
                    local_id(o, SIDE)
                    for o in said.get(concerns, ())
                    if isinstance(o, URIRef) and str(o).startswith(side_ns)
                )
            ),
        )
    return issues


def vocabulary_from_graph(graph: Graph) -> Vocabulary:
    """Read sides, actors, issues and stances out of an RDF *graph*."""
    sides = {
        local_id(s, SIDE): Side(
            id=local_id(s, SIDE),
            label=_one(graph, s, SKOS.prefLabel) or local_id(s, SIDE),
            alt_labels=_labels(graph, s, SKOS.altLabel),
            demonyms=_labels(graph, s, SG.demonym),
            same_as=_labels(graph, s, OWL.sameAs),
        )
        for s in _ids(graph, SG.Side, SIDE)
    }
    memberships: dict[str, list[Membership]] = {}
    for m in sorted(set(graph.subjects(RDF.type, ORG.Membership)), key=str):
        member = graph.value(m, ORG.member)
        organization = graph.value(m, ORG.organization)
        if not isinstance(member, URIRef) or not isinstance(organization, URIRef):
            continue
        if not str(member).startswith(str(ACTOR)) or not str(organization).startswith(str(SIDE)):
            continue
        role = graph.value(m, ORG.role)
        role_id = (
            local_id(role, ROLE)
            if isinstance(role, URIRef) and str(role).startswith(str(ROLE))
            else None
        )
        memberships.setdefault(local_id(member, ACTOR), []).append(
            Membership(
                side=local_id(organization, SIDE),
                role=role_id,
                role_label=_one(graph, role, SKOS.prefLabel) if isinstance(role, URIRef) else None,
                start=_date(_one(graph, m, SCHEMA.startDate), str(m)),
                end=_date(_one(graph, m, SCHEMA.endDate), str(m)),
            )
        )
    actors: dict[str, Actor] = {}
    for a in _ids(graph, SG.Actor, ACTOR):
        kind = actor_kind(graph.objects(a, RDF.type))
        aid = local_id(a, ACTOR)
        actors[aid] = Actor(
            id=aid,
            name=_one(graph, a, FOAF.name) or _one(graph, a, SKOS.prefLabel) or aid,
            kind=kind,
            aliases=_labels(graph, a, SKOS.altLabel),
            memberships=tuple(
                sorted(memberships.get(aid, []), key=lambda x: (x.start or dt.date.min, x.side))
            ),
            same_as=_labels(graph, a, OWL.sameAs),
        )
    issues = issues_from(
        {
            c: _description(graph, c)
            for c in set(graph.subjects(SKOS.inScheme, ISSUE["scheme"]))
            if isinstance(c, URIRef)
        }
    )
    stances: dict[str, Stance] = {}
    for s in sorted(set(graph.subjects(SKOS.inScheme, STANCE["scheme"])), key=str):
        if not isinstance(s, URIRef):
            continue
        polarity = graph.value(s, SG.polarity)
        sid = local_id(s, STANCE)
        if not isinstance(polarity, Literal):
            raise VocabularyError(f"stance {sid!r} has no sg:polarity: give it 1, 0 or -1")
        stances[sid] = Stance(
            id=sid, label=_one(graph, s, SKOS.prefLabel) or sid, polarity=int(polarity)
        )
    generated = frozenset(
        local_id(c, ISSUE)
        for c in graph.subjects(SKOS.inScheme, EMERGENT_SCHEME)
        if isinstance(c, URIRef) and local_id(c, ISSUE) in issues
    )
    return Vocabulary(
        sides=sides,
        actors=actors,
        issues=issues,
        stances=stances,
        graph=graph,
        generated_issues=generated,
    )


def side_of_entity(entity: Entity) -> Side:
    """The side a gazetteer *entity* becomes: its names, adjectives and Wikidata IRI."""
    return Side(
        id=entity.id,
        label=entity.label,
        alt_labels=tuple(sorted({*entity.names, *entity.abbreviations} - {entity.label})),
        demonyms=tuple(sorted({*entity.adjectives, *entity.demonyms})),
        same_as=(entity.iri,) if entity.iri else (),
    )


def with_gazetteer(vocabulary: Vocabulary, gazetteer: Gazetteer) -> Vocabulary:
    """*vocabulary* with every gazetteer entity as a side (a vocabulary file's side wins)."""
    extra = {
        e.id: side_of_entity(e) for e in gazetteer.entities.values() if e.id not in vocabulary.sides
    }
    return replace(
        vocabulary,
        sides={**vocabulary.sides, **extra},
        generated_sides=vocabulary.generated_sides | frozenset(extra),
    )


def with_generated_issues(vocabulary: Vocabulary, issues: Mapping[str, Issue]) -> Vocabulary:
    """*vocabulary* with the emergent *issues* (read from data, not from a file)."""
    if not issues:
        return vocabulary
    return replace(
        vocabulary,
        issues={**vocabulary.issues, **issues},
        generated_issues=vocabulary.generated_issues | frozenset(issues),
    )


#: The vocabularies loaded last, by what they were loaded from (see :func:`load_vocabulary`).
_LOADED: dict[tuple[tuple[str, int, int], ...], Vocabulary] = {}
_LOADED_MAX = 4


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        status = path.stat()
    except OSError:
        return (str(path), -1, -1)  # reading it raises the error a user sees
    return (str(path.resolve()), status.st_mtime_ns, status.st_size)


def load_vocabulary(extra: Iterable[Path] = ()) -> Vocabulary:
    """The packaged vocabularies, extended by the files in *extra* (Turtle, or YAML/CSV
    actor files: :mod:`stancegraph.vocab.actor_files`), with every entity of the world
    gazetteer available as a side.

    Parsed once per process for the same files as they are (path, modification time and
    size): ``run`` asks for it three times. A vocabulary is never changed once made
    (its graph neither), so the copies are one."""
    files = [Path(p) for p in extra]
    key = tuple(_file_key(p) for p in (*map(ontology_path, VOCABULARY_FILES), *files))
    found = _LOADED.get(key)
    if found is None:
        found = _load_vocabulary(files)
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = found
    return found


def _load_vocabulary(extra: Sequence[Path]) -> Vocabulary:
    graph = bind_prefixes(Graph())
    for name in VOCABULARY_FILES:
        read_turtle(ontology_path(name), graph)
    gazetteer = load_gazetteer()
    for path in extra:
        if Path(path).suffix.lower() in ACTOR_FILE_SUFFIXES:
            known = {local_id(s, SIDE): str(s) for s in _ids(graph, SG.Side, SIDE)}
            actor_file_triples(Path(path), graph, known_sides=known, gazetteer=gazetteer)
        else:
            read_turtle(Path(path), graph)
    return with_gazetteer(vocabulary_from_graph(graph), gazetteer)


def vocabulary_for_claims(claims_files: Iterable[Path], vocab: Iterable[Path] = ()) -> Vocabulary:
    """:func:`load_vocabulary` with *vocab* and the generated schemes of emergent issues
    that ``extract`` wrote beside *claims_files* (``emergent-issues.ttl``)."""
    vocabulary = load_vocabulary(vocab)
    scheme: Scheme = {}
    for path in emergent_files_beside(claims_files):
        merge_schemes(scheme, read_scheme_concepts(path))
    return with_generated_issues(vocabulary, issues_from(scheme))
