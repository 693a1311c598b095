"""Competition rules, pure: periods, ranking, ties, trends, the winner.

A competition counts, per participant, the attempts (metric ``attempts``) or the no's (metric
``nos``: only ``outcome == 'no'``; silence, pending and yes never count as a no) whose local
day falls inside the period. The leaderboard ranks by count; people with the same count are
ordered by who reached that count first (the instant of their Nth counted attempt). Equal
counts with equal instants (or nothing counted at all) share a rank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import days
from .errors import ValidationError

METRICS = ("nos", "attempts")
METRIC_LABELS = {"nos": "no's", "attempts": "attempts"}
PERIODS = ("week", "month", "dates")
SPARK = "▁▂▃▄▅▆▇█"
MAX_TREND_POINTS = 31
MAX_PERIOD_DAYS = 366


def check_metric(value: str | None) -> str:
    metric = (value or "nos").strip().lower()
    aliases = {"no": "nos", "no's": "nos", "noes": "nos", "attempt": "attempts"}
    metric = aliases.get(metric, metric)
    if metric not in METRICS:
        raise ValidationError(f"The metric {value!r} is not known; use 'nos' or 'attempts'.")
    return metric


_RANGE_RE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})\s*(?:\.\.|/|,|\s+to\s+)\s*(\d{4}-\d{1,2}-\d{1,2})\s*$")


def period_days(
    period: str | None,
    today: date,
    *,
    first_weekday: int = 0,
    start: date | str | None = None,
    end: date | str | None = None,
) -> tuple[date, date]:
    """The first and last day (both included) of a competition period.

    ``week``: this week (from the first day of the week setting); ``month``: this calendar
    month; ``dates`` (or a ``YYYY-MM-DD..YYYY-MM-DD`` string): the given days.
    """
    raw = (period or ("dates" if start or end else "month")).strip().lower()
    match = _RANGE_RE.match(raw)
    if match:
        raw, start, end = "dates", match.group(1), match.group(2)
    if raw in ("week", "this-week", "weekly"):
        first = days.week_start(today, first_weekday)
        return first, first + timedelta(days=6)
    if raw in ("month", "this-month", "monthly"):
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    if raw in ("dates", "custom", "range"):
        if start is None or end is None:
            raise ValidationError("A period of dates needs both --from and --to (YYYY-MM-DD).")
        first = days.parse_date(start, "start date") if isinstance(start, str) else start
        last = days.parse_date(end, "end date") if isinstance(end, str) else end
        if last < first:
            raise ValidationError("The competition ends before it starts; swap --from and --to.")
        if (last - first).days + 1 > MAX_PERIOD_DAYS:
            raise ValidationError("A competition can last at most a year.")
        return first, last
    raise ValidationError(
        f"The period {period!r} is not known; use week, month, or dates with --from and --to."
    )


@dataclass(frozen=True)
class Standing:
    profile_id: int
    name: str
    count: int
    rank: int
    gap: int  # the leader's count minus this count
    reached_at: datetime | None  # instant of the Nth counted attempt (set only when tied)
    trend: tuple[int, ...]  # counts per day from the start to the last day shown
    spark: str

    @property
    def tied(self) -> bool:
        return self.reached_at is not None


def tied_counts(counts: Mapping[int, int]) -> dict[int, int]:
    """Participants whose (non-zero) count someone else also has: who needs a tie-break."""
    seen: dict[int, int] = {}
    for count in counts.values():
        seen[count] = seen.get(count, 0) + 1
    return {pid: c for pid, c in counts.items() if c > 0 and seen[c] > 1}


def nth_day(per_day: Mapping[date, int], n: int) -> tuple[date, int] | None:
    """Where a count of ``n`` was reached: the day, and which of that day's counted attempts
    (1 = its first). Counted attempts are in the order of their days, and within a day of their
    instants, so the tie-break reads one day of attempts instead of the whole period."""
    if n <= 0:
        return None
    before = 0
    for day in sorted(per_day):
        if before + per_day[day] >= n:
            return day, n - before
        before += per_day[day]
    return None


def rank(
    names: Mapping[int, str],
    counts: Mapping[int, int],
    reached: Mapping[int, datetime] | None = None,
    trends: Mapping[int, Sequence[int]] | None = None,
) -> list[Standing]:
    """Order the participants (every id in ``names``) into a leaderboard."""
    reached = reached or {}
    trends = trends or {}
    far = datetime.max

    def key(pid: int) -> tuple[int, datetime, str, int]:
        count = counts.get(pid, 0)
        at = reached.get(pid)
        at_key = at.replace(tzinfo=None) if at is not None else far
        return (-count, at_key if count > 0 else far, names[pid].lower(), pid)

    ordered = sorted(names, key=key)
    leader = counts.get(ordered[0], 0) if ordered else 0
    result: list[Standing] = []
    previous = None
    current_rank = 0
    for position, pid in enumerate(ordered, start=1):
        count = counts.get(pid, 0)
        full = key(pid)
        tie_key = full[:2]
        if tie_key != previous:
            current_rank = position
            previous = tie_key
        trend = tuple(trends.get(pid, ()))
        result.append(
            Standing(
                profile_id=pid,
                name=names[pid],
                count=count,
                rank=current_rank,
                gap=leader - count,
                reached_at=reached.get(pid) if count > 0 else None,
                trend=trend,
                spark=sparkline(trend),
            )
        )
    return result


def winner(standings: Sequence[Standing]) -> Standing | None:
    """The single leader with something counted; nobody when nobody counted or a tie is exact."""
    if not standings or standings[0].count <= 0:
        return None
    if len(standings) > 1 and standings[1].rank == standings[0].rank:
        return None
    return standings[0]


def daily_series(per_day: Mapping[date, int], start: date, last: date) -> list[int]:
    """Counts for every day from start to last (both included), zeros where nothing counted."""
    if last < start:
        return []
    return [per_day.get(d, 0) for d in days.days_in(start, last)]


def compress(values: Sequence[int], points: int = MAX_TREND_POINTS) -> list[int]:
    """Sum consecutive values into at most ``points`` buckets (long periods stay small)."""
    n = len(values)
    if n <= points:
        return list(values)
    out = []
    for i in range(points):
        a, b = i * n // points, (i + 1) * n // points
        out.append(sum(values[a:b]))
    return out


def sparkline(values: Iterable[int]) -> str:
    values = list(values)
    if not values:
        return ""
    top = max(values)
    if top <= 0:
        return SPARK[0] * len(values)
    steps = len(SPARK) - 1
    return "".join(SPARK[0] if v <= 0 else SPARK[max(1, round(v / top * steps))] for v in values)


def days_left(today: date, end: date) -> int:
    """Days remaining including today (0 once the period is over)."""
    return max(0, (end - today).days + 1)


def is_over(today: date, end: date) -> bool:
    return today > end


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


TOP_PLACES = 3
IN_THE_RACE = "in the race"


def place_label(rank: int) -> str:
    """How a place reads on a board: the top three by ordinal, everyone else "in the race"
    (never "last": the board rewards effort and stays kind)."""
    return ordinal(rank) if 1 <= rank <= TOP_PLACES else IN_THE_RACE
