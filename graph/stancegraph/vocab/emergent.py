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

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from stancegraph.errors import VocabularyError, first_line
from stancegraph.namespaces import CLAIM, ISSUE, bind_prefixes, claim_iri

__all__ = [
    "EMERGENT_FILE",
    "EMERGENT_SCHEME",
    "GeneratedIssue",
    "emergent_files_beside",
    "emergent_scheme_graph",
    "kept_from_earlier",
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


def emergent_scheme_graph(
    issues: Sequence[GeneratedIssue], *, coder: URIRef, topics: Collection[str]
) -> Graph:
    """The Turtle-ready graph of *issues*, attributed to *coder* (the extractor's IRI).

    A topic that is not in *topics* (the scheme's concepts) is left out rather
    than pointing at nothing.
    """
    graph = bind_prefixes(Graph())
    agent = coder
    graph.add((EMERGENT_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((EMERGENT_SCHEME, SKOS.prefLabel, Literal("Emergent issues", lang="en")))
    graph.add(
        (
            EMERGENT_SCHEME,
            SKOS.definition,
            Literal(
                "Issues grown from the claims that no proposition of the scheme fits, "
                "grouped across the corpus by what the claims are about; review, rename, "
                "merge or promote them.",
                lang="en",
            ),
        )
    )
    graph.add((EMERGENT_SCHEME, PROV.wasAttributedTo, agent))
    for issue in issues:
        node = ISSUE[issue.id]
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, ISSUE["scheme"]))
        graph.add((node, SKOS.inScheme, EMERGENT_SCHEME))
        graph.add((node, SKOS.prefLabel, Literal(issue.label, lang="en")))
        if issue.topic and issue.topic in topics:
            graph.add((node, SKOS.broader, ISSUE[issue.topic]))
        graph.add((node, PROV.wasAttributedTo, agent))
        for article, claim in issue.claims:
            graph.add((node, PROV.wasDerivedFrom, URIRef(claim_iri(article, claim))))
    return graph


def emergent_files_beside(claims_files: Iterable[Path]) -> list[Path]:
    """The generated schemes in the folders of *claims_files*, sorted, each once."""
    folders = sorted({Path(p).parent for p in claims_files})
    return [f / EMERGENT_FILE for f in folders if (f / EMERGENT_FILE).is_file()]


def kept_from_earlier(path: Path, articles: Collection[str]) -> Graph:
    """The concepts of the scheme already at *path* that claims of other articles than
    *articles* (re-extracted now) came from, with only those claims: extracting more
    articles into a folder keeps the issues its earlier claims files are on."""
    graph = bind_prefixes(Graph())
    if not path.is_file():
        return graph
    earlier = Graph()
    try:
        earlier.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many types for bad Turtle
        raise VocabularyError(
            f"{path}: not valid Turtle ({first_line(exc)}): delete it and extract again"
        ) from exc
    prefix = str(CLAIM)
    for concept in sorted(set(earlier.subjects(SKOS.inScheme, EMERGENT_SCHEME)), key=str):
        sources = [
            c
            for c in earlier.objects(concept, PROV.wasDerivedFrom)
            if str(c).startswith(prefix)
            and unquote(str(c)[len(prefix) :].split("/", 1)[0]) not in articles
        ]
        if not sources:
            continue
        for triple in earlier.triples((concept, None, None)):
            if triple[1] != PROV.wasDerivedFrom:
                graph.add(triple)
        for source in sources:
            graph.add((concept, PROV.wasDerivedFrom, source))
    return graph
