"""Challenges: time boxes with a target (owned by the challenges feature).

Reading challenges closes the finished ones (``close_finished``), so call ``status``,
``list_challenges``, ``panel`` and ``summary`` inside ``ctx.store.write()``.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import now as clock_now
from ..core import challenge_line
from ..core import challenges as rules
from ..core.errors import NotFoundError, ValidationError
from ..core.text import LONG, clean_text
from ..store.models import Challenge
from . import settings as settings_svc
from .challenge_views import ChallengeView, Summary, end_of, start_of, summarize, view
from .settings import ROW_LOCK
from .today import today_of


def active_on(session: Session, profile_id: int, day: date) -> list[Challenge]:
    """Challenges of the profile that are running on ``day``."""
    return [c for c in _active(session, profile_id) if start_of(c) <= day <= end_of(c)]


def effort_only_active(session: Session, profile_id: int, day: date, running: list[Challenge] | None = None) -> bool:
    """True while a running challenge asks to hide replies (effort-only mode). ``running``:
    ``active_on``'s list when the caller read it already (one challenges read per view)."""
    running = active_on(session, profile_id, day) if running is None else running
    return challenge_line.effort_only(running)


def effective_cap(
    session: Session, profile_id: int, day: date, goal_cap: int | None, running: list[Challenge] | None = None,
) -> int | None:
    """Today's burnout cap for all attempts (the rule: ``core.challenge_line.effective_cap``)."""
    running = active_on(session, profile_id, day) if running is None else running
    return challenge_line.effective_cap(goal_cap, running)


def _get(session: Session, profile_id: int, challenge_id: int, *, lock: bool = False) -> Challenge:
    """The challenge, or NotFoundError; ``lock=True`` reads it afresh and locks it (FOR UPDATE
    on PostgreSQL) for a change written back in the same transaction."""
    if lock:
        c = session.get(Challenge, challenge_id, with_for_update=ROW_LOCK, populate_existing=True)
    else:
        c = session.get(Challenge, challenge_id)
    if c is None or c.profile_id != profile_id:
        raise NotFoundError(f"There is no challenge #{challenge_id} in this profile.")
    return c


def _today(session: Session, profile_id: int, today: date | None) -> date:
    return today or today_of(session, profile_id)


def _closed_until(session: Session, profile_id: int, today: date | None) -> date:
    """Today (given or the profile's), with the challenges finished before it closed."""
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    return today


def _active(session: Session, profile_id: int, *, lock: bool = False) -> list[Challenge]:
    q = select(Challenge).where(Challenge.profile_id == profile_id, Challenge.status == "active")
    if lock:  # read afresh and lock, in id order (every writer locks in the same order)
        q = q.order_by(Challenge.id).with_for_update(**ROW_LOCK).execution_options(populate_existing=True)
    return list(session.scalars(q))


# ---------------------------------------------------------------- use cases


def defaults(session: Session, profile_id: int, preset: str, today: date | None = None) -> dict[str, Any]:
    """The preset's defaults as form values (what `start` would use with no options)."""
    today = _today(session, profile_id, today)
    preset = rules.check_preset(preset)
    s = settings_svc.load(session, profile_id)
    goal = settings_svc.current_goal(session, profile_id, today)
    extra: dict[str, Any] = {"days": 30} if preset == "custom" else {}
    try:
        spec = rules.build_spec(preset, today, daily_goal=goal.daily_attempts, goal_cap=goal.daily_cap,
                                known_channels=s.channels, **extra)
    except ValidationError:  # quota month without a daily goal: leave the quota empty
        spec = rules.build_spec(preset, today, per_day=1, known_channels=s.channels)
        spec = rules.ChallengeSpec(**{**spec.__dict__, "target_per_day": None})
    return {
        "name": spec.name, "start": spec.start_day.isoformat(), "days": str(spec.length_days),
        "per_day": "" if spec.target_per_day is None else str(spec.target_per_day),
        "total": "" if spec.target_total is None else str(spec.target_total),
        "channels": ",".join(spec.channels) or "all",
        "rest": rules.format_weekdays(spec.rest_weekdays) or "none",
        "cap": "" if spec.daily_cap is None else str(spec.daily_cap),
        "effort_only": spec.effort_only,
    }


def start_challenge(
    session: Session, profile_id: int, preset: str, today: date | None = None, **options: Any
) -> ChallengeView:
    """Validate (ValidationError, nothing stored) and store a new challenge.

    ``options``: start, days, end, per_day, total, channels, rest, cap, effort_only, name.
    """
    today = _today(session, profile_id, today)
    s = settings_svc.load(session, profile_id)
    goal = settings_svc.current_goal(session, profile_id, today)
    spec = rules.build_spec(preset, today, daily_goal=goal.daily_attempts, goal_cap=goal.daily_cap,
                            known_channels=s.channels, **options)
    rules.check_not_over(spec, today)
    from .housekeeping import check_not_duplicate

    check_not_duplicate(session, profile_id, spec, bool(options.get("name")))
    c = Challenge(
        uuid=uuidlib.uuid4().hex, profile_id=profile_id, preset=spec.preset, name=spec.name,
        start_day=spec.start_day, length_days=spec.length_days, target_per_day=spec.target_per_day,
        target_total=spec.target_total, channels=",".join(spec.channels) or None,
        rest_weekdays=",".join(str(d) for d in spec.rest_weekdays) or None, daily_cap=spec.daily_cap,
        effort_only=spec.effort_only, status="active", extended_days=0, created_at=clock_now(),
    )
    session.add(c)
    session.flush()
    if spec.preset == "100-day":  # starts with an editable comfort ladder (issue 15)
        from . import ladder

        ladder.seed_starter(session, profile_id)
    return view(session, c, today)


def has_finished(session: Session, profile_id: int, today: date) -> bool:
    """True when ``close_finished`` would close something (lets readers stay read-only)."""
    return any(end_of(c) < today for c in _active(session, profile_id))


def close_finished(session: Session, profile_id: int, today: date) -> list[int]:
    """Close every active challenge whose last day is over; returns their ids."""
    closed = []
    for c in _active(session, profile_id, lock=True):
        end = end_of(c)
        if end < today:
            c.status, c.ended_on = "completed", end
            closed.append(c.id)
    if closed:
        session.flush()
    return closed


def _all(session: Session, profile_id: int) -> list[Challenge]:
    return list(session.scalars(
        select(Challenge).where(Challenge.profile_id == profile_id).order_by(Challenge.start_day, Challenge.id)
    ))


def _active_and_history(session: Session, profile_id: int, today: date, make: Callable[..., Any]) -> tuple[list[Any], list[Any]]:
    """(active, history) built with ``make(session, challenge, today)``; history newest first."""
    rows = _all(session, profile_id)
    active = [make(session, c, today) for c in rows if c.status == "active"]
    ended = sorted((c for c in rows if c.status != "active"), key=lambda c: (c.ended_on or end_of(c), c.id), reverse=True)
    return active, [make(session, c, today) for c in ended]


def status(session: Session, profile_id: int, today: date | None = None) -> list[ChallengeView]:
    """Every active challenge (running or not started yet), finished ones closed first."""
    today = _closed_until(session, profile_id, today)
    return [view(session, c, today) for c in _all(session, profile_id) if c.status == "active"]


def list_challenges(
    session: Session, profile_id: int, today: date | None = None
) -> tuple[list[ChallengeView], list[ChallengeView]]:
    """(active, history); history newest first."""
    return _active_and_history(session, profile_id, _closed_until(session, profile_id, today), view)


def recently_closed(session: Session, profile_id: int, today: date | None = None, within: int = 3) -> list[Summary]:
    """Summaries of challenges completed in the last ``within`` days (the dashboard shows them)."""
    today = _closed_until(session, profile_id, today)
    return [
        summarize(session, c, today) for c in _all(session, profile_id)
        if c.status == "completed" and c.ended_on and 0 < (today - c.ended_on).days <= within
    ]


def get(session: Session, profile_id: int, challenge_id: int, today: date | None = None) -> ChallengeView:
    today = _closed_until(session, profile_id, today)
    return view(session, _get(session, profile_id, challenge_id), today)


def extend(session: Session, profile_id: int, challenge_id: int, days: int | str, today: date | None = None) -> ChallengeView:
    """Add days to an active challenge, or reopen one completed in the last 7 days."""
    today = _closed_until(session, profile_id, today)
    c = _get(session, profile_id, challenge_id, lock=True)
    if c.status == "abandoned":
        raise ValidationError(f"Challenge #{c.id} was abandoned; start a new one instead.")
    n = rules.check_extension(days, c.length_days, c.extended_days or 0)
    if c.status == "completed":
        end = end_of(c)
        if (today - end).days > rules.REOPEN_DAYS:
            raise ValidationError(
                f"Challenge #{c.id} ended on {end}, more than {rules.REOPEN_DAYS} days ago; start a new one instead."
            )
        if end + timedelta(days=n) < today:
            raise ValidationError(
                f"Extending #{c.id} by {n} days would still end before today; add at least {(today - end).days} days."
            )
        c.status, c.ended_on = "active", None
    c.extended_days = (c.extended_days or 0) + n
    session.flush()
    return view(session, c, today)


def abandon(session: Session, profile_id: int, challenge_id: int, reason: str, today: date | None = None) -> ChallengeView:
    today = _closed_until(session, profile_id, today)
    c = _get(session, profile_id, challenge_id, lock=True)
    why = clean_text(reason, "reason for abandoning", max_len=LONG, multiline=True, required=True)
    if c.status != "active":
        raise ValidationError(f"Challenge #{c.id} is already {c.status}; only a running challenge can be abandoned.")
    c.status, c.abandon_reason = "abandoned", why
    c.ended_on = today
    session.flush()
    return view(session, c, today)


def summary(session: Session, profile_id: int, challenge_id: int, today: date | None = None) -> Summary:
    """Figures over the challenge's days so far (all of them once it is closed)."""
    today = _closed_until(session, profile_id, today)
    return summarize(session, _get(session, profile_id, challenge_id), today)


def summaries(session: Session, profile_id: int, today: date | None = None) -> tuple[list[Summary], list[Summary]]:
    """(active, history) with each one's summary: what the Challenges screen shows."""
    return _active_and_history(session, profile_id, _closed_until(session, profile_id, today), summarize)
