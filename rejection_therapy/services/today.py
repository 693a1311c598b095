"""Today's summary for the dashboard and `rejection-therapy today`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days
from ..core.settings import Settings
from ..core.today import GoalHistory, TodaySummary, compose
from ..store import queries
from . import settings as settings_svc


def _q(sql: str):
    return text(sql).bindparams(bindparam("day", type_=Date))


def today_of(session: Session, profile_id: int, now: datetime | None = None) -> date:
    s = settings_svc.load(session, profile_id)
    return days.local_day(now or clock_now(), s.timezone, s.day_start_hour)


def summary(
    session: Session, profile_id: int, now: datetime | None = None, day: date | None = None,
    settings: Settings | None = None,
) -> TodaySummary:
    """Today's figures; pass ``settings`` when they were read already (one read per view)."""
    s = settings or settings_svc.load(session, profile_id)
    day = day or days.local_day(now or clock_now(), s.timezone, s.day_start_hour)
    p = {"profile_id": profile_id, "day": day}
    return compose(
        day,
        s,
        GoalHistory.from_rows(session.execute(text(queries.GOALS), {"profile_id": profile_id}).all()),
        session.execute(_q(queries.DAY_TOTALS), p).all(),
        session.execute(_q(queries.DAY_ATTEMPTS), p).all(),
        [r[0] for r in session.execute(text(queries.REST_DAYS), {"profile_id": profile_id}).all()],
        session.execute(_q(queries.WINS_OF_DAY), p).all(),
    )
