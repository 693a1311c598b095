"""The data behind each chart: plain dataclasses gathered in one short read session.

``chart_data(session, profile_id, name, ...)`` is what the CLI and the Charts screen call (the
screen in a worker thread); ``charts.render(bundle, options)`` turns it into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core import days as days_rules
from ..core.errors import NotFoundError, ValidationError
from ..core.funnel import Funnel
from ..core.silence import REJECTION_KINDS
from ..store.models import Challenge
from . import queries as q
from .queries import Filter

# name: (title, shows outcomes?)
CHARTS: dict[str, tuple[str, bool]] = {
    "effort": ("Attempts per day against the goal", False),
    "cumulative": ("Cumulative attempts and no's survived", False),
    "calendar": ("Calendar: attempts per day, a year at a glance", False),
    "hours": ("When you make attempts: weekday × hour", False),
    "answers": ("When people answer: conversation rate by weekday × hour", True),
    "kinds": ("Rejection kinds per week", True),
    "channels": ("Channels compared", True),
    "funnel": ("The funnel: attempts → conversations → yes", True),
}
PERIODS = (30, 90, 365)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    @property
    def days(self) -> list[date]:
        return list(days_rules.days_in(self.start, self.end))


@dataclass
class ChartBundle:
    name: str
    title: str
    period: Period
    filt: Filter
    data: Any = None
    hidden: str | None = None  # why the chart is hidden (effort-only mode)
    first_weekday: int = 0
    effort_only: bool = False
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DaySeries:
    days: list[date]
    attempts: list[int]
    nos: list[int]
    goal: list[int]  # 0 where there is no goal


@dataclass(frozen=True)
class Cumulative:
    days: list[date]
    attempts: list[int]
    nos: list[int]


@dataclass(frozen=True)
class KindWeeks:
    weeks: list[date]  # the first day of each week (or month)
    counts: dict[str, list[int]]  # kind -> per week (or month)
    unit: str = "week"


@dataclass(frozen=True)
class FunnelData:
    funnel: Funnel
    nos: int
    silences: int


def find_challenge(session: Session, profile_id: int, ref: str | int) -> Challenge:
    """A challenge of the profile by its number or (the start of) its uuid."""
    ref_text = str(ref).strip().lstrip("#")  # "#3" as the challenge commands print it
    stmt = select(Challenge).where(Challenge.profile_id == profile_id)
    if ref_text.isascii() and ref_text.isdigit() and len(ref_text) <= 18:
        found = session.scalars(stmt.where(Challenge.id == int(ref_text))).first()
    else:
        matches = [c for c in session.scalars(stmt) if c.uuid.startswith(ref_text.lower())] if ref_text else []
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise NotFoundError(f"There is no challenge {ref_text!r}; see 'rejection-therapy challenge list'.")
    return found


def challenge_period(ch: Challenge, today: date | None = None) -> Period:
    end = ch.start_day + timedelta(days=ch.length_days + (ch.extended_days or 0) - 1)
    if ch.ended_on and ch.ended_on < end:
        end = ch.ended_on
    if today is not None and ch.status == "active":
        end = max(ch.start_day, min(end, today))
    return Period(ch.start_day, end, f"challenge “{ch.name}”")


def days_period(days: int, today: date) -> Period:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660:
        raise ValidationError("The number of days must be a whole number from 1 to 3660.")
    return Period(today - timedelta(days=days - 1), today, f"last {days} days")


def _effort_only(session: Session, profile_id: int, today: date) -> str | None:
    from ..services import challenges as challenges_svc

    if not challenges_svc.effort_only_active(session, profile_id, today):
        return None
    names = [c.name for c in challenges_svc.active_on(session, profile_id, today) if c.effort_only]
    what = f"“{names[0]}”" if names else "a challenge"
    return (f"Hidden while {what} runs in effort-only mode: it counts what you send, "
            "not the replies. Outcome charts come back when it ends.")


def _goal_series(session: Session, profile_id: int, days: list[date], filt: Filter,
                 challenge: Challenge | None) -> list[int]:
    if challenge is not None:
        if challenge.target_per_day:
            return [challenge.target_per_day] * len(days)
        if challenge.target_total and challenge.length_days:
            per = -(-challenge.target_total // challenge.length_days)
            return [per] * len(days)
        return [0] * len(days)
    if filt.segment:
        return [0] * len(days)
    from ..services import settings as settings_svc

    history = settings_svc.goal_history(session, profile_id)
    out = []
    for d in days:
        goal = history.for_day(d)
        out.append(goal.per_channel.get(filt.channel, 0) if filt.channel else goal.daily_attempts)
    return out


def day_series(session, profile_id, period: Period, filt: Filter, challenge=None) -> DaySeries:
    per = q.effort_per_day(session, profile_id, period.start, period.end, filt)
    days = period.days
    zero = (0, 0)
    return DaySeries(days, [per.get(d, zero)[0] for d in days], [per.get(d, zero)[1] for d in days],
                     _goal_series(session, profile_id, days, filt, challenge))


def cumulative(session, profile_id, period: Period, filt: Filter) -> Cumulative:
    a, n = q.before(session, profile_id, period.start, filt)
    per = q.effort_per_day(session, profile_id, period.start, period.end, filt)
    xs, ca, cn = [], [], []
    for d in period.days:
        day_a, day_n = per.get(d, (0, 0))
        a += day_a
        n += day_n
        xs.append(d)
        ca.append(a)
        cn.append(n)
    return Cumulative(xs, ca, cn)


def kind_weeks(session, profile_id, period: Period, filt: Filter, first_weekday: int) -> KindWeeks:
    """No's per kind per week, or per month when the period is longer than ~4 months."""
    monthly = (period.end - period.start).days > 120
    if monthly:
        def bucket(d: date) -> date:
            return d.replace(day=1)
    else:
        def bucket(d: date) -> date:
            return days_rules.week_start(d, first_weekday)
    starts: list[date] = []
    d = bucket(period.start)
    while d <= period.end:
        starts.append(d)
        d = (d.replace(day=28) + timedelta(days=4)).replace(day=1) if monthly else d + timedelta(days=7)
    index = {s: i for i, s in enumerate(starts)}
    counts = {k: [0] * len(starts) for k in REJECTION_KINDS}
    for day, kind, n in q.kinds_per_day(session, profile_id, period.start, period.end, filt):
        counts.setdefault(kind, [0] * len(starts))[index[bucket(day)]] += n
    return KindWeeks(starts, counts, "month" if monthly else "week")


def funnel_data(session, profile_id, period: Period, filt: Filter) -> FunnelData:
    t = q.totals(session, profile_id, period.start, period.end, filt)
    since = q.since_last_yes(session, profile_id, period.end, filt)
    return FunnelData(Funnel(t.attempts, t.conversations, t.yeses, since), t.nos, t.silences)


def chart_data(session: Session, profile_id: int, name: str, *, days: int | None = 30,
               channel: str | None = None, segment: str | None = None,
               challenge: str | int | None = None, today: date | None = None) -> ChartBundle:
    """Everything one chart needs, in one read."""
    from ..services import settings as settings_svc
    from ..services.today import today_of

    if name not in CHARTS:
        raise ValidationError(f"Unknown chart {name!r}; choose one of: {', '.join(CHARTS)}.")
    settings = settings_svc.load(session, profile_id)
    today = today or today_of(session, profile_id)
    filt = Filter((channel or "").strip().lower() or None, (segment or "").strip() or None)
    ch = find_challenge(session, profile_id, challenge) if challenge not in (None, "") else None
    if ch is not None:
        period = challenge_period(ch, today)
    else:
        period = days_period(30 if days is None else days, today)  # checks the number
        if name == "calendar" and period.end - period.start < timedelta(days=364):
            period = days_period(365, today)  # a year at a glance, at least
    title, outcome = CHARTS[name]
    bundle = ChartBundle(name, title, period, filt, first_weekday=settings.first_weekday)
    hidden = _effort_only(session, profile_id, today)
    bundle.effort_only = hidden is not None
    if hidden and outcome:
        bundle.hidden = hidden
        return bundle
    if hidden and name == "cumulative":
        bundle.title = "Cumulative attempts"
    if name == "effort":
        bundle.data = day_series(session, profile_id, period, filt, ch)
    elif name == "cumulative":
        bundle.data = cumulative(session, profile_id, period, filt)
    elif name == "calendar":
        from .heatmap import heatmap_data

        series = day_series(session, profile_id, period, filt, ch)
        bundle.data = heatmap_data(series.days, series.attempts, series.goal, settings.first_weekday)
    elif name in ("hours", "answers"):
        bundle.data = q.weekday_hour(session, profile_id, period.start, period.end, filt)
    elif name == "kinds":
        bundle.data = kind_weeks(session, profile_id, period, filt, settings.first_weekday)
    elif name == "channels":
        bundle.data = sorted(q.grouped(session, profile_id, period.start, period.end, "channel", filt),
                             key=lambda b: (-b.attempts, str(b.key)))
    elif name == "funnel":
        bundle.data = funnel_data(session, profile_id, period, filt)
    return bundle
