"""The data behind each chart: plain dataclasses gathered in one short read session.

``services.charts.chart_data(session, profile_id, name, ...)`` is what the CLI and the Charts
screen call (the screen in a worker thread); it works out the period, the goal line and the
effort-only notice and calls ``chart_bundle`` here; ``charts.render(bundle, options)`` turns
the bundle into text. Nothing here calls up into services or imports the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..core import days as days_rules
from ..core.errors import ValidationError
from ..core.funnel import Funnel
from ..core.silence import REJECTION_KINDS
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
    "calibration": ("Predict, then compare: expected yes vs actual yes", True),
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


def days_period(days: int, today: date) -> Period:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660:
        raise ValidationError("The number of days must be a whole number from 1 to 3660.")
    return Period(today - timedelta(days=days - 1), today, f"last {days} days")


def challenge_goal(target_per_day: int | None, target_total: int | None, length_days: int) -> int:
    """A challenge's goal line: its per-day target, or its total spread over its days."""
    if target_per_day:
        return target_per_day
    if target_total and length_days:
        return -(-target_total // length_days)
    return 0


def day_series(session: Session, profile_id: int, period: Period, filt: Filter,
               goal_of: Callable[[date], int] = lambda _d: 0) -> DaySeries:
    per = q.effort_per_day(session, profile_id, period.start, period.end, filt)
    days = period.days
    zero = (0, 0)
    return DaySeries(days, [per.get(d, zero)[0] for d in days], [per.get(d, zero)[1] for d in days],
                     [goal_of(d) for d in days])


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


def chart_bundle(session: Session, profile_id: int, name: str, period: Period, filt: Filter, *,
                 first_weekday: int = 0, hidden: str | None = None,
                 goal_of: Callable[[date], int] = lambda _d: 0) -> ChartBundle:
    """Everything one chart needs, in one read. ``hidden``: why outcome charts are hidden
    (effort-only mode); ``goal_of``: the goal line of a day. ``services.charts.chart_data``
    works these out (settings, the challenge, today) and is what the CLI and TUI call."""
    if name not in CHARTS:
        raise ValidationError(f"Unknown chart {name!r}; choose one of: {', '.join(CHARTS)}.")
    title, outcome = CHARTS[name]
    bundle = ChartBundle(name, title, period, filt, first_weekday=first_weekday)
    bundle.effort_only = hidden is not None
    if hidden and outcome:
        bundle.hidden = hidden
        return bundle
    if hidden and name == "cumulative":
        bundle.title = "Cumulative attempts"
    if name == "effort":
        bundle.data = day_series(session, profile_id, period, filt, goal_of)
        bundle.extra["since"] = q.first_day(session, profile_id)
    elif name == "cumulative":
        bundle.data = cumulative(session, profile_id, period, filt)
    elif name == "calendar":
        from .heatmap import heatmap_data

        series = day_series(session, profile_id, period, filt, goal_of)
        bundle.data = heatmap_data(series.days, series.attempts, series.goal, first_weekday)
    elif name in ("hours", "answers"):
        bundle.data = q.weekday_hour(session, profile_id, period.start, period.end, filt)
    elif name == "kinds":
        bundle.data = kind_weeks(session, profile_id, period, filt, first_weekday)
    elif name == "channels":
        bundle.data = sorted(q.grouped(session, profile_id, period.start, period.end, "channel", filt),
                             key=lambda b: (-b.attempts, str(b.key)))
    elif name == "funnel":
        bundle.data = funnel_data(session, profile_id, period, filt)
    # "calibration": services.charts.chart_data fills it in (services.calibration.view)
    return bundle
