"""Corpus input: folder trees, JSONL / CSV / Parquet exports, bad rows, duplicate ids."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancegraph.claims.io import load_claims
from stancegraph.cli.app import app
from stancegraph.errors import InputError
from stancegraph.pipeline.corpus import find_corpus, parse_columns
from stancegraph.pipeline.extract import extract_corpus, extract_files, find_articles

from ..conftest import FIXTURES, MINI_VOCAB, needs_model

MINI_TEXT = (FIXTURES / "mini" / "article.txt").read_text(encoding="utf-8")
OTHER_TEXT = (
    "Freedonian President Rufus Firefly said on Tuesday that tariffs on Ruritanian steel "
    "were justified.\n"
)


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
        encoding="utf-8",
    )
    return path


def _news_please(path: Path) -> Path:
    """Two rows in news-please's field names."""
    return _jsonl(
        path,
        [
            {
                "url": "https://wire.example/steel",
                "title": "Steel barbs",
                "maintext": MINI_TEXT,
                "text": None,
                "date_publish": "2024-05-06 09:30:00",
                "source_domain": "wire.example",
                "authors": ["A. Writer", "B. Writer"],
                "id": "steel-1",
            },
            {"url": "https://wire.example/tariffs", "maintext": OTHER_TEXT, "id": 42},
        ],
    )


# Reading a corpus (no model) ---------------------------------------------------------


def test_tree_is_walked_recursively_with_path_ids_below_the_top(tmp_path: Path) -> None:
    for name in ("a.txt", "x/b.txt", "y/b.txt", "y/z/c.md", ".hidden/d.txt", "README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(MINI_TEXT)
    corpus = find_corpus([tmp_path])
    found = [(a.origin.relative_to(tmp_path).as_posix(), a.article_id) for a in corpus.articles]
    assert found == [("a.txt", None), ("x/b.txt", "x-b"), ("y/b.txt", "y-b"), ("y/z/c.md", "y-z-c")]
    assert find_articles(tmp_path, exclude=[tmp_path / "y"]) == [
        tmp_path / "a.txt",
        tmp_path / "x/b.txt",
    ]


def test_jsonl_default_columns_news_please(tmp_path: Path) -> None:
    corpus = find_corpus([_news_please(tmp_path / "news.jsonl")])
    first, second = corpus.articles
    assert corpus.skipped == ()
    assert (first.row, second.row) == (1, 2)
    assert first.source is not None and second.source is not None
    meta = first.source.meta
    assert (meta.id, meta.title, str(meta.published), meta.publisher) == (
        "steel-1",
        "Steel barbs",
        "2024-05-06",
        "wire.example",
    )
    assert meta.authors == ("A. Writer", "B. Writer")
    assert first.source.text == MINI_TEXT  # `text` is null, so `maintext` is used
    assert second.source.meta.id == "42"  # an integer id (Media Cloud stories_id style)
    assert second.source.meta.title.startswith("Freedonian President")  # the first line


def test_csv_configured_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["key", "headline", "body", "day", "outlet", "text"])
        writer.writerow(["r1", "Steel", MINI_TEXT, "20240506", "Wire", "not the article"])
    columns = parse_columns(["text=body,published=day", "publisher=outlet", "id=key"])
    (article,) = find_corpus([path], columns=columns).articles
    assert article.source is not None
    meta = article.source.meta
    assert article.source.text == MINI_TEXT
    assert (meta.id, meta.title, str(meta.published), meta.publisher) == (
        "r1",
        "Steel",
        "2024-05-06",  # GDELT's compact YYYYMMDD...
        "Wire",
    )
    assert article.row == 2  # the line of the record, the header being line 1


def test_bad_rows_are_skipped_and_named(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "bad.jsonl",
        [
            {"id": "ok", "text": OTHER_TEXT},
            '{"id": "broken", "text": ',
            {"id": "empty", "title": "no text"},
            {"id": "typed", "text": ["a", "list"]},
            {"id": "dated", "text": OTHER_TEXT, "published": "last Tuesday"},
            "[1, 2]",
            {"id": "also-ok", "text": OTHER_TEXT, "author": "A. Writer; B. Writer"},
        ],
    )
    corpus = find_corpus([path])
    assert [a.source.meta.id for a in corpus.articles if a.source] == ["ok", "also-ok"]
    assert corpus.articles[1].source is not None
    assert corpus.articles[1].source.meta.authors == ("A. Writer", "B. Writer")
    described = [s.describe() for s in corpus.skipped]
    assert [(s.row, s.column) for s in corpus.skipped] == [
        (2, None),
        (3, "text|maintext|body|content|article_text|raw_text"),
        (4, "text"),
        (5, "published"),
        (6, None),
    ]
    assert described[0].startswith(f"{path} line 2: not JSON")
    assert (
        described[3]
        == f"{path} line 5, column published: 'last Tuesday' is not a date: use YYYY-MM-DD"
    )


def test_duplicate_ids_are_an_error_naming_both_rows(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "dup.jsonl",
        [
            {"id": "A", "text": OTHER_TEXT},
            {"id": "b", "text": OTHER_TEXT},
            {"id": "a", "text": "x"},
        ],
    )
    with pytest.raises(
        InputError, match=r"dup.jsonl line 3: article id 'a' is also the id of line 1"
    ):
        find_corpus([path])


def test_empty_export_and_missing_text_column(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n\n")
    with pytest.raises(InputError, match=r"empty.jsonl has no rows"):
        find_corpus([tmp_path / "empty.jsonl"])
    (tmp_path / "header.csv").write_text("id,text\n")
    with pytest.raises(InputError, match=r"header.csv has no rows"):
        find_corpus([tmp_path / "header.csv"])
    (tmp_path / "other.csv").write_text("id,words\n1,hello\n")
    with pytest.raises(InputError, match=r"has no text column .* --columns text=COLUMN"):
        find_corpus([tmp_path / "other.csv"])
    with pytest.raises(InputError, match=r"--columns 'colour=x'"):
        parse_columns(["colour=x"])


def test_csv_ragged_row_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text(f'id,text\n1,"{OTHER_TEXT}"\n2,one,two\n', encoding="utf-8")
    corpus = find_corpus([tmp_path / "r.csv"])
    assert len(corpus.articles) == 1
    assert [s.describe() for s in corpus.skipped] == [
        f"{tmp_path / 'r.csv'} line 4: 3 fields, the header has 2"
    ]


def test_parquet_export(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "stories_id": [7, 8],
            "story_text": [OTHER_TEXT, None],
            "publish_date": ["2024-05-06", None],
        }
    )
    pq.write_table(table, tmp_path / "mc.parquet")
    corpus = find_corpus([tmp_path / "mc.parquet"], columns=parse_columns(["text=story_text"]))
    assert [a.source.meta.id for a in corpus.articles if a.source] == ["7"]
    assert [s.describe() for s in corpus.skipped] == [
        f"{tmp_path / 'mc.parquet'} row 2, column story_text: no text"
    ]


# Extracting a corpus (the model) -------------------------------------------------------


@needs_model
def test_tree_output_mirrors_it_and_names_collide_nowhere(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for name in ("top.txt", "x/same.txt", "y/same.txt"):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(MINI_TEXT)
    results = extract_corpus(find_corpus([src]), tmp_path / "out", vocab=[MINI_VOCAB])
    written = [r.claims_file.relative_to(tmp_path / "out").as_posix() for r in results]
    assert written == ["top.claims.yaml", "x/same.claims.yaml", "y/same.claims.yaml"]
    ids = [load_claims(r.claims_file).data.article.id for r in results]
    assert ids == ["top", "x-same", "y-same"]
    loaded = load_claims(results[1].claims_file)
    assert loaded.data.article.text_file == "../../in/x/same.txt"
    assert loaded.text == MINI_TEXT
    # the top of a tree gives the same bytes as extracting the file alone
    (alone,) = extract_files([src / "top.txt"], tmp_path / "alone", vocab=[MINI_VOCAB])
    assert alone.claims_file.read_bytes() == results[0].claims_file.read_bytes()


@needs_model
def test_same_id_in_a_tree_is_an_error_naming_both(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "b.txt").write_text(MINI_TEXT)
    (tmp_path / "x-b.txt").write_text(MINI_TEXT)
    with pytest.raises(InputError, match=r"x/b.txt and .*x-b.txt have the same article id 'x-b'"):
        extract_corpus(find_corpus([tmp_path]), tmp_path / "out", vocab=[MINI_VOCAB])
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.claims.yaml"))


@needs_model
def test_rows_write_text_files_that_offsets_point_into(tmp_path: Path) -> None:
    export = _news_please(tmp_path / "news.jsonl")
    results = extract_corpus(find_corpus([export]), vocab=[MINI_VOCAB])  # beside: news/
    assert [(r.name, r.claims_file.relative_to(tmp_path).as_posix()) for r in results] == [
        (f"{export}:1", "news/steel-1.claims.yaml"),
        (f"{export}:2", "news/42.claims.yaml"),
    ]
    loaded = load_claims(results[0].claims_file)
    article = loaded.data.article
    assert article.text_file == "steel-1.txt"
    assert (tmp_path / "news" / "steel-1.txt").read_text(encoding="utf-8") == MINI_TEXT
    assert article.publisher == "wire.example" and article.url == "https://wire.example/steel"
    assert loaded.data.claims
    for claim in loaded.data.claims:
        assert MINI_TEXT[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    # a folder walk skips the export's output folder: no article twice
    assert [a.name for a in find_corpus([tmp_path]).articles] == [f"{export}:1", f"{export}:2"]


@needs_model
def test_same_export_gives_byte_identical_claims_files(tmp_path: Path) -> None:
    export = _news_please(tmp_path / "news.jsonl")
    one = extract_corpus(find_corpus([export]), tmp_path / "one", vocab=[MINI_VOCAB])
    two = extract_corpus(find_corpus([export]), tmp_path / "two", vocab=[MINI_VOCAB], workers=2)
    for a, b in zip(one, two, strict=True):
        assert a.claims_file.read_bytes() == b.claims_file.read_bytes()
        assert a.claims_file.with_suffix("").with_suffix(".txt").read_bytes() == (
            b.claims_file.with_suffix("").with_suffix(".txt").read_bytes()
        )


@needs_model
def test_cli_extract_counts_skipped_rows(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["guid", "content", "date"])
        writer.writerow(["g1", MINI_TEXT, "2024-05-06"])
        writer.writerow(["g2", "", "2024-05-07"])
    result = CliRunner().invoke(
        app, ["extract", str(path), "-o", str(tmp_path / "out"), "--vocab", str(MINI_VOCAB)]
    )
    assert result.exit_code == 0, result.output
    line = 3 + MINI_TEXT.count("\n")  # the line a record starts on, not its number
    assert f"skipped {path} line {line}, column text|maintext" in result.output
    assert "1 bad row(s) skipped" in result.output
    assert (tmp_path / "out" / "e" / "g1.claims.yaml").is_file()
    empty = tmp_path / "none.jsonl"
    empty.write_text("")
    result = CliRunner().invoke(app, ["extract", str(empty)])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        .splitlines()[-1]
        .endswith("has no rows: give an export with one article per row")
    )


@needs_model
def test_run_on_a_tree_with_an_export(tmp_path: Path) -> None:
    from stancegraph.pipeline.run import run

    src = tmp_path / "corpus"
    (src / "wire").mkdir(parents=True)
    (src / "wire" / "steel.txt").write_text(MINI_TEXT)
    _jsonl(src / "rows.jsonl", [{"id": "t", "text": OTHER_TEXT, "date": "2024-05-07"}, "nope"])
    result = run(src, tmp_path / "out", vocab=[MINI_VOCAB], score=False)
    assert result.articles == 2
    claims = sorted(p.relative_to(tmp_path / "out").as_posix() for p in result.extracted)
    assert claims == ["claims/rows/t.claims.yaml", "claims/wire/steel.claims.yaml"]
    assert any("1 bad row(s) of the exports skipped" in w for w in result.warnings)
    assert "1 bad row(s) of the exports skipped" in result.report.read_text(encoding="utf-8")
