"""Today's summary for the dashboard and `rejection-therapy today`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days
from ..core.today import GoalHistory, TodaySummary, compose
from ..store import queries, rest_rows
from . import settings as settings_svc


def _q(sql: str):
    return text(sql).bindparams(bindparam("day", type_=Date))


def today_of(session: Session, profile_id: int, now: datetime | None = None) -> date:
    s = settings_svc.load(session, profile_id)
    return days.local_day(now or clock_now(), s.timezone, s.day_start_hour)


def executor(session: Session):
    """``execute(sql, params) -> rows`` for store.rest_rows (a ``:day`` is bound as a Date)."""
    return lambda sql, p: session.execute(_q(sql) if ":day" in sql else text(sql), p).all()


def summary(session: Session, profile_id: int, now: datetime | None = None, day: date | None = None) -> TodaySummary:
    s = settings_svc.load(session, profile_id)
    now = now or clock_now()
    day = day or days.local_day(now, s.timezone, s.day_start_hour)
    p = {"profile_id": profile_id, "day": day}
    return compose(
        day,
        s,
        GoalHistory.from_rows(session.execute(text(queries.GOALS), {"profile_id": profile_id}).all()),
        session.execute(_q(queries.DAY_TOTALS), p).all(),
        session.execute(_q(queries.DAY_ATTEMPTS), p).all(),
        [r[0] for r in session.execute(text(queries.REST_DAYS), {"profile_id": profile_id}).all()],
        session.execute(_q(queries.WINS_OF_DAY), p).all(),
        rest=rest_rows.rest_inputs(executor(session), profile_id, now, s),
    )
