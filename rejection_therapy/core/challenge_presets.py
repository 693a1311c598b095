"""Challenge presets and validation: what each preset fills in, and the checks that turn
what the user typed into a ``ChallengeSpec`` (one plain sentence for the first problem)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .challenge_days import (
    MAX_DAYS,
    MIN_DAYS,
    end_day,
    month_length_from,
    month_title,
    quarter_end,
    quarter_label,
    span_days,
    working_days,
)
from .days import days_in, parse_date, parse_weekdays
from .errors import ValidationError
from .goals import MAX_DAILY, check_count
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


def _opt_int(value: int | str | None) -> int | str | None:
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


def check_extension(days: object, length: int, extended: int) -> int:
    n = check_count(days, "number of extra days", minimum=1, maximum=MAX_DAYS)
    if length + extended + n > MAX_DAYS:
        raise ValidationError(
            f"Extending by {n} days would make the challenge {length + extended + n} days long; "
            f"the most is {MAX_DAYS:,}."
        )
    return n


def check_not_over(spec: ChallengeSpec, today: date) -> date:
    """A new challenge must still have a day to come; returns its last day."""
    end = end_day(spec.start_day, spec.length_days)
    if end < today:
        raise ValidationError(f"That challenge would have ended on {end}, before today; choose a later start.")
    return end
