"""Where the packaged ontology files are, and reading extra vocabulary files.

The ``ontology/`` folder at the top of the repository ships inside the package
(``stancegraph/ontology``): the OWL ontology, the SHACL shapes, the issue and
stance schemes, and the actor registry.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Graph

from stancegraph.errors import VocabularyError, first_line
from stancegraph.namespaces import bind_prefixes
from stancegraph.textio import read_text

__all__ = [
    "ACTORS_FILE",
    "ISSUES_FILE",
    "ONTOLOGY_FILE",
    "SHAPES_FILE",
    "STANCES_FILE",
    "VOCABULARY_FILES",
    "ontology_path",
    "read_turtle",
]

ONTOLOGY_FILE = "stancegraph.ttl"
SHAPES_FILE = "shapes.ttl"
ISSUES_FILE = "issues.ttl"
STANCES_FILE = "stances.ttl"
ACTORS_FILE = "actors.ttl"
#: The files that together make the vocabulary graph loaded beside every article.
VOCABULARY_FILES = (ONTOLOGY_FILE, ISSUES_FILE, STANCES_FILE, ACTORS_FILE)


def ontology_path(name: str) -> Path:
    """The path of the packaged ontology file *name*."""
    path = Path(str(resources.files("stancegraph") / "ontology" / name))
    if not path.is_file():
        raise VocabularyError(
            f"packaged ontology file {name} is missing from {path.parent}: reinstall stancegraph"
        )
    return path


def read_turtle(path: Path, graph: Graph | None = None) -> Graph:
    """Parse the Turtle file *path* into *graph* (a new one by default)."""
    graph = bind_prefixes(Graph()) if graph is None else graph
    text = read_text(Path(path), what="vocabulary file")
    try:
        graph.parse(data=text, format="turtle", publicID=Path(path).resolve().as_uri())
    except Exception as exc:  # rdflib raises many types for bad Turtle
        raise VocabularyError(
            f"vocabulary file {path} is not valid Turtle ({first_line(exc)}): fix the syntax"
        ) from exc
    return graph
