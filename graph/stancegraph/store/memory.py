"""An in-memory store holding one small RDF file and the vocabulary: ``--file``.

Nothing is written to disk; the store lives as long as the process. Good for a
file of a few articles; for a corpus, ``stancegraph load`` it into a store.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.load import load_prepared, load_vocabulary_graph, prepare_rdf_file
from stancegraph.vocab.model import load_vocabulary

__all__ = ["open_file_store"]


def open_file_store(path: Path, *, vocab: Sequence[Path] = ()) -> EmbeddedStore:
    """An in-memory store with the vocabulary (plus *vocab*) and the RDF file *path*;
    the file's own graphs, the vocabulary graph included, win."""
    prepared = prepare_rdf_file(Path(path))
    store = EmbeddedStore(None)
    load_vocabulary_graph(store, load_vocabulary(vocab).graph)
    load_prepared(store, prepared)
    return store
