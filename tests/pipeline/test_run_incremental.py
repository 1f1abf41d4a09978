"""``run`` again on a corpus: unchanged articles are not extracted, checked or loaded
again; changed ones replace their own claims and graph; deleted ones leave nothing
behind; unchanged articles keep their emergent issues; ``regroup`` gives the bytes of a
fresh run."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import PROV

from stancegraph.namespaces import CLAIM, local_id
from stancegraph.pipeline import extract as extract_module
from stancegraph.pipeline import run as run_module
from stancegraph.pipeline.emergent_state import STATE_FILE
from stancegraph.pipeline.extract_cache import CACHE_FOLDER
from stancegraph.pipeline.manifest import MANIFEST_FILE
from stancegraph.pipeline.run import run
from stancegraph.rdf.validate import ChunkValidator
from stancegraph.vocab.emergent import EMERGENT_FILE
from tests.conftest import FIXTURES, SEEDS

THIRD = (
    "Ruritania and Freedonia met in Geneva on Monday.\n\n"
    '"We reject the tariff proposal," the Ruritanian trade minister, Anna Kovac, said. '
    "Freedonia's envoy, Paul Marsh, said his country supports the tariff proposal and "
    "called for talks next month.\n"
)
OUTPUTS = ("graph.trig", "analysis.json", "report.md", "divergence.html", "issues.html")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(SEEDS / "000_1358605536fd3371.txt", folder / "seed.txt")
    shutil.copy(FIXTURES / "mini" / "article.txt", folder / "mini.txt")
    (folder / "third.txt").write_text(THIRD, encoding="utf-8")
    return folder


def _snapshot(out: Path) -> dict[str, bytes]:
    files = {name: (out / name).read_bytes() for name in OUTPUTS}
    for path in sorted((out / "claims").rglob("*")):
        if path.is_file():
            files[path.relative_to(out).as_posix()] = path.read_bytes()
    return files


def _entries(out: Path) -> int:
    """How many extractions the cache keeps (not counting the grouping's state)."""
    return sum(1 for p in (out / CACHE_FOLDER).glob("*.json") if p.name != STATE_FILE)


def _store(out: Path) -> list[str]:
    return sorted(str(q) for q in ox.Store.read_only(str(out / "store")))


class _Spy:
    """Counts what a run checks and loads; without *extract*, fails if it builds an
    extractor or groups emergent issues again."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, extract: bool) -> None:
        self.validated: list[int] = []
        self.loaded: list[str] = []
        real_check = ChunkValidator.check
        real_load = run_module._load_kept

        def check(validator, texts):  # type: ignore[no-untyped-def]
            self.validated.append(len(texts))
            return real_check(validator, texts)

        def load(store, folder, graphs, cache):  # type: ignore[no-untyped-def]
            self.loaded.extend(g.iri for g in graphs)
            return real_load(store, folder, graphs, cache)

        monkeypatch.setattr(ChunkValidator, "check", check)
        monkeypatch.setattr(run_module, "_load_kept", load)
        if not extract:

            def no_model(*args: object, **kwargs: object) -> None:
                raise AssertionError("an unchanged corpus must not load the model")

            monkeypatch.setattr("stancegraph.pipeline.extract.Extractor", no_model)

            def no_grouping(*args: object, **kwargs: object) -> None:
                raise AssertionError("an unchanged corpus keeps its grouping as it was")

            monkeypatch.setattr("stancegraph.extract.emergent.assign.group_claims", no_grouping)


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("incremental")
    articles = _corpus(root / "articles")
    out = root / "out"
    run(articles, out)
    return articles, out, _snapshot(out)


def _copy_run(first: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> tuple[Path, Path]:
    articles, out, _ = first
    shutil.copytree(articles, tmp_path / "articles")
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "articles", tmp_path / "out"


def test_an_unchanged_corpus_is_neither_extracted_checked_nor_loaded_again(
    first: tuple[Path, Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, out = _copy_run(first, tmp_path)
    claims = sorted((out / "claims").glob("*.claims.yaml"))
    stamps = [p.stat().st_mtime_ns for p in claims]
    before = _store(out)
    spy = _Spy(monkeypatch, extract=False)
    run(articles, out)
    assert spy.validated == [] and spy.loaded == []
    assert _snapshot(out) == first[2]
    assert [p.stat().st_mtime_ns for p in claims] == stamps, "unchanged files are not rewritten"
    assert _store(out) == before
    assert _entries(out) == 3


def test_a_changed_article_replaces_only_its_graph_and_equals_a_fresh_run(
    first: tuple[Path, Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, out = _copy_run(first, tmp_path)
    (articles / "third.txt").write_text(
        THIRD + '\n"We will not accept any tariff," Kovac said on Tuesday.\n', encoding="utf-8"
    )
    spy = _Spy(monkeypatch, extract=True)
    run(articles, out)
    assert spy.loaded == ["https://w3id.org/stancegraph/graph/article/third"]
    assert spy.validated == [1]
    fresh = tmp_path / "fresh"
    run(articles, fresh)
    assert _snapshot(out) == _snapshot(fresh)
    assert _store(out) == _store(fresh)
    assert _snapshot(out) != first[2]


def test_a_deleted_article_leaves_no_graph_claims_file_or_cache_entry(
    first: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    articles, out = _copy_run(first, tmp_path)
    (articles / "mini.txt").unlink()
    result = run(articles, out)
    assert result.articles == 2
    assert not (out / "claims" / "mini.claims.yaml").exists()
    assert _entries(out) == 2
    fresh = tmp_path / "fresh"
    run(articles, fresh)
    assert _snapshot(out) == _snapshot(fresh)
    assert _store(out) == _store(fresh)
    graphs = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))["graphs"]
    assert sorted(g.rsplit("/", 1)[1] for g in graphs) == ["seed", "third"]


def test_a_damaged_cache_entry_or_manifest_only_costs_the_work_again(
    first: tuple[Path, Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, out = _copy_run(first, tmp_path)
    entry = min(p for p in (out / CACHE_FOLDER).glob("*.json") if p.name != STATE_FILE)
    entry.write_text("{not json", encoding="utf-8")
    (out / CACHE_FOLDER / STATE_FILE).write_text("[1, 2", encoding="utf-8")
    (out / MANIFEST_FILE).write_bytes(b"\x00\xff garbage")
    spy = _Spy(monkeypatch, extract=True)
    run(articles, out)
    assert spy.validated == [3] and len(spy.loaded) == 3
    assert _snapshot(out) == first[2]
    assert json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))["format"] == 1


def test_the_result_and_the_cli_say_what_was_reused(
    first: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from stancegraph.cli.app import app

    articles, out = _copy_run(first, tmp_path)
    result = CliRunner().invoke(app, ["run", "--articles", str(articles), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert (
        "unchanged since the last run: 3 article(s) not extracted again, 3 article graph(s) "
        "not checked or loaded again" in result.stderr
    )
    again = run(articles, out)
    assert (again.reused, again.loaded) == (3, 0)


def test_a_text_with_unicode_line_separators_is_loaded_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # U+2028, U+0085 and U+001E end a line for str.splitlines, not for N-Triples:
    # a literal holds them unescaped, and the triple must not be cut there
    articles = tmp_path / "articles"
    articles.mkdir()
    text = THIRD.replace("on Monday.", "on Monday.\u2028\x85\x1e")
    (articles / "third.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run(articles, out)
    texts = [
        q.object.value
        for q in ox.Store.read_only(str(out / "store"))
        if q.predicate.value == "https://schema.org/text"
    ]
    assert texts == [text]
    spy = _Spy(monkeypatch, extract=False)
    assert run(articles, out).loaded == 0
    assert spy.validated == [] and spy.loaded == []


def _issues(claims_file: Path) -> list[str]:
    from stancegraph.claims.io import load_claims

    return [c.issue for c in load_claims(claims_file).data.claims]


def test_unchanged_articles_keep_their_issues_and_their_claims_files_as_written(
    first: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    articles, out = _copy_run(first, tmp_path)
    seed = out / "claims" / "seed.claims.yaml"
    state_file = out / CACHE_FOLDER / STATE_FILE
    state = json.loads(state_file.read_text(encoding="utf-8"))
    # an issue of the seed's claims as an earlier run had grouped and named it
    issue = next(i for i in state["issues"] if any(m.startswith("seed/") for m in i["members"]))
    old_id = issue["id"]
    issue["id"], issue["label"] = "emergent-kept-by-an-earlier-run", "kept by an earlier run"
    state_file.write_text(json.dumps(state), encoding="utf-8")
    seed.unlink()  # written again from its kept extraction, with the issues kept
    (articles / "third.txt").write_text(
        THIRD + '\n"We will not accept any tariff," Kovac said on Tuesday.\n', encoding="utf-8"
    )
    result = run(articles, out)
    assert result.reused == 2
    assert "emergent-kept-by-an-earlier-run" in _issues(seed)
    assert old_id not in _issues(seed)
    scheme = (out / "claims" / "emergent-issues.ttl").read_text(encoding="utf-8")
    assert '"kept by an earlier run"@en' in scheme
    kept = json.loads(state_file.read_text(encoding="utf-8"))
    assert any(i["id"] == "emergent-kept-by-an-earlier-run" for i in kept["issues"])
    # a fresh grouping of the same corpus, as a fresh run into an empty folder gives it
    regrouped = run(articles, out, regroup=True)
    assert regrouped.reused == 3
    fresh = tmp_path / "fresh"
    run(articles, fresh)
    assert _snapshot(out) == _snapshot(fresh)
    assert _store(out) == _store(fresh)


def test_adding_an_article_leaves_the_claims_files_of_the_others_untouched(
    tmp_path: Path,
) -> None:
    articles = _corpus(tmp_path / "articles")
    (articles / "third.txt").unlink()
    out = tmp_path / "out"
    run(articles, out)
    files = sorted((out / "claims").glob("*.claims.yaml"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    (articles / "third.txt").write_text(THIRD, encoding="utf-8")
    result = run(articles, out)
    assert (result.reused, result.articles) == (2, 3)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    assert (out / "claims" / "third.claims.yaml").is_file()


def test_a_folder_whose_emergent_issues_are_unchanged_keeps_its_scheme_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "articles"
    (corpus / "a").mkdir(parents=True)
    (corpus / "b").mkdir()
    shutil.copy(SEEDS / "000_1358605536fd3371.txt", corpus / "a" / "seed.txt")
    (corpus / "b" / "third.txt").write_text(THIRD, encoding="utf-8")
    out = tmp_path / "out"
    run(corpus, out)
    scheme_a = out / "claims" / "a" / EMERGENT_FILE
    scheme_b = out / "claims" / "b" / EMERGENT_FILE
    written = scheme_a.read_bytes(), scheme_b.read_bytes()
    made: list[set[str]] = []  # the articles of each scheme whose Turtle is made
    real = extract_module.scheme_turtle

    def spy(scheme):  # type: ignore[no-untyped-def]
        claims = {c for said in scheme.values() for c in said.get(PROV.wasDerivedFrom, ())}
        made.append({local_id(c, CLAIM).split("/")[0] for c in claims})
        return real(scheme)

    monkeypatch.setattr(extract_module, "scheme_turtle", spy)
    run(corpus, out)
    assert made == [], "nothing changed: no scheme is made again"
    # a scheme edited or lost since is made again, to the bytes written before
    scheme_a.write_text("# edited\n", encoding="utf-8")
    scheme_b.unlink()
    run(corpus, out)
    assert len(made) == 2
    assert (scheme_a.read_bytes(), scheme_b.read_bytes()) == written
    # an article of b changed: a's scheme stands, b's is made again as a fresh run makes it
    made.clear()
    (corpus / "b" / "third.txt").write_text(
        THIRD + '\n"We will not accept any tariff," Kovac said on Tuesday.\n', encoding="utf-8"
    )
    run(corpus, out)
    assert made == [{"b-third"}]
    fresh = tmp_path / "fresh"
    run(corpus, fresh)
    for folder in ("a", "b"):
        assert (out / "claims" / folder / EMERGENT_FILE).read_bytes() == (
            fresh / "claims" / folder / EMERGENT_FILE
        ).read_bytes()


def test_kept_graphs_are_spooled_as_their_triples_named_by_their_graph(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from stancegraph.errors import RDFError

    kept = {
        "https://example.org/g/1": (
            '<https://example.org/s> <https://example.org/p> "a . b\u2028c" .\n'
            "<https://example.org/s> <https://example.org/q> <https://example.org/o> .\n"
        ),
        "https://example.org/g/2": (  # not as this project writes them: read line by line
            '<https://example.org/s> <https://example.org/p> "x" .\r\n\n'
            "<https://example.org/t> <https://example.org/p> _:b0 ."
        ),
    }
    graphs = [SimpleNamespace(iri=iri) for iri in kept]
    cache = SimpleNamespace(ntriples=lambda graph: kept[graph.iri])
    spooled: list[str] = []

    def replace_graphs_from(chunks: Iterable[bytes], iris: list[str]) -> None:
        spooled.append(b"".join(chunks).decode("utf-8"))
        assert iris == list(kept)

    store = SimpleNamespace(replace_graphs_from=replace_graphs_from)
    assert run_module._load_kept(store, tmp_path, graphs, cache) == 2  # type: ignore[arg-type]
    assert spooled == [
        '<https://example.org/s> <https://example.org/p> "a . b\u2028c" <https://example.org/g/1> .\n'
        "<https://example.org/s> <https://example.org/q> <https://example.org/o> "
        "<https://example.org/g/1> .\n"
        '<https://example.org/s> <https://example.org/p> "x" <https://example.org/g/2> .\n'
        "<https://example.org/t> <https://example.org/p> _:b0 <https://example.org/g/2> .\n"
    ]
    assert len(list(ox.parse(spooled[0].encode(), format=ox.RdfFormat.N_QUADS))) == 4
    kept["https://example.org/g/2"] = "<https://example.org/s> <https://example.org/p>\n"
    with pytest.raises(RDFError, match="no triple"):
        run_module._load_kept(store, tmp_path, graphs, cache)  # type: ignore[arg-type]
