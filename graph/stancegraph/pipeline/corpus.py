"""A corpus to extract from: article files in a folder tree, and tabular exports of articles.

A **folder** is walked recursively (sorted, hidden folders and symbolic links to
folders skipped). Its articles are the text, Markdown and HTML files, not a
``README.md``, not the ``<stem>.txt`` that extraction derived from ``<stem>.html``.
An article in a subfolder ``a/b.txt`` keeps its claims file in the mirrored
folder ``a/`` of the output and, unless its metadata names an id other than its
stem, has the article id of its path (``a-b``), so two ``b.txt`` in different
folders neither overwrite each other's claims file nor share a named graph.
Articles at the top of the folder keep the id and output of their stem, as before.

An **export** (``.jsonl``/``.ndjson``, ``.csv``, ``.parquet``) holds one article per
row: its text and metadata columns. Each column is looked up under the names in
:data:`DEFAULT_COLUMNS` (the conventions of news-please, Media Cloud, GDELT,
newspaper3k and trafilatura output), the first name with a value in the row
winning, unless :func:`parse_columns` says otherwise (``text=body,published=date``).
The rows of ``news.jsonl`` are extracted into a folder ``news/`` (beside the export,
or under the output folder): ``<id>.txt`` holds the row's text, the offsets of
``<id>.claims.yaml`` point into it. A folder walk skips that ``news/`` folder.

Bad input: a row that is not JSON, has no text, or a value of the wrong type is
skipped and reported (:class:`SkippedRow`: the export, the line, the column, why);
the rest goes on. Two rows (or articles) with the same id are an error naming
both: ids make the IRIs, and numbering duplicates by their order would give an
article another IRI whenever the export is reordered. An export with no rows, or
a CSV or Parquet export with no text column, is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from stancegraph.errors import InputError
from stancegraph.extract.source import HTML_SUFFIXES, ArticleMeta, ArticleSource, slug_of
from stancegraph.textio import MAX_TEXT_BYTES

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_COLUMNS",
    "EXPORT_SUFFIXES",
    "Corpus",
    "CorpusArticle",
    "SkippedRow",
    "article_files",
    "find_corpus",
    "parse_columns",
    "walk_corpus",
    "with_path_id",
]

#: The files a folder walk treats as articles.
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", *HTML_SUFFIXES})
#: The files read as tabular exports, one article per row.
EXPORT_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv", ".parquet"})

#: Column names looked up for each field of a row, in order: news-please (``maintext``,
#: ``date_publish``, ``source_domain``, ``authors``), Media Cloud (``stories_id``,
#: ``publish_date``, ``media_name``, ``guid``), GDELT (``DocumentIdentifier``,
#: ``SourceCommonName``, ``GKGRECORDID``, ``seendate``, ``domain``), newspaper3k
#: (``text``, ``publish_date``, ``authors``), trafilatura JSON (``text``, ``date``,
#: ``author``, ``hostname``, ``source-hostname``), schema.org (``headline``,
#: ``datePublished``). Names match case-insensitively.
DEFAULT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "body", "content", "article_text", "raw_text"),
    "id": ("id", "stories_id", "guid", "GKGRECORDID"),
    "title": ("title", "headline", "title_page"),
    "url": ("url", "link", "DocumentIdentifier"),
    "published": (
        "published",
        "date_publish",
        "publish_date",
        "datePublished",
        "date",
        "pubdate",
        "seendate",
    ),
    "publisher": (
        "publisher",
        "source_domain",
        "media_name",
        "source-hostname",
        "sitename",
        "SourceCommonName",
        "source",
        "domain",
        "hostname",
    ),
    "authors": ("authors", "author", "byline"),
}

_TOP = PurePosixPath(".")
_COMPACT_DATE = re.compile(r"\A(\d{4})(\d{2})(\d{2})(?:\D|\d{2}|\Z)")


@dataclass(frozen=True)
class SkippedRow:
    """A row of an export that was not extracted, and why."""

    export: Path
    row: int
    column: str | None
    reason: str

    def describe(self) -> str:
        """``news.jsonl line 7, column text: no text``."""
        unit = "row" if self.export.suffix.lower() == ".parquet" else "line"
        column = f", column {self.column}" if self.column else ""
        return f"{self.export} {unit} {self.row}{column}: {self.reason}"


@dataclass(frozen=True)
class CorpusArticle:
    """One article of a corpus, and the folder its claims file goes to (relative)."""

    origin: Path
    folder: PurePosixPath = _TOP
    row: int | None = None
    source: ArticleSource | None = None
    article_id: str | None = None

    @property
    def name(self) -> str:
        """The article as a reader finds it: its path, or ``export:line``."""
        return f"{self.origin}:{self.row}" if self.row is not None else str(self.origin)

    @property
    def stem(self) -> str:
        """The name of its claims file without the suffix: the file stem, or the row id."""
        return self.source.meta.id if self.source is not None else self.origin.stem


@dataclass(frozen=True)
class Corpus:
    """The articles found, in a deterministic order, and the rows skipped."""

    articles: tuple[CorpusArticle, ...]
    skipped: tuple[SkippedRow, ...] = ()


class _BadRowError(Exception):
    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def parse_columns(specs: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The column names of ``FIELD=NAME[|NAME...]`` pairs (comma-separated, repeatable)
    over :data:`DEFAULT_COLUMNS`; ``FIELD=`` ignores the field."""
    columns = dict(DEFAULT_COLUMNS)
    for spec in specs:
        for pair in filter(None, (p.strip() for p in spec.split(","))):
            field, sep, names = pair.partition("=")
            field = field.strip()
            if not sep or field not in DEFAULT_COLUMNS:
                raise InputError(
                    f"--columns {pair!r}: give FIELD=COLUMN with FIELD one of "
                    f"{', '.join(DEFAULT_COLUMNS)}"
                )
            columns[field] = tuple(n.strip() for n in names.split("|") if n.strip())
    if not columns["text"]:
        raise InputError("--columns text= leaves no text column: name the column of the text")
    return columns


def _skip_folder(folder: Path, names: set[str], exclude: set[Path]) -> bool:
    """A hidden folder, an excluded one, or the output folder of an export beside it."""
    if folder.name.startswith(".") or folder.resolve() in exclude:
        return True
    return any(f"{folder.name.lower()}{s}" in names for s in EXPORT_SUFFIXES)


def walk_corpus(root: Path, *, exclude: Sequence[Path] = ()) -> Iterator[Path]:
    """Every file under *root*, folder by folder (sorted, top first), skipping hidden
    folders, the *exclude* folders and the ``<stem>/`` output folder beside an export."""
    excluded = {Path(p).resolve() for p in exclude} - {Path(root).resolve()}
    for here, dirs, files in os.walk(root):
        names = set(files)
        dirs[:] = sorted(
            d
            for d in dirs
            if not _skip_folder(Path(here) / d, {n.lower() for n in names}, excluded)
        )
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(here) / name


def _articles_of_folder(paths: list[Path]) -> list[Path]:
    """The article files among the files of one folder."""
    files = [p for p in paths if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()]
    html_stems = {p.stem for p in files if p.suffix.lower() in HTML_SUFFIXES}
    return [
        p
        for p in files
        if p.name.lower() != "readme.md" and not (p.suffix == ".txt" and p.stem in html_stems)
    ]


def _path_id(relative: PurePosixPath) -> str:
    return slug_of(relative.with_suffix("").as_posix()) or "article"


def article_files(root: Path, *, exclude: Sequence[Path] = ()) -> list[CorpusArticle]:
    """The article files under the folder *root* (exports left out), each with its folder
    relative to *root* and, below the top, the id of its path."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root} is not a folder: give the folder that holds the articles")
    by_folder: dict[Path, list[Path]] = {}
    for file in walk_corpus(root, exclude=exclude):
        by_folder.setdefault(file.parent, []).append(file)
    found = []
    for folder, files in by_folder.items():
        rel = PurePosixPath(folder.relative_to(root).as_posix())
        for file in _articles_of_folder(files):
            aid = None if rel == _TOP else _path_id(rel / file.name)
            found.append(CorpusArticle(file, rel, article_id=aid))
    return found


def find_corpus(
    paths: Sequence[Path],
    *,
    columns: Mapping[str, tuple[str, ...]] | None = None,
    exclude: Sequence[Path] = (),
) -> Corpus:
    """The articles of *paths*: article files, exports, and folders walked recursively
    (their article files, then the rows of their exports)."""
    columns = columns if columns is not None else DEFAULT_COLUMNS
    articles: list[CorpusArticle] = []
    skipped: list[SkippedRow] = []

    def add_rows(export: Path, folder: PurePosixPath) -> None:
        rows = _read_export(export, columns, folder)
        articles.extend(rows.articles)
        skipped.extend(rows.skipped)

    for path in map(Path, paths):
        if path.is_dir():
            articles += article_files(path, exclude=exclude)
            for file in walk_corpus(path, exclude=exclude):
                if file.suffix.lower() in EXPORT_SUFFIXES and file.is_file():
                    add_rows(file, PurePosixPath(file.parent.relative_to(path).as_posix()))
        elif path.suffix.lower() in EXPORT_SUFFIXES:
            add_rows(path, _TOP)
        else:
            articles.append(CorpusArticle(path))
    return Corpus(tuple(articles), tuple(skipped))


def _read_export(
    path: Path, columns: Mapping[str, tuple[str, ...]], folder: PurePosixPath
) -> Corpus:
    """The rows of the export at *path* as articles (their output folder named after it)."""
    if not path.is_file():
        raise InputError(f"export {path} does not exist: check the path")
    suffix = path.suffix.lower()
    rows = (
        _jsonl_rows(path)
        if suffix in {".jsonl", ".ndjson"}
        else _csv_rows(path, columns)
        if suffix == ".csv"
        else _parquet_rows(path, columns)
    )
    articles: list[CorpusArticle] = []
    skipped: list[SkippedRow] = []
    seen: dict[str, int] = {}
    count = 0
    for number, row in rows:
        count += 1
        try:
            if isinstance(row, _BadRowError):
                raise row
            source = _row_source(path, number, row, columns)
        except _BadRowError as bad:
            skipped.append(SkippedRow(path, number, bad.column, bad.reason))
            continue
        first = seen.setdefault(source.meta.id, number)
        if first != number:
            unit = "row" if suffix == ".parquet" else "line"
            raise InputError(
                f"{path} {unit} {number}: article id {source.meta.id!r} is also the id of "
                f"{unit} {first}: remove the duplicate or give the rows distinct ids"
            )
        articles.append(CorpusArticle(path, folder / path.stem, row=number, source=source))
    if count == 0:
        raise InputError(f"export {path} has no rows: give an export with one article per row")
    return Corpus(tuple(articles), tuple(skipped))


_Row = Mapping[str, Any] | _BadRowError


def _jsonl_rows(path: Path) -> Iterator[tuple[int, _Row]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, _BadRowError(None, f"not UTF-8 (byte 0x{raw[exc.start]:02x})")
                continue
            line = line.removeprefix("\ufeff") if number == 1 else line
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, _BadRowError(None, f"not JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(value, dict):
                yield number, _BadRowError(None, f"a JSON {type(value).__name__}, not an object")
                continue
            yield number, value


def _csv_rows(path: Path, columns: Mapping[str, tuple[str, ...]]) -> Iterator[tuple[int, _Row]]:
    csv.field_size_limit(max(csv.field_size_limit(), MAX_TEXT_BYTES))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                return
            _check_header(path, header, columns)
            start = reader.line_num + 1
            for record in reader:
                number, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) != len(header):
                    yield (
                        number,
                        _BadRowError(None, f"{len(record)} fields, the header has {len(header)}"),
                    )
                    continue
                yield number, dict(zip(header, record, strict=True))
    except UnicodeDecodeError as exc:
        raise InputError(
            f"export {path} is not UTF-8: convert it, e.g. with `iconv -t UTF-8`"
        ) from exc
    except csv.Error as exc:
        raise InputError(f"export {path} is not CSV ({exc}): fix it or export it again") from exc


def _parquet_rows(path: Path, columns: Mapping[str, tuple[str, ...]]) -> Iterator[tuple[int, _Row]]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(
            f"reading the Parquet export {path} needs pyarrow: install stancegraph[parquet]"
        ) from exc
    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid, OSError, ...
        raise InputError(f"export {path} is not Parquet ({exc}): export it again") from exc
    _check_header(path, list(table.schema_arrow.names), columns)
    number = 0
    for batch in table.iter_batches():
        for row in batch.to_pylist():
            number += 1
            yield number, row


def _check_header(path: Path, header: list[str], columns: Mapping[str, tuple[str, ...]]) -> None:
    names = {h.lower() for h in header}
    if not any(c.lower() in names for c in columns["text"]):
        raise InputError(
            f"export {path} has no text column (looked for {', '.join(columns['text'])}; it has "
            f"{', '.join(header) or 'none'}): name it with --columns text=COLUMN"
        )


def _value(row: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str, Any]:
    """The first of *names* (exact, else case-insensitive) with a value in *row*."""
    lowered = {str(k).lower(): k for k in row}
    for name in names:
        key = name if name in row else lowered.get(name.lower())
        if key is not None and row[key] is not None and row[key] != "":
            return name, row[key]
    return "", None


def _scalar(column: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _BadRowError(column, f"is a {type(value).__name__}, not text")
    return str(value).strip()


def _published(column: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _scalar(column, value)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        compact = _COMPACT_DATE.match(text)
        try:
            if compact:
                return dt.date(*map(int, compact.groups()))
        except ValueError:
            pass
    raise _BadRowError(column, f"{text[:40]!r} is not a date: use YYYY-MM-DD")


def _authors(column: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(_scalar(column, a) for a in value if a not in (None, ""))
    return tuple(a.strip() for a in _scalar(column, value).split(";") if a.strip())


def _row_source(
    path: Path, number: int, row: Mapping[str, Any], columns: Mapping[str, tuple[str, ...]]
) -> ArticleSource:
    """The article of one row, or :class:`_BadRowError` naming the column that is wrong."""
    column, text = _value(row, columns["text"])
    if text is None:
        raise _BadRowError("|".join(columns["text"]), "no text")
    if not isinstance(text, str):
        raise _BadRowError(column, f"is a {type(text).__name__}, not text")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _BadRowError(column, "no text")
    if "\x00" in text:
        raise _BadRowError(column, "the text has a NUL character")
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise _BadRowError(column, f"the text is over {MAX_TEXT_BYTES // 2**20} MiB")
    if not text.endswith("\n"):
        text += "\n"
    meta: dict[str, Any] = {}
    for field in ("title", "url", "publisher"):
        name, value = _value(row, columns[field])
        if value is not None:
            meta[field] = _scalar(name, value) or None
    name, value = _value(row, columns["published"])
    published = _published(name, value) if value is not None else None
    name, value = _value(row, columns["authors"])
    authors = _authors(name, value) if value is not None else ()
    name, value = _value(row, columns["id"])
    if value is not None:
        article_id = slug_of(_scalar(name, value))
        if not article_id:
            raise _BadRowError(name, f"id {value!r} has no letter or digit to make an id of")
    elif meta.get("url"):
        article_id = hashlib.sha256(meta["url"].encode("utf-8")).hexdigest()[:16]
    else:
        article_id = slug_of(f"{path.stem}-{number}") or f"row-{number}"
    return ArticleSource(
        path=path,
        text=text,
        derived=True,
        meta=ArticleMeta(
            id=article_id,
            title=meta.get("title") or _first_line(text),
            published=published,
            publisher=meta.get("publisher"),
            url=meta.get("url"),
            authors=authors,
        ),
    )


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return "untitled"


def with_path_id(item: CorpusArticle, source: ArticleSource) -> ArticleSource:
    """*source* with the id of its path in the tree when its metadata names none."""
    if item.article_id is None or source.meta.id != (slug_of(item.origin.stem) or "article"):
        return source
    return replace(source, meta=replace(source.meta, id=item.article_id))
