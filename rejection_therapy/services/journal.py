"""Read models for the attempt log and the wins journal: plain rows, one page at a time.

The log is ordered by (local day, instant, id), newest first, and paged with a keyset on
those three values. Ordering by the stored day first lets SQLite walk the
``(profile_id, local_day, outcome)`` index and stop after one page: ~2 ms a page on a
100,000-attempt store, where ordering by the instant alone sorts every row (~250 ms).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days
from ..core.funnel import is_conversation
from ..core.today import as_date, as_instant
from ..store.models import Attempt
from . import settings as settings_svc
from . import wins as wins_svc
from .attempts import Cursor, Filter, _filtered, count_attempts, newest_first

PAGE = 200


@dataclass(frozen=True)
class LogRow:
    id: int
    local_day: date
    time: str  # HH:MM in the zone the attempt was logged in
    channel: str
    target: str | None
    outcome: str
    kind: str | None
    conversation: bool
    note: str | None  # notes, else the stated reason, else the lesson
    cursor: Cursor


@dataclass(frozen=True)
class LogPage:
    rows: list[LogRow]
    total: int | None  # only when asked for (counting costs a scan)
    more: bool


def _local_time(created_at: datetime, tz: str | None, fallback: str) -> str:
    try:
        days.zone(tz or fallback)
    except Exception:  # noqa: BLE001 - an unknown stored zone falls back to the user's
        tz = fallback
    return days.local_time(as_instant(created_at), tz or fallback).strftime("%H:%M")


LOG_COLUMNS = (Attempt.id, Attempt.local_day, Attempt.created_at, Attempt.tz, Attempt.channel,
               Attempt.target, Attempt.outcome, Attempt.rejection_kind, Attempt.conversation,
               Attempt.notes, Attempt.stated_reason, Attempt.lesson)


def to_row(a: Any, fallback_tz: str) -> LogRow:
    """A LogRow from an Attempt or a row of LOG_COLUMNS."""
    return LogRow(
        id=a.id, local_day=as_date(a.local_day), time=_local_time(a.created_at, a.tz, fallback_tz),
        channel=a.channel, target=a.target, outcome=a.outcome, kind=a.rejection_kind,
        conversation=is_conversation(a.outcome, a.conversation), note=a.notes or a.stated_reason or a.lesson,
        cursor=(as_date(a.local_day), as_instant(a.created_at), a.id),
    )


def log_page(
    session: Session, profile_id: int, f: Filter | None = None, *, after: Cursor | None = None,
    limit: int = PAGE, with_total: bool = False,
) -> LogPage:
    """One page of the log, newest first; pass the last row's ``cursor`` to get the next.
    Only the shown columns are read (no ORM objects): a page costs what its rows cost."""
    f = f or Filter()
    tz = settings_svc.load(session, profile_id).timezone
    q = newest_first(_filtered(profile_id, f).with_only_columns(*LOG_COLUMNS), after).limit(limit + 1)
    found = session.execute(q).all()
    rows = [to_row(a, tz) for a in found[:limit]]
    total = count_attempts(session, profile_id, f) if with_total else None
    return LogPage(rows, total, len(found) > limit)


def log_count(session: Session, profile_id: int, f: Filter | None = None) -> int:
    """How many attempts match (a separate call: with a text search it scans every row)."""
    return count_attempts(session, profile_id, f)


def log_row(session: Session, profile_id: int, attempt_id: int) -> LogRow:
    from .attempts import get

    tz = settings_svc.load(session, profile_id).timezone
    return to_row(get(session, profile_id, attempt_id), tz)


def channels(session: Session, profile_id: int) -> tuple[str, ...]:
    """The configured channels plus any channel used in the log (for the filter)."""
    used = session.scalars(select(Attempt.channel).where(Attempt.profile_id == profile_id).distinct()).all()
    configured = settings_svc.load(session, profile_id).channels
    return tuple(dict.fromkeys([*configured, *sorted(used)]))


@dataclass(frozen=True)
class WinLine:
    id: int
    local_day: date
    time: str
    text: str
    attempt_id: int | None
    attempt_label: str | None  # "#12 call · Acme Corp · no" when linked


@dataclass(frozen=True)
class WinsView:
    today: date
    lines: list[WinLine]


def wins_page(session: Session, profile_id: int, limit: int = 500) -> WinsView:
    s = settings_svc.load(session, profile_id)
    wins = wins_svc.list_wins(session, profile_id, limit=limit)
    linked = {w.attempt_id for w in wins if w.attempt_id}
    labels: dict[int, str] = {}
    if linked:
        for a in session.scalars(select(Attempt).where(Attempt.id.in_(linked))):
            parts = [a.channel] + ([a.target] if a.target else []) + [a.outcome]
            labels[a.id] = f"#{a.id} " + " · ".join(parts)
    return WinsView(days.today(s.timezone, s.day_start_hour, clock_now()), [
        WinLine(w.id, w.local_day, _local_time(w.created_at, None, s.timezone), w.text, w.attempt_id,
                labels.get(w.attempt_id) if w.attempt_id else None)
        for w in wins
    ])
