"""The stdlib adapter of the ledger (``services.ledger``): ``log`` and ``today`` on a
current SQLite store without SQLAlchemy.

Importing sqlalchemy.orm costs more than the whole quick log, so on the default SQLite
store the ledger's gateway can run on the standard ``sqlite3`` module, with the same pragmas
as ``store.engine`` (WAL, busy timeout, synchronous=FULL, foreign keys, BEGIN IMMEDIATE) and
the same SQL (``store.queries``). The steps around the SQL live once, in
``services.ledger``. Values are written in the exact text SQLAlchemy writes on SQLite (a
test compares raw rows). Anything unusual raises ``Fallback`` and the caller takes the full
SQLAlchemy path instead: no file yet, another schema revision, no profile yet, an unknown
profile name, a damaged file, a failed read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..config import DbLocation
from ..core.errors import LockedError, StoreError
from . import queries, sqlite_file
from .schema_version import HEAD

TYPE_CHECKING = False  # these names are needed by annotations only
if TYPE_CHECKING:
    from typing import Any

    Row = tuple[Any, ...]

BUSY_TIMEOUT_MS = 15000  # as store.engine


class Fallback(Exception):
    """The quick path does not apply; use the full path."""


def sql_value(value: Any) -> Any:
    """A Python value as SQLAlchemy stores it on SQLite (DateTime, Date, Boolean)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.") + f"{value.microsecond:06d}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def connect(location: DbLocation) -> sqlite3.Connection:
    """A connection to a current, existing SQLite store, or Fallback."""
    if not location.is_sqlite or location.path is None or not location.path.is_file():
        raise Fallback("not an existing SQLite file")
    try:  # look before opening: only a WAL-mode SQLite file is opened for writing here
        if not sqlite_file.is_wal(sqlite_file.header(location.path)):
            raise Fallback("not a SQLite file in WAL mode")
    except OSError as err:
        raise Fallback(str(err)) from None
    try:
        conn = sqlite3.connect(str(location.path), timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=False)
    except sqlite3.Error as err:
        raise Fallback(str(err)) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != HEAD:
            raise Fallback("schema is not current")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            raise Fallback("not in WAL mode yet")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as err:
        conn.close()
        raise Fallback(str(err)) from None
    except Fallback:
        conn.close()
        raise
    return conn


def locked_error(err: sqlite3.Error, location: DbLocation) -> StoreError:
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return LockedError(
            f"The database at {location.display} is busy (another program holds a lock); try again in a moment."
        )
    return StoreError(f"The database reported a problem: {str(err).splitlines()[0] if str(err) else err!r}")



class StdlibGateway:
    """``services.ledger.LedgerGateway`` on a stdlib sqlite3 connection.

    ``write()`` is one BEGIN IMMEDIATE transaction (a database error becomes the "busy" or
    "problem" sentence); ``read()`` one read transaction (a database error is a Fallback: the
    full path explains it)."""

    # services.ledger.rest_inputs: in process, 38 queries cost what one batch of 38 costs (~1.8
    # ms, the rows' scans), so the repairable streak asks one at a time and walks once.
    batch_counts = False

    def __init__(self, conn: sqlite3.Connection, location: DbLocation) -> None:
        self.conn = conn
        self.location = location

    @classmethod
    def open(cls, location: DbLocation) -> StdlibGateway:
        return cls(connect(location), location)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[StdlibGateway]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as err:
            raise locked_error(err, self.location) from None

    @contextmanager
    def read(self) -> Iterator[StdlibGateway]:
        try:
            self.conn.execute("BEGIN")
            try:
                yield self
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
        except sqlite3.Error as err:
            raise Fallback(f"read failed: {err}") from None

    # ---- the gateway

    def settings_rows(self, profile_id: int) -> list[Row]:
        return self.conn.execute(queries.SETTINGS, {"profile_id": profile_id}).fetchall()

    def find_profile(self, name: str | None) -> tuple[int, str] | None:
        if name:
            row = self.conn.execute(queries.PROFILE_BY_NAME, {"name": name}).fetchone()
        else:
            row = self.conn.execute(queries.FIRST_PROFILE).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def insert_attempt(self, row: dict[str, Any]) -> int:
        cols = list(row)
        sql = f"INSERT INTO attempts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        cur = self.conn.execute(sql, [sql_value(row[c]) for c in cols])
        return int(cur.lastrowid or 0)

    def day_count(self, profile_id: int, day: date) -> int:
        p = {"profile_id": profile_id, "day": day.isoformat()}
        return int(self.conn.execute(queries.DAY_COUNT, p).fetchone()[0])

    def goal_rows(self, profile_id: int) -> list[Row]:
        return self.conn.execute(queries.GOALS, {"profile_id": profile_id}).fetchall()

    def day_totals(self, profile_id: int, day: date) -> list[Row]:
        return self.conn.execute(queries.DAY_TOTALS, {"profile_id": profile_id, "day": day.isoformat()}).fetchall()

    def day_attempts(self, profile_id: int, day: date) -> list[Row]:
        return self.conn.execute(queries.DAY_ATTEMPTS, {"profile_id": profile_id, "day": day.isoformat()}).fetchall()

    def rest_days(self, profile_id: int) -> list[Row]:
        return self.conn.execute(queries.REST_DAYS, {"profile_id": profile_id}).fetchall()

    def wins_of_day(self, profile_id: int, day: date) -> list[Row]:
        return self.conn.execute(queries.WINS_OF_DAY, {"profile_id": profile_id, "day": day.isoformat()}).fetchall()

    def profile_created_at(self, profile_id: int) -> datetime | None:
        row = self.conn.execute(queries.PROFILE_CREATED, {"profile_id": profile_id}).fetchone()
        if row is None or not row[0]:
            return None
        return datetime.fromisoformat(str(row[0])).replace(tzinfo=UTC)

    def record_undo_log(self, profile_id: int, ids: list[int], now: datetime, window: timedelta) -> None:
        self.conn.execute(queries.UNDO_PRUNE, {"profile_id": profile_id, "before": sql_value(now - window)})
        self.conn.execute(queries.UNDO_INSERT, {"profile_id": profile_id, "made_at": sql_value(now),
                                                "attempt_ids": json.dumps(ids)})

    def database_path(self) -> Path | None:
        return self.location.path

    def active_challenges(self, profile_id: int) -> list[Row]:
        from .ledger_queries import ACTIVE_CHALLENGES

        return self.conn.execute(ACTIVE_CHALLENGES, {"profile_id": profile_id}).fetchall()

    def channel_counts(self, profile_id: int, day: date) -> list[Row]:
        from .ledger_queries import CHANNEL_COUNTS

        return self.conn.execute(CHANNEL_COUNTS, {"profile_id": profile_id, "day": day.isoformat()}).fetchall()

    def rest_budget_rows(self, profile_id: int) -> list[Row]:
        return self.conn.execute(queries.REST_BUDGETS, {"profile_id": profile_id}).fetchall()

    def rest_token_rows(self, profile_id: int) -> list[Row]:
        return self.conn.execute(queries.REST_TOKENS, {"profile_id": profile_id}).fetchall()

    def day_count_until(self, profile_id: int, day: date, until: datetime) -> int:
        p = {"profile_id": profile_id, "day": day.isoformat(), "until": sql_value(until)}
        return int(self.conn.execute(queries.DAY_COUNT_UNTIL, p).fetchone()[0])

    def day_counts_until(self, profile_id: int, asks: Sequence[tuple[date, datetime]]) -> list[int]:
        out: list[int] = []
        for at in range(0, len(asks), queries.COUNTS_UNTIL_BATCH):
            part = asks[at:at + queries.COUNTS_UNTIL_BATCH]
            p: dict[str, Any] = {"profile_id": profile_id}
            for i, (day, until) in enumerate(part):
                p[f"day{i}"], p[f"until{i}"] = day.isoformat(), sql_value(until)
            out += [int(n) for n in self.conn.execute(queries.day_counts_until(len(part)), p).fetchone()]
        return out
