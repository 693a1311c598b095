"""Progress of a long job (export, import, backup) for whoever shows it.

A job counts its steps in a ``Steps``; the caller's plain ``callable(done, total)`` hears the
count every ``every`` steps and always at the end, never going backwards and never past
``total`` (a restarted SQLite backup or a skipped record cannot make a bar jump back). No
framework here: the CLI passes nothing, the TUI passes a function that moves its bar. The
callback may raise (a cancel button) to stop the job; the job then writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]


class Steps:
    def __init__(self, progress: Progress | None = None, total: int = 0, every: int = 1000) -> None:
        self.progress, self.total, self.every = progress, max(0, total), max(1, every)
        self.done = 0
        self._told = -1

    def start(self, total: int) -> None:
        """Set the total once it is known (after a file is read)."""
        self.total = max(0, total)

    def step(self, n: int = 1) -> None:
        if n <= 0:
            return
        before = self.done
        self.done = min(self.total, self.done + n)
        if self.done // self.every != before // self.every or self.done == self.total:
            self._tell()

    def at(self, done: int, total: int | None = None) -> None:
        """The job's own count (SQLite's pages): only forward, within the total."""
        if total is not None and total > self.total:
            self.total = total
        self.step(done - self.done)

    def finish(self) -> None:
        """The end: ``done == total`` is reported once whatever the job counted."""
        self.done = self.total
        self._tell()

    def _tell(self) -> None:
        if self.progress is not None and self.done > self._told:
            self._told = self.done
            self.progress(self.done, self.total)
