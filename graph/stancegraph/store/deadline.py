"""Running a query under a time limit that Ctrl-C can also end.

Oxigraph evaluates a query in native code: a signal handler only runs once the
query is done, so a cartesian product ignores Ctrl-C and has no time limit.
:func:`within` runs the work in a worker thread (pyoxigraph releases the GIL
while it evaluates) and waits on it from the calling thread, where Ctrl-C
raises :class:`KeyboardInterrupt` at once and the deadline raises
:class:`~stancegraph.errors.QueryTimeoutError`.

The worker cannot be stopped from outside: it goes on until the engine is done
and its result is thrown away. The command line exits at once (see
:func:`busy`), which ends it; a notebook or a script that catches the error has
one busy core until then.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

from stancegraph.defaults import DEFAULT_TIMEOUT
from stancegraph.errors import QueryTimeoutError

__all__ = ["DEFAULT_TIMEOUT", "busy", "within"]

T = TypeVar("T")
_abandoned: list[threading.Thread] = []


def busy() -> bool:
    """Whether a query that :func:`within` gave up on (time limit, Ctrl-C) still runs."""
    return any(worker.is_alive() for worker in _abandoned)


def within(timeout: float | None, work: Callable[[], T], *, what: str = "the query") -> T:
    """The result of *work* (or the error it raised), if it ends within *timeout*
    seconds (``None`` or 0: no limit); else :class:`QueryTimeoutError`."""
    done = threading.Event()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the waiting thread, raised there
            # the engine's result objects live on this thread and must die here: drop
            # the frames' references to them before the error changes threads
            cause: BaseException | None = exc
            while cause is not None:
                traceback.clear_frames(cause.__traceback__)
                cause = cause.__cause__ or cause.__context__
            failure.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=run, name="stancegraph-query", daemon=True)
    worker.start()
    limit = timeout if timeout and timeout > 0 else None
    try:
        finished = done.wait(limit)
    except BaseException:  # Ctrl-C while waiting
        _abandoned.append(worker)
        raise
    if not finished:
        _abandoned.append(worker)
        raise QueryTimeoutError(
            f"{what} did not finish within {limit:g} s: add a LIMIT or narrow its patterns, "
            "or give --timeout with more seconds (0: no limit)"
        )
    if failure:
        raise failure[0]
    return outcome[0]
