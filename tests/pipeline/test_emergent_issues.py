"""Emergent issues end to end: grouped across articles, a generated scheme, RDF, re-runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, PROV, SKOS

from stancegraph.claims.io import load_claims
from stancegraph.errors import VocabularyError
from stancegraph.namespaces import ISSUE, SIDE
from stancegraph.pipeline.build import build_claims, claims_dataset
from stancegraph.pipeline.extract import extract_files
from stancegraph.rdf.validate import validate_graph
from stancegraph.vocab.emergent import EMERGENT_FILE, EMERGENT_SCHEME
from stancegraph.vocab.model import vocabulary_for_claims

from ..conftest import needs_model

pytestmark = needs_model

ONE = (
    "---\nid: one\ntitle: Talks on the river\npublished: 2025-02-01\n---\n"
    "Chilean Foreign Minister Ana Rojas said the dam on the Lauca River must be dismantled "
    "before the talks resume.\n\n"
    "Rojas said the water agreement of 1962 was no longer respected.\n"
)
TWO = (
    "---\nid: two\ntitle: Bolivia answers\npublished: 2025-02-03\n---\n"
    "Bolivian Foreign Minister Luis Arce rejected the demand to dismantle the dam on the "
    "Lauca River.\n\n"
    "Arce said the 1962 water agreement allowed Bolivia to use the river.\n"
)


def _articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "one.md").write_text(ONE, encoding="utf-8")
    (folder / "two.md").write_text(TWO, encoding="utf-8")
    return [folder / "one.md", folder / "two.md"]


def _issues(folder: Path) -> dict[tuple[str, str], str]:
    out = {}
    for path in sorted(folder.glob("*.claims.yaml")):
        data = load_claims(path).data
        for claim in data.claims:
            out[(data.article.id, claim.evidence.text[:30])] = claim.issue
    return out


def test_two_sides_on_one_thing_meet_on_one_emergent_issue(tmp_path: Path) -> None:
    extract_files(_articles(tmp_path / "in"), tmp_path / "out")
    issues = _issues(tmp_path / "out")
    dam = {i for (aid, text), i in issues.items() if "dam" in text or "dismantle" in text}
    assert len(dam) == 1 and next(iter(dam)).startswith("emergent-")
    files = sorted((tmp_path / "out").glob("*.claims.yaml"))
    sides = {c.side for f in files for c in load_claims(f).data.claims}
    assert {"chile", "bolivia"} <= sides
    vocabulary = vocabulary_for_claims(files)
    (issue,) = dam
    assert issue in vocabulary.generated_issues
    assert vocabulary.issues[issue].label


def test_the_generated_scheme_records_its_provenance_and_the_rdf_is_complete(
    tmp_path: Path,
) -> None:
    extract_files(_articles(tmp_path / "in"), tmp_path / "out")
    scheme = (tmp_path / "out" / EMERGENT_FILE).read_text(encoding="utf-8")
    assert "prov:wasDerivedFrom" in scheme and "skos:inScheme" in scheme
    files = sorted((tmp_path / "out").glob("*.claims.yaml"))
    vocabulary = vocabulary_for_claims(files)
    dataset, _ = claims_dataset(files, vocabulary)
    # gazetteer sides and emergent issues are described in the article graphs themselves
    bolivia = (SIDE["bolivia"], OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q750"))
    assert any(dataset.quads((*bolivia, None)))
    concepts = {s for s, _, _, _ in dataset.quads((None, SKOS.inScheme, EMERGENT_SCHEME, None))}
    assert concepts and all(str(c).startswith(str(ISSUE["emergent-"])) for c in concepts)
    derived = dataset.quads((next(iter(sorted(concepts))), PROV.wasDerivedFrom, None, None))
    assert any(derived)
    # the links to claims live in the article graphs only, not in the vocabulary graph
    assert not any(vocabulary.graph.triples((None, PROV.wasDerivedFrom, None)))
    assert validate_graph(dataset, vocabulary).conforms
    out = build_claims(files, tmp_path / "graph.trig")
    assert out.claims == sum(len(load_claims(f).data.claims) for f in files)


def test_a_rerun_keeps_the_same_ids_and_bytes(tmp_path: Path) -> None:
    articles = _articles(tmp_path / "in")
    extract_files(articles, tmp_path / "a")
    extract_files(articles, tmp_path / "b")
    for name in ("one.claims.yaml", "two.claims.yaml", EMERGENT_FILE):
        first = (tmp_path / "a" / name).read_bytes().replace(b"/a/", b"/x/")
        second = (tmp_path / "b" / name).read_bytes().replace(b"/b/", b"/x/")
        assert first == second, name


def test_a_claim_on_an_emergent_issue_no_scheme_knows_is_an_error(tmp_path: Path) -> None:
    extract_files(_articles(tmp_path / "in"), tmp_path / "out")
    (tmp_path / "out" / EMERGENT_FILE).unlink()
    files = sorted((tmp_path / "out").glob("*.claims.yaml"))
    with pytest.raises(VocabularyError, match="unknown issue id 'emergent-"):
        claims_dataset(files, vocabulary_for_claims(files))


def test_run_then_analyze_the_store_reads_the_emergent_issues_from_the_data(
    tmp_path: Path,
) -> None:
    from stancegraph.pipeline.analyze import analyze
    from stancegraph.pipeline.query import run_query
    from stancegraph.pipeline.run import run

    _articles(tmp_path / "in")
    result = run(tmp_path / "in", tmp_path / "out")
    analysis = analyze(result.store)  # no vocabulary file knows the emergent issues
    shared = [v for v in analysis.issues if v.issue.startswith("emergent-")]
    assert shared  # an emergent issue both sides raise, read back from the store
    rows = run_query("emergent-issues", (), store=result.store).result
    assert rows is not None and {str(r[0]).rsplit("/", 1)[-1] for r in rows.rows} >= {
        v.issue for v in shared
    }
    assert {analysis.side_a, analysis.side_b} == {"chile", "bolivia"}


def test_the_extract_command_names_the_generated_scheme(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from stancegraph.cli.app import app

    articles = _articles(tmp_path / "in")
    result = CliRunner().invoke(app, ["extract", *map(str, articles), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"emergent issues -> {tmp_path / 'out' / EMERGENT_FILE}" in result.output


def test_two_worker_processes_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    articles = _articles(tmp_path / "in")
    extract_files(articles, tmp_path / "w1", workers=1)
    extract_files(articles, tmp_path / "w2", workers=2)
    for name in ("one.claims.yaml", "two.claims.yaml", EMERGENT_FILE):
        first = (tmp_path / "w1" / name).read_bytes()
        assert first == (tmp_path / "w2" / name).read_bytes(), name


def test_extracting_more_articles_into_a_folder_keeps_the_earlier_ones_issues(
    tmp_path: Path,
) -> None:
    one, two = _articles(tmp_path / "in")
    out = tmp_path / "out"
    extract_files([one], out)
    extract_files([two], out)
    extract_files([two], out)  # re-extracting replaces two's own issues only
    files = sorted(out.glob("*.claims.yaml"))
    vocabulary = vocabulary_for_claims(files)
    dataset, articles = claims_dataset(files, vocabulary)  # every emergent id is known
    used = {c.issue for a in articles for c in a.data.claims if c.issue.startswith("emergent-")}
    assert used and used <= vocabulary.generated_issues
    scheme = (out / EMERGENT_FILE).read_text(encoding="utf-8")
    assert "claim/one/" in scheme and "claim/two/" in scheme
    assert validate_graph(dataset, vocabulary).conforms


def test_a_turtle_file_without_named_graphs_loads_with_its_sides_and_issues(
    tmp_path: Path,
) -> None:
    from stancegraph.pipeline.analyze import analyze
    from stancegraph.pipeline.load import load_files

    extract_files(_articles(tmp_path / "in"), tmp_path / "out")
    files = sorted((tmp_path / "out").glob("*.claims.yaml"))
    build_claims(files, tmp_path / "all.ttl")  # Turtle: one graph, regrouped on load
    load_files([tmp_path / "all.ttl"], store=tmp_path / "store")
    analysis = analyze(tmp_path / "store")
    assert {analysis.side_a, analysis.side_b} == {"chile", "bolivia"}
    assert any(v.issue.startswith("emergent-") for v in analysis.issues)


@pytest.mark.parametrize("keep_earlier", [True, False])
def test_the_issues_read_back_from_what_extract_wrote_are_those_the_file_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_earlier: bool
) -> None:
    from stancegraph.pipeline.corpus import Corpus, CorpusArticle
    from stancegraph.pipeline.extract import extract_corpus
    from stancegraph.vocab import emergent

    one, two = _articles(tmp_path / "in")
    out = tmp_path / "out"
    monkeypatch.setattr(emergent, "_WRITTEN", {})
    extract_files([one], out)
    corpus = Corpus((CorpusArticle(one), CorpusArticle(two)))
    extract_corpus(corpus, out, keep_earlier=keep_earlier, cache=tmp_path / "cache")
    files = sorted(out.glob("*.claims.yaml"))
    assert len(emergent._WRITTEN) == 2  # what each extraction wrote is noted
    if not keep_earlier:  # again: the scheme stands as written, its concepts noted anew
        from stancegraph.pipeline import extract as extract_module

        monkeypatch.setattr(emergent, "_WRITTEN", {})
        monkeypatch.setattr(extract_module, "scheme_turtle", None)  # not made: not called
        extract_corpus(corpus, out, keep_earlier=keep_earlier, cache=tmp_path / "cache")
        assert len(emergent._WRITTEN) == 1
    noted = vocabulary_for_claims(files)
    monkeypatch.setattr(emergent, "_WRITTEN", {})
    parsed = vocabulary_for_claims(files)
    assert noted.issues == parsed.issues and noted.generated_issues == parsed.generated_issues
    assert any(i.startswith("emergent-") for i in parsed.generated_issues)
