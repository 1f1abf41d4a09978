from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from stancegraph.claims.io import ArticleClaims
from stancegraph.errors import RDFError
from stancegraph.namespaces import OA, SG, article_graph_iri, claim_iri
from stancegraph.rdf.build import article_to_graph, claims_to_dataset
from stancegraph.rdf.files import format_for, read_rdf, serialize_rdf, write_rdf
from stancegraph.rdf.parse import graph_to_claims
from tests.conftest import MINI_CLAIMS, MINI_VOCAB, ROOT, SEED_CLAIMS

FORMATS = ["trig", "turtle", "nquads", "ntriples", "json-ld"]


def test_claim_node_has_every_part(mini: ArticleClaims) -> None:
    graph = article_to_graph(mini)
    node = claim_iri("wire-ruritania-freedonia-steel", "c3")
    assert (node, RDF.type, SG.Claim) in graph
    assert (node, SG.conditional, Literal(True)) in graph
    evidence = graph.value(node, SG.evidence)
    assert evidence == URIRef(f"{node}#evidence")
    selectors = set(graph.objects(evidence, OA.hasSelector))
    assert len(selectors) == 2
    assert not any(type(n).__name__ == "BNode" for t in graph for n in t), "no blank nodes"


@pytest.mark.parametrize("which", ["mini", "seed"])
def test_claims_rdf_claims_round_trip(which: str, request: pytest.FixtureRequest) -> None:
    article: ArticleClaims = request.getfixturevalue(which)
    back = list(graph_to_claims(article_to_graph(article)))
    assert len(back) == 1
    assert back[0].text == article.text
    original = article.data
    again = back[0].data
    assert again.article == original.article
    assert again.coder == original.coder
    assert set(again.actors) == set(original.actors)
    assert sorted(again.claims, key=lambda c: c.id) == sorted(original.claims, key=lambda c: c.id)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_through_a_file(
    fmt: str, mini: ArticleClaims, tmp_path: Path
) -> None:
    dataset = claims_to_dataset([mini])
    path = tmp_path / "out.rdf"
    write_rdf(dataset, path, fmt)
    back = list(graph_to_claims(read_rdf(path, fmt)))
    assert sorted(back[0].data.claims, key=lambda c: c.id) == list(mini.data.claims)


def test_one_named_graph_per_article(mini: ArticleClaims, seed: ArticleClaims) -> None:
    dataset = claims_to_dataset([mini, seed, mini])
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {
        str(article_graph_iri(mini.data.article.id)),
        str(article_graph_iri(seed.data.article.id)),
    }
    assert len(dataset.graph(article_graph_iri(mini.data.article.id))) == len(
        article_to_graph(mini)
    )


def test_same_input_same_bytes_in_every_format(mini: ArticleClaims) -> None:
    first = {fmt: serialize_rdf(claims_to_dataset([mini]), fmt) for fmt in FORMATS}
    second = {fmt: serialize_rdf(claims_to_dataset([mini]), fmt) for fmt in FORMATS}
    assert first == second


@pytest.mark.slow
def test_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.trig"
        nq = tmp_path / f"seed{seed}.jsonld"
        for target in (out, nq):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "stancegraph",
                    "build",
                    str(MINI_CLAIMS),
                    "-o",
                    str(target),
                    "--vocab",
                    str(MINI_VOCAB),
                ],
                check=True,
                cwd=ROOT,
                env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
                capture_output=True,
            )
        outputs.append((out.read_bytes(), nq.read_bytes()))
    assert outputs[0] == outputs[1]


def test_format_names() -> None:
    assert format_for(Path("x.ttl")) == "turtle"
    assert format_for(Path("x.jsonld")) == "json-ld"
    assert format_for(Path("x.bin"), "nq") == "nquads"
    with pytest.raises(RDFError, match="cannot tell the RDF format"):
        format_for(Path("x.bin"))
    with pytest.raises(RDFError, match="unknown RDF format 'xml'"):
        format_for(Path("x.ttl"), "xml")


def test_malformed_rdf_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix x: <http://x/> .\nx:a x:b ", encoding="utf-8")
    with pytest.raises(RDFError, match=r"bad\.ttl is not valid turtle"):
        read_rdf(path)


def test_trig_of_several_articles_is_byte_identical_across_processes() -> None:
    import os

    script = (
        "import sys\n"
        "from stancegraph.claims.io import load_claims\n"
        "from stancegraph.rdf.build import claims_to_dataset\n"
        "from stancegraph.rdf.files import serialize_rdf\n"
        "articles = [load_claims(p) for p in sys.argv[1:]]\n"
        "sys.stdout.write(serialize_rdf(claims_to_dataset(articles), 'trig'))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(MINI_CLAIMS), str(SEED_CLAIMS)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    (text,) = outputs
    mini_at = text.index("graph/article/wire-ruritania-freedonia-steel")
    assert text.index("graph/article/ap-2024-04-26-blinken-china") < mini_at  # IRI order


def test_a_syntax_error_names_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix a: <http://x/> .\na:b a:c a:d .\na:e a:f\n", encoding="utf-8")
    with pytest.raises(RDFError, match=r"is not valid turtle \(Parser error at line 4 column 1"):
        read_rdf(path)
