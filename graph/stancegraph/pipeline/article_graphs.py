"""Article graphs one at a time, kept on disk: what ``run`` builds, checks, writes and loads.

A corpus's RDF is never held whole. Each article's named graph is built on
its own (:func:`~stancegraph.rdf.build.article_triples`), written as sorted
N-Triples into ``<out>/cache/rdf/<key>.nt``, and dropped; what stays in
memory is its IRI, the digest of its content and where it lies. The key is a
SHA-256 of everything the graph is made of: the claims, the article text,
the definitions of the sides and emergent issues it describes, and the source
of the code that builds it; an unchanged article is read back, not built.

The TriG file of a run is written from these pieces, one graph after the
other (each graph's TriG block is kept beside its N-Triples), and is byte for
byte what :func:`~stancegraph.rdf.files.write_rdf` writes for the whole
dataset: Oxigraph's TriG of the quads sorted by graph, subject, predicate and
object, with the prefixes in name order.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from stancegraph import __version__
from stancegraph.claims.io import ArticleClaims
from stancegraph.collector import rarer_collections
from stancegraph.errors import OutputError
from stancegraph.namespaces import article_graph_iri
from stancegraph.pipeline.manifest import content_digest
from stancegraph.rdf.build import article_triples, ntriples_of, sides_used
from stancegraph.rdf.files import trig_body, trig_header
from stancegraph.rdf.lines import in_graph, rdf_lines
from stancegraph.textio import write_atomic
from stancegraph.vocab.model import Issue, Side, Vocabulary

__all__ = [
    "GRAPH_CACHE_FOLDER",
    "ArticleGraph",
    "GraphCache",
    "builder_fingerprint",
    "write_trig",
]

#: Where, under a run's output folder, the article graphs are kept.
GRAPH_CACHE_FOLDER = Path("cache") / "rdf"

#: The modules whose code decides what an article's graph is.
_BUILDER_SOURCES = ("rdf/build.py", "namespaces.py", "claims", "vocab/model.py")


def builder_fingerprint() -> str:
    """A SHA-256 of the version and the source of the code that builds article graphs."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode() + b"\0")
    for name in _BUILDER_SOURCES:
        base = root / name
        paths = [base] if base.is_file() else sorted(base.rglob("*.py"))
        for path in paths:
            if "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph: its IRI, the digest of its triples, its cache key."""

    iri: str
    digest: str
    key: str
    #: whether it was built by this call (False: read back from the cache)
    built: bool
    #: the size of its kept N-Triples in bytes
    size: int = 0


def _well_formed(text: str) -> bool:
    """Whether *text* looks as the builder writes it: lines of ``<subject> ... .``."""
    return text.endswith("\n") and all(
        line.startswith("<") and line.endswith(" .") for line in rdf_lines(text)
    )


def _trig_block(iri: str, ntriples: str) -> str:
    """The TriG of the graph *iri* whose triples are *ntriples* (sorted lines, as kept),
    without the prefix lines: in the order of those lines, each made a quad of *iri* as
    text (half the time of making Oxigraph quads of parsed triples and sorting them)."""
    quads = ox.parse(in_graph(ntriples, iri).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return trig_body(quads, ordered=True)


class GraphCache:
    """The article graphs of one output folder's cache (see the module docstring)."""

    def __init__(
        self,
        folder: Path,
        fingerprint: str | None = None,
        *,
        known: Mapping[str, tuple[str, int]] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.fingerprint = fingerprint if fingerprint is not None else builder_fingerprint()
        #: key -> (digest, size) of graphs an earlier run kept (from its manifest)
        self.known = dict(known or {})
        self._used: set[str] = set()

    def key(
        self, article: ArticleClaims, sides: Mapping[str, Side], issues: Mapping[str, Issue]
    ) -> str:
        """The key of *article*'s graph, described with the *sides* and *issues* it uses."""
        data = article.data
        used_sides = {s: sides[s] for s in sorted(sides_used(data)) if s in sides}
        used_issues = {c.issue: issues[c.issue] for c in data.claims if c.issue in issues}
        digest = hashlib.sha256(self.fingerprint.encode())
        for part in (
            data.model_dump_json(),
            article.text,
            repr(sorted(used_sides.items())),
            repr(sorted(used_issues.items())),
        ):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / f"{key}{suffix}"

    def build(
        self,
        article: ArticleClaims,
        *,
        sides: Mapping[str, Side],
        issues: Mapping[str, Issue],
    ) -> tuple[ArticleGraph, str | None]:
        """*article*'s graph, read back when it is kept, else built and kept; and its
        N-Triples (sorted lines), or None for a graph of :attr:`known` kept at its size
        (its digest is the one recorded: not read; :meth:`ntriples` reads it)."""
        key = self.key(article, sides, issues)
        self._used.add(key)
        iri = str(article_graph_iri(article.data.article.id))
        path = self._path(key, ".nt")
        if key in self.known:
            digest, size = self.known[key]
            try:
                if path.stat().st_size == size:
                    return ArticleGraph(iri, digest, key, built=False, size=size), None
            except OSError:
                pass
        try:
            data = path.read_bytes()
            text: str | None = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        if text and _well_formed(text):
            graph = ArticleGraph(iri, content_digest(text), key, built=False, size=len(data))
            return graph, text
        text = ntriples_of(article_triples(article, sides=sides, issues=issues))
        data = text.encode("utf-8")
        write_atomic(path, data, durable=False)  # on the disk by settle()
        self._path(key, ".trig").unlink(missing_ok=True)
        # its lines sorted and distinct already: their digest is that of the bytes
        digest = hashlib.sha256(data).hexdigest()
        return ArticleGraph(iri, digest, key, built=True, size=len(data)), text

    def ntriples(self, graph: ArticleGraph) -> str:
        """The N-Triples of *graph* (sorted lines)."""
        try:
            return self._path(graph.key, ".nt").read_text(encoding="utf-8")
        except OSError as exc:
            raise OutputError(
                f"cannot read the kept graph of {graph.iri} in {self.folder}: "
                f"{exc.strerror or exc}; delete that folder and run again"
            ) from exc

    def has_trig(self, graph: ArticleGraph) -> bool:
        """Whether the TriG block of *graph* is kept (:meth:`trig` reads it, not makes it)."""
        return self._path(graph.key, ".trig").is_file()

    def trig(self, graph: ArticleGraph) -> str:
        """The TriG block of *graph* (no prefix lines), made once and kept."""
        path = self._path(graph.key, ".trig")
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
        block = _trig_block(graph.iri, self.ntriples(graph))
        write_atomic(path, block, durable=False)
        return block

    def settle(self) -> None:
        """Wait until every file written so far has reached the disk (graphs and TriG
        blocks are written without waiting, one file each: ``run`` settles them once,
        before its manifest says they are kept). Where the system has no ``sync`` (not
        Unix), the files are left to it."""
        sync = getattr(os, "sync", None)
        if sync is not None:
            sync()

    def prune(self) -> int:
        """Remove the kept graphs not asked for by this cache's calls; how many files."""
        removed = 0
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.suffix in (".nt", ".trig") and path.stem not in self._used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


def build_graphs(
    articles: Iterable[ArticleClaims], vocabulary: Vocabulary, cache: GraphCache
) -> Iterator[tuple[ArticleGraph, str | None]]:
    """Each article's graph through *cache*, in the order of *articles* (see
    :meth:`GraphCache.build`), describing the gazetteer sides and emergent issues it uses."""
    kept = list(articles)
    sides = vocabulary.sides_to_define(s for a in kept for s in sides_used(a.data))
    issues = vocabulary.issues_to_define(c.issue for a in kept for c in a.data.claims)
    for article in kept:
        yield cache.build(article, sides=sides, issues=issues)


def write_trig(path: Path, graphs: Sequence[ArticleGraph], cache: GraphCache) -> None:
    """Write the TriG of *graphs* (in IRI order) to *path*, atomically, a graph at a time."""

    def pieces() -> Iterator[str]:
        yield trig_header()
        for graph in sorted(graphs, key=lambda g: g.iri):
            yield cache.trig(graph)

    with rarer_collections():
        write_atomic(path, pieces())
