from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import StoreError, StoreLockedError
from stancegraph.namespaces import article_graph_iri
from stancegraph.rdf.build import claims_to_dataset
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.load import load_dataset, load_vocabulary_graph
from stancegraph.vocab.model import Vocabulary


def test_loading_twice_replaces_and_never_duplicates(
    tmp_path: Path, mini: ArticleClaims, mini_vocab: Vocabulary
) -> None:
    dataset = claims_to_dataset([mini])
    with EmbeddedStore(tmp_path / "store") as store:
        load_vocabulary_graph(store, mini_vocab.graph)
        first = load_dataset(store, dataset)
        count = store.count()
        load_dataset(store, dataset)
        load_vocabulary_graph(store, mini_vocab.graph)
        assert store.count() == count
        graph = str(article_graph_iri(mini.data.article.id))
        assert store.count(graph) == first.triples
        assert graph in store.graph_names()


def test_reloading_a_changed_article_drops_its_old_triples(
    tmp_path: Path, mini: ArticleClaims
) -> None:
    graph = str(article_graph_iri(mini.data.article.id))
    fewer = ArticleClaims(
        data=mini.data.model_copy(update={"claims": mini.data.claims[:1]}), text=mini.text
    )
    with EmbeddedStore(tmp_path / "store") as store:
        load_dataset(store, claims_to_dataset([mini]))
        before = store.count(graph)
        load_dataset(store, claims_to_dataset([fewer]))
        assert 0 < store.count(graph) < before


def test_store_is_persistent_and_read_only_open_works(tmp_path: Path, mini: ArticleClaims) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        load_dataset(store, claims_to_dataset([mini]))
        count = store.count()
    del store
    with EmbeddedStore(tmp_path / "store", read_only=True) as reader:
        assert reader.count() == count


def test_read_only_open_of_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at .*run `stancegraph load`"):
        EmbeddedStore(tmp_path / "none", read_only=True)


def test_store_locked_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    EmbeddedStore(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match="in use by another process"):
            EmbeddedStore(path)
    finally:
        holder.communicate("", timeout=30)


def test_select_binds_terms_and_returns_rdflib_terms(tmp_path: Path, mini: ArticleClaims) -> None:
    from rdflib import Literal, URIRef

    from stancegraph.errors import QueryError
    from stancegraph.namespaces import ACTOR, SG

    with EmbeddedStore(tmp_path / "store") as store:
        load_dataset(store, claims_to_dataset([mini]))
        query = "SELECT ?claim ?actor ?p ?q ?id WHERE { ?claim ?p ?actor ; ?q ?id }"
        result = store.select(
            query,
            {"actor": ACTOR["rufus-firefly"], "p": SG.claimant, "q": SG.claimId},
        )
        assert [r["id"] for r in result.records()] == [Literal("c2")]
        assert isinstance(result.rows[0][0], URIRef)
        hostile = store.select(
            query, {"actor": Literal("x' } DROP ALL #"), "p": SG.claimant, "q": SG.claimId}
        )
        assert hostile.rows == ()
        with pytest.raises(QueryError, match="syntax error at line 1, column"):
            store.select("SELECT ?x WHERE { ?x ")


def test_close_releases_the_lock_at_once(tmp_path: Path) -> None:
    path = tmp_path / "store"
    first = EmbeddedStore(path)
    first.close()
    with EmbeddedStore(path) as second:  # would be locked if the first still held it
        assert second.count() == 0
    with pytest.raises(StoreError, match="is closed"):
        first.count()


def test_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    with pytest.raises(StoreError, match="no store at .*or an RDF file"):
        EmbeddedStore(tmp_path / "notes", read_only=True)


def test_a_store_is_never_made_in_an_ordinary_folder_or_over_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(StoreError, match="folder with other files in it, not a store"):
        EmbeddedStore(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]  # nothing written
    with pytest.raises(StoreError, match="is a file, not a store folder"):
        EmbeddedStore(folder / "notes.txt")
    empty = tmp_path / "empty"
    empty.mkdir()
    with EmbeddedStore(empty) as store:  # an empty folder becomes a store ...
        assert store.count() == 0
    with EmbeddedStore(empty) as store:  # ... and opens again as one
        assert store.count() == 0


def test_a_turtle_files_other_triples_are_kept_in_a_graph_of_the_file(tmp_path: Path) -> None:
    from stancegraph.pipeline.load import load_files

    path = tmp_path / "notes.nt"
    path.write_text('<http://example.org/a> <http://example.org/p> "kept" .\n', encoding="utf-8")
    load_files([path], store=tmp_path / "store")
    load_files([path], store=tmp_path / "store")  # again: replaced, not doubled
    with EmbeddedStore(tmp_path / "store", read_only=True) as store:
        graph = "https://w3id.org/stancegraph/graph/file/notes.nt"
        assert graph in store.graph_names()
        assert store.count(graph) == 1


def test_a_file_given_as_a_store_to_read_says_how_to_use_it(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file, not a store folder: load it"):
        EmbeddedStore(path, read_only=True)
