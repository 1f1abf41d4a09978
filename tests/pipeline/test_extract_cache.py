"""The extraction cache: what its key depends on, and entries that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancegraph.extract.assemble import AssembledArticle
from stancegraph.extract.source import ArticleMeta, ArticleSource
from stancegraph.pipeline.extract_cache import ExtractionCache, extractor_fingerprint
from tests.conftest import MINI_CLAIMS, needs_model


def _source(text: str) -> ArticleSource:
    return ArticleSource(path=Path("a.txt"), text=text, meta=ArticleMeta(id="a", title="A"))


def test_the_fingerprint_follows_the_rules_and_vocabularies_given(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("cue_verbs: [opine]\n", encoding="utf-8")
    plain = extractor_fingerprint()
    assert extractor_fingerprint() == plain
    with_rules = extractor_fingerprint(rules=[rules])
    assert with_rules != plain
    rules.write_text("cue_verbs: [opine, aver]\n", encoding="utf-8")
    assert extractor_fingerprint(rules=[rules]) not in (plain, with_rules)


def test_the_key_follows_the_text_metadata_and_text_file(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "f")
    key = cache.key(_source("x"), "a.txt")
    assert cache.key(_source("x"), "a.txt") == key
    assert cache.key(_source("y"), "a.txt") != key
    assert cache.key(_source("x"), "b.txt") != key
    assert ExtractionCache(tmp_path, "g").key(_source("x"), "a.txt") != key


def test_entries_round_trip_and_bad_ones_are_misses(tmp_path: Path) -> None:
    from stancegraph.claims.io import claims_to_yaml, load_claims

    data = load_claims(MINI_CLAIMS).data
    assembled = AssembledArticle(data=data, about={"c1": ("the tariff",)}, context=("Geneva",))
    cache = ExtractionCache(tmp_path, "f")
    key = cache.key(_source("x"), "a.txt")
    cache.put(key, assembled)
    back = cache.get(key)
    assert back is not None and claims_to_yaml(back.data) == claims_to_yaml(data)
    assert back.about == assembled.about and back.context == assembled.context
    (tmp_path / f"{key}.json").write_text('{"data": {}}', encoding="utf-8")
    assert cache.get(key) is None and cache.get("missing") is None
    assert (cache.hits, cache.misses) == (1, 2)
    other = cache.key(_source("y"), "a.txt")
    cache.put(other, assembled)
    stale = tmp_path / f"{'0' * 64}.json"  # an entry of an earlier run's article
    stale.write_text("{}", encoding="utf-8")
    (tmp_path / "emergent-groups.json").write_text("{}", encoding="utf-8")
    assert cache.prune() == 1 and not stale.exists()
    assert (tmp_path / "emergent-groups.json").exists(), "only entries are pruned"


_SPEAKERS = ("Ana Rojas", "Luis Arce", "Maria Soto", "Jorge Vega", "Elena Ruiz")


def _corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        speaker = _SPEAKERS[i % len(_SPEAKERS)]
        path = folder / f"a{i:02d}.md"
        path.write_text(
            f"---\nid: a{i:02d}\ntitle: Talks {i}\npublished: 2025-02-{i + 1:02d}\n---\n"
            f"Foreign Minister {speaker} said the dam on the Lauca River must be dismantled "
            f"before round {i} of the talks.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


@needs_model
def test_two_workers_with_kept_extractions_one_unreadable_write_what_a_fresh_run_does(
    tmp_path: Path,
) -> None:
    from stancegraph.pipeline.corpus import find_corpus
    from stancegraph.pipeline.extract import extract_corpus

    paths = _corpus(tmp_path / "in", 10)
    cache = tmp_path / "cache"
    # four extractions kept; six to extract (more than a worker's chunk: the pool runs)
    extract_corpus(find_corpus(paths[:4]), tmp_path / "first", cache=cache)
    entries = sorted(cache.glob("*.json"))
    assert len([e for e in entries if len(e.stem) == 64]) == 4
    next(e for e in entries if len(e.stem) == 64).write_text("{not json", encoding="utf-8")
    again = extract_corpus(
        find_corpus(paths), tmp_path / "again", cache=cache, workers=2, regroup=True
    )
    fresh = extract_corpus(find_corpus(paths), tmp_path / "fresh")
    assert sum(r.reused for r in again) == 3
    assert [r.claims for r in again] == [r.claims for r in fresh] and fresh[0].claims > 0
    for one, other in zip(again, fresh, strict=True):
        assert one.claims_file.read_bytes() == other.claims_file.read_bytes()


def test_one_worker_extracts_a_few_changed_articles_while_the_kept_ones_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from stancegraph.pipeline import extract as extract_module
    from stancegraph.pipeline.corpus import find_corpus
    from stancegraph.pipeline.extract import extract_corpus

    paths = _corpus(tmp_path / "in", 6)
    cache = tmp_path / "cache"
    extract_corpus(find_corpus(paths[:5]), tmp_path / "first", cache=cache)
    pools: list[int] = []

    class Noting(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: object) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_module, "ProcessPoolExecutor", Noting)
    monkeypatch.setattr(extract_module, "_READ_BESIDE", 5)
    assert extract_module.model_loaded()  # the first extraction loaded it here
    import shutil

    shutil.copytree(cache, tmp_path / "cache-here")
    here = extract_corpus(
        find_corpus(paths), tmp_path / "here", cache=tmp_path / "cache-here", regroup=True
    )
    assert pools == []  # the model is here already: no worker loads it again
    monkeypatch.setattr(extract_module, "model_loaded", lambda _=None: False)
    again = extract_corpus(find_corpus(paths), tmp_path / "again", cache=cache, regroup=True)
    assert pools == [1]  # one article to extract: one worker, five kept read meanwhile
    assert sum(r.reused for r in again) == 5
    fresh = extract_corpus(find_corpus(paths), tmp_path / "fresh")
    assert pools == [1]  # nothing kept to read: extracted here
    for one, other in zip(here, fresh, strict=True):
        assert one.claims_file.read_bytes() == other.claims_file.read_bytes()
    for one, other in zip(again, fresh, strict=True):
        assert one.claims_file.read_bytes() == other.claims_file.read_bytes()
