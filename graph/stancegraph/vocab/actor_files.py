"""Actor files a person writes by hand: YAML or CSV, given with ``--vocab`` beside Turtle.

YAML (``actors:`` a list; every key but ``name`` optional)::

    actors:
      - name: Subrahmanyam Jaishankar
        aliases: [S. Jaishankar]
        side: india            # a side id: the gazetteer's or a vocabulary file's
        role: External Affairs Minister
        from: 2019-05-30       # the membership's dates (open when left out)
        to: null
        kind: person           # person | group | organization

CSV: a header row ``name,aliases,side,role,from,to,kind``; aliases separated by
``;``. :func:`actor_file_triples` turns the file into the same RDF a Turtle
registry entry would be (an actor, its time-bounded ``org:Membership``, the
side when it comes from the gazetteer), so everything downstream is unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, OWL, RDF, SKOS, XSD

from stancegraph.errors import VocabularyError
from stancegraph.namespaces import ACTOR, MEMBERSHIP, ROLE, SCHEMA, SG, SIDE
from stancegraph.textio import read_text
from stancegraph.vocab.gazetteer import Gazetteer, normalize_phrase
from stancegraph.yamlguard import UnsafeYAMLError, check_yaml, yaml_problem

__all__ = ["ACTOR_FILE_SUFFIXES", "ActorEntry", "actor_file_triples", "read_actor_file"]

log = logging.getLogger(__name__)

#: The suffixes ``--vocab`` reads as actor files (everything else is Turtle).
ACTOR_FILE_SUFFIXES = frozenset({".yaml", ".yml", ".csv"})
_KINDS = {"person": FOAF.Person, "group": FOAF.Group, "organization": FOAF.Organization}
_KEYS = frozenset({"name", "aliases", "side", "role", "from", "to", "kind"})


@dataclass(frozen=True)
class ActorEntry:
    """One actor of an actor file, and the line it starts on."""

    line: int
    name: str
    aliases: tuple[str, ...]
    side: str | None
    role: str | None
    start: dt.date | None
    end: dt.date | None
    kind: str


def _slug(value: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in normalize_phrase(value))
    return "-".join(p for p in out.split("-") if p) or "actor"


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise VocabularyError(f"{where}: {value!r} is not a date: write YYYY-MM-DD") from exc


def _entry(raw: Mapping[str, Any], line: int, where: str) -> ActorEntry:
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise VocabularyError(
            f"{where}: unknown key {unknown[0]!r}: use {', '.join(sorted(_KEYS))}"
        )
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise VocabularyError(f"{where}: the actor has no name: add `name:`")
    aliases = raw.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split(";")]
    if not isinstance(aliases, list | tuple) or not all(isinstance(a, str) for a in aliases):
        raise VocabularyError(f"{where}: aliases must be a list of names")
    kind = str(raw.get("kind") or "person")
    if kind not in _KINDS:
        raise VocabularyError(f"{where}: kind {kind!r} is not one of {', '.join(_KINDS)}")
    side = raw.get("side")
    role = raw.get("role")
    return ActorEntry(
        line=line,
        name=" ".join(name.split()),
        aliases=tuple(" ".join(a.split()) for a in aliases if a.strip()),
        side=str(side).strip() if side not in (None, "") else None,
        role=str(role).strip() if role not in (None, "") else None,
        start=_date(raw.get("from"), where),
        end=_date(raw.get("to"), where),
        kind=kind,
    )


def _yaml_entries(text: str, path: Path) -> Iterator[ActorEntry]:
    try:
        check_yaml(text)
    except UnsafeYAMLError as exc:
        raise VocabularyError(f"actor file {path}: unsafe YAML, {exc}") from exc
    except yaml.YAMLError as exc:
        raise VocabularyError(
            f"actor file {path}: malformed YAML ({yaml_problem(exc)}): fix the syntax"
        ) from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise VocabularyError(f"actor file {path}{line}: malformed YAML: fix the syntax") from exc
    if root is None or not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise VocabularyError(f"actor file {path}: no `actors:` list: see the README's template")
    nodes = next(v for k, v in root.value if k.value == "actors").value
    for node, raw in zip(nodes, data["actors"], strict=True):
        line = node.start_mark.line + 1
        if not isinstance(raw, dict):
            raise VocabularyError(f"actor file {path} line {line}: an actor must be a mapping")
        yield _entry(raw, line, f"actor file {path} line {line}")


def _csv_entries(text: str, path: Path) -> Iterator[ActorEntry]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "name" not in reader.fieldnames:
        raise VocabularyError(
            f"actor file {path}: the first row must name the columns, with `name` among them"
        )
    for row in reader:
        line = reader.line_num
        if None in row:
            raise VocabularyError(f"actor file {path} line {line}: more cells than columns")
        yield _entry(
            {k: v for k, v in row.items() if v not in (None, "")},
            line,
            f"actor file {path} line {line}",
        )


def read_actor_file(path: Path) -> list[ActorEntry]:
    """The actors of the YAML or CSV actor file *path*."""
    text = read_text(Path(path), what="actor file")
    entries = _csv_entries if Path(path).suffix.lower() == ".csv" else _yaml_entries
    return list(entries(text, Path(path)))


def actor_file_triples(
    path: Path, graph: Graph, *, known_sides: Mapping[str, str], gazetteer: Gazetteer
) -> None:
    """Add the actors of the actor file *path* to *graph*.

    *known_sides* maps the side ids of the vocabulary files to their labels; a
    gazetteer side an actor uses is described in *graph* too. An unknown side,
    or an alias that two actors claim, is an error naming the file and line; an
    actor without a side is a warning (its claims get the side the text gives).
    """
    owners: dict[str, tuple[str, int]] = {}
    registered: dict[str, str] = {}  # aliases of the actors already in the graph
    for subject, _, name in (
        *graph.triples((None, FOAF.name, None)),
        *graph.triples((None, SKOS.altLabel, None)),
    ):
        if str(subject).startswith(str(ACTOR)) and (subject, RDF.type, SG.Actor) in graph:
            registered.setdefault(normalize_phrase(str(name)), str(subject)[len(str(ACTOR)) :])
    for entry in read_actor_file(path):
        actor_id = _slug(entry.name)
        where = f"actor file {path} line {entry.line}"
        for alias in (entry.name, *entry.aliases):
            key = normalize_phrase(alias)
            if key in owners and owners[key][0] != actor_id:
                raise VocabularyError(
                    f"{where}: alias {alias!r} is also {owners[key][0]!r}'s (line "
                    f"{owners[key][1]}): give each alias to one actor"
                )
            other = registered.get(key)
            if other is not None and other != actor_id:
                raise VocabularyError(
                    f"{where}: alias {alias!r} already names actor {other!r} of another "
                    "vocabulary file: give the alias to one actor (or use that actor's name)"
                )
            owners[key] = (actor_id, entry.line)
        node = ACTOR[actor_id]
        graph.add((node, RDF.type, SG.Actor))
        graph.add((node, RDF.type, _KINDS[entry.kind]))
        graph.add((node, FOAF.name, Literal(entry.name)))
        for alias in entry.aliases:
            graph.add((node, SKOS.altLabel, Literal(alias)))
        if entry.side is None:
            log.warning(
                "%s: actor %r has no side: add `side:` to place its claims", where, entry.name
            )
            continue
        if entry.side not in known_sides:
            entity = gazetteer.entities.get(entry.side) or gazetteer.entities.get(
                gazetteer.find(entry.side) or ""
            )
            if entity is None:
                raise VocabularyError(
                    f"{where}: side {entry.side!r} is no known side: use a side id such as "
                    "'india' or 'united-nations' (any state or organisation), or define it"
                )
            side = SIDE[entity.id]
            graph.add((side, RDF.type, SG.Side))
            graph.add((side, SKOS.prefLabel, Literal(entity.label, lang="en")))
            if entity.iri:
                graph.add((side, OWL.sameAs, URIRef(entity.iri)))
        else:
            side = SIDE[entry.side]
        membership = MEMBERSHIP[f"{actor_id}/{side.split('/')[-1]}"]
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, ORG.member, node))
        graph.add((membership, ORG.organization, side))
        if entry.role:
            role = ROLE[_slug(entry.role)]
            graph.add((membership, ORG.role, role))
            graph.add((role, RDF.type, ORG.Role))
            graph.add((role, SKOS.prefLabel, Literal(entry.role, lang="en")))
        for prop, day in ((SCHEMA.startDate, entry.start), (SCHEMA.endDate, entry.end)):
            if day is not None:
                graph.add((membership, prop, Literal(day.isoformat(), datatype=XSD.date)))
