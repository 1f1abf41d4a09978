"""``load``: RDF files into a store (embedded or an endpoint), each article's graph
replaced whole.

Every file is parsed, checked and validated against the SHACL shapes (with the
vocabulary) before the store is touched, so a bad or non-conforming file
changes nothing: a load is all or nothing up to the first write (``validate=False``,
``--no-validate``, skips the shapes, for a big corpus already validated by
``build`` or ``run``). Then the vocabulary graph and each file are written; a file's
graphs are replaced whole, so loading again (after an interruption, or with
corrected files) is always safe and never duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from stancegraph.errors import NonConformingError
from stancegraph.rdf.files import read_rdf
from stancegraph.rdf.validate import validate_graph
from stancegraph.store.base import GraphStore
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.journal import loading
from stancegraph.store.load import (
    PreparedFile,
    as_article_graphs,
    load_prepared,
    load_vocabulary_graph,
    prepare_rdf_file,
)
from stancegraph.store.open import DEFAULT_STORE, open_store
from stancegraph.vocab.model import Vocabulary, load_vocabulary

__all__ = ["DEFAULT_STORE", "LoadResult", "Progress", "as_article_graphs", "load_files"]

#: Called as ``progress(stage, path, done, total)``, *stage* ``"check"`` or ``"load"``;
#: *done* and *total* count bytes of the files of that stage.
Progress = Callable[[str, Path, int, int], None]


@dataclass(frozen=True)
class LoadResult:
    """What ``load`` did: where, the graphs replaced, triples written, quads now held."""

    store: str
    graphs: tuple[str, ...]
    triples: int
    quads_in_store: int


def _size(path: Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _marked(db: GraphStore, paths: Sequence[Path]) -> AbstractContextManager[None]:
    """The embedded store marked as being loaded until the load is done (see
    :mod:`~stancegraph.store.journal`); an endpoint keeps no such mark."""
    if isinstance(db, EmbeddedStore) and db.path is not None:
        names = " ".join(p.name for p in paths[:5]) + (" ..." if len(paths) > 5 else "")
        return loading(db.path, f"`stancegraph load {names}`", paths)
    return nullcontext()


def _check_shapes(item: PreparedFile, vocabulary: Vocabulary) -> None:
    dataset = item.dataset if item.dataset is not None else read_rdf(item.path, item.fmt)
    result = validate_graph(dataset, vocabulary)
    if not result.conforms:
        raise NonConformingError(
            f"{item.path} does not conform to the shapes ({len(result.violations)} "
            f"violation(s), first: {result.violations[0].describe()}): nothing was loaded; "
            "fix the file (`stancegraph validate` lists them all) or give --no-validate",
            report=result,
        )


def load_files(
    paths: Sequence[Path],
    *,
    store: Path | None = None,
    endpoint: str | None = None,
    vocab: Sequence[Path] = (),
    progress: Progress | None = None,
    validate: bool = True,
) -> LoadResult:
    """Load the RDF files *paths* and the vocabulary graph into the embedded store at
    *store* (default ``out/store``) or the SPARQL endpoint *endpoint*; with
    *validate*, a file that does not conform to the shapes is a
    :class:`~stancegraph.errors.NonConformingError` before anything is written."""
    total = sum(_size(p) for p in paths)
    done = 0
    prepared = []
    vocabulary = load_vocabulary(vocab)
    for path in paths:
        item = prepare_rdf_file(Path(path))
        if validate:
            _check_shapes(item, vocabulary)
        prepared.append(item)
        done += _size(path)
        if progress:
            progress("check", Path(path), done, total)
    graphs: list[str] = []
    triples = 0
    done = 0
    with (
        open_store(store, endpoint, None, read_only=False) as db,
        _marked(db, [Path(p) for p in paths]),
    ):
        report = load_vocabulary_graph(db, vocabulary.graph)
        graphs += report.graphs
        triples += report.triples
        for item in prepared:
            report = load_prepared(db, item)
            graphs += report.graphs
            triples += report.triples
            done += _size(item.path)
            if progress:
                progress("load", item.path, done, total)
        quads = db.count()
    where = endpoint if endpoint is not None else str(store or DEFAULT_STORE)
    return LoadResult(store=where, graphs=tuple(graphs), triples=triples, quads_in_store=quads)
