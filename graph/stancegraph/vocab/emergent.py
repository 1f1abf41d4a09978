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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from stancegraph.namespaces import ISSUE, bind_prefixes, claim_iri

__all__ = [
    "EMERGENT_FILE",
    "EMERGENT_SCHEME",
    "GeneratedIssue",
    "emergent_files_beside",
    "emergent_scheme_graph",
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
    issues: Sequence[GeneratedIssue], *, coder: URIRef, topics: Mapping[str, object]
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
