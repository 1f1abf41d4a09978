"""``run``: the whole pipeline on a folder of articles, writing everything to one folder.

seeds/*.claims.yaml -> check -> RDF (``graph.trig``) -> SHACL -> store
(``store/``) -> divergence analysis (``analysis.json``) -> ``report.md``. Outputs are
written atomically; running again replaces them and never duplicates anything in the store.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from stancegraph.analysis.coverage import Coverage
from stancegraph.analysis.result import AnalysisOptions
from stancegraph.claims.io import CLAIMS_SUFFIX, ArticleClaims
from stancegraph.claims.model import ClaimsFile
from stancegraph.collector import rarer_collections
from stancegraph.errors import InputError, NonConformingError, RDFError
from stancegraph.evaluate.render import render_scores
from stancegraph.extract.extractor import Extractor
from stancegraph.namespaces import VOCABULARY_GRAPH
from stancegraph.pipeline.analyze import analyse_claims
from stancegraph.pipeline.article_graphs import (
    GRAPH_CACHE_FOLDER,
    ArticleGraph,
    GraphCache,
    build_graphs,
)
from stancegraph.pipeline.build import check_unique_articles, load_checked_claims
from stancegraph.pipeline.corpus import EXPORT_SUFFIXES, Corpus, find_corpus, walk_corpus
from stancegraph.pipeline.evaluate import evaluate_claims
from stancegraph.pipeline.extract import claims_file_for, extract_corpus
from stancegraph.pipeline.extract_cache import CACHE_FOLDER
from stancegraph.pipeline.forked import Forked, ForkLostError
from stancegraph.pipeline.manifest import RunManifest, content_digest, file_digest, read_manifest
from stancegraph.pipeline.report import render_report, summarize_claims
from stancegraph.pipeline.trig_process import trig_written
from stancegraph.pipeline.viz import view_pages, write_pages
from stancegraph.rdf.lines import in_graph
from stancegraph.rdf.validate import (
    CHUNK_ARTICLES,
    ChunkValidator,
    ValidationResult,
    merge_results,
)
from stancegraph.store.bulk import CHUNK_BYTES
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.store.journal import loading
from stancegraph.store.load import drop_other_articles, load_vocabulary_graph
from stancegraph.textio import write_atomic
from stancegraph.vocab.emergent import EMERGENT_FILE
from stancegraph.vocab.model import Vocabulary, load_vocabulary, vocabulary_for_claims

__all__ = ["RunResult", "find_claims_files", "run"]


@dataclass(frozen=True)
class RunResult:
    """Where ``run`` wrote its outputs, and what went in."""

    out: Path
    rdf: Path
    store: Path
    report: Path
    analysis: Path
    views: tuple[Path, ...]
    extracted: tuple[Path, ...]
    articles: int
    claims: int
    quads_in_store: int
    comparison: str
    coverage: Coverage
    warnings: tuple[str, ...] = ()
    #: articles whose extraction was read back from ``<out>/cache`` (unchanged)
    reused: int = 0
    #: article graphs checked and loaded because they are new or changed
    loaded: int = 0


def find_claims_files(folder: Path, *, exclude: Sequence[Path] = ()) -> list[Path]:
    """The claims files in the folder tree *folder* (not under *exclude*), top first,
    each folder's sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder: give the folder that holds the articles")
    return [p for p in walk_corpus(folder, exclude=exclude) if p.name.endswith(CLAIMS_SUFFIX)]


def _quiet(_: str) -> None:
    return None


def run(
    articles: Path = Path("seeds"),
    out: Path = Path("out"),
    *,
    vocab: Sequence[Path] = (),
    sides: tuple[str, str] | None = None,
    progress: Callable[[str], None] = _quiet,
    score: bool | None = None,
    columns: Mapping[str, tuple[str, ...]] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    regroup: bool = False,
) -> RunResult:
    """Run the pipeline on the folder tree (or export) *articles*, writing to the folder *out*.

    Articles with a claims file beside them use it; the others, and the rows of
    exports, are extracted into ``out/claims/`` (mirroring the tree). Hand-coded
    claims files also score the extractor (a report section) when *score* is true,
    or when it is ``None`` and the run extracted articles (the model is loaded then
    anyway; a run of hand-coded files alone does not load it only to score). *sides*
    are the two sides to compare (ids or labels; default: the pair the corpus is
    about). *progress* is told the name of each step as it starts. *columns* name the
    columns of exports (:func:`~stancegraph.pipeline.corpus.parse_columns`). The
    result's *warnings* say, one line each, when too many claims have an unknown side
    or no issue (the report says so too), and count the bad rows of exports skipped.
    *workers* local processes, or the Dask cluster at *scheduler*, extract the articles
    (:func:`~stancegraph.pipeline.extract.extract_corpus`); each article's extraction is
    kept as it arrives, so a run stopped half-way resumes. The emergent issues of
    the last run into *out* are kept for the claims of its unchanged articles, so that
    a changed article replaces its own claims only
    (:mod:`~stancegraph.pipeline.emergent_state`); *regroup* groups them all afresh.
    The cyclic garbage collector runs less often meanwhile (:mod:`stancegraph.collector`).
    """
    with rarer_collections():
        return _run(
            Path(articles),
            Path(out),
            vocab=vocab,
            sides=sides,
            progress=progress,
            score=score,
            columns=columns,
            workers=workers,
            scheduler=scheduler,
            regroup=regroup,
        )


def _run(
    articles: Path,
    out: Path,
    *,
    vocab: Sequence[Path],
    sides: tuple[str, str] | None,
    progress: Callable[[str], None],
    score: bool | None,
    columns: Mapping[str, tuple[str, ...]] | None,
    workers: int,
    scheduler: str | None,
    regroup: bool,
) -> RunResult:
    vocabulary = load_vocabulary(vocab)
    # what every article graph is checked against; the generated schemes extraction
    # adds below only change the graphs of the articles whose claims they regroup
    base_digest = content_digest(vocabulary.ntriples)
    articles = Path(articles)
    export = articles.suffix.lower() in EXPORT_SUFFIXES and not articles.is_dir()
    coded_files = [] if export else find_claims_files(articles, exclude=[out])
    corpus = find_corpus([articles], columns=columns, exclude=[out])
    todo = tuple(
        a for a in corpus.articles if a.row is not None or not claims_file_for(a.origin).exists()
    )
    extracted: list[Path] = []
    fresh: dict[Path, ClaimsFile] = {}  # what extraction wrote, not parsed again
    reused = 0
    if todo:
        progress(f"extracting claims from {len(todo)} article(s)")
        results = extract_corpus(
            Corpus(todo),
            out=out / "claims",
            vocab=vocab,
            cache=out / CACHE_FOLDER,
            keep_earlier=False,
            workers=workers,
            scheduler=scheduler,
            regroup=regroup,
        )
        extracted = [r.claims_file for r in results]
        fresh = {r.claims_file: r.data for r in results if r.data is not None}
        reused = sum(r.reused for r in results)
    earlier = read_manifest(out)
    previous_files = earlier.files if earlier else ()
    written = tuple(sorted(_relative(out, p) for p in extracted))
    _remove_stale(out, previous_files, written)
    files = [*coded_files, *extracted]
    if not files:
        raise InputError(
            f"no articles in {articles}: add article texts (.txt, .md, .html), exports "
            f"(.jsonl, .csv, .parquet) or *{CLAIMS_SUFFIX} files"
            + (f" ({len(corpus.skipped)} bad row(s) skipped)" if corpus.skipped else "")
        )
    skipped = _skipped_warning(corpus)
    # with the emergent issues extraction grew, beside the claims files it wrote now or
    # before (a folder of reviewed claims files is a corpus too)
    vocabulary = vocabulary_for_claims(files, vocab)
    progress("building and checking RDF, an article at a time")
    coded = load_checked_claims(files, vocabulary, parsed=fresh)
    check_unique_articles(coded)
    options = AnalysisOptions(sides=sides)
    analysing = (
        Forked.start(partial(_analyse, coded, vocabulary, options, whole=True))
        if _fork_analysis(earlier, out, coded)
        else None
    )
    with ExitStack() as forked:
        if analysing is not None:
            forked.callback(analysing.cancel)
        return _build_load_report(
            coded,
            vocabulary,
            options,
            analysing,
            out=out,
            earlier=earlier,
            base_digest=base_digest,
            written=written,
            extracted=extracted,
            reused=reused,
            skipped=skipped,
            progress=progress,
            score=score,
            vocab=vocab,
        )


#: A re-run with at most this many claims analyses them in a forked copy (see
#: :func:`_fork_analysis`); about 2,500 news articles, whose claims take about 250 MB.
FORK_MAX_CLAIMS = 50_000
#: Seconds the run waits for the copy's answer once it needs it (the analysis of 50,000
#: claims takes about 10 s here); then it stops the copy and analyses them itself.
FORK_TIMEOUT = 300.0


def _fork_analysis(earlier: RunManifest | None, out: Path, coded: Sequence[ArticleClaims]) -> bool:
    """Whether the analysis and the views (Python) are made by a forked copy of this
    process (:mod:`~stancegraph.pipeline.forked`) while it builds, checks and loads the
    graphs: on a re-run into *out* (an earlier manifest and its store), whose graphs are
    mostly kept, so that a core is free for the copy (a first run keeps both cores busy
    building and checking), and with at most :data:`FORK_MAX_CLAIMS` claims: the copy
    shares the claims' memory only until one of the two touches them, which both do, so
    they are held twice while it runs. Re-running 10 changed of 1,000 news articles:
    14.7-14.9 s -> 12.0-13.1 s, and about 320 MB more at the peak."""
    if earlier is None or not (out / "store").is_dir():
        return False
    return sum(len(a.data.claims) for a in coded) <= FORK_MAX_CLAIMS


@dataclass(frozen=True)
class _Analysed:
    """What ``run`` writes and reports of the analysis: its report section, coverage,
    warnings and comparison, and the texts of ``analysis.json`` and of the views."""

    section: str
    coverage: Coverage
    warnings: tuple[str, ...]
    comparison: str
    #: the JSON whole (from a forked copy), or in pieces made as they are written
    json: Iterable[str]
    pages: tuple[tuple[str, str], ...]


def _analyse(
    coded: Sequence[ArticleClaims],
    vocabulary: Vocabulary,
    options: AnalysisOptions,
    *,
    whole: bool = False,
) -> _Analysed:
    """The analysis, its JSON (*whole*: as one text, to be sent from a forked copy) and
    the views' pages."""
    ran, chunks = analyse_claims(coded, vocabulary, options=options)
    pages = view_pages(coded, ran.analysis or ran.skipped or "no analysis")
    text: Iterable[str] = ("".join(chunks),) if whole else chunks
    return _Analysed(ran.section, ran.coverage, ran.warnings, ran.comparison, text, pages)


def _build_load_report(
    coded: Sequence[ArticleClaims],
    vocabulary: Vocabulary,
    options: AnalysisOptions,
    analysing: Forked[_Analysed] | None,
    *,
    out: Path,
    earlier: RunManifest | None,
    base_digest: str,
    written: tuple[str, ...],
    extracted: Sequence[Path],
    reused: int,
    skipped: tuple[str, ...],
    progress: Callable[[str], None],
    score: bool | None,
    vocab: Sequence[Path],
) -> RunResult:
    vocabulary_digest = content_digest(vocabulary.ntriples)
    store_path = out / "store"
    rdf_path = out / "graph.trig"
    previous = earlier if store_path.is_dir() else None
    cache = GraphCache(out / GRAPH_CACHE_FOLDER, known=earlier.known_graphs() if earlier else None)
    graphs, changed = _build_and_check(coded, vocabulary, cache, previous, base_digest)
    digests = {g.iri: g.digest for g in graphs}
    with ExitStack() as pending:
        if (
            previous is None
            or changed
            or set(previous.graphs) != set(digests)
            or previous.rdf is None
            or file_digest(rdf_path) != previous.rdf
        ):
            # beside the store's load and the analysis, in a process of its own when long
            pending.enter_context(trig_written(rdf_path, graphs, cache))
        progress("loading the store")
        by_iri = {g.iri: g for g in graphs}
        # the store is counted and closed (flushed, compacted after a big load) by a
        # thread of its own while the analysis runs: Oxigraph lets go of the GIL for both
        settling = pending.enter_context(
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="stancegraph-store")
        )
        store = EmbeddedStore(store_path)
        with ExitStack() as opened:
            opened.callback(store.close)  # unless the thread is given it below
            with loading(store_path, f"`stancegraph run` into {out}"):
                present = set(store.graph_names())
                if (
                    previous is None
                    or previous.loaded_vocabulary != vocabulary_digest
                    or str(VOCABULARY_GRAPH) not in present
                ):
                    load_vocabulary_graph(store, vocabulary.graph, ntriples=vocabulary.ntriples)
                # the changed graphs, and any the store lost since (a graph is only ever
                # loaded as it was checked: unchanged content was checked by an earlier run)
                reload = sorted(set(changed) | (set(digests) - present))
                loaded = _load_kept(
                    store, out / GRAPH_CACHE_FOLDER, [by_iri[iri] for iri in reload], cache
                )
                gone = drop_other_articles(store, digests)
            settled = settling.submit(_count_and_close, store)
            opened.pop_all()
        if gone:
            progress(f"removed {len(gone)} article graph(s) of an earlier run from the store")
        summary = summarize_claims(coded, vocabulary)
        analysis_path = out / "analysis.json"
        progress("analysing divergence and drawing the views")
        analysed = None
        if analysing is not None:
            try:
                analysed = analysing.result(timeout=FORK_TIMEOUT)
            except ForkLostError:  # done here instead, which raises what went wrong
                analysed = None
        if analysed is None:
            analysed = _analyse(coded, vocabulary, options)
        write_atomic(analysis_path, analysed.json)
        views = write_pages(analysed.pages, out)
    quads = settled.result()  # the store's error, if closing it failed
    cache.settle()  # the graphs and TriG blocks the manifest keeps are on the disk
    RunManifest(
        graphs=digests,
        kept={g.iri: (g.key, g.size) for g in graphs},
        vocabulary=base_digest,
        loaded_vocabulary=vocabulary_digest,
        rdf=file_digest(rdf_path),
        files=written,
    ).write(out)
    cache.prune()
    report_path = out / "report.md"
    titles = [
        f"{a.data.article.title} ({a.data.article.publisher or 'unknown publisher'}, "
        f"{a.data.article.published or 'undated'})"
        for a in coded
    ]
    sections = [analysed.section]
    gold = [a.path for a in coded if a.path is not None and a.data.coder.kind == "person"]
    if score is None:
        score = bool(extracted)
    if gold and not score:
        sections.append(
            "## Extraction vs hand-coded claims\n\n"
            f"Not scored: {len(gold)} hand-coded claims file(s) could score the extractor; "
            "run again with `--score` (it loads the spaCy model) or use `stancegraph "
            "evaluate`."
        )
    elif gold:
        progress(f"scoring extraction against {len(gold)} hand-coded claims file(s)")
        scores = evaluate_claims(gold, Extractor(vocab=vocab))
        sections.append(
            "## Extraction vs hand-coded claims\n\n" + render_scores([scores], "markdown")
        )
    warnings = (*skipped, *analysed.warnings)
    report = render_report(summary, vocabulary, titles=titles, sections=sections, warnings=warnings)
    write_atomic(report_path, report)
    return RunResult(
        out=out,
        rdf=rdf_path,
        store=store_path,
        report=report_path,
        analysis=analysis_path,
        views=views,
        extracted=tuple(extracted),
        articles=summary.articles,
        claims=summary.claims,
        quads_in_store=quads,
        comparison=analysed.comparison,
        coverage=analysed.coverage,
        warnings=warnings,
        reused=reused,
        loaded=loaded,
    )


def _count_and_close(store: EmbeddedStore) -> int:
    """The quads in *store*, which is then closed."""
    try:
        return store.count()
    finally:
        store.close()


def _load_kept(
    store: EmbeddedStore, folder: Path, graphs: Sequence[ArticleGraph], cache: GraphCache
) -> int:
    """Replace *graphs* in *store* with their kept triples, as N-Quads bulk-loaded in
    chunks of about :data:`~stancegraph.store.bulk.CHUNK_BYTES` while the next chunks are
    made (one transaction per graph costs 3x); how many graphs."""
    if not graphs:
        return 0

    def chunks() -> Iterator[bytes]:
        parts: list[bytes] = []
        size = 0
        for graph in graphs:
            try:
                part = in_graph(cache.ntriples(graph), graph.iri).encode("utf-8")
            except ValueError:
                raise RDFError(
                    f"the kept graph of {graph.iri} has a line that is no triple: delete "
                    f"{folder} and run again"
                ) from None
            parts.append(part)
            size += len(part)
            if size >= CHUNK_BYTES:
                yield b"".join(parts)
                parts, size = [], 0
        if parts:
            yield b"".join(parts)

    store.replace_graphs_from(chunks(), [g.iri for g in graphs])
    return len(graphs)


#: Threads checking chunks while the graphs are built (Oxigraph runs the shapes' queries
#: without the GIL, so two checks and the build share two cores).
_CHECK_THREADS = max(1, min(os.cpu_count() or 1, 2))
#: Chunks checked ahead of the graphs being built: the builder waits when this many are
#: queued, so that the graphs of a long corpus are never all held at once.
_CHECKS_QUEUED = _CHECK_THREADS + 1


def _build_and_check(
    articles: Sequence[ArticleClaims],
    vocabulary: Vocabulary,
    cache: GraphCache,
    previous: RunManifest | None,
    base_digest: str,
) -> tuple[list[ArticleGraph], list[str]]:
    """Every article's graph (built or read back from *cache*), and the IRIs of those new
    or changed since *previous*, which are checked against the shapes a chunk at a time;
    raises :class:`NonConformingError` with every violation when any graph fails.

    Chunks are checked in threads of their own (:data:`_CHECK_THREADS`) while the next
    graphs are built: the check runs in Oxigraph, which lets go of the GIL, and building
    is Python, so they share the machine's cores (1,000 news articles: 19 s in turn, 12 s
    with one checking thread). The results are merged in the chunks' order, so the report
    is the same either way."""
    validator = ChunkValidator(vocabulary)
    graphs: list[ArticleGraph] = []
    changed: list[str] = []
    pending: deque[Future[ValidationResult]] = deque()
    results: list[ValidationResult] = []
    chunk: list[str] = []
    with ThreadPoolExecutor(
        max_workers=_CHECK_THREADS, thread_name_prefix="stancegraph-check"
    ) as checker:

        def check() -> None:
            if len(pending) >= _CHECKS_QUEUED:
                results.append(pending.popleft().result())
            pending.append(checker.submit(validator.check, list(chunk)))
            chunk.clear()

        for graph, text in build_graphs(articles, vocabulary, cache):
            graphs.append(graph)
            if previous is None or previous.is_changed(graph.iri, graph.digest, base_digest):
                changed.append(graph.iri)
                chunk.append(text if text is not None else cache.ntriples(graph))
                if len(chunk) == CHUNK_ARTICLES:
                    check()
        if chunk:
            check()
        if changed:  # what the chunks leave out of the vocabulary, checked once
            pending.append(checker.submit(validator.validate_vocabulary))
        results.extend(future.result() for future in pending)
    result = merge_results(results)
    if not result.conforms:
        first = result.violations[0].describe() if result.violations else "see the report"
        raise NonConformingError(
            f"{len(result.violations)} SHACL violation(s), first: {first}", report=result
        )
    return graphs, sorted(changed)


def _relative(out: Path, path: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), out.resolve())).as_posix()


def _remove_stale(out: Path, previous: Sequence[str], written: Sequence[str]) -> None:
    """Remove the claims files an earlier run extracted into *out* that this one did
    not (their articles are gone), with the plain text written beside them, and the
    generated scheme of a folder left with no claims file."""
    root = out.resolve()
    folders = set()
    for name in sorted(set(previous) - set(written)):
        path = (root / name).resolve()
        if root not in path.parents or not path.name.endswith(CLAIMS_SUFFIX):
            continue  # not a claims file of this folder: never touched
        path.unlink(missing_ok=True)
        path.with_name(path.name[: -len(CLAIMS_SUFFIX)] + ".txt").unlink(missing_ok=True)
        folders.add(path.parent)
    for folder in folders:
        if folder.is_dir() and not any(folder.glob(f"*{CLAIMS_SUFFIX}")):
            (folder / EMERGENT_FILE).unlink(missing_ok=True)


def _skipped_warning(corpus: Corpus) -> tuple[str, ...]:
    """One line counting the rows of the exports that were skipped, naming the first."""
    if not corpus.skipped:
        return ()
    shown = "; ".join(s.describe() for s in corpus.skipped[:3])
    more = f"; and {len(corpus.skipped) - 3} more" if len(corpus.skipped) > 3 else ""
    return (f"{len(corpus.skipped)} bad row(s) of the exports skipped: {shown}{more}",)
