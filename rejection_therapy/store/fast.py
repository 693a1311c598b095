"""The stdlib quick path: ``log`` and ``today`` on a current SQLite store without SQLAlchemy.

Importing sqlalchemy.orm costs more than the whole quick log, so on the default SQLite
store these two commands use the standard ``sqlite3`` module with the same pragmas as
``store.engine`` (WAL, busy timeout, synchronous=FULL, foreign keys, BEGIN IMMEDIATE),
the same SQL (``store.queries``) and the same rules (``core.attempts.build_attempt_row``,
``core.today.compose``). Values are written in the exact text SQLAlchemy writes on SQLite
(a test compares raw rows). Anything unusual raises ``Fallback`` and the caller takes the
full SQLAlchemy path instead: no file yet, another schema revision, no profile yet, an
unknown profile name, a damaged file.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from typing import Any

from ..clock import now as clock_now
from ..config import DbLocation, wanted_profile
from ..core.errors import LockedError, StoreError
from ..core.settings import Settings
from ..core.today import GoalHistory, TodaySummary, compose
from . import queries, sqlite_file
from .schema_version import HEAD

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


def resolve_profile(conn: sqlite3.Connection, location: DbLocation, explicit: str | None) -> tuple[int, str]:
    """As services.profiles.resolve, but never creates: Fallback when it would have to."""
    wanted = wanted_profile(explicit, location)
    if wanted:
        row = conn.execute("SELECT id, name FROM profiles WHERE lower(name) = lower(?) LIMIT 1", (wanted,)).fetchone()
    else:
        row = conn.execute("SELECT id, name FROM profiles ORDER BY id LIMIT 1").fetchone()
    if row is None:
        raise Fallback("no such profile yet")
    return int(row[0]), row[1]


def load_settings(conn: sqlite3.Connection, profile_id: int) -> Settings:
    """As services.settings.load."""
    stored = {k: v for k, v in conn.execute(queries.SETTINGS, {"profile_id": profile_id})}
    if "timezone" not in stored:
        from ..core.days import system_zone_name

        stored["timezone"] = json.dumps(system_zone_name())
    return Settings.from_mapping(stored)


def goal_history(conn: sqlite3.Connection, profile_id: int) -> GoalHistory:
    return GoalHistory.from_rows(conn.execute(queries.GOALS, {"profile_id": profile_id}).fetchall())


def locked_error(err: sqlite3.Error, location: DbLocation) -> StoreError:
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return LockedError(
            f"The database at {location.display} is busy (another program holds a lock); try again in a moment."
        )
    return StoreError(f"The database reported a problem: {str(err).splitlines()[0] if str(err) else err!r}")


def log_attempt(
    conn: sqlite3.Connection, profile_id: int, data, now: datetime | None = None, uuid: str | None = None,
    count: int = 1,
) -> tuple[int, date, int, GoalHistory]:
    """Insert ``count`` alike attempts (default one) in a BEGIN IMMEDIATE transaction; returns
    (last id, day, day count, goals). ``data.when`` backdates, with the rule of core.dates.

    Validation errors raise before anything is written (the transaction is rolled back)."""
    from ..core.attempts import build_attempt_row
    from .rolling import ensure_daily

    ensure_daily(_db_path(conn))  # the first write of a day: a rolling copy first (one stat otherwise)
    conn.execute("BEGIN IMMEDIATE")
    try:
        settings = load_settings(conn, profile_id)
        stamp = now or clock_now()
        instant = _backdated(conn, profile_id, data.when, settings, stamp) if data.when else stamp
        ids = []
        for _ in range(count):
            row = build_attempt_row(data, settings, profile_id, instant, uuid if count == 1 else None)
            cols = list(row)
            sql = f"INSERT INTO attempts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            ids.append(int(conn.execute(sql, [sql_value(row[c]) for c in cols]).lastrowid))
        _record_undo(conn, profile_id, ids, stamp)
        new_id = ids[-1]
        day = row["local_day"]
        count = conn.execute(
            "SELECT COUNT(*) FROM attempts WHERE profile_id = ? AND local_day = ?", (profile_id, day.isoformat())
        ).fetchone()[0]
        goals = goal_history(conn, profile_id)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return new_id, day, int(count), goals


def _db_path(conn: sqlite3.Connection):
    from pathlib import Path

    row = conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def _backdated(conn: sqlite3.Connection, profile_id: int, when: str, settings: Settings, now: datetime) -> datetime:
    """As services.ledger_edit.instant_of (same rule: core.dates.instant_for)."""
    from ..core import dates, days

    created = conn.execute("SELECT created_at FROM profiles WHERE id = ?", (profile_id,)).fetchone()[0]
    first = None
    if created:
        at = datetime.fromisoformat(created).replace(tzinfo=UTC)
        first = days.local_day(at, settings.timezone, settings.day_start_hour)
    return dates.instant_for(when, settings.timezone, settings.day_start_hour, now, first)


def _record_undo(conn: sqlite3.Connection, profile_id: int, ids: list[int], now: datetime) -> None:
    """As services.undo.record_log."""
    from datetime import timedelta

    conn.execute("DELETE FROM undo_records WHERE profile_id = ? AND made_at < ?",
                 (profile_id, sql_value(now - timedelta(days=1))))
    conn.execute("INSERT INTO undo_records (profile_id, made_at, action, attempt_ids, snapshot) "
                 "VALUES (?, ?, 'log', ?, NULL)", (profile_id, sql_value(now), json.dumps(ids)))


def challenge_lines(conn: sqlite3.Connection, profile_id: int, day: date) -> list[str]:
    """As services.challenge_today.lines (same SQL, same rule)."""
    from ..core.challenge_line import headlines
    from .ledger_queries import ACTIVE_CHALLENGES, CHANNEL_COUNTS

    rows = conn.execute(ACTIVE_CHALLENGES, {"profile_id": profile_id}).fetchall()
    if not rows:
        return []
    counts = dict(conn.execute(CHANNEL_COUNTS, {"profile_id": profile_id, "day": day.isoformat()}).fetchall())
    return headlines(rows, day, counts)


def summary(conn: sqlite3.Connection, profile_id: int, now: datetime | None = None) -> TodaySummary:
    """As services.today.summary (same SQL, same composition)."""
    from ..core import days

    conn.execute("BEGIN")
    try:
        s = load_settings(conn, profile_id)
        day = days.local_day(now or clock_now(), s.timezone, s.day_start_hour)
        p = {"profile_id": profile_id, "day": day.isoformat()}
        pid = {"profile_id": profile_id}
        return compose(
            day,
            s,
            GoalHistory.from_rows(conn.execute(queries.GOALS, pid).fetchall()),
            conn.execute(queries.DAY_TOTALS, p).fetchall(),
            conn.execute(queries.DAY_ATTEMPTS, p).fetchall(),
            [r[0] for r in conn.execute(queries.REST_DAYS, pid).fetchall()],
            conn.execute(queries.WINS_OF_DAY, p).fetchall(),
        )
    finally:
        conn.execute("ROLLBACK")
