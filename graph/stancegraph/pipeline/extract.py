"""``extract``: articles -> claims files, in one process or several.

Each worker process loads the model once. Output is deterministic: the same
article, rules, vocabulary and model give the same bytes. For HTML input, and
for a row of a tabular export, the plain text is written beside the claims file
(``<stem>.txt``, ``<id>.txt``) and the claims file's offsets refer to it. What a
corpus is (a folder tree, exports, their bad rows) is :mod:`stancegraph.pipeline.corpus`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from stancegraph import __version__
from stancegraph.claims.io import CLAIMS_SUFFIX, claims_to_yaml
from stancegraph.claims.model import ClaimsFile, Coder
from stancegraph.collector import rarer_collections
from stancegraph.errors import InputError
from stancegraph.extract.assemble import CODER_NAME, AssembledArticle
from stancegraph.extract.emergent.assign import (
    assign_emergent,
    assign_grouped,
    gazetteer_aliases,
)
from stancegraph.extract.extractor import Extractor
from stancegraph.extract.model import model_loaded
from stancegraph.extract.source import ArticleSource, read_article
from stancegraph.pipeline.corpus import (
    ARTICLE_SUFFIXES,
    Corpus,
    CorpusArticle,
    article_files,
    with_path_id,
)
from stancegraph.pipeline.emergent_state import (
    ArticleState,
    GroupState,
    SchemeState,
    read_state,
    unchanged_files,
)
from stancegraph.pipeline.manifest import file_digest
from stancegraph.rdf.build import coder_iri
from stancegraph.textio import write_if_changed
from stancegraph.vocab.emergent import (
    EMERGENT_FILE,
    GeneratedIssue,
    emergent_scheme,
    kept_from_earlier,
    merge_schemes,
    remember_scheme,
    scheme_turtle,
)
from stancegraph.vocab.gazetteer import load_gazetteer
from stancegraph.vocab.model import Vocabulary, load_vocabulary

__all__ = [
    "ARTICLE_SUFFIXES",
    "ExtractResult",
    "claims_file_for",
    "extract_article",
    "extract_corpus",
    "extract_files",
    "extract_missing",
    "find_articles",
]


@dataclass(frozen=True)
class ExtractResult:
    """What extracting one article wrote."""

    article: Path
    claims_file: Path
    claims: int
    new_actors: int
    #: The line (JSONL, CSV) or row (Parquet) of *article*, an export; None for a file.
    row: int | None = None
    #: Whether the extraction was read back from the cache rather than run again.
    reused: bool = False
    #: The claims written (what reading *claims_file* back gives), for a caller that
    #: goes on with them (``run``) without parsing the file again.
    data: ClaimsFile | None = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        """The article as a reader finds it: its path, or ``export:line``."""
        return f"{self.article}:{self.row}" if self.row is not None else str(self.article)


def claims_file_for(article: Path, out: Path | None = None) -> Path:
    """Where the claims file of *article* goes: beside it, or in *out*."""
    return (out if out is not None else article.parent) / f"{article.stem}{CLAIMS_SUFFIX}"


@dataclass(frozen=True)
class _Extracted:
    item: CorpusArticle
    claims_file: Path
    assembled: AssembledArticle
    reused: bool = False


def _claims_path(item: CorpusArticle, out: Path | None) -> Path:
    """Where *item*'s claims file goes: beside it (a row: in the folder named after its
    export), or in the mirror of its folder under *out*."""
    if out is None:
        base = item.origin.parent / item.folder.name if item.row is not None else None
        return (
            claims_file_for(item.origin) if base is None else base / f"{item.stem}{CLAIMS_SUFFIX}"
        )
    return Path(out) / item.folder / f"{item.stem}{CLAIMS_SUFFIX}"


@dataclass(frozen=True)
class _Prepared:
    """An article read and ready to extract: its source, and where its claims go."""

    item: CorpusArticle
    source: ArticleSource
    claims_file: Path
    text_file: str


def _prepare(item: CorpusArticle | Path, out: Path | None) -> _Prepared:
    """Read *item*, an article file or a corpus article (writing its plain text beside
    the claims file when derived, unless it is there already)."""
    if not isinstance(item, CorpusArticle):
        item = CorpusArticle(Path(item))
    article = item.origin
    source = item.source if item.source is not None else with_path_id(item, read_article(article))
    claims_path = _claims_path(item, out)
    if source.derived:
        text_path = claims_path.with_name(f"{item.stem}.txt")
        if text_path.resolve() == Path(article).resolve():
            raise InputError(f"{article}: its plain text would overwrite it: choose another -o")
        write_if_changed(text_path, source.text)
    else:
        text_path = Path(article)
    text_file = os.path.relpath(text_path.resolve(), claims_path.parent.resolve())
    return _Prepared(item, source, claims_path, Path(text_file).as_posix())


def _extract_one(extractor: Extractor, item: CorpusArticle | Path, out: Path | None) -> _Extracted:
    """Extract *item*, an article file or a corpus article."""
    job = _prepare(item, out)
    return _Extracted(job.item, job.claims_file, extractor.extract(job.source, job.text_file))


def _extract_stream(
    extractor: Extractor, jobs: Iterable[tuple[int, _Prepared]]
) -> Iterator[tuple[int, _Extracted]]:
    """Extract each of *jobs* (read lazily), in order, their texts parsed in one stream."""
    for (i, job), assembled in extractor.extract_many(
        ((i, job), job.source, job.text_file) for i, job in jobs
    ):
        yield i, _Extracted(job.item, job.claims_file, assembled)


def _check_collisions(jobs: Sequence[tuple[CorpusArticle, Path | None]]) -> None:
    """Two articles that would write one claims file, or one writing over an input."""
    inputs = {j.origin.resolve(): j for j, _ in jobs if j.row is None}
    seen: dict[Path, CorpusArticle] = {}
    for item, out in jobs:
        claims = _claims_path(item, out).resolve()
        other = seen.setdefault(claims, item)
        if other is not item:
            raise InputError(
                f"{item.name} and {other.name} would both write {claims}: give one an id, "
                "rename one, or extract them into different folders"
            )
        if item.row is not None and claims.with_name(f"{item.stem}.txt") in inputs:
            raise InputError(
                f"{item.name}: its plain text would overwrite the article "
                f"{inputs[claims.with_name(f'{item.stem}.txt')].name}: choose another -o"
            )


def _check_ids(done: Sequence[_Extracted]) -> None:
    """Article ids make the IRIs of named graphs: two articles may not share one."""
    seen: dict[str, _Extracted] = {}
    for item in done:
        aid = item.assembled.data.article.id
        other = seen.setdefault(aid, item)
        if other is not item:
            raise InputError(
                f"{item.item.name} and {other.item.name} have the same article id {aid!r}: "
                "give one another id (id: in its metadata, or the id column of the export)"
            )


def _write_all(
    done: Sequence[_Extracted],
    topics: frozenset[str],
    *,
    keep_earlier: bool = True,
    keys: Sequence[str] = (),
    state: GroupState | None = None,
) -> tuple[list[ExtractResult], GroupState | None]:
    """Group the unclassified claims of all *done* articles into emergent issues, then
    write each claims file and, per output folder, the generated scheme.

    With *keys* (each article's extraction key) and the *state* of an earlier run, the
    issues of that run are kept (:mod:`~stancegraph.pipeline.emergent_state`) and the
    claims file of an unchanged article is not written again; the state of this run
    is returned (None without *keys*)."""
    _check_ids(done)
    article_ids = [d.assembled.data.article.id for d in done]
    keep = []
    now = dict(zip(article_ids, keys, strict=True)) if keys else {}
    if state is not None and keys:
        keep = state.kept(now)
    if state is not None and now and state.is_current(now):
        # the same articles, each extracted as before: their grouping stands as it was
        assigned = assign_grouped([d.assembled for d in done], keep)
    else:
        assigned = assign_emergent(
            [d.assembled for d in done], aliases=gazetteer_aliases(load_gazetteer()), keep=keep
        )
    same = (
        unchanged_files(
            state,
            [
                (aid, key, file_digest(d.claims_file))
                for aid, key, d in zip(article_ids, keys, done, strict=True)
                if aid in state.articles
            ],
        )
        if state is not None and keys
        else set()
    )
    results = []
    written: dict[str, ArticleState] = {}
    for index, (item, data) in enumerate(zip(done, assigned.files, strict=True)):
        aid = article_ids[index]
        if state is not None and aid in same:
            digest = state.articles[aid].claims  # its claims and their issues are as written
        else:
            text = claims_to_yaml(data).encode("utf-8")
            write_if_changed(item.claims_file, text)
            digest = hashlib.sha256(text).hexdigest()
        if keys:
            written[aid] = ArticleState(keys[index], digest)
        results.append(
            ExtractResult(
                item.item.origin,
                item.claims_file,
                len(data.claims),
                len(data.actors),
                row=item.item.row,
                reused=item.reused,
                data=data,
            )
        )
    folder_of = {aid: d.claims_file.parent for aid, d in zip(article_ids, done, strict=True)}
    by_folder: dict[Path, list[GeneratedIssue]] = {f: [] for f in folder_of.values()}
    articles_in: dict[Path, set[str]] = {f: set() for f in by_folder}
    for aid, folder in folder_of.items():
        articles_in[folder].add(aid)
    for issue in assigned.issues:  # each issue in the schemes of its claims' folders
        claims: dict[Path, list[tuple[str, str]]] = {}
        for member in issue.members:
            aid, cid = member.split("/", 1)
            if aid in folder_of:
                claims.setdefault(folder_of[aid], []).append((aid, cid))
        for folder, these in claims.items():
            by_folder[folder].append(
                GeneratedIssue(issue.id, issue.label, issue.topic, claims=tuple(these))
            )
    schemes: dict[str, SchemeState] = {}
    for folder in sorted(by_folder):
        ids, issues = articles_in[folder], by_folder[folder]
        path = folder / EMERGENT_FILE
        if keep_earlier:  # what the file holds already counts: made again each time
            scheme = emergent_scheme(issues, coder=_CODER, topics=topics)
            merge_schemes(scheme, kept_from_earlier(path, ids))
            turtle = scheme_turtle(scheme)
            write_if_changed(path, turtle)
            remember_scheme(path, hashlib.sha256(turtle.encode()).hexdigest(), scheme)
            continue
        made_from = hashlib.sha256(repr((issues, sorted(topics), _CODER)).encode()).hexdigest()
        was = state.schemes.get(str(folder)) if state is not None else None
        if was is not None and was.made_from == made_from and file_digest(path) == was.file:
            # made from the same issues: the same bytes; the concepts, less their claims,
            # are all that is read back (see remember_scheme)
            concepts = [replace(issue, claims=()) for issue in issues]
            remember_scheme(path, was.file, emergent_scheme(concepts, coder=_CODER, topics=topics))
            schemes[str(folder)] = was
            continue
        scheme = emergent_scheme(issues, coder=_CODER, topics=topics)
        turtle = scheme_turtle(scheme)
        write_if_changed(path, turtle)
        schemes[str(folder)] = SchemeState(made_from, hashlib.sha256(turtle.encode()).hexdigest())
        remember_scheme(path, schemes[str(folder)].file, scheme)  # read back unparsed
    if not keys:
        return results, None
    fingerprint = state.fingerprint if state is not None else ""
    return results, GroupState(fingerprint, assigned.issues, written, schemes)


def extract_article(extractor: Extractor, article: Path, out: Path | None = None) -> ExtractResult:
    """Extract the claims of *article* into ``<out>/<stem>.claims.yaml`` (emergent issues
    grouped within the article alone; :func:`extract_files` groups across articles)."""
    done = [_extract_one(extractor, CorpusArticle(Path(article)), out)]
    return _write_all(done, _topics(extractor.vocabulary))[0][0]


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


#: Articles a worker process extracts at a time, in one parsing stream.
_CHUNK = 4
#: Kept extractions to read that make even a few articles to extract go to a worker
#: process, which loads the model while this process reads them (about 0.4 ms each).
_READ_BESIDE = 200


def _work(chunk: list[tuple[CorpusArticle, Path | None]]) -> list[_Extracted]:
    assert _WORKER is not None
    ready = ((i, _prepare(*job)) for i, job in enumerate(chunk))
    return [done for _, done in _extract_stream(_WORKER, ready)]


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
    """Extract every article file in *articles* (claims files in *out*, default beside each).

    The claims that no proposition fits are grouped across all the articles into
    emergent issues (``emergent-issues.ttl`` beside the claims files). *progress*
    is told ``(done, total, article)`` as each article is extracted, then
    ``(total, total, None)`` when the grouping and writing begin. Folders and
    exports: :func:`extract_corpus`.
    """
    corpus = Corpus(tuple(CorpusArticle(Path(a)) for a in articles))
    return extract_corpus(
        corpus, out, workers=workers, model=model, rules=rules, vocab=vocab, progress=progress
    )


def extract_corpus(
    corpus: Corpus,
    out: Path | None = None,
    *,
    workers: int = 1,
    model: str | None = None,
    rules: Sequence[Path] = (),
    vocab: Sequence[Path] = (),
    progress: ExtractProgress | None = None,
    cache: Path | None = None,
    keep_earlier: bool = True,
    scheduler: str | None = None,
    regroup: bool = False,
) -> list[ExtractResult]:
    """Extract the articles of *corpus* (:func:`~stancegraph.pipeline.corpus.find_corpus`)
    as :func:`extract_files` does, the claims files of a folder tree in the mirror of
    the tree under *out*, the rows of an export in a folder named after it.

    Two articles that would write one claims file, or that have one article id, are
    an :class:`~stancegraph.errors.InputError` naming both (nothing is written for
    the first case; the second is found once the ids are read, before claims files
    are written). The rows skipped are the caller's to report (``corpus.skipped``).

    *cache* (a folder; ``run`` gives ``<out>/cache/extract``) keeps each article's
    extraction (:mod:`stancegraph.pipeline.extract_cache`): an article whose text,
    metadata, rules, vocabularies, model and extractor are unchanged is read back, not
    extracted again, and the model is not loaded when none changed. The claims files
    are the same bytes either way; a file whose bytes would not change is not rewritten.
    *keep_earlier* keeps, in a folder's generated scheme, the issues of claims files
    extracted there before from other articles (``run``, whose folder holds exactly
    its corpus, gives False). *scheduler* (a Dask scheduler's address) sends the
    extraction to that cluster instead of local processes
    (:mod:`stancegraph.pipeline.cluster`); the output is the same bytes.

    With a *cache*, the emergent issues grouped are kept there too
    (:mod:`~stancegraph.pipeline.emergent_state`): the next extraction into it keeps
    the claims of unchanged articles on their issues and groups only the claims of new
    and changed ones, joining the issues they fit; *regroup* groups every article
    afresh instead.
    """
    if workers < 1:
        raise InputError(f"--workers {workers} is not a number of processes: give 1 or more")
    with rarer_collections():  # see stancegraph.collector
        return _extract_corpus(
            corpus,
            out,
            workers=workers,
            model=model,
            rules=rules,
            vocab=vocab,
            progress=progress,
            cache=cache,
            keep_earlier=keep_earlier,
            scheduler=scheduler,
            regroup=regroup,
        )


def _extract_corpus(
    corpus: Corpus,
    out: Path | None,
    *,
    workers: int,
    model: str | None,
    rules: Sequence[Path],
    vocab: Sequence[Path],
    progress: ExtractProgress | None,
    cache: Path | None,
    keep_earlier: bool,
    scheduler: str | None,
    regroup: bool,
) -> list[ExtractResult]:
    jobs = [(a, out) for a in corpus.articles]
    _check_collisions(jobs)
    found: dict[int, _Extracted] = {}
    keys: dict[int, str] = {}
    prepared: dict[int, _Prepared] = {}  # read once for the cache key, reused to send
    kept = None
    stored: list[int] = []  # the articles with a kept extraction, not read yet
    if cache is not None:
        from stancegraph.pipeline.extract_cache import ExtractionCache, extractor_fingerprint

        kept = ExtractionCache(cache, extractor_fingerprint(model, rules, vocab))
        for i, (item, where) in enumerate(jobs):
            ready = prepared[i] = _prepare(item, where)
            keys[i] = kept.key(ready.source, ready.text_file)
            if kept.has(keys[i]):
                stored.append(i)
    todo = sorted(set(range(len(jobs))) - set(stored))
    count = 0

    def tell(i: int, item: _Extracted) -> None:
        nonlocal count
        found[i] = item
        count += 1
        if kept is not None and i in keys:
            kept.put(keys[i], item.assembled)
        if progress is not None:
            progress(count, len(jobs), item.item.origin)

    def read_kept() -> list[int]:
        """Read the kept extractions; the articles whose entry is unreadable."""
        nonlocal count
        unreadable = []
        for i in stored:
            hit = kept.get(keys[i]) if kept is not None else None
            if hit is None:
                unreadable.append(i)
                continue
            found[i] = _Extracted(prepared[i].item, prepared[i].claims_file, hit, reused=True)
            count += 1
            if progress is not None:
                progress(count, len(jobs), found[i].item.origin)
        return unreadable

    # workers when there is more than one chunk for them, or one worker beside the main
    # process when it has many kept extractions to read meanwhile (the worker loads the
    # model, about 1 s, while they are read) and has not loaded the model itself
    pooled = (
        scheduler is None
        and bool(todo)
        and (
            (workers > 1 and len(todo) > _CHUNK)
            or (len(stored) >= _READ_BESIDE and not model_loaded(model))
        )
    )
    if not pooled:
        todo = sorted([*todo, *read_kept()])
    if not todo:
        topics = _topics(load_vocabulary(vocab))
    elif scheduler is not None:
        from stancegraph.pipeline.cluster import ExtractorSpec, extract_on_cluster

        sent = {i: prepared.get(i) or _prepare(*jobs[i]) for i in todo}

        def arrived(i: int, assembled: AssembledArticle) -> None:
            tell(i, _Extracted(sent[i].item, sent[i].claims_file, assembled))

        extract_on_cluster(
            scheduler,
            ExtractorSpec.of(model, rules, vocab),
            [(i, sent[i].source, sent[i].text_file) for i in todo],
            arrived,
        )
        topics = _topics(load_vocabulary(vocab))
    elif not pooled:  # one chunk: a pool would run it on one worker
        extractor = Extractor(model=model, rules=rules, vocab=vocab)
        queued = ((i, prepared.get(i) or _prepare(*jobs[i])) for i in todo)
        for i, done_one in _extract_stream(extractor, queued):
            tell(i, done_one)
        topics = _topics(extractor.vocabulary)
    else:
        with ProcessPoolExecutor(
            max_workers=min(workers, -(-len(todo) // _CHUNK)),  # no worker without a chunk
            initializer=_init_worker,
            initargs=(model, tuple(rules), tuple(vocab)),
        ) as pool:

            def send(indexes: list[int]) -> Iterator[tuple[list[int], list[_Extracted]]]:
                chunks = [indexes[at : at + _CHUNK] for at in range(0, len(indexes), _CHUNK)]
                answers = pool.map(_work, [[jobs[i] for i in chunk] for chunk in chunks])
                return zip(chunks, answers, strict=True)

            extracting = send(todo)
            # the kept extractions are read while the workers load their model; one
            # found unreadable is extracted again, after the others
            again = read_kept()
            for chunk, answer in chain(extracting, send(again) if again else ()):
                for i, one in zip(chunk, answer, strict=True):  # in order, as they come
                    tell(i, one)
            topics = pool.submit(_worker_topics).result()  # the vocabulary a worker loaded
    if progress is not None:
        progress(len(jobs), len(jobs), None)
    done = [found[i] for i in range(len(jobs))]
    if not done:
        return []
    state = None
    if kept is not None and not regroup:
        state = read_state(kept.folder, kept.fingerprint)
    if kept is not None and state is None:
        state = GroupState(kept.fingerprint)
    results, grouped = _write_all(
        done,
        topics,
        keep_earlier=keep_earlier,
        keys=[keys[i] for i in range(len(jobs))] if kept is not None else (),
        state=state,
    )
    if kept is not None:
        if grouped is not None:
            grouped.write(kept.folder)
        kept.prune()
    return results


def find_articles(folder: Path, *, exclude: Sequence[Path] = ()) -> list[Path]:
    """The article files of the folder tree *folder* (text, Markdown and HTML, not
    metadata or derived text; subfolders too, not those in *exclude*)."""
    return [a.origin for a in article_files(Path(folder), exclude=exclude)]


def extract_missing(
    folder: Path, vocab: Sequence[Path] = (), *, model: str | None = None, workers: int = 1
) -> list[Path]:
    """Extract every article of *folder* that has no claims file yet; the files written."""
    todo = tuple(
        a for a in article_files(Path(folder)) if not claims_file_for(a.origin, None).exists()
    )
    results = extract_corpus(Corpus(todo), workers=workers, model=model, vocab=vocab)
    return [r.claims_file for r in results]
