"""Integration with the real spaCy model: the fictional mini article, HTML, bad input, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancegraph.claims.io import load_claims
from stancegraph.cli.app import app
from stancegraph.extract.extractor import Extractor
from stancegraph.extract.source import read_article
from stancegraph.pipeline.extract import extract_files, extract_missing

from ..conftest import FIXTURES, MINI_VOCAB, SEED_CLAIMS, needs_model

pytestmark = needs_model

MINI_TEXT = (FIXTURES / "mini" / "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(vocab=[MINI_VOCAB])


def test_mini_article_claims(extractor: Extractor, tmp_path: Path) -> None:
    article = tmp_path / "mini.md"
    article.write_text("---\nid: mini\npublished: 2024-05-06\npublisher: Wire\n---\n" + MINI_TEXT)
    (result,) = extract_files([article], tmp_path / "out", vocab=[MINI_VOCAB])
    loaded = load_claims(result.claims_file)
    claims = {(c.claimant, c.side, c.issue) for c in loaded.data.claims}
    assert ("rudolf-rassendyll", "ruritania", "dialogue-should-continue") in claims
    assert ("rufus-firefly", "freedonia", "tariffs-justified") in claims
    assert loaded.data.article.id == "mini"
    assert loaded.data.coder.name == "stancegraph-extract"
    assert loaded.data.coder.model and loaded.data.coder.model.startswith("en_core_web_sm")
    for claim in loaded.data.claims:
        assert claim.mention is not None and claim.cue is not None
        assert claim.evidence.start >= MINI_TEXT.index("ZENDA")  # front matter and title skipped


def test_output_is_byte_identical(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(MINI_TEXT)
    first = extract_files([article], tmp_path / "one", vocab=[MINI_VOCAB])[0].claims_file
    second = extract_files([article], tmp_path / "two", vocab=[MINI_VOCAB])[0].claims_file
    assert first.read_bytes().replace(b"../a.txt", b"") == second.read_bytes().replace(
        b"../a.txt", b""
    )


def test_html_writes_plain_text_beside_claims(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><title>Steel</title><meta property='og:site_name' content='Wire'></head>"
        "<body><nav>Home | World</nav><article><p>Rassendyll said on Monday that dialogue "
        "between the two nations must continue.</p><figure><figcaption>Rassendyll, "
        "(Wire Photo)</figcaption></figure><script>alert(1)</script></article></body></html>"
    )
    (result,) = extract_files([html], tmp_path / "out", vocab=[MINI_VOCAB])
    loaded = load_claims(result.claims_file)
    assert loaded.data.article.text_file == "page.txt"
    assert "alert" not in loaded.text and "Home" not in loaded.text
    assert loaded.data.article.publisher == "Wire"
    assert loaded.data.claims[0].claimant == "rudolf-rassendyll"


def test_no_attributions_gives_an_empty_claims_file(extractor: Extractor, tmp_path: Path) -> None:
    article = tmp_path / "quiet.txt"
    article.write_text("Steel prices rose in Zenda on Monday.\n\nThe harbour was calm.\n")
    data = extractor.claims(read_article(article), "quiet.txt")
    assert data.claims == ()


def test_unbalanced_quote_keeps_going(extractor: Extractor, tmp_path: Path) -> None:
    article = tmp_path / "open.txt"
    article.write_text(
        "Steel Talks\n\nRassendyll told reporters: “Dialogue must continue between our nations\n\n"
        "“And tariffs will follow if dumping goes on,” he said.\n"
    )
    data = extractor.claims(read_article(article), "open.txt")
    assert any("unbalanced" in (c.note or "") for c in data.claims)
    assert all(c.claimant == "rudolf-rassendyll" for c in data.claims)


def test_big_article_is_chunked(extractor: Extractor, tmp_path: Path) -> None:
    text = ("Rassendyll said that dialogue must continue. " * 40 + "\n\n") * 5
    found = extractor.attributions(text + "x" * 30_000 + ".\n")
    assert len(found) >= 200


def test_empty_and_binary_input_fail_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"abc\xff\xfe")
    runner = CliRunner()
    for path, message in ((empty, "is empty"), (binary, "offset 3")):
        result = runner.invoke(app, ["extract", str(path), "-o", str(tmp_path / "o")])
        assert result.exit_code == 1
        assert message in result.output
        assert "Traceback" not in result.output


def test_extract_missing_skips_coded_articles(tmp_path: Path) -> None:
    (tmp_path / "coded.txt").write_text(MINI_TEXT)
    (tmp_path / "coded.claims.yaml").write_text("placeholder")
    (tmp_path / "new.txt").write_text(MINI_TEXT)
    written = extract_missing(tmp_path, [MINI_VOCAB])
    assert [p.name for p in written] == ["new.claims.yaml"]


def test_cli_extract_and_evaluate_the_seed(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", str(SEED_CLAIMS), "--format", "json"])
    assert result.exit_code == 0, result.output
    (table,) = json.loads(result.stdout)
    assert table["scores"]["claim F1"] >= 0.85
    assert table["scores"]["side accuracy"] >= 0.95
    brat = runner.invoke(app, ["evaluate", str(FIXTURES / "brat")])
    assert brat.exit_code == 0, brat.output
    assert "content F1" in brat.stdout
    nested = FIXTURES / "brat_nested"
    unit = runner.invoke(app, ["evaluate", str(nested), "--format", "json"])
    strict = runner.invoke(app, ["evaluate", str(nested), "--strict", "--format", "json"])
    assert strict.exit_code == 0, strict.output
    ((unit_table,), (strict_table,)) = json.loads(unit.stdout), json.loads(strict.stdout)
    assert strict_table["title"].endswith(", strict)")
    assert strict_table["counts"]["predicted"] >= unit_table["counts"]["predicted"]


def test_a_paragraph_ending_in_a_colon_introduces_the_quote_that_follows(
    extractor: Extractor,
) -> None:
    text = (
        "Rudolf Rassendyll released the following statement:\n\n"
        "\u201cWe will not back down on steel, and we will not apologise.\u201d\n"
    )
    (found,) = [a for a in extractor.attributions(text) if a.kind == "continued"]
    assert text[found.content[0] : found.content[1]].startswith("We will not back down")
    assert [s.referent.name for s in found.speakers] == ["Rudolf Rassendyll"]


def test_many_articles_in_one_parsing_stream_give_each_ones_own_claims(
    extractor: Extractor, tmp_path: Path
) -> None:
    from stancegraph.claims.io import claims_to_yaml

    seed = read_article(SEED_CLAIMS.parent / SEED_CLAIMS.name.replace(".claims.yaml", ".txt"))
    files = {
        "mini.md": "---\nid: mini\ntitle: Talks resume\n---\n" + MINI_TEXT,
        "empty.md": "---\nid: empty\n---\n",  # nothing to parse: no doc in the stream
        "short.txt": "The minister said talks should continue.",
    }
    sources = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        sources.append(read_article(tmp_path / name))
    sources.insert(1, seed)
    jobs = [(f"k{i}", source, "a.txt") for i, source in enumerate(sources)]
    streamed = list(extractor.extract_many(iter(jobs)))
    assert [key for key, _ in streamed] == [key for key, _, _ in jobs]
    for (_, source, text_file), (_, assembled) in zip(jobs, streamed, strict=True):
        alone = extractor.extract(source, text_file)
        assert assembled == alone
        assert claims_to_yaml(assembled.data) == claims_to_yaml(alone.data)
    assert streamed[0][1].data.claims and not streamed[2][1].data.claims


def test_the_model_loads_without_spacys_command_line_which_stays_importable() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from stancegraph.extract.model import load_model\n"
        "nlp = load_model().nlp\n"
        "assert [t.lemma_ for t in nlp('The ministers said it.')][2] == 'say'\n"
        "left = sorted(m for m in sys.modules if m.startswith(('spacy.cli', 'weasel')))\n"
        "assert not left, left\n"
        "import spacy, spacy.cli\n"
        "from spacy.cli.info import info\n"
        "assert spacy.cli.info is info and callable(spacy.cli.download)\n"
        "data = spacy.info(silent=True)\n"
        "assert data['spacy_version'] == spacy.__version__, data\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
