"""Challenges: time boxes with a target (owned by the challenges feature)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store.models import Challenge


def active_on(session: Session, profile_id: int, day: date) -> list[Challenge]:
    """Challenges of the profile that are running on ``day``."""
    rows = session.scalars(
        select(Challenge).where(Challenge.profile_id == profile_id, Challenge.status == "active")
    ).all()
    return [
        c for c in rows
        if c.start_day <= day <= c.start_day + timedelta(days=c.length_days + c.extended_days - 1)
    ]


def effort_only_active(session: Session, profile_id: int, day: date) -> bool:
    """True while a running challenge asks to hide replies (effort-only mode)."""
    return any(c.effort_only for c in active_on(session, profile_id, day))


def effective_cap(session: Session, profile_id: int, day: date, goal_cap: int | None) -> int | None:
    """Today's burnout cap: the lowest of the goal's cap and every running challenge's cap."""
    caps = [c.daily_cap for c in active_on(session, profile_id, day) if c.daily_cap]
    if goal_cap:
        caps.append(goal_cap)
    return min(caps) if caps else None
