"""Settings, goals and rest days of a profile."""

from __future__ import annotations

import json
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
from ..store.models import Profile, RestDay, Setting


def load(session: Session, profile_id: int) -> Settings:
    """The profile's settings (the ledger's rule: ``services.ledger.settings_from_rows``)."""
    from .ledger import settings_from_rows

    return settings_from_rows(session.execute(text(queries.SETTINGS), {"profile_id": profile_id}).all())


# FOR NO KEY UPDATE on PostgreSQL (ignored on SQLite, whose write transactions are exclusive
# already): it serialises the writers of a row but, unlike FOR UPDATE, does not block rows
# that merely point at it (an attempt logged for the profile, a change of an attempt's outcome).
ROW_LOCK: dict[str, Any] = {"key_share": True}


def lock_profile(session: Session, profile_id: int) -> None:
    """Hold the profile's row until the transaction ends: a read-modify-write of the profile's
    settings or rest days then never interleaves with another one."""
    session.execute(select(Profile.id).where(Profile.id == profile_id).with_for_update(**ROW_LOCK))


def upsert(session: Session, model: Any, keys: list[str], values: dict[str, Any], update: list[str]) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE: no unique-constraint error when two writers
    add the same row at once (SQLite and PostgreSQL both have it)."""
    stmt: Any
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt = pg_insert(model).values(**values)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(model).values(**values)
    session.execute(stmt.on_conflict_do_update(index_elements=keys, set_={k: stmt.excluded[k] for k in update}))


def save(session: Session, profile_id: int, new: Settings) -> Settings:
    """Validate and store every field (raises ValidationError and stores nothing if bad)."""
    rules.validate(new)
    lock_profile(session, profile_id)
    new = new._replace(
        channels=tuple(c.strip().lower() for c in new.channels),
        default_channel=new.default_channel.strip().lower(),
    )
    existing = dict(session.execute(select(Setting.key, Setting.value).where(Setting.profile_id == profile_id)).all())
    for key, value in new.to_mapping().items():
        if existing.get(key) != value:
            upsert(session, Setting, ["profile_id", "key"], {"profile_id": profile_id, "key": key, "value": value},
                   ["value"])
    return new


def update(session: Session, profile_id: int, **changes: Any) -> Settings:
    """Change some settings, keeping the others as stored (the profile is locked before the
    read, so a concurrent change of another setting is not overwritten)."""
    lock_profile(session, profile_id)
    return save(session, profile_id, load(session, profile_id)._replace(**changes))


def goal_history(session: Session, profile_id: int) -> GoalHistory:
    return GoalHistory.from_rows(session.execute(text(queries.GOALS), {"profile_id": profile_id}).all())


def current_goal(session: Session, profile_id: int, day: date) -> Goal:
    return goal_history(session, profile_id).for_day(day)


def set_goal(session: Session, profile_id: int, goal: Goal, from_day: date) -> Goal:
    """Goals apply from ``from_day`` on; earlier days keep the goal they had (streaks stay)."""
    check_goal(goal)
    per_channel = json.dumps(dict(goal.per_channel)) if goal.per_channel else None
    values = {"profile_id": profile_id, "valid_from": from_day, "daily_attempts": goal.daily_attempts,
              "daily_nos": goal.daily_nos, "daily_cap": goal.daily_cap, "per_channel": per_channel,
              "created_at": clock_now()}
    upsert(session, GoalRow, ["profile_id", "valid_from"], values,
           ["daily_attempts", "daily_nos", "daily_cap", "per_channel"])
    return goal


def rest_days(session: Session, profile_id: int) -> list[date]:
    return list(session.scalars(select(RestDay.day).where(RestDay.profile_id == profile_id)))


def mark_rest_day(session: Session, profile_id: int, day: date, rest: bool = True) -> None:
    lock_profile(session, profile_id)
    session.execute(delete(RestDay).where(RestDay.profile_id == profile_id, RestDay.day == day))
    if rest:
        session.add(RestDay(profile_id=profile_id, day=day))
    session.flush()
