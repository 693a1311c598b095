"""Dates as people type them, and the instant of a backdated attempt.

ISO dates (``2026-11-17``) go through ``days.parse_date``; this module is imported only
when the text is something else. It is a small parser of our own (no dependency): the
libraries on offer were either unmaintained (parsedatetime, last release 2020) or heavy and
wall-clock bound (dateparser). It understands::

    today, yesterday, tomorrow, mon … sunday, last friday, next monday,
    -3d, +2d, -2w, 3 days ago, 2 weeks ago

A bare weekday means the most recent one (today included) when looking back (``log``,
``list``) and the next one (today included) when looking ahead (a follow-up date).

Backdating rule: a date without a time is placed at noon local time (or the middle of the
local day when noon belongs to another day because of a late day-start hour), the day rule
then decides the day from that instant and the time zone. The future is refused, so is a
wall time that a DST change skips, and so is a day more than BACKDATE_GRACE_DAYS before the
profile's first day.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from . import days
from .errors import ValidationError

BACKDATE_GRACE_DAYS = 30
_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*([dw])$")
_AGO = re.compile(r"^(\d{1,4})\s*(days?|weeks?)\s+ago$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_ISO_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")

HINT = "write YYYY-MM-DD, today, yesterday, a weekday, last friday or -3d"


def _weekday(word: str) -> int | None:
    word = word.strip().lower()
    matches = [i for i, name in enumerate(days.WEEKDAY_NAMES) if len(word) >= 3 and name.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def parse_day(text: str | date, today: date, field: str = "date", ahead: bool = False) -> date:
    """A typed day relative to ``today`` (ISO strictly; natural words as documented above)."""
    if isinstance(text, date):
        return text
    raw = (text or "").strip()
    if _ISO_DAY.match(raw):
        return days.parse_date(raw, field)
    word = " ".join(raw.lower().split())
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":
        return today + timedelta(days=1)
    m = _RELATIVE.match(word)
    if m:
        n = int(m.group(2)) * (7 if m.group(3) == "w" else 1)
        return today + timedelta(days=n if m.group(1) == "+" else -n)
    m = _AGO.match(word)
    if m:
        n = int(m.group(1)) * (7 if m.group(2).startswith("week") else 1)
        return today - timedelta(days=n)
    parts = word.split(" ")
    wd = _weekday(parts[1]) if len(parts) == 2 and parts[0] in ("last", "next", "this") else None
    if wd is not None:
        if parts[0] == "last":
            return today - timedelta(days=(today.weekday() - wd - 1) % 7 + 1)
        if parts[0] == "next":
            return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)
        parts = parts[1:]  # "this friday": as a bare weekday
    wd = _weekday(parts[0]) if len(parts) == 1 else None
    if wd is not None:
        if ahead:
            return today + timedelta(days=(wd - today.weekday()) % 7)
        return today - timedelta(days=(today.weekday() - wd) % 7)
    raise ValidationError(f"The {field} {raw!r} is not a date I understand; {HINT}.")


def parse_time(text: str) -> time:
    m = _TIME.match((text or "").strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValidationError(f"The time {text!r} is not a time; write it as HH:MM (24-hour), like 09:30.")
    return time(int(m.group(1)), int(m.group(2)))


def split_when(text: str) -> tuple[str, str | None]:
    """'2026-11-17 09:30' / 'yesterday 18:00' / 'last fri' → (day text, time text or None)."""
    raw = " ".join((text or "").split())
    if " " in raw and _TIME.match(raw.rsplit(" ", 1)[1]):
        day_text, time_text = raw.rsplit(" ", 1)
        return day_text, time_text
    if _TIME.match(raw):
        return "today", raw
    return raw, None


def wall_instant(day: date, at: time, tz_name: str) -> datetime:
    """The UTC instant of a wall time; a wall time skipped by a DST change is refused."""
    zone = days.zone(tz_name)
    local = datetime.combine(day, at).replace(tzinfo=zone)
    instant = local.astimezone(UTC)
    back = instant.astimezone(zone)
    if (back.date(), back.hour, back.minute) != (day, at.hour, at.minute):
        raise ValidationError(
            f"{day.isoformat()} {at:%H:%M} does not exist in {tz_name} (the clocks skipped it); pick another time."
        )
    return instant


def default_instant(day: date, tz_name: str, day_start_hour: int) -> datetime:
    """Noon of ``day``, or the middle of the local day when noon counts for another day."""
    noon = wall_instant(day, time(12, 0), tz_name) if _exists(day, time(12, 0), tz_name) else None
    if noon is not None and days.local_day(noon, tz_name, day_start_hour) == day:
        return noon
    start, end = days.day_bounds(day, tz_name, day_start_hour)
    return start + (end - start) / 2


def _exists(day: date, at: time, tz_name: str) -> bool:
    try:
        wall_instant(day, at, tz_name)
    except ValidationError:
        return False
    return True


def first_allowed_day(first_day: date | None) -> date | None:
    return first_day - timedelta(days=BACKDATE_GRACE_DAYS) if first_day else None


def instant_for(
    when: str, tz_name: str, day_start_hour: int, now: datetime, first_day: date | None,
) -> datetime:
    """The instant of a backdated attempt typed as ``when`` ('yesterday', '2026-11-17 09:30').

    ``first_day`` is the profile's first day (the day it was created)."""
    today = days.local_day(now, tz_name, day_start_hour)
    day_text, time_text = split_when(when)
    if time_text is not None and day_text.strip().lower() == "today":
        # "today 01:30" (or --time alone) is today's calendar date: after midnight but before
        # the day-start hour, that is the date after the day in progress.
        day = days.as_utc(now).astimezone(days.zone(tz_name)).date()
    else:
        day = parse_day(day_text, today, "date")
    if day > today and time_text is None:
        raise ValidationError(f"{day.isoformat()} is in the future; an attempt can only be logged once it happened.")
    if time_text is None:
        instant = now if day == today else default_instant(day, tz_name, day_start_hour)
    else:
        instant = wall_instant(day, parse_time(time_text), tz_name)
        if instant > now:
            raise ValidationError(f"{day.isoformat()} {time_text} is in the future; "
                                  "an attempt can only be logged once it happened.")
    earliest = first_allowed_day(first_day)
    counted = days.local_day(instant, tz_name, day_start_hour)
    if first_day is not None and earliest is not None and counted < earliest:
        raise ValidationError(
            f"{counted.isoformat()} is more than {BACKDATE_GRACE_DAYS} days before this profile's first day "
            f"({first_day.isoformat()}); import older history with 'import' instead."
        )
    return instant



# ---------------------------------------------------------------- ISO weeks (the weekly review)

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_week(text: str) -> tuple[date, date]:
    """'2026-W47' → (Monday, Sunday) of that ISO week."""
    m = _WEEK.match(text or "")
    if not m:
        raise ValidationError(f"The week {text!r} is not a week; write it as YYYY-Www, like 2026-W47.")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        start = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValidationError(f"The week {text.strip()} does not exist (year {year} has no week {week}).") from None
    if not 1900 <= year <= 2200:
        raise ValidationError(f"The week {text.strip()} is too far from today to be useful.")
    return start, start + timedelta(days=6)


def is_week_key(text: str) -> bool:
    return bool(_WEEK.match(text or ""))


def previous_week(key: str) -> str:
    start, _ = parse_week(key)
    return week_key(start - timedelta(days=7))
