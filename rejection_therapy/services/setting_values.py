"""Settings by key, as text: what ``rejection-therapy settings`` lists and changes.

The same field table (core.setting_fields) and the same stores as the settings screen: goals
from today on, today's rest-day mark, and the profile's settings (validated by
core.settings.validate).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ..core.errors import ValidationError
from ..core.setting_fields import FIELDS, SECTIONS, Field, parse_text, show_text
from . import settings as settings_svc
from .today import today_of


@dataclass(frozen=True)
class SettingLine:
    key: str
    section: str
    label: str
    value: str
    meaning: str


def _values(session: Session, profile_id: int) -> dict[str, Any]:
    day = today_of(session, profile_id)
    s = settings_svc.load(session, profile_id)
    goal = settings_svc.current_goal(session, profile_id, day)
    values = {k: getattr(s, k) for k in s._fields}
    values.update({k: getattr(goal, k) for k in ("daily_attempts", "per_channel", "daily_nos", "daily_cap")})
    values["rest_today"] = day in set(settings_svc.rest_days(session, profile_id))
    from . import rest

    values["rest_budget"] = rest.budget_on(session, profile_id, day)
    return values


def lines(session: Session, profile_id: int) -> list[SettingLine]:
    values = _values(session, profile_id)
    return [SettingLine(f.key, title, f.label, show_text(f, values.get(f.key)), f.hint)
            for title, _help, fields in SECTIONS for f in fields]


def field(key: str) -> Field:
    wanted = (key or "").strip().lower().replace("-", "_")
    if wanted not in FIELDS:
        raise ValidationError(f"There is no setting {key!r}; 'rejection-therapy settings' lists them all.")
    return FIELDS[wanted]


def apply(session: Session, profile_id: int, key: str, value: Any) -> None:
    """Store one parsed value where the settings screen stores it (raises ValidationError)."""
    f = field(key)
    day = today_of(session, profile_id)
    if f.target == "goal":
        goal = settings_svc.current_goal(session, profile_id, day)
        settings_svc.set_goal(session, profile_id, goal._replace(**{f.key: value}), day)
    elif f.target == "rest":
        settings_svc.mark_rest_day(session, profile_id, day, bool(value))
    elif f.target == "budget":
        from . import rest

        rest.set_budget(session, profile_id, value)
    else:
        settings_svc.save(session, profile_id, settings_svc.load(session, profile_id)._replace(**{f.key: value}))


def set_text(session: Session, profile_id: int, key: str, text: str) -> SettingLine:
    """Parse ``text`` as the settings screen does, store it, and return the new line."""
    f = field(key)
    apply(session, profile_id, f.key, parse_text(f, text))
    return next(line for line in lines(session, profile_id) if line.key == f.key)
