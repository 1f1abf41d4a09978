"""What the last ``run`` into an output folder built and loaded: ``<out>/manifest.json``.

For each article's named graph, a SHA-256 of its triples (sorted N-Triples lines, so
the digest is that of the content, not of an order), and the same for the vocabulary
(the packaged one and the ``--vocab`` files, which every graph is checked against), the
vocabulary graph loaded into the store (emergent issues are described in the article
graphs that use them, not there) and the
``graph.trig`` written. The next run into the folder checks against SHACL and loads
into the store only the article graphs whose digest changed (all of them when the
vocabulary changed, or when the manifest is missing, unreadable or of another
version), and leaves ``graph.trig`` alone when nothing changed. An article graph holds
the definitions of the sides and issues its claims use, so a regrouping of emergent
issues that touches an article changes its digest. It also lists
the claims files extraction wrote, so that those of articles since deleted are removed. The manifest
is written last, after the store holds what it describes: a run stopped half-way
leaves the old manifest, and the next run redoes what it describes differently.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stancegraph import __version__
from stancegraph.rdf.lines import rdf_lines
from stancegraph.textio import write_atomic

__all__ = ["MANIFEST_FILE", "RunManifest", "content_digest", "file_digest", "read_manifest"]

#: The manifest's file name in a run's output folder.
MANIFEST_FILE = "manifest.json"
_FORMAT = 1


def content_digest(ntriples: str) -> str:
    """The SHA-256 of the N-Triples *ntriples* as a set of lines (order does not count)."""
    digest = hashlib.sha256()
    for line in sorted(rdf_lines(ntriples)):
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of the bytes of *path*, or None when it cannot be read; read a block at
    a time (the TriG of 10,000 articles is 850 MB, which reading whole held in memory)."""
    try:
        with Path(path).open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class RunManifest:
    """Digests of what a run built: article graph IRI -> digest, the vocabulary graph,
    the RDF file, the files extraction wrote."""

    graphs: Mapping[str, str] = field(default_factory=dict)
    #: the vocabulary the graphs were checked against (packaged and --vocab files)
    vocabulary: str = ""
    #: the vocabulary graph loaded into the store
    loaded_vocabulary: str = ""
    rdf: str | None = None
    #: the files extraction wrote into the output folder (paths relative to it)
    files: tuple[str, ...] = ()
    version: str = __version__
    #: article graph IRI -> the key and the size in bytes of its N-Triples kept in the
    #: graph cache: a graph kept under the same key at the same size has the digest above
    kept: Mapping[str, tuple[str, int]] = field(default_factory=dict)

    def known_graphs(self) -> dict[str, tuple[str, int]]:
        """Graph cache key -> (digest, size) of the graphs this run kept."""
        return {
            key: (self.graphs[iri], size)
            for iri, (key, size) in self.kept.items()
            if iri in self.graphs
        }

    def changed(self, digests: Mapping[str, str], vocabulary: str) -> list[str]:
        """The graphs of *digests* to check and load again (sorted)."""
        return sorted(iri for iri, d in digests.items() if self.is_changed(iri, d, vocabulary))

    def is_changed(self, iri: str, digest: str, vocabulary: str) -> bool:
        """Whether the graph *iri* with content *digest* must be checked and loaded again
        (*vocabulary*: the digest of what it is checked against)."""
        if vocabulary != self.vocabulary or self.version != __version__:
            return True
        return self.graphs.get(iri) != digest

    def write(self, out: Path) -> None:
        """Write the manifest into the folder *out*, atomically."""
        document = {
            "format": _FORMAT,
            "version": self.version,
            "vocabulary": self.vocabulary,
            "loaded_vocabulary": self.loaded_vocabulary,
            "rdf": self.rdf,
            "files": sorted(self.files),
            "graphs": dict(sorted(self.graphs.items())),
            "kept": {iri: [key, size] for iri, (key, size) in sorted(self.kept.items())},
        }
        write_atomic(Path(out) / MANIFEST_FILE, json.dumps(document, indent=1) + "\n")


def read_manifest(out: Path) -> RunManifest | None:
    """The manifest of the folder *out*, or None when there is none that can be used."""
    try:
        document = json.loads((Path(out) / MANIFEST_FILE).read_text(encoding="utf-8"))
        if document.get("format") != _FORMAT:
            return None
        graphs = document["graphs"]
        if not isinstance(graphs, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in graphs.items()
        ):
            return None
        rdf = document.get("rdf")
        files = document.get("files", [])
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            return None
        kept = {
            str(iri): (str(entry[0]), int(entry[1]))
            for iri, entry in dict(document.get("kept", {})).items()
        }
        return RunManifest(
            kept=kept,
            files=tuple(files),
            graphs=graphs,
            vocabulary=str(document["vocabulary"]),
            loaded_vocabulary=str(document["loaded_vocabulary"]),
            rdf=rdf if isinstance(rdf, str) else None,
            version=str(document["version"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
