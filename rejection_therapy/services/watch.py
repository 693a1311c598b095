"""Seeing other writers cheaply: a probe the TUI calls every second or two.

``ChangeWatch(store).changed()`` is True when the database changed since the last call — an
attempt logged from the CLI, a teammate's log on PostgreSQL, a goal set with
``rejection-therapy goal``:

* SQLite: ``PRAGMA data_version`` on one connection kept open for the purpose (a plain
  read-only stdlib connection: it costs microseconds and never holds a transaction). The
  number changes whenever any other connection commits, the app's own included.
* PostgreSQL: one small query: the highest attempt id and ``updated_at``, the sum of the
  per-day rollup (so a deletion counts too), and the highest win and goal ids.

The first call only takes the baseline and returns False.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from sqlalchemy import text

PG_PROBE = text(
    "SELECT (SELECT max(id) FROM attempts), (SELECT max(updated_at) FROM attempts),"
    " (SELECT coalesce(sum(attempts), 0) FROM day_totals),"
    " (SELECT max(id) FROM wins), (SELECT max(id) FROM goals), (SELECT count(*) FROM settings)"
)


class ChangeWatch:
    def __init__(self, store: Any) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._last: Any = None
        self._conn: sqlite3.Connection | None = None
        path = store.location.path
        if path is not None:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                         check_same_thread=False, timeout=1.0)

    def token(self) -> Any:
        """Something that differs whenever another connection committed a change."""
        if self._conn is not None:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        with self._store.read() as s:
            return tuple(s.execute(PG_PROBE).one())

    def changed(self) -> bool:
        with self._lock:
            token = self.token()
            before, self._last = self._last, token
            return before is not None and token != before

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
