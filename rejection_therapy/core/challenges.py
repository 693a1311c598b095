"""Challenges: time boxes with a target. Pure rules, no I/O.

A challenge runs from ``start_day`` for ``length_days + extended_days`` calendar days (local
days, so daylight-saving changes never add or drop one). Progress counts attempts (effort,
not outcomes) on the challenge's days whose channel counts. A day is *done* when it reaches
the per-day target (1 when the challenge only has a total); a past working day under it is
*missed*; rest weekdays (and days marked as rest) neither count nor break a run, and a day
with no time in it (skipped by the calendar, ``days.day_has_no_time``) is neither missed nor
needed, and breaks no run.

The rules live in three modules: ``challenge_days`` (the calendar of a challenge),
``challenge_presets`` (presets and validation) and this one (progress and summary math);
every public name stays importable from here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .challenge_days import (
    MAX_DAYS,
    MIN_DAYS,
    day_number,
    end_day,
    format_weekdays,
    month_length_from,
    month_title,
    quarter_end,
    quarter_label,
    span_days,
    working_days,
)
from .challenge_presets import (
    MAX_TOTAL,
    PRESET_HELP,
    PRESET_TITLES,
    PRESETS,
    REOPEN_DAYS,
    SPRINT_CHANNELS,
    SPRINT_DAYS,
    SPRINT_PITCHES,
    ChallengeSpec,
    build_spec,
    check_extension,
    check_length,
    check_not_over,
    check_preset,
    check_target,
    parse_channels,
    sprint_cap,
)
from .days import days_in, rest_rule
from .repair import RestInputs, forgive
from .streaks import compute_streak

__all__ = [
    "MAX_DAYS", "MAX_TOTAL", "MIN_DAYS", "PRESETS", "PRESET_HELP", "PRESET_TITLES", "REOPEN_DAYS",
    "SPRINT_CHANNELS", "SPRINT_DAYS", "SPRINT_PITCHES", "ChallengeSpec", "Progress", "SummaryFigures",
    "build_spec", "check_extension", "check_length", "check_not_over", "check_preset", "check_target",
    "day_number", "day_target", "end_day", "format_weekdays", "month_length_from", "month_title",
    "n_days", "parse_channels", "progress", "quarter_end", "quarter_label", "rest_rule", "span_days",
    "sprint_cap", "summarize", "text_bar", "total_target", "working_days",
]


# ---------------------------------------------------------------- progress math


def day_target(target_per_day: int | None) -> int:
    """What makes a day count: the per-day target, or one attempt when there is only a total."""
    return target_per_day or 1


def total_target(target_per_day: int | None, target_total: int | None, start: date, end: date,
                 rest_weekdays: Iterable[int] = (), rest_days: Iterable[date] = (),
                 no_time: Callable[[date], bool] | None = None) -> int:
    if target_total is not None:
        return target_total
    return (target_per_day or 1) * working_days(start, end, rest_weekdays, rest_days, no_time)



@dataclass(frozen=True)
class Progress:
    day: int  # X of N (0 before the start)
    length: int  # N, extensions included
    start_day: date
    end_day: date
    state: str  # upcoming | running | finished
    attempts: int
    target: int
    done_days: int
    missed_days: int
    rest_days: int  # rest days so far
    longest_run: int
    current_run: int
    today_count: int
    remaining: int  # attempts still needed for the target
    days_left: int  # working days left, today included
    need_per_day: int  # attempts a day to finish on target (0 when reached)
    as_of: date  # the day this was computed for

    @property
    def starts_in(self) -> int:
        return max(0, (self.start_day - self.as_of).days)

    @property
    def fraction(self) -> float:
        return 1.0 if self.target <= 0 else min(1.0, self.attempts / self.target)

    @property
    def on_target(self) -> bool:
        return self.remaining == 0


def progress(
    counts: Mapping[date, int],
    today: date,
    start: date,
    length: int,
    target_per_day: int | None,
    target_total: int | None,
    rest_weekdays: Iterable[int] = (),
    rest_days: Iterable[date] = (),
    no_time: Callable[[date], bool] | None = None,
    rest: RestInputs | None = None,
) -> Progress:
    """Where a challenge stands on ``today`` from its per-day attempt counts (``no_time``:
    the days the calendar skipped in the user's zone, ``days.no_time_rule``).

    With ``rest`` (core.repair), missed days can be repaired or rested with a token in the
    streak, by the same rule as the daily goal."""
    rest_days = tuple(rest_days)
    skipped = no_time or (lambda _d: False)
    is_rest = rest_rule(rest_weekdays, rest_days)
    last = end_day(start, length)
    state = "upcoming" if today < start else "finished" if today > last else "running"
    # Only days of the box seen so far count (an abandoned challenge stops on its last day).
    in_box = {d: n for d, n in counts.items() if start <= d <= min(last, today)}
    attempts = sum(in_box.values())
    target = total_target(target_per_day, target_total, start, last, rest_weekdays, rest_days, skipped)
    need_day = day_target(target_per_day)
    seen_until = min(today, last)
    done = missed = rests = 0
    for d in days_in(start, seen_until):
        met = in_box.get(d, 0) >= need_day
        if is_rest(d):
            rests += 1
            # A rest day on which the target was met anyway still counts as done.
            done += met
        elif met:
            done += 1
        elif d < today and not skipped(d):
            missed += 1
    current = longest = 0
    if seen_until >= start:
        marks = (forgive(in_box, seen_until, lambda _d: need_day, is_rest, rest, start, no_time=skipped).marks
                 if rest else None)
        streak = compute_streak(in_box, seen_until, goal_for=need_day, is_rest=is_rest, start=start,
                                no_time=skipped, marks=marks)
        longest = streak.longest
        current = streak.current if state == "running" else 0
    remaining = max(0, target - attempts)
    first_left = max(today, start)
    days_left = working_days(first_left, last, rest_weekdays, rest_days, skipped) if first_left <= last else 0
    if remaining == 0:
        need = 0
    elif days_left == 0:
        need = remaining
    else:
        need = math.ceil(remaining / days_left)
    return Progress(
        day=day_number(start, length, today),
        length=length,
        start_day=start,
        end_day=last,
        state=state,
        attempts=attempts,
        target=target,
        done_days=done,
        missed_days=missed,
        rest_days=rests,
        longest_run=longest,
        current_run=current,
        today_count=in_box.get(today, 0),
        remaining=remaining,
        days_left=days_left,
        need_per_day=need,
        as_of=today,
    )


# ---------------------------------------------------------------- summary math


@dataclass(frozen=True)
class SummaryFigures:
    attempts: int
    nos: int
    silences: int
    yeses: int
    pending: int
    best_day: date | None
    best_day_count: int
    longest_run: int
    wins: int
    lessons: int


def summarize(
    outcome_counts: Mapping[str, int],
    counts: Mapping[date, int],
    longest_run: int,
    wins: int,
    lessons: int,
) -> SummaryFigures:
    best_day, best = None, 0
    for d in sorted(counts):
        if counts[d] > best:
            best_day, best = d, counts[d]
    return SummaryFigures(
        attempts=sum(outcome_counts.values()),
        nos=outcome_counts.get("no", 0),
        silences=outcome_counts.get("silence", 0),
        yeses=outcome_counts.get("yes", 0),
        pending=outcome_counts.get("pending", 0),
        best_day=best_day,
        best_day_count=best,
        longest_run=longest_run,
        wins=wins,
        lessons=lessons,
    )


def n_days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def text_bar(fraction: float, width: int = 20) -> str:
    """A plain progress bar: [########------------] 40%."""
    fraction = max(0.0, min(1.0, fraction))
    filled = int(round(fraction * width))
    return f"[{'#' * filled}{'-' * (width - filled)}] {int(fraction * 100):3d}%"
