"""``doctor``: stored rows the app reads only by a rule for damaged values (a challenge
starting in year 9999, a length of a billion days, an attempt dated year 1). Such rows come
from raw SQL or another program; the app reads them safely (core.challenge_days
``stored_start``/``stored_lengths``, core.days ``calendar_day``), and doctor names them so
the user can fix or delete them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol

from ..core.challenge_days import stored_damage
from ..core.days import FIRST_DAY, LAST_DAY


class Reporter(Protocol):
    def add(self, status: str, text: str) -> None: ...


CHALLENGES_SQL = "SELECT id, name, start_day, length_days, extended_days FROM challenges ORDER BY id"
# Days are compared as ISO text on SQLite and as dates on PostgreSQL: both order the same.
DAY_COLUMNS = (("attempts", "local_day", "attempt", "; streaks and rest tokens skip them"),
               ("wins", "local_day", "win", ""), ("rest_days", "day", "rest day", ""))
SHOWN = 5


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def check(query: Callable[[str], Sequence[Sequence[Any]]], tables: set[str], report: Reporter) -> None:
    """Add a warning for each challenge out of range and each table with days outside the
    app's calendar; ``query(sql)`` runs one read and returns its rows."""
    bad = 0
    if "challenges" in tables:
        for cid, name, start, length, extended in query(CHALLENGES_SQL):
            day = _day(start)
            why = (f"starts on {start!r}, which is not a date" if day is None
                   else stored_damage(day, int(length), None if extended is None else int(extended)))
            if why:
                bad += 1
                if bad <= SHOWN:
                    report.add("warn", f"Challenge #{cid} {str(name)[:40]!r} is damaged: it {why}. "
                                       f"Delete it with 'challenge delete {cid}' (its attempts stay)")
        if bad > SHOWN:
            report.add("warn", f"{bad - SHOWN} more damaged challenges")
    for table, column, label, effect in DAY_COLUMNS:
        if table not in tables:
            continue
        rows = query(f"SELECT COUNT(*) FROM {table} WHERE {column} < '{FIRST_DAY.isoformat()}' "
                     f"OR {column} > '{LAST_DAY.isoformat()}'")
        n = int(rows[0][0]) if rows else 0
        if n:
            bad += 1
            report.add("warn", f"{n:,} {label}{'s are' if n != 1 else ' is'} dated outside "
                               f"{FIRST_DAY.year}-{LAST_DAY.year} (written outside the app){effect}")
    if not bad:
        report.add("ok", f"Dates: every challenge, attempt, win and rest day falls in "
                         f"{FIRST_DAY.year}-{LAST_DAY.year}")
