"""Challenge views: a stored challenge with its progress (``ChallengeView``) and its summary
figures (``Summary``), read from the attempts, rest days and wins of its days. Read-only;
``services.challenges`` closes finished challenges before it builds them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..core import challenges as rules
from ..core.challenge_days import stored_lengths, stored_start
from ..core.days import no_time_rule
from ..core.repair import RestInputs
from ..core.settings import Settings
from ..store.models import Attempt, Challenge, RestDay, Win
from . import settings as settings_svc


def start_of(c: Challenge) -> date:
    """The stored challenge's first day, read into the app's calendar (a damaged row never
    runs off it; ``doctor`` names it)."""
    return stored_start(c.start_day)


def end_of(c: Challenge) -> date:
    """The stored challenge's last day, extensions included."""
    return rules.end_day(c.start_day, c.length_days, c.extended_days or 0)


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
    # Stored as "5,6"; anything else (a hand-edited "²") is ignored, never int()'d.
    return tuple(int(x) for x in (c.rest_weekdays or "").split(",") if x.strip() in ("0", "1", "2", "3", "4", "5", "6"))


def _attempt_filter(c: Challenge, until: date | None = None) -> list[Any]:
    last = end_of(c) if until is None else min(until, end_of(c))
    conds = [Attempt.profile_id == c.profile_id, Attempt.local_day >= start_of(c), Attempt.local_day <= last]
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
    end = end_of(c)
    if c.status == "completed":
        return max(today, end + timedelta(days=1))
    if c.status == "abandoned":
        return min(today, c.ended_on or end)
    return today


def _rest_inputs(session: Session, c: Challenge, as_of: date, settings: Settings) -> RestInputs:
    """The profile's rest budget and tokens for the challenge streak (issue 15). A challenge
    limited to some channels reads no instants: on a DST day its extras count only when
    the whole day is inside the repair window."""
    from ..clock import now as clock_now
    from ..core.days import day_bounds
    from ..store.gateway import SqlGateway
    from .ledger import rest_inputs

    now = min(clock_now(), day_bounds(as_of, settings.timezone, settings.day_start_hour)[1])  # as of that day
    inputs = rest_inputs(SqlGateway(session), c.profile_id, now, settings)
    return inputs._replace(count_until=None, counts_until=None) if c.channels else inputs


def view(session: Session, c: Challenge, today: date, counts: dict[date, int] | None = None) -> ChallengeView:
    """The stored challenge with its progress as of ``today`` (``counts`` when already read)."""
    end = end_of(c)
    as_of = _as_of(c, today)
    s = settings_svc.load(session, c.profile_id)
    length, extended = stored_lengths(c.length_days, c.extended_days)
    prog = rules.progress(
        _counts(session, c, as_of) if counts is None else counts, as_of, start_of(c), length + extended,
        c.target_per_day, c.target_total, _rest(c), _rest_days(session, c.profile_id, start_of(c), end),
        no_time_rule(s.timezone, s.day_start_hour),
        rest=_rest_inputs(session, c, as_of, s),
    )
    return ChallengeView(
        id=c.id, preset=c.preset, name=c.name, start_day=start_of(c), end_day=end,
        length_days=length, extended_days=extended,
        target_per_day=c.target_per_day, target_total=c.target_total, channels=_channels(c),
        rest_weekdays=_rest(c), daily_cap=c.daily_cap, effort_only=bool(c.effort_only),
        status=c.status, abandon_reason=c.abandon_reason, ended_on=c.ended_on, progress=prog,
    )


def summarize(session: Session, c: Challenge, today: date) -> Summary:
    """The challenge's view and its figures (outcomes, best day, wins, lessons) so far."""
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
    v = view(session, c, today, counts)
    wins = session.execute(
        select(func.count()).select_from(Win).where(
            Win.profile_id == profile_id, Win.local_day >= start_of(c), Win.local_day <= min(as_of, end_of(c))
        )
    ).scalar_one()
    figures = rules.summarize(outcomes, counts, v.progress.longest_run, int(wins), lessons)
    return Summary(v, figures)
