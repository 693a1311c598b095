"""Challenges: time boxes with a target (owned by the challenges feature).

Reading challenges closes the finished ones (``close_finished``), so call ``status``,
``list_challenges``, ``panel`` and ``summary`` inside ``ctx.store.write()``.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..core import challenges as rules
from ..core.errors import NotFoundError, ValidationError
from ..core.text import LONG, clean_text
from ..store.models import Attempt, Challenge, RestDay, Win
from . import settings as settings_svc
from .today import today_of


def _end(c: Challenge) -> date:
    return rules.end_day(c.start_day, c.length_days, c.extended_days or 0)


def active_on(session: Session, profile_id: int, day: date) -> list[Challenge]:
    """Challenges of the profile that are running on ``day``."""
    rows = session.scalars(
        select(Challenge).where(Challenge.profile_id == profile_id, Challenge.status == "active")
    ).all()
    return [c for c in rows if c.start_day <= day <= _end(c)]


def effort_only_active(session: Session, profile_id: int, day: date) -> bool:
    """True while a running challenge asks to hide replies (effort-only mode)."""
    return any(c.effort_only for c in active_on(session, profile_id, day))


def effective_cap(session: Session, profile_id: int, day: date, goal_cap: int | None) -> int | None:
    """Today's burnout cap for all attempts: the lowest of the goal's cap and the caps of
    running challenges that count every channel. A challenge limited to some channels (a
    pitch sprint) caps only those; its panel says when that cap is reached."""
    caps = [c.daily_cap for c in active_on(session, profile_id, day) if c.daily_cap and not c.channels]
    if goal_cap:
        caps.append(goal_cap)
    return min(caps) if caps else None


# ---------------------------------------------------------------- views


@dataclass(frozen=True)
class ChallengeView:
    id: int
    preset: str
    name: str
    start_day: date
    end_day: date
    length_days: int  # as started
    extended_days: int
    target_per_day: int | None
    target_total: int | None
    channels: tuple[str, ...]  # () = all
    rest_weekdays: tuple[int, ...]
    daily_cap: int | None
    effort_only: bool
    status: str  # active | completed | abandoned
    abandon_reason: str | None
    ended_on: date | None
    progress: rules.Progress

    @property
    def length(self) -> int:
        return self.length_days + self.extended_days

    @property
    def channels_label(self) -> str:
        return ", ".join(self.channels) if self.channels else "all channels"

    @property
    def target_label(self) -> str:
        if self.target_total is not None:
            return f"{self.target_total} in total"
        return f"{self.target_per_day} a day"


@dataclass(frozen=True)
class Summary:
    challenge: ChallengeView
    figures: rules.SummaryFigures


def _channels(c: Challenge) -> tuple[str, ...]:
    return tuple(x for x in (c.channels or "").split(",") if x)


def _rest(c: Challenge) -> tuple[int, ...]:
    return tuple(int(x) for x in (c.rest_weekdays or "").split(",") if x.strip().isdigit())


def _attempt_filter(c: Challenge, until: date | None = None) -> list[Any]:
    last = _end(c) if until is None else min(until, _end(c))
    conds = [Attempt.profile_id == c.profile_id, Attempt.local_day >= c.start_day, Attempt.local_day <= last]
    chans = _channels(c)
    if chans:
        conds.append(Attempt.channel.in_(chans))
    return conds


def _counts(session: Session, c: Challenge, until: date) -> dict[date, int]:
    rows = session.execute(
        select(Attempt.local_day, func.count()).where(*_attempt_filter(c, until)).group_by(Attempt.local_day)
    ).all()
    return {d: int(n) for d, n in rows}


def _rest_days(session: Session, profile_id: int, start: date, end: date) -> list[date]:
    return list(session.scalars(
        select(RestDay.day).where(RestDay.profile_id == profile_id, RestDay.day >= start, RestDay.day <= end)
    ))


def _as_of(c: Challenge, today: date) -> date:
    """The day a challenge is seen from: today while active; after its end once completed;
    the day it was abandoned."""
    end = _end(c)
    if c.status == "completed":
        return max(today, end + timedelta(days=1))
    if c.status == "abandoned":
        return min(today, c.ended_on or end)
    return today


def _view(session: Session, c: Challenge, today: date, counts: dict[date, int] | None = None) -> ChallengeView:
    end = _end(c)
    as_of = _as_of(c, today)
    prog = rules.progress(
        _counts(session, c, as_of) if counts is None else counts, as_of, c.start_day, c.length_days + (c.extended_days or 0),
        c.target_per_day, c.target_total, _rest(c), _rest_days(session, c.profile_id, c.start_day, end),
    )
    return ChallengeView(
        id=c.id, preset=c.preset, name=c.name, start_day=c.start_day, end_day=end,
        length_days=c.length_days, extended_days=c.extended_days or 0,
        target_per_day=c.target_per_day, target_total=c.target_total, channels=_channels(c),
        rest_weekdays=_rest(c), daily_cap=c.daily_cap, effort_only=bool(c.effort_only),
        status=c.status, abandon_reason=c.abandon_reason, ended_on=c.ended_on, progress=prog,
    )


def _get(session: Session, profile_id: int, challenge_id: int) -> Challenge:
    c = session.get(Challenge, challenge_id)
    if c is None or c.profile_id != profile_id:
        raise NotFoundError(f"There is no challenge #{challenge_id} in this profile.")
    return c


def _today(session: Session, profile_id: int, today: date | None) -> date:
    return today or today_of(session, profile_id)


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
    c = Challenge(
        uuid=uuidlib.uuid4().hex, profile_id=profile_id, preset=spec.preset, name=spec.name,
        start_day=spec.start_day, length_days=spec.length_days, target_per_day=spec.target_per_day,
        target_total=spec.target_total, channels=",".join(spec.channels) or None,
        rest_weekdays=",".join(str(d) for d in spec.rest_weekdays) or None, daily_cap=spec.daily_cap,
        effort_only=spec.effort_only, status="active", extended_days=0, created_at=datetime.now(UTC),
    )
    session.add(c)
    session.flush()
    return _view(session, c, today)


def has_finished(session: Session, profile_id: int, today: date) -> bool:
    """True when ``close_finished`` would close something (lets readers stay read-only)."""
    return any(_end(c) < today for c in session.scalars(
        select(Challenge).where(Challenge.profile_id == profile_id, Challenge.status == "active")
    ))


def close_finished(session: Session, profile_id: int, today: date) -> list[int]:
    """Close every active challenge whose last day is over; returns their ids."""
    closed = []
    for c in session.scalars(
        select(Challenge).where(Challenge.profile_id == profile_id, Challenge.status == "active")
    ):
        end = _end(c)
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


def status(session: Session, profile_id: int, today: date | None = None) -> list[ChallengeView]:
    """Every active challenge (running or not started yet), finished ones closed first."""
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    return [_view(session, c, today) for c in _all(session, profile_id) if c.status == "active"]


def list_challenges(
    session: Session, profile_id: int, today: date | None = None
) -> tuple[list[ChallengeView], list[ChallengeView]]:
    """(active, history); history newest first."""
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    rows = _all(session, profile_id)
    active = [_view(session, c, today) for c in rows if c.status == "active"]
    history = [_view(session, c, today) for c in rows if c.status != "active"]
    history.sort(key=lambda v: (v.ended_on or v.end_day, v.id), reverse=True)
    return active, history


def recently_closed(session: Session, profile_id: int, today: date | None = None, within: int = 3) -> list[Summary]:
    """Summaries of challenges completed in the last ``within`` days (the dashboard shows them)."""
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    return [
        _summary(session, c, today) for c in _all(session, profile_id)
        if c.status == "completed" and c.ended_on and 0 < (today - c.ended_on).days <= within
    ]


def get(session: Session, profile_id: int, challenge_id: int, today: date | None = None) -> ChallengeView:
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    return _view(session, _get(session, profile_id, challenge_id), today)


def extend(session: Session, profile_id: int, challenge_id: int, days: int | str, today: date | None = None) -> ChallengeView:
    """Add days to an active challenge, or reopen one completed in the last 7 days."""
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    c = _get(session, profile_id, challenge_id)
    if c.status == "abandoned":
        raise ValidationError(f"Challenge #{c.id} was abandoned; start a new one instead.")
    n = rules.check_extension(days, c.length_days, c.extended_days or 0)
    if c.status == "completed":
        end = _end(c)
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
    return _view(session, c, today)


def abandon(session: Session, profile_id: int, challenge_id: int, reason: str, today: date | None = None) -> ChallengeView:
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    c = _get(session, profile_id, challenge_id)
    why = clean_text(reason, "reason for abandoning", max_len=LONG, multiline=True, required=True)
    if c.status != "active":
        raise ValidationError(f"Challenge #{c.id} is already {c.status}; only a running challenge can be abandoned.")
    c.status, c.abandon_reason = "abandoned", why
    c.ended_on = today
    session.flush()
    return _view(session, c, today)


def summary(session: Session, profile_id: int, challenge_id: int, today: date | None = None) -> Summary:
    """Figures over the challenge's days so far (all of them once it is closed)."""
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    return _summary(session, _get(session, profile_id, challenge_id), today)


def summaries(session: Session, profile_id: int, today: date | None = None) -> tuple[list[Summary], list[Summary]]:
    """(active, history) with each one's summary: what the Challenges screen shows."""
    today = _today(session, profile_id, today)
    close_finished(session, profile_id, today)
    rows = _all(session, profile_id)
    active = [_summary(session, c, today) for c in rows if c.status == "active"]
    history = [_summary(session, c, today) for c in rows if c.status != "active"]
    history.sort(key=lambda sm: (sm.challenge.ended_on or sm.challenge.end_day, sm.challenge.id), reverse=True)
    return active, history


def _summary(session: Session, c: Challenge, today: date) -> Summary:
    profile_id = c.profile_id
    as_of = _as_of(c, today)
    rows = session.execute(
        select(Attempt.local_day, Attempt.outcome, func.count(),
               func.sum(case((func.coalesce(Attempt.lesson, "") != "", 1), else_=0)))
        .where(*_attempt_filter(c, as_of)).group_by(Attempt.local_day, Attempt.outcome)
    ).all()
    counts: dict[date, int] = {}
    outcomes: dict[str, int] = {}
    lessons = 0
    for day, outcome, n, with_lesson in rows:
        counts[day] = counts.get(day, 0) + int(n)
        outcomes[outcome] = outcomes.get(outcome, 0) + int(n)
        lessons += int(with_lesson or 0)
    view = _view(session, c, today, counts)
    wins = session.execute(
        select(func.count()).select_from(Win).where(
            Win.profile_id == profile_id, Win.local_day >= c.start_day, Win.local_day <= min(as_of, _end(c))
        )
    ).scalar_one()
    figures = rules.summarize(outcomes, counts, view.progress.longest_run, int(wins), lessons)
    return Summary(view, figures)
