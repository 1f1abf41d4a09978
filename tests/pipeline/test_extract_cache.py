"""The extraction cache: what its key depends on, and entries that cannot be read."""

from __future__ import annotations

from pathlib import Path

from stancegraph.extract.assemble import AssembledArticle
from stancegraph.extract.source import ArticleMeta, ArticleSource
from stancegraph.pipeline.extract_cache import ExtractionCache, extractor_fingerprint
from tests.conftest import MINI_CLAIMS


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
