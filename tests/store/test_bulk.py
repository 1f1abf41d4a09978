from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import pytest

from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import StoreError
from stancegraph.rdf.build import claims_to_dataset
from stancegraph.store.bulk import bulk_load_checked, bulk_load_chunks, line_chunks
from stancegraph.store.embedded import COMPACT_AFTER_CHUNKS, EmbeddedStore, should_compact
from stancegraph.store.load import load_prepared, prepare_rdf_file


@pytest.fixture
def nquads(tmp_path: Path, mini: ArticleClaims) -> Path:
    path = tmp_path / "mini.nq"
    path.write_text(claims_to_dataset([mini]).serialize(format="nquads"), encoding="utf-8")
    return path


def _quads(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


def test_line_chunks_cover_the_file_and_end_at_line_breaks(nquads: Path) -> None:
    data = nquads.read_bytes()
    ranges = line_chunks(nquads, 500)
    assert len(ranges) > 3
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in pairwise(ranges))
    assert all(data[end - 1 : end] == b"\n" for _, end in ranges)


def test_line_chunks_of_a_file_without_final_line_break(tmp_path: Path) -> None:
    path = tmp_path / "x.nq"
    path.write_bytes(b"<http://a/s> <http://a/p> <http://a/o> <http://a/g> .")
    assert line_chunks(path, 10) == [(0, path.stat().st_size)]


def test_chunked_load_holds_the_same_quads_as_one_bulk_load(nquads: Path) -> None:
    whole = ox.Store()
    whole.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    chunked = ox.Store()
    calls = bulk_load_checked(chunked, nquads, "nquads", chunk_bytes=400)
    assert calls > 3
    assert _quads(chunked) == _quads(whole)


def test_trig_is_loaded_in_one_call(tmp_path: Path, mini: ArticleClaims) -> None:
    path = tmp_path / "mini.trig"
    path.write_text(claims_to_dataset([mini]).serialize(format="trig"), encoding="utf-8")
    store = ox.Store()
    assert bulk_load_checked(store, path, "trig", chunk_bytes=400) == 1
    assert len(store) > 0


def test_store_loaded_in_many_chunks_is_compacted_on_close(
    tmp_path: Path, nquads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "stancegraph.store.bulk.bulk_load_checked",
        lambda store, path, fmt: bulk_load_checked(store, path, fmt, chunk_bytes=300),
    )
    folder = tmp_path / "store"
    prepared = prepare_rdf_file(nquads)
    store = EmbeddedStore(folder)
    load_prepared(store, prepared)
    count = store.count()
    store.store.flush()
    before = len(list(folder.glob("*.sst")))
    assert before > COMPACT_AFTER_CHUNKS
    store.close()
    assert len(list(folder.glob("*.sst"))) < before
    del store
    with EmbeddedStore(folder, read_only=True) as reader:
        assert reader.count() == count == prepared.triples


def test_compaction_only_after_many_chunks_that_are_a_big_share_of_the_store() -> None:
    assert should_compact(COMPACT_AFTER_CHUNKS, 230_000_000, 200_000_000)
    assert not should_compact(COMPACT_AFTER_CHUNKS - 1, 230_000_000, 200_000_000)
    assert not should_compact(COMPACT_AFTER_CHUNKS * 10, 1_000_000, 2_000_000_000)


def test_chunks_as_they_come_hold_the_same_quads_as_one_bulk_load(
    nquads: Path, tmp_path: Path
) -> None:
    whole = ox.Store()
    whole.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    data = nquads.read_bytes()
    ranges = line_chunks(nquads, 400)
    made: list[int] = []

    def chunks():  # type: ignore[no-untyped-def]
        for start, end in ranges:
            made.append(start)
            yield data[start:end]

    streamed = ox.Store()
    assert bulk_load_chunks(streamed, chunks()) == len(ranges) > 3
    assert _quads(streamed) == _quads(whole) and len(made) == len(ranges)
    # through the store, replacing graphs; bad N-Quads is a one-line StoreError
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_graphs_from(iter([data]), [])
        assert len(store.store) == len(whole)
        with pytest.raises(StoreError, match="cannot load the graphs into the store"):
            store.replace_graphs_from(iter([data, b"<http://a/s> <http://a/p> .\n"]), [])


def test_an_error_while_chunks_are_made_stops_the_load(nquads: Path) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield nquads.read_bytes()
        raise RuntimeError("the maker failed")

    with pytest.raises(RuntimeError, match="the maker failed"):
        bulk_load_chunks(ox.Store(), chunks())
