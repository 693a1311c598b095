"""Each running challenge in one line for ``today`` and the dashboard: "Day 12 of 100 · today's ask done"."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from ..core.challenge_line import headlines
from ..store.ledger_queries import ACTIVE_CHALLENGES, CHANNEL_COUNTS


def lines(session: Session, profile_id: int, today: date) -> list[str]:
    rows = session.execute(text(ACTIVE_CHALLENGES), {"profile_id": profile_id}).all()
    if not rows:
        return []
    counts = dict(session.execute(text(CHANNEL_COUNTS).bindparams(bindparam("day", type_=Date)),
                                  {"profile_id": profile_id, "day": today}).all())
    return headlines(rows, today, counts)
