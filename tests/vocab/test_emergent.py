from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SKOS

from stancegraph.errors import VocabularyError
from stancegraph.namespaces import ISSUE, claim_iri
from stancegraph.vocab import emergent
from stancegraph.vocab.emergent import (
    EMERGENT_SCHEME,
    GeneratedIssue,
    concepts_of,
    emergent_scheme,
    kept_from_earlier,
    merge_schemes,
    read_scheme_concepts,
    remember_scheme,
    scheme_graph,
    scheme_turtle,
)

CODER = URIRef("https://w3id.org/stancegraph/id/coder/test")
ISSUES = [
    GeneratedIssue("emergent-water", 'water "rights"', "energy", (("a-1", "x1"), ("b 2", "x9"))),
    GeneratedIssue("emergent-visas", "visas", "nowhere", (("a-1", "x2"),)),
]


def test_the_scheme_is_written_as_the_turtle_of_its_triples() -> None:
    scheme = emergent_scheme(ISSUES, coder=CODER, topics={"energy"})
    text = scheme_turtle(scheme)
    assert isomorphic(Graph().parse(data=text, format="turtle"), scheme_graph(scheme))
    assert text.split("\n\n")[1].startswith("issue:emergent a skos:ConceptScheme")
    water = scheme[ISSUE["emergent-water"]]
    assert water[SKOS.broader] == {ISSUE["energy"]}
    assert water[PROV.wasDerivedFrom] == {claim_iri("a-1", "x1"), claim_iri("b 2", "x9")}
    assert SKOS.broader not in scheme[ISSUE["emergent-visas"]]  # unknown topic left out
    assert scheme_turtle(emergent_scheme(ISSUES[::-1], coder=CODER, topics={"energy"})) == text


def test_an_issue_given_twice_is_described_once_with_the_claims_of_both() -> None:
    again = GeneratedIssue("emergent-visas", "visas", None, (("c-3", "x4"),))
    scheme = emergent_scheme([*ISSUES, again], coder=CODER, topics={"energy"})
    visas = scheme[ISSUE["emergent-visas"]]
    assert visas[PROV.wasDerivedFrom] == {claim_iri("a-1", "x2"), claim_iri("c-3", "x4")}
    assert visas[SKOS.prefLabel] == {Literal("visas", lang="en")}
    assert scheme[ISSUE["emergent-water"]][SKOS.inScheme] == {ISSUE["scheme"], EMERGENT_SCHEME}


def test_earlier_issues_keep_only_the_claims_of_articles_not_extracted_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "emergent-issues.ttl"
    path.write_text(scheme_turtle(emergent_scheme(ISSUES, coder=CODER, topics={"energy"})))
    kept = kept_from_earlier(path, {"a-1"})
    assert set(kept) == {ISSUE["emergent-water"]}  # visas came from a-1 alone
    assert kept[ISSUE["emergent-water"]][PROV.wasDerivedFrom] == {claim_iri("b 2", "x9")}
    assert kept[ISSUE["emergent-water"]][SKOS.prefLabel] == {Literal('water "rights"', lang="en")}
    now = emergent_scheme(
        [GeneratedIssue("emergent-water", 'water "rights"', "energy", (("a-1", "x5"),))],
        coder=CODER,
        topics={"energy"},
    )
    merged = merge_schemes(now, kept)
    assert merged[ISSUE["emergent-water"]][PROV.wasDerivedFrom] == {
        claim_iri("a-1", "x5"),
        claim_iri("b 2", "x9"),
    }
    assert EMERGENT_SCHEME in merged
    assert kept_from_earlier(tmp_path / "missing.ttl", set()) == {}


def test_the_vocabulary_reads_the_concepts_of_a_scheme_without_its_links_to_claims(
    tmp_path: Path,
) -> None:
    scheme = emergent_scheme(ISSUES, coder=CODER, topics={"energy"})
    path = tmp_path / "emergent-issues.ttl"
    path.write_text(
        scheme_turtle(scheme)
        + "issue:emergent-water prov:wasDerivedFrom <https://example.org/report> .\n",
        encoding="utf-8",
    )
    read = read_scheme_concepts(path)
    whole = scheme_graph(scheme)
    whole.remove((None, PROV.wasDerivedFrom, None))
    whole.add((ISSUE["emergent-water"], PROV.wasDerivedFrom, URIRef("https://example.org/report")))
    assert isomorphic(scheme_graph(read), whole)  # a link to anything but a claim is kept
    # and the vocabulary's issues come from it as they come from a graph
    from stancegraph.vocab.model import issues_from, vocabulary_from_graph

    issues = issues_from(read)
    assert issues == vocabulary_from_graph(scheme_graph(scheme)).issues
    assert issues["emergent-water"].label == 'water "rights"'
    assert issues["emergent-water"].broader == "energy"
    assert issues["emergent-visas"].broader is None


def test_a_scheme_this_process_wrote_is_read_back_from_its_note_while_the_file_is_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(emergent, "_WRITTEN", {})
    scheme = emergent_scheme(ISSUES, coder=CODER, topics={"energy"})
    path = tmp_path / "emergent-issues.ttl"
    text = scheme_turtle(scheme)
    path.write_text(text, encoding="utf-8")
    parsed = read_scheme_concepts(path)  # nothing noted: parsed
    assert parsed == concepts_of(scheme)  # what the note holds is what parsing gives
    assert PROV.wasDerivedFrom not in parsed[ISSUE["emergent-water"]]

    remember_scheme(path, hashlib.sha256(text.encode()).hexdigest(), scheme)
    parses = []
    monkeypatch.setattr(emergent.ox, "parse", lambda *a, **k: parses.append(a) or iter(()))
    noted = read_scheme_concepts(path)
    assert noted == parsed and parses == []
    noted[ISSUE["emergent-water"]][SKOS.prefLabel].add(Literal("changed"))
    assert read_scheme_concepts(path) == parsed  # a copy: the note is not changed

    path.write_text(text.replace('water \\"rights\\"', "water"), encoding="utf-8")
    assert read_scheme_concepts(path) == {} and len(parses) == 1  # edited: parsed again


def test_a_generated_scheme_that_is_not_turtle_is_named_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "emergent-issues.ttl"
    path.write_text("issue:emergent-water a skos:Concept", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"emergent-issues.ttl is not valid Turtle .*extract"):
        read_scheme_concepts(path)
