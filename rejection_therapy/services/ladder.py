"""The comfort ladder (rules in core.ladder): add, list, climb, remove, the next rung, and
the hardest ask of each week."""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import ladder as rules
from ..core.errors import NotFoundError, ValidationError
from ..core.ladder import Rung
from ..store.models import Attempt, LadderRung
from . import settings as settings_svc
from .today import today_of


@dataclass(frozen=True)
class LadderView:
    today: date
    rungs: list[Rung]
    level: int | None  # the hardest ask of the last 7 days
    next: Rung | None
    weeks: list[tuple[date, int]]  # hardest ask per week

    def line(self) -> str:
        return rules.sparkline(level for _w, level in self.weeks)


def _rung(row: LadderRung) -> Rung:
    return Rung(row.id, row.text, row.discomfort, row.done_on)


def _get(session: Session, profile_id: int, rung_id: int) -> LadderRung:
    row = session.get(LadderRung, rung_id)
    if row is None or row.profile_id != profile_id:
        raise NotFoundError(f"There is no rung #{rung_id} on your ladder; see 'rejection-therapy ladder list'.")
    return row


def check_rung(session: Session, profile_id: int, rung_id: int | None) -> Rung | None:
    """The rung an attempt links to (NotFoundError when it is not this profile's)."""
    return None if rung_id is None else _rung(_get(session, profile_id, rung_id))


def add(session: Session, profile_id: int, text: str, discomfort: int | str, now: datetime | None = None) -> Rung:
    row = LadderRung(uuid=uuidlib.uuid4().hex, profile_id=profile_id, text=rules.check_rung_text(text),
                     discomfort=rules.check_rung_discomfort(discomfort), created_at=now or clock_now())
    session.add(row)
    session.flush()
    return _rung(row)


def list_rungs(session: Session, profile_id: int) -> list[Rung]:
    rows = session.scalars(select(LadderRung).where(LadderRung.profile_id == profile_id)
                           .order_by(LadderRung.discomfort, LadderRung.id))
    return [_rung(r) for r in rows]


def done(session: Session, profile_id: int, rung_id: int, now: datetime | None = None) -> Rung:
    row = _get(session, profile_id, rung_id)
    if row.done_on is not None:
        raise ValidationError(f"Rung #{rung_id} was already climbed on {row.done_on.isoformat()}.")
    row.done_on = today_of(session, profile_id, now)
    session.flush()
    return _rung(row)


def remove(session: Session, profile_id: int, rung_id: int) -> Rung:
    row = _get(session, profile_id, rung_id)
    rung = _rung(row)
    session.delete(row)
    session.flush()
    return rung


def asks(session: Session, profile_id: int, since: date | None = None) -> list[tuple[date, int]]:
    """(day, discomfort) of every rated ask: attempts (their own rating, else their rung's)
    and climbed rungs."""
    level = func.coalesce(Attempt.discomfort, LadderRung.discomfort)
    q = (select(Attempt.local_day, level).outerjoin(LadderRung, LadderRung.id == Attempt.rung_id)
         .where(Attempt.profile_id == profile_id, level.is_not(None)))
    r = select(LadderRung.done_on, LadderRung.discomfort).where(
        LadderRung.profile_id == profile_id, LadderRung.done_on.is_not(None))
    if since is not None:
        q = q.where(Attempt.local_day >= since)
        r = r.where(LadderRung.done_on >= since)
    return ([(d, int(n)) for d, n in session.execute(q).all()]
            + [(d, int(n)) for d, n in session.execute(r).all() if d is not None])


def view(session: Session, profile_id: int, now: datetime | None = None, weeks: int = 26) -> LadderView:
    today = today_of(session, profile_id, now)
    first = settings_svc.load(session, profile_id).first_weekday
    rated = asks(session, profile_id, today - timedelta(weeks=weeks))
    rungs = list_rungs(session, profile_id)
    level = rules.last_week_level(rated, today)
    return LadderView(today, rungs, level, rules.next_rung(rungs, level), rules.hardest_per_week(rated, first))


def seed_starter(session: Session, profile_id: int, now: datetime | None = None) -> int:
    """Put our short starter ladder on an empty ladder (the 100-day preset); returns rungs added."""
    if session.scalar(select(func.count()).select_from(LadderRung).where(LadderRung.profile_id == profile_id)):
        return 0
    for text, level in rules.STARTER_LADDER:
        add(session, profile_id, text, level, now)
    return len(rules.STARTER_LADDER)
