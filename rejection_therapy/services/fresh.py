"""Fresh starts and the last stretch on the dashboard (rules in core.fresh)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import fresh as rules
from ..store.models import DayTotal
from .today import today_of


@dataclass(frozen=True)
class FreshView:
    fresh: str | None = None  # "A new week · Last week: 42 attempts on 5 days. Plan: …"
    stretch: list[str] = field(default_factory=list)  # "Ask 100: 3 to go"


def view(session: Session, profile_id: int, now: datetime | None = None) -> FreshView:
    from . import challenges, plans

    now = now or clock_now()
    today = today_of(session, profile_id, now)
    active = [c for c in challenges.status(session, profile_id, today) if c.progress.state == "running"]
    day_one = next((c.name for c in active if c.progress.day == 1), None)
    stretch = []
    for c in active:
        left = rules.to_go(c.progress.attempts, c.progress.target)
        if left:
            stretch.append(f"{c.name}: {left}")
    reason = rules.fresh_start_reason(today, day_one)
    if reason is None:
        return FreshView(None, stretch)
    attempts, active_days = session.execute(
        select(func.coalesce(func.sum(DayTotal.attempts), 0), func.count()).where(
            DayTotal.profile_id == profile_id, DayTotal.attempts > 0,
            DayTotal.local_day >= today - timedelta(days=7), DayTotal.local_day < today)).one()
    mine = plans.list_plans(session, profile_id)
    plan = f" This week: {mine[0].text}" if mine else " One plan for this week? (plans add \"If …, then …\")"
    return FreshView(f"Fresh start · {reason}. {rules.last_week_line(int(attempts), int(active_days))}{plan}", stretch)
