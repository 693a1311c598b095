"""Onboarding: apply a starting path (goals from today on, a few settings, onboarded=True)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import days
from ..core.goals import Goal
from ..core.presets import Preset
from . import settings as settings_svc


def today(session: Session, profile_id: int) -> date:
    s = settings_svc.load(session, profile_id)
    return days.today(s.timezone, s.day_start_hour, clock_now())


def apply_preset(
    session: Session, profile_id: int, preset: Preset, day: date | None = None, *, start_challenge: bool = False,
) -> Goal:
    """Set the preset's goal from ``day`` (default: today) on and mark the profile onboarded;
    with ``start_challenge`` also start the path's challenge (the 100-day one) that day."""
    current = settings_svc.load(session, profile_id)
    changes = dict(preset.settings)
    channel = changes.get("default_channel")
    if channel and channel not in current.channels:
        changes["channels"] = (*current.channels, channel)
    settings_svc.save(session, profile_id, current._replace(onboarded=True, **changes))
    day = day or days.today(current.timezone, current.day_start_hour, clock_now())
    goal = settings_svc.set_goal(session, profile_id, preset.goal, day)
    if start_challenge and preset.challenge:
        from . import challenges

        challenges.start_challenge(session, profile_id, preset.challenge, today=day)
    return goal


def skip(session: Session, profile_id: int) -> None:
    """The user skipped onboarding: do not ask again (it stays in the command palette)."""
    settings_svc.update(session, profile_id, onboarded=True)


def has_goal(session: Session, profile_id: int) -> bool:
    """A goal was chosen (onboarding, Settings or `rejection-therapy goal`), whatever its numbers."""
    return bool(settings_svc.goal_history(session, profile_id).entries)


def should_offer(session: Session, profile_id: int) -> bool:
    """Offer the starting paths while no goal has been chosen and the user has not skipped
    them, whatever was logged already (a CLI `log` before the first start changes nothing)."""
    return not settings_svc.load(session, profile_id).onboarded and not has_goal(session, profile_id)


def goal_note(session: Session, profile_id: int) -> str | None:
    """'60 attempts a day · 20 no's · cap 100' when a goal is set today, else None."""
    from ..core.presets import describe_goal

    if not has_goal(session, profile_id):
        return None
    return describe_goal(settings_svc.current_goal(session, profile_id, today(session, profile_id)))
