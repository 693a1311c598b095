"""Challenges: time boxes with a target. Pure rules, no I/O.

A challenge runs from ``start_day`` for ``length_days + extended_days`` calendar days (local
days, so daylight-saving changes never add or drop one). Progress counts attempts (effort,
not outcomes) on the challenge's days whose channel counts. A day is *done* when it reaches
the per-day target (1 when the challenge only has a total); a past working day under it is
*missed*; rest weekdays (and days marked as rest) neither count nor break a run.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .days import WEEKDAY_NAMES, days_in, parse_date, parse_weekdays
from .errors import ValidationError
from .goals import MAX_DAILY, check_count
from .streaks import compute_streak
from .text import clean_name

PRESETS = ("100-day", "pitch-sprint", "quota-month", "custom")
PRESET_TITLES = {
    "100-day": "100-day rejection challenge",
    "pitch-sprint": "Quarterly pitch sprint",
    "quota-month": "Call-quota month",
    "custom": "Custom challenge",
}
PRESET_HELP = {
    "100-day": "At least one ask a day that risks a no, for 100 days. A day counts when an attempt "
    "is logged, whatever the answer.",
    "pitch-sprint": "40 pitches over the last 14 days of the quarter, with a per-day cap. Effort-only: "
    "replies stay hidden while it runs. Counts pitch, email and proposal.",
    "quota-month": "Your daily goal quota on every working day of a month from today (Saturdays and "
    "Sundays off); start on the 1st for a calendar month.",
    "custom": "Your own time box: 1 to 1,000 days, a target per day or in total, the channels that "
    "count, rest weekdays, an optional cap, effort-only if you like.",
}
MIN_DAYS, MAX_DAYS = 1, 1000
MAX_TOTAL = MAX_DAILY * MAX_DAYS
SPRINT_PITCHES, SPRINT_DAYS = 40, 14
SPRINT_CHANNELS = ("pitch", "email", "proposal")
REOPEN_DAYS = 7  # a completed challenge can be extended (reopened) this many days after its end


@dataclass(frozen=True)
class ChallengeSpec:
    """A validated challenge, ready to store."""

    preset: str
    name: str
    start_day: date
    length_days: int
    target_per_day: int | None
    target_total: int | None
    channels: tuple[str, ...]  # () = every channel
    rest_weekdays: tuple[int, ...]
    daily_cap: int | None
    effort_only: bool


# ---------------------------------------------------------------- calendar helpers


def quarter_end(day: date) -> date:
    last_month = ((day.month - 1) // 3) * 3 + 3
    return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def quarter_label(day: date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def month_length_from(start: date) -> int:
    """Days from ``start`` up to the day before the same date next month (a calendar month
    when ``start`` is the 1st)."""
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    nxt = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return (nxt - start).days


def month_title(start: date, length: int) -> str:
    if start.day == 1 and length == calendar.monthrange(start.year, start.month)[1]:
        return f"Call-quota month {start:%B %Y}"
    last = end_day(start, length)
    return f"Call-quota month {start:%b} {start.day} to {last:%b} {last.day}"


def end_day(start_day: date, length_days: int, extended_days: int = 0) -> date:
    return start_day + timedelta(days=length_days + extended_days - 1)


def span_days(start: date, end: date) -> int:
    """Number of local days from start to end, both included (calendar arithmetic: DST-proof)."""
    return (end - start).days + 1


def format_weekdays(weekdays: Iterable[int]) -> str:
    return ",".join(WEEKDAY_NAMES[d][:3] for d in sorted(weekdays))


def parse_channels(value: str | Iterable[str] | None, known: Iterable[str] | None = None) -> tuple[str, ...]:
    """'pitch, Email' → ('pitch', 'email'); None, '' or 'all' → () meaning every channel."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    names: list[str] = []
    for raw in items:
        if not str(raw).strip():
            continue
        name = clean_name(str(raw), "channel name").lower()
        if name == "all":
            return ()
        if name not in names:
            names.append(name)
    if known is not None:
        known_set = {k.lower() for k in known}
        unknown = [n for n in names if n not in known_set]
        if unknown:
            raise ValidationError(
                f"The channel {unknown[0]!r} is not one of your channels "
                f"({', '.join(sorted(known_set))}); add it in settings or leave it out."
            )
    return tuple(names)


# ---------------------------------------------------------------- presets and validation


def check_preset(preset: str) -> str:
    key = (preset or "").strip().lower()
    aliases = {"100": "100-day", "100day": "100-day", "sprint": "pitch-sprint", "quota": "quota-month"}
    key = aliases.get(key, key)
    if key not in PRESETS:
        raise ValidationError(
            f"There is no challenge preset called {preset!r}; choose 100-day, pitch-sprint, "
            "quota-month or custom."
        )
    return key


def _opt_date(value: date | str | None, field: str) -> date | None:
    if value is None or value == "":
        return None
    return parse_date(value, field) if isinstance(value, str) else value


def _opt_int(value: object) -> object:
    return None if value is None or value == "" else value


def build_spec(
    preset: str,
    today: date,
    *,
    start: date | str | None = None,
    days: int | str | None = None,
    end: date | str | None = None,
    per_day: int | str | None = None,
    total: int | str | None = None,
    channels: str | Iterable[str] | None = None,
    rest: str | Iterable[int] | None = None,
    cap: int | str | None = None,
    effort_only: bool | None = None,
    name: str | None = None,
    daily_goal: int = 0,
    goal_cap: int | None = None,
    known_channels: Iterable[str] | None = None,
) -> ChallengeSpec:
    """Apply the preset's defaults to what the user gave and check everything.

    Raises ValidationError with one sentence about the first thing that makes no sense.
    """
    preset = check_preset(preset)
    start_d = _opt_date(start, "start date")
    end_d = _opt_date(end, "end date")
    days, per_day, total, cap = (_opt_int(v) for v in (days, per_day, total, cap))
    if days is not None:
        days = check_length(check_count(days, "length in days", minimum=-(10**9), maximum=10**9))
    if start_d and end_d and end_d < start_d:
        raise ValidationError(f"The end date {end_d} is before the start date {start_d}.")

    # The preset's defaults.
    default_len: int | None = None
    default_per_day: int | None = None
    default_total: int | None = None
    default_channels: tuple[str, ...] = ()
    default_rest: tuple[int, ...] = ()
    default_cap: int | None = None
    default_effort = False
    default_start = today
    if preset == "100-day":
        default_len, default_per_day, title = 100, 1, PRESET_TITLES[preset]
    elif preset == "pitch-sprint":
        default_len, default_total = SPRINT_DAYS, SPRINT_PITCHES
        default_start = quarter_end(today) - timedelta(days=SPRINT_DAYS - 1)
        known = None if known_channels is None else {k.lower() for k in known_channels}
        default_channels = tuple(c for c in SPRINT_CHANNELS if known is None or c in known)
        default_effort = True
        title = f"Pitch sprint {quarter_label(start_d or end_d or today)}"
    elif preset == "quota-month":
        if per_day is None and daily_goal <= 0:
            raise ValidationError(
                "The call-quota month needs a quota: set a daily goal first or give a target per day."
            )
        default_per_day, default_rest, default_cap = daily_goal or None, (5, 6), goal_cap
        default_start = start_d or (end_d.replace(day=1) if end_d else today)
        default_len = month_length_from(default_start)
        title = month_title(default_start, default_len)
    else:
        title = PRESET_TITLES[preset]
        if days is None and end_d is None:
            raise ValidationError("A custom challenge needs a length: give a number of days or an end date.")
        if per_day is None and total is None:
            default_per_day = 1

    # Dates and length.
    if start_d is None:
        n = days or default_len
        if end_d is not None and n and preset != "quota-month":
            start_d = end_d - timedelta(days=n - 1)
        else:
            start_d = default_start
    if end_d is not None:
        if end_d < start_d:
            raise ValidationError(f"The end date {end_d} is before the start date {start_d}.")
        length = span_days(start_d, end_d)
        if days is not None and days != length:
            raise ValidationError(
                f"From {start_d} to {end_d} is {length} days, not {days}; give either the days or the end date."
            )
    else:
        length = days if days is not None else default_len  # type: ignore[assignment]
    check_length(length)

    # Targets.
    if per_day is not None and total is not None:
        raise ValidationError("Give a target per day or a total target, not both.")
    if per_day is None and total is None:
        per_day, total = default_per_day, default_total
    target_per_day = None if per_day is None else check_target(per_day, "target per day", MAX_DAILY)
    target_total = None if total is None else check_target(total, "total target", MAX_TOTAL)
    if target_per_day is None and target_total is None:
        raise ValidationError("A challenge needs a target: give a target per day or a total.")

    chans = default_channels if channels is None else parse_channels(channels, known_channels)
    if rest is None:
        rest_days = default_rest
    else:
        rest_days = parse_weekdays(rest if not isinstance(rest, str) or rest.strip().lower() != "none" else "")
    if len(rest_days) == 7:
        raise ValidationError("Every weekday cannot be a rest day; keep at least one working day.")
    if not any(d.weekday() not in rest_days for d in days_in(start_d, min(end_day(start_d, length), start_d + timedelta(days=6)))):
        raise ValidationError("Every day of this challenge is a rest day; keep at least one working day.")

    if cap is None:  # not given: the preset's cap; 0 given: no cap
        if preset == "pitch-sprint":
            cap = sprint_cap(target_total, target_per_day, length, rest_days)
        else:
            cap = default_cap
    else:
        cap = check_count(cap, "daily cap", minimum=0)
    daily_cap = cap or None
    if daily_cap is not None and target_per_day is not None and daily_cap < target_per_day:
        raise ValidationError(
            f"The daily cap ({daily_cap}) is below the target per day ({target_per_day}); "
            "raise the cap or lower the target."
        )
    if daily_cap is not None and target_total is not None and daily_cap * working_days(start_d, end_day(start_d, length), rest_days) < target_total:
        raise ValidationError(
            f"With a cap of {daily_cap} a day the total of {target_total} cannot be reached; raise the cap or lower the total."
        )
    return ChallengeSpec(
        preset=preset,
        name=clean_name(name, "challenge name") if name and name.strip() else title,
        start_day=start_d,
        length_days=length,
        target_per_day=target_per_day,
        target_total=target_total,
        channels=chans,
        rest_weekdays=tuple(rest_days),
        daily_cap=daily_cap,
        effort_only=default_effort if effort_only is None else bool(effort_only),
    )


def check_target(value: object, what: str, maximum: int) -> int:
    n = check_count(value, what, minimum=-(10**9), maximum=10**12)
    if n < 0:
        raise ValidationError(f"The {what} cannot be below zero; give a number of attempts from 1 to {maximum:,}.")
    if n == 0:
        raise ValidationError(f"A {what} of 0 would be done before it starts; give at least 1.")
    if n > maximum:
        raise ValidationError(f"The {what} of {n:,} is more than the most allowed ({maximum:,}).")
    return n


def check_length(length: int) -> int:
    if not MIN_DAYS <= length <= MAX_DAYS:
        raise ValidationError(
            f"A challenge of {length:,} days is not possible; choose from {MIN_DAYS} to {MAX_DAYS:,} days."
        )
    return length


def sprint_cap(total: int | None, per_day: int | None, length: int, rest: Iterable[int] = ()) -> int:
    """The sprint's default cap: twice the even pace (40 in 14 days → 3 a day → cap 6)."""
    pace = per_day if per_day else math.ceil((total or 0) / max(1, length))
    return max(2, 2 * pace)


# ---------------------------------------------------------------- progress math


def working_days(start: date, end: date, rest_weekdays: Iterable[int] = (), rest_days: Iterable[date] = ()) -> int:
    is_rest = rest_rule(rest_weekdays, rest_days)
    return sum(1 for d in days_in(start, end) if not is_rest(d))


def rest_rule(rest_weekdays: Iterable[int] = (), rest_days: Iterable[date] = ()) -> Callable[[date], bool]:
    weekdays, single = frozenset(rest_weekdays), frozenset(rest_days)
    return lambda d: d.weekday() in weekdays or d in single


def day_target(target_per_day: int | None) -> int:
    """What makes a day count: the per-day target, or one attempt when there is only a total."""
    return target_per_day or 1


def total_target(target_per_day: int | None, target_total: int | None, start: date, end: date,
                 rest_weekdays: Iterable[int] = (), rest_days: Iterable[date] = ()) -> int:
    if target_total is not None:
        return target_total
    return (target_per_day or 1) * working_days(start, end, rest_weekdays, rest_days)


def day_number(start: date, length: int, today: date) -> int:
    """X in "day X of N": 0 before the start, N after the end."""
    return max(0, min(length, (today - start).days + 1))


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
) -> Progress:
    """Where a challenge stands on ``today`` from its per-day attempt counts."""
    rest_days = tuple(rest_days)
    is_rest = rest_rule(rest_weekdays, rest_days)
    last = end_day(start, length)
    state = "upcoming" if today < start else "finished" if today > last else "running"
    # Only days of the box seen so far count (an abandoned challenge stops on its last day).
    in_box = {d: n for d, n in counts.items() if start <= d <= min(last, today)}
    attempts = sum(in_box.values())
    target = total_target(target_per_day, target_total, start, last, rest_weekdays, rest_days)
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
        elif d < today:
            missed += 1
    current = longest = 0
    if seen_until >= start:
        streak = compute_streak(in_box, seen_until, goal_for=need_day, is_rest=is_rest, start=start)
        longest = streak.longest
        current = streak.current if state == "running" else 0
    remaining = max(0, target - attempts)
    first_left = max(today, start)
    days_left = working_days(first_left, last, rest_weekdays, rest_days) if first_left <= last else 0
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


def check_extension(days: object, length: int, extended: int) -> int:
    n = check_count(days, "number of extra days", minimum=1, maximum=MAX_DAYS)
    if length + extended + n > MAX_DAYS:
        raise ValidationError(
            f"Extending by {n} days would make the challenge {length + extended + n} days long; "
            f"the most is {MAX_DAYS:,}."
        )
    return n


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
