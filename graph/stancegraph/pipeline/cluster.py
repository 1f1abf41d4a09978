"""Extraction on a Dask distributed cluster (``extract`` / ``run --scheduler ADDRESS``).

Why Dask: it is the cluster engine Python analysts already run (a laptop's
``LocalCluster``, ``dask scheduler`` + ``dask worker`` on a few machines, or a
managed deployment), it ships Python objects to workers with no service of our own,
and its futures hand each result back as soon as it is there. The work is
embarrassingly parallel (one article at a time) and stateful only in the model, which
each worker loads once and keeps.

What goes to a worker is the article itself (its text and metadata, read here), the
rules and vocabulary files given (their bytes: a worker needs no shared file system,
only stancegraph and the model installed), and where its offsets point. What comes
back is the article's extraction; the corpus-wide grouping of emergent issues and the
writing of claims files happen here, as in a local run, so the output is byte for byte
that of a local run.

A scheduler that cannot be reached, or a cluster that goes away mid-run, is a
:class:`~stancegraph.errors.ClusterError` naming the address and the next step; with
``run``, each article's extraction is kept as it arrives (``out/cache``), so running
again resumes where the cluster stopped.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancegraph.errors import ClusterError

if TYPE_CHECKING:
    from stancegraph.extract.assemble import AssembledArticle
    from stancegraph.extract.extractor import Extractor
    from stancegraph.extract.source import ArticleSource

__all__ = ["CONNECT_TIMEOUT", "ExtractorSpec", "extract_on_cluster"]

#: Seconds to wait for the scheduler to answer before giving up.
CONNECT_TIMEOUT = 20.0


@dataclass(frozen=True)
class ExtractorSpec:
    """What a worker builds its extractor from: the model's name, and the rules and
    vocabulary files as (file name, bytes)."""

    model: str | None
    rules: tuple[tuple[str, bytes], ...] = ()
    vocab: tuple[tuple[str, bytes], ...] = ()

    @classmethod
    def of(cls, model: str | None, rules: Sequence[Path], vocab: Sequence[Path]) -> ExtractorSpec:
        """The spec of an extractor with these files (read here, on the client)."""
        return cls(
            model=model,
            rules=tuple((Path(p).name, Path(p).read_bytes()) for p in rules),
            vocab=tuple((Path(p).name, Path(p).read_bytes()) for p in vocab),
        )

    @property
    def key(self) -> str:
        """A digest naming this spec (a worker keeps one extractor per key)."""
        digest = hashlib.sha256(repr(self.model).encode())
        for kind, files in (("rules", self.rules), ("vocab", self.vocab)):
            for name, data in files:
                digest.update(f"\0{kind}\0{name}\0".encode() + data)
        return digest.hexdigest()


#: On a worker: the extractors built so far, by spec key (the model loads once).
_EXTRACTORS: dict[str, Extractor] = {}


def _files(folder: Path, files: tuple[tuple[str, bytes], ...]) -> list[Path]:
    paths = []
    for i, (name, data) in enumerate(files):
        path = folder / str(i) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def _extractor(spec: ExtractorSpec) -> Extractor:
    from stancegraph.extract.extractor import Extractor

    found = _EXTRACTORS.get(spec.key)
    if found is None:
        folder = Path(tempfile.mkdtemp(prefix="stancegraph-worker-"))
        found = Extractor(
            model=spec.model,
            rules=_files(folder / "rules", spec.rules),
            vocab=_files(folder / "vocab", spec.vocab),
        )
        _EXTRACTORS[spec.key] = found
    return found


def _extract_remote(spec: ExtractorSpec, source: ArticleSource, text_file: str) -> Any:
    """Run on a worker: the extraction of one article."""
    return _extractor(spec).extract(source, text_file)


def _client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError(
            "--scheduler needs Dask's distributed scheduler: pip install 'stancegraph[cluster]'"
        ) from exc
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({str(exc).splitlines()[0][:120]}): "
            "start it (`dask scheduler`, then `dask worker ADDRESS` on each machine) or check "
            "the address"
        ) from exc


def extract_on_cluster(
    address: str,
    spec: ExtractorSpec,
    jobs: Sequence[tuple[int, ArticleSource, str]],
    tell: Callable[[int, AssembledArticle], None],
) -> None:
    """Extract each of *jobs* (index, source, text file) on the cluster whose scheduler
    is at *address*; *tell* is given ``(index, extraction)`` as each comes back, in the
    order they finish."""
    from distributed import as_completed

    client = _client(address)
    done = 0
    try:
        futures = {
            client.submit(_extract_remote, spec, source, text_file, pure=False): index
            for index, source, text_file in jobs
        }
        try:
            with client.as_current():  # as_completed asks for the current client
                for future, assembled in as_completed(futures, with_results=True):  # type: ignore[no-untyped-call]
                    if isinstance(assembled, BaseException):  # a cancelled future's answer
                        raise assembled
                    tell(futures[future], assembled)
                    done += 1
        except BaseException as exc:
            if _lost(exc):
                raise _gone(address, done, len(jobs), exc) from exc
            raise
    finally:
        client.close()


#: What Dask raises when the scheduler or the workers go away (by name: the classes
#: live in modules that move between Dask releases).
_LOST = frozenset({"CancelledError", "CommClosedError", "KilledWorker", "FutureCancelledError"})


def _lost(exc: BaseException) -> bool:
    if isinstance(exc, OSError | TimeoutError):
        return True
    return any(cls.__name__ in _LOST for cls in type(exc).__mro__)


def _gone(address: str, done: int, total: int, exc: BaseException) -> ClusterError:
    return ClusterError(
        f"the Dask cluster at {address} stopped answering after {done} of {total} article(s) "
        f"({type(exc).__name__}): start it again and re-run (`run` keeps the articles done)"
    )
