"""``extract``: articles -> claims files, in one process or several.

Each worker process loads the model once. Output is deterministic: the same
article, rules, vocabulary and model give the same bytes. For HTML input the
extracted plain text is written beside the claims file (``<stem>.txt``) and
the claims file's offsets refer to it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from stancegraph.claims.io import CLAIMS_SUFFIX, dump_claims
from stancegraph.errors import InputError
from stancegraph.extract.extractor import Extractor
from stancegraph.extract.source import HTML_SUFFIXES, read_article
from stancegraph.textio import write_atomic

__all__ = [
    "ARTICLE_SUFFIXES",
    "ExtractResult",
    "claims_file_for",
    "extract_article",
    "extract_files",
    "extract_missing",
    "find_articles",
]

#: The files ``extract_missing`` treats as articles.
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", *HTML_SUFFIXES})


@dataclass(frozen=True)
class ExtractResult:
    """What extracting one article wrote."""

    article: Path
    claims_file: Path
    claims: int
    new_actors: int


def claims_file_for(article: Path, out: Path | None = None) -> Path:
    """Where the claims file of *article* goes: beside it, or in *out*."""
    return (out if out is not None else article.parent) / f"{article.stem}{CLAIMS_SUFFIX}"


def extract_article(extractor: Extractor, article: Path, out: Path | None = None) -> ExtractResult:
    """Extract the claims of *article* into ``<out>/<stem>.claims.yaml``."""
    source = read_article(article)
    claims_path = claims_file_for(Path(article), out)
    if source.derived:
        text_path = claims_path.with_name(f"{Path(article).stem}.txt")
        if text_path.resolve() == Path(article).resolve():
            raise InputError(f"{article}: its plain text would overwrite it: choose another -o")
        write_atomic(text_path, source.text)
    else:
        text_path = Path(article)
    text_file = os.path.relpath(text_path.resolve(), claims_path.parent.resolve())
    data = extractor.claims(source, Path(text_file).as_posix())
    dump_claims(data, claims_path)
    return ExtractResult(Path(article), claims_path, len(data.claims), len(data.actors))


_WORKER: Extractor | None = None


def _init_worker(model: str | None, rules: tuple[Path, ...], vocab: tuple[Path, ...]) -> None:
    global _WORKER
    _WORKER = Extractor(model=model, rules=rules, vocab=vocab)


def _work(job: tuple[Path, Path | None]) -> ExtractResult:
    assert _WORKER is not None
    return extract_article(_WORKER, *job)


def extract_files(
    articles: Sequence[Path],
    out: Path | None = None,
    *,
    workers: int = 1,
    model: str | None = None,
    rules: Sequence[Path] = (),
    vocab: Sequence[Path] = (),
) -> list[ExtractResult]:
    """Extract every article in *articles* (claims files in *out*, default beside each)."""
    if workers < 1:
        raise InputError(f"--workers {workers} is not a number of processes: give 1 or more")
    jobs = [(Path(a), out) for a in articles]
    if workers == 1 or len(jobs) < 2:
        extractor = Extractor(model=model, rules=rules, vocab=vocab)
        return [extract_article(extractor, *job) for job in jobs]
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        initializer=_init_worker,
        initargs=(model, tuple(rules), tuple(vocab)),
    ) as pool:
        return list(pool.map(_work, jobs))


def find_articles(folder: Path) -> list[Path]:
    """The article files of *folder*: text, Markdown and HTML, not metadata or derived text."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder: give the folder that holds the articles")
    files = sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
    )
    html_stems = {p.stem for p in files if p.suffix.lower() in HTML_SUFFIXES}
    return [
        p
        for p in files
        if p.name.lower() != "readme.md" and not (p.suffix == ".txt" and p.stem in html_stems)
    ]


def extract_missing(
    folder: Path, vocab: Sequence[Path] = (), *, model: str | None = None, workers: int = 1
) -> list[Path]:
    """Extract every article of *folder* that has no claims file yet; the files written."""
    todo = [a for a in find_articles(folder) if not claims_file_for(a, None).exists()]
    return [r.claims_file for r in extract_files(todo, workers=workers, model=model, vocab=vocab)]
