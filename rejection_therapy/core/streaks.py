"""Streaks: consecutive days on which the daily goal was met.

Rest days (weekdays off or single days marked as rest) neither break nor extend a streak.
A day with no time in it (one the calendar skipped, see ``days.day_has_no_time``) never
breaks a streak; it extends it only if its goal was met anyway.
Today never breaks the streak: it is not over yet.
"""

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

from .days import rest_rule


class Streak(NamedTuple):
    current: int
    longest: int
    today_done: bool


def compute_streak(
    counts: Mapping[date, int],
    today: date,
    goal_for: Callable[[date], int] | int = 1,
    is_rest: Callable[[date], bool] | None = None,
    start: date | None = None,
    marks: Mapping[date, str] | None = None,
    no_time: Callable[[date], bool] | None = None,
) -> Streak:
    """Current and longest streak up to and including ``today``.

    ``counts`` maps a local day to its number of attempts. ``goal_for`` gives the goal of a
    day (an int applies to every day); a goal below 1 counts as 1, since a day with no
    attempt never extends a streak. ``no_time`` tells the days the calendar skipped
    (``days.no_time_rule(zone, day_start_hour)``). ``marks`` (core.repair.forgive) turns missed
    days into "repaired" (counts as met), "token" (a rest) or "open" (repair window open: no
    break yet).
    """
    goal = (lambda _d: goal_for) if isinstance(goal_for, int) else goal_for
    rest = is_rest or (lambda _d: False)
    skipped = no_time or (lambda _d: False)
    days_with_data = [d for d, n in counts.items() if n > 0 and d <= today]
    if not days_with_data:
        return Streak(0, 0, False)
    day = start or min(days_with_data)
    run = longest = 0
    today_done = False
    while day <= today:
        met = counts.get(day, 0) >= max(1, goal(day))
        mark = marks.get(day) if marks else None
        if day == today:
            today_done = met
        if rest(day) or mark == "token":
            pass
        elif met or mark == "repaired":
            run += 1
            longest = max(longest, run)
        elif day != today and not skipped(day) and mark != "open":
            run = 0
        day += timedelta(days=1)
    return Streak(run, longest, today_done)


def rest_checker(rest_weekdays: Iterable[int], rest_days: Iterable[date] = ()) -> Callable[[date], bool]:
    """The rest-day rule (one rule: ``days.rest_rule``)."""
    return rest_rule(rest_weekdays, rest_days)


def longest_run(days: Iterable[date]) -> int:
    """Longest run of consecutive calendar days in ``days``."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for d in ordered:
        run = run + 1 if previous is not None and d - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = d
    return best
