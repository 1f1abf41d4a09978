"""The TriG of a run written by a Python process of its own, beside the run's next steps.

Making a graph's TriG block is Oxigraph's parser and writer driven from Python (about
5 ms an article), so a thread would hold the GIL the run needs; a process takes another
core. It is a fresh interpreter running :func:`main` of this module, not a
:mod:`multiprocessing` worker: a spawned worker imports the caller's main script again,
which runs a script that calls :func:`~stancegraph.pipeline.run.run` without a
``__main__`` guard twice. The job (the file, the cache folder, the graphs) is a JSON
file; an error is one line on the process's standard error.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import stancegraph
from stancegraph.errors import OutputError, StanceGraphError
from stancegraph.pipeline.article_graphs import ArticleGraph, GraphCache, write_trig
from stancegraph.textio import write_atomic

__all__ = ["TRIG_PROCESS_BLOCKS", "main", "trig_written"]

#: Graphs without a kept TriG block from which the TriG is written in a process of its
#: own (fewer: starting one, about 0.5 s, costs more than the blocks take here).
TRIG_PROCESS_BLOCKS = 50

_JOB = "trig-job.json"


@contextmanager
def trig_written(path: Path, graphs: Sequence[ArticleGraph], cache: GraphCache) -> Iterator[None]:
    """Write the TriG of *graphs* to *path* (as
    :func:`~stancegraph.pipeline.article_graphs.write_trig`) while the body runs: in a
    process of its own when :data:`TRIG_PROCESS_BLOCKS` blocks or more must be made,
    else at once. On leaving, the file is written, or an :class:`OutputError` says why
    not (after the body's own steps are done)."""
    missing = sum(1 for g in graphs if not cache.has_trig(g))
    process = _start(path, graphs, cache) if missing >= TRIG_PROCESS_BLOCKS else None
    if process is None:
        write_trig(path, graphs, cache)
        yield
        return
    try:
        yield
    finally:
        _, errors = process.communicate()
        (cache.folder / _JOB).unlink(missing_ok=True)
        if process.returncode != 0:
            said = errors.decode("utf-8", "replace").strip().splitlines()
            raise OutputError(
                said[-1]
                if said
                else f"the process writing {path} stopped (exit code {process.returncode}): "
                "run again"
            )


def _start(
    path: Path, graphs: Sequence[ArticleGraph], cache: GraphCache
) -> subprocess.Popen[bytes] | None:
    """The process writing the TriG, or None when none can be started (then the caller
    writes it itself)."""
    job = cache.folder / _JOB
    write_atomic(
        job,
        json.dumps(
            {
                "path": str(Path(path).resolve()),
                "folder": str(cache.folder.resolve()),
                "fingerprint": cache.fingerprint,
                "graphs": [[g.iri, g.digest, g.key, g.size] for g in graphs],
            }
        ),
    )
    # where this stancegraph lies, put last on the child's path: found even when it is not
    # installed, and never shadowing the standard library as PYTHONPATH would
    package_root = str(Path(stancegraph.__file__).resolve().parent.parent)
    start = (
        "import sys; sys.path.append(sys.argv[1]); "
        f"from {__name__} import main; sys.exit(main(sys.argv[2:]))"
    )
    try:
        return subprocess.Popen(
            [sys.executable, "-c", start, package_root, str(job)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    except OSError:
        job.unlink(missing_ok=True)
        return None


def main(argv: Sequence[str]) -> int:
    """Write the TriG the job file ``argv[0]`` describes; 0, or 1 with one line on
    standard error."""
    try:
        job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
        cache = GraphCache(Path(job["folder"]), job["fingerprint"])
        graphs = [
            ArticleGraph(iri, digest, key, built=False, size=size)
            for iri, digest, key, size in job["graphs"]
        ]
        write_trig(Path(job["path"]), graphs, cache)
    except StanceGraphError as exc:
        print(str(exc).splitlines()[0], file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"cannot write the TriG of the run: {exc}; run again", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
