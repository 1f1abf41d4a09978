"""``extract``: articles -> claims files, in one process or several.

Each worker process loads the model once. Output is deterministic: the same
article, rules, vocabulary and model give the same bytes. For HTML input the
extracted plain text is written beside the claims file (``<stem>.txt``) and
the claims file's offsets refer to it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from stancegraph import __version__
from stancegraph.claims.io import CLAIMS_SUFFIX, dump_claims
from stancegraph.claims.model import Coder
from stancegraph.errors import InputError
from stancegraph.extract.assemble import CODER_NAME, AssembledArticle
from stancegraph.extract.emergent.assign import assign_emergent, gazetteer_aliases
from stancegraph.extract.extractor import Extractor
from stancegraph.extract.source import HTML_SUFFIXES, read_article
from stancegraph.rdf.build import coder_iri
from stancegraph.textio import write_atomic
from stancegraph.vocab.emergent import (
    EMERGENT_FILE,
    GeneratedIssue,
    emergent_scheme_graph,
    kept_from_earlier,
)
from stancegraph.vocab.gazetteer import load_gazetteer
from stancegraph.vocab.model import Vocabulary

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


@dataclass(frozen=True)
class _Extracted:
    article: Path
    claims_file: Path
    assembled: AssembledArticle


def _extract_one(extractor: Extractor, article: Path, out: Path | None) -> _Extracted:
    """Extract *article* (writing its plain text beside the claims file when derived)."""
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
    return _Extracted(
        Path(article), claims_path, extractor.extract(source, Path(text_file).as_posix())
    )


def _write_all(done: Sequence[_Extracted], topics: frozenset[str]) -> list[ExtractResult]:
    """Group the unclassified claims of all *done* articles into emergent issues, then
    write each claims file and, per output folder, the generated scheme."""
    assigned = assign_emergent(
        [d.assembled for d in done], aliases=gazetteer_aliases(load_gazetteer())
    )
    results = []
    for item, data in zip(done, assigned.files, strict=True):
        dump_claims(data, item.claims_file)
        results.append(
            ExtractResult(item.article, item.claims_file, len(data.claims), len(data.actors))
        )
    members = {
        issue.id: [tuple(m.split("/", 1)) for m in issue.members] for issue in assigned.issues
    }
    for folder in sorted({d.claims_file.parent for d in done}):
        ids = {d.assembled.data.article.id for d in done if d.claims_file.parent == folder}
        issues = [
            GeneratedIssue(
                id=issue.id,
                label=issue.label,
                topic=issue.topic,
                claims=tuple((a, c) for a, c in members[issue.id] if a in ids),
            )
            for issue in assigned.issues
        ]
        scheme = emergent_scheme_graph([i for i in issues if i.claims], coder=_CODER, topics=topics)
        scheme += kept_from_earlier(folder / EMERGENT_FILE, ids)
        write_atomic(folder / EMERGENT_FILE, scheme.serialize(format="turtle"))
    return results


def extract_article(extractor: Extractor, article: Path, out: Path | None = None) -> ExtractResult:
    """Extract the claims of *article* into ``<out>/<stem>.claims.yaml`` (emergent issues
    grouped within the article alone; :func:`extract_files` groups across articles)."""
    return _write_all([_extract_one(extractor, article, out)], _topics(extractor.vocabulary))[0]


def _topics(vocabulary: Vocabulary) -> frozenset[str]:
    """The top concepts an emergent issue may have as its broader topic."""
    return frozenset(t for t, issue in vocabulary.issues.items() if issue.top)


#: Told ``(done, total, article)`` as articles are extracted; ``article`` None at the end.
ExtractProgress = Callable[[int, int, Path | None], None]

#: The extractor as the coder of the claims and the generator of the emergent issues.
_CODER = coder_iri(Coder(kind="software", name=CODER_NAME, version=__version__))
_WORKER: Extractor | None = None


def _init_worker(model: str | None, rules: tuple[Path, ...], vocab: tuple[Path, ...]) -> None:
    global _WORKER
    _WORKER = Extractor(model=model, rules=rules, vocab=vocab)


def _work(job: tuple[Path, Path | None]) -> _Extracted:
    assert _WORKER is not None
    return _extract_one(_WORKER, *job)


def _worker_topics() -> frozenset[str]:
    assert _WORKER is not None
    return _topics(_WORKER.vocabulary)


def extract_files(
    articles: Sequence[Path],
    out: Path | None = None,
    *,
    workers: int = 1,
    model: str | None = None,
    rules: Sequence[Path] = (),
    vocab: Sequence[Path] = (),
    progress: ExtractProgress | None = None,
) -> list[ExtractResult]:
    """Extract every article in *articles* (claims files in *out*, default beside each).

    The claims that no proposition fits are grouped across all the articles into
    emergent issues (``emergent-issues.ttl`` beside the claims files). *progress*
    is told ``(done, total, article)`` as each article is extracted, then
    ``(total, total, None)`` when the grouping and writing begin.
    """
    if workers < 1:
        raise InputError(f"--workers {workers} is not a number of processes: give 1 or more")
    jobs = [(Path(a), out) for a in articles]
    done: list[_Extracted] = []

    def tell(item: _Extracted) -> None:
        done.append(item)
        if progress is not None:
            progress(len(done), len(jobs), item.article)

    if workers == 1 or len(jobs) < 2:
        extractor = Extractor(model=model, rules=rules, vocab=vocab)
        for job in jobs:
            tell(_extract_one(extractor, *job))
        topics = _topics(extractor.vocabulary)
    else:
        with ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)),
            initializer=_init_worker,
            initargs=(model, tuple(rules), tuple(vocab)),
        ) as pool:
            for item in pool.map(_work, jobs):  # in order, each as soon as it is there
                tell(item)
            topics = pool.submit(_worker_topics).result()  # the vocabulary a worker loaded
    if progress is not None:
        progress(len(jobs), len(jobs), None)
    return _write_all(done, topics) if done else []


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
