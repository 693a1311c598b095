"""Today's summary for the dashboard and `rejection-therapy today`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days
from ..core.today import TodaySummary
from ..store.gateway import SqlGateway
from . import ledger
from . import settings as settings_svc


def today_of(session: Session, profile_id: int, now: datetime | None = None) -> date:
    s = settings_svc.load(session, profile_id)
    return days.local_day(now or clock_now(), s.timezone, s.day_start_hour)


def summary(session: Session, profile_id: int, now: datetime | None = None, day: date | None = None) -> TodaySummary:
    """The ledger's summary (``services.ledger.today``) through the SQLAlchemy adapter."""
    return ledger.today(SqlGateway(session), profile_id, now, day)
