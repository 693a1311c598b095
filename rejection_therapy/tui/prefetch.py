"""Today's figures read on a second core while Textual loads (issue 12, item 5).

Importing Textual takes most of a bare app's start-up, and it holds the interpreter lock:
the dashboard's first figures, read in a thread, waited for it or slowed it. So ``make_app``
forks before it imports Textual; the child reads the figures through the ledger's stdlib
adapter (``first_figures.read_first``: the same services as the quick path), hands them back
pickled through a pipe and exits. By the dashboard's first frame they are there.

Only where that is safe and cheap: a POSIX ``fork`` in a process with one thread (a fork
beside other threads may copy a lock one of them holds). Elsewhere, or if the child fails,
the figures are read in the dashboard's worker as before. The child never writes to the
store or the terminal, and ends with ``os._exit`` (no atexit handlers, no flushed buffers).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

ENV_OFF = "REJECTION_THERAPY_NO_PREFETCH"  # "1": read in the worker (for comparison)


class Prefetch:
    """``Prefetch.start(read)``; later ``result()`` (in a worker thread) gives what ``read``
    returned, or None. ``read`` must return something picklable or None."""

    def __init__(self, read: Callable[[], Any], pid: int | None = None, fd: int | None = None) -> None:
        self._read, self._pid, self._fd = read, pid, fd

    @classmethod
    def start(cls, read: Callable[[], Any]) -> Prefetch:
        if os.environ.get(ENV_OFF) == "1" or not hasattr(os, "fork") or threading.active_count() != 1:
            return cls(read)
        try:
            fd_in, fd_out = os.pipe()
            pid = os.fork()
        except OSError:  # no processes left, a sandbox without fork: read in the worker
            return cls(read)
        if pid == 0:  # the child: read, write, leave at once
            code = 1
            try:
                os.close(fd_in)
                import pickle

                payload = pickle.dumps(read(), protocol=pickle.HIGHEST_PROTOCOL)
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd_out, view):]
                code = 0
            except BaseException:  # noqa: BLE001 - the parent reads the figures itself
                pass
            finally:
                os._exit(code)
        os.close(fd_out)
        return cls(read, pid, fd_in)

    def result(self) -> Any:
        """The figures (blocks until the child is done); None when the full path must decide."""
        if self._fd is None:
            return self._read()
        fd, self._fd = self._fd, None
        chunks = []
        try:
            while chunk := os.read(fd, 65536):
                chunks.append(chunk)
        finally:
            os.close(fd)
            self._reap()
        if not chunks:  # the child failed: read here, the way it would have
            return self._read()
        import pickle

        return pickle.loads(b"".join(chunks))  # our own child's bytes, through a private pipe

    def _reap(self) -> None:
        pid, self._pid = self._pid, None
        if pid is not None:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass

    def close(self) -> None:
        """Not needed after all (the app ended first): drop the pipe and reap the child."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._reap()
