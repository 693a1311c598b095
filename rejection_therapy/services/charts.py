"""The charts use case: what the CLI's ``chart`` and the Charts screen call.

It works out the period (a number of days, or a challenge), the goal line (the challenge's
target or the goal history), the effort-only notice and the first weekday, then lets
``insights.data.chart_bundle`` gather the figures in the same read session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ..core.errors import ValidationError
from ..insights.data import (
    CHARTS,
    ChartBundle,
    Period,
    challenge_goal,
    chart_bundle,
    days_period,
)
from ..insights.queries import Filter
from . import settings as settings_svc
from .lookups import challenge_period, effort_only_notice, find_challenge
from .today import today_of


def chart_data(session: Session, profile_id: int, name: str, *, days: int | None = 30,
               channel: str | None = None, segment: str | None = None,
               challenge: str | int | None = None, today: date | None = None) -> ChartBundle:
    """Everything one chart needs, in one read."""
    if name not in CHARTS:
        raise ValidationError(f"Unknown chart {name!r}; choose one of: {', '.join(CHARTS)}.")
    settings = settings_svc.load(session, profile_id)
    today = today or today_of(session, profile_id)
    filt = Filter((channel or "").strip().lower() or None, (segment or "").strip() or None)
    goal_of: Callable[[date], int]
    period: Period
    if challenge not in (None, ""):
        assert challenge is not None
        ch = find_challenge(session, profile_id, challenge)
        period = challenge_period(ch, today)
        per_day = challenge_goal(ch.target_per_day, ch.target_total, ch.length_days)
        goal_of = lambda _d: per_day  # noqa: E731
    else:
        period = days_period(30 if days is None else days, today)  # checks the number
        if name == "calendar" and period.end - period.start < timedelta(days=364):
            period = days_period(365, today)  # a year at a glance, at least
        goal_of = _goal_line(session, profile_id, filt)
    bundle = chart_bundle(session, profile_id, name, period, filt, first_weekday=settings.first_weekday,
                          hidden=effort_only_notice(session, profile_id, today), goal_of=goal_of)
    if name == "calibration" and not bundle.hidden:
        from . import calibration as calibration_svc

        bundle.data = calibration_svc.view(session, profile_id, period.start, period.end, filt.channel,
                                           filt.segment, settings.first_weekday)
    return bundle


def _goal_line(session: Session, profile_id: int, filt: Filter) -> Callable[[date], int]:
    if filt.segment:
        return lambda _d: 0
    history = settings_svc.goal_history(session, profile_id)
    if filt.channel:
        chan = filt.channel
        return lambda d: history.for_day(d).per_channel.get(chan, 0)
    return lambda d: history.for_day(d).daily_attempts
