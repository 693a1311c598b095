"""Settings, goals and rest days of a profile."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import settings as rules
from ..core.goals import Goal, check_goal
from ..core.settings import Settings
from ..core.today import GoalHistory
from ..store import queries
from ..store.models import Goal as GoalRow
from ..store.models import RestDay, Setting


def load(session: Session, profile_id: int) -> Settings:
    """The profile's settings (the ledger's rule: ``services.ledger.settings_from_rows``)."""
    from .ledger import settings_from_rows

    return settings_from_rows(session.execute(text(queries.SETTINGS), {"profile_id": profile_id}).all())


def save(session: Session, profile_id: int, new: Settings) -> Settings:
    """Validate and store every field (raises ValidationError and stores nothing if bad)."""
    rules.validate(new)
    new = replace(
        new,
        channels=tuple(c.strip().lower() for c in new.channels),
        default_channel=new.default_channel.strip().lower(),
    )
    existing = {s.key: s for s in session.scalars(select(Setting).where(Setting.profile_id == profile_id))}
    for key, value in new.to_mapping().items():
        row = existing.get(key)
        if row is None:
            session.add(Setting(profile_id=profile_id, key=key, value=value))
        elif row.value != value:
            row.value = value
    session.flush()
    return new


def update(session: Session, profile_id: int, **changes: Any) -> Settings:
    return save(session, profile_id, replace(load(session, profile_id), **changes))


def goal_history(session: Session, profile_id: int) -> GoalHistory:
    return GoalHistory.from_rows(session.execute(text(queries.GOALS), {"profile_id": profile_id}).all())


def current_goal(session: Session, profile_id: int, day: date) -> Goal:
    return goal_history(session, profile_id).for_day(day)


def set_goal(session: Session, profile_id: int, goal: Goal, from_day: date) -> Goal:
    """Goals apply from ``from_day`` on; earlier days keep the goal they had (streaks stay)."""
    check_goal(goal)
    row = session.scalars(
        select(GoalRow).where(GoalRow.profile_id == profile_id, GoalRow.valid_from == from_day)
    ).first()
    per_channel = json.dumps(dict(goal.per_channel)) if goal.per_channel else None
    if row is None:
        session.add(
            GoalRow(
                profile_id=profile_id,
                valid_from=from_day,
                daily_attempts=goal.daily_attempts,
                daily_nos=goal.daily_nos,
                daily_cap=goal.daily_cap,
                per_channel=per_channel,
                created_at=clock_now(),
            )
        )
    else:
        row.daily_attempts, row.daily_nos = goal.daily_attempts, goal.daily_nos
        row.daily_cap, row.per_channel = goal.daily_cap, per_channel
    session.flush()
    return goal


def rest_days(session: Session, profile_id: int) -> list[date]:
    return list(session.scalars(select(RestDay.day).where(RestDay.profile_id == profile_id)))


def mark_rest_day(session: Session, profile_id: int, day: date, rest: bool = True) -> None:
    session.execute(delete(RestDay).where(RestDay.profile_id == profile_id, RestDay.day == day))
    if rest:
        session.add(RestDay(profile_id=profile_id, day=day))
    session.flush()
