"""Local days: which day an instant counts for.

An attempt belongs to the local calendar day of its instant in the user's time zone, shifted
by the day-start hour: with a 04:00 start, a call at 01:30 counts for the evening before.
The wall clock is used, so daylight-saving changes never count a day twice or skip one.
The day is computed once, when the attempt is logged, and stored; it never moves afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache, lru_cache

from .errors import ValidationError
from .numbers import MAX_YEAR, MIN_YEAR

DEFAULT_DAY_START_HOUR = 4
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# The app's calendar: the days of the documented years (core.numbers). Every day the app
# writes falls in it; a stored day outside it (raw SQL, another program: year 1 or 9999)
# is damaged. Day arithmetic reads such a day as the nearest one in the calendar (or leaves
# it out of day walks), so it can never run off Python's calendar; ``doctor`` names the rows.
FIRST_DAY, LAST_DAY = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)


def in_calendar(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def calendar_day(day: date) -> date:
    """A stored day read into the app's calendar: itself, or the nearest day in it."""
    return min(max(day, FIRST_DAY), LAST_DAY)


def local_time(instant: datetime, tz_name: str) -> datetime:
    """A stored ``instant`` on the wall clock of the zone ``tz_name``, for display. It is
    shown in UTC when the stored zone is unknown, or when it lies at the very edge of
    Python's calendar (a damaged row in year 1 or 9999) and its local time would fall off it.
    A naive instant is read as UTC."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    try:
        return as_utc(instant).astimezone(zone(tz_name))
    except (ValidationError, OverflowError):
        return as_utc(instant)


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """The time zone called ``name``, or a ValidationError that says what to do."""
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("The time zone cannot be empty; use a name like Europe/London.")
    if name.upper() == "UTC":
        return UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # here: a UTC user never pays its import

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationError(
            f"Unknown time zone {name!r}; use a name like America/New_York or Europe/London."
        ) from None


def system_zone_name() -> str:
    """Best guess of the machine's IANA zone name, falling back to UTC."""
    import os

    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        try:
            zone(tz)
            return tz
        except ValidationError:
            pass
    try:
        target = os.path.realpath("/etc/localtime")
        marker = "zoneinfo/"
        if marker in target:
            name = target.split(marker, 1)[1]
            zone(name)
            return name
    except (OSError, ValidationError):
        pass
    return "UTC"


def check_day_start_hour(hour: int) -> int:
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ValidationError("The day-start hour must be a whole number from 0 to 23.")
    return hour


def as_utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return instant.astimezone(UTC)


def local_day(instant: datetime, tz_name: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The day ``instant`` counts for in ``tz_name`` with days starting at ``day_start_hour``."""
    local = as_utc(instant).astimezone(zone(tz_name))
    if local.hour < day_start_hour:
        return local.date() - timedelta(days=1)
    return local.date()


def day_start_instant(day: date, tz_name: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> datetime:
    """The UTC instant at which ``day`` begins: the first instant whose wall clock reads
    ``day_start_hour`` on ``day`` or later, so it agrees with ``local_day``.

    If the start hour falls in a DST gap, the day starts where the gap ends. For a one-hour
    gap that is what zoneinfo gives for fold=0; for a skipped calendar day (Pacific/Apia,
    2011-12-30) fold=0 lands far past the gap, so the gap's end is searched for.
    """
    tz = zone(tz_name)
    naive = datetime(day.year, day.month, day.day, day_start_hour)
    early = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if early.astimezone(tz).replace(tzinfo=None) == naive:
        return early
    late = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    lo, hi = min(early, late), max(early, late)
    # The wall time does not exist: find the first instant at or past it (to the second).
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(tz).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid
    return hi.replace(microsecond=0)


def day_bounds(day: date, tz_name: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> tuple[datetime, datetime]:
    """[start, end) in UTC of a local day."""
    return (
        day_start_instant(day, tz_name, day_start_hour),
        day_start_instant(day + timedelta(days=1), tz_name, day_start_hour),
    )


def bounds_rule(tz_name: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> Callable[[date], tuple[datetime, datetime]]:
    """``day_bounds`` for many days of one zone (the repairable streak asks for ~240): each
    day's start is worked out once, and a day ends where the next one starts."""

    @cache
    def start(day: date) -> datetime:
        return day_start_instant(day, tz_name, day_start_hour)

    return lambda day: (start(day), start(day + timedelta(days=1)))


# A day that lasts less than half a day is a day the calendar skipped: only a change of date
# line (Pacific/Apia, 2011-12-30; Kwajalein, 1993-08-21) makes one, never daylight saving
# (at most two hours). With the day-start hour the skip can fall on a stub of a day
# (Apia with days starting at 04:00: 2011-12-30 is the four hours after midnight of 12-31).
# With days starting at noon the skip leaves two half days: the second one is the skipped one.
SKIPPED_DAY_MAX = timedelta(hours=12)


@lru_cache(maxsize=256)
def _skipped_days_of_year(year: int, tz_name: str, day_start_hour: int) -> frozenset[date]:
    tz = zone(tz_name)
    if tz is UTC or not MIN_YEAR <= year <= MAX_YEAR:  # outside the calendar nothing is skipped
        return frozenset()
    first, last = date(year, 1, 1), date(year, 12, 31)
    # Fast exit: a year whose UTC offset never moves by more than a few hours skips nothing.
    probes = [datetime(year - 1, 12, 30, tzinfo=UTC), datetime(year + 1, 1, 3, tzinfo=UTC)]
    probes += [datetime(year, m, d, tzinfo=UTC) for m in range(1, 13) for d in (1, 15)]
    offsets = [p.astimezone(tz).utcoffset() or timedelta(0) for p in probes]
    if max(offsets) - min(offsets) < timedelta(hours=6):
        return frozenset()
    return frozenset(d for d in days_in(first, last) if day_has_no_time(d, tz_name, day_start_hour))


def day_has_no_time(day: date, tz_name: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> bool:
    """True when the local day ``day`` has no time in it (or only a stub of a day): the
    calendar skipped it, so it can neither break a streak nor count as a missed day."""
    length = _length(day, tz_name, day_start_hour)
    if length < SKIPPED_DAY_MAX:
        return True
    return length == SKIPPED_DAY_MAX and _length(day - timedelta(days=1), tz_name, day_start_hour) <= SKIPPED_DAY_MAX


def _length(day: date, tz_name: str, day_start_hour: int) -> timedelta:
    start, end = day_bounds(day, tz_name, day_start_hour)
    return end - start


def no_time_rule(tz_name: str, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> Callable[[date], bool]:
    """``day_has_no_time`` for one zone and day start, fast enough to ask of every day."""
    try:
        zone(tz_name)
    except ValidationError:
        return lambda _d: False
    return lambda d: d in _skipped_days_of_year(d.year, tz_name, day_start_hour)


def today(tz_name: str, day_start_hour: int, now: datetime) -> date:
    """The local day that ``now`` falls in (callers pass the app clock's now)."""
    return local_day(now, tz_name, day_start_hour)


def days_in(start: date, end: date) -> Iterator[date]:
    """Every day from start to end, both included."""
    current = start
    while current <= end:
        yield current
        current += timedelta(days=1)


def rest_rule(rest_weekdays: Iterable[int] = (), rest_days: Iterable[date] = ()) -> Callable[[date], bool]:
    """Whether a day is a rest day: one of the weekdays off, or a single day marked as rest."""
    weekdays, single = frozenset(rest_weekdays), frozenset(rest_days)
    return lambda d: d.weekday() in weekdays or d in single


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week containing ``day`` (0 = Monday … 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


_DATE_RE = r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$"  # compiled on first use (start-up of the quick log and today, issue 12)


def parse_date(text: str, field: str = "date") -> date:
    """Parse YYYY-MM-DD strictly; 'today' and 'tomorrow' are not handled here."""
    if isinstance(text, date):
        return text
    match = re.match(_DATE_RE, text or "")
    if not match:
        raise ValidationError(f"The {field} {text!r} is not a date; write it as YYYY-MM-DD.")
    year, month, day = (int(g) for g in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValidationError(f"The {field} {text.strip()} does not exist in the calendar.") from None
    if not 1900 <= value.year <= 2200:
        raise ValidationError(f"The {field} {text.strip()} is too far from today to be useful.")
    return value


def parse_weekdays(values: str | Iterable[str] | Iterable[int] | None) -> tuple[int, ...]:
    """'sat,sun' or [5, 6] → (5, 6)."""
    if values is None or values == "":
        return ()
    items: Iterable[str | int] = (
        [v for v in re.split(r"[,\s]+", values) if v] if isinstance(values, str) else values
    )
    result: set[int] = set()
    for value in items:
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value <= 6:
                raise ValidationError("Weekdays are numbered 0 (Monday) to 6 (Sunday).")
            result.add(value)
            continue
        text = str(value).strip().lower()
        if text in ("0", "1", "2", "3", "4", "5", "6"):
            result.add(int(text))
            continue
        matches = [i for i, name in enumerate(WEEKDAY_NAMES) if len(text) >= 2 and name.startswith(text)]
        if len(matches) != 1:
            raise ValidationError(f"{value!r} is not a weekday; use mon, tue, wed, thu, fri, sat or sun.")
        result.add(matches[0])
    return tuple(sorted(result))
