"""A step of a run done by a forked copy of the process while the process goes on.

``run`` analyses the corpus (Python, holding the GIL) while it builds, checks and
loads the article graphs; a thread would only take turns with those, and a fresh
process would have to be sent every claim and the vocabulary. A fork starts with
them all (the pages are shared until written) and answers with a picklable
value through a pipe.

A fork is only made where it is safe: on Linux, with ``os.fork``, and when this
process runs no other Python thread (a lock another thread held at the fork would
stay held in the copy). Anything that goes wrong in the copy (an exception, a value
that does not pickle, the copy killed) makes :meth:`Forked.result` raise
:class:`ForkLostError`, and the caller does the step itself: the copy is an optimisation,
never the only way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["ForkLostError", "Forked", "can_fork"]

T = TypeVar("T")


class ForkLostError(Exception):
    """The forked copy gave no value: the caller does the step itself."""


def can_fork() -> bool:
    """Whether :meth:`Forked.start` may fork here (Linux, and no other Python thread)."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and threading.active_count() == 1
        and os.environ.get("STANCEGRAPH_NO_FORK", "") in ("", "0")
    )


class Forked(Generic[T]):
    """*step* run by a forked copy of this process; :meth:`result` is its value."""

    def __init__(self, pid: int, reader: int) -> None:
        self._pid: int | None = pid
        self._reader: int | None = reader

    @classmethod
    def start(cls, step: Callable[[], T]) -> Forked[T] | None:
        """Fork a copy that runs *step* and sends back its value; None when no fork can
        be made here (see :func:`can_fork`), and the caller runs *step* itself."""
        if not can_fork():
            return None
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:  # the copy: never returns into the caller's code
            os.close(reader)
            code = 1
            try:
                answer = pickle.dumps(step(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(answer)
                code = 0
            except BaseException:  # the caller does the step itself
                code = 1
            finally:
                os._exit(code)  # no atexit handlers, no buffers of the parent flushed again
        os.close(writer)
        return cls(pid, reader)

    def result(self, timeout: float | None = None) -> T:
        """The copy's value (waiting for it, at most *timeout* seconds, after which the
        copy is stopped); :class:`ForkLostError` when it gave none."""
        reader = self._reader
        if reader is None:
            raise ForkLostError("the forked step's answer was asked for twice")
        deadline = None if timeout is None else time.monotonic() + timeout
        waiting = select.poll()  # no limit on the descriptor's number, unlike select()
        waiting.register(reader, select.POLLIN)
        parts = []
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not waiting.poll(None if left is None else left * 1000):
                self.cancel()
                raise ForkLostError(f"the forked step gave no answer in {timeout} s")
            part = os.read(reader, 1 << 20)
            if not part:
                break
            parts.append(part)
        data = b"".join(parts)
        self._reader = None
        os.close(reader)
        pid, self._pid = self._pid, None
        _, status = os.waitpid(pid, 0) if pid is not None else (0, 1)
        if status != 0 or not data:
            raise ForkLostError(f"the forked step ended with status {status} and no answer")
        try:
            value: T = pickle.loads(data)
        except Exception as exc:
            raise ForkLostError(f"the forked step's answer does not unpickle: {exc}") from exc
        return value

    def cancel(self) -> None:
        """Stop the copy if it still runs (the caller left before asking for the value)."""
        pid, self._pid = self._pid, None
        reader, self._reader = self._reader, None
        if reader is not None:
            os.close(reader)
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
