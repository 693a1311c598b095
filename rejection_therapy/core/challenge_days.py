"""A challenge's calendar: its last day, its length, working and rest days, and the dates
the presets are built on (quarter ends, a month from a day). Pure date arithmetic on local
calendar days, so daylight-saving changes never add or drop one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from .days import FIRST_DAY, LAST_DAY, WEEKDAY_NAMES, calendar_day, days_in, in_calendar, rest_rule

# A challenge lasts 1 to 1,000 days, extensions included (checked when one is started,
# extended or imported). A stored row outside that range is read as the nearest length in
# it, so a damaged value never crashes the date arithmetic.
MIN_DAYS, MAX_DAYS = 1, 1000


def _month_len(year: int, month: int) -> int:
    import calendar  # not at import: the quick ``today`` does not need it

    return calendar.monthrange(year, month)[1]


def quarter_end(day: date) -> date:
    last_month = ((day.month - 1) // 3) * 3 + 3
    return date(day.year, last_month, _month_len(day.year, last_month))


def quarter_label(day: date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def month_length_from(start: date) -> int:
    """Days from ``start`` up to the day before the same date next month (a calendar month
    when ``start`` is the 1st)."""
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    nxt = date(year, month, min(start.day, _month_len(year, month)))
    return (nxt - start).days


def month_title(start: date, length: int) -> str:
    if start.day == 1 and length == _month_len(start.year, start.month):
        return f"Call-quota month {start:%B %Y}"
    last = end_day(start, length)
    return f"Call-quota month {start:%b} {start.day} to {last:%b} {last.day}"


def stored_lengths(length_days: int, extended_days: int | None) -> tuple[int, int]:
    """A stored (length, extension) read into the documented range: length 1–1,000, the
    extension 0 up to what keeps the whole within 1,000 days."""
    length = min(max(length_days, MIN_DAYS), MAX_DAYS)
    return length, min(max(extended_days or 0, 0), MAX_DAYS - length)


def stored_start(start_day: date) -> date:
    """A stored first day read into the app's calendar (days.calendar_day): a challenge
    stored as starting in year 9999 (or 1) reads as starting on its last (or first) day, so
    its last day, its day walks and its queries never run off the calendar."""
    return calendar_day(start_day)


def end_day(start_day: date, length_days: int, extended_days: int = 0) -> date:
    """The last day of a challenge, from its stored start and lengths read into range."""
    return stored_start(start_day) + timedelta(days=sum(stored_lengths(length_days, extended_days)) - 1)


def stored_damage(start_day: date, length_days: int, extended_days: int | None) -> str | None:
    """What is out of range in a stored challenge (for ``doctor``), or None: the app reads
    such a row with ``stored_start`` and ``stored_lengths``."""
    if not in_calendar(start_day):
        return (f"starts on {start_day.isoformat()}, outside {FIRST_DAY.year}-{LAST_DAY.year}; "
                f"read as starting on {stored_start(start_day).isoformat()}")
    if stored_lengths(length_days, extended_days) != (length_days, extended_days or 0):
        return (f"lasts {length_days} days extended by {extended_days or 0}, outside {MIN_DAYS}-{MAX_DAYS:,} "
                f"days; read as {sum(stored_lengths(length_days, extended_days))} days")
    return None


def span_days(start: date, end: date) -> int:
    """Number of local days from start to end, both included (calendar arithmetic: DST-proof)."""
    return (end - start).days + 1


def format_weekdays(weekdays: Iterable[int]) -> str:
    return ",".join(WEEKDAY_NAMES[d][:3] for d in sorted(weekdays))


def working_days(start: date, end: date, rest_weekdays: Iterable[int] = (), rest_days: Iterable[date] = (),
                 no_time: Callable[[date], bool] | None = None) -> int:
    """Days from start to end that are neither rest days nor days with no time in them."""
    is_rest = rest_rule(rest_weekdays, rest_days)
    skipped = no_time or (lambda _d: False)
    return sum(1 for d in days_in(start, end) if not is_rest(d) and not skipped(d))


def day_number(start: date, length: int, today: date) -> int:
    """X in "day X of N": 0 before the start, N after the end."""
    return max(0, min(length, (today - start).days + 1))
